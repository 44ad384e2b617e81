"""A real warehouse built from a hostile job poster's postings (and a hostile taxonomy overlay).

Built through the real code path, as flows/refresh.py does but without Prefect (fast): crawl
output in the crawlers/items.py field shape -> warehouse.migrate -> load.load_postings -> skill
extraction (skills.extract + load.export_pending_extraction / load_extraction) -> role families
and proofs (warehouse.features / warehouse.proofs) -> models.build_models -> runs.record_run. Every scraped field carries hostile values; the
descriptions mention Python, React and Figma (and the overlay's skill), so every page has rows,
and the hostile categories are the postings' source categories (shown on the postings pages; niches
are role families from skills/data/role_families.json, so scraped text never names one).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree

import pytest

ATTACKER = "attacker.invalid"

# Markdown / HTML that must never become a live image, link or element.
MARKUP = [
    f"![x](http://{ATTACKER}/beacon.png)",
    f"[Sign in again](http://{ATTACKER}/phish)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    f"http://{ATTACKER}/bare www.{ATTACKER} someone@{ATTACKER}",  # GFM autolinks
    "**bold** _it_ # not a heading | not | a table | $x^2$ :red[red] :material/home:",
]
# Cells a spreadsheet would run as formulas.
FORMULAS = [
    f'=HYPERLINK("http://{ATTACKER}","x")',
    "@SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]
OTHER = [
    "\u202eexe.fdp \u2066isolated\u2069 right-to-left override",  # bidi controls
    "line one\nline two\r\n# heading?\u2028- list?",
    "Long " + "very " * 1200 + f"![x](http://{ATTACKER}/long.png)",
]
HOSTILE = MARKUP + FORMULAS + OTHER

NICHE = (f"![x](http://{ATTACKER}/beacon.png) [Sign in again](http://{ATTACKER}/phish) "
         "<script>alert(1)</script>")
NICHE_FORMULA = f'=HYPERLINK("http://{ATTACKER}","x")'
NICHE_BIDI = "Design \u202e<img src=x onerror=alert(1)>\n# not a heading"
NICHES = [NICHE, NICHE_FORMULA, NICHE_BIDI]

URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    f"http://{ATTACKER}/x",
    f"http://bank.example@{ATTACKER}/login",
    "https://jobs.example.org/posting/1",
]

# A skill from a taxonomy overlay (imported or the user's own): its name, alias, O*NET name and
# ESCO URI (which passes the taxonomy's prefix check) are text like any other.
SKILL = f"![o](http://{ATTACKER}/skill.png) <img src=x onerror=alert(1)> Zorblatt"
SKILL_ALIAS = "zorblatt"
OVERLAY = {
    "description": "hostile overlay",
    "skills": [{
        "name": SKILL,
        "category": "tools_platforms",
        "aliases": [SKILL_ALIAS, f"[alias](http://{ATTACKER}/alias)"],
        "ambiguous": False,
        "esco_uri": f"http://data.europa.eu/esco/skill/x)![e](http://{ATTACKER}/esco.png)",
        "onet_name": f"[O*NET](http://{ATTACKER}/onet) <img src=x onerror=alert(1)>",
    }],
}

# The one image the pages draw themselves: the Pulse sparkline, a Markdown image of an SVG data URI
# (dashboard/charts.py sparkline_markdown). Checked here on its own terms (shape and content),
# independently of the code that makes it, and taken out before the other text is checked.
SPARKLINE_IMAGE = re.compile(r'!\[([^\[\]"]*)\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+) "([^"]*)"\)')
SPARKLINE_TAGS = {"svg", "rect", "polyline", "circle"}
SPARKLINE_ATTRS = {"xmlns", "width", "height", "viewBox", "x", "y", "cx", "cy", "r", "points", "fill",
                   "fill-opacity", "stroke", "stroke-width", "stroke-linejoin", "stroke-linecap"}
SPARKLINE_VALUE = re.compile(r"[0-9. ,-]*|#[0-9A-Fa-f]{6}|none|round|http://www\.w3\.org/2000/svg")


def assert_sparkline_svg(svg: str) -> None:
    """An SVG that draws lines and dots only: no text, no link, no script, no reference to anything."""
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag in SPARKLINE_TAGS, f"<{tag}> in a sparkline"
        assert not (element.text or "").strip() and not (element.tail or "").strip(), "text in a sparkline"
        for name, value in element.attrib.items():
            assert name in SPARKLINE_ATTRS, f"{name}= in a sparkline"
            assert SPARKLINE_VALUE.fullmatch(value), f"{name}={value!r} in a sparkline"


def without_sparklines(text: str) -> tuple[str, int]:
    """``text`` with the sparkline images checked (their SVG and their words: numbers and dates
    only) and taken out, and how many there were."""
    found = 0
    for match in SPARKLINE_IMAGE.finditer(text):
        alt, payload, title = match.groups()
        assert alt == title and re.fullmatch(r"[A-Za-z0-9 .,%()–+\u2212-]*", alt), alt
        assert_sparkline_svg(base64.b64decode(payload).decode("utf-8"))
        found += 1
    return SPARKLINE_IMAGE.sub("", text), found


POSTINGS = 36
LAST_MONDAY = date(2026, 11, 16)


@dataclass(frozen=True)
class HostileWarehouse:
    path: Path
    niches: tuple[str, ...]  # the role-family niches the hostile postings landed in
    categories: tuple[str, ...]  # the hostile source categories
    skill: str
    postings: int


def hostile_postings() -> list[dict]:
    """Crawl output lines (every JobPosting field), each scraped field cycling through HOSTILE."""
    from crawlers.items import JOB_POSTING_FIELDS  # Scrapy: imported only when a test needs it

    crawled_at = datetime(2026, 11, 20, 6, 0, tzinfo=timezone.utc).isoformat()
    rows = []
    for i in range(POSTINGS):
        def pick(offset: int) -> str:
            return HOSTILE[(i + offset) % len(HOSTILE)]
        posted = LAST_MONDAY - timedelta(weeks=i % 8, days=i % 3)
        description = (
            f"{pick(3)} We are hiring: Python every day, {SKILL_ALIAS} for the pipeline."
            # a proof the Skill page quotes with the posting's title and link ("How to prove it")
            + f" Send a portfolio of your Python and {SKILL_ALIAS} work {pick(6)}."
            + (" Experience with React and TypeScript." if i % 2 == 0 else "")
            + (" Figma for mock-ups." if i % 3 == 0 else "")
            + f" {pick(4)} {pick(5)}"
        )
        row = {
            "source": "remotive",
            "source_id": f"hostile-{i}",
            "url": URLS[i % len(URLS)],
            # A distinct tail, so no two postings are one job to the duplicate clustering.
            "title": f"{pick(0)} (opening {i})",
            "company": pick(1),
            "description": description,
            "posted_at": posted.isoformat(),
            "posted_at_utc": f"{posted.isoformat()}T09:00:00+00:00",
            "location": pick(2),
            "country_codes": [pick(6)],
            "regions": [pick(7)],
            "remote": pick(8),
            "seniority": pick(9),
            "employment_type": pick(10),
            "category": NICHES[i % len(NICHES)],
            "salary_text": pick(11),
            "salary_min": -2.0,
            "salary_max": 3.0,
            "salary_currency": pick(12),
            "salary_period": pick(13),
            "salary_hourly_min": None,
            "salary_hourly_max": None,
            "salary_annual_min": None,
            "salary_annual_max": None,
            "tags": [pick(14), pick(15)],
            "attribution": pick(16),
            "crawled_at": crawled_at,
            "raw": {"title": pick(0), "note": pick(5)},
        }
        assert set(row) == set(JOB_POSTING_FIELDS), "keep the fixture in the crawlers/items.py shape"
        rows.append(row)
    return rows


@pytest.fixture(scope="session")
def hostile_warehouse(tmp_path_factory) -> HostileWarehouse:
    import skills
    from skills.extract import extract_stream, load_pipeline
    from skills.proof import load_proof_rules
    from skills.roles import load_role_rules
    from skills.taxonomy import load_taxonomy
    from warehouse import connect, load, migrate, models, runs
    from warehouse.features import update_features
    from warehouse.proofs import update_proofs

    work = tmp_path_factory.mktemp("hostile-warehouse")
    crawl = work / "remotive.jsonl"
    with crawl.open("w", encoding="utf-8") as fh:
        for row in hostile_postings():
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    overlay = work / "overlay.json"
    overlay.write_text(json.dumps(OVERLAY, ensure_ascii=False), encoding="utf-8")

    db = work / "hostile.duckdb"
    run_id = "20261120T060000Z-h0571e"
    started_at = datetime.now(timezone.utc)
    con = connect.connect_writer(db)
    try:
        migrate.migrate(con)
        counts = load.load_postings(con, crawl, run_id)
        assert counts["new"] == POSTINGS, counts

        taxonomy = load_taxonomy(None, [overlay])
        taxonomy_file = work / "taxonomy.json"
        taxonomy_file.write_text(json.dumps(taxonomy.to_dict(), ensure_ascii=False), encoding="utf-8")
        versions = {"taxonomy_version": load.load_taxonomy(con, taxonomy_file),
                    "extractor_version": skills.EXTRACTOR_VERSION}
        pending, extracted = work / "extract-input.jsonl", work / "extract-output.jsonl"
        count = load.export_pending_extraction(con, pending, **versions)
        nlp = load_pipeline(None, overlays=[overlay])
        with pending.open(encoding="utf-8") as src, extracted.open("w", encoding="utf-8") as dst:
            extract_stream(src, dst, nlp=nlp)
        mentions = load.load_extraction(con, pending, extracted, **versions)
        assert mentions >= 3 * POSTINGS, mentions
        # role families from the titles, and the proofs the descriptions ask for (as the refresh does)
        update_features(con, work, load_role_rules(), taxonomy)
        assert update_proofs(con, work, load_proof_rules())[1] == POSTINGS

        models.build_models(con, **versions)
        assert not any(models.check_keys(con).values())
        runs.record_run(con, run_id=run_id, started_at=started_at, status="success",
                        postings_new=counts["new"], postings_extracted=count, sources={
                            "remotive": {"status": "ok", "items": POSTINGS, "errors": 0, "seconds": 0.1}},
                        **versions)
        found = {r[0] for r in con.execute("SELECT DISTINCT skill FROM mart.skill_counts").fetchall()}
        niches = {r[0] for r in con.execute("SELECT DISTINCT niche FROM mart.weekly_skill_share").fetchall()}
        con.execute("CHECKPOINT")
    finally:
        con.close()
    assert {"Python", "React", "Figma", SKILL} <= found, found
    assert len(niches) >= 2, niches  # 'All niches' and the family the hostile titles fell into
    return HostileWarehouse(path=db, niches=tuple(sorted(niches)), categories=tuple(n.strip() for n in NICHES),
                            skill=SKILL, postings=POSTINGS)
