"""Run bookkeeping in meta: one row per published refresh, one per source crawled in it."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb


def record_run(con: duckdb.DuckDBPyConnection, *, run_id: str, started_at: datetime, status: str,
               postings_new: int, postings_extracted: int, taxonomy_version: str,
               extractor_version: str, sources: dict[str, dict]) -> int:
    """Insert the run and its per-source rows; returns the postings in the warehouse after it."""
    total = con.execute("SELECT count(*) FROM core.postings").fetchall()[0][0]
    failed = [s for s, info in sources.items() if info.get("status") != "ok"]
    note = f"failed sources: {', '.join(failed)}" if failed else None
    con.execute(
        """INSERT INTO meta.runs VALUES (?, ?, now(), ?, ?, ?, ?, ?, ?, ?)""",
        [run_id, started_at, status, total, postings_new, postings_extracted,
         taxonomy_version, extractor_version, note],
    )
    rows = [
        (run_id, source, info.get("status", "ok"), info.get("items"), info.get("errors"),
         info.get("seconds"), json.dumps(info.get("field_problems", {})))
        for source, info in sources.items()
    ]
    # A handful of sources per run: executemany over a few rows is not a bulk path worth a file.
    if rows:  # a re-extraction crawls nothing
        con.executemany("INSERT INTO meta.source_runs VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return int(total)
