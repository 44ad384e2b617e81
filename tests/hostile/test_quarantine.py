"""One bad record is quarantined and counted, never fatal: crawl, load and extract, through the real
spider over loopback, a real DuckDB file and the real refresh flow (issue 9, item 1)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from crawlers.replay import ReplayServer
from tests.conftest import REMOTIVE_FILE, make_archive, read_jsonl, run_cli
from warehouse import connect, load, migrate
from warehouse.connect import read_only
from warehouse.quarantine import QuarantineFile

REAL_JOBS = json.loads(REMOTIVE_FILE.read_text(encoding="utf-8-sig"))["jobs"][:6]
HUGE = "Senior engineer wanted: Python and React. " * 30_000  # 1.26M characters


def hostile_jobs() -> list:
    base = dict(REAL_JOBS[0])
    return [
        {**base, "id": 9_000_001, "title": "Backend \ud800 Engineer", "description": "<p>Rust and Go \udfff in Go</p>"},
        {**base, "id": 9_000_002, "description": HUGE, "title": "Long posting"},
        {**base, "id": None, "title": "No id at all"},
        {**base, "id": 9_000_004, "title": {"not": "a string"}, "salary": ["$1"], "tags": "python",
         "publication_date": {"year": 2026}, "company_name": 7, "candidate_required_location": ["x"]},
        "not even an object",
        [1, 2, 3],
    ]


def payload_file(tmp_path: Path) -> Path:
    jobs = REAL_JOBS[:3] + hostile_jobs() + REAL_JOBS[3:]
    body = tmp_path / "remotive.json"
    # ensure_ascii: lone surrogates travel as \\u escapes, exactly as a hostile API would send them
    body.write_text(json.dumps({"job-count": len(jobs), "jobs": jobs}, ensure_ascii=True), encoding="utf-8")
    return body


@pytest.fixture
def hostile_archive(tmp_path) -> Path:
    return make_archive(tmp_path / "archive", [{"path": "/api/remote-jobs", "body_file": payload_file(tmp_path)}])


def test_a_crawl_quarantines_what_it_cannot_take_and_writes_the_rest(hostile_archive, tmp_path):
    out = tmp_path / "crawl" / "remotive.jsonl"
    with ReplayServer(hostile_archive) as server:
        completed = run_cli("crawl", "remotive", "--base-url", server.base_url, "--out", str(out))
    postings = {p["source_id"]: p for p in read_jsonl(out)}
    # every real job, unchanged by what surrounds it, plus the hostile ones that can be stored
    alone = tmp_path / "alone.jsonl"
    real_only = make_archive(tmp_path / "real-archive", [{"path": "/api/remote-jobs", "body_file": _real_only(tmp_path)}])
    with ReplayServer(real_only) as server:
        run_cli("crawl", "remotive", "--base-url", server.base_url, "--out", str(alone))
    for posting in read_jsonl(alone):
        mixed = postings[posting["source_id"]]
        assert {k: v for k, v in mixed.items() if k != "crawled_at"} == {k: v for k, v in posting.items() if k != "crawled_at"}
    assert {"9000001", "9000002", "9000004"} <= set(postings)
    # lone surrogates replaced, so the feed exporter kept the posting
    assert postings["9000001"]["title"] == "Backend \ufffd Engineer"
    assert "\ufffd" in postings["9000001"]["description"]
    assert len(postings["9000002"]["description"]) > 1_000_000  # stored whole; extraction caps it
    # the record without an id is quarantined with its payload, and the CLI says so
    quarantine = read_jsonl(out.with_name("remotive.jsonl.quarantine.jsonl"))
    assert [(q["stage"], q["source"], q["action"]) for q in quarantine] == [("crawl", "remotive", "dropped")]
    assert "without an id" in quarantine[0]["reason"] and "No id at all" in quarantine[0]["payload"]
    assert "1 records quarantined" in completed.stderr
    stats = json.loads(out.with_name("remotive.jsonl.stats.json").read_text())["summary"]
    assert stats["quarantined"] == 1 and stats["repaired"] >= 3
    # the wrong-typed fields of 9000004 were emptied, and counted (never silently)
    assert stats["field_problems"]["field_problem/remotive/wrong_type"] >= 5


def _real_only(tmp_path: Path) -> Path:
    body = tmp_path / "real.json"
    body.write_text(json.dumps({"jobs": REAL_JOBS}), encoding="utf-8")
    return body


# ---- load: a crawl file the bulk load refuses is screened line by line

def _posting(source_id: str, **fields) -> dict:
    return {"source": "remotive", "source_id": source_id, "title": f"Engineer {source_id}", "company": "Acme",
            "description": "Python and SQL", "posted_at": "2026-11-02", "url": f"https://example.com/{source_id}",
            "tags": ["python"], "salary_min": 50.0, "country_codes": ["DE"], "raw": {"id": source_id}, **fields}


def _stored(db: Path) -> dict:
    with read_only(db) as con:
        rows = con.execute("SELECT * EXCLUDE (first_seen_at, last_seen_at, last_run_id) FROM raw.postings "
                           "ORDER BY source_id").fetchall()
        names = [d[0] for d in con.description]
    return {row[names.index("source_id")]: dict(zip(names, row)) for row in rows}


def _load(db: Path, crawl_file: Path, quarantine_file: Path) -> dict:
    con = connect.connect_writer(db)
    try:
        migrate.migrate(con)
        with QuarantineFile(quarantine_file) as quarantine:
            return load.load_postings(con, crawl_file, "run-1", quarantine)
    finally:
        con.close()


def test_a_crawl_file_with_bad_lines_loads_every_good_line_unchanged(tmp_path):
    good = [_posting("1"), _posting("2", description="Kubernetes ✓ and Go"), _posting("5")]
    lines = [json.dumps(good[0]).encode(), b"{not json at all", json.dumps(good[1]).encode(),
             json.dumps(_posting("3", salary_min="a lot", tags="python", title={"x": 1})).encode(),
             json.dumps({"source": "remotive", "title": "no id"}).encode(),
             json.dumps(_posting("4", description="Rust \ud800 here"), ensure_ascii=True).encode(),
             b'{"source": "remotive", "source_id": "6", "title": "caf\xe9", "raw": {}}',
             b"[1, 2]", json.dumps(good[2]).encode()]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_bytes(b"\n".join(lines) + b"\n")
    counts = _load(tmp_path / "w.duckdb", crawl, tmp_path / "q.jsonl")
    clean = tmp_path / "clean.jsonl"
    clean.write_text("".join(json.dumps(p) + "\n" for p in good), encoding="utf-8")
    _load(tmp_path / "ref.duckdb", clean, tmp_path / "q-ref.jsonl")

    stored, reference = _stored(tmp_path / "w.duckdb"), _stored(tmp_path / "ref.duckdb")
    assert counts == {"read": 9, "new": 6, "quarantined": 3}
    for source_id, row in reference.items():
        assert stored[source_id] == row  # good lines exactly as a clean load stores them
    assert stored["3"]["salary_min"] is None and stored["3"]["tags"] == [] and stored["3"]["title"] is None
    assert stored["4"]["description"] == "Rust \ufffd here"
    assert stored["6"]["title"] == "caf\ufffd"
    entries = read_jsonl(tmp_path / "q.jsonl")
    dropped = [e for e in entries if e["action"] == "dropped"]
    repaired = {e["record_id"]: e["reason"] for e in entries if e["action"] == "repaired"}
    assert [e["reason"].split(":")[0] for e in dropped] == ["line 2", "line 5", "line 8"]
    assert "not valid JSON" in dropped[0]["reason"] and dropped[0]["payload"] == "{not json at all"
    assert "no source and source_id" in dropped[1]["reason"]
    assert "salary_min: expected a number" in repaired["3"] and "tags: expected a list" in repaired["3"]
    assert "lone surrogate" in repaired["4"] and "invalid UTF-8" in repaired["6"]
    assert not (tmp_path / "crawl.jsonl.clean.jsonl").exists()


def test_a_clean_crawl_file_takes_the_bulk_path_and_quarantines_nothing(tmp_path):
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("".join(json.dumps(_posting(str(i))) + "\n" for i in range(50)), encoding="utf-8")
    counts = _load(tmp_path / "w.duckdb", crawl, tmp_path / "q.jsonl")
    assert counts == {"read": 50, "new": 50, "quarantined": 0}
    assert not (tmp_path / "q.jsonl").exists()


# ---- the whole refresh: bad records cost only themselves, and the run says how many

@pytest.mark.slow
def test_refresh_publishes_despite_hostile_records_and_records_the_quarantine(hostile_archive, tmp_path):
    with ReplayServer(hostile_archive) as server:
        env = {"SKILLPULSE_DATA_DIR": str(tmp_path / "data"), "SKILLPULSE_SOURCES": '["remotive"]',
               "SKILLPULSE_BASE_URLS": json.dumps({"remotive": server.base_url}), "SKILLPULSE_CRAWL_RETRIES": "0"}
        completed = run_cli("refresh", env=env)
    result = json.loads(completed.stdout[completed.stdout.index("{"):])
    assert result["status"] == "success" and result["postings_total"] == 9
    assert result["quarantined"] == 1 and result["repaired"] == 1  # the id-less record; the huge text cut
    db = tmp_path / "data" / "skillpulse.duckdb"
    with read_only(db) as con:
        rows = con.execute("SELECT stage, source, record_id, action, reason FROM meta.quarantine ORDER BY stage").fetchall()
        runs = con.execute("SELECT status, quarantined, repaired, stage_reached FROM meta.runs").fetchall()
        skills = {r[0] for r in con.execute(
            "SELECT skill FROM core.posting_skills WHERE posting_id = 'remotive:9000002'").fetchall()}
        surrogate_free = con.execute("SELECT count(*) FROM raw.postings WHERE title LIKE '%\ufffd%'").fetchall()[0][0]
    assert [(r[0], r[3]) for r in rows] == [("crawl", "dropped"), ("extract", "truncated")]
    assert rows[1][2] == "remotive:9000002"
    assert re.match(r"text is 1,25\d,\d{3} characters; skills extracted from the first 99,\d{3} ", rows[1][4])
    assert runs == [("success", 1, 1, "publish")]
    assert skills == {"Python", "React"}  # the cut posting still counts, on its first 100,000 characters
    assert surrogate_free == 1
    from warehouse.queries import data_as_of

    fresh = data_as_of(db)
    assert (fresh.quarantined, fresh.repaired, fresh.failed_runs_since) == (1, 1, 0)

    # and the dashboard's freshness line says so
    import os

    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO

    os.environ["SKILLPULSE_WAREHOUSE_PATH"] = str(db)
    try:
        at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60)
        at.run()
    finally:
        del os.environ["SKILLPULSE_WAREHOUSE_PATH"]
    assert not at.exception
    assert "1 records quarantined, 1 stored with a fix" in " ".join(c.value for c in at.caption)


def test_a_half_written_quarantine_file_never_fails_the_load(tmp_path):
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    migrate.migrate(con)
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"stage": "crawl", "source": "x", "record_id": "1", "action": "dropped",
                             "reason": "r", "payload": "p", "payload_chars": 1}) + "\n" + '{"stage": "cr',
                 encoding="utf-8")
    from warehouse.quarantine import load_quarantine

    counts = load_quarantine(con, [q], "run-1")
    assert counts["dropped"] == 1
    assert con.execute("SELECT count(*) FROM meta.quarantine").fetchall()[0][0] == 1
    con.close()


def test_the_text_safety_pipeline_survives_a_record_nested_thousands_deep():
    from crawlers.pipelines.text_safety import TextSafetyPipeline

    class Stats:
        def __init__(self):
            self.values = {}

        def inc_value(self, key, n=1):
            self.values[key] = self.values.get(key, 0) + n

    deep = current = []
    for _ in range(5_000):
        current.append([])
        current = current[0]
    current.append("x\ud800")
    stats = Stats()
    item = {"source": "remotive", "source_id": "1", "title": "T\udfff", "raw": {"nested": deep}}
    try:
        TextSafetyPipeline(stats).process_item(item)
    except Exception as exc:  # DropItem (too deep to write as JSON) is the right outcome too
        from scrapy.exceptions import DropItem

        assert isinstance(exc, DropItem) and "cannot be written as JSON" in str(exc)
    assert item["title"] == "T\ufffd" and stats.values["skillpulse/text_repaired/remotive/surrogates"] == 2
