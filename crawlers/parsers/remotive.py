"""Remotive `/api/remote-jobs`: native response -> JobPosting fields (pure, no Scrapy).

Native envelope: {"00-warning", "0-legal-notice", "job-count", "total-job-count", "jobs": [...]}.
Every Remotive job is remote; `candidate_required_location` names where candidates may live.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crawlers.parsers._coerce import ident, strings, text, timestamp

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
    return count if isinstance(count, int) and not isinstance(count, bool) else None


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    """Map one native job to JobPosting fields. Text stays raw here; pipelines normalise it."""
    return {
        "source": SOURCE,
        "source_id": ident(record.get("id")),
        "url": text(record.get("url")),
        "title": text(record.get("title")),
        "company": text(record.get("company_name")),
        "description": text(record.get("description")),
        "posted_at": timestamp(record.get("publication_date")),
        "location": text(record.get("candidate_required_location")),
        "remote": "remote",
        "employment_type": text(record.get("job_type")),
        "category": text(record.get("category")),
        "salary_text": text(record.get("salary")) or None,
        "tags": strings(record.get("tags")),
        "attribution": ATTRIBUTION,
        "raw": record,
    }
