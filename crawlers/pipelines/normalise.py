"""Normalise every JobPosting in place; count what could not be normalised instead of dropping it.

Stats keys: ``skillpulse/field_problem/<source>/<field>`` — one per item whose field was present
but unusable (an unparseable date, a non-http link, a number where text belongs ...). The item is
kept with that field empty. No value makes ``process_item`` raise: one bad record must never stop
the crawl.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from urllib.parse import urlsplit

from crawlers import normalize
from crawlers.location import parse_location, remote_flag, seniority
from crawlers.pay import HOURS_PER, Pay, parse_pay


def safe_url(value: object) -> str | None:
    """Only absolute http(s) links survive: scraped links end up clickable in the dashboard."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1", or a host NFKC turns into "#", "/", "?" or "@" ("a＃b")
        return None
    if parts.scheme.lower() in {"http", "https"} and parts.netloc:
        return url
    return None


def _amount(value: object) -> float | int | None:
    """A salary bound: a finite number, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return value if math.isfinite(value) else None
    except OverflowError:  # an int beyond a float's range
        return None


class NormalisePipeline:
    def __init__(self, stats) -> None:
        self.stats = stats
        self.crawled_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def _problem(self, item, field: str) -> None:
        self.stats.inc_value(f"skillpulse/field_problem/{item.get('source')}/{field}")

    def _repaired(self, item, field: str, text: str | None) -> str | None:
        if not text:
            return text
        repaired = normalize.repair_text(text)
        if repaired != text:
            self.stats.inc_value(f"skillpulse/text_repaired/{item.get('source')}/{field}")
        return repaired

    def _pay(self, item) -> None:
        """Structured pay from the source wins; otherwise parse the text; then the equivalents."""
        for field in ("salary_text", "salary_min", "salary_max", "salary_currency", "salary_period"):
            item.setdefault(field, None)
        for field in ("salary_min", "salary_max"):
            if item[field] is not None and _amount(item[field]) is None:
                item[field] = None
                self._problem(item, field)
        for field in ("salary_text", "salary_currency"):
            if item[field] is not None and not isinstance(item[field], str):
                item[field] = None
                self._problem(item, field)
        period = item["salary_period"]
        if period is not None and (not isinstance(period, str) or period not in HOURS_PER):
            item["salary_period"] = None
            self._problem(item, "salary_period")
        if item["salary_min"] is None and item["salary_max"] is None and item["salary_text"]:
            pay = parse_pay(item["salary_text"])
            if pay is None:
                self._problem(item, "salary")
            else:
                item["salary_min"], item["salary_max"] = pay.min, pay.max
                item["salary_currency"], item["salary_period"] = pay.currency, pay.period
        low, high = item["salary_min"], item["salary_max"]
        pay = (Pay(low if low is not None else high, high if high is not None else low, item["salary_currency"],
                   item["salary_period"]) if low is not None or high is not None else None)
        hourly = pay.per("hour") if pay else None
        annual = pay.per("year") if pay else None
        if pay and hourly is None:
            self._problem(item, "salary_period")
        if not all(math.isfinite(x) for x in (hourly or ()) + (annual or ())):
            hourly = annual = None  # an amount near a float's limit overflows in another period
            self._problem(item, "salary")
        item["salary_hourly_min"], item["salary_hourly_max"] = hourly or (None, None)
        item["salary_annual_min"], item["salary_annual_max"] = annual or (None, None)

    def process_item(self, item):
        raw_posted = item.get("posted_at")
        item["posted_at"] = normalize.iso_date(raw_posted)
        item["posted_at_utc"] = normalize.iso_timestamp(raw_posted)
        if raw_posted not in (None, "") and item["posted_at"] is None:
            self._problem(item, "posted_at")

        raw_url = item.get("url")
        item["url"] = safe_url(raw_url)
        if raw_url and item["url"] is None:
            self._problem(item, "url")

        for field in ("description", "title", "company", "location", "category"):
            if item.get(field) is not None and not isinstance(item.get(field), str):
                self._problem(item, field)  # a number, list or object where text belongs: emptied
        item["description"] = self._repaired(item, "description", normalize.html_to_text(item.get("description")))
        for field in ("title", "company", "location", "category"):
            item[field] = self._repaired(item, field, normalize.clean_text(item.get(field)))

        raw_type = item.get("employment_type")
        item["employment_type"] = normalize.employment_type(raw_type)
        if raw_type and item["employment_type"] == "unknown":
            self._problem(item, "employment_type")

        countries, regions = parse_location(item.get("location"))
        item["country_codes"], item["regions"] = countries, regions
        if item.get("location") and not countries and not regions:
            self._problem(item, "location_unresolved")
        if item.get("remote") not in ("remote", "hybrid", "onsite"):
            if item.get("remote") not in (None, "", "unknown"):
                self._problem(item, "remote")
            item["remote"] = remote_flag(item.get("location"), item.get("title"))
        item["seniority"] = seniority(item.get("title"))
        tags = item.get("tags")
        if tags is None:
            item["tags"] = []
        elif not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            item["tags"] = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
            self._problem(item, "tags")
        self._pay(item)
        item.setdefault("crawled_at", self.crawled_at)
        return item
