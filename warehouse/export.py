"""Snapshot the warehouse as Parquet (or CSV) files plus the data dictionary (`skillpulse export`).

Parquet keeps every value exactly as stored. CSV is made for spreadsheets and is handed to
clients, so text cells a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
get a leading ' (warehouse/safe_text.py, the OWASP rule); numbers, dates and booleans are written
as they are, so negative numbers stay numbers.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from warehouse.connect import read_only, sql_string
from warehouse.dictionary import dictionary_markdown
from warehouse.safe_text import csv_neutralise_sql

EXPORTED_SCHEMAS = ("core", "mart", "meta")

# Column types written to CSV as DuckDB renders them, left alone: they can only start with a
# digit, a sign of a number, or a letter of true/false (a negative number stays a number).
_UNTOUCHED_TYPES = (
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
    "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL", "BOOLEAN", "DATE", "TIME", "TIMETZ",
    "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "INTERVAL", "UUID",
    "BIT",
)


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_untouched(column_type: str) -> bool:
    base = column_type.upper()
    # Nested types (LIST "X[]", ARRAY "X[3]", STRUCT, MAP, UNION) are text once rendered.
    return not base.endswith("]") and base.split("(")[0].split(" ")[0] in _UNTOUCHED_TYPES


def csv_select(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> str:
    """A SELECT over ``schema.table`` whose text columns (VARCHAR, JSON, BLOB, ENUM, lists,
    structs, maps: anything rendered as text) are neutralised for spreadsheets, by name."""
    columns = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = ? AND table_name = ? "
        "ORDER BY column_index",
        [schema, table],
    ).fetchall()
    parts = []
    for name, column_type in columns:
        column = _quote_identifier(name)
        if _is_untouched(column_type):
            parts.append(column)
        else:
            parts.append(f"{csv_neutralise_sql(f'CAST({column} AS VARCHAR)')} AS {column}")
    return f"SELECT {', '.join(parts)} FROM {_quote_identifier(schema)}.{_quote_identifier(table)}"


def _partition_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    """Hive partition columns of a table: its period (period_type, period), else its month, else
    its week; none for tables without a time column."""
    columns = {r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?", [schema, table]).fetchall()}
    for candidate in (["period_type", "period"], ["month"], ["week"]):
        if set(candidate) <= columns:
            return candidate
    return []


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_snapshot(db: Path, out_dir: Path, fmt: str = "parquet") -> list[Path]:
    """Every table of core, mart and meta as Parquet or CSV, hive-partitioned by period where the
    table has one (``<schema>.<table>/period_type=week/period=2026-11-02/data_0.parquet``), plus
    ``DICTIONARY.md`` (exactly the tables written) and ``manifest.json`` (row counts, time ranges,
    the taxonomy, extractor and role-rule versions, and the sha256 of every file). Returns the
    files written."""
    if fmt not in {"parquet", "csv"}:
        raise ValueError("format must be parquet or csv")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    manifest_tables = []
    with read_only(db) as con:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name IN (?, ?, ?) ORDER BY 1, 2",
            list(EXPORTED_SCHEMAS),
        ).fetchall()
        for schema, table in tables:
            name = f"{schema}.{table}"
            partition_by = _partition_columns(con, schema, table)
            target = out_dir / (name if partition_by else f"{name}.{fmt}")
            if target.is_dir():
                shutil.rmtree(target)  # a partitioned copy from an earlier export: replaced whole
            # Table names come from the catalogue, the path is the user's own: COPY takes no parameters.
            if fmt == "parquet":
                source = f"{_quote_identifier(schema)}.{_quote_identifier(table)}"
                options = ["FORMAT parquet", "COMPRESSION zstd"]
            else:
                source = f"({csv_select(con, schema, table)})"
                options = ["FORMAT csv", "HEADER"]
            if partition_by:
                options.append(f"PARTITION_BY ({', '.join(partition_by)})")
            con.execute(f"COPY {source} TO {sql_string(str(target))} ({', '.join(options)})")
            files = sorted(target.rglob(f"*.{fmt}")) if partition_by else [target]
            written += files
            rows = con.execute(f"SELECT count(*) FROM {_quote_identifier(schema)}.{_quote_identifier(table)}").fetchall()[0][0]
            time_column = partition_by[-1] if partition_by else None
            time_range = None
            if time_column:
                low, high = con.execute(f"SELECT min({time_column}), max({time_column}) FROM "
                                        f"{_quote_identifier(schema)}.{_quote_identifier(table)}").fetchall()[0]
                time_range = {"column": time_column, "min": None if low is None else str(low),
                              "max": None if high is None else str(high)}
            manifest_tables.append({
                "table": name, "rows": int(rows), "partition_by": partition_by, "time_range": time_range,
                "files": [{"path": str(f.relative_to(out_dir)), "bytes": f.stat().st_size, "sha256": _sha256(f)}
                          for f in files],
            })
        exported = [(schema, table) for schema, table in tables]
        dictionary = out_dir / "DICTIONARY.md"
        dictionary.write_text(dictionary_markdown(con, only=exported), encoding="utf-8")
        written.append(dictionary)
        versions = con.execute(
            """SELECT run_id, finished_at, taxonomy_version, extractor_version FROM meta.runs
               WHERE status IN ('success', 'partial', 'reextract') ORDER BY finished_at DESC LIMIT 1""").fetchall()
        roles = con.execute("SELECT max(roles_version) FROM raw.role_families").fetchall()[0][0]
        as_of = con.execute("SELECT max(as_of) FROM mart.periods").fetchall()[0][0]
    run_id, finished_at, taxonomy_version, extractor_version = versions[0] if versions else (None,) * 4
    manifest = {
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "format": fmt,
        "warehouse": str(Path(db).resolve()),
        "run_id": run_id,
        "built_at": None if finished_at is None else finished_at.isoformat(),
        "data_as_of": None if as_of is None else str(as_of),
        "taxonomy_version": taxonomy_version,
        "extractor_version": extractor_version,
        "roles_version": roles,
        "dictionary": {"path": "DICTIONARY.md", "sha256": _sha256(dictionary)},
        "tables": manifest_tables,
    }
    manifest_path = out_dir / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    written.append(manifest_path)
    return written
