"""Remotive `/api/remote-jobs`: native response -> JobPosting fields (pure, no Scrapy).

Native envelope: {"00-warning", "0-legal-notice", "job-count", "total-job-count", "jobs": [...]}.
Every Remotive job is remote; `candidate_required_location` names where candidates may live.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SOURCE = "remotive"
ATTRIBUTION = "Job listing from Remotive (remotive.com)"


def iter_jobs(payload: object) -> Iterator[dict[str, Any]]:
    """The job records of a response; raises ``ValueError`` when the envelope is not Remotive's."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ValueError("not a Remotive response: expected an object with a 'jobs' list")
    for record in payload["jobs"]:
        if isinstance(record, dict):
            yield record


def declared_count(payload: dict[str, Any]) -> int | None:
    """The envelope's own job count; it can disagree with the records sent, so it is only logged."""
    count = payload.get("job-count")
    return count if isinstance(count, int) else None


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    """Map one native job to JobPosting fields. Text stays raw here; pipelines normalise it."""
    source_id = record.get("id")
    tags = record.get("tags")
    return {
        "source": SOURCE,
        "source_id": str(source_id) if source_id not in (None, "") else None,
        "url": record.get("url"),
        "title": record.get("title"),
        "company": record.get("company_name"),
        "description": record.get("description"),
        "posted_at": record.get("publication_date"),
        "location": record.get("candidate_required_location"),
        "remote": "remote",
        "employment_type": record.get("job_type"),
        "category": record.get("category"),
        "salary_text": record.get("salary") or None,
        "tags": [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [],
        "attribution": ATTRIBUTION,
        "raw": record,
    }
