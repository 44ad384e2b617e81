"""The gold set: hand-annotated skill spans, stored as references into recorded postings.

A gold posting is ``{"file", "id", "source", "split", "sha256", "annotator", "spans"}``:
``file`` is a recorded response relative to the shared data folder, ``id`` the source's record
id, ``sha256`` the hash of the normalised description the offsets point into, and ``spans`` a
list of ``[start, end, skill]`` (character offsets, end exclusive, canonical skill name as the
annotator wrote it). The text itself is never stored. ``split`` is ``dev`` (may be looked at
while tuning the extractor) or ``test`` (only ever scored). Guidelines: ``gold/GUIDELINES.md``.

Pure Python: the caller supplies the texts (``crawlers.recorded`` rebuilds them).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SELECTION_FILE = GOLD_DIR / "selection.jsonl"
# Second, independent annotations of postings already in the gold set, for inter-annotator
# agreement. They are never scored against the extractor.
AGREEMENT_DIR = GOLD_DIR / "agreement"
SPLITS = ("dev", "test")


class GoldError(ValueError):
    """A gold file or annotation draft that cannot be used."""


@dataclass(frozen=True)
class GoldPosting:
    file: str
    id: str
    source: str
    split: str
    sha256: str
    annotator: str
    spans: tuple[tuple[int, int, str], ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.file, self.id)

    def to_json(self) -> str:
        return json.dumps({"file": self.file, "id": self.id, "source": self.source, "split": self.split,
                           "sha256": self.sha256, "annotator": self.annotator,
                           "spans": [list(s) for s in self.spans]}, ensure_ascii=False)


def split_of(file: str, record_id: str) -> str:
    """A fixed quarter of the postings is the dev split, chosen by hash before anyone annotated."""
    digest = hashlib.sha256(f"{file}:{record_id}".encode()).hexdigest()
    return "dev" if int(digest, 16) % 4 == 0 else "test"


def _parse(line: str, where: str) -> GoldPosting:
    try:
        raw = json.loads(line)
        spans = tuple((int(s), int(e), str(k)) for s, e, k in raw["spans"])
        posting = GoldPosting(str(raw["file"]), str(raw["id"]), str(raw["source"]), str(raw["split"]),
                              str(raw["sha256"]), str(raw.get("annotator", "")), spans)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"{where}: not a gold posting ({exc})") from exc
    if posting.split not in SPLITS:
        raise GoldError(f"{where}: split must be one of {SPLITS}")
    for start, end, skill in posting.spans:
        if not (0 <= start < end) or not skill.strip():
            raise GoldError(f"{where}: bad span {[start, end, skill]}")
    return posting


def load_gold(paths: Iterable[Path] | None = None) -> list[GoldPosting]:
    """Every gold posting in ``paths`` (default: ``gold/*.jsonl`` except the selection)."""
    if paths is None:
        paths = sorted(p for p in GOLD_DIR.glob("*.jsonl") if p != SELECTION_FILE)
    out: list[GoldPosting] = []
    seen: set[tuple[str, str]] = set()
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                posting = _parse(line, f"{path}:{n}")
                if posting.key in seen:
                    raise GoldError(f"{path}:{n}: {posting.file} {posting.id} is annotated twice")
                seen.add(posting.key)
                out.append(posting)
    return out


def load_second_annotations(directory: Path = AGREEMENT_DIR) -> list[GoldPosting]:
    """The second annotations in ``directory`` (``agreement/*.jsonl``), same format as the gold set."""
    return load_gold(sorted(directory.glob("*.jsonl"))) if directory.is_dir() else []


def check_text(posting: GoldPosting, text: str) -> None:
    """Raise when ``text`` is not the text the posting was annotated on."""
    actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if actual != posting.sha256:
        raise GoldError(f"{posting.file} {posting.id}: the normalised text changed since annotation "
                        f"(sha256 {actual[:12]} != {posting.sha256[:12]}); a parser or normaliser change "
                        "moved the offsets, so re-check this posting's spans")
    for start, end, _ in posting.spans:
        if end > len(text):
            raise GoldError(f"{posting.file} {posting.id}: span {start}-{end} is past the end of the text")


# --------------------------------------------------------------------------- drafting spans


def _pattern(surface: str, ignore_case: bool) -> re.Pattern[str]:
    """``surface`` as a whole word: no letter or digit may touch an alphanumeric edge."""
    left = r"(?<![\w])" if surface[:1].isalnum() else ""
    right = r"(?![\w])" if surface[-1:].isalnum() else ""
    return re.compile(left + re.escape(surface) + right, re.IGNORECASE if ignore_case else 0)


def spans_from_mentions(text: str, mentions: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Turn an annotator's mention list into spans over ``text``.

    Each mention is ``{"text": SURFACE, "skill": CANONICAL}`` with optional ``"skip": [i, ...]``
    (0-based occurrence numbers that are not skill mentions) and ``"ignore_case": true``. Every
    whole-word occurrence of the surface is a mention unless skipped; where two mentions
    overlap, the longer one wins ("React Native" over "React"). A surface that does not occur
    is an error, so typos cannot silently vanish.
    """
    found: list[tuple[int, int, str]] = []
    for m in mentions:
        surface, skill = m.get("text"), m.get("skill")
        if not isinstance(surface, str) or not surface.strip() or not isinstance(skill, str) or not skill.strip():
            raise GoldError(f"mention needs non-empty 'text' and 'skill': {m}")
        hits = [(x.start(), x.end()) for x in _pattern(surface, bool(m.get("ignore_case"))).finditer(text)]
        if not hits:
            raise GoldError(f"{surface!r} does not occur in the text")
        skip = set(m.get("skip", []))
        bad = skip - set(range(len(hits)))
        if bad:
            raise GoldError(f"{surface!r}: skip {sorted(bad)} out of range (it occurs {len(hits)} times)")
        found.extend((s, e, skill.strip()) for i, (s, e) in enumerate(hits) if i not in skip)
    kept: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for s, e, skill in sorted(set(found), key=lambda x: (x[0] - x[1], x[0])):  # longest first
        if all(e <= ts or s >= te for ts, te in taken):
            kept.append((s, e, skill))
            taken.append((s, e))
    return sorted(kept)


# --------------------------------------------------------------------------- near-duplicates

# Two postings whose word 5-gram sets overlap this much are one text: the same job posted for
# several cities or twice on a board. Measured on the selection: copies score 0.97-1.0, the most
# similar distinct postings 0.71 (same company, different role).
NEAR_DUPLICATE_JACCARD = 0.9


def _shingles(text: str, n: int = 5) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))) if words else frozenset()


def near_duplicate_groups(texts: dict[tuple[str, str], str],
                          threshold: float = NEAR_DUPLICATE_JACCARD) -> list[list[tuple[str, str]]]:
    """Groups (each sorted, two or more members) of postings whose texts are near-identical."""
    keys = sorted(texts)
    sh = {k: _shingles(texts[k]) for k in keys}
    parent = {k: k for k in keys}

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            sa, sb = sh[a], sh[b]
            if not sa or not sb or min(len(sa), len(sb)) < threshold * max(len(sa), len(sb)):
                continue  # Jaccard cannot reach the threshold when the sizes differ this much
            if len(sa & sb) >= threshold * len(sa | sb):
                parent[root(b)] = root(a)
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for k in keys:
        groups.setdefault(root(k), []).append(k)
    return [g for g in groups.values() if len(g) > 1]


def score_once(gold: list[GoldPosting], texts: dict[tuple[str, str], str]
               ) -> tuple[list[GoldPosting], list[tuple[GoldPosting, GoldPosting]]]:
    """Each text once: (postings to score, [(copy left out, the posting scored instead)]).

    A copy scored again would count one posting's errors several times. And a text annotated in
    the dev split may have been looked at while tuning (``--show-errors``), so when copies sit in
    both splits the group is dev: it is scored on its first dev member and never counted as test.
    """
    by_key = {g.key: g for g in gold}
    copies: list[tuple[GoldPosting, GoldPosting]] = []
    for group in near_duplicate_groups({g.key: texts[g.key] for g in gold}):
        members = [by_key[k] for k in group]
        split = "dev" if any(m.split == "dev" for m in members) else "test"
        keep = next(m for m in members if m.split == split)
        copies.extend((m, keep) for m in members if m is not keep)
    dropped = {c.key for c, _ in copies}
    return [g for g in gold if g.key not in dropped], copies


def iter_selection(path: Path = SELECTION_FILE) -> Iterator[dict[str, str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)
