"""Career pages with schema.org JobPosting: a sitemap crawl over loopback, and the pure mapping."""

from __future__ import annotations

import json

from crawlers.parsers import jsonld
from crawlers.replay import ReplayServer
from tests.conftest import REPO, make_archive, read_jsonl, run_cli

PAGES = REPO / "tests" / "fixtures" / "careers"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def test_sitemap_crawl_finds_every_jobposting(tmp_path):
    archive = make_archive(tmp_path / "archive", [
        {"path": "/sitemap.xml", "body_file": PAGES / "sitemap.xml", "headers": {"Content-Type": "application/xml"}},
        {"path": "/jobs/data-engineer", "body_file": PAGES / "data-engineer.html", "headers": HTML},
        {"path": "/jobs/designers", "body_file": PAGES / "designers.html", "headers": HTML},
        {"path": "/about", "body_file": PAGES / "about.html", "headers": HTML},
    ])
    out = tmp_path / "jsonld.jsonl"
    with ReplayServer(archive) as server:
        run_cli("crawl", "jsonld", "--base-url", server.base_url, "--out", str(out),
                "--arg", "sitemap=https://careers.example/sitemap.xml")
    postings = {p["title"]: p for p in read_jsonl(out)}
    assert set(postings) == {"Data Engineer (Contract)", "Freelance UI Designer", "Technical Writer"}

    engineer = postings["Data Engineer (Contract)"]
    assert engineer["source_id"] == "Northwind Labs:NW-1042"
    assert engineer["company"] == "Northwind Labs" and engineer["remote"] == "remote"
    assert engineer["posted_at"] == "2026-10-02" and engineer["employment_type"] == "contract"
    assert (engineer["salary_min"], engineer["salary_max"], engineer["salary_currency"], engineer["salary_period"]) == (
        70, 95, "EUR", "hour")
    assert engineer["location"] == "Applicants: Germany"
    assert engineer["url"] == "https://careers.example/jobs/data-engineer"  # the live page, not the mirror
    assert "- Experience with dbt and Snowflake" in engineer["description"]

    designer = postings["Freelance UI Designer"]
    assert designer["location"] == "Lisbon, PT" and designer["posted_at"] == "2026-09-15"
    assert designer["employment_type"] == "part_time" and designer["url"] == "https://moonbeam.example/careers/ui-designer"
    writer = postings["Technical Writer"]
    assert writer["company"] == "Moonbeam Games" and writer["salary_period"] == "year"
    assert writer["description"] == "Write our SDK docs & tutorials."
    stats = json.loads(out.with_name(out.name + ".stats.json").read_text())["scrapy"]
    assert stats["skillpulse/pages_without_jobposting/jsonld"] == 1


def test_a_page_without_structured_data_has_no_postings():
    assert jsonld.job_postings("<html><body><h1>Jobs</h1></body></html>", "https://x.example/") == []


def test_without_urls_or_sitemap_the_error_says_what_to_pass(tmp_path):
    completed = run_cli("crawl", "jsonld", "--out", str(tmp_path / "x.jsonl"), check=False)
    assert completed.returncode != 0 and "needs urls=URL,URL or sitemap=URL" in completed.stderr
