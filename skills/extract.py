"""Bulk extraction: JSON-lines postings in, posting skills with character offsets out.

This is the library side of ``skillpulse extract``; the CLI wiring lives in ``flows/``.
Everything streams (generator in, generator out), so memory stays flat on any input size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Optional

import spacy
from spacy.language import Language

from . import EXTRACTOR_VERSION
from .component import FACTORY_NAME, SkillMatcher, skill_mentions
from .taxonomy import DEFAULT_TAXONOMY_PATH, load_taxonomy

TAXONOMY_VERSION: str = load_taxonomy().version

__all__ = [
    "EXTRACTOR_VERSION",
    "TAXONOMY_VERSION",
    "ExtractStats",
    "extract_records",
    "extract_stream",
    "load_pipeline",
]


def _build_pipeline(taxonomy_path: Optional[str], overlays: tuple[str, ...] = ()) -> Language:
    # A blank English pipeline has nothing but the tokenizer, which is all the matcher needs;
    # a trained model would be ~60x slower for no gain here (see STACK-NOTES.md).
    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY_NAME, config={"taxonomy_path": taxonomy_path, "overlays": list(overlays)})
    return nlp


@lru_cache(maxsize=4)
def _cached_pipeline(taxonomy_path: Optional[str], overlays: tuple[str, ...], _stamp: tuple[int, ...]) -> Language:
    return _build_pipeline(taxonomy_path, overlays)


def _mtime(path: str) -> int:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return -1


def load_pipeline(taxonomy_path: str | Path | None = None, overlays: Sequence[str | Path] = ()) -> Language:
    """Blank English + the skill component, built once per (taxonomy, overlays) and shared
    (treat it as read-only). An edited overlay file gives a fresh pipeline (mtime in the key)."""
    base = None
    if taxonomy_path is not None and Path(taxonomy_path).resolve() != DEFAULT_TAXONOMY_PATH:
        base = str(Path(taxonomy_path).resolve())
    layers = tuple(str(Path(o).resolve()) for o in overlays if o)
    stamp = tuple(_mtime(p) for p in ((base,) if base else ()) + layers)
    return _cached_pipeline(base, layers, stamp)


def _check_pipeline(nlp: Language) -> None:
    if not any(isinstance(pipe, SkillMatcher) for _, pipe in nlp.pipeline):
        raise ValueError(f"pipeline has no {FACTORY_NAME!r} component (pipes: {nlp.pipe_names})")


def extract_records(
    records: Iterable[Mapping[str, Any]],
    nlp: Optional[Language] = None,
    batch_size: int = 256,
    n_process: int = 1,
) -> Iterator[dict[str, Any]]:
    """Yield ``{"id", "skills": [{"skill", "category", "start", "end", "text"}]}`` per record.

    ``start``/``end`` are character offsets into the record's ``text`` (``text[start:end] ==
    surface``). An optional string ``title`` is used only as evidence for ambiguous skills.
    One output per input, in input order; a missing or non-string text gives no skills.
    ``n_process`` > 1 runs spaCy worker processes (inputs still stream; order is kept).
    """
    nlp = nlp or load_pipeline()
    _check_pipeline(nlp)

    def docs() -> Iterator[tuple[Any, tuple[Any, str]]]:
        for record in records:
            if not isinstance(record, Mapping):
                raise TypeError(f"records must be mappings, got {type(record).__name__}")
            text = record.get("text")
            text = text if isinstance(text, str) else ""
            doc = nlp.make_doc(text)
            title = record.get("title")
            if isinstance(title, str) and title.strip():
                doc._.skill_context = title
            # Carry the input string along: doc.text would rebuild it token by token.
            yield doc, (record.get("id"), text)

    for doc, (record_id, text) in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size,
                                           n_process=max(1, int(n_process))):
        yield {
            "id": record_id,
            "skills": [
                {"skill": m.skill, "category": m.category, "start": m.start, "end": m.end,
                 "text": text[m.start : m.end]}
                for m in skill_mentions(doc)
            ],
        }


@dataclass
class ExtractStats:
    """What ``extract_stream`` did. ``errors`` holds one "line N: reason" per skipped line."""

    read: int = 0  # non-blank input lines
    written: int = 0  # output lines
    mentions: int = 0  # skill mentions written
    errors: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.errors)

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_line(line: str) -> tuple[Optional[dict[str, Any]], str]:
    """Return (record, "") for a usable line or (None, reason) for a bad one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(record, dict):
        return None, f"not a JSON object (got {type(record).__name__})"
    if "id" not in record:
        return None, "missing 'id'"
    if isinstance(record["id"], bool) or not isinstance(record["id"], (str, int)):
        return None, f"'id' must be a string or an integer (got {type(record['id']).__name__})"
    if "text" not in record:
        return None, "missing 'text'"
    if not isinstance(record["text"], str):
        return None, f"'text' must be a string (got {type(record['text']).__name__})"
    return record, ""


def extract_stream(
    in_fh: IO[str],
    out_fh: IO[str],
    nlp: Optional[Language] = None,
    batch_size: int = 256,
    n_process: int = 1,
) -> ExtractStats:
    """Read postings as JSON lines from ``in_fh``, write extraction results as JSON lines.

    Bad lines (invalid JSON, not an object, no "id"/"text", non-string text) are skipped and
    reported in ``stats.errors`` with their line number; every good line is still processed.
    Blank lines are ignored. The caller opens, flushes and closes the handles.
    """
    stats = ExtractStats()

    def records() -> Iterator[dict[str, Any]]:
        for lineno, line in enumerate(in_fh, start=1):
            if lineno == 1:
                line = line.lstrip("\ufeff")  # files saved with a BOM (seen in real source dumps)
            if not line.strip():
                continue
            stats.read += 1
            record, reason = _parse_line(line)
            if record is None:
                stats.errors.append(f"line {lineno}: {reason}")
                continue
            yield record

    for result in extract_records(records(), nlp=nlp, batch_size=batch_size, n_process=n_process):
        out_fh.write(json.dumps(result, ensure_ascii=False) + "\n")
        stats.written += 1
        stats.mentions += len(result["skills"])
    return stats
