"""Skills v1 as the product relies on it: the spaCy component, the taxonomy, the extract contract.

Real spaCy (`spacy.blank("en")`, no model download), the shipped taxonomy, real recorded postings.
"""

from __future__ import annotations

import io
import json

import pytest
import spacy

from crawlers.normalize import html_to_text
from skills.extract import extract_records, extract_stream
from tests.conftest import REMOTIVE_FILE, REPO

CATEGORIES = {"programming_languages", "frameworks_libraries", "data_ml", "cloud_devops", "databases",
              "design", "marketing_sales", "writing_content", "business_finance", "product_project",
              "soft_skills", "tools_platforms", "certifications"}


def skills_in(text: str, title: str | None = None) -> list[tuple[str, str]]:
    record = {"id": 1, "text": text, **({"title": title} if title else {})}
    out = next(extract_records([record]))["skills"]
    for s in out:
        assert text[s["start"]:s["end"]] == s["text"]  # offsets are characters into text
    return [(s["skill"], s["text"]) for s in out]


def test_the_component_registers_by_entry_point_on_a_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("skillpulse_skills")
    doc = nlp("Senior Python developer with Django and PostgreSQL")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Python", "SKILL", "Python"), ("Django", "SKILL", "Django"), ("PostgreSQL", "SKILL", "PostgreSQL")]
    assert [(name, category) for name, category, _span in doc._.skills] == [
        ("Python", "programming_languages"), ("Django", "frameworks_libraries"), ("PostgreSQL", "databases")]


def test_taxonomy_size_uniqueness_and_categories():
    taxonomy = json.loads((REPO / "skills" / "data" / "taxonomy.json").read_text(encoding="utf-8"))
    assert taxonomy["version"]
    skills = taxonomy["skills"]
    assert len(skills) >= 300
    names = [s["name"] for s in skills]
    assert len(names) == len(set(names))
    assert {s["category"] for s in skills} <= CATEGORIES
    assert all(s["aliases"] is not None for s in skills)
    owners: dict[str, set[str]] = {}
    for skill in skills:
        for alias in {skill["name"], *skill["aliases"]}:
            owners.setdefault(alias.lower(), set()).add(skill["name"])
    assert {a: o for a, o in owners.items() if len(o) > 1} == {}  # no surface form names two skills


@pytest.mark.parametrize(("text", "expected"), [
    ("Senior Python developer with Django and PostgreSQL.", [("Python", "Python"), ("Django", "Django"), ("PostgreSQL", "PostgreSQL")]),
    ("NodeJS, k8s, C++, C#, .NET and CI/CD", [("Node.js", "NodeJS"), ("Kubernetes", "k8s"), ("C++", "C++"), ("C#", "C#"), (".NET", ".NET"), ("CI/CD", "CI/CD")]),
    ("Experience with Postgres and LLMs", [("PostgreSQL", "Postgres"), ("Large Language Models", "LLMs")]),
    ("Advanced Microsoft Excel", [("Microsoft Excel", "Microsoft Excel")]),
])
def test_known_answers(text, expected):
    assert skills_in(text) == expected


def test_go_live_is_not_go_but_backend_in_go_is():
    assert skills_in("We go live in May.") == []
    assert ("Go", "Go") in skills_in("You will build backend services in Go and PostgreSQL.")
    assert skills_in("Golang microservices")[0] == ("Go", "Golang")


def test_excel_at_is_not_microsoft_excel():
    assert ("Microsoft Excel", "excel") not in skills_in("You excel at communication.")


def test_real_posting_hand_checked():
    jobs = json.loads(REMOTIVE_FILE.read_text(encoding="utf-8-sig"))["jobs"]
    job = next(j for j in jobs if j["id"] == 2069746)  # "Tech Lead Full-Stack Rails Engineer", read by hand
    found = {skill for skill, _ in skills_in(html_to_text(job["description"]), job["title"])}
    assert {"Ruby on Rails", "PostgreSQL", "MySQL", "Redis", "Docker", "Elasticsearch", "Kubernetes",
            "LangChain", "React"} <= found


def test_stream_keeps_good_lines_and_reports_bad_ones():
    src = io.StringIO('{"id": 1, "text": "Python"}\n{broken\n\n{"id": 2}\n{"id": 3, "text": "SQL"}\n')
    dst = io.StringIO()
    stats = extract_stream(src, dst)
    assert [json.loads(line)["id"] for line in dst.getvalue().splitlines()] == [1, 3]
    assert len(stats.errors) == 2 and "line 2" in stats.errors[0] and "line 4" in stats.errors[1]
