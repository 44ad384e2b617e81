"""Snapshot the warehouse as Parquet (or CSV) files plus the data dictionary (`skillpulse export`)."""

from __future__ import annotations

from pathlib import Path

from warehouse.connect import read_only
from warehouse.dictionary import dictionary_markdown

EXPORTED_SCHEMAS = ("core", "mart", "meta")


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
            options = "(FORMAT parquet, COMPRESSION zstd)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
            con.execute(f'COPY "{schema}"."{table}" TO \'{path_literal}\' {options}')
            written.append(target)
        dictionary = out_dir / "DICTIONARY.md"
        dictionary.write_text(dictionary_markdown(con), encoding="utf-8")
        written.append(dictionary)
    return written
