"""Sandboxed SQL for researchers (`skillpulse sql`, the dashboard's research console).

Each query runs in its own child process (`warehouse/sandbox.py`), never in the caller's: DuckDB's
`memory_limit` and `interrupt()` do not stop one huge list function (STACK-NOTES.md), an OS limit
and a kill do. What `run_sql` bounds:

* time: the child interrupts itself at ``timeout_s``; the parent SIGKILLs its process group a
  moment later if it is still there, and always reaps it;
* memory: RLIMIT_DATA of ``memory_mb`` in the child, with DuckDB's ``memory_limit`` below it;
* disk: spills go to a private ``tempfile.mkdtemp()`` folder capped at ``temp_mb``, removed after
  every query (never ``<warehouse>.tmp`` beside the published file);
* rows: at most ``max_rows`` come back, and ``SqlResult.truncated`` says whether there were more.

What it refuses (`QueryRefused`): anything but one SELECT (no ATTACH, COPY, EXPORT, INSTALL/LOAD,
SET/RESET, PRAGMA, CALL, DDL or DML, no second statement), file-reading or SQL-running functions
(read_text, read_blob, read_csv, read_parquet, glob, query, ...; table functions are an allow
list), tables named like paths, and plans that still read a file. See sandbox.py for the checks.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from warehouse.connect import WarehouseMissing

if TYPE_CHECKING:
    import pandas as pd

CHILD = Path(__file__).with_name("sandbox.py")
RESULT_FILE = "result.duckdb"  # the child's warehouse/sandbox.py RESULT_FILE
# Seconds the parent waits past timeout_s (the child's start-up, its own interrupt) before SIGKILL.
KILL_GRACE_S = 1.0
MAX_QUERY_CHARS = 100_000
MIN_MEMORY_MB = 256


class SandboxError(RuntimeError):
    """A researcher query did not produce a result; the message is one line for the user."""


class QueryRefused(SandboxError):
    """The query does something the sandbox does not allow (not a single SELECT, files, ...)."""


class QueryTimeout(SandboxError):
    """The query ran longer than its timeout and was stopped."""


class QueryTooBig(SandboxError):
    """The query needed more memory or temp space than its caps."""


class QueryFailed(SandboxError):
    """DuckDB rejected the query (syntax, unknown table or column, type error, ...)."""


@dataclass(frozen=True)
class SqlResult:
    frame: pd.DataFrame
    truncated: bool  # the query had more than max_rows rows; frame holds the first max_rows
    seconds: float  # wall-clock time of run_sql, child start-up included


def run_sql(db: Path, query: str, *, timeout_s: float = 60.0, max_rows: int = 10_000,
            memory_mb: int = 2048, temp_mb: int = 1024) -> SqlResult:
    """Run one read-only SELECT on the warehouse in a bounded child process."""
    if timeout_s <= 0 or max_rows < 1 or memory_mb < MIN_MEMORY_MB or temp_mb < 0:
        raise ValueError(f"run_sql needs timeout_s > 0, max_rows >= 1, memory_mb >= {MIN_MEMORY_MB}, "
                         f"temp_mb >= 0 (got {timeout_s}, {max_rows}, {memory_mb}, {temp_mb})")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRefused(f"the query is longer than {MAX_QUERY_CHARS:,} characters")
    try:
        query.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryRefused("the query is not valid text (it contains a lone surrogate)") from None
    started = time.perf_counter()
    private = tempfile.mkdtemp(prefix="skillpulse-sql-")
    try:
        reply = _run_child(private, {
            "db": str(Path(db).resolve()), "query": query, "timeout_s": float(timeout_s),
            "max_rows": int(max_rows), "memory_mb": int(memory_mb), "temp_mb": int(temp_mb),
            "temp_dir": private, "parent_pid": os.getpid(),
        })
        kind, message = reply.get("kind"), reply.get("message", "")
        if kind == "ok":
            frame = _read_result(Path(private) / RESULT_FILE, max_rows)
            return SqlResult(frame, bool(reply["truncated"]), time.perf_counter() - started)
        if kind == "timeout":
            raise QueryTimeout(_timeout_message(timeout_s))
        if kind == "too_big":
            raise QueryTooBig(f"the query needs more than its {memory_mb} MB of memory and {temp_mb} MB "
                              f"of temp space ({message})")
        if kind == "refused":
            raise QueryRefused(message)
        if kind == "missing":
            raise WarehouseMissing(message)
        if kind == "locked":
            raise SandboxError(f"the warehouse stayed locked (a refresh is publishing it); try again ({message})")
        raise QueryFailed(message or "the query failed")
    finally:
        shutil.rmtree(private, ignore_errors=True)


def _timeout_message(timeout_s: float) -> str:
    return f"query stopped after {timeout_s:g}s (its time limit)"


def _run_child(private: str, request: dict) -> dict:
    timeout_s = request["timeout_s"]
    proc = subprocess.Popen(
        [sys.executable, "-I", str(CHILD)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, cwd=private, start_new_session=True,
        env={**os.environ, "HOME": private, "TMPDIR": private},
    )
    try:
        out, err = proc.communicate(json.dumps(request).encode(), timeout=timeout_s + KILL_GRACE_S)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise QueryTimeout(_timeout_message(timeout_s)) from None
    finally:
        if proc.returncode is None:  # KeyboardInterrupt or any other escape: never leave it running
            _kill(proc)
    lines = [line for line in out.decode("utf-8", "replace").splitlines() if line.strip()]
    if proc.returncode == 0 and lines:
        try:
            return json.loads(lines[-1])
        except json.JSONDecodeError:
            pass
    code = proc.returncode
    if code == -signal.SIGXCPU:  # RLIMIT_CPU, set a little above the timeout
        raise QueryTimeout(_timeout_message(timeout_s))
    if code == -signal.SIGKILL:  # not ours (that is a timeout above): the kernel's OOM killer, say
        raise QueryTooBig(f"the query process was killed by the system, most likely for memory "
                          f"(its cap is {request['memory_mb']} MB)")
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        raise SandboxError(f"the query process died ({name}); if the query is very large, it may "
                           f"have run out of its {request['memory_mb']} MB of memory")
    last = next((line for line in reversed(err.decode("utf-8", "replace").splitlines()) if line.strip()), "")
    raise SandboxError(f"the query process failed (exit {code}): {last[:300]}")


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.kill()  # the group may already be gone while the child is not yet reaped
    proc.communicate()


def _read_result(path: Path, max_rows: int) -> pd.DataFrame:
    import duckdb

    con = duckdb.connect(str(path), read_only=True, config={"threads": 1})
    try:
        return con.execute(f"SELECT * FROM r LIMIT {int(max_rows)}").df()
    finally:
        con.close()
