"""Cached wrappers of the warehouse query API for the pages (no SQL here, ever).

Results are cached for a few minutes, never the connection: a cached open connection would hold
DuckDB's file lock and block the nightly publish (STACK-NOTES.md).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from flows.settings import Settings
from warehouse import queries
from warehouse.connect import WarehouseMissing

TTL_S = 300


def warehouse_path() -> Path:
    # Read on every rerun (it is cheap), so a changed SKILLPULSE_WAREHOUSE_PATH takes effect.
    return Settings().warehouse


@st.cache_data(ttl=TTL_S, show_spinner=False)
def freshness(db: str) -> queries.Freshness | None:
    return queries.data_as_of(Path(db))


@st.cache_data(ttl=TTL_S, show_spinner=False)
def niches(db: str) -> list[str]:
    return queries.niches(Path(db))


@st.cache_data(ttl=TTL_S, show_spinner=False)
def skill_categories(db: str) -> list[str]:
    return queries.skill_categories(Path(db))


@st.cache_data(ttl=TTL_S, show_spinner=False)
def top_skills(db: str, niche: str, skill_category: str | None, order_by: str, limit: int) -> pd.DataFrame:
    return queries.top_skills(Path(db), niche, skill_category=skill_category, order_by=order_by, limit=limit)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def weekly_trend(db: str, skills: tuple[str, ...], niche: str) -> pd.DataFrame:
    return queries.weekly_trend(Path(db), list(skills), niche)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def skill_postings(db: str, skill: str, niche: str, limit: int = 200) -> pd.DataFrame:
    return queries.skill_postings(Path(db), skill, niche, limit=limit)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def skill_info(db: str, skill: str) -> dict | None:
    return queries.skill_info(Path(db), skill)


def freshness_or_stop(db: str) -> queries.Freshness:
    """The freshness of the published data; when there is none yet, say how to build it and stop."""
    try:
        fresh = freshness(db)
    except WarehouseMissing as exc:
        st.warning(f"No data yet. {exc}")
        st.stop()
    if fresh is None:
        st.warning("The warehouse has no completed refresh yet. Run `skillpulse refresh`.")
        st.stop()
    return fresh
