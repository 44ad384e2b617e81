"""Trend statistics per skill and segment: the windows, the stable panel of sources, growth with a
test, false-discovery control, the status, the first-seen date and the freelance lens.

Counts come from the marts (mart.skill_counts, mart.segment_counts, mart.periods,
mart.source_coverage); the arithmetic is warehouse/stats.py. The same code fills the
``mart.skill_trends`` table (every single-dimension segment, built with the warehouse) and answers
a query for any combination of filters (``queries.skill_trends``). How each figure is made is in
warehouse/README.md ("How each figure is made").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from warehouse.stats import (
    EVIDENCE,
    Evidence,
    benjamini_hochberg,
    log_share_ratio,
    trend_status,
    two_proportion_test,
    wilson_interval,
)

#: Growth horizons in weeks: the recent window is the last H complete weeks, compared with the H
#: weeks just before it.
HORIZONS = (4, 13, 52)
#: The horizon of the headline status (the one the dashboard ranks by).
PRIMARY_HORIZON = 13
#: Employment types that make up "contract or freelance" demand (the freelance lens).
FREELANCE_TYPES = ("contract", "freelance")
#: A source is in a window's stable panel when its first counted posting falls in or before the
#: window's first week and its last one within this many days of the window's end.
PANEL_TOLERANCE_DAYS = 31


@dataclass(frozen=True)
class Segment:
    """A segment of postings: each field None (any) or one value; all None is every posting."""

    family: str | None = None
    remote: str | None = None
    region: str | None = None
    employment_type: str | None = None
    seniority: str | None = None
    source: str | None = None

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def items(self) -> list[tuple[str, str]]:
        return [(name, getattr(self, name)) for name in self.columns() if getattr(self, name) is not None]

    def where(self, prefix: str = "") -> tuple[str, dict]:
        """A SQL condition (columns named as in the marts, after ``prefix`` such as "c.") and its
        parameters."""
        parts, params = [], {}
        for name, value in self.items():
            parts.append(f"{prefix}{name} = $seg_{name}")
            params[f"seg_{name}"] = value
        return (" AND ".join(parts) or "TRUE"), params

    @property
    def label(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.items()) or "all postings"


@dataclass(frozen=True)
class Window:
    horizon: int
    end_week: date  # Monday of the last complete week
    recent_start: date  # Monday of the recent window's first week
    before_start: date  # Monday of the baseline window's first week

    @classmethod
    def ending(cls, end_week: date, horizon: int) -> Window:
        return cls(horizon, end_week, end_week - timedelta(weeks=horizon - 1),
                   end_week - timedelta(weeks=2 * horizon - 1))

    @property
    def end_day(self) -> date:
        return self.end_week + timedelta(days=6)


def last_complete_week(con: duckdb.DuckDBPyConnection) -> date | None:
    rows = con.execute("SELECT max(period) FROM mart.periods WHERE period_type = 'week' AND is_complete").fetchall()
    return rows[0][0] if rows and rows[0][0] is not None else None


def stable_panel(con: duckdb.DuckDBPyConnection, window: Window) -> list[str]:
    """Sources present through the whole of a window (both of its halves)."""
    rows = con.execute(
        """SELECT source FROM mart.source_coverage
           WHERE first_posted_at <= $first_day AND last_posted_at >= $last_needed ORDER BY source""",
        {"first_day": window.before_start + timedelta(days=6),
         "last_needed": window.end_day - timedelta(days=PANEL_TOLERANCE_DAYS)},
    ).fetchall()
    return [r[0] for r in rows]


_SINGLE_SETS = ", ".join(["(skill)"] + [f"(skill, {c})" for c in Segment.columns()])
_KIND = "CASE " + " ".join(f"WHEN grouping({c}) = 0 THEN '{c}'" for c in Segment.columns()) + " ELSE 'all' END"
_VALUE = "coalesce(" + ", ".join(Segment.columns()) + ", 'all')"


def _window_counts(con: duckdb.DuckDBPyConnection, window: Window, panel: list[str],
                   segment: Segment | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per segment and skill: x_recent, x_before, contract counts; per segment: n_recent, n_before).
    ``segment`` None: every single-dimension segment and 'all' at once (GROUPING SETS)."""
    params = {"panel": panel, "b0": window.before_start, "r0": window.recent_start, "end": window.end_week,
              "freelance": list(FREELANCE_TYPES)}
    if segment is None:
        where, group, kind, value = "TRUE", f"GROUPING SETS ({_SINGLE_SETS})", _KIND, _VALUE
        total_group = "GROUPING SETS (" + ", ".join(["()"] + [f"({c})" for c in Segment.columns()]) + ")"
    else:
        where, seg_params = segment.where()
        params.update(seg_params)
        group, total_group, kind, value = "skill", "()", "'custom'", "$seg_label"
        params["seg_label"] = segment.label
    base = f"""FROM {{table}}
               WHERE period_type = 'week' AND period >= $b0 AND period <= $end
                 AND list_contains($panel, source) AND {where}"""
    skills = con.execute(
        f"""SELECT {kind} AS segment_kind, {value} AS segment, skill,
                   coalesce(sum(postings_with_skill) FILTER (period >= $r0), 0) AS x_recent,
                   coalesce(sum(postings_with_skill) FILTER (period < $r0), 0) AS x_before,
                   coalesce(sum(postings_with_skill) FILTER (period >= $r0 AND list_contains($freelance, employment_type)), 0) AS c_recent,
                   coalesce(sum(postings_with_skill) FILTER (period < $r0 AND list_contains($freelance, employment_type)), 0) AS c_before
            {base.format(table='mart.skill_counts')}
            GROUP BY {group}""",
        params,
    ).df()
    total_params = {k: v for k, v in params.items() if k != "freelance"}
    totals = con.execute(
        f"""SELECT {kind} AS segment_kind, {value} AS segment,
                   coalesce(sum(postings) FILTER (period >= $r0), 0) AS n_recent,
                   coalesce(sum(postings) FILTER (period < $r0), 0) AS n_before
            {base.format(table='mart.segment_counts')}
            GROUP BY {total_group}""",
        total_params,
    ).df()
    return skills, totals


