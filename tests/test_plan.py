"""The learning plan on a warehouse whose right answer is known by construction: coverage gain,
the within-reach rules, the constraints, the weighting, ties, profiles and the reports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_trends import CATEGORY, build
from warehouse.plan import W_MOMENTUM, Profile, _factor, build_plan
from warehouse.reports import plan_csv, plan_markdown

START = date(2026, 5, 4)  # a Monday; 26 weeks of data, the plan reads the last 13
CATEGORY = {**CATEGORY, "React": "frameworks_libraries", "TypeScript": "programming_languages",
            "Next.js": "frameworks_libraries", "GraphQL": "frameworks_libraries", "Redux": "frameworks_libraries",
            "Django": "frameworks_libraries", "Communication": "soft_skills"}


def corpus():
    rows, extracted = [], []

    def add(week: int, i: int, family_title: str, skills: list[str], *, employment: str = "full_time",
            remote: str = "remote", pay: float | None = None, title: str | None = None, proof: str = ""):
        sid = f"{week}-{family_title[:3]}-{i}-{len(rows)}"
        # a proof sentence goes first, so a skill it names is mentioned there (text.index below)
        text = f"Posting {sid}. {proof}We ask for " + ", ".join(skills) + f". Reference {sid}."
        row = {"source": "s1", "source_id": sid, "title": title or family_title, "company": f"Co {sid}",
               "description": text, "posted_at": (START + timedelta(weeks=week, days=i % 5)).isoformat(),
               "url": f"https://jobs.example/{sid}", "tags": [], "raw": {}, "remote": remote,
               "employment_type": employment, "crawled_at": (START + timedelta(weeks=27)).isoformat() + "T00:00:00Z"}
        if pay is not None:
            row.update(salary_min=pay, salary_max=pay, salary_currency="USD", salary_period="hour",
                       salary_hourly_min=pay, salary_hourly_max=pay)
        rows.append(row)
        extracted.append({"id": f"s1:{sid}", "skills": [
            {"skill": s, "category": CATEGORY[s], "start": text.index(s), "end": text.index(s) + len(s), "text": s}
            for s in skills]})

    for week in range(13):  # the 13 weeks before: data work without Docker
        for i in range(5):
            add(week, i, "Data Engineer", ["Python", "SQL"])
    recent = range(13, 26)
    for n, week in enumerate(recent):
        for i in range(5):
            add(week, i, "Data Engineer", ["Python", "SQL", "Docker"])
    # the front-end postings of the last 13 weeks, by group
    group_weeks = [13 + (k % 13) for k in range(40)]
    for k in range(10):  # A: already within reach of React + TypeScript (2 of 3)
        add(group_weeks[k], k, "Frontend Engineer", ["React", "TypeScript", "Next.js", "Communication"])
    for k in range(8):  # B: one skill away (1 of 4; needs 2); pays 40/h; asks for a portfolio and 4+ years
        add(group_weeks[k], k, "Frontend Engineer", ["React", "GraphQL", "Docker", "Kubernetes"], pay=40.0,
            proof="Please send us your portfolio. You bring 4+ years of GraphQL experience. ")
    for k in range(5):  # C: one skill away (1 of 3), contract, on-site, pays 100/h; a take-home and 6+ years
        add(group_weeks[k], k, "Frontend Engineer", ["React", "GraphQL", "Redux"], employment="contract",
            remote="onsite", pay=100.0,
            proof="A short take-home assignment is part of the process. At least 6 years with GraphQL. ")
    for k in range(6):  # D: two skills away: no single skill opens it
        add(group_weeks[k], k, "Frontend Engineer", ["Python", "Django", "SQL", "Docker"])
    return rows, extracted


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("plan"), *corpus(), name="plan", categories=CATEGORY, proofs=True)


def gains(plan) -> dict[str, int]:
    """The skills ranked on what they bring within reach (those with none follow, ranked on asked)."""
    return {r.skill: r.gain for r in plan.recommendations if r.gain}


def test_only_your_market_counts_and_what_it_asks_for_ranks_the_rest(db):
    """A posting asking for none of your skills is out of your market; skills with a gain rank
    first, then what your market asks for most."""
    plan = build_plan(db, Profile(skills=["React", "TypeScript"], families=["frontend_web"]))
    market = plan.postings_with_skills
    assert 0 < market < plan.segment_postings  # group D (Python, Django, SQL, Docker) is out
    recs = plan.recommendations
    first_without = next((i for i, r in enumerate(recs) if r.gain == 0), len(recs))
    assert all(r.gain > 0 for r in recs[:first_without]) and all(r.gain == 0 for r in recs[first_without:])
    for r in recs:
        assert 0 <= r.gain <= r.asked <= market and r.asked_low <= r.asked <= r.asked_high
    assert {"Python", "Django", "SQL"}.isdisjoint(r.skill for r in recs)  # asked only outside it
    solo = build_plan(db, Profile(skills=["Redux"], families=["frontend_web"]))
    assert solo.recommendations and all(r.asked > 0 for r in solo.recommendations)
    assert solo.recommendations[0].reason


def test_coverage_gain_is_the_postings_one_skill_brings_within_reach(db):
    plan = build_plan(db, Profile(skills=["React", "TypeScript"], families=["frontend_web"]))
    assert plan.segment_postings == 29 and plan.within_reach == 10
    assert gains(plan) == {"GraphQL": 13, "Docker": 8, "Kubernetes": 8, "Redux": 5}
    assert "Communication" not in gains(plan)  # soft skills are never recommended (and never block)
    graphql = plan.recommendations[0]
    assert len(graphql.opens) == 5 and all(o["url"].startswith("https://jobs.example/") for o in graphql.opens)
    assert graphql.pairs_with and graphql.pairs_with[0]["skill"] == "React"


def test_the_all_but_one_rule_counts_only_postings_missing_two(db):
    plan = build_plan(db, Profile(skills=["React", "TypeScript"], families=["frontend_web"]), all_but=1)
    assert gains(plan) == {"GraphQL": 5, "Redux": 5}  # group C misses exactly two; B misses three
    assert "at most 1" in plan.reach


def test_constraints_narrow_the_segment(db):
    contract = build_plan(db, Profile(skills=["React", "TypeScript"], families=["frontend_web"], contract_only=True))
    assert contract.segment_postings == 5 and gains(contract) == {"GraphQL": 5, "Redux": 5}
    remote = build_plan(db, Profile(skills=["React", "TypeScript"], families=["frontend_web"], remote_only=True))
    assert gains(remote) == {"GraphQL": 8, "Docker": 8, "Kubernetes": 8}
    rate = build_plan(db, Profile(skills=["React", "TypeScript"], families=["frontend_web"], min_rate=60))
    assert gains(rate) == {"GraphQL": 5, "Redux": 5}  # B states 40/h: out; unstated pay stays in


def test_significant_momentum_lifts_a_skill_over_an_equal_gain(db):
    plan = build_plan(db, Profile(skills=["React", "TypeScript"]))  # all families: Docker's rise is in "all"
    ranked = [r.skill for r in plan.recommendations]
    docker = next(r for r in plan.recommendations if r.skill == "Docker")
    kubernetes = next(r for r in plan.recommendations if r.skill == "Kubernetes")
    assert docker.status in ("rising", "emerging") and docker.q_value < 0.05
    assert docker.momentum_factor == pytest.approx(1 + W_MOMENTUM * 0.5)  # growth is capped at 0.5
    assert kubernetes.momentum_factor == 1.0 and kubernetes.status == "too little data"
    assert ranked.index("Docker") < ranked.index("Kubernetes")
    assert "rising" in docker.reason or "emerging" in docker.reason
    assert _factor(False, 0.9, 0.5, 0.5) == 1.0 and _factor(True, -2.0, 0.5, 0.5) == 0.75


def test_ties_are_named(db):
    plan = build_plan(db, Profile(skills=["React", "TypeScript"], families=["frontend_web"]))
    by = {r.skill: r for r in plan.recommendations}
    assert "Kubernetes" in by["Docker"].tied_with or "Docker" in by["Kubernetes"].tied_with


def test_profiles_round_trip_and_refuse_junk(tmp_path):
    profile = Profile(skills=["React"], families=["frontend_web"], remote_only=True, min_rate=50, name="Ana's profile")
    path = profile.save(tmp_path / "profiles")
    assert path.name == "ana-s-profile.json" and Profile.load(path) == profile
    path.write_text('{"skills": ["React"], "password": "x"}')
    with pytest.raises(ValueError, match="unknown profile fields"):
        Profile.load(path)


def test_reports_have_the_headline_figures_and_keep_scraped_text_inert(db):
    plan = build_plan(db, Profile(skills=["React", "TypeScript"], families=["frontend_web"], name="Ana"))
    plan.recommendations[0].opens[0]["title"] = "[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    plan.recommendations[0].opens[1]["url"] = "javascript:alert(1)"
    md = plan_markdown(plan)
    for heading in ("# Learning plan: Ana", "**Segment:**", "**Window:**", "**Data as of:**", "## What to learn next",
                    "## Method", "| GraphQL | +13 "):
        assert heading in md, heading
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(md)  # what a Markdown viewer shows
    assert "<img" not in html and 'href="javascript' not in html and "[x](javascript:alert(1))" in html
    assert all(href.startswith(("https://", "http://")) for href in __import__("re").findall(r'href="([^"]*)"', html))
    rows = list(csv.DictReader(io.StringIO(plan_csv(plan), newline="")))
    assert [r["skill"] for r in rows][:2] == ["GraphQL", "Docker"] and rows[0]["gain"] == "13"


def test_the_cli_writes_a_plan_and_the_evidence(db, tmp_path):
    env = {"SKILLPULSE_WAREHOUSE_PATH": str(db), "SKILLPULSE_DATA_DIR": str(tmp_path)}
    out = tmp_path / "plan.json"
    run_cli("plan", "--skills", "react, typescript", "--family", "frontend_web", "--format", "json",
            "--out", str(out), "--save", "ana", env=env)
    plan = json.loads(out.read_text())
    assert [r["skill"] for r in plan["recommendations"]][0] == "GraphQL"
    assert (tmp_path / "profiles" / "ana.json").is_file()
    again = run_cli("plan", "--profile", "ana", "--format", "csv", env=env).stdout
    assert again.splitlines()[1].split(",")[1] == "GraphQL"
    bad = run_cli("plan", "--skills", "Reactt", env=env, check=False)
    assert bad.returncode == 2 and "did you mean React" in bad.stderr
    assert run_cli("plan", "--skills", "React", "--format", "xlsx", env=env, check=False).returncode == 2
    evidence = run_cli("evidence", "GraphQL", "--family", "frontend_web", "--format", "csv", env=env).stdout
    assert len(list(csv.DictReader(io.StringIO(evidence)))) == 13  # every counted posting, not a sample
    md = run_cli("evidence", "GraphQL", env=env).stdout
    assert "**13 counted postings** ask for GraphQL" in md


def test_every_recommendation_says_how_to_prove_it_with_its_n(db):
    """GraphQL's 13 front-end postings: 8 ask for a portfolio and 4+ years of it, 5 for a take-home
    and 6+ years (mart.skill_proof, the frontend_web segment the plan reads)."""
    plan = build_plan(db, Profile(skills=["React", "TypeScript"], families=["frontend_web"], name="Ana"))
    proofs = {r.skill: r.proof for r in plan.recommendations}
    graphql = proofs["GraphQL"]
    assert graphql["segment"] == "frontend_web" and graphql["postings"] == 13 and graphql["shown"]
    assert graphql["portfolio_share"] == pytest.approx(8 / 13) and graphql["assessment_share"] == pytest.approx(5 / 13)
    assert graphql["years_median"] == 4 and graphql["years_share"] == 1.0 and graphql["degree_share"] == 0
    assert {e["category"] for e in graphql["examples"]} == {"portfolio", "assessment", "experience"}
    assert all(e["url"].startswith("https://jobs.example/") for e in graphql["examples"])
    md = plan_markdown(plan)
    assert ("How to prove it (N = 13 postings asking for it): a portfolio, code or work samples 62%; "
            "a test or trial task 38%; typically 4+ years of it (100% say how many)") in md
    assert "“Please send us your portfolio\\.”" in md  # quoted, escaped (scraped text is inert)
    # Docker: 14 front-end postings, the portfolio ones among them; no sentence asks years of Docker
    assert "How to prove it (N = 14 postings asking for it): a portfolio, code or work samples 57%" in md
    assert proofs["Docker"]["years_postings"] == 0 and proofs["Docker"]["years_median"] is None
    # Redux: 5 postings, below the minimum evidence of 10 here and across all role families
    assert proofs["Redux"]["shown"] is False and proofs["Redux"]["portfolio_share"] is None
    assert "How to prove it: too few postings to say (N = 5 asking for it)." in md
    # the profile's own skills: how to prove what you already have
    assert "## How to prove the skills you have" in md
    assert {p["skill"]: p["postings"] for p in plan.current_skills_proof} == {"React": 23, "TypeScript": 10}
    csv_row = next(csv.DictReader(io.StringIO(plan_csv(plan), newline="")))
    assert csv_row["skill"] == "GraphQL" and csv_row["proof_postings"] == "13" and csv_row["years_median"] == "4.0"
