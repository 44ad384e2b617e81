"""Arbeitnow, Himalayas and Jobicy: real recorded responses through the real spiders over loopback."""

from __future__ import annotations

import json

from crawlers.replay import ReplayServer
from tests.conftest import SHARED_DATA, make_archive, read_jsonl, run_cli

SOURCES = SHARED_DATA / "sources"


def crawl(tmp_path, source, responses, *extra):
    archive = make_archive(tmp_path / "archive", responses)
    out = tmp_path / f"{source}.jsonl"
    with ReplayServer(archive) as server:
        completed = run_cli("crawl", source, "--base-url", server.base_url, "--out", str(out), *extra)
    stats = json.loads(out.with_name(out.name + ".stats.json").read_text())["scrapy"]
    return completed, read_jsonl(out), stats


def test_arbeitnow_follows_links_next_on_the_mirror(tmp_path):
    # The recorded pages kept only `data`; the envelope Arbeitnow documents is put back around them.
    snapshots = ["arbeitnow_job-board-api_data_2026-02-11.json", "arbeitnow_job-board-api_data_2026-02-15.json"]
    pages = []
    for number, name in enumerate(snapshots, 1):
        data = json.loads((SOURCES / "arbeitnow" / name).read_text(encoding="utf-8"))["data"]
        following = "https://www.arbeitnow.com/api/job-board-api?page=2" if number == 1 else None
        body = tmp_path / f"page{number}.json"
        body.write_text(json.dumps({"data": data, "links": {"next": following}, "meta": {"current_page": number}}))
        pages.append({"path": "/api/job-board-api", "query": "" if number == 1 else "page=2", "body_file": body})
    completed, postings, stats = crawl(tmp_path, "arbeitnow", pages)
    assert len(postings) == 200
    # page 1, then page 2 on the mirror (the third request is robots.txt, a 404 on the mirror)
    assert stats["downloader/response_status_count/200"] == 2
    by_id = {p["source_id"]: p for p in postings}
    solar = by_id["remote-technical-account-manager-dach-munich-256258"]  # checked by hand
    assert solar["title"] == "Technical Account Manager - DACH"
    assert solar["company"] == "SolarEdge"
    assert solar["posted_at"] == "2026-02-11" and solar["remote"] == "remote"
    assert solar["employment_type"] == "full_time" and solar["location"] == "Munich"
    orderbird = by_id["team-lead-content-marketing-berlin-238288"]
    assert orderbird["remote"] == "onsite"
    # German text survives intact (umlauts, ß), as readable paragraphs
    assert sum(("ä" in p["description"] or "ü" in p["description"]) for p in postings) > 50
    assert not any("<p>" in p["description"] for p in postings)


def test_himalayas_structured_pay_and_trimmed_envelope(tmp_path):
    completed, postings, stats = crawl(
        tmp_path, "himalayas",
        [{"path": "/jobs/api", "body_file": SOURCES / "himalayas" / "himalayas_api_jobs_2026-07.json"}],
        "--max-pages", "1",
    )
    assert len(postings) == 4
    assert "envelope says 5 jobs, response holds 4" in completed.stderr
    assert stats["skillpulse/pages_capped/himalayas"] == 1
    nvidia = next(p for p in postings if p["company"] == "NVIDIA")
    assert nvidia["title"] == "Senior System Software Engineer, NvSci"
    assert (nvidia["salary_min"], nvidia["salary_max"], nvidia["salary_currency"], nvidia["salary_period"]) == (
        184000, 356500, "USD", "year")
    assert nvidia["posted_at"] == "2026-07-11"
    mindrift = next(p for p in postings if p["company"] == "Mindrift")
    assert mindrift["salary_period"] == "hour" and mindrift["employment_type"] == "contract"
    ceragon = next(p for p in postings if p["company"] == "Ceragon Networks")
    assert ceragon["category"] == "Content Creator" and ceragon["salary_min"] is None


def test_jobicy_fields_and_count_mismatch(tmp_path):
    completed, postings, stats = crawl(
        tmp_path, "jobicy",
        [{"path": "/api/v2/remote-jobs", "body_file": SOURCES / "jobicy" / "jobicy_api_v2_remote-jobs_2026-07-10.json"}],
    )
    assert len(postings) == 4
    assert "envelope says 5 jobs, response holds 4" in completed.stderr
    mozilla = next(p for p in postings if p["source_id"] == "145880")
    assert mozilla["title"] == "Senior Software Engineer (Contract)"
    assert mozilla["company"] == "Mozilla" and mozilla["employment_type"] == "contract"
    assert mozilla["posted_at"] == "2026-07-10" and mozilla["location"] == "Germany"
    revenuecat = next(p for p in postings if p["source_id"] == "146002")
    assert (revenuecat["salary_min"], revenuecat["salary_currency"], revenuecat["salary_period"]) == (151000, "USD", "year")
