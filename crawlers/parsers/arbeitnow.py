"""Arbeitnow `/api/job-board-api`: native page -> JobPosting fields (pure, no Scrapy).

Envelope: {"data": [...], "links": {"next": URL or null, ...}, "meta": {...}}; pages follow
``links.next``. Descriptions are mostly German HTML; ``created_at`` is epoch seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crawlers.parsers._coerce import strings, text, timestamp

SOURCE = "arbeitnow"
ATTRIBUTION = "Job listing from Arbeitnow (arbeitnow.com)"


def iter_jobs(payload: object) -> Iterator[dict[str, Any]]:
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise ValueError("not an Arbeitnow response: expected an object with a 'data' list")
    for record in payload["data"]:
        if isinstance(record, dict):
            yield record


def next_page(payload: dict[str, Any]) -> str | None:
    links = payload.get("links")
    following = links.get("next") if isinstance(links, dict) else None
    return following if isinstance(following, str) and following else None


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    job_types = strings(record.get("job_types"))
    tags = strings(record.get("tags"))
    remote = record.get("remote")
    return {
        "source": SOURCE,
        "source_id": text(record.get("slug")) or None,
        "url": text(record.get("url")),
        "title": text(record.get("title")),
        "company": text(record.get("company_name")),
        "description": text(record.get("description")),
        "posted_at": timestamp(record.get("created_at")),
        "location": text(record.get("location")),
        "remote": "remote" if remote is True else ("onsite" if remote is False else "unknown"),
        "employment_type": job_types[0] if job_types else None,
        "category": None,
        "salary_text": None,
        "tags": tags,
        "attribution": ATTRIBUTION,
        "raw": record,
    }
