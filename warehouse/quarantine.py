"""Quarantine: the records a stage could not take as they were, landed as JSON lines and loaded
into ``meta.quarantine`` in bulk with the run that met them.

A line is ``{"stage", "source", "record_id", "action", "reason", "payload", "payload_chars"}``:
``stage`` is crawl / load / extract; ``action`` is dropped (not stored), truncated or repaired
(stored with that change). Crawls write the same shape (crawlers/extensions/quarantine.py) to
``<crawl file>.quarantine.jsonl``; nothing here imports DuckDB until a file is loaded.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

STAGES = ("crawl", "load", "extract")
ACTIONS = ("dropped", "truncated", "repaired")
#: A dropped record's payload is kept up to this many characters (its full length is recorded).
PAYLOAD_CHARS = 100_000


def entry(stage: str, source: str | None, record_id: Any, action: str, reason: str,
          payload: str | None = None) -> dict[str, Any]:
    if stage not in STAGES or action not in ACTIONS:
        raise ValueError(f"stage must be one of {STAGES} and action one of {ACTIONS}")
    return {
        "stage": stage, "source": source,
        "record_id": None if record_id is None else str(record_id),
        "action": action, "reason": str(reason)[:1000],
        "payload": None if payload is None else payload[:PAYLOAD_CHARS],
        "payload_chars": None if payload is None else len(payload),
    }


def _line(item: dict[str, Any]) -> str:
    # ensure_ascii: a payload may hold lone surrogates or anything else; escaped, it is valid UTF-8.
    return json.dumps(item, ensure_ascii=True) + "\n"


class QuarantineFile:
    """Appends quarantine entries to one JSON-lines file (created on the first entry)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.counts: Counter[str] = Counter()
        self._fh = None

    def add(self, item: dict[str, Any]) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("a", encoding="utf-8")
        self._fh.write(_line(item))
        self._fh.flush()
        self.counts[item["action"]] += 1

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> QuarantineFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def count_file(path: Path) -> Counter[str]:
    """Entries per action in one quarantine file (missing file: none)."""
    counts: Counter[str] = Counter()
    path = Path(path)
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    counts[json.loads(line).get("action", "dropped")] += 1
                except (ValueError, AttributeError):
                    continue  # a blank line, or a half-written last line of a killed stage
    return counts


def load_quarantine(con, files: Iterable[Path], run_id: str) -> Counter[str]:
    """Insert every entry of ``files`` into meta.quarantine (one INSERT ... SELECT per file);
    returns entries per action."""
    totals: Counter[str] = Counter()
    columns = ("{'stage': 'VARCHAR', 'source': 'VARCHAR', 'record_id': 'VARCHAR', 'action': 'VARCHAR', "
               "'reason': 'VARCHAR', 'payload': 'VARCHAR', 'payload_chars': 'BIGINT'}")
    for path in files:
        path = Path(path)
        if not path.is_file() or path.stat().st_size == 0:
            continue
        con.execute(
            f"""INSERT INTO meta.quarantine BY NAME
                SELECT $run_id AS run_id, stage, source, record_id, coalesce(action, 'dropped') AS action,
                       coalesce(reason, 'unknown') AS reason, payload, payload_chars,
                       now() AS quarantined_at
                FROM read_json($path, format = 'newline_delimited', columns = {columns},
                               ignore_errors = true)
                WHERE stage IS NOT NULL""",
            {"path": str(path), "run_id": run_id},
        )
        totals.update(count_file(path))
    return totals
