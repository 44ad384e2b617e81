"""One bad record must never stop a stage (issue 9): hostile native records through every parser.

Property-based (hypothesis) over the real entry points the spiders use -- the body decoder
(``load_json_body`` or the parser's ``load``), ``iter_jobs``, ``posting_fields`` and then the
``NormalisePipeline`` -- for all ten sources. Records are the real recorded ones
(``../shared/data/sources``, read in place) with wrong types in the fields each parser reads:
objects where text belongs, lists, numbers (huge, NaN, infinite), booleans, None, nested junk,
hostile unicode (lone surrogates, NULs, bidi overrides, combining marks), megabyte strings and
structures nested 5,000 deep. What must hold:

- ``iter_jobs`` raises nothing but ``ValueError`` (a wrong envelope), and yields dicts;
- ``posting_fields`` never raises and returns the schema's types;
- the pipeline never raises on what ``posting_fields`` returns, and its output is typed;
- every good record comes out exactly as it does without hostile records beside it.

Plain regression tests for each bug these found close the file.
"""

from __future__ import annotations

import copy
import json
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from crawlers.items import JOB_POSTING_FIELDS
from crawlers.normalize import EMPLOYMENT_TYPES, load_json_body
from crawlers.parsers import (
    arbeitnow,
    greenhouse,
    hackernews,
    himalayas,
    jobicy,
    jsonld,
    lever,
    remoteok,
    remotive,
    weworkremotely,
)
from crawlers.pay import HOURS_PER
from crawlers.pipelines.normalise import NormalisePipeline
from tests.conftest import REPO, SHARED_DATA

SOURCES_DIR = SHARED_DATA / "sources"
CAREERS = REPO / "tests" / "fixtures" / "careers"

# Reproducible in CI: a fixed seed, no example database.
PROPERTY = settings(deadline=None, derandomize=True, database=None, print_blob=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def budget(max_examples: int) -> settings:
    return settings(PROPERTY, max_examples=max_examples)


class Stats(Counter):
    """The one stats call the pipelines make (as tests/test_pipelines.py's crawler would)."""

    def inc_value(self, key: str, count: int = 1) -> None:
        self[key] += count


# --- hostile values ------------------------------------------------------------------------------

FRAGMENTS = [
    # unicode that breaks encoders, parsers and displays
    "\ud800", "\udfff", "x\udc00", "\x00", "\u202e", "\u2066", "\u2069", "e\u0301\u0301\u0301", "\ufeff",
    "\u2028", "\u2029", "\x85", "\ue000", "\U0001f600", "\U0001d49c", "\ufdfa", "\u0600", "\uffff",
    # whitespace
    "\n", "\r\n", "\r", "\t", "\x0b", "\x0c", "\xa0", " ", "   ", "\n \n ",
    # markup and entities
    "<", ">", "&", "&amp;", "&lt;p&gt;x&lt;/p&gt;", "&#0;", "&#xD800;", "&#99999999;", "&nbsp", "<p>", "</p>",
    "<br>", "<li>", "<ul>", "<div>", "</div>", "<p<p", "<script>alert(1)</script>", "<style>", "<!--", "-->",
    "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<html>", "</html>", "<body>", "<head>", "<table><tr><td>",
    # header separators and links (Hacker News first lines, locations)
    "|", " | ", ":", ": ", " - ", "/", " / ", "@", " at ", "(", ")", "(www.", "https://", "http://[",
    "javascript:alert(1)", "•", ",", ";", " or ", " and ",
    # pay
    "$", "€", "£", "k", "K", "1", "9" * 30, "9" * 400, "1e999", "NaN", "-1", "0", "100k", " - $200k", "/hr",
    "per year", "USD",
    # words the normalisers look for
    "Remote", "Hybrid", "On-site", "Worldwide", "USA", "Europe", "only", "Senior", "Intern", "Full-time",
    "Contract", "JobPosting", "SEEKING WORK", "Ask HN: Who is hiring? (July 2024)",
    # dates
    "2026-07-26T20:49:11Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
    "Mon, 01 Jan 99999999999 00:00:00 +0000", "\u00b2", "\uff11\uff12\uff13",
    # RemoteOK's anti-spam trailer, mojibake
    "Please mention the word **BEEF** and tag ", "read this and see they're human.", "\u00c3\u00a9", "\u00e2\u20ac\u2122",
]
ANY_CHAR = st.characters(exclude_categories=())  # surrogates included
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHAR, max_size=6)), max_size=8).map("".join)
NUMBERS = [0, -1, 1, 2**31, 2**63, 10**20, 10**400, -(10**400), 0.5, -0.0, 1e308, float("nan"),
           float("inf"), float("-inf")]

# Keys the parsers read (so junk objects look like the real thing, one level down too).
KEYS = sorted({
    "id", "url", "title", "text", "name", "value", "@type", "@value", "@graph", "location", "description",
    "content", "metadata", "offices", "departments", "categories", "allLocations", "commitment", "team",
    "department", "lists", "salaryRange", "min", "max", "currency", "interval", "address", "minValue",
    "maxValue", "unitText", "deleted", "dead", "type", "time", "kids", "submitted", "jobs", "data", "legal",
})


def junk(json_safe: bool = True) -> st.SearchStrategy:
    """Any value a JSON body (or, with ``json_safe=False``, any Python caller) can put in a field."""
    numbers = st.sampled_from(NUMBERS)
    if not json_safe:  # 4,300+ digits: no JSON body can hold it, and repr() refuses it (so built, not listed)
        numbers = st.one_of(numbers, st.builds(pow, st.just(10), st.just(5_000)))
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), numbers, TEXT)
    return st.recursive(
        scalars,
        lambda kids: st.one_of(st.lists(kids, max_size=4),
                               st.dictionaries(st.one_of(st.sampled_from(KEYS), TEXT), kids, max_size=4)),
        max_leaves=10,
    )


JUNK = junk(json_safe=True)
PY_JUNK = junk(json_safe=False)


def nested(depth: int, leaf: Any = "x", kind: str = "list") -> Any:
    """``depth`` levels of lists (``kind="list"``) or of lists of objects (``"mixed"``) around ``leaf``."""
    value = leaf
    for _ in range(depth):
        value = [value] if kind == "list" else [{"name": value, "@type": "JobPosting"}]
    return value


