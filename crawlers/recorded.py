"""Recorded source responses -> normalised postings, without Scrapy.

The gold set (``skills/gold/``) stores skill spans as references: a recorded file under
``../shared/data``, a record id and character offsets into the posting's description *as the
crawler normalises it*. This module rebuilds exactly that text: the source's pure parser, then
the same ``NormalisePipeline`` every crawl runs. ``text_sha256`` lets a reader notice when a
parser or normaliser change has moved the offsets.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crawlers.normalize import load_json_body
from crawlers.parsers import (
    arbeitnow,
    greenhouse,
    hackernews,
    himalayas,
    jobicy,
    lever,
    remoteok,
    remotive,
    weworkremotely,
)
from crawlers.pipelines.normalise import NormalisePipeline

#: source name -> parser module for the sources whose recordings are one API response per file
_PAGE_PARSERS = {
    "remotive": remotive,
    "remoteok": remoteok,
    "arbeitnow": arbeitnow,
    "himalayas": himalayas,
    "jobicy": jobicy,
    "weworkremotely": weworkremotely,
    "greenhouse": greenhouse,
    "lever": lever,
}
SOURCES = (*_PAGE_PARSERS, "hackernews")


class RecordedFileError(ValueError):
    """A recorded file that cannot be read as its source's response."""


class _Counts(Counter):
    """The two stats calls the normalise pipeline makes, kept in memory."""

    def inc_value(self, key: str, count: int = 1) -> None:
        self[key] += count


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_of(path: Path) -> str:
    """The source a recording belongs to: the folder under ``sources/`` it sits in."""
    parts = Path(path).parts
    if "sources" in parts and parts.index("sources") + 1 < len(parts) - 1:
        name = parts[parts.index("sources") + 1]
        if name in SOURCES:
            return name
    raise RecordedFileError(f"{path}: not under sources/<one of {', '.join(SOURCES)}>/")


def _raw_fields(path: Path, source: str) -> Iterator[dict[str, Any]]:
    body = path.read_bytes()
    if source == "hackernews":
        payload = load_json_body(body)
        if not isinstance(payload, dict) or not isinstance(payload.get("comments"), list):
            raise RecordedFileError(f"{path}: expected a Firebase dump with 'post' and 'comments'")
        kind = hackernews.story_kind((payload.get("post") or {}).get("title")) or hackernews.HIRING
        for item in payload["comments"]:
            if isinstance(item, dict) and hackernews.skip_reason(item) is None:
                yield hackernews.posting_fields(item, kind)
        return
    parser = _PAGE_PARSERS[source]
    try:
        payload = getattr(parser, "load", load_json_body)(body)
        records = list(parser.iter_jobs(payload))
    except ValueError as exc:
        raise RecordedFileError(f"{path}: {exc}") from exc
    company = path.name.split("_")[0] if source in ("greenhouse", "lever") else None
    for record in records:
        yield parser.posting_fields(record, company) if company else parser.posting_fields(record)


def recorded_postings(path: str | Path) -> Iterator[dict[str, Any]]:
    """Normalised JobPosting fields for every posting in one recorded response file.

    ``description`` is the text the extractor sees (HTML to text, mojibake repaired), exactly
    as a crawl of the same response would store it.
    """
    path = Path(path)
    pipeline = NormalisePipeline(_Counts())
    for fields in _raw_fields(path, source_of(path)):
        yield pipeline.process_item(dict(fields))


def posting_text(path: str | Path, record_id: str) -> dict[str, Any]:
    """The one posting ``record_id`` (the source's own id) of a recorded file; KeyError if absent."""
    for posting in recorded_postings(path):
        if posting.get("source_id") == str(record_id):
            return posting
    raise KeyError(f"{path}: no posting with id {record_id!r}")


def main(argv: list[str] | None = None) -> int:
    """``python -m crawlers.recorded FILE [ID]``: list a recording's postings, or print one."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m crawlers.recorded", description=main.__doc__)
    ap.add_argument("file", type=Path, help="a recorded response under ../shared/data/sources/")
    ap.add_argument("record_id", nargs="?", help="print this posting's title and description")
    ap.add_argument("--json", action="store_true", help="one JSON line per posting: id, title, text, sha256")
    args = ap.parse_args(argv)
    if args.record_id:
        p = posting_text(args.file, args.record_id)
        text = p.get("description") or ""
        print(f"# {p['source']}:{p['source_id']} — {p.get('title')}  (sha256 {text_sha256(text)[:12]}, {len(text)} chars)")
        print(text)
        return 0
    for p in recorded_postings(args.file):
        text = p.get("description") or ""
        if args.json:
            print(json.dumps({"id": p["source_id"], "title": p.get("title"), "text": text,
                              "sha256": text_sha256(text)}, ensure_ascii=False))
        else:
            print(f"{p['source_id']}\t{len(text)}\t{p.get('title')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
