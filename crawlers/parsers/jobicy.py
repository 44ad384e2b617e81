"""Jobicy `/api/v2/remote-jobs`: native response -> JobPosting fields (pure, no Scrapy).

Envelope: {"apiVersion", "friendlyNotice", "jobCount", "jobs": [...]}. Terms: credit Jobicy with a
direct link and send applicants to the original job URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SOURCE = "jobicy"
ATTRIBUTION = "Job listing from Jobicy (jobicy.com)"


def iter_jobs(payload: object) -> Iterator[dict[str, Any]]:
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ValueError("not a Jobicy response: expected an object with a 'jobs' list")
    for record in payload["jobs"]:
        if isinstance(record, dict):
            yield record


def declared_count(payload: dict[str, Any]) -> int | None:
    count = payload.get("jobCount")
    return count if isinstance(count, int) else None


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    job_types = [t for t in record.get("jobType") or [] if isinstance(t, str)]
    industries = [t for t in record.get("jobIndustry") or [] if isinstance(t, str)]
    source_id = record.get("id")
    # v2.2 sends salaryMin/salaryMax/salaryPeriod; the documented annualSalary* fields are older.
    low = record.get("salaryMin", record.get("annualSalaryMin"))
    high = record.get("salaryMax", record.get("annualSalaryMax"))
    has_pay = isinstance(low, (int, float)) or isinstance(high, (int, float))
    period = {"yearly": "year", "annual": "year", "monthly": "month", "weekly": "week",
              "daily": "day", "hourly": "hour"}.get(str(record.get("salaryPeriod", "yearly")).lower())
    return {
        "source": SOURCE,
        "source_id": str(source_id) if source_id not in (None, "") else None,
        "url": record.get("url"),
        "title": record.get("jobTitle"),
        "company": record.get("companyName"),
        "description": record.get("jobDescription"),
        "posted_at": record.get("pubDate"),
        "location": record.get("jobGeo"),
        "remote": "remote",
        "employment_type": job_types[0] if job_types else None,
        "category": industries[0] if industries else None,
        "salary_text": None,
        "salary_min": float(low) if isinstance(low, (int, float)) else None,
        "salary_max": float(high) if isinstance(high, (int, float)) else None,
        "salary_currency": record.get("salaryCurrency") if has_pay else None,
        "salary_period": period if has_pay else None,
        "tags": industries,
        "attribution": ATTRIBUTION,
        "raw": record,
    }
