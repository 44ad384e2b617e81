"""The generated demo corpus: native Remotive shape, determinism, planted trends, realism."""

from __future__ import annotations

import ast
import collections
import datetime as dt
import html
import json
import random
import re
import sys
from pathlib import Path

import pytest

from crawlers.demo_corpus import (
    CATEGORIES,
    DISTRACTORS,
    PLANTED_EMERGING_TERMS,
    PLANTED_TRENDS,
    SURFACE_FORMS,
    build_remotive_payload,
    build_remotive_payload_with_truth,
    write_remotive_payload,
)

REPO = Path(__file__).resolve().parents[1]
REAL_REMOTIVE = REPO.parent / "shared" / "data" / "sources" / "remotive" / "remotive_api_workverse.json"
END = dt.date(2026, 7, 26)  # a Sunday; other tests below use a mid-week end

# The taxonomy is written in parallel with exactly these canonical names.
CANONICAL = {
    "Python", "JavaScript", "TypeScript", "React", "Node.js", "Vue.js", "AngularJS", "Angular", "jQuery", "PHP",
    "WordPress", "Laravel", "Django", "Flask", "FastAPI", "Ruby on Rails", "Go", "Rust", "Java", "Kotlin", "Swift",
    "SQL", "PostgreSQL", "MySQL", "MongoDB", "Redis", "AWS", "Google Cloud Platform", "Microsoft Azure", "Docker",
    "Kubernetes", "Terraform", "CI/CD", "GitHub Actions", "Linux", "LangChain", "Large Language Models",
    "Prompt Engineering", "PyTorch", "TensorFlow", "Machine Learning", "pandas", "dbt", "Apache Spark",
    "Snowflake", "Tableau", "Power BI", "Microsoft Excel", "Figma", "Adobe Photoshop", "Adobe Illustrator",
    "UX Design", "SEO", "Google Analytics", "Google Ads", "Content Marketing", "Copywriting", "Technical Writing",
    "HubSpot", "Salesforce", "Shopify", "Zendesk", "Jira", "Agile", "Scrum", "Project Management", "Communication",
    "Bookkeeping", "QuickBooks",
}
REMOTIVE_CATEGORIES = {
    "Software Development", "Data Analysis", "DevOps / Sysadmin", "Design", "Marketing", "Writing",
    "Customer Service", "Product", "Sales / Business", "Finance / Legal", "QA", "AI / ML",
}
# skills whose surface forms also occur in the planted distractor sentences
AMBIGUOUS = {v for v in DISTRACTORS.values() if v} | {"Communication", "Go", "Microsoft Excel", "Swift", "Rust",
                                          "Apache Spark", "Ruby on Rails"}

TAG_RE = re.compile(r"<[^>]+>")


def plain(description: str) -> str:
    return html.unescape(TAG_RE.sub(" ", description))


def skill_regex(forms) -> re.Pattern:
    # word boundaries; a trailing ".js" belongs to the word ("Angular" must not match "Angular.js")
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alts})(?!\w|\.\w)", re.IGNORECASE)


SKILL_RE = {skill: skill_regex(forms) for skill, forms in SURFACE_FORMS.items()}


def week_index(job, end=END) -> int:
    """0 = the last 7 days up to `end`."""
    day = dt.date.fromisoformat(job["publication_date"][:10])
    return (end - day).days // 7


@pytest.fixture(scope="module")
def real():
    assert REAL_REMOTIVE.exists(), f"recorded Remotive response missing: {REAL_REMOTIVE}"
    with open(REAL_REMOTIVE, encoding="utf-8-sig") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def built():
    return build_remotive_payload_with_truth(end=END)


@pytest.fixture(scope="module")
def payload(built):
    return built[0]


@pytest.fixture(scope="module")
def texts(payload):
    return {job["id"]: plain(job["description"]) for job in payload["jobs"]}


# ------------------------------------------------------------------------------------------
# determinism and purity
# ------------------------------------------------------------------------------------------


def test_same_arguments_give_identical_payload(payload):
    again = build_remotive_payload(end=END)
    assert json.dumps(again, sort_keys=True) == json.dumps(payload, sort_keys=True)


def test_different_seed_gives_different_payload(payload):
    other = build_remotive_payload(end=END, seed=7)
    assert other["jobs"] != payload["jobs"]
    assert [j["title"] for j in other["jobs"][:50]] != [j["title"] for j in payload["jobs"][:50]]