def _first_seen(con: duckdb.DuckDBPyConnection, segment: Segment | None) -> pd.DataFrame:
    """First publication date of each skill in each segment (all sources, all time)."""
    if segment is None:
        return con.execute(
            f"""SELECT {_KIND} AS segment_kind, {_VALUE} AS segment, skill, min(first_posted_at) AS first_seen
                FROM mart.skill_counts WHERE period_type = 'week'
                GROUP BY GROUPING SETS ({_SINGLE_SETS})""").df()
    where, params = segment.where()
    return con.execute(
        f"""SELECT 'custom' AS segment_kind, $seg_label AS segment, skill, min(first_posted_at) AS first_seen
            FROM mart.skill_counts WHERE period_type = 'week' AND {where} GROUP BY skill""",
        {**params, "seg_label": segment.label}).df()


TREND_COLUMNS = [
    "segment_kind", "segment", "horizon_weeks", "window_start", "window_end", "skill",
    "postings_recent", "postings_before", "segment_postings_recent", "segment_postings_before",
    "share_recent", "share_recent_low", "share_recent_high", "share_before", "share_before_low",
    "share_before_high", "growth", "growth_pct", "z", "p_value", "q_value", "status", "first_seen",
    "panel_sources", "contract_share_recent", "contract_share_before", "contract_growth",
    "contract_q_value", "contract_status",
]


_TYPES = {
    **{c: "object" for c in ("segment_kind", "segment", "skill", "status", "contract_status", "panel_sources")},
    **{c: "int64" for c in ("horizon_weeks", "postings_recent", "postings_before", "segment_postings_recent",
                            "segment_postings_before")},
}
DATE_COLUMNS = ("window_start", "window_end", "first_seen")


def as_dates(values) -> pd.Series:
    """A column DuckDB stores as DATE (not TIMESTAMP), from dates, timestamps or nothing."""
    import pyarrow as pa

    return pd.Series(pd.to_datetime(pd.Series(values), errors="coerce").dt.date, dtype=pd.ArrowDtype(pa.date32()))


def empty_trends() -> pd.DataFrame:
    """No rows, but every column typed (a table built from it gets the right column types)."""
    import pyarrow as pa

    frame = pd.DataFrame({c: pd.Series(dtype=_TYPES.get(c, "float64")) for c in TREND_COLUMNS})
    for column in DATE_COLUMNS:
        frame[column] = as_dates([])
    for column, kind in _TYPES.items():
        if kind == "object":
            frame[column] = pd.Series([], dtype=pd.ArrowDtype(pa.list_(pa.string()) if column == "panel_sources"
                                                              else pa.string()))
    return frame


