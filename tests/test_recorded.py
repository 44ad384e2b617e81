"""crawlers.recorded rebuilds exactly the text a crawl stores: the gold set's offsets depend on it."""

from __future__ import annotations

import pytest

from crawlers.recorded import RecordedFileError, posting_text, recorded_postings, source_of
from crawlers.replay import ReplayServer
from tests import fixture_archive
from tests.conftest import SHARED_DATA, read_jsonl, run_cli


def test_recorded_text_equals_what_a_real_crawl_stores(tmp_path):
    """Crawl four sources over loopback with the real spiders; every description must equal the
    one crawlers.recorded builds from the same recording without Scrapy."""
    spider_args = fixture_archive.build(tmp_path / "archive")
    files = {"remotive": "remotive/remotive_api_workverse.json", "remoteok": "remoteok/remoteok_api_2026-03-17.json",
             "weworkremotely": "weworkremotely/wwr_remote-jobs_2022-11-08.rss",
             "greenhouse": "greenhouse/luno_20260821T131103012385Z.json"}
    with ReplayServer(tmp_path / "archive") as server:
        for source, rel in files.items():
            out = tmp_path / f"{source}.jsonl"
            args = ["crawl", source, "--base-url", server.base_url, "--out", str(out)]
            if source == "greenhouse":
                args += ["--companies", "luno"]
            run_cli(*args)
            crawled = {p["source_id"]: p["description"] for p in read_jsonl(out)}
            rebuilt = {p["source_id"]: p["description"] for p in recorded_postings(SHARED_DATA / "sources" / rel)}
            assert crawled and crawled == rebuilt, source
    assert spider_args  # the archive carried the arguments the per-company sources need


def test_hackernews_dump_and_errors():
    hn = list(recorded_postings(SHARED_DATA / "sources/hackernews/firebase_whoishiring_2024-07_item40846428.json"))
    assert len(hn) == fixture_archive.EXPECTED["hackernews"] and all(p["source"] == "hackernews" for p in hn)  # deleted/dead comments skipped
    with pytest.raises(KeyError):
        posting_text(SHARED_DATA / "sources/remotive/remotive_api_workverse.json", "no-such-id")
    with pytest.raises(RecordedFileError, match="not under sources"):
        source_of(SHARED_DATA / "taxonomies/onet/Technology Skills.txt")
    with pytest.raises(RecordedFileError):
        list(recorded_postings(SHARED_DATA / "sources/greenhouse/luno_20260808T195722760851Z.metadata.json"))
