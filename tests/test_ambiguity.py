"""Every skill whose name is also an ordinary word, on real-world positive and negative sentences.

The sentences live in tests/ambiguity_cases.json; the rules in skills/data/ambiguity.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skills.extract import extract_records, load_pipeline
from skills.taxonomy import load_ambiguity, load_taxonomy

CASES = json.loads((Path(__file__).parent / "ambiguity_cases.json").read_text(encoding="utf-8"))
SKILL_CASES = {k: v for k, v in CASES.items() if not k.startswith("_")}


def _params(kind: str):
    for skill, cases in SKILL_CASES.items():
        for n, case in enumerate(cases[kind]):
            case = case if isinstance(case, dict) else {"text": case}
            yield pytest.param(skill, case, id=f"{skill}-{kind}-{n}")


def _found(case: dict) -> set[str]:
    out = next(extract_records([{"id": 0, **case}], nlp=load_pipeline()))
    return {m["skill"] for m in out["skills"]}


def test_every_ambiguous_skill_has_cases():
    """A skill flagged ambiguous without real sentences for and against is untested."""
    flagged = {s.name for s in load_taxonomy().skills if s.ambiguous}
    assert flagged == set(load_ambiguity().rules)
    missing = sorted(n for n in flagged if n not in SKILL_CASES)
    assert not missing, f"ambiguous skills without cases in tests/ambiguity_cases.json: {missing}"
    thin = sorted(n for n in flagged if len(SKILL_CASES[n]["positive"]) < 3 or len(SKILL_CASES[n]["negative"]) < 3)
    assert not thin, f"fewer than 3 positive or negative sentences: {thin}"
    stale = sorted(set(SKILL_CASES) - flagged)
    assert not stale, f"cases for skills that are not flagged ambiguous: {stale}"


@pytest.mark.parametrize("skill, case", list(_params("positive")))
def test_positive(skill, case):
    assert skill in _found(case), case["text"]


@pytest.mark.parametrize("skill, case", list(_params("negative")))
def test_negative(skill, case):
    assert skill not in _found(case), case["text"]
