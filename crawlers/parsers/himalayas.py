"""Himalayas `/jobs/api`: native page -> JobPosting fields (pure, no Scrapy).

Envelope: {"comments", "updatedAt", "offset", "limit", "totalCount", "jobs": [...]}; pages are
``?limit=L&offset=O``. Jobs carry structured pay (minSalary, maxSalary, currency, salaryPeriod).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
    if all(isinstance(v, int) for v in (limit, offset, total)):
        return max(0, min(limit, total - offset))
    return None


def next_page(payload: dict[str, Any]) -> str | None:
    limit, offset, total = payload.get("limit"), payload.get("offset"), payload.get("totalCount")
    if all(isinstance(v, int) for v in (limit, offset, total)) and limit > 0 and offset + limit < total:
        return f"/jobs/api?limit={limit}&offset={offset + limit}"
    return None


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else None


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    low, high = _number(record.get("minSalary")), _number(record.get("maxSalary"))
    has_pay = low is not None or high is not None
    locations = [x for x in record.get("locationRestrictions") or [] if isinstance(x, str)]
    parents = [x for x in record.get("parentCategories") or [] if isinstance(x, str)]
    return {
        "source": SOURCE,
        "source_id": record.get("guid") or record.get("applicationLink"),
        "url": record.get("applicationLink") or record.get("guid"),
        "title": record.get("title"),
        "company": record.get("companyName"),
        "description": record.get("description"),
        "posted_at": record.get("pubDate"),
        "location": ", ".join(locations) or "Worldwide",
        "remote": "remote",
        "employment_type": record.get("employmentType"),
        "category": parents[0] if parents else None,
        "salary_text": None,
        "salary_min": low,
        "salary_max": high,
        "salary_currency": record.get("currency") if has_pay else None,
        "salary_period": _PERIODS.get(str(record.get("salaryPeriod")).lower()) if has_pay else None,
        "tags": [x for x in record.get("categories") or [] if isinstance(x, str)],
        "attribution": ATTRIBUTION,
        "raw": record,
    }
