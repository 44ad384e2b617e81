"""Location, remote flag and seniority normalisers on strings taken from the recorded postings."""

from __future__ import annotations

import pytest

from crawlers.location import parse_location, remote_flag, seniority


@pytest.mark.parametrize(("text", "countries", "regions"), [
    ("USA", ["US"], []),
    ("Saint Louis, MO, USA", ["US"], []),
    ("Northern America, Europe, UK, France, European timezones", ["GB", "FR"], ["North America", "Europe"]),
    ("USA, Canada, USA timezones", ["US", "CA"], []),
    ("Americas, Europe, Israel", ["IL"], ["Americas", "Europe"]),
    ("Worldwide", [], ["Worldwide"]),
    ("LATAM, Europe", [], ["Latin America", "Europe"]),
    ("Remote, USA", ["US"], []),
    ("Gdańsk", [], []),
    ("Munich", [], []),
    ("Troy, MI", ["US"], []),
    ("Deutschland", ["DE"], []),
    ("Lisbon, PT", [], []),
    ("Germany", ["DE"], []),
    ("Brazil", ["BR"], []),
    ("USA, CST (UTC-6)", ["US"], []),
    ("", [], []),
    (None, [], []),
])
def test_parse_location(text, countries, regions):
    assert parse_location(text) == (countries, regions)


@pytest.mark.parametrize(("texts", "expected"), [
    (("Remote, USA",), "remote"), (("Hybrid - Berlin",), "hybrid"), (("On-site in Austin",), "onsite"),
    (("Munich", "Senior Dev (Remote)"), "remote"), (("Munich",), "unknown"),
    (("Remote or hybrid in London",), "hybrid"),
])
def test_remote_flag(texts, expected):
    assert remote_flag(*texts) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Senior Independent Software Developer", "senior"), ("Sr. Data Engineer", "senior"),
    ("Junior Site Reliability Engineer", "junior"), ("Data Labeling Specialists", "unknown"),
    ("Content Marketing Manager (Internship)", "intern"), ("Staff Engineer", "principal"),
    ("Head of Growth", "director"), ("VP Engineering", "executive"), ("Team Lead Content Marketing (d/w/m)", "lead"),
    ("Software Engineer II", "mid"), (None, "unknown"),
])
def test_seniority(title, expected):
    assert seniority(title) == expected