DEEP = nested(5_000)
# One of each wrong type, for the exhaustive every-key test.
WRONG_VALUES = [
    None, True, 10**400, 10**5000, float("nan"), float("inf"), "   ", "\ud800x\x00\u202e\u0301", [],
    ["a", 1, None], {}, {"name": 5, "value": [1]}, nested(30, kind="mixed"), DEEP,
]


# --- the sources, as their spiders call them -----------------------------------------------------

def _json(path: Path) -> Any:
    return load_json_body(path.read_bytes())


@dataclass
class Source:
    name: str
    parser: Any
    files: list[str]
    keys: list[tuple]  # key paths posting_fields reads; "*" is each element of a list
    records_of: Callable[[Any], list]  # the records list inside a decoded payload (to mix into)
    extra: Callable[[Path], tuple] = lambda path: ()  # posting_fields' arguments after the record
    body: Callable[[Any], bytes] = field(default=lambda payload: json.dumps(payload).encode())

    def paths(self) -> list[Path]:
        return [SOURCES_DIR / self.name / f for f in self.files]


def _company(path: Path) -> tuple:
    return (path.name.split("_")[0],)  # the board token, as crawlers/recorded.py passes it


SOURCES = {s.name: s for s in [
    Source("remotive", remotive, ["remotive_api_workverse.json"],
           [(k,) for k in ("id", "url", "title", "company_name", "description", "publication_date",
                           "candidate_required_location", "job_type", "category", "salary", "tags")],
           lambda p: p["jobs"]),
    Source("remoteok", remoteok, ["remoteok_api_2026-03-17.json"],
           [(k,) for k in ("id", "url", "apply_url", "position", "company", "description", "date", "epoch",
                           "location", "salary_min", "salary_max", "tags")],
           lambda p: p),
    Source("arbeitnow", arbeitnow, ["arbeitnow_job-board-api_data_2026-02-11.json",
                                    "arbeitnow_job-board-api_data_2026-02-15.json"],
           [(k,) for k in ("slug", "url", "title", "company_name", "description", "created_at", "location",
                           "remote", "job_types", "tags")],
           lambda p: p["data"]),
    Source("himalayas", himalayas, ["himalayas_api_jobs_2026-07.json"],
           [(k,) for k in ("guid", "applicationLink", "title", "companyName", "description", "pubDate",
                           "employmentType", "minSalary", "maxSalary", "currency", "salaryPeriod",
                           "locationRestrictions", "parentCategories", "categories")],
           lambda p: p["jobs"]),
    Source("jobicy", jobicy, ["jobicy_api_v2_remote-jobs_2026-07-10.json"],
           [(k,) for k in ("id", "url", "jobTitle", "companyName", "jobDescription", "pubDate", "jobGeo",
                           "jobType", "jobIndustry", "salaryMin", "salaryMax", "annualSalaryMin",
                           "annualSalaryMax", "salaryCurrency", "salaryPeriod")],
           lambda p: p["jobs"]),
    Source("weworkremotely", weworkremotely,
           ["wwr_remote-jobs_2022-11-08.rss", "wwr_remote-jobs_2026-07_sample.rss",
            "wwr_remote-programming-jobs_2022-11-08.rss"],
           [(k,) for k in ("title", "region", "country", "state", "skills", "guid", "link", "description",
                           "pubDate", "type", "category")],
           lambda p: p),
    Source("greenhouse", greenhouse, ["luno_20260808T195722760851Z.json", "luno_20260821T131103012385Z.json",
                                      "bashdotcom_20260822T130115072374Z.json"],
           [("id",), ("absolute_url",), ("title",), ("company_name",), ("content",), ("first_published",),
            ("updated_at",), ("location",), ("location", "name"), ("offices",), ("offices", "*", "name"),
            ("departments",), ("departments", "*", "name"), ("metadata",), ("metadata", "*", "name"),
            ("metadata", "*", "value")],
           lambda p: p["jobs"], extra=_company),
    Source("lever", lever, ["mamamoney_20260808T195722760851Z.json", "mamamoney_20260822T130115072374Z.json"],
           [("id",), ("hostedUrl",), ("applyUrl",), ("text",), ("createdAt",), ("workplaceType",),
            ("description",), ("descriptionPlain",), ("descriptionBody",), ("descriptionBodyPlain",),
            ("additional",), ("additionalPlain",), ("salaryDescriptionPlain",), ("lists",),
            ("lists", "*", "text"), ("lists", "*", "content"), ("categories",),
            *[("categories", k) for k in ("location", "allLocations", "commitment", "department", "team")],
            ("salaryRange",), *[("salaryRange", k) for k in ("min", "max", "currency", "interval")]],
           lambda p: p, extra=_company),
    Source("hackernews", hackernews, ["firebase_whoishiring_2024-07_item40846428.json"],
           [(k,) for k in ("id", "text", "time", "type", "deleted", "dead", "by", "kids", "parent")],
           lambda p: p["comments"], extra=lambda path: (hackernews.HIRING,)),
    Source("jsonld", jsonld, [],
           [("@type",), ("title",), ("description",), ("datePosted",), ("url",), ("identifier",),
            ("identifier", "value"), ("identifier", "name"), ("hiringOrganization",),
            ("hiringOrganization", "name"), ("jobLocation",), ("jobLocation", "address"),
            *[("jobLocation", "address", k) for k in ("addressLocality", "addressRegion", "addressCountry")],
            ("applicantLocationRequirements",), ("applicantLocationRequirements", "name"), ("jobLocationType",),
            ("employmentType",), ("occupationalCategory",), ("industry",), ("baseSalary",),
            ("baseSalary", "currency"), ("baseSalary", "unitText"), ("baseSalary", "value"),
            *[("baseSalary", "value", k) for k in ("minValue", "maxValue", "value", "unitText")]],
           lambda p: p, extra=lambda path: (f"https://careers.example/jobs/{path.stem}",)),
]}
JSON_API = ["remotive", "remoteok", "arbeitnow", "himalayas", "jobicy", "greenhouse", "lever"]
ALL = list(SOURCES)


def jsonld_pages() -> list[Path]:
    return sorted(CAREERS.glob("*.html"))


def decode(source: Source, body: bytes) -> Any:
    """A response body as the spider decodes it (JSON, or the feed parser's ``load``)."""
    return getattr(source.parser, "load", load_json_body)(body)


def mapped(source: Source, record: dict, path: Path | None = None) -> dict:
    """``posting_fields`` with the arguments the spider passes."""
    extra = source.extra(path) if path is not None else source.extra(source.paths()[0] if source.files
                                                                      else jsonld_pages()[0])
    return source.parser.posting_fields(record, *extra)


