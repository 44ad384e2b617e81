"""The Hacker News parser (pure): headers of the recorded July 2024 thread, tricky synthetic ones,
story selection and the posting mapping."""

from __future__ import annotations

import json

import pytest

from crawlers.normalize import html_to_text
from crawlers.parsers import hackernews as hn
from tests.conftest import SHARED_DATA

HN_FILE = SHARED_DATA / "sources" / "hackernews" / "firebase_whoishiring_2024-07_item40846428.json"


@pytest.fixture(scope="module")
def recorded():
    return json.loads(HN_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def comments(recorded):
    return {c["id"]: c for c in recorded["comments"]}


def parsed(comment: dict) -> dict:
    return hn.parse_first_line(hn.first_line(comment["text"]))


# --- real first lines, each checked by hand against the recorded comment -------------------------

def test_first_line_strips_links_and_decodes_entities(comments):
    # Make Waves | <a href="https:&#x2F;&#x2F;makewaves.fm" ...>...</a> | Lead developer &amp; Marketing
    # Manager | FULLTIME | ONSITE &#x2F; HYBRID (&gt;= one day in the office a week) | Amsterdam, NL<p>...
    assert hn.first_line(comments[40846920]["text"]) == (
        "Make Waves | https://makewaves.fm | Lead developer & Marketing Manager | FULLTIME | "
        "ONSITE / HYBRID (>= one day in the office a week) | Amsterdam, NL")
    assert parsed(comments[40846920]) == {
        "company": "Make Waves", "role": "Lead developer & Marketing Manager", "location": "Amsterdam, NL",
        "salary_text": None, "remote": "hybrid", "employment_type": "full_time"}


def test_conventional_header_with_pay(comments):
    # "Immunant | Software Engineer | REMOTE (US only) | Full-time | $110k - $150k + retirement benefits"
    assert parsed(comments[40931676]) == {
        "company": "Immunant", "role": "Software Engineer", "location": "REMOTE (US only)",
        "salary_text": "$110k - $150k + retirement benefits", "remote": "remote", "employment_type": "full_time"}


def test_onsite_header_with_trailing_link(comments):
    # "Antithesis | Software Engineers, ML Research Scientists | Northern VA | ONSITE | <a ...>"
    assert parsed(comments[40852706]) == {
        "company": "Antithesis", "role": "Software Engineers, ML Research Scientists",
        "location": "Northern VA", "salary_text": None, "remote": "onsite", "employment_type": None}


def test_header_without_a_role_falls_back_to_the_first_line(comments):
    # "Quatt.io | Amsterdam, Netherlands | Full-time | Hybrid&#x2F;ONSITE | <a ...> | climate tech"
    fields = hn.posting_fields(comments[40846503])
    assert fields["company"] == "Quatt.io"  # a domain as the first field is still the company
    assert fields["title"] == ("Quatt.io | Amsterdam, Netherlands | Full-time | Hybrid/ONSITE | "
                               "https://quatt.io | climate tech")
    assert (fields["location"], fields["remote"], fields["employment_type"]) == (
        "Amsterdam, Netherlands", "hybrid", "full_time")


def test_contract_first_and_raw_pay(comments):
    # "MaFi Games | Senior SWE&#x2F;game dev | Contract or full-time | $70-110k | Remote | C#"
    assert parsed(comments[40847725]) == {
        "company": "MaFi Games", "role": "Senior SWE/game dev", "location": None,
        "salary_text": "$70-110k", "remote": "remote", "employment_type": "contract"}


def test_hybrid_remote_is_hybrid_and_part_time(comments):
    # "Boiler Room | Lead Full Stack Developer | London &#x2F; Hybrid Remote | Part-time (4 days per week) | ..."
    result = parsed(comments[40881615])
    assert (result["role"], result["location"], result["remote"], result["employment_type"]) == (
        "Lead Full Stack Developer", "London / Hybrid Remote", "hybrid", "part_time")


def test_header_broken_over_lines_is_rejoined(comments):
    # "Freeform (freeform.co) | Software Engineers (C++ &#x2F; Rust) | Sr DevOps&#x2F;Linux Engineer |\n
    #  Full-time | Onsite | Los Angeles, CA<p>..."
    result = parsed(comments[40871238])
    assert (result["company"], result["role"], result["location"], result["remote"], result["employment_type"]) == (
        "Freeform (freeform.co)", "Software Engineers (C++ / Rust)", "Los Angeles, CA", "onsite", "full_time")


def test_labelled_lines_and_a_bare_title(comments):
    # "Founding Engineer\nLocation: San Francisco\nEmployment: Full-time, Hybrid (3 days in person)<p>..."
    assert hn.first_line(comments[40847365]["text"]) == (
        "Founding Engineer | Location: San Francisco | Employment: Full-time, Hybrid (3 days in person)")
    assert parsed(comments[40847365]) == {
        "company": None, "role": "Founding Engineer", "location": "San Francisco",
        "salary_text": None, "remote": "hybrid", "employment_type": "full_time"}


def test_role_at_company_and_dash_packed_first_field(comments):
    # "Senior Frontend Engineer @ SmileID | <a ...> | Full-time &amp; REMOTE"
    smile = parsed(comments[40849106])
    assert (smile["company"], smile["role"], smile["remote"], smile["employment_type"]) == (
        "SmileID", "Senior Frontend Engineer", "remote", "full_time")
    # "40GRID - Full-time Remote | Senior Angular Frontend Engineer"
    grid = parsed(comments[40846619])
    assert (grid["company"], grid["role"], grid["remote"], grid["employment_type"]) == (
        "40GRID", "Senior Angular Frontend Engineer", "remote", "full_time")


def test_prose_opening_gives_a_truncated_title_and_no_company(comments):
    # 40882755 opens with a paragraph of prose, no header at all.
    fields = hn.posting_fields(comments[40882755])
    assert fields["company"] is None and fields["location"] is None
    assert fields["title"].startswith("Loneliness is a significant health crisis, especially for older adults.")
    assert fields["title"].endswith("…") and len(fields["title"]) <= hn.TITLE_LIMIT


def test_every_kept_comment_gets_a_title_and_no_entities(recorded):
    kept = [c for c in recorded["comments"] if hn.skip_reason(c) is None]
    assert len(kept) == 382
    for comment in kept:
        fields = hn.posting_fields(comment)
        assert fields["title"] and len(fields["title"]) <= hn.TITLE_LIMIT
        for value in (fields["title"], fields["company"], fields["location"], fields["salary_text"]):
            assert value is None or ("&#x" not in value and "<a" not in value), value
    with_company = sum(hn.posting_fields(c)["company"] is not None for c in kept)
    with_role = sum(hn.parse_first_line(hn.first_line(c["text"]))["role"] is not None for c in kept)
    # 354 and 285 today: the convention is widely but not always followed (prose openings, no role)
    assert with_company >= 350 and with_role >= 280


# --- synthetic headers -------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Acme - Senior Backend Engineer - Berlin - Hybrid",
     {"company": "Acme", "role": "Senior Backend Engineer", "location": "Berlin", "remote": "hybrid"}),
    ("Acme / Data Scientist / Remote (EU)",
     {"company": "Acme", "role": "Data Scientist", "location": "Remote (EU)", "remote": "remote"}),
    ("Remote.com | Product Designer | ONSITE | Austin, TX",  # the company's name is no remote flag
     {"company": "Remote.com", "role": "Product Designer", "location": "Austin, TX", "remote": "onsite"}),
    ("Acme | Platform Engineer | No remote | NYC",
     {"company": "Acme", "role": "Platform Engineer", "location": "NYC", "remote": "onsite"}),
    ("Acme | Platform Engineer | Remote or Hybrid (Zurich)",
     {"remote": "remote", "location": "Remote or Hybrid (Zurich)"}),
    ("Acme | Platform Engineer | Paris", {"remote": "unknown", "location": "Paris"}),
    ("** Acme | Senior .NET Developer | Remote **", {"company": "Acme", "role": "Senior .NET Developer"}),
    ("Acme (https://acme.example) | Remote (US only for these roles) | Engineering Manager",
     {"company": "Acme", "role": "Engineering Manager", "location": "Remote (US only for these roles)"}),
    ("Company: Acme Corp | Position: Staff Engineer | Location: Lisbon, Portugal | Salary: €90k",
     {"company": "Acme Corp", "role": "Staff Engineer", "location": "Lisbon, Portugal", "salary_text": "€90k"}),
    ("SEEKING WORK | Berlin or Remote | Python, Django",
     {"company": None, "location": "Berlin or Remote", "remote": "remote"}),
    ("SEEKING FREELANCER | Example Studio | Remote (EU) | React developer",
     {"company": "Example Studio", "role": "React developer", "location": "Remote (EU)"}),
])
def test_synthetic_headers(line, expected):
    result = hn.parse_first_line(line)
    assert {k: result[k] for k in expected} == expected


