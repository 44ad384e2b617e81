"""Trend statistics on a warehouse whose right answers are known by construction: statuses, the
stable panel, the freelance lens, first-seen dates, incomplete periods, empty segments, pairs and
pay (warehouse/trends.py, mart.skill_trends, mart.skill_pairs, warehouse/pay_premium.py)."""

from __future__ import annotations

import json
import math
import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from skills.roles import load_role_rules
from skills.taxonomy import load_taxonomy
from warehouse import connect, load, migrate, models, queries, trends
from warehouse.features import update_features
from warehouse.pay_premium import bootstrap_median_interval, premium_rows

START = date(2026, 1, 5)  # a Monday
WEEKS = 30
CATEGORY = {"Python": "programming_languages", "Rust": "programming_languages", "jQuery": "frameworks_libraries",
            "SQL": "databases", "Docker": "cloud_devops", "Figma": "design", "Kubernetes": "cloud_devops",
            "COBOL": "programming_languages", "Haskell": "programming_languages"}


def plan(week: int, rng: random.Random, source: str) -> list[str]:
    """The skills of one posting, by design: Rust rises, jQuery falls, SQL is flat, Kubernetes
    appears at week 20 (emerging), Haskell is rare; the late source s3 is all Figma and Docker."""
    if source == "s3":
        return ["Figma", "Docker"]
    skills = []
    if rng.random() < 0.10 + 0.02 * week:
        skills.append("Rust")
    if rng.random() < max(0.02, 0.40 - 0.012 * week):
        skills.append("jQuery")
    if rng.random() < 0.30:
        skills.append("SQL")
    if rng.random() < 0.08:
        skills.append("Docker")
    if week >= 20 and rng.random() < 0.25:
        skills.append("Kubernetes")
    if rng.random() < 0.001:
        skills.append("Haskell")
    return skills or ["Python"]


def corpus(with_late_source: bool, *, weeks: int = WEEKS, partial_last_week: bool = False):
    rng = random.Random(11)
    rows, extracted = [], []
    for week in range(weeks):
        monday = START + timedelta(weeks=week)
        for source in ("s0", "s1", "s2", "s3"):
            if source == "s3" and (not with_late_source or week < 15):
                continue
            if source == "s0" and week > 2:  # an old source, gone long before the window
                continue
            for i in range(10 if source == "s0" else 60):
                day = monday + timedelta(days=i % (1 if partial_last_week and week == weeks - 1 else 7))
                sid = f"{week}-{i}"
                skills = plan(week, rng, source)
                contract = "Rust" in skills and rng.random() < 0.05 + 0.03 * week
                text = (f"Posting {source} {sid}: we are hiring. Skills: " + ", ".join(skills) + f". Reference {sid}.")
                rows.append({"source": source, "source_id": sid, "title": "Backend Engineer", "company": f"Co {source} {sid}",
                             "description": text, "posted_at": day.isoformat(), "url": f"https://{source}.example/{sid}",
                             "tags": [], "raw": {}, "remote": "remote",
                             "employment_type": "contract" if contract else "full_time",
                             "crawled_at": (START + timedelta(weeks=weeks, days=1)).isoformat() + "T00:00:00Z"})
                extracted.append({"id": f"{source}:{sid}", "skills": [
                    {"skill": s, "category": CATEGORY[s], "start": text.index(s), "end": text.index(s) + len(s), "text": s}
                    for s in skills]})
    return rows, extracted


def build(tmp_path: Path, rows: list[dict], extracted: list[dict], name: str = "w",
          categories: dict[str, str] | None = None, proofs: bool = False) -> Path:
    """The refresh's steps after the crawl on hand-made extraction output; ``proofs``: mine the
    postings' proofs too (warehouse/proofs.py), for mart.skill_proof."""
    db = tmp_path / f"{name}.duckdb"
    con = connect.connect_writer(db)
    migrate.migrate(con)
    crawl = tmp_path / f"{name}-crawl.jsonl"
    crawl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    load.load_postings(con, crawl, "run")
    taxonomy = tmp_path / f"{name}-taxonomy.json"
    taxonomy.write_text(json.dumps({"version": "t", "skills": [
        {"name": s, "category": c, "aliases": [], "ambiguous": False} for s, c in (categories or CATEGORY).items()]}))
    load.load_taxonomy(con, taxonomy)
    pending, out = tmp_path / f"{name}-pending.jsonl", tmp_path / f"{name}-extracted.jsonl"
    load.export_pending_extraction(con, pending, taxonomy_version="t", extractor_version="e")
    out.write_text("".join(json.dumps(e) + "\n" for e in extracted), encoding="utf-8")
    load.load_extraction(con, pending, out, taxonomy_version="t", extractor_version="e")
    work = tmp_path / name
    work.mkdir()
    update_features(con, work, load_role_rules(), load_taxonomy())
    if proofs:
        from skills.proof import load_proof_rules
        from warehouse.proofs import update_proofs

        update_proofs(con, work, load_proof_rules())
    models.build_models(con, taxonomy_version="t", extractor_version="e")
    assert not any(models.check_keys(con).values())
    con.execute("CHECKPOINT")
    con.close()
    return db


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("trends")
    return build(tmp, *corpus(False), name="two"), build(tmp, *corpus(True), name="three")


