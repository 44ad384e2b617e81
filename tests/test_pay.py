"""Pay parsing on the strings real boards send (all of the recorded Remotive ones among them)."""

from __future__ import annotations

import json

import pytest

from crawlers.pay import Pay, parse_pay
from tests.conftest import REMOTIVE_FILE


@pytest.mark.parametrize(("text", "expected"), [
    ("$18 - $22/hr", Pay(18, 22, "USD", "hour")),
    ("$30k - $100k", Pay(30_000, 100_000, "USD", "year")),
    ("$45,000 - $50,000", Pay(45_000, 50_000, "USD", "year")),
    ("$14/hr", Pay(14, 14, "USD", "hour")),
    ("$36k", Pay(36_000, 36_000, "USD", "year")),
    ("$90 - $150 /hour", Pay(90, 150, "USD", "hour")),
    ("$31,2k- $52k", Pay(31_200, 52_000, "USD", "year")),
    ("OTE $25k - $35k", Pay(25_000, 35_000, "USD", "year")),
    ("$3k - $10k", Pay(3_000, 10_000, "USD", "year")),
    ("$300 - $800", Pay(300, 800, "USD", None)),
    ("$50-$75 /hour", Pay(50, 75, "USD", "hour")),
    ("$12K", Pay(12_000, 12_000, "USD", "year")),
    ("€50-60k per year", Pay(50_000, 60_000, "EUR", "year")),
    ("£75 per hour", Pay(75, 75, "GBP", "hour")),
    ("CAD 400 - 600 a day", Pay(400, 600, "CAD", "day")),
    ("$65 - $110 USD per hour", Pay(65, 110, "USD", "hour")),
    ("USD 120000", Pay(120_000, 120_000, "USD", "year")),
    ("5.000 - 6.500 € / Monat", Pay(5_000, 6_500, "EUR", "month")),
    ("65.000 € brutto p.a.", Pay(65_000, 65_000, "EUR", "year")),
    ("$4,500/month", Pay(4_500, 4_500, "USD", "month")),
])
def test_real_pay_strings(text, expected):
    assert parse_pay(text) == expected


@pytest.mark.parametrize("text", ["", None, "Competitive", "DOE", "Equity only"])
def test_no_amount_no_pay(text):
    assert parse_pay(text) is None


def test_equivalents():
    assert Pay(50, 75, "USD", "hour").per("year") == (104_000, 156_000)
    assert Pay(104_000, 104_000, "USD", "year").per("hour") == (50, 50)
    assert Pay(400, 600, "EUR", "day").per("hour") == (50, 75)
    assert Pay(1, 2, None, None).per("year") is None


def test_every_recorded_remotive_salary_parses_or_is_empty():
    jobs = json.loads(REMOTIVE_FILE.read_text(encoding="utf-8-sig"))["jobs"]
    texts = [j["salary"] for j in jobs if j["salary"]]
    assert len(texts) == 27
    assert all(parse_pay(t) is not None for t in texts)