@pytest.mark.parametrize("text, expected", [
    ("Full-time", "full_time"), ("FULLTIME", "full_time"), ("Full or part time", "full_time"),
    ("Contract or full-time", "contract"), ("PART-TIME or FULL-TIME", "part_time"),
    ("Software Engineering Intern | Summer", "internship"), ("International Payments", None),
    ("Smart Contract Engineer", None), ("Freelance", "freelance"), ("", None),
])
def test_employment_from_text(text, expected):
    assert hn.employment_from_text(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("REMOTE (US)", "remote"), ("100% REMOTE", "remote"), ("SF/Denver/REMOTE (USA Only)", "remote"),
    ("Remotely (initially)", "remote"), ("WORK FROM HOME", "remote"), ("Hybrid/ONSITE", "hybrid"),
    ("Onsite/hybrid remote", "hybrid"), ("San Carlos, CA; or Hybrid Remote", "hybrid"),
    ("NYC (IN-PERSON)", "onsite"), ("3x/week in office (onsite)", "onsite"), ("In-Office/Hybrid", "hybrid"),
    ("non-remote", "onsite"), ("Amsterdam, NL", "unknown"),
])
def test_remote_flag(text, expected):
    assert hn.remote_flag(text) == expected


def test_long_first_line_truncates_at_a_word():
    text = "We are " + "a very long sentence about many things " * 10
    fields = hn.posting_fields({"id": 1, "type": "comment", "time": 0, "text": text + "<p>more"})
    title = fields["title"]
    assert len(title) <= hn.TITLE_LIMIT and title.endswith("…")
    assert text.startswith(title[:-1]) and text[len(title) - 1] == " "  # cut between words


