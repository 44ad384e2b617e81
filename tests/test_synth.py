"""The synthetic corpus at scale (crawlers/synth.py): crawl-output shape, proportions, planted copies
and trends, checked on a small corpus against the real parsers, pipeline and skill extractor."""

from __future__ import annotations

import collections
import datetime as dt
import difflib
import json
import os
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crawlers import synth
from crawlers.items import JOB_POSTING_FIELDS
from crawlers.normalize import html_to_text
from crawlers.parsers import (
    arbeitnow,
    greenhouse,
    hackernews,
    himalayas,
    jobicy,
    lever,
    remoteok,
    remotive,
    weworkremotely,
)
from crawlers.pipelines.normalise import NormalisePipeline

REPO = Path(__file__).resolve().parents[1]
END = dt.date(2026, 11, 18)  # a Wednesday: the last week is partial
POSTINGS = 5_000
SEED = 11
MEMORY_POSTINGS = 30_000  # two shards of 15,000
MEMORY_BOUND_MB = 64

# A child process writes MEMORY_POSTINGS postings (beside the other tests) and reports, at each
# progress call (every 10,000 lines of a shard), the memory blocks Python holds beyond what it held
# with the tables loaded, plus the resident high-water mark. tracemalloc would report the same
# flatness but slows every allocation ~10x.
_MEMORY_SCRIPT = textwrap.dedent(f"""
    import datetime, gc, json, resource, sys, tempfile
    from pathlib import Path
    sys.path.insert(0, {str(REPO)!r})
    from crawlers import synth
    def rss():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    synth._tables()
    gc.collect()
    base_blocks, base_rss = sys.getallocatedblocks(), rss()
    marks = []
    with tempfile.TemporaryDirectory() as d:
        synth.write_synthetic_corpus(Path(d), postings={MEMORY_POSTINGS}, seed=3, end=datetime.date(2026, 11, 18),
                                     workers=1, progress=lambda n: marks.append((n, sys.getallocatedblocks() - base_blocks)))
    print(json.dumps({{"marks": marks, "rss_growth": rss() - base_rss}}))
""")


