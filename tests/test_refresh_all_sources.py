"""The whole refresh over every source's real recorded responses, served from one loopback archive."""

from __future__ import annotations

import json

import pytest

from crawlers.replay import ReplayServer
from tests import fixture_archive
from tests.conftest import run_cli
from warehouse.connect import read_only


@pytest.mark.slow
def test_refresh_crawls_every_source_into_one_warehouse(tmp_path):
    spider_args = fixture_archive.build(tmp_path / "archive")
    sources = sorted(fixture_archive.EXPECTED)
    with ReplayServer(tmp_path / "archive") as server:
        env = {
            "SKILLPULSE_DATA_DIR": str(tmp_path / "data"),
            "SKILLPULSE_SOURCES": json.dumps(sources),
            "SKILLPULSE_BASE_URLS": json.dumps({s: server.base_url for s in sources}),
            "SKILLPULSE_SPIDER_ARGS": json.dumps(spider_args),
            "SKILLPULSE_CRAWL_RETRIES": "0",
        }
        completed = run_cli("refresh", env=env)
    result = json.loads(completed.stdout[completed.stdout.index("{"):])
    assert result["status"] == "success", result["sources"]
    assert {s: info["items"] for s, info in result["sources"].items()} == fixture_archive.EXPECTED
    with read_only(tmp_path / "data" / "skillpulse.duckdb") as con:
        per_source = dict(con.execute("SELECT source, count(*) FROM core.postings GROUP BY source").fetchall())
        assert per_source == fixture_archive.EXPECTED
        mentions = con.execute("SELECT count(DISTINCT posting_id) FROM core.posting_skills").fetchall()[0][0]
        assert mentions > 0.8 * sum(per_source.values())  # most real postings name at least one skill
        german = con.execute(
            "SELECT count(*) FROM core.postings WHERE source = 'arbeitnow' AND description LIKE '%ä%'").fetchall()[0][0]
        assert german > 10
