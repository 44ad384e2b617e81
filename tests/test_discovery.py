"""New-skill discovery: unknown product-like terms, ranked by spread across companies and growth."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from crawlers.recorded import recorded_postings
from skills.discovery import discover
from skills.taxonomy import load_taxonomy
from tests.conftest import SHARED_DATA

TAX = load_taxonomy()
START = date(2025, 1, 6)


def corpus(weeks: int = 40):
    """A posting stream where "Mastra" appears in week 30 and spreads; "Acme" is one company's
    own name; "Berlin" is a place; "Synergy" is a word capitalised in headings only."""
    n = 0
    for w in range(weeks):
        week = START + timedelta(weeks=w)
        for c in range(6):
            n += 1
            company = f"Company {c}"
            text = ("We build agents with Python and Django. Our office is in Berlin, near Berlin Mitte.\n"
                    "Core Synergy Values\nWe value synergy and calm synergy.\n")
            if w >= 30 and c < 4:
                text += "You know Python, Mastra and LangChain well.\n"
            if c == 5:
                text += "Acme builds Acme tools with Python; Acme loves Kubernetes.\n"
            yield {"id": f"p{n}", "company": "Acme" if c == 5 else company, "week": week, "text": text}


def test_a_new_spreading_tool_ranks_first_with_its_first_week():
    found = discover(corpus(), TAX, recent_weeks=12)
    assert found and found[0].term == "Mastra"
    top = found[0]
    assert top.first_seen == (START + timedelta(weeks=30)).isoformat()
    assert top.companies == 4 and top.growth > 5 and top.skill_context == 1.0
    assert top.examples and "Mastra" in top.examples[0]["context"]
    terms = {c.term for c in found}
    assert not {"Acme", "Berlin", "Synergy", "LangChain", "Python", "Mitte"} & terms


def test_known_surfaces_and_stop_words_are_not_candidates(tmp_path):
    overlay = tmp_path / "o.json"
    overlay.write_text('{"stop_words": ["Mastra"]}', encoding="utf-8")
    assert "Mastra" not in {c.term for c in discover(corpus(), load_taxonomy(None, [overlay]))}


def test_without_dates_or_companies_it_still_ranks():
    stream = [{"id": i, "text": f"Stack: Python, Frobnix and Wumpus.js. Ticket {i}."} for i in range(5)]
    found = {c.term: c for c in discover(stream, TAX, min_companies=0)}
    assert {"Frobnix", "Wumpus.js"} <= set(found)
    assert found["Frobnix"].first_seen is None and found["Frobnix"].postings == 5


def test_real_postings_surface_real_tools():
    """On the recorded postings (one HN month, RemoteOK, Remotive, WWR), tools the shipped
    taxonomy lacks come out near the top, and places or job titles do not."""
    stream = []
    for rel in ("hackernews/firebase_whoishiring_2024-07_item40846428.json", "remoteok/remoteok_api_2026-03-17.json",
                "remotive/remotive_api_workverse.json", "weworkremotely/wwr_remote-jobs_2022-11-08.rss"):
        for p in recorded_postings(SHARED_DATA / "sources" / rel):
            stream.append({"id": p["source_id"], "text": p["description"] or "", "week": p["posted_at"],
                           "company": p["company"]})
    found = discover(stream, TAX, limit=20)
    terms = [c.term for c in found]
    assert not {"Europe", "Canada", "New York", "Software Engineer", "Engineering Manager"} & set(terms)
    assert all(c.companies >= 2 and c.postings >= 3 for c in found)
    unknown = [t for t in terms if TAX.resolve(t) is None]
    assert unknown == terms
