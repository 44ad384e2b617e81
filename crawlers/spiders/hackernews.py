"""Hacker News "Ask HN: Who is hiring?" (and "Freelancer? Seeking freelancer?") via the Firebase API.

Fetches the ``whoishiring`` user, then its stories one at a time, newest first, until the parser's
``StoryPicker`` has what it needs (by default the latest of each kind; ``months="2011-04..2024-07"``
for a backfill), then every top-level comment of each chosen story: one posting each.
Spider arguments: ``months`` (``YYYY-MM`` or ``YYYY-MM..YYYY-MM``), ``max_comments`` (per story),
``seen_file`` (comment ids already stored, one per line: not fetched again, so a nightly crawl
fetches only the new comments of the month; the refresh writes it from the warehouse).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import scrapy

from crawlers.normalize import JSONBodyError, load_json_body
from crawlers.parsers import hackernews as hn
from crawlers.spiders.base import join_base, postings


class HackerNewsSpider(scrapy.Spider):
    name = "hackernews"
    live_base_url = "https://hacker-news.firebaseio.com"

    def __init__(self, base_url: str | None = None, months: str | None = None,
                 max_comments: int | str | None = None, seen_file: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url or self.live_base_url
        join_base(self.base_url, "/")  # fail at start, with a clear message, on a bad base_url
        self.picker = hn.StoryPicker(hn.parse_months(months))
        self.max_comments = int(max_comments) if max_comments not in (None, "") else None
        if self.max_comments is not None and self.max_comments < 1:
            raise ValueError(f"max_comments must be at least 1, got {max_comments!r}")
        self.story_ids: list[int] = []
        self.seen: set[int] = set()
        if seen_file:
            lines = Path(seen_file).read_text(encoding="utf-8").split()
            self.seen = {int(line) for line in lines if line.isdigit()}

    def _get(self, path: str, callback, errback=None, **cb_kwargs) -> scrapy.Request:
        return scrapy.Request(join_base(self.base_url, path), callback=callback, errback=errback,
                              cb_kwargs=cb_kwargs)

    async def start(self):
        yield self._get(hn.USER_PATH, self.parse_user)

    def _load(self, response) -> Any:
        """The decoded body; ``None`` for a malformed body or Firebase's ``null`` (both counted)."""
        try:
            payload = load_json_body(response.body)
        except JSONBodyError as exc:
            self.crawler.stats.inc_value(f"skillpulse/bad_response/{self.name}")
            self.logger.error("%s: unusable response from %s: %s", self.name, response.url, exc)
            return None
        if payload is None:
            self.crawler.stats.inc_value("skillpulse/hn_null_item")
            self.logger.warning("%s: %s is null (no such item)", self.name, response.url)
        elif not isinstance(payload, dict):
            self.crawler.stats.inc_value(f"skillpulse/bad_response/{self.name}")
            self.logger.error("%s: %s is not a JSON object", self.name, response.url)
            return None
        return payload

    def parse_user(self, response):
        user = self._load(response)
        try:
            self.story_ids = hn.story_ids(user)
        except ValueError as exc:
            if user is not None:
                self.crawler.stats.inc_value(f"skillpulse/bad_response/{self.name}")
                self.logger.error("%s: unusable response from %s: %s", self.name, response.url, exc)
            return
        yield from self._walk(0)

    def _walk(self, index: int):
        if index < len(self.story_ids):
            yield self._get(hn.item_path(self.story_ids[index]), self.parse_story, self.story_failed,
                           index=index)

    def parse_story(self, response, index: int):
        story = self._load(response) or {}
        kind, done = self.picker.offer(story)
        if kind:
            kids = hn.top_level_ids(story)
            self.crawler.stats.inc_value(f"skillpulse/hn_stories/{kind}")
            self.logger.info("%s: %r, %d top-level comments", self.name, story.get("title"), len(kids))
            if self.max_comments is not None and len(kids) > self.max_comments:
                self.crawler.stats.inc_value("skillpulse/hn_comments_capped", len(kids) - self.max_comments)
                kids = kids[: self.max_comments]
            fresh = [kid for kid in kids if kid not in self.seen]
            if len(fresh) < len(kids):
                self.crawler.stats.inc_value("skillpulse/hn_skipped_seen", len(kids) - len(fresh))
            for kid in fresh:
                yield self._get(hn.item_path(kid), self.parse_comment, thread=kind)
        if not done:
            yield from self._walk(index + 1)

    def story_failed(self, failure):
        """A story that cannot be fetched is skipped; the walk goes on."""
        self.logger.warning("%s: skipping story %s: %s", self.name, failure.request.url, failure.value)
        _, done = self.picker.offer({})
        if not done:
            yield from self._walk(failure.request.cb_kwargs["index"] + 1)

    def parse_comment(self, response, thread: str):
        item = self._load(response)
        if item is None:
            return
        reason = hn.skip_reason(item)
        if reason:
            self.crawler.stats.inc_value(f"skillpulse/hn_skipped_{reason}")
            return
        self.crawler.stats.inc_value(f"skillpulse/records_seen/{self.name}")
        yield from postings(self, [item], lambda record: hn.posting_fields(record, thread))
