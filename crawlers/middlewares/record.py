"""Record every response a crawl receives into a replay archive (`skillpulse crawl --record DIR`).

The archive is the same format `skillpulse replay DIR` serves, keyed on the live path and query,
so a recorded crawl can be replayed offline with `--base-url` pointing at the replay server.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

from crawlers.replay import MANIFEST, Archive


class RecordMiddleware:
    def __init__(self, folder: str, stats) -> None:
        root = Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        # Recording into an existing archive adds to it (a later entry for the same URL wins).
        self.archive = Archive.load(root) if (root / MANIFEST).exists() else Archive(root)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        folder = crawler.settings.get("SKILLPULSE_RECORD_DIR")
        if not folder:
            raise NotConfigured
        return cls(folder, crawler.stats)

    def process_response(self, request, response, spider=None):
        if "cached" in response.flags:
            return response  # served from the HTTP cache: it was recorded when it was fetched
        parts = urlsplit(response.url)
        content_type = response.headers.get("Content-Type", b"application/octet-stream").decode("latin-1")
        self.archive.add(parts.path or "/", response.body, query=parts.query, status=response.status,
                         content_type=content_type)
        self.stats.inc_value("skillpulse/recorded_responses")
        return response
