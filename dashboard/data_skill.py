"""Cached wrappers of warehouse/skill_queries.py for the Skill page (results cached, never
connections, keyed on the warehouse version like every wrapper in dashboard/data.py), and the
page's cached presentation of them: the evidence table with plain-text cells, its CSV, the trend
chart's spec."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard import components
from dashboard.data import cached
from warehouse import skill_queries
from warehouse.safe_text import frame_to_csv, plain_text, safe_url

EVIDENCE_ROWS = 250  # evidence rows the Skill page lists before "List all" (the CSV has every one)


@cached
def period_evidence(db: str, version: str, skill: str, segment=None, period_type: str = "week", period=None,
                    limit: int | None = None) -> pd.DataFrame:
    """The counted postings behind ``skill``'s share in one period, in that period's unit."""
    return skill_queries.period_evidence(Path(db), skill, segment, period_type=period_type, period=period,
                                         limit=limit)


@cached
def trend_spec(db: str, version: str, period_type: str, skills: tuple[str, ...], segment) -> dict:
    """The Vega-Lite spec of the Skill page's share chart (charts.share_trend_chart of these skills'
    trend_series), cached: building the layered chart took ~0.3 s a rerun."""
    from dashboard import charts, data

    series = data.trend_series(period_type, skills, segment, limit=len(skills))
    return charts.spec(charts.share_trend_chart(series, list(skills), period=period_type))


def marked(context, surface, before: int = 24) -> str:
    """The sentence as plain text, the words that matched the skill between « and », cut so the match
    is near the start of the cell (a narrow column still shows it)."""
    text = plain_text(context)
    target = plain_text(surface)
    at = text.lower().find(target.lower()) if target else -1
    if at < 0:
        return text
    start = 0
    if at > before:
        space = text.find(" ", at - before, at)
        start = space + 1 if space >= 0 else at - before
    head = "… " if start > 0 else ""
    return f"{head}{text[start:at]}«{text[at:at + len(target)]}»{text[at + len(target):]}"


@cached
def evidence_table(db: str, version: str, skill: str, segment, period_type: str, period) -> pd.DataFrame:
    """The Skill page's evidence table of one period: every cell plain text (titles, companies and
    pay as posted, the sentence with the match in « »), links http(s) only, codes as labels. Cached
    (a period of a common skill at 1M postings has thousands of rows: ~1 s to prepare)."""
    evidence = period_evidence(skill, segment, period_type, period, None)
    return pd.DataFrame({
        "posted_at": pd.to_datetime(evidence["posted_at"]),
        "title": evidence["title"].map(lambda t: plain_text(t, max_chars=140) or "(untitled)"),
        "company": evidence["company"].map(lambda t: plain_text(t, max_chars=80) or "–"),
        "sentence": [marked(c, s) for c, s in zip(evidence["context"], evidence["surface"])],
        "url": evidence["url"].map(safe_url),
        "copies": evidence["copies"].astype("Int64"),
        "employment_type": evidence["employment_type"].map(lambda v: components.label("employment_type", v)),
        "salary_text": evidence["salary_text"].map(lambda t: plain_text(t, max_chars=60) or "–"),
        "source": evidence["source"].map(lambda v: components.label("source", v)),
    })


def evidence_csv(skill: str, segment, period_type: str, period) -> bytes:
    """The CSV download of one period's evidence: cells as posted, links http(s) only, and text a
    spreadsheet would run as a formula prefixed with '."""
    evidence = period_evidence(skill, segment, period_type, period, None)
    return frame_to_csv(evidence.drop(columns=["surface", "mentions"], errors="ignore")
                        .assign(url=evidence["url"].map(safe_url), skill=skill, period_type=period_type,
                                period=period)).encode("utf-8")


@cached
def skill_proof(db: str, version: str, skill: str, segment: str = "all"):
    """How to prove ``skill`` (mart.skill_proof through ``queries.skill_proof``): None when this
    warehouse has no such query (an older build of the code)."""
    from warehouse import queries

    if not hasattr(queries, "skill_proof"):
        return None
    return queries.skill_proof(Path(db), skill, segment)


def suggestions(name: str) -> list[str]:
    """Skills of the taxonomy close to a name that is not one ("did you mean")."""
    from dashboard import data

    _found, missing = data.resolve_skills([name])
    return list(missing.get(name) or [])
