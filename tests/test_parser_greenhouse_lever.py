"""Greenhouse and Lever parsers on the real recorded boards (no Scrapy): text, dates, flags, pay."""

from __future__ import annotations

import copy
import json
import re

import lxml.html
import pytest

from crawlers import normalize
from crawlers.parsers import greenhouse, lever
from tests.conftest import SHARED_DATA

GREENHOUSE = SHARED_DATA / "sources" / "greenhouse"
LEVER = SHARED_DATA / "sources" / "lever"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def luno():
    return load(GREENHOUSE / "luno_20260808T195722760851Z.json")


@pytest.fixture(scope="module")
def bash():
    return load(GREENHOUSE / "bashdotcom_20260822T130115072374Z.json")


@pytest.fixture(scope="module")
def mamamoney():
    return load(LEVER / "mamamoney_20260808T195722760851Z.json")


def by_id(records, source_id):
    return copy.deepcopy(next(r for r in records if str(r["id"]) == source_id))


def text_of(fields) -> str:
    """What the pipeline will store: the parser's HTML made text."""
    return normalize.html_to_text(fields["description"])


# --- Greenhouse -------------------------------------------------------------------------------

def test_greenhouse_envelope_and_declared_total(luno, bash):
    assert len(list(greenhouse.iter_jobs(luno))) == 13 and greenhouse.declared_count(luno) == 13
    assert len(list(greenhouse.iter_jobs(bash))) == 5 and greenhouse.declared_count(bash) == 5
    with pytest.raises(ValueError):
        list(greenhouse.iter_jobs([{"id": 1}]))
    with pytest.raises(ValueError):
        list(greenhouse.iter_jobs({"error": "Job board not found"}))


def test_greenhouse_double_escaped_content_becomes_clean_text(luno):
    record = by_id(luno["jobs"], "7941789")
    assert record["content"].startswith("&lt;p&gt;&lt;strong&gt;About us:")  # as Greenhouse sends it
    fields = greenhouse.posting_fields(record, "luno")
    assert fields["description"].startswith("<p><strong>About us:</strong></p>")  # unescaped once
    text = text_of(fields)
    assert text.startswith("About us:\n\nLuno is the crypto investment app you can rely on, enabling you to "
                           "buy, store and explore crypto securely.")
    assert "everyone's hands" in text  # &#39; inside the escaped HTML decoded too
    assert "\n- You will form part of the AML, CTF, CPF & Sanctions Team based in South Africa" in text
    assert "\n\nCore pillars of ownership and impact (The “What”)\n\n- Conduct reviews of screening alerts" in text
    for leftover in ("&lt;", "&gt;", "&amp;", "&nbsp;", "<p>", "<li>", "<strong>"):
        assert leftover not in text


def test_greenhouse_every_real_job_converts_without_markup(luno, bash):
    for record in luno["jobs"] + bash["jobs"]:
        text = text_of(greenhouse.posting_fields(record))
        assert len(text) > 500, record["id"]
        assert not re.search(r"</?[a-z]+[ >]|&[a-z]+;|&#\d+;", text), record["id"]
    # Bash's boilerplate is an image link inside a div: the words survive, the markup does not
    flutter = text_of(greenhouse.posting_fields(by_id(bash["jobs"], "4531000101")))
    assert flutter.startswith("WHO WE ARE AT BASH\n\nWe are a team of leaders, bold thinkers and friends")
    assert "\n- 3-5 years of relevant work experience, preferably in Flutter.\n" in flutter


def test_greenhouse_content_already_real_html_is_not_unescaped_again():
    assert greenhouse.content_html("<p>Use a &lt;div&gt; here</p>") == "<p>Use a &lt;div&gt; here</p>"
    assert greenhouse.content_html("&lt;p&gt;a &amp;amp; b&lt;/p&gt;") == "<p>a &amp; b</p>"
    assert greenhouse.content_html("plain words") == "plain words"
    assert greenhouse.content_html("") is None and greenhouse.content_html(None) is None


