"""`skillpulse refresh` end to end: real Prefect flow, real spider over loopback, real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawlers.replay import ReplayServer
from flows.refresh import crawl_command, new_run_id
from tests.conftest import run_cli
from warehouse import publish, queries
from warehouse.connect import read_only


def refresh(data_dir, base_url, check=True):
    # Only the mirrored source: a test never reaches a live host.
    env = {"SKILLPULSE_DATA_DIR": str(data_dir), "SKILLPULSE_SOURCES": '["remotive"]',
           "SKILLPULSE_BASE_URLS": json.dumps({"remotive": base_url}), "SKILLPULSE_CRAWL_RETRIES": "0"}
    return run_cli("refresh", env=env, check=check)


def result_of(completed) -> dict:
    return json.loads(completed.stdout[completed.stdout.index("{"):])


@pytest.mark.slow
def test_refresh_twice_gives_the_same_counts(remotive_archive, tmp_path):
    db = tmp_path / "skillpulse.duckdb"
    with ReplayServer(remotive_archive) as server:
        first = result_of(refresh(tmp_path, server.base_url))
        counts_1 = queries.warehouse_counts(db)
        second = result_of(refresh(tmp_path, server.base_url))
        counts_2 = queries.warehouse_counts(db)

    assert first["status"] == "success" and first["postings_total"] == 35 and first["postings_new"] == 35
    assert first["postings_extracted"] == 35 and first["mentions_loaded"] > 35
    assert second["postings_new"] == 0 and second["postings_extracted"] == 0
    assert counts_1["raw_postings"] == counts_2["raw_postings"] == 35
    assert counts_1["core_postings"] == counts_2["core_postings"] == 35
    assert counts_1["posting_skills"] == counts_2["posting_skills"] > 0
    assert counts_1["weekly_skill_share"] == counts_2["weekly_skill_share"] > 0
    assert (counts_1["runs"], counts_2["runs"]) == (1, 2)

    with read_only(db) as con:
        sources = con.execute("SELECT source, status, items FROM meta.source_runs ORDER BY run_id").fetchall()
        assert sources == [("remotive", "ok", 35), ("remotive", "ok", 35)]
        # offsets point into the stored description
        bad = con.execute(
            """SELECT count(*) FROM core.posting_skills s JOIN core.postings p USING (posting_id)
               WHERE substring(p.description, s.start_char + 1, s.end_char - s.start_char) <> s.surface"""
        ).fetchall()[0][0]
        assert bad == 0
        # the second run changed nothing: its model build was incremental and rebuilt nothing,
        # and the new-skill candidates of the first run stand (the same sample)
        build_rows = con.execute("SELECT mode, reason, postings_changed, periods_rebuilt FROM meta.model_builds "
                                 "ORDER BY built_at").fetchall()
        assert build_rows == [("full", "first build", 0, build_rows[0][3]), ("incremental", "incremental", 0, 0)]
        sampled_by = con.execute("SELECT DISTINCT run_id FROM raw.discovery_sample").fetchall()
        assert sampled_by == [(first["run_id"],)]
    fresh = queries.data_as_of(db)
    assert fresh is not None and fresh.postings_total == 35 and fresh.status == "success"


@pytest.mark.slow
def test_when_every_source_fails_the_published_warehouse_is_unchanged(remotive_archive, tmp_path):
    db = tmp_path / "skillpulse.duckdb"
    with ReplayServer(remotive_archive) as server:
        refresh(tmp_path, server.base_url)
    before = db.read_bytes()
    # nothing listens on port 9 of loopback: the crawl fails fast
    failed = refresh(tmp_path, "http://127.0.0.1:9", check=False)
    assert failed.returncode != 0
    assert "every source failed" in failed.stdout + failed.stderr
    assert db.read_bytes() == before
    assert queries.warehouse_counts(db)["runs"] == 1
    assert list(tmp_path.glob("*.building-*")) == []  # the copy made during the crawl is gone

    # While another refresh builds, a refresh stops at once: it does not crawl for nothing.
    crawled_before = sorted(tmp_path.glob("runs/*/remotive.jsonl"))
    with publish.preparing_next(db), ReplayServer(remotive_archive) as server:
        second = refresh(tmp_path, server.base_url, check=False)
    assert second.returncode != 0
    assert "another refresh is building" in second.stdout + second.stderr
    assert sorted(tmp_path.glob("runs/*/remotive.jsonl")) == crawled_before
    assert db.read_bytes() == before


def test_crawls_run_as_subprocesses_of_the_cli():
    command = crawl_command("jsonld", Path("/tmp/x.jsonl"), "http://127.0.0.1:1", "INFO",
                            {"sitemap": "https://a.example/sitemap.xml"})
    assert command[1:5] == ["-m", "flows.cli", "crawl", "jsonld"]
    assert command[-4:] == ["--base-url", "http://127.0.0.1:1", "--arg", "sitemap=https://a.example/sitemap.xml"]
    assert new_run_id() != new_run_id()


@pytest.mark.slow
def test_one_source_failing_never_aborts_the_others(remotive_archive, tmp_path):
    # RemoteOK's path is not in the archive: its crawl fails (404) while Remotive's succeeds.
    with ReplayServer(remotive_archive) as server:
        env = {"SKILLPULSE_DATA_DIR": str(tmp_path), "SKILLPULSE_SOURCES": '["remotive", "remoteok"]',
               "SKILLPULSE_BASE_URLS": json.dumps({"remotive": server.base_url, "remoteok": server.base_url}),
               "SKILLPULSE_CRAWL_RETRIES": "0"}
        result = result_of(run_cli("refresh", env=env))
    assert result["status"] == "partial"
    assert result["sources"]["remotive"]["status"] == "ok" and result["sources"]["remoteok"]["status"] == "failed"
    assert "HTTP 404" in result["sources"]["remoteok"]["error"]
    db = tmp_path / "skillpulse.duckdb"
    assert queries.warehouse_counts(db)["core_postings"] == 35
    with read_only(db) as con:
        assert con.execute("SELECT status, note FROM meta.runs").fetchall() == [("partial", "failed sources: remoteok")]
        assert sorted(con.execute("SELECT source, status FROM meta.source_runs").fetchall()) == [
            ("remoteok", "failed"), ("remotive", "ok")]


def test_sources_that_skip_stored_ids_get_a_seen_file(tmp_path):
    from flows.refresh import write_seen_ids
    from warehouse import connect, load, migrate

    db = tmp_path / "w.duckdb"
    assert write_seen_ids(db, "hackernews", tmp_path) == {}  # no warehouse yet: crawl everything
    con = connect.connect_writer(db)
    migrate.migrate(con)
    crawl = tmp_path / "c.jsonl"
    crawl.write_text("".join(json.dumps({"source": "hackernews", "source_id": str(i), "title": "t"}) + "\n"
                             for i in (7, 8)))
    load.load_postings(con, crawl, "r")
    con.close()
    args = write_seen_ids(db, "hackernews", tmp_path)
    assert Path(args["seen_file"]).read_text().split() == ["7", "8"]
    assert write_seen_ids(db, "remotive", tmp_path) == {}  # Remotive lists everything in one response