def test_does_not_touch_global_random():
    random.seed(12345)
    expected = random.random()
    random.seed(12345)
    build_remotive_payload(end=END, weeks=4, per_week=10)
    assert random.random() == expected


def test_module_imports_only_the_standard_library():
    source = (REPO / "crawlers" / "demo_corpus.py").read_text(encoding="utf-8")
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            roots.add(node.module.split(".")[0])
    assert roots <= set(sys.stdlib_module_names), roots - set(sys.stdlib_module_names)


# ------------------------------------------------------------------------------------------
# native Remotive format, checked against the real recorded response
# ------------------------------------------------------------------------------------------


def test_envelope_matches_real_response(payload, real):
    assert list(payload) == list(real)  # same keys, same order
    for key, value in real.items():
        assert type(payload[key]) is type(value), key
    assert payload["job-count"] == payload["total-job-count"] == len(payload["jobs"])


def test_jobs_have_the_real_key_set_and_value_types(payload, real):
    real_key_sets = {frozenset(job) for job in real["jobs"]}
    real_types = collections.defaultdict(set)
    for job in real["jobs"]:
        for key, value in job.items():
            real_types[key].add(type(value))
    all_real_keys = frozenset(real_types)
    assert all_real_keys in real_key_sets  # the full key set occurs in the real data
    for job in payload["jobs"]:
        assert frozenset(job) == all_real_keys
        for key, value in job.items():
            assert type(value) in real_types[key], (key, value)
        assert all(isinstance(tag, str) and tag for tag in job["tags"])


def test_field_styles_match_real_response(payload, real):
    date_re = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
    assert all(date_re.match(job["publication_date"]) for job in real["jobs"])
    real_job_types = {job["job_type"] for job in real["jobs"]}
    allowed_job_types = real_job_types | {"full_time", "contract", "part_time", "freelance", "internship", ""}
    for job in payload["jobs"]:
        assert date_re.match(job["publication_date"])
        assert job["job_type"] in allowed_job_types
        assert re.fullmatch(r"https://remotive\.com/remote-jobs/[a-z-]+/[a-z0-9-]+-%d" % job["id"], job["url"])
        assert job["company_logo"] == job["company_logo_url"] == f"https://remotive.com/job/{job['id']}/logo"
        assert job["category"] in REMOTIVE_CATEGORIES
        assert job["title"] and job["company_name"] and job["candidate_required_location"]
    # the same url/logo shapes as the real API
    for job in real["jobs"]:
        assert re.fullmatch(r"https://remotive\.com/remote-jobs/[a-z-]+/[a-z0-9-]+-%d" % job["id"], job["url"])
        assert job["company_logo"] == f"https://remotive.com/job/{job['id']}/logo"


def test_ids_unique_and_newest_first(payload):
    ids = [job["id"] for job in payload["jobs"]]
    assert len(ids) == len(set(ids))
    assert all(isinstance(i, int) and i > 0 for i in ids)
    dates = [job["publication_date"] for job in payload["jobs"]]
    assert dates == sorted(dates, reverse=True)


def test_size_is_about_weeks_times_per_week(payload):
    n = len(payload["jobs"])
    assert 0.85 * 56 * 45 <= n <= 1.1 * 56 * 45


# ------------------------------------------------------------------------------------------
# time window
# ------------------------------------------------------------------------------------------


def test_dates_within_window_and_spread_over_the_year(payload):
    start = END - dt.timedelta(days=56 * 7 - 1)
    days = [dt.date.fromisoformat(job["publication_date"][:10]) for job in payload["jobs"]]
    assert min(days) >= start and max(days) <= END
    assert len({d.isocalendar()[:2] for d in days}) >= 52
    assert max(days) >= END - dt.timedelta(days=3)


@pytest.mark.parametrize("end", [dt.date(2025, 3, 5), dt.date(2026, 1, 1)])
def test_never_after_end_for_any_weekday(end):
    p = build_remotive_payload(end=end, weeks=6, per_week=20, seed=3)
    days = [dt.date.fromisoformat(job["publication_date"][:10]) for job in p["jobs"]]
    assert max(days) <= end
    assert min(days) >= end - dt.timedelta(days=6 * 7 - 1)