@cache
def recorded(name: str) -> tuple[tuple[Path, dict], ...]:
    """Every real record of a source with the file it came from (as the spider would yield them)."""
    source = SOURCES[name]
    out = []
    if name == "jsonld":
        for page in jsonld_pages():
            url = source.extra(page)[0]
            out.extend((page, posting) for posting in jsonld.job_postings(page.read_text(encoding="utf-8"), url))
    elif name == "hackernews":
        dump = _json(source.paths()[0])
        out.extend((source.paths()[0], c) for c in dump["comments"]
                   if isinstance(c, dict) and hackernews.skip_reason(c) is None)
    else:
        for path in source.paths():
            out.extend((path, r) for r in source.parser.iter_jobs(decode(source, path.read_bytes())))
    assert out, name
    return tuple(out)


def put(record: dict, path: tuple, value: Any) -> None:
    """Set ``value`` at a key path, building (or replacing) the containers on the way."""
    node: Any = record
    for i, key in enumerate(path[:-1]):
        nxt = path[i + 1]
        if key == "*":
            continue
        want_list = nxt == "*"
        child = node.get(key)
        if want_list:
            if not isinstance(child, list) or not any(isinstance(x, dict) for x in child):
                child = [{}]
            node[key] = child
            targets = [x for x in child if isinstance(x, dict)]
            for target in targets:
                put(target, path[i + 2:], value)
            return
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[path[-1]] = value


def output(item: dict) -> str:
    """A posting as comparable text: every field but the crawl time (raw included)."""
    return json.dumps({k: v for k, v in item.items() if k != "crawled_at"}, sort_keys=True, default=repr)


def normalise(fields: dict, stats: Stats | None = None) -> dict:
    return NormalisePipeline(stats if stats is not None else Stats()).process_item(dict(fields))


# --- what the outputs must look like -------------------------------------------------------------

TEXT_FIELDS = ("source_id", "url", "title", "company", "description", "location", "employment_type",
               "category", "salary_text", "salary_currency", "salary_period", "remote")
REMOTE = ("remote", "hybrid", "onsite", "unknown")
SENIORITY = ("intern", "junior", "mid", "senior", "lead", "principal", "director", "executive", "unknown")


def _finite_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int beyond a float's range
        return False


def check_fields(source: Source, fields: Any, record: Any) -> None:
    """``posting_fields`` output: the schema's names and types."""
    assert isinstance(fields, dict)
    assert set(fields) <= set(JOB_POSTING_FIELDS), set(fields) - set(JOB_POSTING_FIELDS)
    assert fields["source"] == source.name and isinstance(fields["attribution"], str)
    for name in TEXT_FIELDS:
        assert fields.get(name) is None or isinstance(fields[name], str), (name, type(fields[name]))
    assert fields.get("remote") in REMOTE
    assert fields.get("salary_period") in (None, *HOURS_PER)
    posted = fields.get("posted_at")  # raw: ISO / RFC 822 text or epoch seconds; the pipeline parses it
    assert posted is None or (isinstance(posted, (str, int, float)) and not isinstance(posted, bool))
    for name in ("salary_min", "salary_max"):
        assert fields.get(name) is None or _finite_number(fields[name]), (name, fields[name])
    assert isinstance(fields["tags"], list) and all(isinstance(t, str) for t in fields["tags"])
    assert fields["raw"] is record


ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def check_item(item: dict) -> None:
    """NormalisePipeline output: typed, and writable as strict JSON (no NaN/Infinity) but for raw."""
    assert isinstance(item["description"], str)
    for name in ("title", "company", "location", "category"):
        value = item[name]
        assert value is None or (isinstance(value, str) and value == value.strip() and value), (name, value)
    for name in TEXT_FIELDS:
        assert item.get(name) is None or isinstance(item[name], str), name
    assert item["url"] is None or re.match(r"(?i)https?://", item["url"])
    assert item["posted_at"] is None or ISO_DATE.fullmatch(item["posted_at"])
    assert item["posted_at_utc"] is None or ISO_TIME.fullmatch(item["posted_at_utc"])
    assert item["employment_type"] in EMPLOYMENT_TYPES
    assert item["remote"] in REMOTE and item["seniority"] in SENIORITY
    assert all(isinstance(c, str) and len(c) == 2 for c in item["country_codes"])
    assert all(isinstance(r, str) for r in item["regions"])
    assert isinstance(item["tags"], list) and all(isinstance(t, str) for t in item["tags"])
    assert item["salary_period"] in (None, *HOURS_PER)
    for name in ("salary_min", "salary_max", "salary_hourly_min", "salary_hourly_max", "salary_annual_min",
                 "salary_annual_max"):
        assert item[name] is None or _finite_number(item[name]), (name, item[name])
    json.dumps({k: v for k, v in item.items() if k != "raw"}, allow_nan=False)


def run_record(source: Source, record: Any, path: Path | None = None) -> dict:
    fields = mapped(source, record, path)
    check_fields(source, fields, record)
    item = normalise(fields)
    check_item(item)
    return item


# --- properties: envelopes -----------------------------------------------------------------------

ENVELOPE = st.one_of(
    JUNK,
    st.fixed_dictionaries({"jobs": st.lists(JUNK, max_size=4)}),
    st.fixed_dictionaries({"data": st.lists(JUNK, max_size=4), "links": JUNK}),
    st.fixed_dictionaries({"jobs": JUNK, "limit": JUNK, "offset": JUNK, "totalCount": JUNK, "meta": JUNK,
                           "job-count": JUNK, "jobCount": JUNK}),
    st.lists(st.one_of(JUNK, st.dictionaries(st.sampled_from(KEYS), JUNK, max_size=5)), max_size=5),
)


@budget(60)
@given(payload=ENVELOPE)
def test_iter_jobs_raises_only_valueerror_and_yields_records(payload):
    for name in ("remotive", "remoteok", "arbeitnow", "himalayas", "jobicy", "weworkremotely", "greenhouse",
                 "lever"):
        parser = SOURCES[name].parser
        try:
            records = list(parser.iter_jobs(payload))
        except ValueError:
            continue
        assert all(isinstance(r, dict) for r in records), name
        # what the spiders call on the same payload once iter_jobs accepted it
        if hasattr(parser, "declared_count"):
            count = parser.declared_count(payload)
            assert count is None or (isinstance(count, int) and not isinstance(count, bool)), name
        if hasattr(parser, "next_page"):
            following = parser.next_page(payload)
            assert following is None or isinstance(following, str), name