def test_empty_or_missing_text():
    assert hn.first_line(None) == "" and hn.first_line("<p><p>") == ""
    fields = hn.posting_fields({"id": 5, "type": "comment", "time": 0})
    assert fields["title"] is None and fields["company"] is None and fields["remote"] == "unknown"


# --- stories, months and the walk ----------------------------------------------------------------

@pytest.mark.parametrize("title, kind, month", [
    ("Ask HN: Who is hiring? (July 2024)", "hiring", (2024, 7)),
    ("Ask HN: Who Is Hiring? (November 2012)", "hiring", (2012, 11)),
    ("Ask HN: Freelancer? Seeking freelancer? (December 2012) ", "freelancer", (2012, 12)),
    ("Ask HN: Who wants to be hired? (July 2024)", None, (2024, 7)),
    ("Ask HN: Who is hiring? (Sept 2013)", "hiring", (2013, 9)),
    ("Ask HN: Have the whoishiring posts been useful? Can we do better?", None, None),
    (None, None, None),
])
def test_story_kind_and_month(title, kind, month):
    assert hn.story_kind(title) == kind and hn.title_month(title) == month


def test_parse_months():
    assert hn.parse_months("2024-07") == ((2024, 7), (2024, 7))
    assert hn.parse_months("2011-04..2024-07") == ((2011, 4), (2024, 7))
    assert hn.parse_months(None) is None and hn.parse_months("") is None
    for bad in ("July 2024", "2024-13", "2024-07..2024-01", "2024-01..2024-02..2024-03"):
        with pytest.raises(ValueError, match="months"):
            hn.parse_months(bad)