def test_greenhouse_fields(luno):
    fields = greenhouse.posting_fields(by_id(luno["jobs"], "7941789"), "Ignored: the job names its company")
    assert fields["source"] == "greenhouse" and fields["source_id"] == "7941789"
    assert fields["url"] == "https://job-boards.greenhouse.io/luno/jobs/7941789"
    assert fields["title"] == "AML, CTF, CPF & Sanctions Analyst"
    assert fields["company"] == "Luno"
    assert fields["posted_at"] == "2026-05-19T05:34:15-04:00"  # first_published, not updated_at
    assert normalize.iso_date(fields["posted_at"]) == "2026-05-19"
    assert fields["location"] == "Jakarta"
    assert fields["employment_type"] == "Permanent"  # custom field "Contract Type"
    assert normalize.employment_type(fields["employment_type"]) == "full_time"
    assert fields["category"] == "Legal Risk & Compliance" and fields["tags"] == ["Legal Risk & Compliance"]
    assert fields["remote"] == "unknown"  # Greenhouse says nothing about it for this job
    assert fields["salary_min"] is None and fields["salary_currency"] is None
    assert fields["raw"]["content"].startswith("&lt;p&gt;")  # the native record, untouched


def test_greenhouse_fallbacks_for_older_boards(luno):
    record = by_id(luno["jobs"], "7791584")
    del record["first_published"], record["company_name"]
    fields = greenhouse.posting_fields(record, "Luno from the companies list")
    assert fields["posted_at"] == "2026-07-30T09:08:13-04:00"  # updated_at
    assert fields["company"] == "Luno from the companies list"
    record["location"] = None
    assert greenhouse.posting_fields(record)["location"] == "Cape Town, Johannesburg"  # its offices


def test_greenhouse_remote_flag_from_location_offices_or_custom_fields(luno):
    record = by_id(luno["jobs"], "7941789")
    record["location"] = {"name": "Remote - EMEA"}
    assert greenhouse.posting_fields(record)["remote"] == "remote"
    record["location"] = {"name": "Hybrid - London"}
    assert greenhouse.posting_fields(record)["remote"] == "hybrid"
    record["location"] = {"name": "Jakarta"}
    record["metadata"].append({"id": 1, "name": "Workplace Type", "value": "On-site", "value_type": "single_select"})
    assert greenhouse.posting_fields(record)["remote"] == "onsite"
    record["metadata"][-1]["value"] = ["Remote"]  # multi_select values come as a list
    assert greenhouse.posting_fields(record)["remote"] == "remote"


# --- Lever ------------------------------------------------------------------------------------

def test_lever_envelope(mamamoney):
    assert len(list(lever.iter_jobs(mamamoney))) == 13
    with pytest.raises(ValueError):
        list(lever.iter_jobs({"ok": False, "error": "Document not found"}))


def test_lever_lists_are_kept_with_their_headings(mamamoney):
    fields = lever.posting_fields(by_id(mamamoney, "975a478d-92d4-4891-8a43-8669f0cde623"), "Mama Money")
    text = text_of(fields)
    assert text.startswith("Who we are:\n\nMama Money is a growth-stage fintech on a mission to improve the "
                           "financial lives of migrants")
    assert ("\n\nAs our Senior Java Engineer you will:\n\n- Play an active role in researching and "
            "implementing new processes") in text
    assert "\n\nTools & Technologies:\n\n- Languages & Frameworks: Java with Spring Boot" in text
    assert "\n- Database: MariaDB for reliable, structured data management" in text
    assert "\n\nQualifications & Experience:\n\n- A BSc in Computer Science" in text
    # `additional` closes the text, after every list
    assert text.index("Qualifications & Experience:") < text.index("Why Mama?")
    assert text.endswith("Mama’s values:\n\n- Making it easier for customers\n- Give it a go\n- Just own it")
    # descriptionPlain alone would have lost all of that
    assert "MariaDB" not in fields["raw"]["descriptionPlain"]


def test_lever_every_list_item_of_every_real_posting_survives(mamamoney):
    for record in mamamoney:
        text = text_of(lever.posting_fields(record))
        for item in record["lists"]:
            assert item["text"].strip() in text, (record["id"], item["text"])
            for li in lxml.html.fragment_fromstring(item["content"], create_parent="ul").iter("li"):
                words = " ".join(li.text_content().split())
                if words:
                    assert words in " ".join(text.split()), (record["id"], words)


def test_lever_plain_fields_when_html_is_missing(mamamoney):
    record = by_id(mamamoney, "975a478d-92d4-4891-8a43-8669f0cde623")
    record["description"] = ""
    record["descriptionPlain"] = "Who we are:\nA fintech & more <b>not a tag</b>.\n\nSecond paragraph."
    record["additional"] = None
    record["additionalPlain"] = "Why us?\nBecause."
    text = text_of(lever.posting_fields(record))
    assert text.startswith("Who we are:\nA fintech & more <b>not a tag</b>.\n\nSecond paragraph.\n\n"
                           "As our Senior Java Engineer you will:")
    assert text.endswith("Why us?\nBecause.")
    empty = {"id": "x", "text": "T", "lists": [], "description": "", "descriptionPlain": ""}
    assert lever.posting_fields(empty)["description"] is None