@budget(60)
@given(body=st.one_of(st.binary(max_size=64), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      JUNK.map(lambda v: json.dumps(v).encode())))
def test_body_decoders_raise_only_valueerror(body):
    for load in (load_json_body, weworkremotely.load):
        try:
            load(body)
        except ValueError:
            pass


@budget(40)
@given(user=JUNK, story=JUNK, item=st.dictionaries(st.sampled_from(KEYS), JUNK, max_size=6))
def test_hackernews_thread_walk_never_raises_but_valueerror(user, story, item):
    try:
        ids = hackernews.story_ids(user)
        assert all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
    except ValueError:
        pass
    picker = hackernews.StoryPicker()
    kind, done = picker.offer(story)
    assert kind in (None, hackernews.HIRING, hackernews.FREELANCER) and isinstance(done, bool)
    assert all(isinstance(i, int) for i in hackernews.top_level_ids(item))
    assert hackernews.skip_reason(item) in (None, "deleted", "dead", "not_comment")
    assert isinstance(hackernews.first_line(item.get("text")), str)


# --- properties: hostile records -----------------------------------------------------------------

def hostile_records(source: Source, json_safe: bool) -> st.SearchStrategy:
    """A real record with junk at some of the key paths its parser reads, or a record of junk only."""
    values = JUNK if json_safe else PY_JUNK

    @st.composite
    def strategy(draw):
        if draw(st.integers(0, 9)) == 0:
            return draw(st.dictionaries(st.sampled_from([p[0] for p in source.keys]), values, max_size=6))
        _, record = draw(st.sampled_from(recorded(source.name)))
        record = copy.deepcopy(record)
        for path in draw(st.lists(st.sampled_from(source.keys), min_size=1, max_size=6, unique=True)):
            put(record, path, draw(values))
        return record

    return strategy()


@pytest.mark.parametrize("name", ALL)
@budget(20)
@given(data=st.data())
def test_posting_fields_and_pipeline_never_raise_and_stay_typed(name, data):
    source = SOURCES[name]
    record = data.draw(hostile_records(source, json_safe=False))
    run_record(source, record)


@pytest.mark.parametrize("name", ALL)
def test_every_read_key_with_every_wrong_type(name):
    """Exhaustive, not sampled: each key path a parser reads, set to each kind of wrong value."""
    source = SOURCES[name]
    path, base = recorded(name)[0]
    for key_path in source.keys:
        for value in WRONG_VALUES:
            record = copy.deepcopy(base)
            put(record, key_path, value)
            try:
                run_record(source, record, path)
            except AssertionError:
                raise
            except Exception as exc:  # report which key and value broke it
                raise AssertionError(f"{name} {key_path} = {type(value).__name__}: {exc!r}") from exc


DEEP_PAYLOADS = [
    DEEP, [DEEP], {"jobs": DEEP}, {"jobs": [DEEP]}, {"data": [DEEP]}, {"jobs": nested(5_000, kind="mixed")},
    nested(5_000, kind="mixed"), {"jobs": [{"id": 1, "title": DEEP, "tags": DEEP, "metadata": DEEP}]},
    [{"id": 1, "position": DEEP}], {"jobs": [], "meta": {"total": DEEP}, "limit": DEEP, "links": {"next": DEEP}},
]


@pytest.mark.parametrize("payload", DEEP_PAYLOADS, ids=range(len(DEEP_PAYLOADS)))
def test_payloads_nested_5000_deep(payload):
    for name in ("remotive", "remoteok", "arbeitnow", "himalayas", "jobicy", "weworkremotely", "greenhouse",
                 "lever"):
        source = SOURCES[name]
        try:
            records = list(source.parser.iter_jobs(payload))
        except ValueError:
            continue
        for record in records:
            run_record(source, record)
        for hook in ("declared_count", "next_page"):
            if hasattr(source.parser, hook):
                getattr(source.parser, hook)(payload)
    for posting in jsonld._walk(payload):
        run_record(SOURCES["jsonld"], posting)


# --- megabyte strings -----------------------------------------------------------------------------

MB = 1_000_000
# Shapes that make naive regexes backtrack (or rescan) quadratically.
LONG_PATTERNS = {
    "lt": "<", "p-lt": "<p", "entity": "&lt;", "www-paren": "(www.", "at": " at x", "newline-space": "\n ",
    "anti-spam": "Please mention the word **A** ", "mixed": "<p>Remote | $1k - | at (www. \n&amp;\ud800\x0b1 ",
}


