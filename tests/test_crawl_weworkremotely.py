"""We Work Remotely: the real recorded RSS feeds through the real spider over loopback."""

from __future__ import annotations

import json

import pytest

from crawlers.parsers import weworkremotely
from crawlers.replay import ReplayServer
from tests.conftest import SHARED_DATA, make_archive, read_jsonl, run_cli

WWR = SHARED_DATA / "sources" / "weworkremotely"


def crawl(tmp_path, feed):
    archive = make_archive(tmp_path / "archive", [{
        "path": "/remote-jobs.rss", "body_file": WWR / feed,
        "headers": {"Content-Type": "application/rss+xml; charset=utf-8"}}])
    out = tmp_path / "wwr.jsonl"
    with ReplayServer(archive) as server:
        completed = run_cli("crawl", "weworkremotely", "--base-url", server.base_url, "--out", str(out), check=False)
    return completed, (read_jsonl(out) if out.exists() else [])


def test_full_feed_2022(tmp_path):
    completed, postings = crawl(tmp_path, "wwr_remote-jobs_2022-11-08.rss")
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert len(postings) == 100
    g2i = next(p for p in postings if "/g2i-inc-fullstack-developer-react-react-n" in p["source_id"])
    assert g2i["company"] == "G2i Inc."
    assert g2i["title"] == "Fullstack Developer (React, React Native, Node.js) - Remote"
    assert g2i["posted_at"] == "2022-11-08" and g2i["employment_type"] == "contract"
    assert g2i["category"] == "Full-Stack Programming" and g2i["location"] == "Americas Only"
    assert "<" not in g2i["description"] and "&lt;" not in g2i["description"]


def test_2026_feed_with_skills_and_state(tmp_path):
    completed, postings = crawl(tmp_path, "wwr_remote-jobs_2026-07_sample.rss")
    assert len(postings) == 4
    mathmo = next(p for p in postings if p["company"] == "Mathmo")
    assert mathmo["title"] == "Maths Coach" and mathmo["posted_at"] == "2026-07-10"
    assert "Pay is £75 per hour" in mathmo["description"]


def test_malformed_feed_is_counted_not_crashed(tmp_path):
    bad = tmp_path / "bad.rss"
    bad.write_bytes(b"<rss><channel><item><title>Half")
    archive = make_archive(tmp_path / "archive", [{"path": "/remote-jobs.rss", "body_file": bad}])
    out = tmp_path / "wwr.jsonl"
    with ReplayServer(archive) as server:
        completed = run_cli("crawl", "weworkremotely", "--base-url", server.base_url, "--out", str(out), check=False)
    assert completed.returncode == 1 and "invalid RSS/XML" in completed.stderr
    stats = json.loads(out.with_name(out.name + ".stats.json").read_text())["scrapy"]
    assert stats["skillpulse/bad_response/weworkremotely"] == 1


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<rss><channel><item><title>Acme: &x;</title><guid>g</guid></item></channel></rss>').encode()
    items = weworkremotely.load(feed)
    assert "TOP-SECRET" not in json.dumps(items)


@pytest.mark.parametrize(("title", "expected"), [
    ("Acme: Senior Dev", ("Acme", "Senior Dev")),
    ("Acme Inc: Role: With Colon", ("Acme Inc", "Role: With Colon")),
    ("No company here", (None, "No company here")),
])
def test_split_title(title, expected):
    assert weworkremotely.split_title(title) == expected
