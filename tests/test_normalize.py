"""The pure normalisers, on inputs taken from real postings and their known troubles."""

from __future__ import annotations

import json

import pytest

from crawlers import normalize
from tests.conftest import REMOTIVE_FILE


def test_html_to_text_keeps_paragraphs_and_list_items():
    html = (
        "<p><u>Who We Are</u><br><br>Workada creates data.</p>"
        "<ul><li>Python &amp; SQL</li><li>Review &lt;tasks&gt;</li></ul><p>Apply&nbsp;now</p>"
    )
    assert normalize.html_to_text(html) == (
        "Who We Are\n\nWorkada creates data.\n\n- Python & SQL\n- Review <tasks>\n\nApply now"
    )


def test_html_to_text_drops_scripts_and_tolerates_broken_markup():
    assert normalize.html_to_text("<p>Hi<script>alert(1)</script> there") == "Hi there"
    assert normalize.html_to_text("plain  text\r\nline") == "plain text\nline"
    assert normalize.html_to_text(None) == ""
    assert normalize.html_to_text("   ") == ""


def test_html_to_text_on_real_remotive_description():
    jobs = json.loads(REMOTIVE_FILE.read_text(encoding="utf-8-sig"))["jobs"]
    text = normalize.html_to_text(jobs[0]["description"])
    assert text.startswith("Who We Are\n\nWorkada creates high-quality labeled data")
    assert "<" not in text and "&amp;" not in text
    # every job's description becomes non-empty readable text
    assert all(len(normalize.html_to_text(j["description"])) > 200 for j in jobs)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-07-26T20:49:11", "2026-07-26T20:49:11Z"),
        ("2026-07-26T22:49:11+02:00", "2026-07-26T20:49:11Z"),
        ("2026-07-26T20:49:11Z", "2026-07-26T20:49:11Z"),
        (1785098951, "2026-07-26T20:49:11Z"),
        (1785098951000, "2026-07-26T20:49:11Z"),
        ("1785098951", "2026-07-26T20:49:11Z"),
        ("Sun, 26 Jul 2026 20:49:11 +0000", "2026-07-26T20:49:11Z"),
        ("Tue, 08 Nov 2022 15:02:43 GMT", "2022-11-08T15:02:43Z"),
    ],
)
def test_timestamps_from_epoch_iso_and_rfc822(value, expected):
    assert normalize.iso_timestamp(value) == expected
    assert normalize.iso_date(value) == expected[:10]


@pytest.mark.parametrize("value", ["", None, "yesterday", "2026-13-45", True, [], {}])
def test_unparseable_dates_are_none_not_errors(value):
    assert normalize.iso_date(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("full_time", "full_time"), ("Full-Time", "full_time"), ("contract", "contract"),
     ("freelance", "freelance"), ("part_time", "part_time"), ("Internship", "internship"),
     ("", "unknown"), (None, "unknown"), ("whatever", "unknown")],
)
def test_employment_type(value, expected):
    assert normalize.employment_type(value) == expected


def test_json_body_with_byte_order_mark_decodes():
    body = REMOTIVE_FILE.read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    assert len(normalize.load_json_body(body)["jobs"]) == 35


def test_malformed_json_gives_a_clear_error():
    with pytest.raises(normalize.JSONBodyError, match=r"invalid JSON at line 1 column 11 .*near"):
        normalize.load_json_body(b'{"jobs": [')


def test_mojibake_is_repaired_and_curly_quotes_kept():
    assert normalize.repair_text("GdaÅ\x84sk") == "Gdańsk"
    assert normalize.repair_text("donâ€™t") == "don’t"
    assert normalize.repair_text("don’t “quote”") == "don’t “quote”"
    assert normalize.repair_text("Zürich, Köln") == "Zürich, Köln"


def test_paragraphs_inside_list_items_stay_on_the_item_line():
    html = "<ul>\n<li>\n<p>Python</p>\n</li>\n<li><p>SQL</p></li></ul><p>End</p>"
    assert normalize.html_to_text(html) == "- Python\n- SQL\n\nEnd"
