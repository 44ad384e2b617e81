"""The data dictionary, generated from the warehouse's own table and column comments.

Comments come from the migrations (raw, meta) and the model headers (staging, core, mart), so
every description is written once; `skillpulse export` writes this next to the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

DOCUMENTED_SCHEMAS = ("raw", "core", "mart", "meta")


def dictionary_rows(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(schema, table, column, type, description) rows; column is None for the table's own row."""
    placeholders = ", ".join("?" for _ in DOCUMENTED_SCHEMAS)
    tables = con.execute(
        f"""SELECT schema_name, table_name, NULL, NULL, comment FROM duckdb_tables()
            WHERE schema_name IN ({placeholders})
            UNION ALL
            SELECT schema_name, view_name, NULL, NULL, comment FROM duckdb_views()
            WHERE schema_name IN ({placeholders}) AND NOT internal""",
        [*DOCUMENTED_SCHEMAS, *DOCUMENTED_SCHEMAS],
    ).fetchall()
    columns = con.execute(
        f"""SELECT schema_name, table_name, column_name, data_type, comment FROM duckdb_columns()
            WHERE schema_name IN ({placeholders}) ORDER BY schema_name, table_name, column_index""",
        list(DOCUMENTED_SCHEMAS),
    ).fetchall()
    return sorted(tables) + columns


def dictionary_markdown(con: duckdb.DuckDBPyConnection, only: list[tuple[str, str]] | None = None) -> str:
    """The dictionary as Markdown; ``only``: just these (schema, table) pairs (what an export wrote)."""
    rows = dictionary_rows(con)
    if only is not None:
        keep = set(only)
        rows = [r for r in rows if (r[0], r[1]) in keep]
    lines = ["# SkillPulse data dictionary", "", "Generated from the warehouse's comments.", ""]
    for schema, table, _c, _t, comment in (r for r in rows if r[2] is None):
        lines += [f"## `{schema}.{table}`", "", comment or "(undocumented)", "",
                  "| column | type | description |", "| --- | --- | --- |"]
        for _s, _tb, column, kind, desc in (r for r in rows if r[0] == schema and r[1] == table and r[2]):
            lines.append(f"| `{column}` | {kind} | {(desc or '(undocumented)').replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


@contextmanager
def empty_warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory warehouse with every migration applied and every model built on no data: the
    schema exactly as a real build makes it, with its comments, and nothing else (so the generated
    dictionary depends on the code only)."""
    from warehouse import migrate, models

    con = duckdb.connect(":memory:")
    try:
        migrate.migrate(con)
        models.build_models(con, taxonomy_version="", extractor_version="", features_version="",
                            roles_version="")
        yield con
    finally:
        con.close()
