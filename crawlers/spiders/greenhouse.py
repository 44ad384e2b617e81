"""Greenhouse job boards, and the per-company spider it shares with Lever.

A per-company source makes one request per board token: the ``companies`` argument
(``skillpulse crawl greenhouse --companies a,b``) or, without it, every board of the shipped list
``crawlers/data/companies.toml`` (plus an overlay given as ``companies_file``). A board that answers
404 is logged and counted (``skillpulse/board_missing/<source>``); the other boards go on.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError

from crawlers.normalize import JSONBodyError, load_json_body
from crawlers.parsers import greenhouse
from crawlers.spiders.base import JsonApiSpider, join_base, postings

COMPANIES_FILE = Path(__file__).resolve().parents[1] / "data" / "companies.toml"
BOARD_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def _read_companies_file(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected tables named after sources, e.g. [greenhouse]")
    return data


def load_companies(source: str, overlay: str | Path | None = None) -> dict[str, str]:
    """Board token -> display name for ``source``: the shipped list, then ``overlay`` on top of it.

    In the overlay, ``token = "Name"`` adds or renames a board and ``token = false`` drops one.
    """
    companies = {str(k): str(v) for k, v in _read_companies_file(COMPANIES_FILE).get(source, {}).items()}
    if overlay:
        path = Path(overlay).expanduser()
        section = _read_companies_file(path).get(source, {})
        if not isinstance(section, dict):
            raise ValueError(f"{path}: [{source}] must be a table of token = \"Display name\"")
        for token, name in section.items():
            if name is False:
                companies.pop(token, None)
            elif isinstance(name, str):
                companies[token] = name.strip() or token
            else:
                raise ValueError(f"{path}: [{source}] {token} must be a display name or false, got {name!r}")
    return companies


def company_tokens(companies: str) -> list[str]:
    """``"a, b,a"`` -> ``["a", "b"]``: order kept, blanks and repeats dropped."""
    tokens: list[str] = []
    for token in companies.split(","):
        token = token.strip()
        if token and token not in tokens:
            tokens.append(token)
    return tokens


class CompanyBoardSpider(JsonApiSpider):
    """One request per company board; a subclass names ``board_path`` (with ``{token}``) and a parser
    whose ``posting_fields(record, company)`` takes the board's display name."""

    board_path: ClassVar[str]
    api_paths: ClassVar[tuple[str, ...]] = ()

    def __init__(self, base_url: str | None = None, companies: str | None = None,
                 companies_file: str | None = None, **kwargs: Any) -> None:
        super().__init__(base_url=base_url, **kwargs)
        self.known = load_companies(self.name, companies_file)
        tokens = company_tokens(companies) if companies else list(self.known)
        self.boards = [t for t in tokens if BOARD_TOKEN.fullmatch(t)]
        self.invalid_tokens = [t for t in tokens if not BOARD_TOKEN.fullmatch(t)]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        stats = self.crawler.stats
        for token in self.invalid_tokens:
            stats.inc_value(f"skillpulse/board_invalid/{self.name}")
            self.logger.error("%s: %r is not a board token (letters, digits, '.', '_', '-'); skipped",
                              self.name, token)
        stats.set_value(f"skillpulse/boards_requested/{self.name}", len(self.boards))
        if not self.boards:
            self.logger.error("%s: no boards to crawl (give --companies or fix the companies list)", self.name)
        for token in self.boards:
            yield scrapy.Request(
                join_base(self.base_url, self.board_path.format(token=token)),
                callback=self.parse, errback=self.board_failed, cb_kwargs={"token": token},
                meta={"handle_httpstatus_list": [404]},  # a missing board reaches parse, to be counted
            )

    def parse(self, response, token: str):
        stats = self.crawler.stats
        if response.status == 404:
            stats.inc_value(f"skillpulse/board_missing/{self.name}")
            self.logger.warning("%s: board %r not found (HTTP 404 from %s); skipped, the other boards go on",
                                self.name, token, response.url)
            return
        try:
            payload = load_json_body(response.body)
            records = list(self.parser.iter_jobs(payload))
        except (JSONBodyError, ValueError) as exc:
            stats.inc_value(f"skillpulse/bad_response/{self.name}")
            self.logger.error("%s: board %r: unusable response from %s: %s", self.name, token, response.url, exc)
            return
        declared = getattr(self.parser, "declared_count", lambda _p: None)(payload)
        if declared is not None and declared != len(records):
            stats.inc_value(f"skillpulse/declared_count_mismatch/{self.name}", declared - len(records))
            self.logger.warning("%s: board %r says %d jobs, response holds %d",
                                self.name, token, declared, len(records))
        stats.inc_value(f"skillpulse/boards_crawled/{self.name}")
        stats.inc_value(f"skillpulse/records_seen/{self.name}", len(records))
        stats.set_value(f"skillpulse/board_records/{self.name}/{token}", len(records))
        if not records:
            stats.inc_value(f"skillpulse/board_empty/{self.name}")
            self.logger.info("%s: board %r lists no jobs right now", self.name, token)
        company = self.known.get(token) or token
        yield from postings(self, records, lambda record: self.parser.posting_fields(record, company))

    def board_failed(self, failure):
        token = failure.request.cb_kwargs.get("token")
        self.crawler.stats.inc_value(f"skillpulse/board_failed/{self.name}")
        reason = f"HTTP {failure.value.response.status}" if failure.check(HttpError) else repr(failure.value)
        self.logger.error("%s: board %r failed (%s) at %s; the other boards go on",
                          self.name, token, reason, failure.request.url)


class GreenhouseSpider(CompanyBoardSpider):
    """Greenhouse's public Job Board API, one board per company token."""

    name = "greenhouse"
    live_base_url = "https://boards-api.greenhouse.io"
    board_path = "/v1/boards/{token}/jobs?content=true"
    parser = greenhouse