def test_lever_fields(mamamoney):
    fields = lever.posting_fields(by_id(mamamoney, "80b9a33b-f69d-4648-8f7e-2143078ee9f5"), "Mama Money")
    assert fields["source"] == "lever" and fields["source_id"] == "80b9a33b-f69d-4648-8f7e-2143078ee9f5"
    assert fields["url"] == "https://jobs.lever.co/mamamoney/80b9a33b-f69d-4648-8f7e-2143078ee9f5"
    assert fields["title"] == "Talent Acquisition Specialist  (6M Contract)"  # pipeline tidies spaces
    assert fields["company"] == "Mama Money"
    assert fields["posted_at"] == 1782466173697 and normalize.iso_date(fields["posted_at"]) == "2026-06-26"
    assert fields["location"] == "Cape Town, ZA"
    assert fields["employment_type"] == "Contract (6 months)"
    assert normalize.employment_type(fields["employment_type"]) == "contract"
    assert fields["remote"] == "onsite"
    assert fields["category"] == "Talent" and fields["tags"] == ["Talent"]
    assert fields["salary_min"] is None and fields["salary_period"] is None  # this board publishes no pay
    several = by_id(mamamoney, "80b9a33b-f69d-4648-8f7e-2143078ee9f5")
    several["categories"]["allLocations"] = ["Cape Town, ZA", "Johannesburg, ZA"]
    assert lever.posting_fields(several)["location"] == "Cape Town, ZA; Johannesburg, ZA"


@pytest.mark.parametrize(("workplace", "location", "expected"), [
    ("remote", "CPT/JHB/PTA/DBN", "remote"),
    ("hybrid", "Cape Town, ZA", "hybrid"),
    ("onsite", "Remote", "onsite"),  # Lever's own flag wins over the location text
    ("on-site", "Cape Town, ZA", "onsite"),
    ("unspecified", "Remote - South Africa", "remote"),
    ("unspecified", "Cape Town, ZA", "unknown"),
    (None, "Pretoria", "unknown"),
])
def test_lever_remote_flag(mamamoney, workplace, location, expected):
    record = by_id(mamamoney, "975a478d-92d4-4891-8a43-8669f0cde623")
    record["workplaceType"] = workplace
    record["categories"]["location"] = location
    assert lever.posting_fields(record)["remote"] == expected


def test_lever_real_workplace_types(mamamoney):
    flags = {r["text"]: lever.posting_fields(r)["remote"] for r in mamamoney}
    assert flags["Senior Java Engineer"] == "remote"
    assert flags["Senior QA Automation Engineer"] == "remote"
    assert flags["Senior BI Engineer"] == "hybrid"
    assert flags["Financial Accountant"] == "onsite"


@pytest.mark.parametrize(("interval", "period"), [
    ("per-year-salary", "year"), ("per-month-salary", "month"), ("per-hour-wage", "hour"),
    ("per-day-wage", "day"), ("one-time", None),
])
def test_lever_salary_range(mamamoney, interval, period):
    record = by_id(mamamoney, "975a478d-92d4-4891-8a43-8669f0cde623")
    record["salaryRange"] = {"min": 650000, "max": 900000, "currency": "zar", "interval": interval}
    record["salaryDescriptionPlain"] = "R650k - R900k a year, plus equity\n"
    fields = lever.posting_fields(record)
    assert (fields["salary_min"], fields["salary_max"], fields["salary_currency"]) == (650000, 900000, "ZAR")
    assert fields["salary_period"] == period
    assert fields["salary_text"] == "R650k - R900k a year, plus equity"


def test_lever_partial_or_bogus_salary(mamamoney):
    record = by_id(mamamoney, "975a478d-92d4-4891-8a43-8669f0cde623")
    record["salaryRange"] = {"min": 40, "currency": "USD", "interval": "per-hour-wage"}
    fields = lever.posting_fields(record)
    assert (fields["salary_min"], fields["salary_max"], fields["salary_period"]) == (40, None, "hour")
    record["salaryRange"] = {"min": 0, "max": None, "currency": "USD", "interval": "per-year-salary"}
    fields = lever.posting_fields(record)
    assert fields["salary_min"] is None and fields["salary_currency"] is None and fields["salary_period"] is None