def _long(pattern: str, size: int) -> str:
    return (pattern * (size // len(pattern) + 1))[:size]


@pytest.mark.parametrize("name", ALL)
def test_long_hostile_strings_in_every_field_stay_linear(name):
    source = SOURCES[name]
    path, base = recorded(name)[0]
    for label, pattern in LONG_PATTERNS.items():
        record = copy.deepcopy(base)
        value = _long(pattern, 25_000)
        for key_path in source.keys:
            put(record, key_path, value)
        started = time.perf_counter()
        run_record(source, record, path)
        elapsed = time.perf_counter() - started
        # linear work takes a tenth of a second; the location split regex took minutes on this
        assert elapsed < 5, f"{name}: {label} took {elapsed:.1f}s"


@pytest.mark.parametrize("name", ALL)
def test_megabyte_description(name):
    source = SOURCES[name]
    path, base = recorded(name)[0]
    title_key = {"remotive": "title", "remoteok": "position", "arbeitnow": "title", "himalayas": "title",
                 "jobicy": "jobTitle", "weworkremotely": "title", "greenhouse": "title", "lever": "text",
                 "hackernews": "text", "jsonld": "title"}[name]
    body_key = {"remoteok": "description", "jobicy": "jobDescription", "greenhouse": "content",
                "hackernews": "text"}.get(name, "description")
    for pattern in ("<p>Remote | $1k - | at (www. &amp; \ud800 " + "word " * 400 + "</p>\n",):
        record = copy.deepcopy(base)
        record[body_key] = _long(pattern, MB)
        record[title_key] = _long(pattern, 200_000) if title_key != body_key else record[body_key]
        started = time.perf_counter()
        item = run_record(source, record, path)
        assert time.perf_counter() - started < 20, name
        assert item["description"]


# --- good records unchanged beside hostile ones ----------------------------------------------------

@cache
def clean_outputs(name: str) -> dict[int, str]:
    """Each real record's output (by position in ``recorded``) with nothing hostile around it."""
    source = SOURCES[name]
    return {i: output(normalise(mapped(source, record, path))) for i, (path, record) in enumerate(recorded(name))}


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


def mixed_json_outputs(source: Source, path: Path, good: list[dict], hostile: list[Any], order: list[int]) -> list[str]:
    """Good and hostile records in one response body, through decode -> iter_jobs -> fields -> pipeline."""
    payload = decode(source, path.read_bytes())
    records = [good[i] if i < len(good) else hostile[i - len(good)] for i in order]
    if source.name == "remoteok":
        payload = [payload[0], *records]  # the legal notice stays first
    elif source.name == "lever":
        payload = records
    else:
        payload = {**payload, **{"jobs" if "jobs" in payload else "data": records}}
    decoded = decode(source, source.body(payload))
    return [output(normalise(mapped(source, r, path))) for r in source.parser.iter_jobs(decoded)]


@pytest.mark.parametrize("name", JSON_API)
@budget(5)
@given(data=st.data())
def test_good_records_unchanged_among_hostile_ones_in_one_response(name, data):
    source = SOURCES[name]
    everything = recorded(name)
    path = data.draw(st.sampled_from(sorted({p for p, _ in everything})))
    indexes = [i for i, (p, _) in enumerate(everything) if p == path]
    chosen = data.draw(st.lists(st.sampled_from(indexes), min_size=1, max_size=5, unique=True))
    hostile = data.draw(st.lists(st.one_of(JUNK, hostile_records(source, json_safe=True)), min_size=1, max_size=5))
    order = data.draw(st.permutations(range(len(chosen) + len(hostile))))
    # keep the good records in their recorded order, hostile ones anywhere between them
    slots = sorted(i for i in order if i < len(chosen))
    order = [slots.pop(0) if i < len(chosen) else i for i in order]
    outputs = mixed_json_outputs(source, path, [everything[i][1] for i in chosen], hostile, order)
    expected = [clean_outputs(name)[i] for i in chosen]
    assert is_subsequence(expected, outputs)


# A hostile record between every two real ones, for every recorded file of every JSON API.
FIXED_HOSTILE = [
    None, 5, "x", [], {}, {"id": 10**400, "title": {"a": 1}},
    {"id": "\ud800", "url": "javascript:alert(1)", "title": ["x"] * 3, "description": {"p": "<p>"},
     "tags": "python", "salary": 5, "salary_min": "1e999", "minSalary": float("inf"), "salaryMin": True,
     "jobType": 7, "job_types": 7, "metadata": 5, "location": {"name": 5}, "categories": {"allLocations": 5},
     "salaryRange": {"min": float("nan"), "max": 10**400}, "created_at": 10**400, "pubDate": "\u00b2",
     "createdAt": float("nan"), "legal": None},
]


@pytest.mark.parametrize("name", JSON_API)
def test_every_recorded_record_unchanged_with_hostile_ones_between(name):
    source = SOURCES[name]
    everything = recorded(name)
    for path in sorted({p for p, _ in everything}):
        indexes = [i for i, (p, _) in enumerate(everything) if p == path]
        good = [everything[i][1] for i in indexes]
        order = []
        for n in range(len(good)):
            order += [n, len(good) + n % len(FIXED_HOSTILE)]
        outputs = mixed_json_outputs(source, path, good, FIXED_HOSTILE, order)
        assert is_subsequence([clean_outputs(name)[i] for i in indexes], outputs), path.name


# --- We Work Remotely: hostile XML ----------------------------------------------------------------

_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text as XML character data: escaped, and without the characters XML 1.0 forbids."""
    return _XML_INVALID.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


WWR_TAGS = ["title", "region", "country", "state", "skills", "guid", "link", "description", "pubDate", "type",
            "category", "item", "media:content", "dc:creator", "enclosure"]
XML_CHILD = st.one_of(
    st.tuples(st.sampled_from(WWR_TAGS), TEXT).map(lambda t: f"<{t[0]}>{xml_text(t[1])}</{t[0]}>"),
    TEXT.map(lambda t: f"<title><![CDATA[{_XML_INVALID.sub('', t).replace(']]>', '')}]]></title>"),
    TEXT.map(lambda t: f'<media:content url="{xml_text(t).replace(chr(34), "&quot;")}"/>'),
    st.just('<enclosure url="' + "a" * 100_000 + '"/>'),
    st.just("<description><p>nested <b>markup</b> in the feed</p></description>"),
    st.just("<title>&amp;&lt;&gt;&quot;&apos;&#38;&#x1F600;</title>"),
    st.just("<!-- a comment --><?pi data?>"),
    st.just("<description>" + "<a>" * 200 + "deep" + "</a>" * 200 + "</description>"),
    st.just("<item><title>Inner: nested item</title><guid>inner</guid></item>"),
)
XML_ITEM = st.lists(XML_CHILD, max_size=6).map(lambda children: "<item>" + "".join(children) + "</item>")


def wwr_feed(items: list[str]) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:media="http://search.yahoo.com/mrss"><channel><title>We Work Remotely</title>'
            + "".join(items) + "</channel></rss>").encode("utf-8")


@cache
def wwr_items() -> tuple[tuple[str, str], ...]:
    """Each real feed item as XML text, with its clean output."""
    source = SOURCES["weworkremotely"]
    out = []
    for path in source.paths():
        root = etree.fromstring(path.read_bytes())
        for item in root.iter("item"):
            xml = etree.tostring(item, encoding="unicode", with_tail=False)
            (record,) = weworkremotely.load(wwr_feed([xml]))
            out.append((xml, output(normalise(weworkremotely.posting_fields(record)))))
    return tuple(out)


def test_wwr_items_rebuilt_from_the_feeds_map_like_the_feeds_themselves():
    rebuilt = [clean for _, clean in wwr_items()]
    assert sorted(rebuilt) == sorted(clean_outputs("weworkremotely").values())


@budget(20)
@given(data=st.data())
def test_wwr_good_items_unchanged_among_hostile_xml_items(data):
    real = wwr_items()
    chosen = data.draw(st.lists(st.sampled_from(range(len(real))), min_size=1, max_size=5, unique=True))
    hostile = data.draw(st.lists(XML_ITEM, min_size=1, max_size=4))
    feed = [real[i][0] for i in sorted(chosen)]
    for item in hostile:
        feed.insert(data.draw(st.integers(0, len(feed))), item)
    records = list(weworkremotely.iter_jobs(weworkremotely.load(wwr_feed(feed))))
    outputs = []
    for record in records:
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in record.items())
        outputs.append(output(run_record(SOURCES["weworkremotely"], record)))
    assert is_subsequence([real[i][1] for i in sorted(chosen)], outputs)


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY file SYSTEM "file:///etc/passwd">
  <!ENTITY net SYSTEM "http://127.0.0.1:9/x">
  <!ENTITY inj "INJECTED">
  <!ENTITY % param SYSTEM "file:///etc/hostname">
]>
<rss xmlns:xi="http://www.w3.org/2001/XInclude"><channel>
<item><title>Acme: Dev &file;</title><guid>g1</guid><description>a &inj; b &net;</description>
<region><xi:include href="file:///etc/passwd" parse="text"/></region></item>
</channel></rss>"""

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"a" * 10 + b'">'
                  + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
                             for i in range(9))
                  + b']><rss><channel><item><title>X: &j;</title><guid>g</guid></item></channel></rss>')


