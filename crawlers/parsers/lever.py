"""Lever Postings API `/v0/postings/{company}?mode=json`: one company -> JobPosting fields.

Pure, no Scrapy. The response is a JSON array of postings: id, text (title), hostedUrl, applyUrl,
createdAt (epoch ms), categories{commitment, department, team, location, allLocations},
workplaceType (remote / hybrid / onsite or on-site / unspecified), description + descriptionPlain,
lists[{text, content}], additional + additionalPlain, salaryRange{min, max, currency, interval}
and salaryDescriptionPlain when the employer publishes pay.

Lever splits a posting in parts: the requirements usually sit in ``lists`` (a heading and ``<li>``
items), not in ``description``. The description is rebuilt as HTML from all parts -- description,
each list as a heading plus a bullet list, then ``additional`` -- and the pipeline makes it text.
Lever never names the company: the caller passes the board's display name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from crawlers.parsers._coerce import ident, number, strings, text, timestamp

SOURCE = "lever"
ATTRIBUTION = "Job listing from the employer's Lever job site"

_WORKPLACE = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite", "on-site": "onsite"}
# Lever's salary intervals; bi-/semi-monthly and one-time amounts fit no period and get none.
_PERIODS = {"per-year-salary": "year", "per-month-salary": "month", "per-week-salary": "week",
            "per-day-wage": "day", "per-hour-wage": "hour"}
_BLANK_LINES = re.compile(r"\n\s*\n")


def iter_jobs(payload: object) -> Iterator[dict[str, Any]]:
    """The postings of one company; ``ValueError`` when the body is not Lever's JSON array."""
    if not isinstance(payload, list):
        raise ValueError("not a Lever postings response: expected a JSON array of postings")
    for record in payload:
        if isinstance(record, dict):
            yield record


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def plain_to_html(text: str) -> str:
    """Plain text as HTML that keeps its paragraphs (blank lines) and line breaks."""
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]
    return "\n".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def html_or_plain(markup: object, plain: object) -> str:
    """The HTML variant of a field when it has any, else its plain variant made HTML."""
    if _text(markup):
        return _text(markup)
    return plain_to_html(_text(plain)) if _text(plain) else ""


def list_html(item: object) -> str:
    """One of ``lists``: its heading and its items (Lever sends bare ``<li>``s, no ``<ul>``)."""
    if not isinstance(item, dict):
        return ""
    heading, content = _text(item.get("text")), _text(item.get("content"))
    parts = [f"<h3>{html.escape(heading)}</h3>"] if heading else []
    if content:
        if "<" not in content:
            parts.append(plain_to_html(content))
        elif re.search(r"<\s*li\b", content, re.I) and not re.search(r"<\s*[ou]l\b", content, re.I):
            parts.append(f"<ul>{content}</ul>")
        else:
            parts.append(content)
    return "\n".join(parts)


def description_html(record: dict[str, Any]) -> str | None:
    """Description, every list (heading + items) and the closing ``additional``, as one HTML text."""
    main = html_or_plain(record.get("description"), record.get("descriptionPlain")) or html_or_plain(
        record.get("descriptionBody"), record.get("descriptionBodyPlain"))
    lists = record.get("lists") if isinstance(record.get("lists"), list) else []
    parts = [main, *(list_html(item) for item in lists),
             html_or_plain(record.get("additional"), record.get("additionalPlain"))]
    joined = "\n".join(p for p in parts if p)
    return joined or None


def workplace(record: dict[str, Any]) -> str:
    """Lever's own workplaceType; when unspecified, a location reading "Remote" still counts."""
    kind = _WORKPLACE.get(_text(record.get("workplaceType")).lower())
    if kind:
        return kind
    categories = record.get("categories") if isinstance(record.get("categories"), dict) else {}
    if "remote" in _text(categories.get("location")).lower():
        return "remote"
    return "unknown"


def _amount(value: object) -> float | None:
    amount = number(value)  # finite, not a bool
    return amount if amount is not None and amount > 0 else None


def posting_fields(record: dict[str, Any], company: str | None = None) -> dict[str, Any]:
    """Map one Lever posting to JobPosting fields; ``company`` is the board's display name."""
    categories = record.get("categories") if isinstance(record.get("categories"), dict) else {}
    locations = [x.strip() for x in strings(categories.get("allLocations")) if x.strip()]
    pay = record.get("salaryRange") if isinstance(record.get("salaryRange"), dict) else {}
    low, high = _amount(pay.get("min")), _amount(pay.get("max"))
    has_pay = low is not None or high is not None
    currency = _text(pay.get("currency")).upper() or None
    tags = []
    for key in ("department", "team"):
        value = _text(categories.get(key))
        if value and value not in tags:
            tags.append(value)
    return {
        "source": SOURCE,
        "source_id": ident(record.get("id")),
        "url": text(record.get("hostedUrl")) or text(record.get("applyUrl")),
        "title": text(record.get("text")),
        "company": company,
        "description": description_html(record),
        "posted_at": timestamp(record.get("createdAt")),
        "location": "; ".join(locations) if len(locations) > 1 else (text(categories.get("location")) or None),
        "remote": workplace(record),
        "employment_type": text(categories.get("commitment")),
        "category": tags[0] if tags else None,
        "salary_text": _text(record.get("salaryDescriptionPlain")) or None,
        "salary_min": low,
        "salary_max": high,
        "salary_currency": currency if has_pay else None,
        "salary_period": _PERIODS.get(_text(pay.get("interval")).lower()) if has_pay else None,
        "tags": tags,
        "attribution": ATTRIBUTION,
        "raw": record,
    }
