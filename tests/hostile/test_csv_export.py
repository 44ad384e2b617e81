"""`skillpulse export`: the CSV (handed to clients, opened in spreadsheets) carries no live formula;
the Parquet snapshot keeps every value exactly as stored."""

from __future__ import annotations

import csv
from collections import Counter

import duckdb

from tests.hostile.conftest import FORMULAS, NICHE_FORMULA
from warehouse.connect import read_only
from warehouse.export import export_snapshot
from warehouse.safe_text import CSV_TRIGGERS, csv_cell

NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "DECIMAL")


def column_types(db, schema: str, table: str) -> dict[str, str]:
    with read_only(db) as con:
        return dict(con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?",
            [schema, table]).fetchall())


def tables_written(written, root, suffix: str) -> dict[str, list[tuple[dict[str, str], object]]]:
    """Per table ("schema.table"): its files, each with the hive partition values in its path
    (big tables are partitioned by period: ``core.postings/month=2026-09-01/data_0.csv``)."""
    out: dict[str, list] = {}
    for path in written:
        if path.suffix != suffix:
            continue
        parts = path.relative_to(root).parts
        table = parts[0].removesuffix(suffix)
        keys = dict(p.split("=", 1) for p in parts[1:-1])
        out.setdefault(table, []).append((keys, path))
    return out


def read_csv_table(files) -> tuple[list[str], list[dict[str, str]]]:
    header, rows = None, []
    for keys, path in files:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            head = next(reader)
            header = header or [*head, *keys]
            for row in reader:
                assert len(row) == len(head), (path, row)  # no CR/LF split a row
                rows.append({**dict(zip(head, row)), **keys})
    return header, rows


def test_csv_export_neutralises_every_text_cell_and_keeps_numbers(hostile_warehouse, tmp_path):
    written = export_snapshot(hostile_warehouse.path, tmp_path, "csv")
    tables = tables_written(written, tmp_path, ".csv")
    assert {"core.postings", "mart.skill_momentum", "mart.plan_postings"} <= set(tables)
    prefixed = 0
    for name, files in tables.items():
        schema, table = name.split(".")
        types = column_types(hostile_warehouse.path, schema, table)
        header, rows = read_csv_table(files)
        assert set(header) == set(types), name  # same columns, same names
        for row in rows:
            for column, cell in row.items():
                if types[column].split("(")[0] in NUMERIC:
                    continue
                assert not cell.startswith(CSV_TRIGGERS) or cell.startswith("'"), (name, column, cell)
                prefixed += cell.startswith("'") and cell[1:2] in CSV_TRIGGERS

    assert prefixed > 50
    _, postings = read_csv_table(tables["core.postings"])
    assert {r["salary_min"] for r in postings} == {"-2.0"}
    with read_only(hostile_warehouse.path) as con:
        raw = con.execute("SELECT title, company, category, salary_text, location FROM core.postings").fetchall()
    for i, column in enumerate(("title", "company", "category", "salary_text", "location")):
        assert Counter(r[column] for r in postings) == Counter(csv_cell(r[i]) for r in raw), column
    assert "'" + NICHE_FORMULA in {r["category"] for r in postings}
    cells = {r["company"] for r in postings}
    for formula in FORMULAS:
        assert "'" + formula in cells, formula


def test_parquet_export_keeps_the_raw_values(hostile_warehouse, tmp_path):
    written = export_snapshot(hostile_warehouse.path, tmp_path, "parquet")
    assert "core.postings" in tables_written(written, tmp_path, ".parquet")
    con = duckdb.connect()
    got = con.execute(
        "SELECT posting_id, title, company, category, url, tags, salary_min "
        "FROM read_parquet(?, hive_partitioning = true) ORDER BY posting_id",
        [str(tmp_path / "core.postings" / "**" / "*.parquet")]).fetchall()
    with read_only(hostile_warehouse.path) as wh:
        want = wh.execute(
            "SELECT posting_id, title, company, category, url, tags, salary_min FROM core.postings ORDER BY posting_id"
        ).fetchall()
    assert got == want and len(got) == hostile_warehouse.postings
    companies = {row[2] for row in got}
    for formula in FORMULAS:
        assert formula in companies, formula  # as stored, no quote added


def test_sql_csv_output_is_neutralised_too(hostile_warehouse):
    import io
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    # bytes, not text mode: universal newlines would turn a quoted lone CR into a line break
    completed = subprocess.run(
        [sys.executable, "-m", "flows.cli", "sql", "SELECT company, salary_min FROM core.postings ORDER BY company",
         "--format", "csv"], cwd=REPO, capture_output=True, timeout=300, check=True,
        env={**os.environ, "SKILLPULSE_WAREHOUSE_PATH": str(hostile_warehouse.path)})
    rows = list(csv.DictReader(io.StringIO(completed.stdout.decode("utf-8"), newline="")))
    assert rows and all(not r["company"].startswith(CSV_TRIGGERS) for r in rows)
    assert {"'" + f for f in FORMULAS} <= {r["company"] for r in rows}
    assert {r["salary_min"] for r in rows} == {"-2.0"}  # numbers stay numbers
