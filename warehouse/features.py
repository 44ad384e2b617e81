"""Per-posting features the SQL models need but SQL cannot compute cheaply, made once per posting
content (and per version of their rules) in one streaming pass, then bulk-loaded into
``raw.posting_features``:

- the **role family** (the niche), by the rules in skills/data/role_families.json (skills/roles.py);
- the **region** segment, from the ISO country codes (warehouse/regions.py);
- the **title key** and the **skills named in the title's qualifier**, and a **sketch** of the
  description, from which core.posting_clusters decides which postings are copies of one job.

The sketch is the 32 smallest CRC-32s of the description's normalised sentences (lowercase letters
and digits only, at least 12 of them), a bottom-k sketch: two postings' Jaccard similarity over
sentences is estimated from their sketches alone (README "The unit of demand"). Sentences rather
than word shingles: a copy on another board keeps its sentences while its whitespace, bullets and
line breaks change, and it costs ~50 µs a posting in Python where word shingles in SQL cost ~1 ms.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from warehouse.regions import macro_region

#: Bump when the title key, qualifier or sketch rules change: every posting is featured again.
DEDUPE_VERSION = "1"
SKETCH_SIZE = 32
MIN_SENTENCE_CHARS = 12

_SENTENCE = re.compile(r"[.!?;:\n\u2022\u00b7\u25aa\u2013\u2014]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_KEEP_FOR_SENTENCES = re.compile(r"(?:[^\w.!?;:\n\u2022\u00b7\u25aa\u2013\u2014]|_)+")
_NOT_KEY = re.compile(r"[^\w+#]+|_+")  # a title key keeps + and #: "C++ Developer" is not "C Developer"
# A title's qualifier: a bracketed part, or what follows a spaced dash, bar, at-sign or a comma
# ("Staff Product Engineer (Montevideo)", "Engineer - Remote", "Director, Marketing").
_BRACKETED = re.compile(r"\s*[(\[{][^)\]}]*[)\]}]?")
_SEPARATED = re.compile(r"\s+[-\u2013\u2014|@/]\s+|\s*,\s+|\s*:\s+")
_TOKEN_SPLIT = re.compile(r"\s*[/,&+|;]\s*|\s+(?:and|or|und|oder)\s+", re.IGNORECASE)


def features_version(roles_version: str, taxonomy_version: str) -> str:
    """Changes when any rule behind the features changes (role rules, dedupe rules, taxonomy:
    the qualifier's skills come from it)."""
    return f"roles {roles_version}; dedupe {DEDUPE_VERSION}; taxonomy {taxonomy_version}"


def title_parts(title: Any) -> tuple[str, str]:
    """(title key, qualifier text): the key is the title without its qualifiers, letters and digits
    only, lowercase; the qualifier is what was removed."""
    if not isinstance(title, str):
        return "", ""
    title = title[:500]
    qualifiers = [m.group(0) for m in _BRACKETED.finditer(title)]
    core = _BRACKETED.sub(" ", title)
    parts = _SEPARATED.split(core, maxsplit=1)
    if len(parts) == 2 and _NOT_ALNUM.sub("", parts[0]):
        core, rest = parts
        qualifiers.append(rest)
    key = _NOT_KEY.sub("", core.lower())
    return key, " ".join(q.strip(" ()[]{}") for q in qualifiers).strip()


def qualifier_skills(qualifier: str, resolve) -> str:
    """The skills a title's qualifier names ("(Go)" -> "Go"; "(Python/Django)" -> "Django,Python"),
    sorted and comma-joined; "" when it names none (a city, "Remote", "m/w/d")."""
    if not qualifier:
        return ""
    found = set()
    whole = resolve(qualifier)
    if whole:
        found.add(whole)
    for token in _TOKEN_SPLIT.split(qualifier):
        token = token.strip(" .-")
        if token:
            name = resolve(token)
            if name:
                found.add(name)
    return ",".join(sorted(found))


def sentence_sketch(text: Any, size: int = SKETCH_SIZE) -> list[int]:
    """The ``size`` smallest distinct CRC-32s of the text's normalised sentences."""
    if not isinstance(text, str) or not text:
        return []
    hashes = set()
    # one pass drops everything but letters, digits and the sentence breaks, then split: the same
    # sentences as normalising each one, at a third of the cost
    for normalised in _SENTENCE.split(_KEEP_FOR_SENTENCES.sub("", text[:200_000].lower())):
        if len(normalised) >= MIN_SENTENCE_CHARS:
            hashes.add(zlib.crc32(normalised.encode("utf-8", "replace")))
    return sorted(hashes)[:size]


def sketch_similarity(a: list[int], b: list[int], size: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard similarity of the two sentence sets behind two sketches (the same
    estimator core.posting_clusters computes in SQL): of the ``size`` smallest hashes of the
    union, the share found in both."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:size]
    both = set(a) & set(b)
    return sum(h in both for h in union) / len(union)


def posting_features(record: dict, rules, resolve) -> dict:
    """The features of one pending posting (a line of ``export_pending_features``)."""
    from skills.roles import classify

    match = classify(record.get("title"), record.get("category"), record.get("tags") or (),
                     record.get("description"), rules=rules)
    key, qualifier = title_parts(record.get("title"))
    return {
        "posting_id": record["id"],
        "content_hash": record.get("content_hash"),
        "family": match.family,
        "family_basis": match.basis,
        "region": macro_region(record.get("country_codes"), record.get("regions")),
        "title_key": key,
        "qualifier_skills": qualifier_skills(qualifier, resolve),
        "sketch": sentence_sketch(record.get("description")),
    }


def compute_features(lines: Iterable[str | bytes], out, rules, resolve) -> Iterator[tuple[Any, str]]:
    """Write the features of every pending posting as JSON lines to ``out``; yields (id, reason)
    for each line that could not be featured (it is quarantined and retried next run)."""
    for lineno, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            line = line.decode("utf-8", "replace")
        if not line.strip():
            continue
        record = None
        try:
            record = json.loads(line)
            out.write(json.dumps(posting_features(record, rules, resolve), ensure_ascii=False) + "\n")
        except Exception as exc:  # noqa: BLE001 - one posting never stops the others
            record_id = record.get("id") if isinstance(record, dict) else None
            yield record_id, f"line {lineno}: features failed: {type(exc).__name__}: {exc}"[:300]


def write_features(pending: Path, out: Path, rules, resolve) -> list[tuple[Any, str]]:
    with Path(pending).open("rb") as src, Path(out).open("w", encoding="utf-8") as dst:
        return list(compute_features(src, dst, rules, resolve))


def update_features(con, work_dir: Path, rules, taxonomy) -> tuple[str, int, list[tuple[Any, str]]]:
    """Feature every posting whose content or rules changed since it was last featured, in bulk:
    export the pending postings, compute their features here, load them with one INSERT.
    Returns (features version, postings featured, problems as (id, reason))."""
    from warehouse import load

    version = features_version(rules.version, taxonomy.version)
    load.load_role_families(con, rules)
    work_dir = Path(work_dir)
    pending, featured = work_dir / "features-input.jsonl", work_dir / "features-output.jsonl"
    if not load.export_pending_features(con, pending, features_version=version):
        return version, 0, []
    index = taxonomy.surface_index()  # built once: Taxonomy.resolve builds it on every call

    def resolve(surface: str) -> str | None:
        return index.get(surface.strip().lower())

    problems = write_features(pending, featured, rules, resolve)
    return version, load.load_features(con, featured, features_version=version), problems