def status_of(db: Path, horizon: int = 13, kind: str = "all", segment: str = "all") -> dict[str, str]:
    with connect.read_only(db) as con:
        return dict(con.execute(
            """SELECT skill, status FROM mart.skill_trends
               WHERE segment_kind = ? AND segment = ? AND horizon_weeks = ?""", [kind, segment, horizon]).fetchall())


def test_statuses_are_the_planted_ones(warehouses):
    two, _ = warehouses
    status = status_of(two)
    assert status["Rust"] == "rising"
    assert status["jQuery"] == "declining"
    assert status["SQL"] == "stable"
    assert status["Kubernetes"] == "emerging"
    assert status["Haskell"] == "too little data"
    frame = queries.skill_trends(two).frame.set_index("skill")
    rust = frame.loc["Rust"]
    assert rust["q_value"] < 0.05 and rust["growth"] > math.log(1.2)
    assert rust["share_recent_low"] < rust["share_recent"] < rust["share_recent_high"]
    assert rust["segment_postings_recent"] == rust["segment_postings_before"] == 13 * 120  # s0 is not in the panel
    assert pd.Timestamp(frame.loc["Kubernetes", "first_seen"]).date() == START + timedelta(weeks=20)


def test_a_source_added_midway_changes_no_status(warehouses):
    two, three = warehouses
    for horizon in (13, 52):  # windows that start before the new source does
        assert status_of(three, horizon) == status_of(two, horizon), horizon
    with connect.read_only(three) as con:
        panel = trends.stable_panel(con, trends.Window.ending(trends.last_complete_week(con), 13))
        assert panel == ["s1", "s2"]
        # without the panel, the late source's skill mix would pass for growth: the test can fail
        window = trends.Window.ending(trends.last_complete_week(con), 13)
        skills, totals = trends._window_counts(con, window, ["s1", "s2", "s3"], None)
        first = trends._first_seen(con, None)
        naive = trends._with_stats(skills, totals, first, window, ["s1", "s2", "s3"], trends.EVIDENCE)
    naive = naive[naive["segment_kind"] == "all"].set_index("skill")["status"]
    assert naive["Figma"] in ("rising", "emerging")
    assert status_of(three).get("Figma") is None  # no panel source asks for it: not even a row


def test_the_freelance_lens_sees_the_planted_rise_in_contract_rust(warehouses):
    two, _ = warehouses
    rust = queries.skill_trends(two, horizon=13).frame.set_index("skill").loc["Rust"]
    assert rust["contract_share_recent"] > rust["contract_share_before"]
    assert rust["contract_status"] == "rising" and rust["contract_q_value"] < 0.05


def test_a_combined_segment_is_computed_on_the_fly_and_an_empty_one_says_when_it_was_last_seen(warehouses):
    two, _ = warehouses
    combined = queries.skill_trends(two, queries.resolve_segment(two, family="software_engineering", remote="remote"))
    assert set(combined.frame.set_index("skill")["status"].items()) == set(status_of(two).items())
    gone = queries.skill_trends(two, queries.resolve_segment(two, source="s0"))
    assert gone.frame.empty and gone.segment_last_seen == START + timedelta(weeks=2)


def test_an_incomplete_last_week_is_marked_and_ends_no_window(tmp_path):
    db = build(tmp_path, *corpus(False, weeks=27, partial_last_week=True), name="partial")
    with connect.read_only(db) as con:
        last = con.execute("""SELECT CAST(period AS VARCHAR), is_complete FROM mart.periods
                              WHERE period_type = 'week' ORDER BY period DESC LIMIT 2""").fetchall()
        end = trends.last_complete_week(con)
    assert last[0][1] is False and last[1][1] is True and str(end) == last[1][0]
    series = queries.trend_series(db, skills=["SQL"])
    assert series.iloc[-1]["complete"] == False and series.iloc[-2]["complete"] == True  # noqa: E712


