"""Last stop before the feed: every string of the item, ``raw`` included, must encode as UTF-8.

A lone surrogate ("\ud800" is valid JSON) survives parsing and normalising, then makes Scrapy's
feed exporter drop the whole item while the crawl reports success. Here each is replaced with
U+FFFD (counted as ``skillpulse/text_repaired/<source>/surrogates``). An item that still cannot
be serialised is dropped with the reason, which quarantines it (crawlers/extensions/quarantine.py).
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.utils.serialize import ScrapyJSONEncoder

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with every lone surrogate in any nested string (or key) replaced; and how many.

    Iterative, so a record nested thousands deep (valid JSON) cannot overflow the stack here.
    """
    if isinstance(value, str):
        return _LONE_SURROGATE.subn("\ufffd", value)
    if not isinstance(value, (list, tuple, dict)):
        return value, 0
    count = 0
    root: list[Any] = [value]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, value)]  # (container, key, value to fix)
    while stack:
        container, key, item = stack.pop()
        if isinstance(item, str):
            fixed, n = _LONE_SURROGATE.subn("\ufffd", item)
            if n:
                count += n
                container[key] = fixed
        elif isinstance(item, (list, tuple)):
            copy = list(item)
            container[key] = copy
            stack.extend((copy, i, v) for i, v in enumerate(copy))
        elif isinstance(item, dict):
            copy = {}
            for k, v in item.items():
                if isinstance(k, str):
                    new_key, n = _LONE_SURROGATE.subn("\ufffd", k)
                    count += n
                else:
                    new_key = k
                copy[new_key] = v
            container[key] = copy
            stack.extend((copy, k, v) for k, v in copy.items())
    return root[0], count


class TextSafetyPipeline:
    def __init__(self, stats) -> None:
        self.stats = stats
        # The feed exporter's own encoder, so "serialisable" means what the exporter will manage.
        self.encoder = ScrapyJSONEncoder(ensure_ascii=False)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        source = item.get("source")
        replaced = 0
        for field in list(item.keys()):
            value = item[field]
            if isinstance(value, (str, list, tuple, dict)):
                fixed, n = without_surrogates(value)
                if n:
                    item[field] = fixed
                    replaced += n
        if replaced:
            self.stats.inc_value(f"skillpulse/text_repaired/{source}/surrogates", replaced)
        try:
            self.encoder.encode(dict(item)).encode("utf-8")
        except (TypeError, ValueError, RecursionError, UnicodeEncodeError) as exc:
            raise DropItem(f"cannot be written as JSON: {type(exc).__name__}: {exc}"[:300]) from None
        return item
