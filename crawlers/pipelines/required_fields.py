"""Count postings that lack a field the product needs; drop only those that cannot be keyed.

A posting without ``source_id`` cannot be upserted idempotently, so it is dropped (and counted);
a missing title, company, date or description is counted per field and the posting kept.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

NEEDED_FIELDS = ("title", "company", "description", "posted_at", "url")


class RequiredFieldsPipeline:
    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        source = item.get("source")
        if not item.get("source_id"):
            self.stats.inc_value(f"skillpulse/dropped_no_id/{source}")
            raise DropItem(f"{source}: posting without an id cannot be stored: {item.get('url')}")
        for field in NEEDED_FIELDS:
            if not item.get(field):
                self.stats.inc_value(f"skillpulse/field_missing/{source}/{field}")
        self.stats.inc_value(f"skillpulse/postings/{source}")
        return item
