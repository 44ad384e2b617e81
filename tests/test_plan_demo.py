"""The learning plan on the real demo warehouse (its planted trends are known by construction:
crawlers/demo_corpus.py), and the structure of its reports against golden files.

Regenerate the golden skeletons after a deliberate change of the report layout with
`SKILLPULSE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_plan_demo.py`, then read the diff.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from pathlib import Path

import pytest

from warehouse.plan import Profile, build_plan
from warehouse.reports import PLAN_CSV_COLUMNS, plan_csv, plan_markdown

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
RISING = {"LangChain", "Large Language Models", "Prompt Engineering"}  # planted rising
FALLING = {"jQuery", "AngularJS"}  # planted falling


def ranks(plan) -> dict[str, int]:
    return {r.skill: r.rank for r in plan.recommendations}


def test_a_react_typescript_plan_names_the_planted_rising_skills_before_the_falling_ones(demo_warehouse):
    plan = build_plan(demo_warehouse, Profile(skills=["React", "TypeScript"]))
    rank = ranks(plan)
    rising = [rank[s] for s in RISING if s in rank]
    assert rising and min(rising) <= 3, rank  # a planted rising skill near the top
    assert all(rank[s] > max(rising) for s in FALLING if s in rank), rank
    for rec in plan.recommendations:
        if rec.skill in RISING:
            assert rec.status == "rising" and rec.q_value < 0.05 and rec.momentum_factor > 1
    assert plan.postings_with_skills > 20 and plan.segment_postings > plan.postings_with_skills


def test_a_content_writer_plan_leads_with_a_rising_skill_of_the_writers_market(demo_warehouse):
    plan = build_plan(demo_warehouse, Profile(skills=["Copywriting", "SEO", "Content Marketing"]))
    rank = ranks(plan)
    assert rank.get("Prompt Engineering", 99) <= 3, rank
    assert not FALLING & set(rank)
    assert plan.within_reach > 0 and all(r.gain > 0 for r in plan.recommendations[:5])


def test_a_plan_is_fast_once_warm(demo_warehouse):
    profile = Profile(skills=["React", "TypeScript"])
    build_plan(demo_warehouse, profile)
    started = time.perf_counter()
    build_plan(demo_warehouse, profile)
    assert time.perf_counter() - started < 5  # ~0.3 s on a quiet machine; generous for a loaded CI


LABELS = ("+", "brings no posting", "Tied with", "Asked for together with your", "How to prove it",
          "Certifications named with it", "Postings it would bring within reach")


def skeleton(markdown: str) -> str:
    """The report's structure without its figures, names or quotes: headings, table headers, the
    labels of its lines, each shape once in order of first appearance."""
    out = []
    for line in markdown.splitlines():
        if line.startswith("### "):
            out.append("### <rank>. <skill>")
        elif line.startswith("#"):
            out.append(re.sub(r": .*", ": <profile>", line))
        elif line.startswith(("| #", "| ---")):
            out.append(line)
        elif line.startswith("**"):
            out.append(re.sub(r"^(\*\*[^*]+\*\*).*", r"\1", line))
        elif m := re.match(r"(\s*)- (.*)", line):
            indent, text = m.groups()
            if text.startswith("> "):
                shape = "> <example sentence> — <posting link>"
            elif text.startswith("["):
                shape = "<posting link> — <company> (<date>, <source>)"
            elif text.startswith("**"):
                shape = "**<your skill>**"
            else:
                shape = next((label for label in LABELS if text.startswith(label)), "<other>")
            out.append(f"{indent}- {shape}")
    return "\n".join(dict.fromkeys(out)) + "\n"


@pytest.mark.parametrize("name,skills", [("react-typescript", ["React", "TypeScript"]),
                                         ("content-writer", ["Copywriting", "SEO", "Content Marketing"])])
def test_report_structure_matches_the_golden_files(demo_warehouse, name, skills):
    plan = build_plan(demo_warehouse, Profile(skills=skills, name=name))
    got_md = skeleton(plan_markdown(plan))
    rows = list(csv.reader(io.StringIO(plan_csv(plan).decode("utf-8") if isinstance(plan_csv(plan), bytes)
                                       else plan_csv(plan))))
    assert rows[0] == PLAN_CSV_COLUMNS and len(rows) == len(plan.recommendations) + 1
    got_csv = ",".join(rows[0]) + "\n"
    golden_md, golden_csv = GOLDEN / f"plan-{name}.skeleton.md", GOLDEN / "plan.columns.csv"
    if os.environ.get("SKILLPULSE_UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden_md.write_text(got_md, encoding="utf-8")
        golden_csv.write_text(got_csv, encoding="utf-8")
    assert got_md == golden_md.read_text(encoding="utf-8")
    assert got_csv == golden_csv.read_text(encoding="utf-8")
