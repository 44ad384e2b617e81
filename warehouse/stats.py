"""The statistics behind every figure, as small pure functions (numpy in, numpy out).

Each is written down in warehouse/README.md ("How each figure is made") and tested with given and
expected values in tests/test_stats.py. The SQL models compute counts; these turn counts into
shares with intervals, growth with a test, and a status.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: 95% two-sided normal quantile, used by every interval and test here.
Z95 = 1.959963984540054


def _arrays(*values):
    return [np.asarray(v, dtype=float) for v in values]


def wilson_interval(successes, trials, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion (successes / trials), elementwise.

    Better than the normal ("Wald") interval for small counts and shares near 0 or 1, and never
    outside [0, 1]. Trials of 0 give (0, 1): nothing is known.
    """
    x, n = _arrays(successes, trials)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, x / n, 0.0)
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
        low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), 0.0)
        high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), 1.0)
    # x = 0 or x = n: the bound at the edge is exactly 0 or 1 (floating error aside)
    low = np.where(x <= 0, 0.0, low)
    high = np.where((n > 0) & (x >= n), 1.0, high)
    return low, high


def log_share_ratio(x_recent, n_recent, x_before, n_before) -> np.ndarray:
    """Growth as the natural log of the ratio of two shares, each with 0.5 added to the count
    and 1 to the total (so a skill absent in one window gives a finite, shrunk value).

    0 means no change; ln(2) = 0.69 a doubling; -0.69 a halving. exp(value) - 1 is the relative change.
    """
    x1, n1, x0, n0 = _arrays(x_recent, n_recent, x_before, n_before)
    return np.log((x1 + 0.5) / (n1 + 1.0)) - np.log((x0 + 0.5) / (n0 + 1.0))


def _normal_sf(z: np.ndarray) -> np.ndarray:
    """Upper tail of the standard normal, P(Z > z)."""
    return 0.5 * np.vectorize(math.erfc, otypes=[float])(z / math.sqrt(2.0))


def two_proportion_test(x_recent, n_recent, x_before, n_before) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided z test of equal proportions with the pooled variance; returns (z, p value).

    z > 0 when the recent share is higher. Undefined cases (an empty window, or a share of 0 or
    1 in both) give z = 0 and p = 1: no evidence of a change.
    """
    x1, n1, x0, n0 = _arrays(x_recent, n_recent, x_before, n_before)
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (x1 + x0) / (n1 + n0)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
        z = (x1 / n1 - x0 / n0) / se
    z = np.where(np.isfinite(z), z, 0.0)
    p = np.clip(2 * _normal_sf(np.abs(z)), 0.0, 1.0)
    return z, p


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini–Hochberg adjusted p values (q values), controlling the false discovery rate
    across the tests given together (here: the skills of one segment, one horizon).

    NaN p values are ignored (their q is NaN) and do not count as tests.
    """
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    valid = ~np.isnan(p)
    m = int(valid.sum())
    if m == 0:
        return q
    pv = p[valid]
    order = np.argsort(pv, kind="mergesort")
    ranked = pv[order] * m / np.arange(1, m + 1)
    # the running minimum from the largest p down keeps q monotone in p
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.clip(adjusted, 0.0, 1.0)
    q[valid] = out
    return q


# ---- status of a skill in a segment


@dataclass(frozen=True)
class Evidence:
    """Minimum evidence before a skill is ranked or given a trend status (documented in
    warehouse/README.md, "Minimum evidence")."""

    #: postings in the segment in each compared window
    min_segment_postings: int = 30
    #: postings mentioning the skill, recent window (for a rank by demand)
    min_skill_postings: int = 5
    #: postings mentioning the skill, both windows together (for a trend status)
    min_skill_postings_trend: int = 10
    #: smallest relative change called rising or declining: |log ratio| >= ln(1.2), i.e. +20% / -17%
    min_effect: float = math.log(1.2)
    #: false discovery rate across the skills of a segment
    fdr: float = 0.05
    #: a skill first seen this recently (in weeks, in the segment) and rising is "emerging"
    emerging_weeks: int = 26


EVIDENCE = Evidence()

STATUSES = ("emerging", "rising", "stable", "declining", "too little data")


def trend_status(x_recent, n_recent, x_before, n_before, q_values, weeks_since_first_seen,
                 evidence: Evidence = EVIDENCE) -> np.ndarray:
    """One status per skill, by this rule (in order):

    1. too little data — fewer than ``min_segment_postings`` postings in either window, or fewer
       than ``min_skill_postings_trend`` mentioning the skill in both together;
    2. emerging — significantly up (q < fdr, log ratio >= min_effect) and first seen in the
       segment within the last ``emerging_weeks`` weeks;
    3. rising — significantly up;
    4. declining — significantly down (q < fdr, log ratio <= -min_effect);
    5. stable — otherwise (no change large and sure enough to report).
    """
    x1, n1, x0, n0, q, age = _arrays(x_recent, n_recent, x_before, n_before, q_values, weeks_since_first_seen)
    growth = log_share_ratio(x1, n1, x0, n0)
    thin = (n1 < evidence.min_segment_postings) | (n0 < evidence.min_segment_postings) \
        | (x1 + x0 < evidence.min_skill_postings_trend)
    sure = np.nan_to_num(q, nan=1.0) < evidence.fdr
    up = sure & (growth >= evidence.min_effect)
    down = sure & (growth <= -evidence.min_effect)
    new = np.nan_to_num(age, nan=np.inf) <= evidence.emerging_weeks
    status = np.full(x1.shape, "stable", dtype=object)
    status[down] = "declining"
    status[up] = "rising"
    status[up & new] = "emerging"
    status[thin] = "too little data"
    return status
