"""Shared behaviour of JSON API spiders, so each source's spider is a few attributes.

A subclass names its live host, its API paths and a pure parser module exposing
``iter_jobs(payload)`` and ``posting_fields(record)``, and optionally ``declared_count(payload)``,
``next_page(payload)`` and ``load(body)`` (for bodies that are not JSON, e.g. an RSS feed).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from types import ModuleType
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit

import scrapy

from crawlers.extensions.quarantine import quarantine_record
from crawlers.items import JobPosting
from crawlers.normalize import JSONBodyError, load_json_body
from crawlers.parsers._coerce import refused


def postings(spider: scrapy.Spider, records: Iterable[Any], fields: Callable[[Any], dict]) -> Iterator[JobPosting]:
    """A posting per native record; a record ``fields`` cannot map is quarantined, not fatal
    (an exception in a callback would lose every later record of the page)."""
    for record in records:
        try:
            with refused() as wrong_types:
                mapped = fields(record)
        except Exception as exc:  # noqa: BLE001 - any bug or surprise in one record costs only it
            quarantine_record(spider, record, f"{type(exc).__name__}: {exc}"[:300])
            continue
        if wrong_types:
            # a field of the wrong type (an object for a title, text for a salary) was emptied
            spider.crawler.stats.inc_value(f"skillpulse/field_problem/{spider.name}/wrong_type", len(wrong_types))
        yield JobPosting(mapped)


def join_base(base_url: str, path: str) -> str:
    """Replace the live scheme+host by ``base_url``; the path stays exactly the live API's."""
    parts = urlsplit(base_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"base_url must be an http(s) URL with a host, got {base_url!r}")
    return f"{parts.scheme}://{parts.netloc}{path}"


class JsonApiSpider(scrapy.Spider):
    live_base_url: ClassVar[str]
    api_paths: ClassVar[Iterable[str]]
    parser: ClassVar[ModuleType]
    # Spider arguments passed through to the API's query string when given (e.g. category).
    query_args: ClassVar[tuple[str, ...]] = ()
    # Paginated APIs: the parser's ``next_page(payload)`` gives the next URL; this caps the walk.
    max_pages: int = 20

    def __init__(self, base_url: str | None = None, max_pages: int | str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url or self.live_base_url
        join_base(self.base_url, "/")  # fail at start, with a clear message, on a bad base_url
        self.query = {k: kwargs[k] for k in self.query_args if kwargs.get(k)}
        if max_pages is not None:
            self.max_pages = int(max_pages)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for path in self.api_paths:
            url = join_base(self.base_url, path)
            if self.query:
                url += ("&" if "?" in url else "?") + urlencode(self.query)
            yield scrapy.Request(url, callback=self.parse, cb_kwargs={"page": 1})

    def parse(self, response, page: int = 1):
        stats = self.crawler.stats
        try:
            payload = getattr(self.parser, "load", load_json_body)(response.body)
            records = list(self.parser.iter_jobs(payload))
        except (JSONBodyError, ValueError) as exc:
            stats.inc_value(f"skillpulse/bad_response/{self.name}")
            self.logger.error("%s: unusable response from %s: %s", self.name, response.url, exc)
            return
        declared = getattr(self.parser, "declared_count", lambda _p: None)(payload)
        if declared is not None and declared != len(records):
            stats.set_value(f"skillpulse/declared_count_mismatch/{self.name}", declared - len(records))
            self.logger.warning(
                "%s: envelope says %d jobs, response holds %d", self.name, declared, len(records)
            )
        stats.inc_value(f"skillpulse/records_seen/{self.name}", len(records))
        yield from postings(self, records, self.parser.posting_fields)
        next_page = getattr(self.parser, "next_page", None)
        following = next_page(payload) if next_page else None
        if following and page < self.max_pages:
            # Pagination links name the live host; follow them on the mirror we were given.
            parts = urlsplit(following)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            yield scrapy.Request(join_base(self.base_url, path), callback=self.parse,
                                 cb_kwargs={"page": page + 1})
        elif following:
            stats.set_value(f"skillpulse/pages_capped/{self.name}", self.max_pages)
