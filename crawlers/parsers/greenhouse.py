"""Greenhouse Job Board API `/v1/boards/{token}/jobs?content=true`: one board -> JobPosting fields.

Pure, no Scrapy. Envelope: {"jobs": [...], "meta": {"total": N}}. Each job: id, title, absolute_url,
location{name}, updated_at, first_published (newer boards), company_name (newer boards), content,
departments[], offices[], metadata[] (the board's custom fields, e.g. "Contract Type").

``content`` is HTML *escaped once more* (``&lt;p&gt;About us&lt;/p&gt;``): it is unescaped once here,
and the pipeline turns the resulting HTML into text. Greenhouse has no structured workplace type or
pay in this response (pay needs ``?pay_transparency=true``), so ``remote`` is read from the location,
office names and custom fields, and is ``unknown`` when none of them says.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from crawlers.parsers._coerce import ident, text, timestamp

SOURCE = "greenhouse"
ATTRIBUTION = "Job listing from the employer's Greenhouse job board"

_REAL_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
# Custom fields that carry the employment type or the workplace arrangement, by their label.
_EMPLOYMENT_FIELD = re.compile(r"employment|contract|commitment|job type|position type|worker type|time type", re.I)
_WORKPLACE_FIELD = re.compile(r"workplace|remote|location type|work type|work arrangement|work model", re.I)
_ONSITE = re.compile(r"\b(on-?site|in[- ]office|office[- ]based)\b", re.I)


def iter_jobs(payload: object) -> Iterator[dict[str, Any]]:
    """The jobs of one board response; ``ValueError`` when it is not a Greenhouse board."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ValueError("not a Greenhouse board response: expected an object with a 'jobs' list")
    for record in payload["jobs"]:
        if isinstance(record, dict):
            yield record


def declared_count(payload: dict[str, Any]) -> int | None:
    meta = payload.get("meta")
    total = meta.get("total") if isinstance(meta, dict) else None
    return total if isinstance(total, int) and not isinstance(total, bool) else None


def content_html(content: object) -> str | None:
    """The job's HTML: Greenhouse escapes it once more than HTML needs, so unescape exactly once.

    Content that already holds real tags (a board or a mirror that does not double-escape) is left
    alone, so a literal ``&lt;`` in real HTML is never turned into markup.
    """
    if not isinstance(content, str) or not content.strip():
        return None
    if "&lt;" in content and not _REAL_TAG.search(content):
        return html.unescape(content)
    return content


def _names(items: object) -> list[str]:
    names = []
    for item in items if isinstance(items, list) else []:
        name = item.get("name") if isinstance(item, dict) else None
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return names


def _field_values(record: dict[str, Any], label: re.Pattern[str]) -> list[str]:
    values: list[str] = []
    metadata = record.get("metadata")
    for field in metadata if isinstance(metadata, list) else []:
        if not isinstance(field, dict) or not isinstance(field.get("name"), str):
            continue
        if not label.search(field["name"]):
            continue
        value = field.get("value")
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and v.strip():
                values.append(v.strip())
    return values


def workplace(texts: list[str]) -> str:
    """remote / hybrid / onsite from free texts (most explicit first); ``unknown`` if none says."""
    for text in texts:
        lowered = text.lower()
        if "remote" in lowered or "anywhere" in lowered:
            return "remote"
        if "hybrid" in lowered:
            return "hybrid"
        if _ONSITE.search(text):
            return "onsite"
    return "unknown"


def posting_fields(record: dict[str, Any], company: str | None = None) -> dict[str, Any]:
    """Map one Greenhouse job to JobPosting fields; ``company`` names the board when the job doesn't."""
    location = record.get("location")
    location_name = text(location.get("name")) if isinstance(location, dict) else None
    offices = _names(record.get("offices"))
    departments = _names(record.get("departments"))
    employment = _field_values(record, _EMPLOYMENT_FIELD)
    return {
        "source": SOURCE,
        "source_id": ident(record.get("id")),
        "url": text(record.get("absolute_url")),
        "title": text(record.get("title")),
        "company": text(record.get("company_name")) or company,
        "description": content_html(record.get("content")),
        "posted_at": timestamp(record.get("first_published")) or timestamp(record.get("updated_at")),
        "location": location_name or (", ".join(offices) or None),
        "remote": workplace(_field_values(record, _WORKPLACE_FIELD) + [location_name or ""] + offices),
        "employment_type": employment[0] if employment else None,
        "category": departments[0] if departments else None,
        "salary_text": None,
        "salary_min": None,
        "salary_max": None,
        "salary_currency": None,
        "salary_period": None,
        "tags": departments,
        "attribution": ATTRIBUTION,
        "raw": record,
    }
