"""The child process behind `warehouse.sql.run_sql`: one researcher query under OS-level limits.

`run_sql` starts ``python -I warehouse/sandbox.py`` in a private temp folder (its working directory),
writes one JSON request on stdin and reads one JSON reply from the last line of stdout. The rows go
to ``result.duckdb`` in that folder. Nothing here trusts the query:

* before DuckDB is even imported, ``setrlimit`` caps the process: RLIMIT_DATA (heap and private
  mappings, what DuckDB's allocations count against) at ``memory_mb``, RLIMIT_AS loosely above it,
  RLIMIT_FSIZE (any one file, spills and result included), RLIMIT_CPU, no core dumps; the child also
  dies with its parent (PR_SET_PDEATHSIG);
* the warehouse is opened read-only with no external access, no extension loading, no Python
  variable scans, one thread, ``memory_limit`` below the OS cap, spills only into the private folder
  up to ``temp_mb``, and the configuration locked;
* only one SELECT statement is accepted; its parsed tree (``json_serialize_sql``) may call only a
  short list of table functions, no function that reads files or runs SQL text, and name no table
  that looks like a path; its bound plan (``EXPLAIN``) must not contain a file-reading operator.

Only this file, the standard library, ``duckdb`` and ``warehouse.connect`` are imported.
"""

from __future__ import annotations

import json
import math
import os
import re
import resource
import signal
import sys
import threading
import time

RESULT_FILE = "result.duckdb"

# Table functions a query may read from: generated rows, unnesting, JSON values, and the catalog.
ALLOWED_TABLE_FUNCTIONS = frozenset({
    "range", "generate_series", "unnest", "repeat", "json_each", "json_tree",
    "duckdb_tables", "duckdb_views", "duckdb_columns", "duckdb_schemas", "duckdb_types",
    "duckdb_constraints", "duckdb_indexes", "duckdb_functions", "duckdb_keywords",
    "duckdb_sequences", "duckdb_dependencies", "pragma_table_info",
})  # not histogram()/histogram_values(): table macros that resolve a table *name string* at bind time
# Refused wherever they appear (a table function's name in a scalar position too): they read files,
# run SQL text or write. Other table functions are refused by the allow list above.
DENIED_FUNCTIONS = frozenset({"write_log", "json_execute_serialized_sql", "query", "query_table", "glob"})
_DENIED_PREFIXES = ("read_", "parquet_", "sniff_", "__internal")
# Operators of a bound plan that read files or foreign objects (after macros and replacement scans).
_PLAN_DENIED = re.compile(r"^(READ_|PARQUET|GLOB|SNIFF|ARROW|PANDAS|PYTHON|JSON_EXECUTE|QUERY)")
# A table named like a path is a replacement scan of a file (`FROM 'x.csv'`, `FROM "w.duckdb"`).
_PATH_LIKE = re.compile(r"[/\\.:*?\[\]{}~]")
# DuckDB statement types, in the words a user knows.
_STATEMENT_WORDS = {
    "MULTI": "PIVOT", "VARIABLE_SET": "SET VARIABLE", "COPY_DATABASE": "COPY FROM DATABASE",
    "LOAD": "INSTALL/LOAD", "CREATE_FUNC": "CREATE MACRO", "MERGE_INTO": "MERGE",
}


class Refused(Exception):
    """The query is not allowed here (one line, for the user)."""


