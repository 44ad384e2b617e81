"""We Work Remotely RSS feeds: feed XML -> JobPosting fields (pure, no Scrapy).

Items carry title "Company: Role", region, category, type, description (escaped HTML), pubDate
(RFC 822), guid and link; the 2026 feed adds country, state and skills. The feed is parsed with
entity resolution and network access off: it is untrusted XML.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from crawlers.parsers._coerce import text, timestamp

SOURCE = "weworkremotely"
ATTRIBUTION = "Job listing from We Work Remotely (weworkremotely.com)"
_XML = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)


def load(body: bytes) -> list[dict[str, str]]:
    """The feed's items as {tag: text} (namespaced tags by their local name); ValueError if not RSS."""
    try:
        root = etree.fromstring(body, parser=_XML)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"invalid RSS/XML: {exc}") from exc
    if root.tag != "rss":
        raise ValueError(f"not an RSS feed: root element is <{root.tag}>")
    items = []
    for item in root.iter("item"):
        fields: dict[str, str] = {}
        for child in item:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            fields[name] = child.text or child.get("url") or ""
        items.append(fields)
    return items


def iter_jobs(payload: object) -> Iterator[dict[str, Any]]:
    if not isinstance(payload, list):
        raise ValueError("not a parsed RSS feed")
    yield from (r for r in payload if isinstance(r, dict))


def split_title(title: str | None) -> tuple[str | None, str | None]:
    """WWR titles are "Company: Role"; a title without the colon is all role."""
    if not isinstance(title, str) or not title:
        return None, None
    company, sep, role = title.partition(": ")
    return (company.strip(), role.strip()) if sep else (None, title.strip())


def posting_fields(record: dict[str, Any]) -> dict[str, Any]:
    company, role = split_title(record.get("title"))
    place = [(text(record.get(k)) or "").strip() for k in ("region", "country", "state")]
    skills = [s.strip() for s in (text(record.get("skills")) or "").split(",") if s.strip()]
    guid = text(record.get("guid")) or text(record.get("link"))
    return {
        "source": SOURCE,
        "source_id": guid or None,
        "url": text(record.get("link")) or guid,
        "title": role,
        "company": company,
        "description": text(record.get("description")),
        "posted_at": timestamp(record.get("pubDate")),
        "location": ", ".join(p for p in place if p) or None,
        "remote": "remote",
        "employment_type": text(record.get("type")),
        "category": text(record.get("category")) or None,
        "salary_text": None,
        "tags": skills,
        "attribution": ATTRIBUTION,
        "raw": record,
    }
