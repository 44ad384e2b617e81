"""The crawl fault matrix against a scripted server on loopback: every fault ends with a clear log
line and a counter, no crash, and a failed crawl never overwrites good data."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from crawlers.middlewares.backoff_retry import retry_delay
from tests.conftest import REMOTIVE_FILE, read_jsonl, run_cli
from tests.faultserver import FaultServer, Reply

API = "/api/remote-jobs"
GOOD = REMOTIVE_FILE.read_bytes()


def crawl(server, tmp_path, *extra):
    out = tmp_path / "out.jsonl"
    completed = run_cli("crawl", "remotive", "--base-url", server.base_url, "--out", str(out), *extra, check=False)
    stats_file = out.with_name(out.name + ".stats.json")
    stats = json.loads(stats_file.read_text())["scrapy"] if stats_file.exists() else {}
    return completed, (read_jsonl(out) if out.exists() else []), stats


def test_429_with_retry_after_is_honoured(tmp_path):
    with FaultServer({API: [Reply(429, b"slow down", {"Retry-After": "2"}), Reply(200, GOOD)]}) as server:
        completed, postings, stats = crawl(server, tmp_path)
        first, second = server.hits(API)[:2]
    assert completed.returncode == 0 and len(postings) == 35
    assert second - first >= 1.9  # waited as told (the loopback cap is 5 s)
    assert stats["skillpulse/retry_after_honoured"] == 1
    assert "HTTP 429" in completed.stderr and "(Retry-After)" in completed.stderr


def test_500_then_success(tmp_path):
    with FaultServer({API: [Reply(500, b"oops"), Reply(200, GOOD)]}) as server:
        completed, postings, stats = crawl(server, tmp_path)
    assert completed.returncode == 0 and len(postings) == 35
    assert stats["retry/count"] == 1 and stats["retry/reason_count/500 Internal Server Error"] == 1


def test_persistent_503_gives_up_clearly_and_keeps_old_output(tmp_path):
    (tmp_path / "out.jsonl").write_text('{"old": 1}\n')
    with FaultServer({API: [Reply(503, b"down")]}) as server:
        completed, postings, stats = crawl(server, tmp_path)
        assert len(server.hits(API)) == 3  # first try + 2 retries on loopback
    assert completed.returncode == 1
    assert "Gave up retrying" in completed.stderr and "no postings" in completed.stderr
    assert postings == [{"old": 1}]
    assert stats["retry/max_reached"] == 1


def test_response_slower_than_the_timeout(tmp_path):
    with FaultServer({API: [Reply(200, GOOD, delay=4)]}) as server:
        completed, postings, stats = crawl(server, tmp_path, "--timeout", "1")
    assert completed.returncode == 1
    assert "TimeoutError" in completed.stderr or "took longer than 1" in completed.stderr
    assert stats["retry/max_reached"] == 1


def test_truncated_json(tmp_path):
    with FaultServer({API: [Reply(200, GOOD[: len(GOOD) // 2])]}) as server:
        completed, postings, stats = crawl(server, tmp_path)
    assert completed.returncode == 1 and "invalid JSON" in completed.stderr
    assert stats["skillpulse/bad_response/remotive"] == 1


def test_a_20_mb_body_is_parsed(tmp_path):
    payload = json.loads(GOOD.decode("utf-8-sig"))
    payload["padding"] = "x" * (20 * 1024 * 1024)
    with FaultServer({API: [Reply(200, json.dumps(payload).encode())]}) as server:
        completed, postings, stats = crawl(server, tmp_path)
    assert completed.returncode == 0 and len(postings) == 35
    assert stats["downloader/response_bytes"] > 20 * 1024 * 1024


def test_a_body_over_the_size_limit_is_refused_clearly(tmp_path):
    huge = b'{"jobs": [' + b" " * (65 * 1024 * 1024) + b"]}"
    with FaultServer({API: [Reply(200, huge)]}) as server:
        completed, postings, stats = crawl(server, tmp_path)
    assert completed.returncode == 1
    assert "larger than download max size" in completed.stderr or "maxsize" in completed.stderr.lower()


def test_wrong_declared_charset_does_not_garble_text(tmp_path):
    headers = {"Content-Type": "application/json; charset=iso-8859-1"}
    with FaultServer({API: [Reply(200, GOOD, headers)]}) as server:
        completed, postings, stats = crawl(server, tmp_path)
    assert len(postings) == 35
    ateam = next(p for p in postings if p["source_id"] == "1919265")
    assert "A·Team is a VC-backed" in ateam["description"]  # not "AÂ·Team"


def test_robots_txt_disallowing_the_path(tmp_path):
    robots = Reply(200, b"User-agent: *\nDisallow: /api/\n", {"Content-Type": "text/plain"})
    with FaultServer({"/robots.txt": [robots], API: [Reply(200, GOOD)]}) as server:
        completed, postings, stats = crawl(server, tmp_path)
        assert server.hits(API) == []  # never fetched
    assert completed.returncode == 1 and "Forbidden by robots.txt" in completed.stderr
    assert stats["robotstxt/forbidden"] == 1


@pytest.mark.parametrize(("header", "attempt", "expected"), [
    ("7", 1, 7.0), (b"7", 3, 7.0), ("100000", 1, 600.0), ("soon", 1, None), (None, 3, None),
])
def test_retry_delay(header, attempt, expected):
    delay = retry_delay(header, attempt, base=2.0, cap=600.0, jitter=0)
    assert delay == (expected if expected is not None else 2.0 * 2 ** (attempt - 1))


def test_retry_delay_from_an_http_date():
    now = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)
    assert retry_delay(format_datetime(now + timedelta(seconds=30), usegmt=True), 1, base=1, cap=600, now=now) == 30
    assert retry_delay(format_datetime(now - timedelta(seconds=30), usegmt=True), 1, base=1, cap=600, now=now) == 0


def test_a_second_crawl_revalidates_with_a_conditional_request(tmp_path):
    etag = {"Content-Type": "application/json", "ETag": '"v1"', "Cache-Control": "no-cache"}
    not_modified = Reply(304, b"", {"ETag": '"v1"'})
    cache = tmp_path / "httpcache"
    with FaultServer({API: [Reply(200, GOOD, etag), not_modified]}) as server:
        first, postings_1, _ = crawl(server, tmp_path, "--http-cache", str(cache))
        second, postings_2, stats = crawl(server, tmp_path, "--http-cache", str(cache))
    assert len(postings_1) == len(postings_2) == 35  # the 304 is answered from the cache
    assert stats["httpcache/revalidate"] == 1  # asked with If-None-Match, got 304, body from the cache
