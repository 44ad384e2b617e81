"""Cached wrappers of the warehouse and plan query functions, for the pages (no SQL here, ever).

Results are cached, never connections: a cached open connection would hold DuckDB's file lock and
block the nightly publish (STACK-NOTES.md). Every cache is keyed on the warehouse's version (its
inode, mtime and size: a publish replaces the file), so a new build is never served stale figures,
and entries of an older build simply age out. Pages call these with their own arguments only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from flows.settings import Settings, config_file
from warehouse import health, queries
from warehouse.connect import WarehouseMissing

TTL_S = 6 * 3600
ENTRIES = 256


def settings() -> Settings:
    """The settings, read again whenever what they are read from changed (the SKILLPULSE_*
    variables, the config file and its mtime): a page asks for them dozens of times a run, and
    building them costs milliseconds each."""
    config = config_file()
    key = (tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("SKILLPULSE_"))),
           str(config.resolve()) if config else None, config.stat().st_mtime_ns if config else None)
    if _SETTINGS.get("key") != key:
        _SETTINGS.update(key=key, value=Settings())
    return _SETTINGS["value"]


_SETTINGS: dict[str, Any] = {}


def warehouse_path() -> Path:
    # Read on every rerun (it is cheap), so a changed SKILLPULSE_WAREHOUSE_PATH takes effect.
    return settings().warehouse


def _db() -> tuple[str, str]:
    """(warehouse path, version); ``WarehouseMissing`` when nothing is published yet."""
    db = warehouse_path()
    if not db.is_file():
        raise WarehouseMissing(
            f"no warehouse at {db}; build one with `skillpulse refresh` or `skillpulse demo --build-only`")
    return str(db), queries.warehouse_version(db)


def cached(fn):
    """``fn(db, version, *args)`` cached on every argument; called as ``wrapper(*args)``."""
    cached = st.cache_data(ttl=TTL_S, max_entries=ENTRIES, show_spinner=False)(fn)

    def call(*args, **kwargs):
        db, version = _db()
        return cached(db, version, *args, **kwargs)

    call.__name__ = fn.__name__
    call.__doc__ = fn.__doc__
    return call


# ---- freshness and segments

@cached
def freshness(db: str, version: str) -> health.Freshness:
    return health.freshness(Path(db))


@cached
def segment_values(db: str, version: str) -> dict[str, pd.DataFrame]:
    return queries.segment_values(Path(db))


@cached
def family_labels(db: str, version: str) -> dict[str, str]:
    frame = queries.segment_values(Path(db))["family"]
    return dict(zip(frame["value"], frame["label"]))


@cached
def skill_names(db: str, version: str) -> list[str]:
    """Every skill of the taxonomy in use, most asked for first."""
    return queries.skill_names(Path(db))


# ---- demand

@cached
def skill_trends(db: str, version: str, segment, horizon: int = 13) -> pd.DataFrame:
    result = queries.skill_trends(Path(db), segment, horizon=horizon)
    frame = result.frame.copy()
    frame.attrs.update(window_start=result.window_start, window_end=result.window_end, panel=result.panel,
                       segment_last_seen=result.segment_last_seen)
    return frame


@cached
def trend_series(db: str, version: str, period: str, skills: tuple[str, ...] | None, segment,
                 since=None, until=None, limit: int = 10, panel: str = "all") -> pd.DataFrame:
    return queries.trend_series(Path(db), period=period, skills=list(skills) if skills else None, segment=segment,
                                since=since, until=until, limit=limit, panel=panel)


@cached
def skill_segments(db: str, version: str, skill: str, horizon: int = 13) -> pd.DataFrame:
    return queries.skill_segments(Path(db), skill, horizon=horizon)


@cached
def skill_info(db: str, version: str, skill: str) -> dict | None:
    return queries.skill_info(Path(db), skill)


@cached
def skill_pairs(db: str, version: str, skill: str, family: str | None = None, limit: int = 10) -> pd.DataFrame:
    return queries.skill_pairs(Path(db), skill, family=family, limit=limit)


@cached
def skill_pay(db: str, version: str, skill: str, segment_kind: str = "all", segment: str = "all") -> pd.DataFrame:
    return queries.skill_pay(Path(db), skill, segment_kind=segment_kind, segment=segment)


@cached
def skill_evidence(db: str, version: str, skill: str, segment=None, since=None, until=None,
                   limit: int | None = 200) -> pd.DataFrame:
    return queries.skill_evidence(Path(db), skill, segment, since=since, until=until, limit=limit)


@cached
def skill_candidates(db: str, version: str, limit: int = 50) -> pd.DataFrame:
    return queries.skill_candidates(Path(db), limit=limit)


# ---- postings

@cached
def search_postings(db: str, version: str, text: str | None, skills: tuple[str, ...], segment=None,
                    since=None, until=None, limit: int = 100, offset: int = 0) -> pd.DataFrame:
    return queries.search_postings(Path(db), text=text, skills=list(skills), segment=segment, since=since,
                                   until=until, limit=limit, offset=offset)


@cached
def posting_detail(db: str, version: str, posting_id: str) -> dict | None:
    return queries.posting_detail(Path(db), posting_id)


# ---- the learning plan

@cached
def plan(db: str, version: str, profile, weeks: int = 13, reach_share: float | None = 0.5,
         all_but: int | None = None, limit: int = 10):
    from warehouse.plan import build_plan

    return build_plan(Path(db), profile, weeks=weeks, reach_share=reach_share, all_but=all_but, limit=limit)


@st.cache_resource(show_spinner="Loading the skill extractor…")
def _pipeline():
    from skills.extract import load_pipeline

    s = settings()
    return load_pipeline(s.taxonomy_path, overlays=s.taxonomy_layers)


@st.cache_data(ttl=TTL_S, max_entries=64, show_spinner=False)
def cv_skills(text: str) -> list[str]:
    """The skills the extractor finds in a pasted CV or profile text (canonical names, in order)."""
    from skills.extract import extract_records

    found = next(extract_records([{"id": "cv", "text": text[:100_000]}], nlp=_pipeline()))["skills"]
    return list(dict.fromkeys(m["skill"] for m in found))


def resolve_skills(names: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    db, _ = _db()
    return queries.resolve_skills(Path(db), names)


def profiles_folder() -> Path:
    return settings().data_dir / "profiles"


# ---- health

@cached
def runs(db: str, version: str, limit: int = 30) -> pd.DataFrame:
    return health.runs(Path(db), limit)


@cached
def sources(db: str, version: str) -> pd.DataFrame:
    return health.sources(Path(db))


@cached
def field_problems(db: str, version: str) -> pd.DataFrame:
    return health.field_problems(Path(db))


@cached
def quarantine(db: str, version: str, limit: int = 200) -> pd.DataFrame:
    return health.quarantine(Path(db), limit)


# ---- research

def run_sql(query: str, *, timeout_s: float = 30.0, max_rows: int = 5_000) -> Any:
    """The researchers' sandbox (warehouse/sql.py), the same as `skillpulse sql`: never cached."""
    from warehouse.sql import run_sql as sandboxed

    db, _ = _db()
    return sandboxed(Path(db), query, timeout_s=timeout_s, max_rows=max_rows)


@cached
def dictionary(db: str, version: str) -> pd.DataFrame:
    """(schema, table, column, type, description) of the published warehouse."""
    from warehouse.connect import read_only
    from warehouse.dictionary import dictionary_rows

    with read_only(Path(db)) as con:
        return pd.DataFrame(dictionary_rows(con), columns=["schema", "table", "column", "type", "description"])