def test_wwr_feed_is_parsed_without_resolving_entities():
    records = weworkremotely.load(XXE)
    values = " ".join(v for r in records for v in r.values())
    assert "root:" not in values and "INJECTED" not in values
    assert records[0]["guid"] == "g1"
    fields = weworkremotely.posting_fields(records[0])
    check_fields(SOURCES["weworkremotely"], fields, records[0])


def test_wwr_entity_expansion_is_refused_fast():
    started = time.perf_counter()
    try:
        records = weworkremotely.load(BILLION_LAUGHS)
    except ValueError:
        pass
    else:  # parsed: then the entity stayed unexpanded
        assert all(len(v) < 1_000 for r in records for v in r.values())
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("body", [
    b'<rss><channel><item><enclosure url="' + b"a" * 11_000_000 + b'"/></item></channel></rss>',  # > libxml2's limit
    b"<rss><channel><item><title>" + b"<a>" * 5_000 + b"</a>" * 5_000 + b"</title></item></channel></rss>",
    b"<rss><channel><item><title>\x00</title></item></channel></rss>",
    b"<rss>" + b"<item>" * 3 + b"&undefined;",
    b"\xff\xfe<\x00r\x00s\x00s\x00>\x00",
    b"<feed/>",
])
def test_wwr_feeds_beyond_limits_are_valueerrors(body):
    with pytest.raises(ValueError):
        weworkremotely.load(body)


def test_wwr_megabyte_attribute_within_limits_keeps_the_other_items():
    real_xml, real_out = wwr_items()[0]
    hostile = '<item><media:content url="' + "a" * MB + '"/><title>' + "t" * MB + "</title></item>"
    records = weworkremotely.load(wwr_feed([hostile, real_xml]))
    outputs = [output(run_record(SOURCES["weworkremotely"], r)) for r in records]
    assert outputs[-1] == real_out


# --- JSON-LD pages ---------------------------------------------------------------------------------

def jsonld_script(value: Any) -> str:
    # "<" escaped the way well-behaved serialisers do, so the script cannot end early
    return '<script type="application/ld+json">' + json.dumps(value).replace("<", "\\u003c") + "</script>"


HOSTILE_SCRIPT = st.one_of(
    JUNK.map(jsonld_script),
    hostile_records(SOURCES["jsonld"], json_safe=True).map(lambda r: jsonld_script({**r, "@type": "JobPosting"})),
    st.sampled_from([
        '<script type="application/ld+json">{"@type": "JobPosting", "title": </script>',
        '<script type="application/ld+json">' + "[" * 5_000 + "]" * 5_000 + "</script>",
        '<script type="application/ld+json">{"@type": "JobPosting", "n": ' + "9" * 5_000 + "}</script>",
        '<script type="application/ld+json">{"@type": "JobPosting", "title": NaN, "baseSalary": Infinity}</script>',
        '<script type="application/ld+json">' + '{"@graph": [' * 400 + '{"@type": "JobPosting"}' + "]}" * 400
        + "</script>",
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "\\ud800"}</script>',
    ]),
)
HOSTILE_BODY = st.one_of(
    TEXT.map(lambda t: f'<div itemscope itemtype="http://schema.org/JobPosting"><span itemprop="title">{t}'
                       "</span></div>"),
    st.just('<div itemscope itemtype="http://schema.org/JobPosting" itemprop="x">' * 300),
    st.just("<div>" * 3_000 + "deep" + "</div>" * 3_000),
    TEXT,
)


@cache
def jsonld_clean() -> tuple[tuple[Path, str, str, list[str]], ...]:
    """Each fixture page: its path, HTML and URL, and the outputs of its postings."""
    out = []
    for page in jsonld_pages():
        url = SOURCES["jsonld"].extra(page)[0]
        html = page.read_text(encoding="utf-8")
        out.append((page, html, url, [output(normalise(jsonld.posting_fields(p, url)))
                                      for p in jsonld.job_postings(html, url)]))
    return tuple(out)


@budget(15)
@given(data=st.data())
def test_jsonld_good_postings_unchanged_beside_hostile_structured_data(data):
    path, html, url, clean = data.draw(st.sampled_from(jsonld_clean()))
    before = "".join(data.draw(st.lists(HOSTILE_SCRIPT, max_size=2)))
    after = "".join(data.draw(st.lists(HOSTILE_SCRIPT, max_size=2)))
    body = "".join(data.draw(st.lists(HOSTILE_BODY, max_size=2)))
    page = html.replace("<script", before + "<script", 1).replace("</script>", "</script>" + after, 1)
    page = page.replace("</body>", body + "</body>")
    postings = jsonld.job_postings(page, url)
    assert all(isinstance(p, dict) for p in postings)
    outputs = [output(run_record(SOURCES["jsonld"], p, path)) for p in postings]
    assert is_subsequence(clean, outputs)


@budget(30)
@given(page=st.one_of(TEXT, st.lists(st.one_of(HOSTILE_SCRIPT, HOSTILE_BODY), max_size=3).map("".join)))
def test_jsonld_any_page_gives_a_list_of_postings(page):
    for posting in jsonld.job_postings(page, "https://careers.example/x"):
        run_record(SOURCES["jsonld"], posting)


# --- Hacker News: hostile comments in one thread ----------------------------------------------------

