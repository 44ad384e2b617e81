"""RemoteOK: the real recorded response through the real spider over loopback."""

from __future__ import annotations

import json

from crawlers.replay import ReplayServer
from tests.conftest import SHARED_DATA, make_archive, read_jsonl, run_cli

REMOTEOK_FILE = SHARED_DATA / "sources" / "remoteok" / "remoteok_api_2026-03-17.json"


def test_legal_notice_skipped_mojibake_repaired_trailer_removed(tmp_path):
    archive = make_archive(tmp_path / "archive", [{"path": "/api", "body_file": REMOTEOK_FILE}])
    out = tmp_path / "remoteok.jsonl"
    with ReplayServer(archive) as server:
        completed = run_cli("crawl", "remoteok", "--base-url", server.base_url, "--out", str(out))
    postings = read_jsonl(out)
    assert len(postings) == 97  # 98 elements, the first is the legal notice
    assert "remoteok: 97 postings" in completed.stderr
    by_id = {p["source_id"]: p for p in postings}

    first = by_id["1130788"]  # checked by hand against the recorded JSON
    assert first["title"] == "Benefits Advisor Leadership Training Program"
    assert first["company"] == "Fisher Agencies"
    assert first["posted_at"] == "2026-03-16"
    assert first["url"].startswith("https://remoteOK.com/remote-jobs/")
    assert first["salary_min"] is None and first["salary_currency"] is None
    assert first["tags"] == ["training", "support", "growth", "management"]

    # RemoteOK's mojibake ("GdaÅ\x84sk") is repaired
    assert any(p["location"] == "Gdańsk" for p in postings)
    assert not any("Å" in (p["location"] or "") or "â€" in p["description"] for p in postings)
    # the "mention the word" anti-spam trailer is not part of any description
    assert not any("Please mention the word" in p["description"] for p in postings)
    paid = [p for p in postings if p["salary_min"]]
    assert paid and all(p["salary_currency"] == "USD" and p["salary_period"] == "year" for p in paid)
    stats = json.loads(out.with_name(out.name + ".stats.json").read_text())["scrapy"]
    assert stats["skillpulse/text_repaired/remoteok/location"] >= 1
