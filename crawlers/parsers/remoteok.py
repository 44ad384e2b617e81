"""RemoteOK `/api`: native response -> JobPosting fields (pure, no Scrapy).

The response is a JSON array whose first element is the legal notice, not a job. Descriptions end
with an anti-spam trailer ("Please mention the word **X** ...") that is not part of the job.
RemoteOK's salary_min/max are yearly USD; 0 means "not given".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

SOURCE = "remoteok"
ATTRIBUTION = "Job listing from Remote OK (remoteok.com)"
_ANTI_SPAM = re.compile(
    r"(?:<br\s*/?>\s*)*Please mention the word \*\*\w+\*\*.*?read this and see they're human\.?",
    re.IGNORECASE | re.DOTALL,
)


def iter_jobs(payload: object) -> Iterator[dict[str, Any]]:
    if not isinstance(payload, list):
        raise ValueError("not a RemoteOK response: expected a JSON array")
    for record in payload:
        # Element 0 is {"last_updated", "legal"}: a notice, not a job.
        if isinstance(record, dict) and record.get("id") not in (None, "") and "legal" not in record:
            yield record


def declared_count(payload: object) -> None:
    return None  # RemoteOK sends no count


def _amount(value: object) -> float | None:
    try:
        amount = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return amount if amount > 0 else None


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    salary_min, salary_max = _amount(record.get("salary_min")), _amount(record.get("salary_max"))
    has_pay = salary_min is not None or salary_max is not None
    description = record.get("description")
    if isinstance(description, str):
        description = _ANTI_SPAM.sub("", description)
    tags = record.get("tags")
    return {
        "source": SOURCE,
        "source_id": str(record["id"]),
        "url": record.get("url") or record.get("apply_url"),
        "title": record.get("position"),
        "company": record.get("company"),
        "description": description,
        "posted_at": record.get("date") or record.get("epoch"),
        "location": record.get("location") or None,
        "remote": "remote",
        "employment_type": None,
        "category": None,
        "salary_text": (f"${salary_min or salary_max:,.0f} - ${salary_max or salary_min:,.0f} per year"
                        if has_pay else None),
        "salary_min": salary_min,
        "salary_max": salary_max,
        "salary_currency": "USD" if has_pay else None,
        "salary_period": "year" if has_pay else None,
        "tags": [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [],
        "attribution": ATTRIBUTION,
        "raw": record,
    }