@budget(20)
@given(data=st.data())
def test_hackernews_good_comments_unchanged_among_hostile_ones(data):
    source = SOURCES["hackernews"]
    everything = recorded("hackernews")
    chosen = data.draw(st.lists(st.sampled_from(range(len(everything))), min_size=1, max_size=5, unique=True))
    hostile = data.draw(st.lists(st.one_of(JUNK, hostile_records(source, json_safe=True)), min_size=1, max_size=5))
    comments: list[Any] = [everything[i][1] for i in sorted(chosen)]
    for item in hostile:
        comments.insert(data.draw(st.integers(0, len(comments))), item)
    # the recorded dump's shape; each comment is also one Firebase response in a crawl
    dump = load_json_body(json.dumps({"post": {"title": "Ask HN: Who is hiring? (July 2024)"},
                                      "comments": comments}).encode())
    outputs = []
    for item in dump["comments"]:
        if isinstance(item, dict) and hackernews.skip_reason(item) is None:
            outputs.append(output(run_record(source, item)))
    assert is_subsequence([clean_outputs("hackernews")[i] for i in sorted(chosen)], outputs)


@budget(60)
@given(line=TEXT)
def test_hackernews_header_parsing_never_raises(line):
    parsed = hackernews.parse_first_line(line)
    for key in ("company", "role", "location", "salary_text"):
        assert parsed[key] is None or isinstance(parsed[key], str)
    assert parsed["remote"] in REMOTE and parsed["employment_type"] in (None, *EMPLOYMENT_TYPES)


# --- regressions: each bug these properties found, as given -> expected -------------------------------

def fields_of(name: str, **changes: Any) -> dict:
    source = SOURCES[name]
    path, base = recorded(name)[0]
    record = copy.deepcopy(base)
    for key, value in changes.items():
        put(record, tuple(key.split("__")), value)
    fields = mapped(source, record, path)
    check_fields(source, fields, record)
    return fields


def test_regression_greenhouse_metadata_and_location_name_of_wrong_type():
    # was TypeError: 'int' object is not iterable / AttributeError: 'int' object has no attribute 'lower'
    assert fields_of("greenhouse", metadata=5)["employment_type"] is None
    fields = fields_of("greenhouse", location={"name": 5}, offices=[])
    assert fields["location"] is None and fields["remote"] == "unknown"


def test_regression_lever_all_locations_and_salary_of_wrong_type():
    # was TypeError ('int' object is not iterable), NaN pay, OverflowError (int too large to convert to float)
    record = recorded("lever")[0][1]
    assert fields_of("lever", categories__allLocations=5)["location"] == record["categories"]["location"]
    fields = fields_of("lever", salaryRange={"min": float("nan"), "max": 10**400, "currency": "ZAR"})
    assert fields["salary_min"] is None and fields["salary_max"] is None and fields["salary_currency"] is None


def test_regression_arbeitnow_lists_and_remote_flag_of_wrong_type():
    # was TypeError: 'int' object is not iterable / 'bool' object is not iterable
    fields = fields_of("arbeitnow", job_types=5, tags=True)
    assert fields["employment_type"] is None and fields["tags"] == []
    # a remote flag that is neither true nor false says nothing (was "onsite")
    assert fields_of("arbeitnow", remote="yes")["remote"] == "unknown"
    assert fields_of("arbeitnow", remote=False)["remote"] == "onsite"


def test_regression_jobicy_types_and_pay():
    # was TypeError (jobType 5), OverflowError (10**400), pay 1.0 from True, RecursionError (str() of a deep list)
    assert fields_of("jobicy", jobType=5)["employment_type"] is None
    assert fields_of("jobicy", salaryMin=10**400, salaryMax=True)["salary_min"] is None
    assert fields_of("jobicy", salaryMin=True, salaryMax=None)["salary_currency"] is None
    assert fields_of("jobicy", salaryMin=50_000, salaryPeriod=DEEP)["salary_period"] is None


def test_regression_himalayas_pay_and_lists():
    # was OverflowError, an infinite salary, RecursionError (str() of a deep list), TypeError (int not iterable)
    assert fields_of("himalayas", minSalary=10**400, maxSalary=float("inf"))["salary_max"] is None
    assert fields_of("himalayas", minSalary=10, salaryPeriod=DEEP)["salary_period"] is None
    assert fields_of("himalayas", locationRestrictions=5)["location"] == "Worldwide"
    assert fields_of("himalayas", currency={"code": "USD"}, minSalary=10)["salary_currency"] is None


def test_regression_remoteok_pay_ids_and_text_types():
    # was OverflowError (10**400), inf pay and "$inf" text from "1e999", ValueError (str() of 10**5000)
    fields = fields_of("remoteok", salary_min=10**400, salary_max="1e999")
    assert fields["salary_min"] is None and fields["salary_max"] is None and fields["salary_text"] is None
    assert fields_of("remoteok", id=10**5000)["source_id"] is None
    assert fields_of("remoteok", salary_min="120000", salary_max=0)["salary_min"] == 120_000.0  # as before
    assert fields_of("remoteok", position={"en": "Dev"}, company=["Acme"])["title"] is None


def test_regression_remotive_ids_and_text_fields_of_wrong_type():
    # was ValueError (str() of a 5,000-digit int), RecursionError (str() of a deep list), and dicts/lists
    # passed on as the title, description ... (the pipeline then raised on a dict description)
    assert fields_of("remotive", id=10**5000)["source_id"] is None
    assert fields_of("remotive", id=DEEP)["source_id"] is None
    fields = fields_of("remotive", title={"a": 1}, description=["<p>x</p>"], salary={"min": 1})
    assert fields["title"] is None and fields["description"] is None and fields["salary_text"] is None
    assert fields_of("remotive", id=12)["source_id"] == "12"


def test_regression_weworkremotely_fields_of_wrong_type():
    # was AttributeError: 'int' object has no attribute 'partition' / 'NoneType' ... 'strip' / 'list' ... 'split'
    fields = fields_of("weworkremotely", title=5, region=None, skills=["a"])
    assert fields["title"] is None and fields["company"] is None and fields["tags"] == []


def test_regression_hackernews_huge_id_and_text_of_wrong_type():
    # was ValueError (a 5,000-digit id cannot be written out) and a dict passed on as the description
    fields = fields_of("hackernews", id=10**5000, text={"html": "<p>x</p>"})
    assert fields["source_id"] is None and fields["url"] is None and fields["description"] is None


