"""Snapshot the warehouse as Parquet (or CSV) files plus the data dictionary (`skillpulse export`).

Parquet keeps every value exactly as stored. CSV is made for spreadsheets and is handed to
clients, so text cells a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
get a leading ' (warehouse/safe_text.py, the OWASP rule); numbers, dates and booleans are written
as they are, so negative numbers stay numbers.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.connect import read_only
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


def export_snapshot(db: Path, out_dir: Path, fmt: str = "parquet") -> list[Path]:
    if fmt not in {"parquet", "csv"}:
        raise ValueError("format must be parquet or csv")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with read_only(db) as con:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name IN (?, ?, ?) ORDER BY 1, 2",
            list(EXPORTED_SCHEMAS),
        ).fetchall()
        for schema, table in tables:
            target = out_dir / f"{schema}.{table}.{fmt}"
            # Table names come from the catalogue, the path is the user's own: COPY takes no parameters.
            path_literal = str(target).replace("'", "''")
            if fmt == "parquet":
                source = f"{_quote_identifier(schema)}.{_quote_identifier(table)}"
                options = "(FORMAT parquet, COMPRESSION zstd)"
            else:
                source = f"({csv_select(con, schema, table)})"
                options = "(FORMAT csv, HEADER)"
            con.execute(f"COPY {source} TO '{path_literal}' {options}")
            written.append(target)
        dictionary = out_dir / "DICTIONARY.md"
        dictionary.write_text(dictionary_markdown(con), encoding="utf-8")
        written.append(dictionary)
    return written
