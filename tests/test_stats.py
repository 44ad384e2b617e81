"""Given/expect tests of every statistic behind the figures (warehouse/stats.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from warehouse.stats import (
    EVIDENCE,
    benjamini_hochberg,
    log_share_ratio,
    trend_status,
    two_proportion_test,
    wilson_interval,
)


@pytest.mark.parametrize("x, n, low, high", [
    (5, 10, 0.2366, 0.7634),   # textbook values (Newcombe 1998, Table I style)
    (0, 10, 0.0, 0.2775),      # none seen: the interval still has room above
    (10, 10, 0.7225, 1.0),
    (1, 100, 0.0018, 0.0545),
    (81, 263, 0.2553, 0.3662),  # Wilson (1927) / Newcombe's worked example
])
def test_wilson_interval_known_values(x, n, low, high):
    lo, hi = wilson_interval([x], [n])
    assert lo[0] == pytest.approx(low, abs=5e-4) and hi[0] == pytest.approx(high, abs=5e-4)


def test_wilson_interval_of_nothing_is_everything_and_is_never_outside_0_1():
    lo, hi = wilson_interval([0, 3, 7], [0, 3, 1000])
    assert (lo[0], hi[0]) == (0.0, 1.0)
    assert hi[1] == 1.0 and 0 < lo[1] < 1
    assert 0 < lo[2] < 0.007 < hi[2] < 0.015


def test_log_share_ratio_is_symmetric_and_finite_for_zero_counts():
    assert log_share_ratio([9.5], [99], [4.5], [99])[0] == pytest.approx(math.log(2))
    assert log_share_ratio([10], [100], [10], [100])[0] == 0
    up, down = log_share_ratio([20, 0], [100, 100], [0, 20], [100, 100])
    assert up == pytest.approx(-down) and math.isfinite(up) and up > 3


def test_two_proportion_test_known_value():
    z, p = two_proportion_test([45], [100], [30], [100])
    assert z[0] == pytest.approx(2.1909, abs=1e-4) and p[0] == pytest.approx(0.02846, abs=1e-4)
    z, p = two_proportion_test([30], [100], [45], [100])
    assert z[0] == pytest.approx(-2.1909, abs=1e-4)


def test_two_proportion_test_without_evidence_says_no_change():
    z, p = two_proportion_test([0, 0, 5], [0, 50, 5], [0, 0, 5], [10, 50, 5])
    assert list(z) == [0, 0, 0] and list(p) == [1, 1, 1]


def test_benjamini_hochberg_known_values_and_nan():
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.005])
    assert q == pytest.approx([0.02, 0.04, 0.04, 0.02])
    q = benjamini_hochberg([0.01, np.nan, 0.04])
    assert q[0] == pytest.approx(0.02) and np.isnan(q[1]) and q[2] == pytest.approx(0.04)
    assert np.isnan(benjamini_hochberg([np.nan])).all() and benjamini_hochberg([]).size == 0


def test_benjamini_hochberg_is_monotone_and_never_below_p():
    rng = np.random.default_rng(7)
    p = rng.uniform(size=200) ** 3
    q = benjamini_hochberg(p)
    order = np.argsort(p)
    assert (np.diff(q[order]) >= -1e-12).all() and (q >= p - 1e-12).all() and (q <= 1).all()


def test_trend_status_rule():
    # columns: x_recent, n_recent, x_before, n_before, q, weeks since first seen
    cases = {
        "rising": (200, 1000, 100, 1000, 0.001, 100),
        "emerging": (80, 1000, 2, 1000, 0.001, 10),
        "declining": (50, 1000, 150, 1000, 0.001, 100),
        "stable (not sure)": (120, 1000, 100, 1000, 0.2, 100),
        "stable (too small a change)": (1080, 10000, 1000, 10000, 0.001, 100),
        "too little data (skill)": (6, 1000, 3, 1000, 0.01, 100),
        "too little data (segment)": (10, 20, 5, 1000, 0.01, 100),
    }
    status = trend_status(*zip(*cases.values()))
    assert dict(zip(cases, status)) == {
        "rising": "rising", "emerging": "emerging", "declining": "declining",
        "stable (not sure)": "stable", "stable (too small a change)": "stable",
        "too little data (skill)": "too little data", "too little data (segment)": "too little data",
    }


def test_evidence_thresholds_are_the_documented_ones():
    from tests.conftest import REPO

    readme = (REPO / "warehouse" / "README.md").read_text(encoding="utf-8")
    for name, value in vars(EVIDENCE).items():
        shown = f"{value:.4f}" if isinstance(value, float) and name == "min_effect" else str(value)
        assert f"`{name}` = {shown}" in readme, name
