"""SQL models, one file each, layers as folders: staging -> core -> marts (the registry of marts).

Each file is a SELECT with a header of ``-- key: value`` lines (or, for the few figures SQL cannot
make — a false-discovery-rate correction, an exact bootstrap — a Python file whose ``build(con)``
returns a DataFrame, with the same header as ``# key: value`` comment lines):

    -- materialized: table | view
    -- grain: what one row is
    -- key: the columns that are unique together (checked by ``check_keys`` and the tests)
    -- description: the table's entry in the data dictionary
    -- column NAME: the column's entry in the data dictionary
    -- values NAME: the values the column may take, comma-separated (checked like the key)
    -- partition: the columns a refresh can rebuild the model by (warehouse/incremental.py)

The schema is the layer (``staging``, ``core``, ``mart``) and the table is the file name, so
``models/marts/weekly_skill_share.sql`` builds ``mart.weekly_skill_share``. Descriptions become
DuckDB comments, from which the data dictionary is generated: written once, here.
"""

from __future__ import annotations

import importlib.util
import re
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.connect import sql_string

MODELS_DIR = Path(str(resources.files("warehouse") / "models"))
LAYERS = (("staging", "staging"), ("core", "core"), ("marts", "mart"))
_HEADER = re.compile(r"^(?:--|#)\s*(materialized|grain|key|partition|description|column\s+\w+|values\s+\w+)\s*:\s*(.*)$")


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
    path: Path | None = None
    accepted: dict[str, tuple[str, ...]] = field(default_factory=dict)
    partition: tuple[str, ...] = ()

    @property
    def relation(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def is_python(self) -> bool:
        return self.path is not None and self.path.suffix == ".py"

    def build_frame(self, con: duckdb.DuckDBPyConnection):
        """A Python model's rows: its module's ``build(con)``."""
        spec = importlib.util.spec_from_file_location(f"warehouse.models.{self.schema}_{self.name}", self.path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.build(con)


def parse_model(path: Path, schema: str) -> Model:
    header: dict[str, str] = {}
    columns: dict[str, str] = {}
    accepted: dict[str, tuple[str, ...]] = {}
    comment = "#" if path.suffix == ".py" else "--"
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.startswith(comment):
                break
            continue
        name, value = match.group(1), match.group(2).strip()
        if name.startswith("column"):
            columns[name.split()[1]] = value
        elif name.startswith("values"):
            accepted[name.split()[1]] = tuple(v.strip() for v in value.split(",") if v.strip())
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
        path=path,
        accepted=accepted,
        partition=tuple(c.strip() for c in header.get("partition", "").split(",") if c.strip()),
    )


def _reads(model: Model) -> str:
    """The text a model's inputs are found in: a SQL model's SQL without its comments (a
    description may name the models that read it); a Python model's whole source (its docstring
    names what it reads)."""
    if model.is_python:
        return model.sql
    return "\n".join(line.split("--", 1)[0] for line in model.sql.splitlines())


def all_models(folder: Path = MODELS_DIR) -> list[Model]:
    """Every model, in build order: layer by layer, and within a layer after the models it reads."""
    ordered: list[Model] = []
    for layer, schema in LAYERS:
        files = sorted([*(folder / layer).glob("*.sql"), *(folder / layer).glob("*.py")])
        pending = [parse_model(path, schema) for path in files if not path.name.startswith("_")]
        while pending:
            ready = [m for m in pending if not any(
                other is not m and re.search(rf"\b{re.escape(other.relation)}\b", _reads(m))
                for other in pending)]
            if not ready:
                raise ValueError(f"models read each other in a cycle: {[m.relation for m in pending]}")
            ordered += ready
            pending = [m for m in pending if m not in ready]
    return ordered




def _current_feature_versions(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """(features_version, roles_version) of the features stored: one version is kept per posting,
    so the most common one is the current one ("" when none were made)."""
    rows = con.execute("""SELECT features_version FROM raw.posting_features
                          GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1""").fetchall()
    features = rows[0][0] if rows else ""
    match = re.match(r"roles (\S+);", features)
    return features, match.group(1) if match else ""


def _current_proof_rules_version(con: duckdb.DuckDBPyConnection) -> str:
    """The proof rules version of the stored proofs (one per posting is kept, so the most common
    is the current one; "" when none were mined: mart.skill_proof is then empty, not all zeros)."""
    rows = con.execute("""SELECT proof_rules_version FROM raw.proof_scans
                          GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1""").fetchall()
    return rows[0][0] if rows else ""


def build_models(con: duckdb.DuckDBPyConnection, *, taxonomy_version: str,
                 extractor_version: str, features_version: str | None = None,
                 roles_version: str | None = None, proof_rules_version: str | None = None,
                 incremental: bool = True) -> list[str]:
    """(Re)build every model inside one transaction; returns the relations built.

    With ``incremental`` (the default), a build after an earlier one with the same versions and
    model files rebuilds a partitioned model only where new, changed or gone postings reach
    (warehouse/incremental.py); ``last_build(con)`` says which it was."""
    from warehouse import incremental as inc

    started = time.perf_counter()
    if features_version is None or roles_version is None:
        found_features, found_roles = _current_feature_versions(con)
        features_version = found_features if features_version is None else features_version
        roles_version = found_roles if roles_version is None else roles_version
    if proof_rules_version is None:
        proof_rules_version = _current_proof_rules_version(con)
    versions = {"taxonomy_version": taxonomy_version, "extractor_version": extractor_version,
                "features_version": features_version, "roles_version": roles_version,
                "proof_rules_version": proof_rules_version}
    for name, value in versions.items():
        con.execute(f"SET VARIABLE {name} = ?", [value])
    con.execute("CREATE SCHEMA IF NOT EXISTS staging")
    models = all_models()
    built = []
    con.execute("BEGIN TRANSACTION")
    try:
        build = inc.plan(con, models, inc.state_of(models, versions), allowed=incremental)
        seconds = {"plan": time.perf_counter() - started}
        partial = set()
        for model in models:
            since = time.perf_counter()
            if build.mode == "incremental" and model.partition and inc.rebuild_partitions(con, model, build):
                partial.add(model.relation)
            else:
                _create(con, model)
            built.append(model.relation)
            seconds[model.relation] = time.perf_counter() - since
        since = time.perf_counter()
        broken = {rel: n for rel, n in check_keys(con, partial=partial).items() if n}
        if broken:
            raise RuntimeError(f"model keys violated (rows): {broken}")
        seconds["check_keys"] = time.perf_counter() - since
        if inc.recorded(con):
            inc.record(con, build, time.perf_counter() - started, seconds)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return built


def _create(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    """Create one model from nothing, with its comments."""
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
    if model.is_python:
        con.register("_python_model_rows", model.build_frame(con))
        con.execute(f"CREATE TABLE {model.relation} AS SELECT * FROM _python_model_rows")
        con.unregister("_python_model_rows")
    else:
        con.execute(f"CREATE {kind} {model.relation} AS\n{model.sql}")
    con.execute(f"COMMENT ON {kind} {model.relation} IS {sql_string(model.description)}")
    actual = [r[0] for r in con.execute(f"DESCRIBE {model.relation}").fetchall()]
    undocumented = [c for c in actual if c not in model.columns]
    if undocumented:
        raise ValueError(f"{model.relation}: columns without a description: {undocumented}")
    for column in actual:
        con.execute(f"COMMENT ON COLUMN {model.relation}.{column} IS {sql_string(model.columns[column])}")


def last_build(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The latest row of meta.model_builds (mode, reason, counts, seconds), or None."""
    from warehouse import incremental as inc

    if not inc.recorded(con):
        return None
    frame = con.execute("SELECT * FROM meta.model_builds ORDER BY built_at DESC LIMIT 1").df()
    return None if frame.empty else frame.iloc[0].to_dict()


def check_keys(con: duckdb.DuckDBPyConnection, *, partial: set[str] | frozenset[str] = frozenset()) -> dict[str, int]:
    """Rows violating each model's declared key (duplicates or NULLs), and rows whose column holds a
    value outside its declared ``values`` list (as "schema.table.column"); all zero when healthy.

    ``partial``: inside an incremental build, the models rebuilt by partition, checked only in
    the partitions rebuilt (``warehouse.incremental.checked_rows``)."""
    from warehouse import incremental as inc

    problems = {}
    for model in all_models():
        rows = (inc.checked_rows(model) if model.relation in partial else None) or model.relation
        cols = ", ".join(model.key)
        not_null = " OR ".join(f"{c} IS NULL" for c in model.key)
        dupes = con.execute(
            f"SELECT count(*) FROM (SELECT {cols} FROM {rows} GROUP BY ALL HAVING count(*) > 1)"
        ).fetchall()[0][0]
        nulls = con.execute(f"SELECT count(*) FROM {rows} WHERE {not_null}").fetchall()[0][0]
        problems[model.relation] = dupes + nulls
        for column, values in model.accepted.items():
            bad = con.execute(
                f"SELECT count(*) FROM {rows} WHERE {column} IS NOT NULL "
                f"AND NOT list_contains(?, CAST({column} AS VARCHAR))", [list(values)]).fetchall()[0][0]
            problems[f"{model.relation}.{column}"] = bad
    return problems
