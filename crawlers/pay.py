"""Pay as posted -> min, max, currency, period, with hourly and yearly equivalents (pure).

Handles what job boards actually write: "$18 - $22/hr", "$80k - $100k", "$31,2k- $52k",
"OTE $25k - $35k", "€50-60k per year", "£75 per hour", "$45,000 - $50,000", "USD 120000".
When no period is written it is inferred from the size (>= 10,000: a year; <= 500: an hour) and
left empty in between. Equivalents assume 2,080 working hours, 260 days, 52 weeks a year.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import islice

HOURS_PER = {"hour": 1, "day": 8, "week": 40, "month": 2080 / 12, "year": 2080}

_CURRENCY_CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "INR", "SGD", "SEK", "NOK", "DKK",
                   "PLN", "BRL", "MXN", "JPY", "ZAR")
_SYMBOLS = [("C$", "CAD"), ("CA$", "CAD"), ("A$", "AUD"), ("AU$", "AUD"), ("NZ$", "NZD"), ("R$", "BRL"),
            ("S$", "SGD"), ("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("₹", "INR"),
            ("¥", "JPY"), ("zł", "PLN")]
_PERIOD_WORDS = [
    # English, plus the German Arbeitnow uses (Stunde, Tag, Woche, Monat, Jahr, brutto p.a.).
    ("hour", r"/\s*h(?:ou)?r\b|per\s+hour|an\s+hour|hourly|\bp/?h\b|/\s*h\b|stunde|/\s*std\b"),
    ("day", r"/\s*day\b|per\s+day|a\s+day|daily|day\s+rate|/\s*tag\b|pro\s+tag|tagessatz"),
    ("week", r"/\s*w(?:ee)?k\b|per\s+week|a\s+week|weekly|/\s*woche|pro\s+woche"),
    ("month", r"/\s*mo(?:nth)?\b|per\s+month|a\s+month|monthly|\bpcm\b|monat"),
    ("year", r"/\s*y(?:ea)?r\b|per\s+(?:year|annum)|a\s+year|annual(?:ly)?|yearly|\bp\.?a\.?(?!\w)|/\s*a\b|jahr"),
]
_AMOUNT = re.compile(r"(\d{1,3}(?:[,.\u202f ]\d{3})+|\d+(?:[.,]\d{1,2})?)\s*([kKmM])?(?![\w])")
_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|to|~)\s*(?:[^\d\s]{1,4}\s*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Pay:
    min: float
    max: float
    currency: str | None
    period: str | None

    def per(self, period: str) -> tuple[float, float] | None:
        """This pay converted to another period (None when our own period is unknown)."""
        if self.period is None:
            return None
        factor = HOURS_PER[period] / HOURS_PER[self.period]
        return round(self.min * factor, 2), round(self.max * factor, 2)


def _number(digits: str, suffix: str | None) -> float:
    if re.fullmatch(r"\d+[.,]\d{1,2}", digits):
        value = float(digits.replace(",", "."))  # "31,2k" / "22.50": a decimal separator
    else:
        value = float(re.sub(r"[,.\u202f ]", "", digits))  # "45,000" / "45.000": thousands
    if suffix:
        value *= 1_000 if suffix.lower() == "k" else 1_000_000
    return value


def _currency(text: str) -> str | None:
    upper = text.upper()
    for code in _CURRENCY_CODES:
        if re.search(rf"\b{code}\b", upper):
            return code
    for symbol, code in _SYMBOLS:
        if symbol in text:
            return code
    return None


def _period(text: str) -> str | None:
    lowered = text.lower()
    for period, pattern in _PERIOD_WORDS:
        if re.search(pattern, lowered):
            return period
    return None


def parse_pay(text: object) -> Pay | None:
    """Parse a pay text; ``None`` when it holds no amount (e.g. "Competitive", "DOE")."""
    if not isinstance(text, str) or not text.strip():
        return None
    matches = list(islice(_AMOUNT.finditer(text), 2))  # only the first two amounts are read
    if not matches:
        return None
    first = matches[0]
    low = _number(first.group(1), first.group(2))
    high = low
    if len(matches) > 1 and _RANGE_SEP.match(text[first.end():matches[1].start()]):
        second = matches[1]
        high = _number(second.group(1), second.group(2))
        # "80 - 100k": the suffix on the upper bound applies to the lower one too.
        if second.group(2) and not first.group(2) and low < 1000 <= high:
            low = _number(first.group(1), second.group(2))
    if low > high:
        low, high = high, low
    if high <= 0 or not math.isfinite(high):  # 400 digits overflow a float to inf
        return None
    period = _period(text)
    if period is None:
        period = "year" if high >= 10_000 else "hour" if high <= 500 else None
    return Pay(low, high, _currency(text), period)
