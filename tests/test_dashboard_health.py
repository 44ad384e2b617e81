"""The Data health page (AppTest) on the real demo warehouse, and on a copy of it with what goes
wrong in real life added: a failed and a killed run, a source whose last crawl failed, the
crawlers' field counters, and quarantined records with hostile payloads."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from dashboard.components import SOURCES
from tests.conftest import REPO

APP = str(REPO / "dashboard" / "app.py")
RENDER = MarkdownIt("commonmark", {"html": True})
HOSTILE_PAYLOAD = ('{"title": "<script>alert(1)</script> <img src=x onerror=alert(1)> '
                   '[x](javascript:alert(1)) ![b](http://attacker.invalid/b.png)"}')


def add_trouble(demo: Path, target: Path) -> Path:
    """A copy of ``demo`` with a failed and a killed run after its publish, a second source that
    failed in the last crawl, field counters, and quarantined records (hostile payloads)."""
    from warehouse import connect

    shutil.copy(demo, target)
    con = connect.connect_writer(target)
    try:
        (run_id, finished), = con.execute(
            "SELECT run_id, finished_at FROM meta.runs ORDER BY started_at DESC LIMIT 1").fetchall()
        later = finished + timedelta(hours=1)
        con.execute("""INSERT INTO meta.runs (run_id, started_at, finished_at, status, stage_reached, error, note)
                       VALUES ('r-failed', ?, ?, 'failed', 'extract', 'MemoryError: out of memory in the extractor', 'refresh published nothing'),
                              ('r-killed', ?, ?, 'killed', 'crawl', NULL, 'refresh published nothing')""",
                    [later, later + timedelta(minutes=3), later + timedelta(hours=1), later + timedelta(hours=1, minutes=1)])
        con.execute("INSERT INTO meta.source_runs VALUES (?, 'weworkremotely', 'failed', 0, 3, 1.5, ?)",
                    [run_id, json.dumps({})])
        con.execute("UPDATE meta.source_runs SET field_problems = ? WHERE run_id = ? AND source = 'remotive'",
                    [json.dumps({"field_problem/remotive/posted_at": 4, "field_missing/remotive/company": 2,
                                 "field_problem/remotive/wrong_type": 1}), run_id])
        now = datetime.now(timezone.utc)
        con.execute("""INSERT INTO meta.quarantine VALUES
                       (?, 'crawl', 'remotive', 'rec-1', 'dropped', 'ValueError: not a posting', ?, 120, ?),
                       (?, 'load', 'remotive', '<img src=x onerror=alert(1)>', 'truncated', 'description over 1,000,000 characters', 'Senior engineer…', 1260000, ?)""",
                    [run_id, HOSTILE_PAYLOAD, now, run_id, now - timedelta(minutes=1)])
        con.execute("UPDATE meta.runs SET status = 'partial', note = 'failed sources: weworkremotely', "
                    "quarantined = 1, repaired = 1 WHERE run_id = ?", [run_id])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return target


@pytest.fixture(scope="module")
def troubled_warehouse(demo_warehouse, tmp_path_factory) -> Path:
    return add_trouble(demo_warehouse, tmp_path_factory.mktemp("troubled") / "troubled.duckdb")


def open_health(monkeypatch, warehouse: Path) -> AppTest:
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/health.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frames(at: AppTest) -> list:
    return [f.value for f in at.dataframe]


def test_health_page_on_the_demo_shows_the_run_every_source_and_the_coverage(monkeypatch, demo_warehouse):
    from warehouse import health

    at = open_health(monkeypatch, demo_warehouse)
    assert at.title[0].value == "Data health"
    runs, sources, coverage = frames(at)[:3]
    assert runs["status"].tolist() == ["✓ Published"] and runs["stage"].tolist() == ["Publish"]
    assert runs["started"].str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d").all()
    # every source of the warehouse, by its human name
    expected = {SOURCES[s] for s in health.sources(demo_warehouse)["source"]}
    assert set(sources["source"]) == expected and len(sources) == len(expected)
    assert sources["last_status"].tolist() == ["✓ OK"] * len(expected)
    assert set(coverage["Source"]) == expected
    assert coverage.drop(columns="Source").stack().between(0, 100).all()
    chart = at.get("vega_lite_chart")[0].proto.spec
    assert '"coverage"' in chart and "Work arrangement" in chart and "Remotive" in chart
    assert [m.label for m in at.metric][0] == "Last refresh" and at.metric[0].value == "✓ Published"
    assert [s.value for s in at.success] == ["No field problems in any source's last crawl.",
                                             "Nothing quarantined: every record was stored as it came."]
    # no raw codes or Python's None anywhere in the tables
    for frame in frames(at):
        cells = frame.astype(str).stack().tolist()
        assert "None" not in cells and "nan" not in cells
        assert not {"success", "ok", "remotive", "publish"} & set(cells)


def test_health_page_shows_failed_and_killed_runs_failed_sources_counters_and_quarantine(monkeypatch,
                                                                                      troubled_warehouse):
    at = open_health(monkeypatch, troubled_warehouse)
    runs, sources = frames(at)[:2]
    assert runs["status"].tolist() == ["✗ Killed, published nothing", "✗ Failed, published nothing",
                                       "⚠ Published, a source failed"]
    assert runs["stage"].tolist()[:2] == ["Crawl", "Skill extraction"]
    assert "MemoryError: out of memory in the extractor" in runs["what"].iloc[1]
    assert runs["took"].iloc[1] == "3 min 00 s"
    assert runs["what"].iloc[2] == "Failed sources: We Work Remotely"
    # both sources, the failed one with its result and no success ever
    failed = sources[sources["source"] == "We Work Remotely"].iloc[0]
    assert failed["last_status"] == "✗ Failed" and failed["last_success"] == "never" and failed["errors"] == 3
    assert at.metric[2].value == "1 of 2"
    problems = next(f for f in frames(at) if "problem" in f.columns)
    assert set(zip(problems["field"], problems["problem"], problems["postings"])) == {
        ("Posted date", "Present but unusable (emptied)", 4), ("Company", "Missing", 2),
        ("A field of the wrong type", "Present but unusable (emptied)", 1)}
    quarantine = next(f for f in frames(at) if "payload" in f.columns)
    assert quarantine["action"].tolist() == ["Dropped (not stored)", "Stored, cut short"]
    assert quarantine["stage"].tolist() == ["Crawl", "Load"]
    # payloads are table cells (plain text), exactly as received, never Markdown
    assert quarantine["payload"].iloc[0] == HOSTILE_PAYLOAD
    assert quarantine["record"].iloc[1] == "<img src=x onerror=alert(1)>"
    captions = " ".join(c.value for c in at.caption)
    assert "⚠ failed: We Work Remotely" in captions  # the freshness line names the failed source
    for kind in ("title", "subheader", "caption", "markdown", "info", "success", "warning"):
        for el in getattr(at, kind):
            html = RENDER.render(el.value)
            assert not re.search(r"<(a|img|script)\b", html), (kind, el.value)


def test_sources_of_a_warehouse_published_before_mart_source_fields(demo_warehouse, tmp_path):
    """A warehouse published by an earlier version has no mart.source_fields until its next refresh:
    the Data health figures are then computed from core.postings, and they are the same."""
    import duckdb
    import pandas as pd

    from warehouse import health

    old = tmp_path / "old.duckdb"
    shutil.copy(demo_warehouse, old)
    con = duckdb.connect(str(old))
    con.execute("DROP TABLE mart.source_fields")
    con.close()
    pd.testing.assert_frame_equal(health.sources(old), health.sources(demo_warehouse))
    con = duckdb.connect(str(old), read_only=True)
    stored = con.execute("SELECT count(DISTINCT source), count(*) FROM core.postings").fetchall()[0]
    con.close()
    frame = health.sources(old)
    assert (len(frame), int(frame["postings"].sum())) == stored
