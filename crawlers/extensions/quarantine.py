"""Quarantine what a crawl cannot take, instead of losing it quietly.

Three ways a record goes missing in Scrapy, each caught here and written (with its source, id,
reason and the record itself) to ``SKILLPULSE_QUARANTINE_FILE`` — ``<crawl file>.quarantine.jsonl``
when run by `skillpulse crawl` — and counted in the crawl stats as ``skillpulse/quarantined/<source>``:

- a spider could not turn a native record into a posting (``quarantine_record`` below, which the
  spiders call per record so one bad record never costs the rest of its page);
- a pipeline dropped the item (``DropItem``: e.g. no id to store it under) or raised;
- a callback raised (the rest of that response is lost: the response is kept instead).

The lines have the shape `warehouse/quarantine.py` loads into ``meta.quarantine``.
"""

from __future__ import annotations

import json
from typing import Any

from scrapy import signals

from warehouse.quarantine import QuarantineFile, entry

#: Sent by spiders for a native record they could not map: ``record=``, ``reason=``.
record_quarantined = object()


def quarantine_record(spider, record: Any, reason: str) -> None:
    """Quarantine one native record the spider could not turn into a posting."""
    spider.crawler.signals.send_catch_log(signal=record_quarantined, spider=spider, record=record, reason=reason)


def _payload(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=True, default=repr)
    except (TypeError, ValueError, RecursionError):
        try:
            return repr(value)[:200_000]
        except RecursionError:  # nested too deeply even for repr: keep what can be said
            return f"<{type(value).__name__} nested too deeply to write out>"


def _record_id(value: Any) -> Any:
    if isinstance(value, dict):
        for key in ("source_id", "id", "slug", "guid"):
            if isinstance(value.get(key), (str, int)) and not isinstance(value.get(key), bool):
                return value[key]
    return None


class QuarantineExtension:
    def __init__(self, crawler) -> None:
        self.stats = crawler.stats
        path = crawler.settings.get("SKILLPULSE_QUARANTINE_FILE")
        self.file = QuarantineFile(path) if path else None
        crawler.signals.connect(self.record_quarantined, signal=record_quarantined)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _add(self, spider, source: str | None, record_id: Any, reason: str, payload: str) -> None:
        source = source or getattr(spider, "name", None)
        self.stats.inc_value(f"skillpulse/quarantined/{source}")
        spider.logger.warning("%s: quarantined a record (%s)", source, reason[:200])
        if self.file is not None:
            self.file.add(entry("crawl", source, record_id, "dropped", reason, payload))

    def record_quarantined(self, spider, record, reason) -> None:
        self._add(spider, None, _record_id(record), f"not a usable record: {reason}", _payload(record))

    def item_dropped(self, item, response, exception, spider) -> None:
        fields = dict(item)
        self._add(spider, fields.get("source"), fields.get("source_id"), f"dropped: {exception}",
                  _payload(fields.get("raw", fields)))

    def item_error(self, item, response, spider, failure) -> None:
        fields = dict(item)
        self._add(spider, fields.get("source"), fields.get("source_id"),
                  f"a pipeline failed: {failure.type.__name__}: {failure.getErrorMessage()}",
                  _payload(fields.get("raw", fields)))

    def spider_error(self, failure, response, spider) -> None:
        body = response.body[:200_000].decode("utf-8", errors="replace") if response is not None else ""
        self._add(spider, None, None,
                  f"the spider failed on {getattr(response, 'url', '?')}: {failure.type.__name__}: "
                  f"{failure.getErrorMessage()}", body)

    def spider_closed(self, spider) -> None:
        if self.file is not None:
            self.file.close()
