"""schema.org ``JobPosting`` structured data on career pages -> JobPosting fields (pure).

Extraction is extruct's (JSON-LD and microdata, normalised with ``uniform=True``), not hand-made
regexes; this module only finds the JobPosting objects (also inside ``@graph`` and lists) and maps
schema.org properties to our fields.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import extruct

SOURCE = "jsonld"
ATTRIBUTION = "Job posting published by the employer (schema.org JobPosting)"
_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
    elif isinstance(node, dict):
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "JobPosting" in kinds:
            yield node
        for key in ("@graph", "mainEntity", "itemListElement", "item"):
            if key in node:
                yield from _walk(node[key])


def job_postings(html: str, page_url: str) -> list[dict[str, Any]]:
    """Every schema.org JobPosting on a page (JSON-LD or microdata)."""
    data = extruct.extract(html, base_url=page_url, syntaxes=["json-ld", "microdata"], uniform=True,
                           errors="log")
    found = []
    for syntax in ("json-ld", "microdata"):
        found.extend(_walk(data.get(syntax, [])))
    return found


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("value")
    if isinstance(value, list):
        value = ", ".join(v for v in (_text(x) for x in value) if v)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _location(posting: dict[str, Any]) -> str | None:
    places = posting.get("jobLocation")
    places = places if isinstance(places, list) else [places] if places else []
    names = []
    for place in places:
        address = place.get("address") if isinstance(place, dict) else None
        if isinstance(address, dict):
            parts = [_text(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
            names.append(", ".join(p for p in parts if p))
        elif _text(address):
            names.append(_text(address))
    applicant = _text(posting.get("applicantLocationRequirements"))
    names = [n for n in names if n] + ([f"Applicants: {applicant}"] if applicant else [])
    return "; ".join(names) or None


def _salary(posting: dict[str, Any]) -> tuple[float | None, float | None, str | None, str | None]:
    salary = posting.get("baseSalary")
    if not isinstance(salary, dict):
        return None, None, None, None
    value = salary.get("value")
    currency = _text(salary.get("currency"))
    if isinstance(value, dict):
        low = value.get("minValue", value.get("value"))
        high = value.get("maxValue", value.get("value"))
        unit = _text(value.get("unitText"))
    else:
        low = high = value
        unit = _text(salary.get("unitText"))

    def number(x: Any) -> float | None:
        try:
            return float(x)
        except (TypeError, ValueError):
            return None

    return number(low), number(high), currency, _PERIODS.get((unit or "").upper())


def _identifier(posting: dict[str, Any], page_url: str) -> str:
    ident = posting.get("identifier")
    value = _text(ident.get("value")) if isinstance(ident, dict) else _text(ident)
    if value:
        org = _text(ident.get("name")) if isinstance(ident, dict) else None
        return f"{org}:{value}" if org else value
    # No identifier: the page URL plus the title keeps two postings on one page apart.
    return hashlib.sha1(f"{page_url}|{_text(posting.get('title'))}".encode()).hexdigest()[:16]


def posting_fields(posting: dict[str, Any], page_url: str) -> dict[str, Any]:
    low, high, currency, period = _salary(posting)
    kind = posting.get("employmentType")
    kinds = kind if isinstance(kind, list) else [kind]
    location_type = _text(posting.get("jobLocationType")) or ""
    return {
        "source": SOURCE,
        "source_id": _identifier(posting, page_url),
        "url": _text(posting.get("url")) or page_url,
        "title": _text(posting.get("title")),
        "company": _text(posting.get("hiringOrganization")),
        "description": posting.get("description") if isinstance(posting.get("description"), str) else None,
        "posted_at": _text(posting.get("datePosted")),
        "location": _location(posting),
        "remote": "remote" if location_type.upper() == "TELECOMMUTE" else "unknown",
        "employment_type": _text(kinds[0]) if kinds and kinds[0] else None,
        "category": _text(posting.get("occupationalCategory")) or _text(posting.get("industry")),
        "salary_text": None,
        "salary_min": low,
        "salary_max": high,
        "salary_currency": currency,
        "salary_period": period,
        "tags": [],
        "attribution": ATTRIBUTION,
        "raw": posting,
    }