def test_weekly_counts_vary_and_dip_at_new_year(payload):
    per_week = collections.Counter(week_index(job) for job in payload["jobs"])
    counts = [per_week[w] for w in range(56)]
    assert min(counts) > 0
    assert max(counts) - min(counts) >= 10  # not a flat line
    christmas = dt.date(2025, 12, 25)
    w = (END - christmas).days // 7
    median = sorted(counts)[len(counts) // 2]
    assert per_week[w] < 0.8 * median


# ------------------------------------------------------------------------------------------
# content
# ------------------------------------------------------------------------------------------


def test_descriptions_are_html_of_realistic_length(payload, texts):
    for job in payload["jobs"]:
        d = job["description"]
        assert "<p>" in d and "<li>" in d and "<ul>" in d and "<strong>" in d and "<br>" in d
        assert "What you'll do" in d and "What we're looking for" in d and "How to apply" in d
        words = len(texts[job["id"]].split())
        assert 150 <= words <= 350, (job["id"], words)


def test_companies_are_varied_and_clearly_fictional(payload):
    companies = collections.Counter(job["company_name"] for job in payload["jobs"])
    assert len(companies) >= 40
    assert "Northwind Labs" in companies
    assert companies.most_common(1)[0][1] < 0.1 * len(payload["jobs"])


def test_all_categories_present(payload):
    cats = collections.Counter(job["category"] for job in payload["jobs"])
    assert set(cats) == REMOTIVE_CATEGORIES == set(CATEGORIES)
    assert cats["Software Development"] == max(cats.values())


def test_employment_types_and_salaries(payload):
    jobs = payload["jobs"]
    types = collections.Counter(job["job_type"] for job in jobs)
    assert (types["freelance"] + types["contract"]) / len(jobs) >= 0.25
    assert types["full_time"] / len(jobs) >= 0.4
    assert types["part_time"] and types["internship"] and types[""]
    hourly = re.compile(r"/ ?(hour|hr)\b|per hour")
    yearly = re.compile(r"^(OTE )?[$€]\d+k ?- ?[$€]\d+k$|^\$\d{2,3},000 - \$\d{2,3},000$")
    freelance_salaries = [j["salary"] for j in jobs if j["job_type"] in ("freelance", "contract") and j["salary"]]
    assert sum(bool(hourly.search(s)) for s in freelance_salaries) / len(freelance_salaries) >= 0.6
    full_time = [j["salary"] for j in jobs if j["job_type"] == "full_time"]
    assert sum(bool(yearly.match(s)) for s in full_time) / len(full_time) >= 0.4
    empty = sum(not j["salary"] for j in jobs) / len(jobs)
    assert 0.1 <= empty <= 0.5


def test_tags_name_the_skills(payload):
    tagged = [job for job in payload["jobs"] if job["tags"]]
    assert len(tagged) == len(payload["jobs"])
    assert any("python" in job["tags"] for job in tagged)
    assert any("LLM" in job["tags"] for job in tagged)


def test_skill_names_are_exactly_the_taxonomy(built):
    _, truth = built
    assert set(SURFACE_FORMS) == CANONICAL
    assert set(PLANTED_TRENDS) <= CANONICAL
    assert {v for v in PLANTED_TRENDS.values()} == {"rising", "falling", "stable"}
    assert sum(v == "rising" for v in PLANTED_TRENDS.values()) >= 2
    assert sum(v == "falling" for v in PLANTED_TRENDS.values()) >= 2
    used = {skill for skills in truth.values() for skill in skills}
    assert used <= CANONICAL
    assert len(used) >= 60  # nearly the whole taxonomy shows up somewhere


def test_aliases_are_used(payload, texts):
    corpus = "\n".join(texts.values())
    for alias in ("Postgres", "NodeJS", "k8s", "LLMs", "Golang", "GCP", "Angular.js", "Excel", "GA4"):
        assert re.search(rf"(?<![\w.]){re.escape(alias)}(?![\w])", corpus), alias


def test_planted_skills_match_the_text(payload, texts, built):
    """Every unambiguous skill occurs in a posting exactly when it was planted there."""
    _, truth = built
    mismatches = []
    for job in payload["jobs"]:
        text = texts[job["id"]] + "\n" + job["title"]
        for skill, rx in SKILL_RE.items():
            if skill in AMBIGUOUS:
                continue
            if bool(rx.search(text)) != (skill in truth[job["id"]]):
                mismatches.append((job["id"], skill))
    assert not mismatches, mismatches[:20]


def test_title_skills_are_also_in_the_description(payload, texts):
    for job in payload["jobs"]:
        for skill, rx in SKILL_RE.items():
            if rx.search(job["title"]):
                assert rx.search(texts[job["id"]]), (job["title"], skill)


def test_distractors_planted_in_about_ten_percent(payload):
    jobs = payload["jobs"]
    hits = collections.Counter()
    with_any = 0
    for job in jobs:
        found = [d for d in DISTRACTORS if html.escape(d, quote=False) in job["description"]]
        hits.update(found)
        with_any += bool(found)
    assert 0.05 <= with_any / len(jobs) <= 0.2
    assert set(hits) == set(DISTRACTORS)  # every distractor sentence is used somewhere


# ------------------------------------------------------------------------------------------
# planted trends
# ------------------------------------------------------------------------------------------


def _share(jobs, texts, skill) -> float:
    rx = SKILL_RE[skill]
    return sum(bool(rx.search(texts[job["id"]])) for job in jobs) / len(jobs)


@pytest.fixture(scope="module")
def first_and_last(payload):
    first = [job for job in payload["jobs"] if week_index(job) >= 56 - 8]
    last = [job for job in payload["jobs"] if week_index(job) < 8]
    assert len(first) > 200 and len(last) > 200
    return first, last


@pytest.mark.parametrize("skill", [s for s, d in PLANTED_TRENDS.items() if d == "rising"])
def test_rising_skills_rise(skill, first_and_last, texts):
    first, last = first_and_last
    before, after = _share(first, texts, skill), _share(last, texts, skill)
    assert before <= 0.03, before
    assert after >= 0.15, after
    assert after >= 5 * max(before, 0.01)


@pytest.mark.parametrize("skill", [s for s, d in PLANTED_TRENDS.items() if d == "falling"])
def test_falling_skills_fall(skill, first_and_last, texts):
    first, last = first_and_last
    before, after = _share(first, texts, skill), _share(last, texts, skill)
    assert before >= 0.15, before
    assert after <= 0.05, after
    assert before >= 5 * max(after, 0.01)


@pytest.mark.parametrize("skill", [s for s, d in PLANTED_TRENDS.items() if d == "stable"])
def test_stable_skills_stay_put(skill, first_and_last, texts):
    first, last = first_and_last
    before, after = _share(first, texts, skill), _share(last, texts, skill)
    assert before >= 0.03 and after >= 0.03
    assert abs(after - before) <= 0.06, (before, after)


def test_rise_is_gradual_not_a_step(payload, texts):
    """The middle of the window sits between the two ends (a logistic curve, not hard-coded counts)."""
    by_week = collections.defaultdict(list)
    for job in payload["jobs"]:
        by_week[week_index(job)].append(job)
    middle = [job for w in range(24, 32) for job in by_week[w]]
    early = [job for w in range(48, 56) for job in by_week[w]]
    late = [job for w in range(0, 8) for job in by_week[w]]
    share = {name: _share(jobs, texts, "Large Language Models") for name, jobs in
             (("early", early), ("middle", middle), ("late", late))}
    assert share["early"] < share["middle"] < share["late"], share


@pytest.mark.parametrize("term", list(PLANTED_EMERGING_TERMS))
def test_emerging_terms_outside_taxonomy_rise(term, first_and_last, texts):
    first, last = first_and_last
    rx = re.compile(rf"\b{re.escape(term)}\b")
    before = sum(bool(rx.search(texts[j["id"]])) for j in first) / len(first)
    after = sum(bool(rx.search(texts[j["id"]])) for j in last) / len(last)
    assert before <= 0.01 and after >= 0.04, (before, after)
    assert term not in CANONICAL


def test_trend_shape_does_not_depend_on_window_length():
    p = build_remotive_payload(end=END, weeks=20, per_week=60, seed=11)
    jobs = p["jobs"]
    txt = {j["id"]: plain(j["description"]) for j in jobs}
    first = [j for j in jobs if week_index(j) >= 16]
    last = [j for j in jobs if week_index(j) < 4]
    assert _share(last, txt, "LangChain") > 4 * max(_share(first, txt, "LangChain"), 0.01)
    assert _share(first, txt, "jQuery") > 4 * max(_share(last, txt, "jQuery"), 0.01)


# ------------------------------------------------------------------------------------------
# writing
# ------------------------------------------------------------------------------------------


def test_write_round_trips_as_utf8_without_bom(tmp_path):
    p = build_remotive_payload(end=END, weeks=3, per_week=15)
    out = tmp_path / "nested" / "remote-jobs.json"
    write_remotive_payload(p, out)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    with open(out, encoding="utf-8") as fh:
        assert json.load(fh) == p
    assert not list(out.parent.glob("*.tmp"))
