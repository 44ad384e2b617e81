"""Bulk extraction: JSON-lines postings in, posting skills with character offsets out.

This is the library side of ``skillpulse extract``; the CLI wiring lives in ``flows/``.
Everything streams (generator in, generator out), so memory stays flat on any input size.
"""

from __future__ import annotations

import itertools
import json
import re
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import EXTRACTOR_VERSION
from .component import FACTORY_NAME, SkillMatcher, skill_mentions
from .taxonomy import DEFAULT_TAXONOMY_PATH, load_taxonomy

TAXONOMY_VERSION: str = load_taxonomy().version

__all__ = [
    "EXTRACTOR_VERSION",
    "TAXONOMY_VERSION",
    "MAX_TEXT_CHARS",
    "ExtractProblem",
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


#: Texts longer than this are cut here (at the last blank before it, within 2,000 characters) and
#: the skills of the first part are extracted. Real postings are 2-30K characters (the longest
#: in ../shared/data/sources is ~60K); spaCy refuses 1,000,000+ outright (E088), and a text
#: that long is pasted junk or an attack, not a job description.
MAX_TEXT_CHARS = 100_000
#: A title is context for ambiguous skills only; more than this is not a title.
MAX_TITLE_CHARS = 1_000
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

#: Kinds of problem ``extract_records`` reports: the record was skipped (nothing written for it),
#: its text was truncated (skills of the first MAX_TEXT_CHARS), or characters were replaced.
SKIPPED, TRUNCATED, REPAIRED = "skipped", "truncated", "repaired"

Report = Callable[[Any, Any, str, str], None]  # (key, record id, kind, reason)


def safe_text(text: object, limit: int = MAX_TEXT_CHARS) -> tuple[str, list[tuple[str, str]]]:
    """``text`` as the pipeline can take it, and what had to change: [(kind, reason)].

    Lone surrogates (valid in JSON, fatal in spaCy's string store) become U+FFFD, one character
    for one, so offsets still point into the original. Over-long text keeps its first part.
    """
    if not isinstance(text, str):
        return "", []
    fixes: list[tuple[str, str]] = []
    if _LONE_SURROGATE.search(text):
        count = len(_LONE_SURROGATE.findall(text))
        text = _LONE_SURROGATE.sub("\ufffd", text)
        fixes.append((REPAIRED, f"{count} lone surrogate(s) replaced with U+FFFD"))
    if len(text) > limit:
        cut = limit
        blank = max(text.rfind(" ", limit - 2000, limit), text.rfind("\n", limit - 2000, limit))
        if blank > 0:
            cut = blank
        fixes.append((TRUNCATED, f"text is {len(text):,} characters; skills extracted from the "
                                 f"first {cut:,} (limit {limit:,})"))
        text = text[:cut]
    return text, fixes


def _raise(key: Any, record_id: Any, kind: str, reason: str) -> None:
    if kind == SKIPPED:
        raise RuntimeError(f"extraction failed for record {record_id!r}: {reason}")


def extract_records(
    records: Iterable[Mapping[str, Any]],
    nlp: Optional[Language] = None,
    batch_size: int = 256,
    n_process: int = 1,
    report: Optional[Report] = None,
) -> Iterator[dict[str, Any]]:
    """Yield ``{"id", "skills": [{"skill", "category", "start", "end", "text"}]}`` per record.

    ``start``/``end`` are character offsets into the record's ``text`` (``text[start:end] ==
    surface``). An optional string ``title`` is used only as evidence for ambiguous skills.
    One output per input, in input order; a missing or non-string text gives no skills.
    ``n_process`` > 1 runs spaCy worker processes (inputs still stream; order is kept).

    Hostile text never stops the stream: lone surrogates are replaced, texts over
    ``MAX_TEXT_CHARS`` are cut, and each change is passed to ``report(key, id, kind, reason)``.
    A record the pipeline itself fails on is reported as ``"skipped"`` and gets no output; with no
    ``report`` that failure raises instead, so the one-output-per-input promise holds.
    """
    keyed = ((None, record) for record in records)
    for _key, result in extract_keyed(keyed, nlp, batch_size, n_process, report or _raise):
        yield result


def extract_keyed(
    items: Iterable[tuple[Any, Mapping[str, Any]]],
    nlp: Optional[Language],
    batch_size: int,
    n_process: int,
    report: Report,
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """``extract_records`` over ``(key, record)`` pairs, yielding ``(key, result)``: the key (a line
    number, say) comes back with the result and with every problem reported."""
    nlp = nlp or load_pipeline()
    _check_pipeline(nlp)
    prepared = _prepared(items, report)
    if max(1, int(n_process)) == 1:
        yield from _run_isolated(nlp, prepared, batch_size, report)
        return
    yield from _run_pooled(nlp, prepared, batch_size, int(n_process), report)


# ---- worker processes: each takes whole chunks of records (tokenising included, which is ~90% of
# the work: passing Docs to spaCy's own n_process would leave it in this process).

_WORKER_NLP: Optional[Language] = None


def _worker_start(config: str, data: bytes) -> None:
    global _WORKER_NLP
    from spacy.util import load_model_from_config
    from thinc.api import Config

    nlp = load_model_from_config(Config().from_str(config), auto_fill=True)
    _WORKER_NLP = nlp.from_bytes(data)


def _worker_chunk(chunk: list[_Item]) -> tuple[list[tuple[Any, dict[str, Any]]], list[tuple[Any, Any, str, str]]]:
    problems: list[tuple[Any, Any, str, str]] = []
    results = list(_run_isolated(_WORKER_NLP, chunk, max(1, len(chunk)),
                                 lambda *problem: problems.append(problem)))
    return results, problems


def _run_pooled(nlp: Language, items: Iterator[_Item], batch_size: int, n_process: int,
                report: Report) -> Iterator[tuple[Any, dict[str, Any]]]:
    """``_run_isolated`` over chunks in ``n_process`` spawned workers, in input order, with at most
    two chunks per worker in flight (memory stays flat on any input). If the workers cannot start
    (a pipeline that cannot be rebuilt from its config and bytes) or one dies, this process does
    the chunks left."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk_size = max(1, batch_size) * 4
    try:
        pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_start, initargs=(nlp.config.to_str(), nlp.to_bytes()))
    except Exception:  # noqa: BLE001 - no workers: do it here
        yield from _run_isolated(nlp, items, batch_size, report)
        return
    in_flight: deque[tuple[list[_Item], Any]] = deque()
    broken = False
    try:
        while True:
            while not broken and len(in_flight) < 2 * n_process:
                chunk = list(itertools.islice(items, chunk_size))
                if not chunk:
                    break
                try:
                    in_flight.append((chunk, pool.submit(_worker_chunk, chunk)))
                except Exception:  # noqa: BLE001 - the pool broke (a worker could not start or died)
                    broken = True
                    in_flight.append((chunk, None))
            if not in_flight:
                if broken:  # the rest of the input, here
                    yield from _run_isolated(nlp, items, batch_size, report)
                break
            chunk, pending = in_flight.popleft()
            try:
                if pending is None:
                    raise RuntimeError("no worker")
                results, problems = pending.result()
            except Exception:  # noqa: BLE001 - redo that chunk here, isolating any bad record
                broken = True
                results, problems = list(_run_isolated(nlp, chunk, batch_size, report)), []
            for problem in problems:
                report(*problem)
            yield from results
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


#: How many distinct spans make_doc primes per pipeline (and spaCy's tokenizer cache may hold):
#: ~50 MB of strings at most; past it, texts are tokenized as spaCy would without priming.
PRIMED_SPANS_MAX = 500_000
_PRIMED: weakref.WeakKeyDictionary[Language, tuple[Any, set[str], frozenset[str]]] = weakref.WeakKeyDictionary()


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, the same tokens, with spaCy's tokenizer cache doing its job.

    spaCy's tokenizer caches how it splits each whitespace-separated span, except (its guard for
    issue #1250) the spans it meets after a special case in the same text: a newline is one, so in
    a job posting that is almost every span after the first line, and it split the same words
    again in every posting (~90% of the extraction's time). A span tokenized with no special case
    before it is cached exactly as spaCy caches any span that comes first in a text (one that uses
    a special case itself is still never cached). So the spans new to this pipeline are tokenized
    first (the plain words together, any other span alone), then the text, mostly from the
    cache. The same tokens (tests/test_tokenizer_cache.py checks every recorded posting); see
    skills/README.md for speed.
    """
    tokenizer = nlp.tokenizer
    primed = _PRIMED.get(nlp)
    if primed is None or primed[0] is not tokenizer:
        try:
            tokenizer.max_cache_size = max(tokenizer.max_cache_size, PRIMED_SPANS_MAX)
            specials = frozenset(tokenizer.rules or {})
        except (AttributeError, TypeError):  # a tokenizer without spaCy's cache: nothing to prime
            return nlp.make_doc(text)
        primed = _PRIMED[nlp] = (tokenizer, set(), specials)
    _, seen, specials = primed
    if len(seen) < PRIMED_SPANS_MAX:
        new = [span for span in dict.fromkeys(text.split()) if span not in seen]
        if new:
            seen.update(new)
            words = []
            for span in new:
                # Letters only: no prefix or suffix rule strips a letter, so the span is its only
                # candidate for a special case; a word that is none ("Dont" is one) cannot set the
                # guard, and all of them go in one string. Any other span goes alone.
                if span.isalpha() and span not in specials:
                    words.append(span)
                else:
                    tokenizer(span)
            if words:
                tokenizer(" ".join(words))
    return nlp.make_doc(text)


@dataclass
class _Item:
    key: Any
    record_id: Any
    text: str
    title: Optional[str]

    def doc(self, nlp: Language) -> Doc:
        doc = make_doc(nlp, self.text)
        if self.title:
            doc._.skill_context = self.title
        return doc

    def result(self, doc: Doc) -> dict[str, Any]:
        text = self.text  # the input string itself: doc.text would rebuild it token by token
        return {
            "id": self.record_id,
            "skills": [
                {"skill": m.skill, "category": m.category, "start": m.start, "end": m.end,
                 "text": text[m.start : m.end]}
                for m in skill_mentions(doc)
            ],
        }


def _prepared(items: Iterable[tuple[Any, Mapping[str, Any]]], report: Report) -> Iterator[_Item]:
    for key, record in items:
        if not isinstance(record, Mapping):
            raise TypeError(f"records must be mappings, got {type(record).__name__}")
        record_id = record.get("id")
        text, fixes = safe_text(record.get("text"))
        for kind, reason in fixes:
            report(key, record_id, kind, reason)
        title = record.get("title")
        title = safe_text(title, MAX_TITLE_CHARS)[0].strip() if isinstance(title, str) else ""
        yield _Item(key, record_id, text, title or None)


def _run_isolated(nlp: Language, items: Iterable[_Item], batch_size: int,
                  report: Report) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Batches through ``nlp.pipe``; a batch that fails is redone record by record, so one
    record that breaks the pipeline costs only itself."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, max(1, batch_size))):
        try:
            docs = list(nlp.pipe((item.doc(nlp) for item in batch), batch_size=len(batch)))
        except Exception:  # noqa: BLE001 - isolate the record that broke the batch
            docs = None
        if docs is not None:
            for item, doc in zip(batch, docs):
                yield item.key, item.result(doc)
            continue
        for item in batch:
            try:
                doc = nlp(item.doc(nlp))
            except Exception as exc:  # noqa: BLE001 - reported, and the stream goes on
                report(item.key, item.record_id, SKIPPED, f"the extractor failed: {type(exc).__name__}: {exc}"[:300])
                continue
            yield item.key, item.result(doc)


@dataclass
class ExtractProblem:
    """One input line ``extract_stream`` could not take as it was."""

    line: int
    record_id: Any
    kind: str  # skipped / truncated / repaired
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ExtractStats:
    """What ``extract_stream`` did. ``errors`` holds one "line N: reason" per skipped line,
    ``warnings`` one per line taken with a change (text truncated, characters replaced)."""

    read: int = 0  # non-blank input lines
    written: int = 0  # output lines
    mentions: int = 0  # skill mentions written
    problems: list[ExtractProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [str(p) for p in self.problems if p.kind == SKIPPED]

    @property
    def warnings(self) -> list[str]:
        return [str(p) for p in self.problems if p.kind != SKIPPED]

    @property
    def skipped(self) -> int:
        return sum(p.kind == SKIPPED for p in self.problems)

    def count(self, kind: str) -> int:
        return sum(p.kind == kind for p in self.problems)

    @property
    def ok(self) -> bool:
        return not self.skipped


def _parse_line(line: str) -> tuple[Optional[dict[str, Any]], str]:
    """Return (record, "") for a usable line or (None, reason) for a bad one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return None, "not usable JSON (nested too deeply)"
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


def _decoded(line: str | bytes) -> tuple[str, Optional[str]]:
    """A line as text; bytes that are not UTF-8 become U+FFFD, with the reason."""
    if isinstance(line, str):
        return line, None
    try:
        return line.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return line.decode("utf-8", errors="replace"), (
            f"invalid UTF-8 at byte {exc.start} (undecodable bytes replaced with U+FFFD)")


def _json_line(result: dict[str, Any]) -> str:
    try:
        line = json.dumps(result, ensure_ascii=False)
        line.encode("utf-8")
    except UnicodeEncodeError:
        # An id with a lone surrogate (valid JSON in): \u-escaped, it goes out exactly as it came.
        line = json.dumps(result, ensure_ascii=True)
    return line + "\n"


def extract_stream(
    in_fh: Iterable[str] | Iterable[bytes] | IO[str] | IO[bytes],
    out_fh: IO[str],
    nlp: Optional[Language] = None,
    batch_size: int = 256,
    n_process: int = 1,
) -> ExtractStats:
    """Read postings as JSON lines from ``in_fh``, write extraction results as JSON lines.

    ``in_fh`` yields text or bytes lines; bytes are decoded line by line, so one line of bad
    UTF-8 never costs the others (its bytes are replaced, and it is reported). Bad lines (invalid
    JSON, not an object, no "id"/"text", non-string text, a record the extractor fails on) are
    skipped and reported in ``stats.errors`` with their line number; lines taken with a change
    (over-long text cut, characters replaced) are written and reported in ``stats.warnings``.
    Every good line is written. Blank lines are ignored. The caller opens and closes the handles.
    """
    stats = ExtractStats()

    def report(lineno: Any, record_id: Any, kind: str, reason: str) -> None:
        stats.problems.append(ExtractProblem(int(lineno), record_id, kind, reason))

    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        for lineno, raw_line in enumerate(in_fh, start=1):
            line, decode_problem = _decoded(raw_line)
            if lineno == 1:
                line = line.lstrip("\ufeff")  # files saved with a BOM (seen in real source dumps)
            if not line.strip():
                continue
            stats.read += 1
            record, reason = _parse_line(line)
            if record is None:
                report(lineno, None, SKIPPED, reason + (f"; {decode_problem}" if decode_problem else ""))
                continue
            if decode_problem:
                report(lineno, record["id"], REPAIRED, decode_problem)
            yield lineno, record

    for _lineno, result in extract_keyed(records(), nlp, batch_size, n_process, report):
        out_fh.write(_json_line(result))
        stats.written += 1
        stats.mentions += len(result["skills"])
    stats.problems.sort(key=lambda p: p.line)
    return stats
