"""What a skill pays: hourly-equivalent pay of the postings that ask for it, and its premium over a
matched baseline, with an exact bootstrap interval (the rows of ``mart.skill_pay``).

- Postings: counted postings (weekly unit) of the last 52 complete weeks that state a usable pay
  (``core.counted_postings.hourly_pay``: the midpoint of the stated range as an hourly equivalent).
- Currencies are never mixed: every figure is within one currency (no conversion).
- Matched baseline: for a posting that asks for skill S, the median pay of the postings of the same
  role family, employment type and currency that do not ask for S (at least
  ``MIN_BASELINE_POSTINGS`` of them, else the posting has no baseline).
- Premium: the median, over the skill's postings, of pay / baseline, minus 1; its 95% interval is
  the percentile interval of the bootstrap distribution of that median, computed in closed form
  (the bootstrap median is the j-th order statistic with a binomial probability: Efron 1982,
  ch. 10; exact binomial up to 60 postings, its normal approximation above), so it needs no
  resampling and is the same on every run.
- A figure needs at least ``MIN_PAY_POSTINGS`` postings with pay; below that, the row keeps its
  counts and coverage but no pay figures.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import duckdb
import numpy as np
import pandas as pd

from warehouse.trends import as_dates

MIN_PAY_POSTINGS = 20
MIN_BASELINE_POSTINGS = 10
WINDOW_WEEKS = 52

PAY_COLUMNS = [
    "segment_kind", "segment", "skill", "currency", "postings_with_skill", "postings_with_pay", "coverage",
    "pay_q1", "pay_median", "pay_q3", "premium_pct", "premium_low_pct", "premium_high_pct",
    "postings_with_baseline", "shown", "window_start", "window_end",
]


def empty_pay() -> pd.DataFrame:
    """No rows, but every column typed."""
    text = {"segment_kind", "segment", "skill", "currency"}
    ints = {"postings_with_skill", "postings_with_pay", "postings_with_baseline"}
    dates = {"window_start", "window_end"}
    import pyarrow as pa

    return pd.DataFrame({c: pd.Series(dtype=pd.ArrowDtype(pa.string()) if c in text else "int64" if c in ints
                                      else "bool" if c == "shown" else "float64")
                         if c not in dates else as_dates([]) for c in PAY_COLUMNS})


_LOG_FACTORIAL = np.array([math.lgamma(k + 1) for k in range(61)])


def _binomial_sf(m: int, n: int, p: float) -> float:
    """P(Binomial(n, p) >= m): exact up to n = 60, the normal approximation with continuity
    correction above (it moves an interval end by one order statistic at most, in our checks)."""
    if m <= 0:
        return 1.0
    if m > n:
        return 0.0
    if p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    if n <= 60:
        k = np.arange(m, n + 1)
        logs = (_LOG_FACTORIAL[n] - _LOG_FACTORIAL[k] - _LOG_FACTORIAL[n - k] + k * math.log(p)
                + (n - k) * math.log1p(-p))
        top = logs.max()
        return min(1.0, float(math.exp(top) * np.exp(logs - top).sum()))
    mean, sd = n * p, math.sqrt(n * p * (1 - p))
    return 0.5 * math.erfc(((m - 0.5) - mean) / (sd * math.sqrt(2)))


def bootstrap_median_interval(values: Iterable[float], level: float = 0.95) -> tuple[float, float]:
    """Exact percentile bootstrap interval of the (lower) median of ``values``.

    The bootstrap median of n values drawn with replacement is at most the j-th smallest value
    exactly when at least m = (n + 1) // 2 draws are among the j smallest: a Binomial(n, j / n)
    event. The interval runs from the first order statistic whose cumulative probability reaches
    (1 - level) / 2 to the first that reaches (1 + level) / 2.
    """
    x = np.sort(np.asarray(list(values), dtype=float))
    n = len(x)
    if n == 0:
        return math.nan, math.nan
    m = (n + 1) // 2
    lo_target, hi_target = (1 - level) / 2, (1 + level) / 2

    def first_reaching(target: float) -> int:
        low, high = 1, n  # the cumulative probability rises with j: binary search
        while low < high:
            mid = (low + high) // 2
            if _binomial_sf(m, n, mid / n) >= target:
                high = mid
            else:
                low = mid + 1
        return low

    return float(x[first_reaching(lo_target) - 1]), float(x[first_reaching(hi_target) - 1])


def _lower_median(values: np.ndarray) -> float:
    ordered = np.sort(values)
    return float(ordered[(len(ordered) + 1) // 2 - 1])


def premium_rows(postings: pd.DataFrame, skills: pd.DataFrame, skill_postings: pd.DataFrame,
                 window: tuple | None = None) -> pd.DataFrame:
    """The mart's rows from plain frames (tested on its own).

    ``postings``: posting_id, family, employment_type, currency, hourly_pay (those with pay);
    ``skills``: posting_id, skill (distinct; for postings with pay);
    ``skill_postings``: segment_kind, segment, skill, postings_with_skill, postings_with_any_pay
    (every counted posting of the window, with or without pay).
    """
    if postings.empty or skills.empty:
        return empty_pay()
    # Plain numpy over integer codes: pandas' per-group iteration (and DuckDB's Arrow-backed
    # columns) cost ~100 us a group, and a million postings make ~10^5 groups.
    postings = pd.DataFrame({c: postings[c].to_numpy(object) for c in ("posting_id", "family", "employment_type", "currency")}
                            | {"hourly_pay": postings["hourly_pay"].to_numpy(float)})
    skills = pd.DataFrame({c: skills[c].to_numpy(object) for c in ("posting_id", "skill")})

    # Baseline per (cell, skill): the lower median of the cell's pay without the skill's postings.
    # Each posting's rank in its cell's sorted pay makes that an index computation: removing the
    # ranks R (sorted) from the cell, the r-th remaining value sits at r + #{t : R[t] - t <= r}
    # (no set difference per group: that was 58 of 81 s at 1M postings).
    cell_of_posting, _ = pd.factorize(postings["family"] + "|" + postings["employment_type"] + "|"
                                      + postings["currency"])
    by_pay = np.lexsort((postings["hourly_pay"].to_numpy(float), cell_of_posting))
    sorted_cells = cell_of_posting[by_pay]
    cell_start = np.searchsorted(sorted_cells, np.arange(sorted_cells.max() + 2))
    rank = np.empty(len(postings), dtype=np.int64)
    rank[by_pay] = np.arange(len(postings)) - cell_start[sorted_cells]
    sorted_pay = postings["hourly_pay"].to_numpy(float)[by_pay]
    postings["cell"], postings["rank"] = cell_of_posting, rank
    merged = skills.merge(postings, on="posting_id")
    skill_codes, skill_names = pd.factorize(merged["skill"])
    skill_names = np.asarray(skill_names, dtype=object)
    pays = merged["hourly_pay"].to_numpy(float)
    row_rank, row_cell = merged["rank"].to_numpy(np.int64), merged["cell"].to_numpy(np.int64)
    baseline_of_row = np.full(len(merged), np.nan)
    order = np.lexsort((row_rank, skill_codes, row_cell))
    keys = row_cell[order] * (len(skill_names) + 1) + skill_codes[order]
    for rows_idx in np.split(order, np.flatnonzero(np.diff(keys)) + 1):
        cell = row_cell[rows_idx[0]]
        removed = row_rank[rows_idx]  # sorted: the order sorts by rank within a group
        rest = cell_start[cell + 1] - cell_start[cell] - len(removed)
        if rest >= MIN_BASELINE_POSTINGS:
            r = (rest + 1) // 2 - 1
            skipped = np.searchsorted(removed - np.arange(len(removed)), r, side="right")
            baseline_of_row[rows_idx] = sorted_pay[cell_start[cell] + r + skipped]
    ratios_all = pays / baseline_of_row

    rows = []
    currency_codes, currencies = pd.factorize(merged["currency"])
    currencies = np.asarray(currencies, dtype=object)
    for kind, column in (("all", None), ("family", "family"), ("employment_type", "employment_type")):
        if column is None:
            segment_codes, segments = np.zeros(len(merged), dtype=np.int64), np.array(["all"], dtype=object)
        else:
            segment_codes, segments = pd.factorize(merged[column])
            segments = np.asarray(segments, dtype=object)
        order = np.lexsort((currency_codes, skill_codes, segment_codes))
        keys = (segment_codes[order] * (len(skill_names) + 1) + skill_codes[order]) * (len(currencies) + 1) \
            + currency_codes[order]
        for rows_idx in np.split(order, np.flatnonzero(np.diff(keys)) + 1):
            first = rows_idx[0]
            group_pays = pays[rows_idx]
            ratios = ratios_all[rows_idx]
            ratios = ratios[~np.isnan(ratios)]
            shown = len(group_pays) >= MIN_PAY_POSTINGS
            row = {"segment_kind": kind, "segment": segments[segment_codes[first]],
                   "skill": skill_names[skill_codes[first]], "currency": currencies[currency_codes[first]],
                   "postings_with_pay": len(group_pays), "postings_with_baseline": len(ratios), "shown": shown}
            if shown:
                q1, median, q3 = np.quantile(group_pays, [0.25, 0.5, 0.75])
                row.update(pay_q1=q1, pay_median=median, pay_q3=q3)
                if len(ratios) >= MIN_PAY_POSTINGS:
                    low, high = bootstrap_median_interval(ratios)
                    row.update(premium_pct=100 * (_lower_median(ratios) - 1), premium_low_pct=100 * (low - 1),
                               premium_high_pct=100 * (high - 1))
            rows.append(row)
    out = pd.DataFrame(rows)
    out = out.merge(skill_postings, on=["segment_kind", "segment", "skill"], how="left")
    out["coverage"] = out["postings_with_any_pay"] / out["postings_with_skill"]
    out["window_start"], out["window_end"] = (window or (None, None))
    for column in PAY_COLUMNS:
        if column not in out:
            out[column] = np.nan
    out["postings_with_skill"] = out["postings_with_skill"].fillna(0).astype("int64")
    out = out[PAY_COLUMNS].reset_index(drop=True)
    for column in ("window_start", "window_end"):
        out[column] = as_dates(out[column])
    return out


def skill_pay(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The rows of mart.skill_pay, from core.counted_postings, core.posting_skills and mart.periods."""
    bounds = con.execute("SELECT max(period) FROM mart.periods WHERE period_type = 'week' AND is_complete").fetchall()
    end_week = bounds[0][0] if bounds else None
    if end_week is None:
        return empty_pay()
    window = """c.period_type = 'week' AND c.period <= $end AND c.period > $end - INTERVAL 52 WEEK"""
    params = {"end": end_week}
    postings = con.execute(
        f"""SELECT c.posting_id, c.family, c.employment_type, c.salary_currency AS currency, c.hourly_pay
            FROM core.counted_postings AS c
            WHERE {window} AND c.hourly_pay > 0 AND c.salary_currency IS NOT NULL""", params).df()
    skills = con.execute(
        f"""SELECT DISTINCT s.posting_id, s.skill
            FROM core.posting_skills AS s JOIN core.counted_postings AS c USING (posting_id)
            WHERE {window} AND c.hourly_pay > 0 AND c.salary_currency IS NOT NULL""", params).df()
    skill_postings = con.execute(
        f"""WITH ps AS (
                SELECT DISTINCT c.posting_id, c.family, c.employment_type, c.hourly_pay, s.skill
                FROM core.counted_postings AS c JOIN core.posting_skills AS s USING (posting_id)
                WHERE {window})
            SELECT CASE WHEN grouping(family) = 0 THEN 'family'
                        WHEN grouping(employment_type) = 0 THEN 'employment_type' ELSE 'all' END AS segment_kind,
                   coalesce(family, employment_type, 'all') AS segment, skill,
                   count(*) AS postings_with_skill, count(hourly_pay) AS postings_with_any_pay
            FROM ps GROUP BY GROUPING SETS ((skill), (family, skill), (employment_type, skill))""",
        params).df()
    import datetime as _dt

    window_days = (end_week - _dt.timedelta(weeks=WINDOW_WEEKS - 1), end_week + _dt.timedelta(days=6))
    return premium_rows(postings, skills, skill_postings, window_days)
