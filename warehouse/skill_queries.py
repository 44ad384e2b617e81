"""Queries of the Skill page that warehouse/queries.py does not have (issue 12).

``period_evidence``: the counted postings behind one skill's figure in one period, in the unit of
that period. ``queries.skill_evidence`` lists the weekly unit (a job once per ISO week): summed over
a month it counts a job re-posted within the month once per week, so it cannot be the evidence
of a monthly share, which counts a job once per calendar month (warehouse/README.md, "The unit of
demand"). Here the counted postings of the period's own unit (``core.counted_postings``) are
joined with the evidence sentences, so the rows are exactly the postings behind that period's
``postings_with_skill`` in ``queries.trend_series`` (all sources, as trend_series shows by default).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warehouse.queries import PERIOD_TYPES, _df

EVIDENCE_COLUMNS = ["posted_at", "title", "company", "niche", "family", "remote", "region", "employment_type",
                    "salary_text", "context", "surface", "mentions", "copies", "url", "source", "attribution",
                    "posting_id", "job_id"]


def period_evidence(db: Path, skill: str, segment=None, *, period_type: str = "week", period=None,
                    limit: int | None = None) -> pd.DataFrame:
    """Every counted posting asking for ``skill`` in ``segment`` in one period (``period``: the first
    day of the week or month, as in ``mart.periods``), newest first, with the sentence that mentions
    the skill and how many postings it stands for in that unit (``copies``). No cap unless ``limit``."""
    from warehouse.trends import Segment

    if period_type not in PERIOD_TYPES:
        raise ValueError(f"period_type must be one of {PERIOD_TYPES}")
    if period is None:
        raise ValueError("period is required")
    segment = segment or Segment()
    where, params = segment.where(prefix="c.")
    params.update({"skill": skill, "pt": period_type, "period": period})
    limit_sql = "" if limit is None else f"LIMIT {int(limit)}"
    if period_type == "week":
        # mart.skill_evidence is the weekly unit itself, with its segments and copies: no join
        where, params = segment.where(prefix="e.")
        params.update({"skill": skill, "period": period})
        return _df(db, f"""SELECT e.posted_at, e.title, e.company, e.niche, e.family, e.remote, e.region,
                                  e.employment_type, e.salary_text, e.context, e.surface, e.mentions, e.copies,
                                  e.url, e.source, e.attribution, e.posting_id, e.job_id
                           FROM mart.skill_evidence AS e
                           WHERE e.skill = $skill AND e.week = CAST($period AS DATE) AND {where}
                           ORDER BY e.posted_at DESC, e.posting_id {limit_sql}""", params)
    return _df(db, f"""SELECT e.posted_at, e.title, e.company, e.niche, e.family, c.remote, c.region,
                              e.employment_type, e.salary_text, e.context, e.surface, e.mentions, c.copies,
                              e.url, e.source, e.attribution, e.posting_id, e.job_id
                       FROM mart.skill_evidence AS e
                       JOIN core.counted_postings AS c
                         ON c.period_type = $pt AND c.period = CAST($period AS DATE) AND c.posting_id = e.posting_id
                       WHERE e.skill = $skill AND {where}
                       ORDER BY e.posted_at DESC, e.posting_id {limit_sql}""", params)