def set_limits(memory_mb: int, temp_mb: int, timeout_s: float) -> None:
    mib = 1 << 20
    resource.setrlimit(resource.RLIMIT_DATA, (memory_mb * mib, memory_mb * mib))
    # DuckDB reserves ~600 MB of address space it never touches, so RLIMIT_AS would cap far below
    # memory_mb; it stays as a loose belt against mappings RLIMIT_DATA does not count.
    address_space = (memory_mb + 2048) * mib
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    file_size = (max(temp_mb, memory_mb) + 64) * mib
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    cpu = math.ceil(timeout_s) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def die_with_parent(parent_pid: int) -> None:
    """SIGKILL this process when the thread that started it ends (run_sql blocks there until we exit)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's kill and RLIMIT_CPU remain
        pass
    if os.getppid() != parent_pid:
        os._exit(1)


def sandbox_config(memory_mb: int, temp_mb: int, temp_dir: str) -> dict:
    return {
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "python_enable_replacements": False,
        "threads": 1,
        # Below the OS cap: DuckDB's buffers spill first; what it allocates outside them
        # (one huge list, say) meets RLIMIT_DATA instead.
        "memory_limit": f"{max(32, (memory_mb - 200) * 2 // 3)}MiB",
        "temp_directory": temp_dir,
        "max_temp_directory_size": f"{temp_mb}MiB",
    }


def _walk(node, table_functions: set, functions: set, relations: list) -> None:
    if isinstance(node, dict):
        kind = node.get("type")
        if kind == "TABLE_FUNCTION":
            table_functions.add(str((node.get("function") or {}).get("function_name", "")).lower())
        elif kind in ("BASE_TABLE", "SHOW_REF"):
            relations.extend(str(node.get(k) or "") for k in ("catalog_name", "schema_name", "table_name"))
            relations.extend(str(p) for p in (node.get("qualified_name") or {}).get("path", []))
        if "function_name" in node:
            functions.add(str(node["function_name"]).lower())
        for value in node.values():
            _walk(value, table_functions, functions, relations)
    elif isinstance(node, list):
        for value in node:
            _walk(value, table_functions, functions, relations)


def _plan_operators(node, out: list) -> list:
    if isinstance(node, dict):
        if isinstance(node.get("name"), str):
            out.append(node["name"].strip().upper())
        for value in node.values():
            _plan_operators(value, out)
    elif isinstance(node, list):
        for value in node:
            _plan_operators(value, out)
    return out


def check(con, query: str) -> str:
    """The text of the one SELECT to run, or Refused."""
    statements = con.extract_statements(query)
    if not statements:
        raise Refused("the query is empty")
    kinds = [_STATEMENT_WORDS.get(s.type.name, s.type.name) for s in statements]
    if len(statements) > 1:
        raise Refused(f"only one statement can run at a time (got {len(statements)}: {', '.join(kinds)})")
    if statements[0].type.name != "SELECT":
        raise Refused(f"only SELECT queries can run here; {kinds[0]} is not allowed")
    text = statements[0].query
    tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [text]).fetchone()[0])
    if tree.get("error") or len(tree.get("statements", [])) != 1:
        why = tree.get("error_message", "not a plain SELECT")
        raise Refused(f"this query cannot be checked, so it cannot run here ({why})")
    table_functions: set = set()
    functions: set = set()
    relations: list = []
    _walk(tree["statements"], table_functions, functions, relations)
    not_allowed = sorted(table_functions - ALLOWED_TABLE_FUNCTIONS)
    if not_allowed:
        raise Refused(f"table function {not_allowed[0]}() is not allowed here (files and SQL text cannot be read)")
    denied = sorted(f for f in functions if f in DENIED_FUNCTIONS or f.startswith(_DENIED_PREFIXES))
    if denied:
        raise Refused(f"function {denied[0]}() is not allowed here")
    for name in relations:
        if _PATH_LIKE.search(name):
            raise Refused(f"{name!r} is not a table; files cannot be read here")
    plan = con.execute("EXPLAIN (FORMAT json) " + text).fetchall()
    for _, detail in plan:
        for operator in _plan_operators(json.loads(detail), []):
            if _PLAN_DENIED.match(operator):
                raise Refused(f"the query reads files ({operator.lower()}), which is not allowed here")
    return text


class _Rows:
    """Hands the sandboxed relation to the result database as an Arrow stream (no pyarrow needed)."""

    def __init__(self, relation):
        self._relation = relation

    def __arrow_c_stream__(self, requested_schema=None):
        return self._relation.__arrow_c_stream__(requested_schema)


_STREAM_WRAPPER = re.compile(r"^.*?reading the \w+ of the Python object '\w+' failed: (\w+Exception: )?", re.S)


def _one_line(exc: BaseException) -> str:
    text = _STREAM_WRAPPER.sub("", str(exc).strip()) or type(exc).__name__
    lines = []
    for line in text.splitlines():
        if line.startswith("LINE ") or line.startswith("Possible solutions"):
            break
        if line.strip():
            lines.append(line.strip())
    return " ".join(lines)[:400]


def run(request: dict) -> dict:
    import duckdb

    from warehouse.connect import WarehouseMissing, _is_lock_error, read_only

    started = time.perf_counter()
    fired = threading.Event()
    memory_mb, temp_mb, temp_dir = request["memory_mb"], request["temp_mb"], request["temp_dir"]
    limit = int(request["max_rows"]) + 1
    try:
        with read_only(request["db"], config=sandbox_config(memory_mb, temp_mb, temp_dir)) as con:
            con.execute("SET lock_configuration = true")

            def stop() -> None:
                fired.set()
                con.interrupt()

            timer = threading.Timer(float(request["timeout_s"]), stop)
            timer.daemon = True
            timer.start()
            try:
                text = check(con, request["query"])
                rows = _Rows(con.sql(text))  # noqa: F841  (read by name below)
                out = duckdb.connect(os.path.join(temp_dir, RESULT_FILE), config={
                    "threads": 1, "temp_directory": temp_dir})
                try:
                    out.execute(f"CREATE TABLE r AS SELECT * FROM rows LIMIT {limit}")
                    count = out.execute("SELECT count(*) FROM r").fetchall()[0][0]
                finally:
                    out.close()
            finally:
                timer.cancel()
    except Refused as exc:
        return {"kind": "refused", "message": str(exc)}
    except WarehouseMissing as exc:
        return {"kind": "missing", "message": str(exc)}
    except MemoryError as exc:
        return {"kind": "too_big", "message": _one_line(exc)}
    except duckdb.Error as exc:
        # Errors of the query while the result database reads its stream arrive wrapped in an
        # InvalidInputException ("reading the schema of the Python object 'rows' failed: ..."),
        # so they are told apart by what happened and by their text, not only by their class.
        detail = str(exc)
        if isinstance(exc, duckdb.InterruptException) or fired.is_set():
            return {"kind": "timeout", "message": "interrupted"}
        if isinstance(exc, duckdb.OutOfMemoryException) or "Out of Memory Error" in detail \
                or "file too large" in detail.lower():
            return {"kind": "too_big", "message": _one_line(exc).split(". ")[0]}
        if isinstance(exc, duckdb.IOException) and _is_lock_error(exc):
            return {"kind": "locked", "message": _one_line(exc)}
        return {"kind": "error", "message": _one_line(exc)}
    return {"kind": "ok", "rows": count, "truncated": count >= limit,
            "seconds": round(time.perf_counter() - started, 4)}


def main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    set_limits(int(request["memory_mb"]), int(request["temp_mb"]), float(request["timeout_s"]))
    die_with_parent(int(request["parent_pid"]))
    try:
        reply = run(request)
    except Exception as exc:  # a bug or an unexpected error: still one line for the parent
        reply = {"kind": "error", "message": f"{type(exc).__name__}: {_one_line(exc)}"}
    sys.stdout.write("\n" + json.dumps(reply) + "\n")
    sys.stdout.flush()
    os._exit(0)  # the connections are closed and the result written: skip the interpreter's teardown


if __name__ == "__main__":
    # Started with -I (no PYTHONPATH, no script folder on sys.path): find the project explicitly.
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