def test_story_ids_newest_first_and_refused_shapes():
    assert hn.story_ids({"id": "whoishiring", "submitted": [3, 10, 7, True, "x"]}) == [10, 7, 3]
    with pytest.raises(ValueError, match="not a Hacker News user"):
        hn.story_ids(None)
    with pytest.raises(ValueError):
        hn.story_ids({"id": "whoishiring"})


def story(title):
    return {"type": "story", "by": "whoishiring", "title": title}


def test_picker_default_takes_the_latest_of_each_kind_and_stops():
    picker = hn.StoryPicker()
    assert picker.offer(story("Ask HN: Who wants to be hired? (July 2024)")) == (None, False)
    assert picker.offer(story("Ask HN: Who is hiring? (July 2024)")) == ("hiring", False)
    assert picker.offer(story("Ask HN: Who is hiring? (June 2024)")) == (None, False)  # not the latest
    assert picker.offer({}) == (None, False)  # a null or failed item
    assert picker.offer(story("Ask HN: Freelancer? Seeking freelancer? (July 2024)")) == ("freelancer", True)


def test_picker_default_gives_up_after_max_walk():
    picker = hn.StoryPicker(max_walk=3)
    assert [picker.offer(story("Ask HN: Who is hiring? (July 2024)"))[1] for _ in range(3)] == [False, False, True]


def test_picker_month_range():
    picker = hn.StoryPicker(hn.parse_months("2024-06..2024-07"))
    assert picker.offer(story("Ask HN: Who is hiring? (August 2024)")) == (None, False)
    assert picker.offer(story("Ask HN: Who is hiring? (July 2024)")) == ("hiring", False)
    assert picker.offer(story("Ask HN: Who wants to be hired? (July 2024)")) == (None, False)
    assert picker.offer(story("Ask HN: Have the whoishiring posts been useful?")) == (None, False)
    assert picker.offer(story("Ask HN: Freelancer? Seeking freelancer? (June 2024)")) == ("freelancer", False)
    assert picker.offer(story("Ask HN: Who is hiring? (May 2024)")) == (None, True)


# --- comments to postings ------------------------------------------------------------------------

def test_skip_reasons_on_the_recording(recorded):
    reasons = [hn.skip_reason(c) for c in recorded["comments"]]
    # 407 top-level comments: 12 deleted (3 of them also dead), 13 more dead, 382 kept.
    assert (len(reasons), reasons.count("deleted"), reasons.count("dead"), reasons.count(None)) == (407, 12, 13, 382)
    assert hn.top_level_ids(recorded["post"]) == [c["id"] for c in recorded["comments"]]
    assert hn.skip_reason({"id": 1, "type": "story"}) == "not_comment"


def test_posting_fields_of_a_real_comment(comments):
    comment = comments[40931676]
    fields = hn.posting_fields(comment)
    assert fields["source"] == "hackernews" and fields["source_id"] == "40931676"
    assert fields["url"] == "https://news.ycombinator.com/item?id=40931676"
    assert fields["posted_at"] == 1720646975  # epoch seconds; the pipeline makes the date
    assert fields["description"] is comment["text"] and fields["raw"] is comment
    assert (fields["category"], fields["tags"]) == (None, ["hn:hiring"])
    assert fields["attribution"] == "Posting from Hacker News 'Who is hiring?' (news.ycombinator.com)"
    assert hn.posting_fields(comment, hn.FREELANCER)["employment_type"] == "freelance"
    # HN's entities decode in the text the pipeline makes of the description
    text = html_to_text(fields["description"])
    assert text.startswith("Immunant | Software Engineer | REMOTE (US only)")
    assert "If you're interested in low-level, resource-constrained and/or privileged" in text
    assert "&#x" not in text and "<p>" not in text
