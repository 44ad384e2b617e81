"""Career pages that publish schema.org JobPosting structured data, from a URL list or a sitemap."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.utils.sitemap import Sitemap

from crawlers.parsers import jsonld
from crawlers.spiders.base import join_base
from crawlers.spiders.base import postings as to_postings


class CareersSpider(scrapy.Spider):
    name = "jsonld"

    def __init__(self, base_url: str | None = None, urls: str = "", sitemap: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not urls and not sitemap:
            raise ValueError("the jsonld source needs urls=URL,URL or sitemap=URL (`--arg urls=...`)")
        self.base_url = base_url
        self.urls = [u.strip() for u in urls.split(",") if u.strip()]
        self.sitemap = sitemap.strip()

    def _on_mirror(self, url: str) -> str:
        if not self.base_url:
            return url
        parts = urlsplit(url)
        return join_base(self.base_url, parts.path + (f"?{parts.query}" if parts.query else ""))

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.sitemap:
            yield scrapy.Request(self._on_mirror(self.sitemap), callback=self.parse_sitemap)
        for url in self.urls:
            yield scrapy.Request(self._on_mirror(url), callback=self.parse, cb_kwargs={"page_url": url})

    def parse_sitemap(self, response):
        for entry in Sitemap(response.body):
            if entry.get("loc"):
                yield scrapy.Request(self._on_mirror(entry["loc"]), callback=self.parse,
                                     cb_kwargs={"page_url": entry["loc"]})

    def parse(self, response, page_url: str):
        postings = jsonld.job_postings(response.text, page_url)
        if not postings:
            self.crawler.stats.inc_value("skillpulse/pages_without_jobposting/jsonld")
        yield from to_postings(self, postings, lambda record: jsonld.posting_fields(record, page_url))
