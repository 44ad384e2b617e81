"""SQL models, one file each, layers as folders: staging -> core -> marts (the registry of marts).

Each file is a SELECT with a header of ``-- key: value`` lines:

    -- materialized: table | view
    -- grain: what one row is
    -- key: the columns that are unique together (checked by ``check_keys`` and the tests)
    -- description: the table's entry in the data dictionary
    -- column NAME: the column's entry in the data dictionary

The schema is the layer (``staging``, ``core``, ``mart``) and the table is the file name, so
``models/marts/weekly_skill_share.sql`` builds ``mart.weekly_skill_share``. Descriptions become
DuckDB comments, from which the data dictionary is generated: written once, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import duckdb

MODELS_DIR = Path(str(resources.files("warehouse") / "models"))
LAYERS = (("staging", "staging"), ("core", "core"), ("marts", "mart"))
_HEADER = re.compile(r"^--\s*(materialized|grain|key|description|column\s+\w+)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Model:
    schema: str
    name: str
    sql: str
    materialized: str
    grain: str
    key: tuple[str, ...]
    description: str
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def relation(self) -> str:
        return f"{self.schema}.{self.name}"


def parse_model(path: Path, schema: str) -> Model:
    header: dict[str, str] = {}
    columns: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.startswith("--"):
                break
            continue
        name, value = match.group(1), match.group(2).strip()
        if name.startswith("column"):
            columns[name.split()[1]] = value
        else:
            header[name] = value
    missing = {"materialized", "grain", "key", "description"} - header.keys()
    if missing:
        raise ValueError(f"{path}: model header lacks {', '.join(sorted(missing))}")
    if header["materialized"] not in {"table", "view"}:
        raise ValueError(f"{path}: materialized must be table or view")
    return Model(
        schema=schema,
        name=path.stem,
        sql=path.read_text(encoding="utf-8"),
        materialized=header["materialized"],
        grain=header["grain"],
        key=tuple(k.strip() for k in header["key"].split(",")),
        description=header["description"],
        columns=columns,
    )


def all_models(folder: Path = MODELS_DIR) -> list[Model]:
    """Every model, in build order: layer by layer, and within a layer after the models it reads."""
    ordered: list[Model] = []
    for layer, schema in LAYERS:
        pending = [parse_model(path, schema) for path in sorted((folder / layer).glob("*.sql"))]
        while pending:
            ready = [m for m in pending if not any(
                other is not m and re.search(rf"\b{re.escape(other.relation)}\b", m.sql)
                for other in pending)]
            if not ready:
                raise ValueError(f"models read each other in a cycle: {[m.relation for m in pending]}")
            ordered += ready
            pending = [m for m in pending if m not in ready]
    return ordered


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def build_models(con: duckdb.DuckDBPyConnection, *, taxonomy_version: str,
                 extractor_version: str) -> list[str]:
    """(Re)build every model inside one transaction; returns the relations built."""
    con.execute("SET VARIABLE taxonomy_version = ?", [taxonomy_version])
    con.execute("SET VARIABLE extractor_version = ?", [extractor_version])
    con.execute("CREATE SCHEMA IF NOT EXISTS staging")
    built = []
    con.execute("BEGIN TRANSACTION")
    try:
        for model in all_models():
            kind = "VIEW" if model.materialized == "view" else "TABLE"
            # A view cannot replace a table of the same name (or vice versa): drop what is there.
            existing = con.execute(
                """SELECT 'TABLE' FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?
                   UNION ALL
                   SELECT 'VIEW' FROM duckdb_views() WHERE schema_name = ? AND view_name = ?""",
                [model.schema, model.name, model.schema, model.name],
            ).fetchall()
            for (existing_kind,) in existing:
                con.execute(f"DROP {existing_kind} {model.relation} CASCADE")
            con.execute(f"CREATE {kind} {model.relation} AS\n{model.sql}")
            con.execute(f"COMMENT ON {kind} {model.relation} IS {_quote(model.description)}")
            actual = [r[0] for r in con.execute(f"DESCRIBE {model.relation}").fetchall()]
            undocumented = [c for c in actual if c not in model.columns]
            if undocumented:
                raise ValueError(f"{model.relation}: columns without a description: {undocumented}")
            for column in actual:
                con.execute(
                    f"COMMENT ON COLUMN {model.relation}.{column} IS {_quote(model.columns[column])}"
                )
            built.append(model.relation)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return built


def check_keys(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows violating each model's declared key (duplicates or NULLs); all zero when healthy."""
    problems = {}
    for model in all_models():
        cols = ", ".join(model.key)
        not_null = " OR ".join(f"{c} IS NULL" for c in model.key)
        dupes = con.execute(
            f"SELECT count(*) FROM (SELECT {cols} FROM {model.relation} GROUP BY ALL HAVING count(*) > 1)"
        ).fetchall()[0][0]
        nulls = con.execute(f"SELECT count(*) FROM {model.relation} WHERE {not_null}").fetchall()[0][0]
        problems[model.relation] = dupes + nulls
    return problems
