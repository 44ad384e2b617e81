"""The text around a skill's first mention in a posting: what the evidence shows beside each
posting, made once when the posting is extracted (load.load_extraction), in one streaming pass
over the extraction's input and output, and bulk-loaded into ``raw.mention_contexts``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

CONTEXT_CHARS = 90
_SPACE = re.compile(r"\s+")


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """``text[start:end]`` with up to ``width`` characters either side; a cut edge drops its partial
    word and is marked with an ellipsis; whitespace collapses to single spaces."""
    head_cut, tail_cut = start > width, end + width < len(text)
    snippet = text[max(0, start - width):end + width]
    if head_cut:
        parts = snippet.split(None, 1)
        snippet = parts[1] if len(parts) == 2 else snippet
    if tail_cut:
        parts = snippet.rsplit(None, 1)
        snippet = parts[0] if len(parts) == 2 else snippet
    snippet = _SPACE.sub(" ", snippet).strip()
    return ("… " if head_cut else "") + snippet + (" …" if tail_cut else "")


def _lines(fh: IO[bytes]) -> Iterator[dict[str, Any]]:
    for line in fh:
        if line.strip():
            yield json.loads(line)


def _first_mentions(result: dict[str, Any]) -> dict[str, list]:
    first: dict[str, list] = {}
    for mention in result.get("skills") or []:
        entry = first.get(mention["skill"])
        if entry is None:
            first[mention["skill"]] = [1, mention["start"], mention["end"], mention["text"]]
        else:
            entry[0] += 1
            if mention["start"] < entry[1]:
                entry[1:] = [mention["start"], mention["end"], mention["text"]]
    return first


def _texts_in_step(pending_file: Path, extracted_file: Path) -> Iterator[tuple[dict, str]]:
    """(result, its text), walking both files together: the results are in the input's order with
    skipped lines missing (how extract_stream writes them). Out of order (a hand-made file), the
    texts are looked up by id instead."""
    with Path(pending_file).open("rb") as pending_fh, Path(extracted_file).open("rb") as extracted_fh:
        pending = _lines(pending_fh)
        results = _lines(extracted_fh)
        for result in results:
            for record in pending:
                if record.get("id") == result.get("id"):
                    yield result, record.get("text") or ""
                    break
            else:  # the input ran out: not in step
                texts = {}
                with Path(pending_file).open("rb") as again:
                    texts = {r.get("id"): r.get("text") or "" for r in _lines(again)}
                yield result, texts.get(result.get("id"), "")
                for rest in results:
                    yield rest, texts.get(rest.get("id"), "")
                return


def write_contexts(pending_file: Path, extracted_file: Path, out: IO[str]) -> int:
    """One line per (posting, skill): mentions, first mention, its context. Returns lines written."""
    written = 0
    for result, text in _texts_in_step(pending_file, extracted_file):
        for skill, (mentions, start, end, surface) in _first_mentions(result).items():
            out.write(json.dumps({"posting_id": result["id"], "skill": skill, "mentions": mentions,
                                  "start_char": start, "end_char": end, "surface": surface,
                                  "context": context(text, start, end)}, ensure_ascii=False) + "\n")
            written += 1
    return written
