"""Where a job is and how remote it is, from the free text sources write (pure).

``country_codes("Saint Louis, MO, USA")`` -> ["US"]; regions ("Europe", "LATAM", "Worldwide") are
returned separately, since they are not countries. Country names come from pycountry (ISO 3166),
plus the aliases and US/Canadian state codes job boards use. Cities are not resolved.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

_ALIASES = {
    "usa": "US", "us": "US", "u.s.": "US", "u.s.a.": "US", "united states": "US", "america": "US",
    "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "deutschland": "DE", "österreich": "AT", "schweiz": "CH",
    "holland": "NL", "the netherlands": "NL", "south korea": "KR", "korea": "KR", "russia": "RU",
    "vietnam": "VN", "czech republic": "CZ", "czechia": "CZ", "turkey": "TR", "türkiye": "TR",
    "uae": "AE", "iran": "IR", "taiwan": "TW", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
    "moldova": "MD", "syria": "SY", "laos": "LA", "brasil": "BR", "méxico": "MX", "españa": "ES",
}
REGIONS = {
    "worldwide": "Worldwide", "anywhere": "Worldwide", "global": "Worldwide", "anywhere in the world": "Worldwide",
    "europe": "Europe", "eu": "Europe", "emea": "EMEA", "americas": "Americas", "north america": "North America",
    "northern america": "North America", "latam": "Latin America", "latin america": "Latin America",
    "south america": "Latin America", "apac": "APAC", "asia": "Asia", "africa": "Africa", "oceania": "Oceania",
    "middle east": "Middle East", "dach": "DACH", "nordics": "Nordics",
}
_US_STATES = {s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code="US")}
_CA_PROVINCES = {s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code="CA")}
# Parts of a location text are separated by punctuation (, ; / | ( ) and line breaks) or by a
# spaced word: " or ", " and ", " & ", " oder ", " und ", " - ".
_SPLIT = re.compile(r"[,;/|()\n]+|\s+(?:or|and|&|oder|und)\s+|\s+-\s+", re.IGNORECASE)
_LONG_SPACE = re.compile(r"\s{64}")
_SEPARATOR_CHARS = re.compile(r"[,;/|()\n]+")
_WORD_AFTER_SPACE = re.compile(r"(?:or|and|&|oder|und)\s+|-\s+", re.IGNORECASE)
_CANDIDATE = re.compile(r"[,;/|()\s]")
_WHITESPACE = re.compile(r"\s+")
_PLACE_PREFIX = re.compile(r"^(?:remote|hybrid|onsite|on-site)\s*[-:,]?\s*")
# (?<!\s): try the suffix only where a run of spaces starts, not again from inside it (quadratic)
_PLACE_SUFFIX = re.compile(r"(?<!\s)\s*(?:only|timezones?|time zones?|based)$")


def _split(text: str) -> list[str]:
    """The parts of a location text, split on ``_SPLIT``.

    ``_SPLIT`` retries every position of a run of spaces to its end: fast on real text, minutes
    on a 100 kB location that is mostly spaces and line breaks. Such a text takes the linear path.
    """
    if _LONG_SPACE.search(text) is None:
        return _SPLIT.split(text)
    return _split_long_spaces(text)


def _split_long_spaces(text: str) -> list[str]:
    """``_SPLIT.split(text)`` in linear time: a run of spaces is measured once, and separates only
    when one of the words (or ", ; / | ( )" and line breaks) follows it."""
    parts: list[str] = []
    start = pos = 0
    run_end = -1  # end of the run of spaces last measured
    while (found := _CANDIDATE.search(text, pos)) is not None:
        pos = found.start()
        separator = _SEPARATOR_CHARS.match(text, pos)
        if separator is None:  # a space, tab ...: the start of a word separator?
            if pos >= run_end:
                run_end = _WHITESPACE.match(text, pos).end()
            separator = _WORD_AFTER_SPACE.match(text, run_end)
            if separator is None:
                newline = text.find("\n", pos, run_end)  # a line break inside the run still separates
                pos = run_end if newline < 0 else newline
                continue
        parts.append(text[start:pos])
        start = pos = separator.end()
    parts.append(text[start:])
    return parts


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = country.alpha_2
    names.update(_ALIASES)
    return names


def parse_location(text: object) -> tuple[list[str], list[str]]:
    """(ISO 3166 alpha-2 country codes, regions) named in a location text, in order of appearance."""
    if not isinstance(text, str) or not text.strip():
        return [], []
    names = _names()
    countries: list[str] = []
    regions: list[str] = []
    parts = [p.strip(" .:-") for p in _split(text) if p and p.strip(" .:-")]
    for part in parts:
        lowered = _PLACE_SUFFIX.sub("", _PLACE_PREFIX.sub("", part.lower(), count=1)).strip()
        code = names.get(lowered)
        if code is None and part in _US_STATES:
            code = "US"
        elif code is None and part in _CA_PROVINCES and part not in _US_STATES:
            code = "CA"
        if code and code not in countries:
            countries.append(code)
        region = REGIONS.get(lowered)
        if region and region not in regions:
            regions.append(region)
    return countries, regions


_REMOTE = re.compile(r"\b(?:remote|work from home|wfh|telecommute|anywhere|distributed)\b", re.IGNORECASE)
_HYBRID = re.compile(r"\bhybrid\b", re.IGNORECASE)
_ONSITE = re.compile(r"\b(?:on-?site|in[- ]office|in person|vor ort)\b", re.IGNORECASE)


def remote_flag(*texts: object, default: str = "unknown") -> str:
    """remote / hybrid / onsite from the first text that says so (hybrid beats remote: "remote or hybrid")."""
    for text in texts:
        if not isinstance(text, str) or not text:
            continue
        if _HYBRID.search(text):
            return "hybrid"
        if _REMOTE.search(text):
            return "remote"
        if _ONSITE.search(text):
            return "onsite"
    return default


_SENIORITY = [
    ("intern", r"\b(?:intern(?:ship)?|trainee|werkstudent|working student|apprentice)\b"),
    ("executive", r"\b(?:chief|c[etfo]o|vp|vice president|president)\b"),
    ("director", r"\b(?:director|head of)\b"),
    ("principal", r"\b(?:principal|staff|distinguished|architect)\b"),
    ("lead", r"\b(?:lead|team lead|tech lead|manager)\b"),
    ("senior", r"\b(?:senior|sr\.?|snr|experienced|iii|iv)\b"),
    ("junior", r"\b(?:junior|jr\.?|entry[- ]level|graduate|associate|i)\b"),
    ("mid", r"\b(?:mid(?:-level)?|intermediate|ii)\b"),
]


def seniority(title: object) -> str:
    """Seniority implied by a job title: intern, junior, mid, senior, lead, principal, director,
    executive, or unknown (most titles say nothing, which is not the same as mid-level)."""
    if not isinstance(title, str):
        return "unknown"
    lowered = title.lower()
    for level, pattern in _SENIORITY:
        if re.search(pattern, lowered):
            return level
    return "unknown"
