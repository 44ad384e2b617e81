"""skills/: taxonomy data, the spaCy component, ambiguity rules v1 and bulk extraction.

Real spaCy (a blank English pipeline; no model download), real data files, no mocks.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import spacy

import skills
from skills.component import LABEL, SkillMatcher
from skills.extract import ExtractStats, extract_records, extract_stream, load_pipeline
from skills.taxonomy import CATEGORIES, load_ambiguity, load_taxonomy

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
REMOTIVE = SHARED / "sources" / "remotive" / "remotive_api_workverse.json"

# Canonical names the demo-corpus generator writes into its postings.
REQUIRED_NAMES = """Python, JavaScript, TypeScript, React, Node.js, Vue.js, AngularJS, Angular, jQuery, PHP,
WordPress, Laravel, Django, Flask, FastAPI, Ruby on Rails, Go, Rust, Java, Kotlin, Swift, SQL, PostgreSQL,
MySQL, MongoDB, Redis, AWS, Google Cloud Platform, Microsoft Azure, Docker, Kubernetes, Terraform, CI/CD,
GitHub Actions, Linux, LangChain, Large Language Models, Prompt Engineering, PyTorch, TensorFlow,
Machine Learning, pandas, dbt, Apache Spark, Snowflake, Tableau, Power BI, Microsoft Excel, Figma,
Adobe Photoshop, Adobe Illustrator, UX Design, SEO, Google Analytics, Google Ads, Content Marketing,
Copywriting, Technical Writing, HubSpot, Salesforce, Shopify, Zendesk, Jira, Agile, Scrum,
Project Management, Communication, Bookkeeping, QuickBooks"""


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    return load_pipeline()


def found(nlp: spacy.Language, text: str) -> list[tuple[str, str]]:
    """(canonical skill, surface text) for every SKILL entity, in order."""
    return [(ent.kb_id_, ent.text) for ent in nlp(text).ents if ent.label_ == LABEL]


def names(nlp: spacy.Language, text: str) -> list[str]:
    return [name for name, _ in found(nlp, text)]


# --------------------------------------------------------------------------- taxonomy data


def test_taxonomy_size_names_and_categories() -> None:
    tax = load_taxonomy()
    assert re.fullmatch(r"20\d\d\.\d\d\.\d+", tax.version), tax.version
    assert len(tax) >= 1500
    canonical = [s.name for s in tax.skills]
    assert len(canonical) == len(set(canonical)), "canonical names must be unique"
    assert {s.category for s in tax.skills} == set(CATEGORIES), "every allowed category is used"
    for skill in tax.skills:
        assert skill.category in CATEGORIES
        # a short name with no variants is a typo risk, unless it is an acronym ("AWK", "ADP")
        assert skill.aliases or skill.ambiguous or len(skill.name) > 3 or skill.name.isupper(), f"{skill.name} has no variants"


def test_taxonomy_contains_the_names_other_modules_use() -> None:
    present = {s.name for s in load_taxonomy().skills}
    missing = [n.strip() for n in REQUIRED_NAMES.split(",") if n.strip() not in present]
    assert not missing


def test_no_alias_is_claimed_by_two_skills() -> None:
    owner: dict[str, str] = {}
    for skill in load_taxonomy().skills:
        for surface in skill.surfaces:
            key = surface.lower()
            assert owner.setdefault(key, skill.name) == skill.name, (
                f"{surface!r} belongs to both {owner[key]!r} and {skill.name!r}"
            )


def test_taxonomy_json_is_the_artifact() -> None:
    raw = json.loads((Path(skills.__file__).parent / "data" / "taxonomy.json").read_text(encoding="utf-8"))
    assert set(raw) >= {"version", "skills"}
    for entry in raw["skills"]:
        assert {"name", "category", "aliases", "ambiguous"} <= set(entry)
        assert set(entry) <= {"name", "category", "aliases", "ambiguous", "esco_uri", "onet_name"}
    linked = [e for e in raw["skills"] if e.get("esco_uri") or e.get("onet_name")]
    assert len(linked) >= 300, "skills should carry their ESCO / O*NET identity where one exists"


def test_ambiguity_rules_cover_the_flagged_skills() -> None:
    tax = load_taxonomy()
    rules = load_ambiguity().rules
    flagged = {s.name for s in tax.skills if s.ambiguous}
    assert flagged == set(rules)
    # The bare words that are ordinary English must be forms that need evidence.
    ambiguous_forms = {form for rule in rules.values() for form in rule.forms}
    for word in ("go", "r", "c", "swift", "rust", "spring", "express", "ruby", "excel", "word", "access",
                 "sketch", "chef", "puppet", "spark", "hive", "make", "less", "unity", "dart", "julia",
                 "elixir", "salt", "react"):
        assert word in ambiguous_forms, word
    # ...while their unambiguous spellings are not.
    for word in ("golang", "microsoft excel", "apache spark", "react.js", "spring boot"):
        assert word not in ambiguous_forms


# --------------------------------------------------------------------------- component basics


def test_component_in_a_blank_pipeline_sets_ents_and_extension() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("skillpulse_skills")
    doc = nlp("Senior Python developer with Django and PostgreSQL")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Python", "SKILL", "Python"),
        ("Django", "SKILL", "Django"),
        ("PostgreSQL", "SKILL", "PostgreSQL"),
    ]
    assert [(name, cat, span.text, span.start_char, span.end_char) for name, cat, span in doc._.skills] == [
        ("Python", "programming_languages", "Python", 7, 13),
        ("Django", "frameworks_libraries", "Django", 29, 35),
        ("PostgreSQL", "databases", "PostgreSQL", 40, 50),
    ]


def test_known_sentence_offsets_via_extract(nlp: spacy.Language) -> None:
    text = "Senior Python developer with Django and PostgreSQL"
    [out] = extract_records([{"id": "a", "text": text}], nlp=nlp)
    assert out == {
        "id": "a",
        "skills": [
            {"skill": "Python", "category": "programming_languages", "start": 7, "end": 13, "text": "Python"},
            {"skill": "Django", "category": "frameworks_libraries", "start": 29, "end": 35, "text": "Django"},
            {"skill": "PostgreSQL", "category": "databases", "start": 40, "end": 50, "text": "PostgreSQL"},
        ],
    }


@pytest.mark.parametrize(
    ("text", "surface", "skill"),
    [
        ("We run Postgres in production.", "Postgres", "PostgreSQL"),
        ("Backend in NodeJS please.", "NodeJS", "Node.js"),
        ("Backend in node.js please.", "node.js", "Node.js"),
        ("Deploying on node js daily.", "node js", "Node.js"),
        ("We operate k8s clusters.", "k8s", "Kubernetes"),
        ("Strong C++ skills.", "C++", "C++"),
        ("Strong C# skills.", "C#", "C#"),
        ("Services on .NET and Azure.", ".NET", ".NET"),
        ("Services on dotnet and Azure.", "dotnet", ".NET"),
        ("Own CI/CD for the platform.", "CI/CD", "CI/CD"),
        ("Build apps with LLMs.", "LLMs", "Large Language Models"),
        ("Build apps with an LLM.", "LLM", "Large Language Models"),
        ("Knowledge of cpp is a plus.", "cpp", "C++"),
        ("Use GCP and BigQuery.", "GCP", "Google Cloud Platform"),
        ("A Ruby-on-Rails monolith.", "Ruby-on-Rails", "Ruby on Rails"),
        ("We use scikit-learn.", "scikit-learn", "scikit-learn"),
        ("Reports in MS Excel.", "MS Excel", "Microsoft Excel"),
        ("Front end in React.js/Redux.", "React.js", "React"),
        ("APIs in Node.js/TypeScript.", "TypeScript", "TypeScript"),
        ("Languages (C++/Python).", "C++", "C++"),
        ("Languages (C#/Python).", "C#", "C#"),
        ("We need experience with Objective-C.", "Objective-C", "Objective-C"),
        ("Deep knowledge of IaC.", "IaC", "Infrastructure as Code"),
        ("Experience in M&A.", "M&A", "Mergers and Acquisitions"),
        ("Holds CompTIA Security+ certification.", "CompTIA Security+", "CompTIA Security+"),
    ],
)
def test_aliases_and_spelling_variants(nlp: spacy.Language, text: str, surface: str, skill: str) -> None:
    assert (skill, surface) in found(nlp, text)


def test_every_unambiguous_surface_matches_in_running_text(nlp: spacy.Language) -> None:
    """Each alias must survive tokenisation in ordinary contexts (sentence end, lists, slashes)."""
    rules = load_ambiguity().rules
    misses = []
    for skill in load_taxonomy().skills:
        rule = rules.get(skill.name)
        for surface in skill.surfaces:
            if rule is not None and surface.lower() in rule.forms:
                continue  # needs evidence; covered by the ambiguity tests
            for template in ("We need experience with {}.", "{}, Python and more", "Skills: ({}/Python)",
                             "- {}\n- more"):
                text = template.format(surface)
                doc = nlp(text)
                if not any(e.kb_id_ == skill.name and text[e.start_char : e.end_char] == surface for e in doc.ents):
                    misses.append((skill.name, text))
    assert not misses, misses[:20]


def test_angularjs_is_not_angular(nlp: spacy.Language) -> None:
    text = "Migrate Angular.js, AngularJS and Angular 1 code to Angular 17. We love Angular."
    assert found(nlp, text) == [
        ("AngularJS", "Angular.js"),
        ("AngularJS", "AngularJS"),
        ("AngularJS", "Angular 1"),
        ("Angular", "Angular 17"),
        ("Angular", "Angular"),
    ]


def test_longest_match_wins(nlp: spacy.Language) -> None:
    assert found(nlp, "We build React Native apps with Spring Boot and Apache Spark.") == [
        ("React Native", "React Native"),
        ("Spring Boot", "Spring Boot"),
        ("Apache Spark", "Apache Spark"),
    ]


def test_existing_entities_are_kept_unless_they_overlap() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Acme"}, {"label": "PRODUCT", "pattern": "Python"}])
    nlp.add_pipe("skillpulse_skills")
    doc = nlp("Acme needs Python and Docker.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Acme", "ORG"), ("Python", "SKILL"), ("Docker", "SKILL")]


def test_custom_taxonomy_path(tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps({"version": "t1", "skills": [
        {"name": "Widget Tuning", "category": "tools_platforms", "aliases": ["widget-tuning"], "ambiguous": False},
    ]}), encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("skillpulse_skills", config={"taxonomy_path": str(path)})
    assert [(e.kb_id_, e.text) for e in nlp("Python and widget-tuning.").ents] == [("Widget Tuning", "widget-tuning")]
    pipe = load_pipeline(path)
    assert pipe is not load_pipeline()
    assert [(e.kb_id_) for e in pipe("Widget Tuning, Python").ents] == ["Widget Tuning"]


def test_results_survive_doc_serialisation(nlp: spacy.Language) -> None:
    doc = nlp("Python and Go developer")
    restored = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(n, s.text) for n, _, s in restored._.skills] == [("Python", "Python"), ("Go", "Go")]


# --------------------------------------------------------------------------- ambiguity v1


@pytest.mark.parametrize(
    "text",
    [
        "we go live in May",
        "We go live in May.",
        "Ready to go? Let's go!",
        "You will excel at this job.",
        "Please react quickly to feedback.",
        "In Spring 2026 we move offices.",
        "Make sure every release is safe.",
        "The rest of the team is remote.",
        "Pay is $50/hr.",
        "Word of mouth brings us clients.",
        "Access to a laptop is provided.",
        "A positive outlook matters.",
        "We sketch ideas and spark conversations.",
        "Less is more.",
        "Salt and pepper, a chef and a puppet show.",
    ],
)
def test_common_words_are_not_skills(nlp: spacy.Language, text: str) -> None:
    assert found(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("backend services in Go and PostgreSQL", ["Go", "PostgreSQL"]),
        ("Backend in Go", ["Go"]),
        ("Golang developer", ["Go"]),
        ("Senior Go developer", ["Go"]),
        ("Experience with Go/Rust is a plus.", ["Go", "Rust"]),
        ("We write Swift and Kotlin.", ["Swift", "Kotlin"]),
        ("Knowledge of R and SQL.", ["R", "SQL"]),
        ("Experience with C.", ["C"]),
        ("Embedded work in C/C++.", ["C", "C++"]),
        ("advanced Microsoft Excel", ["Microsoft Excel"]),
        ("Strong excel skills required.", ["Microsoft Excel"]),
        ("Proficient in Excel, Word and Outlook.", ["Microsoft Excel", "Microsoft Word", "Microsoft Outlook"]),
        ("Frontend in React and TypeScript.", ["React", "TypeScript"]),
        ("Java and Spring services.", ["Java", "Spring"]),
        ("Automations in Zapier and Make.", ["Zapier", "Make.com"]),
        ("Design REST APIs.", ["REST APIs"]),
        ("Experience in an HR team.", ["Human Resources"]),
        ("We use Slack and Notion daily.", ["Slack", "Notion"]),
        ("Certified in SAFe.", ["SAFe"]),
    ],
)
def test_word_like_skills_with_evidence(nlp: spacy.Language, text: str, expected: list[str]) -> None:
    assert names(nlp, text) == expected


def test_excel_verb_vs_tool_in_one_text(nlp: spacy.Language) -> None:
    text = "You will excel at communication and advanced Microsoft Excel."
    assert found(nlp, text) == [("Communication", "communication"), ("Microsoft Excel", "Microsoft Excel")]


def test_vertical_skill_lists(nlp: spacy.Language) -> None:
    text = "Requirements:\n- Go\n- Rust\n- Kubernetes\n- Python\n- Docker\n"
    assert names(nlp, text) == ["Go", "Rust", "Kubernetes", "Python", "Docker"]


def test_title_is_evidence_but_not_text(nlp: spacy.Language) -> None:
    text = "Our stack is mostly Go these days."
    without, with_title = extract_records(
        [{"id": 1, "text": text}, {"id": 2, "text": text, "title": "Senior Go Developer"}], nlp=nlp
    )
    assert without["skills"] == []
    assert with_title["skills"] == [
        {"skill": "Go", "category": "programming_languages", "start": 20, "end": 22, "text": "Go"}
    ]


def test_sentence_initial_go_in_a_tech_posting(nlp: spacy.Language) -> None:
    text = "We use Python, Docker, Kubernetes and AWS. Go is our main backend language."
    assert "Go" in names(nlp, text)


def test_middle_initial_is_not_the_c_language(nlp: spacy.Language) -> None:
    text = "Our CTO, John C. Smith, loves Python, Django, Docker and AWS."
    assert "C" not in names(nlp, text)


# --------------------------------------------------------------------------- bulk extraction

_SENTENCES = [
    "We are hiring a senior backend engineer (remote, EU time zones) to build APIs in Python and Go.",
    "You'll own our CI/CD on GitHub Actions, Terraform modules and k8s clusters on AWS.",
    "Nice to have: React.js/Redux, TypeScript, Node.js, Next.js and Tailwind CSS.",
    "Data work happens in dbt, Snowflake and Apache Spark; dashboards live in Tableau and Power BI.",
    "Café culture, équipe franco-allemande 🇫🇷🇩🇪, and a learning budget for LLMs & prompt engineering.",
    "Our designers use Figma, Adobe Photoshop and Adobe Illustrator daily; UX design matters.",
    "Marketing owns SEO, Google Ads, Google Analytics, HubSpot and content marketing.",
    "Finance runs QuickBooks; bookkeeping and Microsoft Excel skills help. We go live in May.",
    "We work in Scrum with Jira, communicate in Slack, and excel at asynchronous communication.",
]


def test_offsets_round_trip_on_a_long_text(nlp: spacy.Language) -> None:
    text = "\n\n".join(itertools.islice(itertools.cycle(_SENTENCES), 40))  # ~600 words
    assert len(text.split()) > 400
    [out] = extract_records([{"id": "long", "text": text, "title": "Backend Engineer (Python/Go)"}], nlp=nlp)
    assert len(out["skills"]) > 100
    for mention in out["skills"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert mention["start"] < mention["end"]
    starts = [m["start"] for m in out["skills"]]
    assert starts == sorted(starts)
    assert {"Go", "Large Language Models", "Microsoft Excel", "React", "Redux"} <= {m["skill"] for m in out["skills"]}


def test_extract_records_order_empty_and_missing_text(nlp: spacy.Language) -> None:
    records = [
        {"id": 3, "text": "Python"},
        {"id": "x", "text": ""},
        {"id": 1},
        {"id": 2, "text": None, "title": "Go developer"},
        {"id": 5, "text": "Docker and Linux"},
    ]
    out = list(extract_records(records, nlp=nlp, batch_size=2))
    assert [o["id"] for o in out] == [3, "x", 1, 2, 5]
    assert [[m["skill"] for m in o["skills"]] for o in out] == [["Python"], [], [], [], ["Docker", "Linux"]]


def test_extract_records_streams(nlp: spacy.Language) -> None:
    pulled = 0

    def endless() -> Iterator[dict[str, object]]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield {"id": i, "text": f"posting {i} wants Python"}

    first = list(itertools.islice(extract_records(endless(), nlp=nlp, batch_size=8), 5))
    assert [o["id"] for o in first] == [0, 1, 2, 3, 4]
    assert pulled <= 32  # one batch or so in flight, never the whole input


def test_extract_records_needs_the_component() -> None:
    with pytest.raises(ValueError, match="skillpulse_skills"):
        list(extract_records([{"id": 1, "text": "Python"}], nlp=spacy.blank("en")))


def test_extract_stream_reports_bad_lines_and_keeps_good_ones(nlp: spacy.Language) -> None:
    lines = [
        json.dumps({"id": "p1", "text": "Senior Python developer", "title": "Python Dev"}),
        "",
        json.dumps({"id": "p2", "text": "Café: Go/Rust and PostgreSQL"}, ensure_ascii=False),
        '{"id": "broken", "text": "Python',  # truncated JSON
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "no id here, Python"}),
        json.dumps({"id": "p3"}),
        json.dumps({"id": "p4", "text": 42}),
        json.dumps({"id": "café-5", "text": "Docker, Kubernetes and Terraform"}, ensure_ascii=False),
        "   ",
    ]
    out = io.StringIO()
    stats = extract_stream(io.StringIO("\ufeff" + "\n".join(lines) + "\n"), out, nlp=nlp)
    assert isinstance(stats, ExtractStats)
    written = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [w["id"] for w in written] == ["p1", "p2", "café-5"]
    assert [m["skill"] for m in written[1]["skills"]] == ["Go", "Rust", "PostgreSQL"]
    assert '"café-5"' in out.getvalue()  # ensure_ascii=False
    assert (stats.read, stats.written, stats.skipped) == (8, 3, 5)
    assert stats.mentions == sum(len(w["skills"]) for w in written)
    assert not stats.ok
    assert [e.split(":")[0] for e in stats.errors] == ["line 4", "line 5", "line 6", "line 7", "line 8"]
    assert "not valid JSON" in stats.errors[0]
    assert "not a JSON object" in stats.errors[1]
    assert "missing 'id'" in stats.errors[2]
    assert "missing 'text'" in stats.errors[3]
    assert "'text' must be a string" in stats.errors[4]


def test_versions_and_cheap_package_import() -> None:
    assert skills.EXTRACTOR_VERSION == "2.0.0"
    version = load_taxonomy().version
    assert skills.TAXONOMY_VERSION == version
    assert skills.extract_stream is extract_stream
    code = ("import sys, skills; v = skills.TAXONOMY_VERSION, skills.EXTRACTOR_VERSION; "
            "assert 'spacy' not in sys.modules, 'skills import pulled in spaCy'; print(v)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert version in result.stdout


def test_component_factory_resolves_through_the_entry_point() -> None:
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("skillpulse_skills", name="skills_custom")
    assert isinstance(pipe, SkillMatcher)
    assert nlp.get_pipe_meta("skills_custom").factory == "skillpulse_skills"


# --------------------------------------------------------------------------- real postings


class _TextOf(HTMLParser):
    """Crude HTML -> text: tags dropped, block ends become line breaks."""

    BLOCKS = {"p", "li", "br", "div", "h1", "h2", "h3", "h4", "ul", "ol", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ANN001
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.fixture(scope="module")
def remotive(nlp: spacy.Language) -> dict[int, dict[str, object]]:
    if not REMOTIVE.exists():
        pytest.skip(f"shared data not found: {REMOTIVE}")
    with REMOTIVE.open(encoding="utf-8-sig") as fh:  # the file starts with a UTF-8 BOM
        jobs = json.load(fh)["jobs"]
    records = [{"id": j["id"], "title": j["title"], "text": _plain(j["description"])} for j in jobs]
    outputs = list(extract_records(records, nlp=nlp))
    return {r["id"]: {"text": r["text"], "skills": o["skills"]} for r, o in zip(records, outputs)}


# Verified by reading each posting's description.
@pytest.mark.parametrize(
    ("job_id", "expected"),
    [
        (2069746, {"Ruby on Rails", "Ruby", "PostgreSQL", "MySQL", "Elasticsearch", "Redis", "Docker",
                   "Tailwind CSS", "HTML", "LangChain", "Hugging Face", "Kubernetes", "React",
                   "Large Language Models", "Natural Language Processing", "Databricks"}),
        (2090989, {"Accounts Payable", "Microsoft Excel", "Microsoft Word", "Microsoft Outlook", "Data Entry"}),
        (1680495, {"Bookkeeping", "Google Sheets", "Microsoft Excel", "QuickBooks", "Google Workspace",
                   "Data Entry"}),
        (2091056, {"PHP", "Laravel", "TypeScript", "React", "React Native", "Amazon Redshift", "dbt", "Segment",
                   "Apache Airflow", "AWS", "Datadog", "Sentry", "GitHub Actions", "Jira", "Confluence"}),
        (2091062, {"Go", "React", "Next.js", "PostgreSQL", "Redis", "Google Cloud Platform", "Slack", "Loom"}),
        (1749306, {"Copywriting", "SEO", "Proofreading", "Editing"}),
    ],
)
def test_real_remotive_postings(remotive: dict[int, dict[str, object]], job_id: int, expected: set[str]) -> None:
    posting = remotive[job_id]
    got = {m["skill"] for m in posting["skills"]}  # type: ignore[union-attr]
    assert expected <= got, sorted(expected - got)
    for m in posting["skills"]:  # type: ignore[union-attr]
        assert posting["text"][m["start"] : m["end"]] == m["text"]  # type: ignore[index]


def test_real_postings_false_friends(remotive: dict[int, dict[str, object]]) -> None:
    def skills_of(job_id: int) -> set[str]:
        return {m["skill"] for m in remotive[job_id]["skills"]}  # type: ignore[union-attr]

    # "Join our lean, entrepreneurial team" is not Lean methodology.
    assert "Lean" not in skills_of(2069746)
    # "$17.50/hr" and "$120/hr" are hourly rates, not Human Resources.
    assert "Human Resources" not in skills_of(2091069)
    assert "Human Resources" not in skills_of(1919265)


def test_load_pipeline_with_overlays_adds_and_stops_surfaces(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.json"
    overlay.write_text(json.dumps({"skills": [{"name": "Frobnix", "category": "tools_platforms"}],
                                   "stop_words": ["Django"]}), encoding="utf-8")
    record = {"id": 1, "text": "We build with Python, Django and Frobnix."}

    def found(nlp: spacy.Language) -> set[str]:
        return {m["skill"] for m in next(extract_records([record], nlp=nlp))["skills"]}

    layered = load_pipeline(overlays=[overlay])
    assert found(layered) == {"Python", "Frobnix"}  # the stop word never matches
    assert load_pipeline(overlays=[str(overlay)]) is layered  # cached by (path, overlays)
    assert found(load_pipeline()) == {"Python", "Django"}  # the default pipeline is untouched
    assert load_pipeline() is load_pipeline()
