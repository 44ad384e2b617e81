"""Run one spider to a JSON-lines file, in this process (the CLI's `skillpulse crawl`).

Callers that live in a long-running process (the Prefect flow) must run this in a subprocess:
Twisted's reactor cannot be restarted (see STACK-NOTES.md).
The output is written to a temporary file and renamed into place only when the crawl ends, so a
killed crawl never leaves a half-written file where the loader would find it.
"""

from __future__ import annotations

import ipaddress
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from crawlers import settings as crawler_settings
from crawlers.sources import get_source


@dataclass
class CrawlSummary:
    source: str
    out: str
    items: int
    errors: int
    finish_reason: str
    seconds: float
    field_problems: dict[str, int] = field(default_factory=dict)

    http_errors: dict[str, int] = field(default_factory=dict)
    robots_forbidden: int = 0
    quarantined: int = 0  # records written to ``quarantine_file`` instead of the output
    quarantine_file: str | None = None
    repaired: int = 0  # characters replaced so a posting could be written (lone surrogates)

    @property
    def ok(self) -> bool:
        # A job source with nothing listed at all is far likelier broken than empty.
        return self.finish_reason == "finished" and self.items > 0


def is_loopback(base_url: str | None) -> bool:
    if not base_url:
        return False
    host = urlsplit(base_url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def quarantine_path(out: Path) -> Path:
    """Where a crawl writing ``out`` puts the records it could not take."""
    out = Path(out)
    return out.with_name(out.name + ".quarantine.jsonl")


def build_settings(base_url: str | None, log_level: str = "INFO") -> Settings:
    settings = Settings()
    settings.setmodule(crawler_settings, priority="project")
    if is_loopback(base_url):
        settings.setdict(crawler_settings.local_overrides(), priority="project")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    return settings


def run_crawl(
    source_name: str,
    out: Path,
    *,
    base_url: str | None = None,
    spider_args: dict[str, str] | None = None,
    log_level: str = "INFO",
    download_timeout: float | None = None,
    http_cache_dir: Path | None = None,
    record_dir: Path | None = None,
) -> CrawlSummary:
    source = get_source(source_name)
    spider_cls = load_object(source.spider)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.partial")
    settings = build_settings(base_url, log_level)
    if download_timeout:
        settings.set("DOWNLOAD_TIMEOUT", download_timeout, priority="cmdline")
    if record_dir:
        settings.set("SKILLPULSE_RECORD_DIR", str(record_dir), priority="cmdline")
    if http_cache_dir:
        # RFC 2616 policy: a later crawl revalidates with If-None-Match / If-Modified-Since and
        # gets a 304 instead of the whole body where the source supports conditional requests.
        settings.setdict({
            "HTTPCACHE_ENABLED": True,
            "HTTPCACHE_DIR": str(Path(http_cache_dir).resolve()),
            "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
            "HTTPCACHE_IGNORE_HTTP_CODES": [429, 500, 502, 503, 504],
        }, priority="cmdline")
    quarantine = quarantine_path(out)
    quarantine.unlink(missing_ok=True)
    settings.set("SKILLPULSE_QUARANTINE_FILE", str(quarantine), priority="cmdline")
    settings.set(
        "FEEDS",
        {str(tmp): {"format": "jsonlines", "encoding": "utf-8", "overwrite": True}},
        priority="cmdline",
    )
    started = time.monotonic()
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider_cls)
    process.crawl(crawler, base_url=base_url, **(spider_args or {}))
    process.start()
    stats = crawler.stats.get_stats()
    summary = CrawlSummary(
        source=source.name,
        out=str(out),
        items=int(stats.get("item_scraped_count", 0)),
        errors=int(stats.get("log_count/ERROR", 0)),
        finish_reason=str(stats.get("finish_reason", "unknown")),
        seconds=round(time.monotonic() - started, 3),
        field_problems={
            k.removeprefix("skillpulse/"): int(v)
            for k, v in stats.items()
            if k.startswith(("skillpulse/field_problem/", "skillpulse/field_missing/"))
        },
        http_errors={
            k.rsplit("/", 1)[1]: int(v)
            for k, v in stats.items()
            if k.startswith("httperror/response_ignored_status_count/")
        },
        robots_forbidden=int(stats.get("robotstxt/forbidden", 0)),
        quarantined=sum(int(v) for k, v in stats.items() if k.startswith("skillpulse/quarantined/")),
        quarantine_file=str(quarantine) if quarantine.exists() else None,
        repaired=sum(int(v) for k, v in stats.items() if k.startswith("skillpulse/text_repaired/")
                     and k.endswith("/surrogates")),
    )
    if summary.items == 0 and out.exists():
        # Nothing usable came back: keep the previous output rather than replace it with nothing.
        tmp.unlink(missing_ok=True)
    else:
        if not tmp.exists():
            tmp.write_text("", encoding="utf-8")
        os.replace(tmp, out)
    stats_path = out.with_name(out.name + ".stats.json")
    stats_path.write_text(
        json.dumps({"summary": asdict(summary), "scrapy": stats}, default=str, indent=1),
        encoding="utf-8",
    )
    return summary
