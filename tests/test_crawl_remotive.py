"""Real Scrapy crawls of Remotive over loopback: the recorded response, then broken ones."""

from __future__ import annotations

import json
from pathlib import Path

from crawlers.replay import ReplayServer
from tests.conftest import make_archive, read_jsonl, run_cli


def crawl(base_url: str, out: Path, check: bool = True):
    completed = run_cli("crawl", "remotive", "--base-url", base_url, "--out", str(out),
                        "--log-level", "INFO", check=check)
    return completed, read_jsonl(out)


def test_every_recorded_record_becomes_a_posting(remotive_archive, tmp_path):
    out = tmp_path / "remotive.jsonl"
    with ReplayServer(remotive_archive) as server:
        completed, postings = crawl(server.base_url, out)
    assert len(postings) == 35
    assert "remotive: 35 postings" in completed.stderr
    by_id = {p["source_id"]: p for p in postings}
    assert len(by_id) == 35

    first = by_id["2090903"]  # checked by hand against the recorded JSON
    assert first["title"] == "Data Labeling Specialists"
    assert first["company"] == "Workada"
    assert first["posted_at"] == "2026-07-26"
    assert first["posted_at_utc"] == "2026-07-26T20:49:11Z"
    assert first["employment_type"] == "freelance"
    assert first["salary_text"] == "$18 - $22/hr"
    assert (first["salary_min"], first["salary_max"], first["salary_currency"], first["salary_period"]) == (
        18, 22, "USD", "hour")
    assert (first["salary_annual_min"], first["salary_annual_max"]) == (37_440, 45_760)
    assert first["country_codes"] == ["US"] and first["seniority"] == "unknown"
    assert first["url"] == "https://remotive.com/remote-jobs/data/data-labeling-specialists-2090903"
    assert first["description"].startswith(
        "Who We Are\n\nWorkada creates high-quality labeled data for advanced technology systems."
    )
    assert first["raw"]["id"] == 2090903 and first["raw"]["company_logo"]

    ateam = by_id["1919265"]
    assert ateam["title"] == "Senior Independent Software Developer"
    assert ateam["company"] == "A.Team"
    assert ateam["posted_at"] == "2026-07-16"
    assert ateam["seniority"] == "senior" and ateam["country_codes"] == ["IL"]
    assert ateam["regions"] == ["Americas", "Europe"]
    assert ateam["description"].startswith(
        "You must be located in the Americas, Europe, or Israel to apply.\n\nA·Team is a VC-backed"
    )

    tribe = by_id["2091072"]  # empty job_type: unknown, not a field problem
    assert tribe["company"] == "Tribe Wellness" and tribe["employment_type"] == "unknown"
    assert tribe["description"].startswith("Must Love Dogs!!\n\nAt Tribe Wellness, we're more than")

    for p in postings:
        assert "<p>" not in p["description"] and "<li>" not in p["description"]
        assert p["url"].startswith("https://remotive.com/")
        assert p["attribution"].startswith("Job listing from Remotive")

    stats = json.loads(out.with_name(out.name + ".stats.json").read_text())
    assert stats["summary"]["items"] == 35 and stats["summary"]["errors"] == 0


def test_malformed_json_is_logged_and_counted_without_crashing(tmp_path):
    body = tmp_path / "broken.json"
    body.write_bytes(b'{"job-count": 2, "jobs": [{"id": 1, "title": "Dev')
    archive = make_archive(tmp_path / "archive", [{"path": "/api/remote-jobs", "body_file": body}])
    out = tmp_path / "out.jsonl"
    with ReplayServer(archive) as server:
        completed, postings = crawl(server.base_url, out, check=False)
    assert completed.returncode == 1
    assert postings == []
    assert "unusable response" in completed.stderr and "invalid JSON" in completed.stderr
    stats = json.loads(out.with_name(out.name + ".stats.json").read_text())["scrapy"]
    assert stats["skillpulse/bad_response/remotive"] == 1


def test_missing_endpoint_fails_clearly_and_keeps_the_previous_output(tmp_path):
    archive = make_archive(tmp_path / "archive", [])
    out = tmp_path / "out.jsonl"
    out.write_text('{"kept": true}\n', encoding="utf-8")
    with ReplayServer(archive) as server:
        completed = run_cli("crawl", "remotive", "--base-url", server.base_url, "--out", str(out),
                            check=False)
    assert completed.returncode == 1
    assert "responses refused: HTTP 404 x1" in completed.stderr
    assert "no postings" in completed.stderr
    assert out.read_text() == '{"kept": true}\n'  # a failed crawl loses nothing


def test_envelope_count_disagreeing_with_records_is_logged(tmp_path):
    body = tmp_path / "short.json"
    body.write_text(json.dumps({"job-count": 5, "jobs": [
        {"id": 7, "url": "https://remotive.com/remote-jobs/x-7", "title": "Dev", "company_name": "A",
         "publication_date": "2026-07-01T00:00:00", "description": "<p>Go</p>", "job_type": "full_time"},
    ]}))
    archive = make_archive(tmp_path / "archive", [{"path": "/api/remote-jobs", "body_file": body}])
    with ReplayServer(archive) as server:
        completed, postings = crawl(server.base_url, tmp_path / "o.jsonl")
    assert len(postings) == 1
    assert "envelope says 5 jobs, response holds 1" in completed.stderr


def test_unknown_source_and_bad_base_url_are_clear_errors(tmp_path):
    completed = run_cli("crawl", "nosuch", "--out", str(tmp_path / "x.jsonl"), check=False)
    assert completed.returncode == 2 and "unknown source 'nosuch'" in completed.stderr
    completed = run_cli("crawl", "remotive", "--base-url", "file:///etc", "--out",
                        str(tmp_path / "x.jsonl"), check=False)
    assert completed.returncode != 0 and "base_url must be an http(s) URL" in completed.stderr