def _with_stats(skills: pd.DataFrame, totals: pd.DataFrame, first: pd.DataFrame, window: Window,
                panel: list[str], evidence: Evidence) -> pd.DataFrame:
    df = skills.merge(totals, on=["segment_kind", "segment"], how="left").merge(
        first, on=["segment_kind", "segment", "skill"], how="left")
    if df.empty:
        return empty_trends()
    x1, x0 = df["x_recent"].to_numpy(float), df["x_before"].to_numpy(float)
    n1, n0 = df["n_recent"].fillna(0).to_numpy(float), df["n_before"].fillna(0).to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        df["share_recent"] = np.where(n1 > 0, x1 / n1, np.nan)
        df["share_before"] = np.where(n0 > 0, x0 / n0, np.nan)
    df["share_recent_low"], df["share_recent_high"] = wilson_interval(x1, n1)
    df["share_before_low"], df["share_before_high"] = wilson_interval(x0, n0)
    df["growth"] = log_share_ratio(x1, n1, x0, n0)
    df["growth_pct"] = 100 * (np.exp(df["growth"]) - 1)
    z, p = two_proportion_test(x1, n1, x0, n0)
    enough = (n1 >= evidence.min_segment_postings) & (n0 >= evidence.min_segment_postings) \
        & (x1 + x0 >= evidence.min_skill_postings_trend)
    df["z"], df["p_value"] = z, np.where(enough, p, np.nan)
    # false discovery control across the skills of each segment (tests of thin skills are not made)
    df["q_value"] = df.groupby(["segment_kind", "segment"])["p_value"].transform(
        lambda s: pd.Series(benjamini_hochberg(s.to_numpy()), index=s.index))
    first_seen = pd.to_datetime(df["first_seen"])
    age = (pd.Timestamp(window.end_day) - first_seen).dt.days.to_numpy(float) / 7.0
    df["status"] = trend_status(x1, n1, x0, n0, df["q_value"].to_numpy(float), age, evidence)

    # the freelance lens: of the skill's postings, the contract or freelance share, and its change
    c1, c0 = df["c_recent"].to_numpy(float), df["c_before"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        df["contract_share_recent"] = np.where(x1 > 0, c1 / x1, np.nan)
        df["contract_share_before"] = np.where(x0 > 0, c0 / x0, np.nan)
    df["contract_growth"] = log_share_ratio(c1, x1, c0, x0)
    _, cp = two_proportion_test(c1, x1, c0, x0)
    c_enough = (x1 >= evidence.min_segment_postings) & (x0 >= evidence.min_segment_postings) \
        & (c1 + c0 >= evidence.min_skill_postings_trend)
    df["contract_p"] = np.where(c_enough, cp, np.nan)
    df["contract_q_value"] = df.groupby(["segment_kind", "segment"])["contract_p"].transform(
        lambda s: pd.Series(benjamini_hochberg(s.to_numpy()), index=s.index))
    c_status = trend_status(c1, x1, c0, x0, df["contract_q_value"].to_numpy(float),
                            np.full(len(df), math.inf), evidence)
    df["contract_status"] = c_status

    df["horizon_weeks"] = window.horizon
    df["window_start"] = as_dates([window.before_start] * len(df)).to_numpy()
    df["window_end"] = as_dates([window.end_day] * len(df)).to_numpy()
    df["panel_sources"] = [list(panel)] * len(df)
    df = df.rename(columns={"x_recent": "postings_recent", "x_before": "postings_before",
                            "n_recent": "segment_postings_recent", "n_before": "segment_postings_before"})
    for column in ("postings_recent", "postings_before", "segment_postings_recent", "segment_postings_before"):
        df[column] = df[column].fillna(0).astype("int64")
    df = df[TREND_COLUMNS].reset_index(drop=True)
    for column in DATE_COLUMNS:
        df[column] = as_dates(df[column] if column != "first_seen" else first_seen.reset_index(drop=True))
    return df


def trends(con: duckdb.DuckDBPyConnection, segment: Segment | None = None, horizons=HORIZONS,
           evidence: Evidence = EVIDENCE, end_week: date | None = None) -> pd.DataFrame:
    """Per skill, horizon and segment: the shares of both windows with 95% Wilson intervals, the
    growth (log ratio) with its two-proportion test and BH q value, the status, the first-seen
    date and the contract/freelance share with its own test. ``segment`` None gives every
    single-dimension segment and 'all'; a Segment gives just that one (any combination)."""
    end_week = end_week or last_complete_week(con)
    if end_week is None:
        return empty_trends()
    first = _first_seen(con, segment)
    frames = []
    for horizon in horizons:
        window = Window.ending(end_week, horizon)
        panel = stable_panel(con, window)
        skills, totals = _window_counts(con, window, panel, segment)
        frames.append(_with_stats(skills, totals, first, window, panel, evidence))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty_trends()
    return pd.concat(frames, ignore_index=True)
