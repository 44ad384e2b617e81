"""schema.org ``JobPosting`` structured data on career pages -> JobPosting fields (pure).

Extraction is extruct's (JSON-LD and microdata, normalised with ``uniform=True``), not hand-made
regexes; this module only finds the JobPosting objects (also inside ``@graph`` and lists) and maps
schema.org properties to our fields.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from typing import Any

import extruct
import lxml.etree
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_html

from crawlers.parsers._coerce import number

SOURCE = "jsonld"
ATTRIBUTION = "Job posting published by the employer (schema.org JobPosting)"
_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}
_JSONLD = JsonLdExtractor()
_JSONLD_SCRIPTS = lxml.etree.XPath('descendant-or-self::script[@type="application/ld+json"]')
# Deeper than this, a text property (a list of objects of lists ...) is junk, not a name.
_TEXT_DEPTH = 32
logger = logging.getLogger(__name__)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in ``node``, depth first, in document order (iterative: a page's
    structured data may nest far deeper than Python's recursion limit)."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if "JobPosting" in kinds:
                yield node
            stack.extend(node[key] for key in ("item", "itemListElement", "mainEntity", "@graph") if key in node)


def job_postings(html: str, page_url: str) -> list[dict[str, Any]]:
    """Every schema.org JobPosting on a page (JSON-LD or microdata); ``[]`` for a page without.

    Each JSON-LD script is read on its own, so one broken or absurd script (JSON nested too deeply
    to decode) costs only itself; microdata extruct cannot read costs only the microdata.
    """
    try:
        tree = parse_html(html, encoding="UTF-8")
    except Exception as exc:  # noqa: BLE001 - an empty or unparseable page has no postings
        logger.warning("jsonld: cannot parse %s as HTML: %s", page_url, exc)
        return []
    found: list[dict[str, Any]] = []
    for script in _JSONLD_SCRIPTS(tree):
        try:
            found.extend(_walk(_JSONLD.extract_items(script, base_url=page_url)))
        except Exception as exc:  # noqa: BLE001 - extruct raises whatever its JSON parsers raise
            logger.warning("jsonld: unreadable JSON-LD script on %s: %s: %s", page_url, type(exc).__name__, exc)
    try:
        data = extruct.extract(tree, base_url=page_url, syntaxes=["microdata"], uniform=True, errors="strict")
    except Exception as exc:  # noqa: BLE001
        logger.warning("jsonld: unreadable microdata on %s: %s: %s", page_url, type(exc).__name__, exc)
    else:
        found.extend(_walk(data.get("microdata", [])))
    return found


def _text(value: Any, _depth: int = 0) -> str | None:
    if _depth > _TEXT_DEPTH:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("value")
    if isinstance(value, list):
        value = ", ".join(v for v in (_text(x, _depth + 1) for x in value) if v)
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

    def amount(x: Any) -> float | None:
        if isinstance(x, str):  # "70.00" in microdata and in some JSON-LD
            try:
                x = float(x)
            except ValueError:
                return None
        return number(x)  # finite, not a bool

    return amount(low), amount(high), currency, _PERIODS.get((unit or "").upper())


def _identifier(posting: dict[str, Any], page_url: str) -> str:
    ident = posting.get("identifier")
    value = _text(ident.get("value")) if isinstance(ident, dict) else _text(ident)
    if value:
        org = _text(ident.get("name")) if isinstance(ident, dict) else None
        return f"{org}:{value}" if org else value
    # No identifier: the page URL plus the title keeps two postings on one page apart.
    # surrogatepass: a lone surrogate ("\ud800" is valid JSON) must not make the hash raise
    key = f"{page_url}|{_text(posting.get('title'))}".encode("utf-8", "surrogatepass")
    return hashlib.sha1(key).hexdigest()[:16]


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
