"""Proof mining (skills/proof.py, skills/data/proof_rules.json): what postings ask as proof of a skill.

The positive and negative sentences are short snippets of real recorded postings (the file under
../shared/data/sources each came from is named beside it; ``test_the_snippets_are_real`` reads
those files with the project's parsers and finds every one), checked by hand; the rest are the
cases a rule must get right whatever the data.
"""

from __future__ import annotations

import json
import time

import pytest

from skills.proof import (
    MAX_TEXT_CHARS,
    Proof,
    ProofRulesError,
    find_proofs,
    load_proof_rules,
    years_for_skill,
    years_from_proofs,
)
from tests.conftest import REPO, SHARED_DATA

SOURCES = SHARED_DATA / "sources"

# (file, snippet, category, the phrase found): hand-checked against the posting
POSITIVES = [
    ("remoteok/remoteok_api_2026-03-17.json",
     ("Please apply with: A resume, cover letter, and two writing samples that demonstrate your ability to "
      "create engaging and persuasive content."), "portfolio", "writing samples"),
    ("hackernews/firebase_whoishiring_2024-07_item40846428.json",
     "with [HN] in the title and a link to your GitHub/GitLab profile and/or resume.", "portfolio",
     "link to your GitHub"),
    ("weworkremotely/wwr_remote-jobs_2022-11-08.rss",
     "Stage 2: 1h design call presenting a case study from your portfolio", "portfolio",
     "case study from your portfolio"),
    ("arbeitnow/arbeitnow_job-board-api_data_2026-02-11.json",
     "Strong portfolio showcasing user-centered design, workflows, and interface thinking.", "portfolio",
     "Strong portfolio"),
    ("weworkremotely/wwr_remote-jobs_2022-11-08.rss",
     ("Hiring Process: Expect 3 interviews (in this order): intro call, take-home coding challenge, and systems "
      "design/technical communication."), "assessment", "take-home coding challenge"),
    ("remotive/remotive_api_workverse.json", "Paid trial project (up to 10 hours)", "assessment", "Paid trial project"),
    ("hackernews/firebase_whoishiring_2024-07_item40846428.json",
     "The first step in our process is completing our reverse engineering challenge", "assessment",
     "completing our reverse engineering challenge"),
    ("arbeitnow/arbeitnow_job-board-api_data_2026-02-15.json",
     "Preferred certifications include CompTIA Security+, ITIL Foundation, and MS-500.", "certification",
     "certifications"),
    ("weworkremotely/wwr_remote-jobs_2022-11-08.rss",
     "PMI or equivalent certification is strongly desired (but not mandatory)", "certification", "certification"),
    ("remoteok/remoteok_api_2026-03-17.json", "Valid and recognized Journeyman Electrician Certificate",
     "certification", "Certificate"),
    ("arbeitnow/arbeitnow_job-board-api_data_2026-02-15.json", "Certified AWS Solutions Architect - Associate.",
     "certification", "Certified AWS Solutions Architect"),
    ("greenhouse/luno_20260808T195722760851Z.json",
     "Bachelor's in Finance, Economics, Mathematics, Business Administration, Accounting or related discipline.",
     "degree", "Bachelor's"),
    ("remoteok/remoteok_api_2026-03-17.json",
     "3+ years AWS experience, including but not limited to EC2, RDS, Lambda, and ECS/Fargate", "experience",
     "3+ years AWS experience"),
]

# (file, snippet): sentences that look like a proof and are not one
NEGATIVES = [
    ("remoteok/remoteok_api_2026-03-17.json",
     "For 30 years we have been helping people make better investment decisions"),  # company history
    ("hackernews/firebase_whoishiring_2024-07_item40846428.json",
     "We are a VC backed company and have been in business for 5 years"),
    ("arbeitnow/arbeitnow_job-board-api_data_2026-02-15.json",
     "We have specialised in real estate services in the premium segment for over 45 years"),
    ("weworkremotely/wwr_remote-jobs_2022-11-08.rss",
     "The majority of our developers have more than 10 years of professional experience."),  # the team's, not yours
    ("remoteok/remoteok_api_2026-03-17.json", "running campaigns with Demand Gen to target portfolio companies"),
    ("weworkremotely/wwr_remote-jobs_2022-11-08.rss",
     "In this role, you'd be improving, architecting, and supporting our portfolio of clients with their online stores"),
    ("arbeitnow/arbeitnow_job-board-api_data_2026-02-15.json",
     "Perform detailed risk assessments to identify potential safety issues"),
    ("weworkremotely/wwr_remote-jobs_2022-11-08.rss", "Benefits that will be available after 90-day trial period"),
    ("hackernews/firebase_whoishiring_2024-07_item40846428.json",
     "We offer a remote-friendly, collaborative work environment with a high degree of autonomy"),
    ("arbeitnow/arbeitnow_job-board-api_data_2026-02-15.json",
     "Flexible Arbeitszeiten, die sich gut mit deinem Studium vereinbaren lassen"),  # a student job's perk
]


