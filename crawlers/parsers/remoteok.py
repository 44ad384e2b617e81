"""RemoteOK `/api`: native response -> JobPosting fields (pure, no Scrapy).

The response is a JSON array whose first element is the legal notice, not a job. Descriptions end
with an anti-spam trailer ("Please mention the word **X** ...") that is not part of the job.
RemoteOK's salary_min/max are yearly USD; 0 means "not given".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crawlers.parsers._coerce import ident, number, strings, text, timestamp

SOURCE = "remoteok"
ATTRIBUTION = "Job listing from Remote OK (remoteok.com)"
# The trailer runs from "Please mention the word **X**" to "...read this and see they're human".
_ANTI_SPAM_START = re.compile(r"(?:<br\s*/?>\s*)*Please mention the word \*\*\w+\*\*", re.IGNORECASE)
_ANTI_SPAM_END = re.compile(r"read this and see they're human\.?", re.IGNORECASE)


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
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    amount = number(value)  # finite, not a bool
    return amount if amount is not None and amount > 0 else None


def without_anti_spam(description: str) -> str:
    """The description without its anti-spam trailers.

    The same as ``re.sub`` of one lazy ``start.*?end`` regex, in linear time: that regex rescans
    the rest of the text from every "Please mention the word" that no end follows.
    """
    kept, pos = [], 0
    while (start := _ANTI_SPAM_START.search(description, pos)) is not None:
        end = _ANTI_SPAM_END.search(description, start.end())
        if end is None:  # no trailer ends after this start, so none after any later one either
            break
        kept.append(description[pos:start.start()])
        pos = end.end()
    kept.append(description[pos:])
    return "".join(kept)


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    salary_min, salary_max = _amount(record.get("salary_min")), _amount(record.get("salary_max"))
    has_pay = salary_min is not None or salary_max is not None
    description = text(record.get("description"))
    if description:
        description = without_anti_spam(description)
    return {
        "source": SOURCE,
        "source_id": ident(record.get("id")),
        "url": text(record.get("url")) or text(record.get("apply_url")),
        "title": text(record.get("position")),
        "company": text(record.get("company")),
        "description": description,
        "posted_at": timestamp(record.get("date")) or timestamp(record.get("epoch")),
        "location": text(record.get("location")) or None,
        "remote": "remote",
        "employment_type": None,
        "category": None,
        "salary_text": (f"${salary_min or salary_max:,.0f} - ${salary_max or salary_min:,.0f} per year"
                        if has_pay else None),
        "salary_min": salary_min,
        "salary_max": salary_max,
        "salary_currency": "USD" if has_pay else None,
        "salary_period": "year" if has_pay else None,
        "tags": strings(record.get("tags")),
        "attribution": ATTRIBUTION,
        "raw": record,
    }
