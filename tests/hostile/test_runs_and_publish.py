"""Rebuilds never unpublish, and no run goes unrecorded: failed and killed refreshes land in
meta.runs, old run folders are pruned, Prefect's home stays under data/, and the demo swaps its
warehouse in atomically while readers keep reading (issue 9, items 4 and 7)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from crawlers.replay import ReplayServer
from tests.conftest import DEMO_END, REPO, run_cli, use_prefect_server
from tests.faultserver import FaultServer, Reply
from warehouse import queries
from warehouse.connect import read_only
from warehouse.runs import RunMarker, marker_outcome, prune_run_folders, read_marker


def _env(data_dir: Path, base_url: str, **extra: str) -> dict:
    return {"SKILLPULSE_DATA_DIR": str(data_dir), "SKILLPULSE_SOURCES": '["remotive"]',
            "SKILLPULSE_BASE_URLS": json.dumps({"remotive": base_url}), "SKILLPULSE_CRAWL_RETRIES": "0",
            **extra}


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.mark.slow
def test_failed_and_killed_runs_are_recorded_by_the_next_publish_and_old_folders_pruned(remotive_archive, tmp_path):
    data = tmp_path / "data"
    db = data / "skillpulse.duckdb"
    with ReplayServer(remotive_archive) as server:
        run_cli("refresh", env=_env(data, server.base_url, SKILLPULSE_KEEP_RUNS="2"))
    published = db.read_bytes()

    # 1. a run that fails: nothing listens on port 9, every source fails. Prefect's home is not
    # set here, so it must land under the data folder, not in ~/.prefect.
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_HOME"}
    env.update(_env(data, "http://127.0.0.1:9", SKILLPULSE_KEEP_RUNS="2"))
    failed = subprocess.run([sys.executable, "-m", "flows.cli", "refresh"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=600)
    assert failed.returncode != 0 and db.read_bytes() == published
    assert (data / "prefect").is_dir()

    # 2. a run killed mid-crawl (SIGKILL: no finally, no word): the source never answers in time
    slow = FaultServer({"/api/remote-jobs": [Reply(200, b"{}", delay=120)]})
    with slow:
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "refresh"], cwd=REPO,
                                env={**os.environ, **_env(data, slow.base_url, SKILLPULSE_KEEP_RUNS="2",
                                                          SKILLPULSE_CRAWL_TIMEOUT_S="300")},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        _wait_for(lambda: slow.requests, 120, "the killed run to reach its crawl")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert db.read_bytes() == published

    # 3. the next good run publishes and puts both on record
    with ReplayServer(remotive_archive) as server:
        completed = run_cli("refresh", env=_env(data, server.base_url, SKILLPULSE_KEEP_RUNS="2"))
    result = json.loads(completed.stdout[completed.stdout.index("{"):])
    assert len(result["runs_recorded"]) == 2
    with read_only(db) as con:
        runs = con.execute("SELECT status, stage_reached, error FROM meta.runs ORDER BY started_at").fetchall()
    assert [r[:2] for r in runs] == [("success", "publish"), ("failed", "crawl"), ("killed", "crawl"),
                                     ("success", "publish")]
    assert "every source failed" in runs[1][2]
    assert "stopped without reporting an error" in runs[2][2]
    fresh = queries.data_as_of(db)
    assert fresh.status == "success" and fresh.failed_runs_since == 2
    # retention: the newest two run folders stay, older ones (all on record now) are gone
    folders = sorted(p.name for p in (data / "runs").iterdir())
    assert len(folders) == 2 and folders[-1] == result["run_id"]


def test_pruning_keeps_the_newest_and_anything_not_yet_on_record(tmp_path):
    runs = tmp_path / "runs"
    started = __import__("datetime").datetime(2026, 11, 1)
    ids = [f"2026110{i}T000000Z-aaaaa{i}" for i in range(1, 7)]
    markers = {}
    for run_id in ids:
        (runs / run_id).mkdir(parents=True)
        markers[run_id] = RunMarker(runs / run_id, run_id, started, "refresh")
    markers[ids[0]].published()
    markers[ids[1]].failed(RuntimeError("boom"))  # failed, not yet recorded: must stay
    markers[ids[2]].published()
    (runs / "20261031T000000Z-legacy").mkdir()  # a folder from before markers existed
    # ids[3] is "running" with this very process's pid: alive, so never pruned
    removed = prune_run_folders(runs, keep=2, on_record={ids[0], ids[2]})
    assert sorted(p.name for p in removed) == ["20261031T000000Z-legacy", ids[0], ids[2]]
    assert sorted(p.name for p in runs.iterdir()) == [ids[1], ids[3], ids[4], ids[5]]
    assert marker_outcome(read_marker(runs / ids[3])) is None  # still running (it is us)
    assert marker_outcome(read_marker(runs / ids[1])) == "failed"
    dead = read_marker(runs / ids[4]) | {"pid": 2**22 + 7, "process_start": "1"}
    assert marker_outcome(dead) == "killed"


@pytest.mark.slow
def test_demo_rebuild_never_unpublishes_even_when_killed(demo_warehouse, tmp_path):
    data = tmp_path / "data"
    published = data / "demo" / "skillpulse-demo.duckdb"
    published.parent.mkdir(parents=True)
    shutil.copy(demo_warehouse, published)
    before = published.read_bytes()

    failures: list[str] = []
    reads = 0
    stop = threading.Event()

    def reader() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                assert queries.data_as_of(published).postings_total > 0
                reads += 1
            except Exception as exc:  # noqa: BLE001 - every failure is what this test counts
                failures.append(repr(exc))
            time.sleep(0.05)

    use_prefect_server()
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        args = [sys.executable, "-m", "flows.cli", "demo", "--build-only", "--end-date", DEMO_END]
        env = {**os.environ, "SKILLPULSE_DATA_DIR": str(data)}
        # killed while building: the published demo is untouched
        proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        _wait_for(lambda: any(published.parent.glob("skillpulse-demo.duckdb.fresh-*.building-*")), 300,
                  "the demo to start building")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert published.read_bytes() == before
        # rebuilt to the end while readers read: they see the old demo, then the new one, never none
        completed = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
        assert completed.returncode == 0, completed.stderr[-3000:]
        assert Path(completed.stdout.strip().splitlines()[-1]) == published
    finally:
        stop.set()
        thread.join(timeout=10)
    assert failures == [] and reads > 50
    assert published.read_bytes() != before and queries.data_as_of(published).postings_total > 2000
    assert not list(published.parent.glob("skillpulse-demo.duckdb.fresh-*"))