@pytest.fixture(scope="module")
def recorded_texts() -> dict[str, str]:
    """The descriptions of the cited recordings, as the crawl normalises them (one text per file)."""
    from crawlers.recorded import recorded_postings

    files = sorted({f for f, *_ in POSITIVES} | {f for f, _ in NEGATIVES})
    return {f: "\n".join(p.get("description") or "" for p in recorded_postings(SOURCES / f)) for f in files}


def test_the_snippets_are_real(recorded_texts):
    for file, snippet, *_ in POSITIVES + NEGATIVES:
        assert snippet in recorded_texts[file], (file, snippet)


@pytest.mark.parametrize("file,snippet,category,phrase", POSITIVES, ids=[p[3] for p in POSITIVES])
def test_real_proof_sentences_are_found(file, snippet, category, phrase):
    found = [(p.category, p.text) for p in find_proofs(snippet)]
    assert (category, phrase) in found, found


@pytest.mark.parametrize("file,snippet", NEGATIVES, ids=[n[1][:30] for n in NEGATIVES])
def test_real_sentences_that_are_no_proof_find_nothing(file, snippet):
    assert find_proofs(snippet) == []


@pytest.mark.parametrize("text", [
    "Our company has 20 years of history.",
    "We build portfolios for clients.",
    "Applicants must be at least 18 years old.",
    "30 vacation days per year.",
    "Take-home pay depends on your tax bracket.",
    "We have been certified climate neutral since 2021.",
    "Manage SSL certificates and secrets rotation.",
    "We offer a high degree of autonomy.",
])
def test_everyday_sentences_are_no_proof(text):
    assert find_proofs(text) == []


def test_a_proof_carries_its_offsets_and_sentence():
    text = "About us: a small team.\n\nRequirements:\n- 5+ years of React experience\n- A portfolio of shipped apps\n"
    proofs = find_proofs(text)
    assert [(p.category, p.text, p.sentence) for p in proofs] == [  # a bullet is a sentence of its own
        ("experience", "5+ years of React experience", "5+ years of React experience"),
        ("portfolio", "A portfolio", "A portfolio of shipped apps")]
    for p in proofs:
        assert text[p.start:p.end] == p.text and text[p.sentence_start:p.sentence_end] == p.sentence
    react = proofs[0]
    assert (react.years_min, react.years_max, react.topic) == (5, None, "React")
    assert text[react.topic_start:react.topic_end] == "React"


def test_years_are_parsed():
    def years(text):
        (p,) = [p for p in find_proofs(text) if p.category == "experience"]
        return p.years_min, p.years_max, p.topic

    assert years("3-5 years of relevant work experience, preferably in Flutter.") == (3, 5, None)  # greenhouse/bashdotcom
    assert years("1–3 years' experience in recruitment, talent acquisition, HR, or a related field.") == (
        1, 3, "recruitment, talent acquisition, HR")  # lever/mamamoney
    assert years("Du hast 1 bis 4 Jahre praktische Berufserfahrung im Marketing gesammelt") == (1, 4, "Marketing")  # arbeitnow
    assert years("At least five years of experience with Go.") == (5, None, "Go")
    assert years("Up to 3 years in customer support.") == (None, 3, "customer support")
    assert years("Mehrjährige Berufserfahrung in der IT-Systemadministration") == (None, None, "IT-Systemadministration")


def test_years_per_skill():
    text = "5+ years of React and 2+ with Node."
    assert years_for_skill(text, text.index("React"), text.index("React") + 5) == (5, None)
    assert years_for_skill(text, text.index("Node"), text.index("Node") + 4) == (2, None)
    text = "3+ years with Python, SQL and Airflow"
    for skill in ("Python", "SQL", "Airflow"):
        assert years_for_skill(text, text.index(skill), text.index(skill) + len(skill)) == (3, None), skill
    # no topic: the sentence's years go to the skills it names ...
    text = "Python developer with 5+ years of experience. Go is a plus."
    assert years_for_skill(text, 0, 6) == (5, None)
    assert years_for_skill(text, text.index("Go"), text.index("Go") + 2) == (None, None)  # ... not another sentence's
    # a topic naming something else gives the skill none
    text = "Strong Python; 3+ years of AWS."
    assert years_for_skill(text, 7, 13) == (None, None)
    assert years_for_skill(text, text.index("AWS"), text.index("AWS") + 3) == (3, None)
    # recorded (greenhouse/bashdotcom): "preferably in Flutter" -- the bare years of its sentence
    text = "3-5 years of relevant work experience, preferably in Flutter."
    assert years_for_skill(text, text.index("Flutter"), text.index("Flutter") + 7) == (3, 5)


