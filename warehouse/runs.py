"""Run bookkeeping: ``meta.runs`` (one row per run, published or not), ``meta.source_runs`` (one
per source crawled) and the run's own marker file.

A run that fails or is killed publishes nothing, so it cannot write its row into the warehouse it
was building. Instead every run keeps ``run.json`` in its folder (``DATA_DIR/runs/<run_id>/``),
rewritten atomically at each stage and on failure; the next run that publishes records every
earlier run that did not (status failed, or killed when its process is gone without a word).
Old run folders are pruned, but only once their run is on record.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import traceback
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from warehouse.quarantine import load_quarantine

RUN_MARKER = "run.json"
STAGES = ("crawl", "load", "extract", "marts", "publish")


def record_run(con: duckdb.DuckDBPyConnection, *, run_id: str, started_at: datetime, status: str,
               postings_new: int, postings_extracted: int, taxonomy_version: str,
               extractor_version: str, sources: dict[str, dict],
               quarantine_files: Iterable[Path] = ()) -> int:
    """Insert the run, its per-source rows and its quarantine; returns the postings in the
    warehouse after it."""
    total = con.execute("SELECT count(*) FROM core.postings").fetchall()[0][0]
    failed = [s for s, info in sources.items() if info.get("status") != "ok"]
    note = f"failed sources: {', '.join(failed)}" if failed else None
    counts = load_quarantine(con, quarantine_files, run_id)
    con.execute(
        """INSERT INTO meta.runs (run_id, started_at, finished_at, status, postings_total, postings_new,
                                  postings_extracted, taxonomy_version, extractor_version, note,
                                  quarantined, repaired, stage_reached, error)
           VALUES (?, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, 'publish', NULL)""",
        [run_id, started_at, status, total, postings_new, postings_extracted,
         taxonomy_version, extractor_version, note, counts["dropped"],
         counts["truncated"] + counts["repaired"]],
    )
    rows = [
        (run_id, source, info.get("status", "ok"), info.get("items"), info.get("errors"),
         info.get("seconds"), json.dumps(info.get("field_problems", {})))
        for source, info in sources.items()
    ]
    # A handful of sources per run: executemany over a few rows is not a bulk path worth a file.
    if rows:  # a re-extraction crawls nothing
        con.executemany("INSERT INTO meta.source_runs VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return int(total)


# ---- the run's marker file


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return None


def _process_start(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (field 22 of /proc/PID/stat): with the
    boot id, it tells a live run from a dead one whose pid was reused."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


class RunMarker:
    """``run.json`` of one run: who runs it, the stage it reached, how it ended."""

    def __init__(self, work_dir: Path, run_id: str, started_at: datetime, flow: str) -> None:
        self.path = Path(work_dir) / RUN_MARKER
        self.state = {
            "run_id": run_id, "flow": flow, "started_at": started_at.isoformat(),
            "status": "running", "stage": STAGES[0] if flow != "reextract" else "extract",
            "error": None, "pid": os.getpid(), "host": socket.gethostname(),
            "boot_id": _boot_id(), "process_start": _process_start(os.getpid()),
            "updated_at": _now(),
        }
        self._write()

    def _write(self) -> None:
        self.state["updated_at"] = _now()
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(self.state, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    def stage(self, name: str) -> None:
        self.state["stage"] = name
        self._write()

    def failed(self, exc: BaseException) -> None:
        self.state["status"] = "failed"
        lines = traceback.format_exception_only(type(exc), exc)
        self.state["error"] = " ".join(line.strip() for line in lines)[:2000]
        self._write()

    def published(self) -> None:
        self.state["status"] = "published"
        self.state["stage"] = "publish"
        self._write()


def read_marker(run_dir: Path) -> dict | None:
    try:
        return json.loads((Path(run_dir) / RUN_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def marker_outcome(marker: dict) -> str | None:
    """failed / killed for a run that ended without publishing; None while it may still run
    (or when it published)."""
    status = marker.get("status")
    if status == "failed":
        return "failed"
    if status != "running":
        return None
    if marker.get("host") not in (None, socket.gethostname()):
        return None  # another machine's run: only it knows
    pid = marker.get("pid")
    same_boot = marker.get("boot_id") is None or marker.get("boot_id") == _boot_id()
    if same_boot and isinstance(pid, int) and _process_start(pid) is not None \
            and _process_start(pid) == marker.get("process_start"):
        return None  # still running
    return "killed"


def record_unpublished_runs(con: duckdb.DuckDBPyConnection, runs_dir: Path, current_run_id: str) -> list[str]:
    """Record in meta.runs every earlier run under ``runs_dir`` that ended without publishing
    (failed or killed) and is not on record yet; returns their run ids."""
    runs_dir = Path(runs_dir)
    if not runs_dir.is_dir():
        return []
    known = {r[0] for r in con.execute("SELECT run_id FROM meta.runs").fetchall()}
    recorded = []
    for run_dir in sorted(p for p in runs_dir.iterdir() if p.is_dir()):
        marker = read_marker(run_dir)
        if not marker or marker.get("run_id") in known or marker.get("run_id") == current_run_id:
            continue
        outcome = marker_outcome(marker)
        if outcome is None:
            continue
        error = marker.get("error") or ("the process stopped without reporting an error "
                                        "(killed, out of memory or the machine went down)")
        con.execute(
            """INSERT INTO meta.runs (run_id, started_at, finished_at, status, stage_reached, error, note)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [marker["run_id"], marker.get("started_at"), marker.get("updated_at"), outcome,
             marker.get("stage"), error, f"{marker.get('flow', 'refresh')} published nothing"],
        )
        recorded.append(marker["run_id"])
    return recorded


def prune_run_folders(runs_dir: Path, keep: int, on_record: set[str]) -> list[Path]:
    """Delete run folders beyond the newest ``keep``, but only runs already on record (published,
    or recorded as failed/killed) and never one that may still be running; returns those deleted."""
    runs_dir = Path(runs_dir)
    if not runs_dir.is_dir():
        return []
    folders = sorted((p for p in runs_dir.iterdir() if p.is_dir()), key=lambda p: p.name, reverse=True)
    removed = []
    for folder in folders[max(0, keep):]:
        marker = read_marker(folder)
        run_id = (marker or {}).get("run_id", folder.name)
        if marker is not None and marker.get("status") == "running" and marker_outcome(marker) is None:
            continue
        if run_id in on_record or (marker or {}).get("status") == "published" or marker is None:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
