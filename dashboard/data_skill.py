"""Cached wrappers of warehouse/skill_queries.py for the Skill page (results cached, never
connections, keyed on the warehouse version like every wrapper in dashboard/data.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data import _cached
from warehouse import skill_queries


@_cached
def period_evidence(db: str, version: str, skill: str, segment=None, period_type: str = "week", period=None,
                    limit: int | None = None) -> pd.DataFrame:
    """The counted postings behind ``skill``'s share in one period, in that period's unit."""
    return skill_queries.period_evidence(Path(db), skill, segment, period_type=period_type, period=period,
                                         limit=limit)


@_cached
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
