"""Jobicy `/api/v2/remote-jobs`: native response -> JobPosting fields (pure, no Scrapy).

Envelope: {"apiVersion", "friendlyNotice", "jobCount", "jobs": [...]}. Terms: credit Jobicy with a
direct link and send applicants to the original job URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crawlers.parsers._coerce import ident, number, strings, text, timestamp

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
    return count if isinstance(count, int) and not isinstance(count, bool) else None


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    job_types = strings(record.get("jobType"))
    industries = strings(record.get("jobIndustry"))
    # v2.2 sends salaryMin/salaryMax/salaryPeriod; the documented annualSalary* fields are older.
    low = number(record.get("salaryMin", record.get("annualSalaryMin")))
    high = number(record.get("salaryMax", record.get("annualSalaryMax")))
    has_pay = low is not None or high is not None
    period = {"yearly": "year", "annual": "year", "monthly": "month", "weekly": "week",
              "daily": "day", "hourly": "hour"}.get((text(record.get("salaryPeriod", "yearly")) or "").lower())
    return {
        "source": SOURCE,
        "source_id": ident(record.get("id")),
        "url": text(record.get("url")),
        "title": text(record.get("jobTitle")),
        "company": text(record.get("companyName")),
        "description": text(record.get("jobDescription")),
        "posted_at": timestamp(record.get("pubDate")),
        "location": text(record.get("jobGeo")),
        "remote": "remote",
        "employment_type": job_types[0] if job_types else None,
        "category": industries[0] if industries else None,
        "salary_text": None,
        "salary_min": low,
        "salary_max": high,
        "salary_currency": text(record.get("salaryCurrency")) if has_pay else None,
        "salary_period": period if has_pay else None,
        "tags": industries,
        "attribution": ATTRIBUTION,
        "raw": record,
    }