def test_trend_series_counts_share_and_wilson(warehouses):
    two, _ = warehouses
    series = queries.trend_series(two, skills=["SQL"], period="week")
    assert len(series) == WEEKS
    assert series["postings_total"].tolist() == [130] * 3 + [120] * (WEEKS - 3)  # the old source s0 too
    row = series.iloc[3]
    assert row["share"] == pytest.approx(row["postings_with_skill"] / 120)
    from warehouse.stats import wilson_interval

    low, high = wilson_interval([row["postings_with_skill"]], [120])
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low[0], high[0]), abs=1e-6)


# ---- adjacency

def test_pairs_support_lift_and_npmi(tmp_path):
    rows, extracted = [], []
    sets = [["Python", "SQL"]] * 10 + [["Python"]] * 5 + [["Figma"]] * 5
    for i, skills in enumerate(sets):
        text = f"Posting {i}. Skills: " + ", ".join(skills) + "."
        rows.append({"source": "s1", "source_id": str(i), "title": "Backend Engineer", "company": f"C{i}",
                     "description": text, "posted_at": (START + timedelta(days=i % 5)).isoformat(),
                     "url": f"https://e.example/{i}", "tags": [], "raw": {},
                     "crawled_at": (START + timedelta(weeks=3)).isoformat() + "T00:00:00Z"})
        extracted.append({"id": f"s1:{i}", "skills": [{"skill": s, "category": CATEGORY[s], "start": text.index(s),
                                                       "end": text.index(s) + len(s), "text": s} for s in skills]})
    db = build(tmp_path, rows, extracted, name="pairs")
    pairs = queries.skill_pairs(db, "Python")
    assert pairs["other_skill"].tolist() == ["SQL"]  # Figma never with Python; nothing below support 5
    row = pairs.iloc[0]
    assert row["support"] == 10 and row["postings_segment"] == 20
    assert row["lift"] == pytest.approx(0.5 / (0.75 * 0.5))
    assert row["npmi"] == pytest.approx(math.log(0.5 / (0.75 * 0.5)) / -math.log(0.5))
    assert row["confidence"] == pytest.approx(10 / 15)


# ---- pay

def test_exact_bootstrap_interval_of_the_median_matches_resampling():
    rng = np.random.default_rng(3)
    x = rng.lognormal(3.5, 0.4, size=41)
    low, high = bootstrap_median_interval(x)
    draws = np.sort(x[rng.integers(0, len(x), size=(40_000, len(x)))], axis=1)[:, (len(x) + 1) // 2 - 1]
    assert low == pytest.approx(np.quantile(draws, 0.025), rel=0.03)
    assert high == pytest.approx(np.quantile(draws, 0.975), rel=0.03)
    assert bootstrap_median_interval([7.0]) == (7.0, 7.0)


def test_premium_is_against_the_matched_baseline_within_one_currency():
    rng = np.random.default_rng(5)
    postings, skills = [], []
    for i in range(400):
        family = "data_engineering" if i % 2 else "design"
        has = i % 4 < 2  # half of each family asks for Kubernetes
        base = 80.0 if family == "data_engineering" else 40.0
        pay = base * (1.25 if has else 1.0) * rng.uniform(0.95, 1.05)
        currency = "USD" if i % 10 else "EUR"
        postings.append({"posting_id": str(i), "family": family, "employment_type": "contract",
                         "currency": currency, "hourly_pay": pay})
        skills.append({"posting_id": str(i), "skill": "Kubernetes" if has else "SQL"})
    counts = pd.DataFrame([{"segment_kind": "all", "segment": "all", "skill": "Kubernetes",
                            "postings_with_skill": 250, "postings_with_any_pay": 200}])
    rows = premium_rows(pd.DataFrame(postings), pd.DataFrame(skills), counts)
    usd = rows[(rows.segment_kind == "all") & (rows.skill == "Kubernetes") & (rows.currency == "USD")].iloc[0]
    # +25% within each family, although design pays half as much: the baseline is matched
    assert usd["premium_pct"] == pytest.approx(25, abs=3)
    assert usd["premium_low_pct"] < usd["premium_pct"] < usd["premium_high_pct"]
    assert usd["coverage"] == pytest.approx(0.8) and usd["shown"]
    eur = rows[(rows.segment_kind == "all") & (rows.skill == "Kubernetes") & (rows.currency == "EUR")].iloc[0]
    assert eur["postings_with_pay"] == 20 and eur["shown"]  # never pooled with USD
    small = premium_rows(pd.DataFrame(postings[:30]), pd.DataFrame(skills[:30]), counts)
    assert not small["shown"].any() and small["pay_median"].isna().all()  # below the minimum N: hidden
