"""Read-only, sandboxed SQL for researchers (`skillpulse sql`).

The connection is read-only, cannot touch files or the network (no read_csv('/etc/passwd'),
COPY TO, ATTACH, INSTALL/LOAD), runs on one thread within a memory cap, and its configuration is
locked so the query cannot SET its way out. A timer interrupts queries that run too long.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.connect import read_only

SANDBOX_CONFIG = {
    "enable_external_access": False,
    "memory_limit": "2GB",
    "threads": 1,
    "lock_configuration": True,
}


class QueryTimeout(RuntimeError):
    pass


def run_sql(db: Path, query: str, *, timeout_s: float = 60.0, max_rows: int = 10_000) -> pd.DataFrame:
    with read_only(db, config=dict(SANDBOX_CONFIG)) as con:
        timer = threading.Timer(timeout_s, con.interrupt)
        timer.start()
        try:
            return con.execute(query).fetch_df_chunk(max(1, max_rows // 2048 + 1)).head(max_rows)
        except duckdb.InterruptException as exc:
            raise QueryTimeout(f"query stopped after {timeout_s:.0f}s") from exc
        finally:
            timer.cancel()
