"""What each posting asks as proof of a skill (skills/proof.py: a portfolio or GitHub, a test or
trial task, a degree, a certification, years of experience), mined once per posting content and
proof-rules version in one streaming pass, then bulk-loaded into ``raw.proof_scans`` (which
postings were read) and ``raw.posting_proofs`` (what was found).

The skill-level figures -- which years a posting asks *of React* -- are not stored here: they
depend on the extraction's mention offsets, which change with the taxonomy, while the proofs do
not. mart.skill_proof joins the stored proofs with core.posting_skills by offsets instead
(``skills.proof.years_from_proofs`` is the rule), so a new taxonomy never re-mines the proofs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: Fields of a proof row as written to the load file (raw.posting_proofs minus the versions).
PROOF_FIELDS = ("category", "start_char", "end_char", "phrase", "sentence", "sentence_start", "sentence_end",
                "years_min", "years_max", "topic", "topic_start", "topic_end", "optional")


def posting_proofs(record: dict, rules) -> dict:
    """One line of the load file for a pending posting ({"id", "content_hash", "description"})."""
    proofs = []
    for p in rules.find(record.get("description")):
        proofs.append({
            "category": p.category, "start_char": p.start, "end_char": p.end, "phrase": p.text,
            "sentence": p.sentence, "sentence_start": p.sentence_start, "sentence_end": p.sentence_end,
            "years_min": p.years_min, "years_max": p.years_max, "topic": p.topic,
            "topic_start": p.topic_start, "topic_end": p.topic_end, "optional": p.optional,
        })
    return {"posting_id": record["id"], "content_hash": record.get("content_hash"), "proofs": proofs}


def compute_proofs(lines: Iterable[str | bytes], out, rules) -> Iterator[tuple[Any, str]]:
    """Write the proofs of every pending posting as JSON lines to ``out``; yields (id, reason) for
    each line that could not be read (it is quarantined and retried next run)."""
    for lineno, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            line = line.decode("utf-8", "replace")
        if not line.strip():
            continue
        record = None
        try:
            record = json.loads(line)
            # not ensure_ascii: skills.proof replaces lone surrogates, and should one slip through,
            # encoding this line fails here (one posting quarantined) instead of read_json
            # refusing the whole file on its escape
            out.write(json.dumps(posting_proofs(record, rules), ensure_ascii=False) + "\n")
        except Exception as exc:  # noqa: BLE001 - one posting never stops the others
            record_id = record.get("id") if isinstance(record, dict) else None
            yield record_id, f"line {lineno}: proofs failed: {type(exc).__name__}: {exc}"[:300]


def update_proofs(con, work_dir: Path, rules) -> tuple[str, int, list[tuple[Any, str]]]:
    """Mine every posting whose content or whose proof rules changed since it was last read, in
    bulk: export the pending postings, mine them here, load them with one INSERT per table.
    Returns (proof rules version, postings read, problems as (id, reason))."""
    from warehouse import load

    work_dir = Path(work_dir)
    pending, mined = work_dir / "proofs-input.jsonl", work_dir / "proofs-output.jsonl"
    if not load.export_pending_proofs(con, pending, proof_rules_version=rules.version):
        return rules.version, 0, []
    with pending.open("rb") as src, mined.open("w", encoding="utf-8") as dst:
        problems = list(compute_proofs(src, dst, rules))
    return rules.version, load.load_proofs(con, mined, proof_rules_version=rules.version), problems