@pytest.mark.parametrize("text", [
    "<" * 200_000,                                      # _TAG rescanned the rest from every "<"
    "<p" * 100_000,                                     # _PARAGRAPH's <p\b[^>]*> likewise
    "Acme" + " at x" * 40_000 + "@",                    # "Role at Company" tried every " at "
    "a | " + "(www." * 40_000,                          # embedded-link removal
    "Acme\n" + "|x\n" * 50_000,                         # header lines rejoined by copying the header each time
])
def test_regression_hackernews_first_line_regexes_are_linear(text):
    started = time.perf_counter()
    fields = hackernews.posting_fields({"id": 1, "type": "comment", "text": text, "time": 1})
    assert time.perf_counter() - started < 5  # were minutes to hours
    check_fields(SOURCES["hackernews"], fields, fields["raw"])


def test_regression_remoteok_anti_spam_trailer_removal_is_linear_and_unchanged():
    started = time.perf_counter()
    text = "Please mention the word **A** " * 40_000
    assert remoteok.without_anti_spam(text) == text  # no end: nothing removed (as the regex did)
    assert time.perf_counter() - started < 5  # was quadratic (about an hour at 1 MB)
    real = "<p>Job</p><br><br>Please mention the word **BEEF** and tag RMTg4LjE. This is a beta feature " \
           "to avoid spam applicants. Companies can search these words to find applicants that read this " \
           "and see they're human."
    assert remoteok.without_anti_spam(real + " tail " + real) == "<p>Job</p> tail <p>Job</p>"


def test_regression_jsonld_one_bad_script_no_longer_loses_the_page():
    good = '<script type="application/ld+json">{"@type": "JobPosting", "title": "Good"}</script>'
    for bad in ("[" * 3_000 + "]" * 3_000, '{"n": ' + "1" * 5_000 + "}"):
        page = f'<html><head>{good}<script type="application/ld+json">{bad}</script></head></html>'
        # was []: extruct reads all scripts in one go and a RecursionError / ValueError in one lost them all
        assert [p["title"] for p in jsonld.job_postings(page, "https://x.example/")] == ["Good"]


def test_regression_jsonld_microdata_extruct_cannot_read():
    page = ('<script type="application/ld+json">{"@type": "JobPosting", "title": "Good"}</script>'
            + '<div itemscope itemtype="http://schema.org/JobPosting" itemprop="x">' * 300)
    # was KeyError: 'microdata' out of extruct (its uniform step reads the output it failed to make)
    assert [p["title"] for p in jsonld.job_postings(page, "https://x.example/")] == ["Good"]


def test_regression_jsonld_fields():
    # lone surrogate in the title of a posting without identifier: was UnicodeEncodeError in the hash
    fields = fields_of("jsonld", title="\ud800", identifier=None)
    assert len(fields["source_id"]) == 16
    # was OverflowError (10**400), inf and 1.0 (from true) as pay
    fields = fields_of("jsonld", baseSalary={"currency": "EUR", "value": {"minValue": 10**400, "maxValue": "1e999"}})
    assert fields["salary_min"] is None and fields["salary_max"] is None
    assert fields_of("jsonld", baseSalary={"value": True})["salary_min"] is None
    assert fields_of("jsonld", baseSalary={"value": "52000", "unitText": "YEAR"})["salary_min"] == 52_000.0
    # was RecursionError: a text property nested as lists of objects of lists ...
    assert fields_of("jsonld", title=nested(2_000, kind="mixed"))["title"] is None


def test_regression_declared_counts_and_pages_of_wrong_type():
    assert remotive.declared_count({"job-count": True}) is None
    assert jobicy.declared_count({"jobCount": True}) is None
    # 4,400-digit offsets: the next page's URL could not be written (ValueError: int too long for str)
    assert himalayas.next_page({"limit": 10**4400, "offset": 10**4400, "totalCount": 10**4401}) is None
    assert himalayas.declared_count({"limit": 5, "offset": 10**4400, "totalCount": 10**4401}) is None
    assert himalayas.next_page({"limit": 5, "offset": 0, "totalCount": 100}) == "/jobs/api?limit=5&offset=5"


# --- rewritten helpers are the originals, on the inputs the originals handle --------------------------

OLD_ANTI_SPAM = re.compile(
    r"(?:<br\s*/?>\s*)*Please mention the word \*\*\w+\*\*.*?read this and see they're human\.?",
    re.IGNORECASE | re.DOTALL,
)
SPAM_PIECES = ["Please mention the word **A1** ", "please MENTION the word **b** ", "<br>", "<br/> ", "\n", "x",
               "read this and see they're human", ".", " ", "**", "word", "<p>"]
MARKUP_PIECES = ["<", ">", "<p>", "<p class='x'>", "</p>", "</p >", "<br>", "<br/>", "<pa>", "<p", "a", "\n", " ",
                 "&amp;", "|"]


@budget(120)
@given(text=st.lists(st.sampled_from(SPAM_PIECES), max_size=25).map("".join))
def test_remoteok_anti_spam_removal_is_the_original_regex(text):
    assert remoteok.without_anti_spam(text) == OLD_ANTI_SPAM.sub("", text)


@budget(120)
@given(text=st.lists(st.sampled_from(MARKUP_PIECES), max_size=25).map("".join))
def test_hackernews_splitting_and_tag_stripping_are_the_original_regexes(text):
    assert hackernews._before_last_gt(hackernews._PARAGRAPH.split, text) == hackernews._PARAGRAPH.split(text)
    assert hackernews._strip_tags(text) == hackernews._TAG.sub("", text)


def _old_jsonld_walk(node):
    if isinstance(node, list):
        for child in node:
            yield from _old_jsonld_walk(child)
    elif isinstance(node, dict):
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "JobPosting" in kinds:
            yield node
        for key in ("@graph", "mainEntity", "itemListElement", "item"):
            if key in node:
                yield from _old_jsonld_walk(node[key])


GRAPH = st.recursive(
    st.one_of(st.none(), st.sampled_from(["JobPosting", "x"]),
              st.fixed_dictionaries({"@type": st.sampled_from(["JobPosting", ["JobPosting", "X"], "Thing"]),
                                     "n": st.integers(0, 9)})),
    lambda kids: st.one_of(
        st.lists(kids, max_size=3),
        st.dictionaries(st.sampled_from(["@type", "@graph", "mainEntity", "itemListElement", "item", "n"]), kids,
                        max_size=4)),
    max_leaves=15,
)


@budget(60)
@given(node=GRAPH)
def test_jsonld_walk_finds_the_postings_the_recursive_walk_found(node):
    assert [id(x) for x in jsonld._walk(node)] == [id(x) for x in _old_jsonld_walk(node)]
