"""Himalayas `/jobs/api`: native page -> JobPosting fields (pure, no Scrapy).

Envelope: {"comments", "updatedAt", "offset", "limit", "totalCount", "jobs": [...]}; pages are
``?limit=L&offset=O``. Jobs carry structured pay (minSalary, maxSalary, currency, salaryPeriod).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crawlers.parsers._coerce import number, strings, text, timestamp

SOURCE = "himalayas"
ATTRIBUTION = "Job listing from Himalayas (himalayas.app)"
_PERIODS = {"annual": "year", "yearly": "year", "year": "year", "monthly": "month", "month": "month",
            "weekly": "week", "week": "week", "daily": "day", "day": "day", "hourly": "hour", "hour": "hour"}


def iter_jobs(payload: object) -> Iterator[dict[str, Any]]:
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ValueError("not a Himalayas response: expected an object with a 'jobs' list")
    for record in payload["jobs"]:
        if isinstance(record, dict):
            yield record


def declared_count(payload: dict[str, Any]) -> int | None:
    # totalCount is the whole board; limit is what this page should hold (the last page may hold fewer).
    limit, offset, total = payload.get("limit"), payload.get("offset"), payload.get("totalCount")
    if all(_count(v) for v in (limit, offset, total)):
        return max(0, min(limit, total - offset))
    return None


def _count(value: object) -> bool:
    """A count or offset a page can hold: an int (not a bool) of a sane size."""
    return isinstance(value, int) and not isinstance(value, bool) and -10**15 < value < 10**15


def next_page(payload: dict[str, Any]) -> str | None:
    limit, offset, total = payload.get("limit"), payload.get("offset"), payload.get("totalCount")
    if all(_count(v) for v in (limit, offset, total)) and limit > 0 and offset + limit < total:
        return f"/jobs/api?limit={limit}&offset={offset + limit}"
    return None


def _number(value: object) -> float | None:
    amount = number(value)  # finite, not a bool
    return amount if amount is not None and amount > 0 else None


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    low, high = _number(record.get("minSalary")), _number(record.get("maxSalary"))
    has_pay = low is not None or high is not None
    locations = strings(record.get("locationRestrictions"))
    parents = strings(record.get("parentCategories"))
    guid, link = text(record.get("guid")), text(record.get("applicationLink"))
    return {
        "source": SOURCE,
        "source_id": guid or link,
        "url": link or guid,
        "title": text(record.get("title")),
        "company": text(record.get("companyName")),
        "description": text(record.get("description")),
        "posted_at": timestamp(record.get("pubDate")),
        "location": ", ".join(locations) or "Worldwide",
        "remote": "remote",
        "employment_type": text(record.get("employmentType")),
        "category": parents[0] if parents else None,
        "salary_text": None,
        "salary_min": low,
        "salary_max": high,
        "salary_currency": text(record.get("currency")) if has_pay else None,
        "salary_period": _PERIODS.get((text(record.get("salaryPeriod")) or "").lower()) if has_pay else None,
        "tags": strings(record.get("categories")),
        "attribution": ATTRIBUTION,
        "raw": record,
    }