def test_years_for_skill_reuses_the_proofs_and_refuses_bad_offsets():
    text = "- 4+ years of TypeScript\n- React"
    proofs = find_proofs(text)
    ts = text.index("TypeScript")
    assert years_for_skill(text, ts, ts + 10, proofs=proofs) == years_from_proofs(proofs, ts, ts + 10) == (4, None)
    assert years_from_proofs(proofs, text.index("React"), len(text)) == (None, None)
    for start, end in ((-1, 3), (5, 5), (3, 2), (0, len(text) + 1), (True, 3), (0, 2.0), (None, None)):
        assert years_for_skill(text, start, end) == (None, None)
    assert years_for_skill(None, 0, 1) == years_for_skill(b"3+ years of Go", 12, 14) == (None, None)


def test_a_degree_is_optional_when_experience_can_replace_it():
    def degrees(text):
        return [(p.text, p.optional) for p in find_proofs(text) if p.category == "degree"]

    assert degrees("Bachelor's degree in Computer Science or equivalent experience.") == [("Bachelor's degree", True)]
    assert degrees("Bachelor's degree; Master's preferred.") == [("Bachelor's degree", False), ("Master's", True)]  # remoteok
    assert degrees("LLB (or equivalent legal qualification).") == [("LLB", True)]  # lever/mamamoney
    assert degrees("Ausbildung oder Studium im IT-Bereich (Abschluss nicht zwingend erforderlich)") == [  # arbeitnow
        ("Ausbildung oder Studium", True)]
    assert degrees("A degree in statistics or a related field is required.") == [("degree", False)]


def test_certification_names_come_from_the_taxonomy():
    from skills.proof import certification_names

    names = certification_names()
    assert {"PMP", "CISSP"} <= names and "Python" not in names
    # the generic words are found whatever the certification is called
    assert [p.text for p in find_proofs("AWS Certified Solutions Architect certification is a plus.")] == [
        "AWS Certified", "certification"]
    assert find_proofs("We build learning tools that help adults finish professional certifications.") == []


def test_a_bad_rules_file_is_refused_with_its_name(tmp_path):
    shipped = json.loads((REPO / "skills" / "data" / "proof_rules.json").read_text(encoding="utf-8"))

    def refused(change, match: str) -> None:
        rules = json.loads(json.dumps(shipped))
        change(rules)
        path = tmp_path / f"rules-{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps(rules), encoding="utf-8")
        with pytest.raises(ProofRulesError, match=match) as err:
            load_proof_rules(path)
        assert str(path) in str(err.value)

    def category(rules, cid):
        return next(c for c in rules["categories"] if c["id"] == cid)

    refused(lambda r: r.pop("version"), "version")
    refused(lambda r: r.update(colour="blue"), "colour")
    refused(lambda r: category(r, "portfolio")["patterns"].append("portfolio(s"), "invalid regular expression")
    refused(lambda r: category(r, "portfolio")["patterns"].append("(github) profile"), "unnamed capturing group")
    refused(lambda r: category(r, "portfolio")["patterns"].append("GitHub"), "capitals")
    refused(lambda r: category(r, "portfolio")["patterns"].append("x?"), "empty string")
    refused(lambda r: category(r, "experience")["patterns"].append("{nope} years"), "not defined")
    # the examples are a contract: a rule change that loses one is refused
    refused(lambda r: category(r, "assessment")["examples"]["positive"].append("We love cats."), "positive example")
    refused(lambda r: category(r, "degree")["examples"]["negative"].append("A degree in physics."), "negative example")
    bad = tmp_path / "not-json.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ProofRulesError, match="cannot read"):
        load_proof_rules(bad)
    with pytest.raises(ProofRulesError, match="does not exist"):
        load_proof_rules(tmp_path / "missing.json")


def test_hostile_text_never_raises_and_stays_fast():
    for value in (None, 42, b"3+ years of Python", ["x"], "", " ", "\x00" * 10, "\ud800 3+ years of Python \udfff",
                  "year" * 10, "é" * 1000 + " 5+ years of Go"):
        proofs = find_proofs(value)
        assert isinstance(proofs, list) and all(isinstance(p, Proof) for p in proofs)
        for p in proofs:  # what is shown and stored is valid text (no lone surrogates)
            (p.sentence + p.text + (p.topic or "")).encode("utf-8")
    started = time.perf_counter()
    for hostile in ("3 years " * 60_000, "certification " * 40_000, "portfolio " * 50_000, "a" * 1_000_000,
                    ("- 5+ years of React\n- Portfolio required\n" + "lorem ipsum " * 40 + "\n") * 1_000):
        proofs = find_proofs(hostile)
        assert all(p.end <= MAX_TEXT_CHARS for p in proofs)
    assert time.perf_counter() - started < 5  # about 0.3 s here; one hostile posting never stalls a run