@pytest.fixture(scope="module", autouse=True)
def memory_probe():
    """Measure peak memory in a child process, in parallel with the other tests (tracemalloc is slow)."""
    proc = subprocess.Popen([sys.executable, "-c", _MEMORY_SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    summary = synth.write_synthetic_corpus(out, postings=POSTINGS, seed=SEED, end=END)
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    records = {}
    for source in synth.SYNTH_SOURCES:
        with open(out / f"{source}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                records[(rec["source"], rec["source_id"])] = rec
    return out, summary, truth, records


def _week(truth, posted_at: str) -> int:
    start = dt.date.fromisoformat(truth["window"]["start"])
    return (dt.date.fromisoformat(posted_at) - start).days // 7


def _copies(truth) -> set[tuple[str, str]]:
    """Lines that are another posting of a job already counted (cross-board copies, city variants)."""
    out = set()
    for group in truth["copy_groups"]:
        if group["kind"] in ("cross_board", "city_variant"):
            out.update((m[0], m[1]) for m in group["members"][1:])
    return out


# --------------------------------------------------------------------------------------------- shape


def test_files_summary_and_nothing_left_behind(corpus):
    out, summary, truth, records = corpus
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{s}.jsonl" for s in synth.SYNTH_SOURCES] + ["truth.json"])
    assert len(synth.SYNTH_SOURCES) == 9 and "jsonld" not in synth.SYNTH_SOURCES
    assert summary.postings == POSTINGS == len(records) == truth["totals"]["lines"]
    assert summary.lines == truth["totals"]["lines_by_source"]
    assert all(summary.lines[s] == sum(1 for k in records if k[0] == s) for s in synth.SYNTH_SOURCES)
    assert summary.bytes == {s: (out / f"{s}.jsonl").stat().st_size for s in synth.SYNTH_SOURCES}


def test_deterministic_per_seed_and_worker_count(tmp_path):
    def digest(folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    kwargs = dict(postings=700, end=END, weeks=20)
    synth.write_synthetic_corpus(tmp_path / "a", seed=5, workers=1, **kwargs)
    synth.write_synthetic_corpus(tmp_path / "b", seed=5, workers=2, **kwargs)
    synth.write_synthetic_corpus(tmp_path / "c", seed=6, workers=1, **kwargs)
    a, b, c = digest(tmp_path / "a"), digest(tmp_path / "b"), digest(tmp_path / "c")
    assert a == b
    assert a.keys() == c.keys() and all(a[k] != c[k] for k in a)


def test_every_line_is_a_job_posting(corpus):
    _out, _summary, truth, records = corpus
    start, end = truth["window"]["start"], END.isoformat()
    for (source, source_id), rec in records.items():
        assert set(rec) == set(JOB_POSTING_FIELDS)
        assert rec["source"] == source and isinstance(source_id, str) and source_id
        assert rec["url"].startswith("https://")
        assert rec["title"] and rec["company"] and rec["description"]
        assert start <= rec["posted_at"] <= end
        assert rec["posted_at_utc"].startswith(rec["posted_at"] + "T") and rec["posted_at_utc"].endswith("Z")
        assert rec["crawled_at"] > rec["posted_at_utc"]
        assert rec["remote"] in ("remote", "hybrid", "onsite", "unknown")
        assert rec["employment_type"] in ("full_time", "part_time", "contract", "freelance", "internship", "unknown")
        assert isinstance(rec["tags"], list) and all(isinstance(t, str) for t in rec["tags"])
        assert isinstance(rec["country_codes"], list) and isinstance(rec["regions"], list)
        assert rec["attribution"]
        raw = json.dumps(rec["raw"], ensure_ascii=False)
        assert len(raw) < 1_500 and rec["description"][:200] not in raw  # small, not a second copy
        if rec["salary_min"] is not None:
            assert rec["salary_currency"] in ("USD", "EUR", "GBP") and rec["salary_period"] in ("hour", "year")
            assert rec["salary_min"] <= rec["salary_max"]
            assert abs(rec["salary_annual_min"] - rec["salary_hourly_min"] * 2080) <= 0.02 * 2080
        else:
            assert rec["salary_hourly_min"] is rec["salary_annual_min"] is None
    # ids are unique per source; descriptions are already what the normaliser makes of them
    assert len({(r["source"], r["source_id"]) for r in records.values()}) == len(records)
    for rec in list(records.values())[::25]:
        assert html_to_text(rec["description"]) == rec["description"]
        assert "\n\n\n" not in rec["description"] and "\u2028" not in rec["description"]


def test_lines_are_the_same_bytes_with_or_without_orjson(corpus):
    out, _summary, _truth, _records = corpus
    with open(out / "himalayas.jsonl", "rb") as fh:
        lines = [fh.readline() for _ in range(50)]
    for line in lines:
        assert synth._encode_std(json.loads(line)) + b"\n" == line


_PARSERS = {"remotive": remotive, "remoteok": remoteok, "arbeitnow": arbeitnow, "himalayas": himalayas,
            "jobicy": jobicy, "weworkremotely": weworkremotely, "hackernews": hackernews,
            "greenhouse": greenhouse, "lever": lever}
_DESCRIPTION_KEY = {"remotive": "description", "remoteok": "description", "arbeitnow": "description",
                    "himalayas": "description", "jobicy": "jobDescription", "weworkremotely": "description",
                    "hackernews": "text", "greenhouse": "content", "lever": "descriptionPlain"}


class _Stats(collections.Counter):
    def inc_value(self, key, count=1):
        self[key] += count


def test_lines_are_what_the_real_parser_and_pipeline_make_of_the_raw_record(corpus):
    """raw + description, through the source's own parser and NormalisePipeline, gives the line back."""
    _out, _summary, _truth, records = corpus
    by_source = collections.defaultdict(list)
    for rec in records.values():
        by_source[rec["source"]].append(rec)
    for source, recs in by_source.items():
        for rec in recs[:: max(1, len(recs) // 40)]:
            native = {k: v for k, v in rec["raw"].items() if k != "_synthetic"}
            native[_DESCRIPTION_KEY[source]] = rec["description"]
            parser = _PARSERS[source]
            if source == "hackernews":
                fields = parser.posting_fields(native, "freelancer" if rec["tags"] == ["hn:freelancer"] else "hiring")
            elif source in ("greenhouse", "lever"):
                fields = parser.posting_fields(native, rec["company"])
            else:
                fields = parser.posting_fields(native)
            item = NormalisePipeline(_Stats()).process_item(dict(fields))
            for name in JOB_POSTING_FIELDS:
                if name not in ("crawled_at", "raw"):
                    assert item[name] == rec[name], (source, name, item[name], rec[name])


# --------------------------------------------------------------------------------------------- proportions


def test_proportions_are_realistic(corpus):
    _out, _summary, _truth, records = corpus
    recs = list(records.values())
    n = len(recs)
    paid = [r for r in recs if r["salary_min"] is not None]
    assert 0.25 <= len(paid) / n <= 0.35
    currencies = collections.Counter(r["salary_currency"] for r in paid)
    assert currencies["USD"] / len(paid) > 0.6 and currencies["EUR"] > 0 and currencies["GBP"] > 0
    # hourly for contract and freelance work, yearly for employees (Remote OK shows yearly USD only)
    gig = [r for r in paid if r["employment_type"] in ("contract", "freelance")]
    assert gig and sum(r["salary_period"] == "hour" for r in gig) / len(gig) > 0.9
    staff = [r for r in paid if r["employment_type"] == "full_time"]
    assert sum(r["salary_period"] == "year" for r in staff) / len(staff) > 0.95

    types = collections.Counter(r["employment_type"] for r in recs)
    assert {"full_time", "part_time", "contract", "freelance", "internship", "unknown"} <= set(types)
    known = n - types["unknown"]
    assert 0.15 <= (types["contract"] + types["freelance"]) / known <= 0.25
    assert types["full_time"] / known > 0.55

    remote = collections.Counter(r["remote"] for r in recs)
    assert 0.55 <= remote["remote"] / n <= 0.80
    assert remote["hybrid"] / n >= 0.05 and remote["onsite"] / n >= 0.10 and remote["unknown"] > 0

    countries = collections.Counter(c for r in recs for c in r["country_codes"])
    assert {"US", "GB", "DE", "FR", "NL", "ES", "PL", "CA", "BR", "IN", "AU"} <= set(countries)
    assert countries.most_common(1)[0][0] == "US"
    regions = collections.Counter(x for r in recs for x in r["regions"])
    assert regions["Worldwide"] > 0.1 * n and regions["Europe"] > 0

    sources = collections.Counter(r["source"] for r in recs)
    assert set(sources) == set(synth.SYNTH_SOURCES) and min(sources.values()) > 0.02 * n
    assert len({r["seniority"] for r in recs}) >= 7
    no_category = {s for s in synth.SYNTH_SOURCES if all(r["category"] is None for r in recs if r["source"] == s)}
    assert no_category == {"remoteok", "arbeitnow", "hackernews"}
    assert {"Software Development", "Marketing", "Design"} <= {r["category"] for r in recs if r["source"] == "remotive"}


def test_titles_name_their_role_family(corpus):
    _out, _summary, truth, records = corpus
    families = collections.Counter(synth.family_of_title(r["title"]) for r in records.values())
    assert None not in families
    assert set(families) == set(synth.FAMILIES) == set(truth["families"])
    assert len(synth.FAMILIES) >= 20
    assert synth.family_of_title("Senior Backend Engineer (Go)") == "software_engineering"
    assert synth.family_of_title("Staff Product Designer (Campinas)") == "design"
    assert synth.family_of_title("Freelance Copywriter") == "writing_content"
    assert synth.family_of_title("Head of Hamsters") is None
    for key, fam in truth["families"].items():
        assert fam["title_templates"] and sum(fam["counted_per_week"]) > 0, key


# --------------------------------------------------------------------------------------------- copies


def test_planted_copies_have_their_declared_shapes(corpus):
    _out, _summary, truth, records = corpus
    groups = collections.defaultdict(list)
    for g in truth["copy_groups"]:
        groups[g["kind"]].append(g)
    distinct = truth["totals"]["distinct_jobs"]
    assert 0.05 <= len(groups["cross_board"]) / distinct <= 0.08
    assert any(len(g["members"]) >= 3 for g in groups["cross_board"])
    assert groups["city_variant"] and groups["monthly_repost"] and groups["lookalike"]

    for g in groups["cross_board"]:
        recs = [records[tuple(m[:2])] for m in g["members"]]
        assert len({r["source"] for r in recs}) == len(recs)  # each copy on another board
        assert {r["company"] for r in recs} == {g["company"]} and {r["title"] for r in recs} == {g["title"]}
        first = dt.date.fromisoformat(recs[0]["posted_at"])
        for r in recs[1:]:
            assert 0 <= (dt.date.fromisoformat(r["posted_at"]) - first).days <= 4
            assert r["description"] != recs[0]["description"]  # formatted differently ...
            ratio = difflib.SequenceMatcher(None, recs[0]["description"], r["description"], autojunk=False).quick_ratio()
            assert ratio > 0.9  # ... but near-identical
    for g in groups["city_variant"]:
        recs = [records[tuple(m[:2])] for m in g["members"]]
        assert 2 <= len(recs) <= 6 and len({r["source"] for r in recs}) == 1
        assert len({r["description"] for r in recs}) == 1 and len({r["company"] for r in recs}) == 1
        assert len({_week(truth, r["posted_at"]) for r in recs}) == 1
        assert {r["title"] for r in recs} == {f"{g['title']} ({m})" for m in [r["title"].rsplit(" (", 1)[1][:-1] for r in recs]}
        assert len({r["title"] for r in recs}) == len(recs)
    for g in groups["monthly_repost"]:
        recs = [records[tuple(m[:2])] for m in g["members"]]
        assert len({r["source"] for r in recs}) == 1 and len({r["source_id"] for r in recs}) == len(recs)
        assert len({(r["company"], r["title"], r["description"]) for r in recs}) == 1
        months = [r["posted_at"][:7] for r in recs]
        assert months == sorted(months) and len(set(months)) == len(months)
    assert any(g["members"][0][0] == "hackernews" for g in groups["monthly_repost"])
    for g in groups["lookalike"]:
        a, b = (records[tuple(m[:2])] for m in g["members"])
        assert a["company"] == b["company"] and a["title"] != b["title"] and a["description"] != b["description"]
        assert synth.family_of_title(a["title"]) == synth.family_of_title(b["title"])
        assert g["jobs"][0] != g["jobs"][1]


def test_counting_by_construction(corpus):
    """The truth's counted postings are exactly the lines that are not copies of a job already counted."""
    _out, _summary, truth, records = corpus
    per_week = truth["per_week"]
    assert sum(per_week["lines"]) == POSTINGS and sum(per_week["counted"]) == truth["totals"]["counted_postings"]
    reposts = sum(len(g["members"]) - 1 for g in truth["copy_groups"] if g["kind"] == "monthly_repost")
    assert truth["totals"]["counted_postings"] == truth["totals"]["distinct_jobs"] + reposts
    copies = _copies(truth)
    counted = collections.Counter(_week(truth, r["posted_at"]) for k, r in records.items() if k not in copies)
    assert [counted.get(w, 0) for w in range(truth["window"]["weeks"])] == per_week["counted"]


def test_volume_curve_weekdays_growth_holidays_and_a_partial_last_week(corpus):
    _out, _summary, truth, records = corpus
    days = collections.Counter(dt.date.fromisoformat(r["posted_at"]) for r in records.values())
    weekday = sum(n for d, n in days.items() if d.weekday() < 5) / 5
    weekend = sum(n for d, n in days.items() if d.weekday() >= 5) / 2
    assert weekend < 0.4 * weekday
    lines = truth["per_week"]["lines"]
    assert truth["window"]["partial_last_week"] and truth["window"]["last_week_days"] == 3
    assert max(days) == END and lines[-1] < 0.75 * statistics.mean(lines[-9:-1])
    assert sum(lines[-27:-1]) > 1.05 * sum(lines[:26])  # slight growth
    start = dt.date.fromisoformat(truth["window"]["start"])
    christmas = (dt.date(2025, 12, 25) - start).days // 7
    assert lines[christmas] < 0.7 * statistics.mean(lines[christmas - 6:christmas - 2])


def test_sources_subset(tmp_path):
    summary = synth.write_synthetic_corpus(tmp_path, postings=600, seed=2, end=END, weeks=20,
                                           sources=["hackernews", "remotive"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hackernews.jsonl", "remotive.jsonl", "truth.json"]
    assert sum(summary.lines.values()) == 600 and summary.lines["hackernews"] > 0
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert {m[0] for g in truth["copy_groups"] for m in g["members"]} <= {"hackernews", "remotive"}
    with pytest.raises(ValueError):
        synth.write_synthetic_corpus(tmp_path / "x", postings=10, seed=1, end=END, sources=["jsonld"])


# --------------------------------------------------------------------------------------------- skills, pay


CHECKED_STABLE = ("Figma", "Kubernetes")


def test_real_extractor_finds_the_planted_skills_and_trends(corpus):
    """The real extractor, on every counted posting of the last 13 weeks and of 26-39 weeks before,
    finds each planted skill exactly as often as the truth says, with the planted shapes."""
    from skills.extract import extract_records, load_pipeline
    from skills.taxonomy import load_taxonomy

    _out, _summary, truth, records = corpus
    planted = truth["planted_skills"]
    checked = [s for s, p in planted.items() if p["in_taxonomy"] and (p["shape"] != "stable" or s in CHECKED_STABLE)
               and p["shape"] != "untrended"]
    weeks = truth["window"]["weeks"]
    late, early = range(weeks - 13, weeks), range(weeks - 39, weeks - 26)
    copies = _copies(truth)
    periods = {w: "late" for w in late} | {w: "early" for w in early}
    sample = [r for k, r in records.items() if k not in copies and _week(truth, r["posted_at"]) in periods]
    n = collections.Counter(periods[_week(truth, r["posted_at"])] for r in sample)
    # the extractor can only find a skill whose spelling is in the text: extract just those postings
    surfaces = [x.lower() for s in checked for x in load_taxonomy().by_name[s].surfaces]
    candidates = [r for r in sample if any(x in r["description"].lower() for x in surfaces)]
    results = extract_records(({"id": i, "text": r["description"], "title": r["title"]} for i, r in enumerate(candidates)),
                              nlp=load_pipeline())
    found = collections.Counter()
    for rec, result in zip(candidates, results):
        for skill in {m["skill"] for m in result["skills"]} & set(checked):
            found[(skill, periods[_week(truth, rec["posted_at"])])] += 1
    for skill in checked:
        for period, window in (("late", late), ("early", early)):
            expected = sum(planted[skill]["counted_per_week"][w] for w in window)
            got = found[(skill, period)]
            assert abs(got - expected) <= 0.03 * expected + 1, (skill, period, got, expected)

    def share(skill, period):
        return found[(skill, period)] / n[period]

    shapes = collections.defaultdict(set)
    for skill in checked:
        spec = planted[skill]
        shapes[spec["shape"]].add(skill)
        if spec["shape"] in ("rising", "falling"):
            if found[(skill, "late")] + found[(skill, "early")] >= 40:
                late_share, early_share = share(skill, "late"), share(skill, "early")
            else:  # too rare for 13-week windows of a small corpus: the last half against the first
                series, counted = spec["counted_per_week"], truth["per_week"]["counted"]
                late_share = sum(series[weeks // 2:]) / sum(counted[weeks // 2:])
                early_share = sum(series[: weeks // 2]) / sum(counted[: weeks // 2])
            if spec["shape"] == "rising":
                assert late_share > 1.3 * early_share, skill
            else:
                assert late_share < 0.7 * early_share, skill
        elif spec["shape"] == "emerging":
            series = spec["counted_per_week"]
            assert sum(series[: weeks - spec["emerging_weeks"]]) == 0 and sum(series[-spec["emerging_weeks"]:]) > 0
            assert found[(skill, "early")] == 0 and found[(skill, "late")] > 0
        else:
            assert 0.6 < share(skill, "late") / share(skill, "early") < 1.6, skill
    assert shapes["rising"] >= {"LangChain", "Large Language Models", "Rust"}
    assert shapes["falling"] >= {"jQuery", "AngularJS"} and len(shapes["emerging"]) == 1


def test_contract_share_rises_for_the_planted_skills(corpus):
    _out, _summary, truth, records = corpus
    for skill, spec in truth["contract_rise"].items():
        per_week = spec["per_week_with_skill_and_contract"]
        early = [sum(x) for x in zip(*per_week[:35])]
        late = [sum(x) for x in zip(*per_week[-35:])]
        assert late[1] / late[0] > early[1] / early[0] + 0.15, skill
    # and the lines show it where the source states the employment type
    half = truth["window"]["weeks"] // 2

    def gig_share(first_half: bool) -> float:
        recs = [r for r in records.values() if r["employment_type"] != "unknown"
                and any(s in r["description"] for s in truth["contract_rise"])
                and (_week(truth, r["posted_at"]) < half) == first_half]
        return sum(r["employment_type"] in ("contract", "freelance") for r in recs) / len(recs)

    assert gig_share(False) > gig_share(True) + 0.1


def test_skill_pay_premium_is_detectable(corpus):
    _out, _summary, truth, records = corpus
    premium = [s for s, m in truth["pay_premiums"].items() if m > 1.05 and s in ("Kubernetes", "Terraform", "Snowflake",
                                                                                   "Scala", "LangChain")]
    rows = collections.defaultdict(list)
    for r in records.values():
        family = synth.family_of_title(r["title"])
        if r["salary_currency"] != "USD" or r["salary_period"] != "year" or family not in (
                "software_engineering", "devops_cloud", "data_engineering", "data_science_ml"):
            continue
        has = any(s in r["description"] for s in premium)
        rows[has].append(r["salary_annual_min"])
    assert len(rows[True]) > 30 and len(rows[False]) > 30
    assert statistics.median(rows[True]) > 1.04 * statistics.median(rows[False])


# --------------------------------------------------------------------------------------------- memory


def test_memory_stays_flat(memory_probe):
    """Memory is bounded by caches and the duplicate guard's window, never by the corpus: 15,000
    more postings leave Python holding about as many blocks (holding the lines would take dozens of
    blocks each), and the process stays under the bound."""
    out, err = memory_probe.communicate(timeout=300)
    assert memory_probe.returncode == 0, err
    probe = json.loads(out)
    (first, in_first), (second, in_second), (end, at_end) = probe["marks"]  # 10,000 lines into each shard, the end
    assert first < 15_000 <= second < end == MEMORY_POSTINGS, probe
    assert in_second - in_first < 3 * (second - first), probe  # a kept line would hold dozens
    assert at_end < 15 * MEMORY_POSTINGS, probe
    assert probe["rss_growth"] / 2 ** 20 < MEMORY_BOUND_MB, probe
