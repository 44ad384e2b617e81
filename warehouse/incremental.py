"""Incremental model builds: rebuild only the rows that new, changed or gone postings can change.

A full build creates every model from its SQL (``warehouse/models.py``). A later build with the
same *state* (the versions the models read and the text of the model files) rebuilds a model with
a ``-- partition: COLUMNS`` header only in the partitions a change can reach, in this order:

1. **changed postings**: new, changed or gone since the last build; a posting is changed when the
   hash of its inputs (``FINGERPRINT_SQL``: its stored fields, features and extraction) differs
   from the one the last build saved in ``meta.posting_fingerprints``;
2. ``core.posting_blocks`` (partition ``posting_id``): the changed postings' rows;
3. **touched blocks**: the changed postings' blocks, before and after;
4. ``core.posting_clusters`` (partition ``match_key``): the touched blocks. Copies are only
   found within a block, so no other posting's job, canonical copy or cluster size can change;
5. **touched postings**: the changed ones and every posting of a touched block, before and after;
6. ``core.postings``, ``core.posting_skills``, ``core.counted_postings``, ``mart.skill_evidence``
   (partition ``posting_id``): the touched postings' rows. Whether a posting is still listed
   (``is_open``, ``closed_after``, ``last_seen_at``) changes with every crawl without changing its
   content: those columns are updated in place for every posting;
7. **touched periods**: the weeks and months of the touched postings' counted rows, before and
   after;
8. ``mart.segment_counts``, ``mart.skill_counts`` (partition ``period_type, period``): the
   touched periods;
9. ``mart.plan_postings`` (partition ``posting_id``, over the last 52 complete weeks): the
   touched postings, or whole when a new week completed since the last build (``WINDOWED``);
10. every other model (views, small tables, the other marts over rolling windows) is built whole.

A touched partition's rows are deleted and inserted again from the model's own SQL, with each
input relation that has the partition columns restricted to the touched values (a semi join): the
same SQL as a full build, so the two cannot drift (tests/test_incremental_models.py builds both
and compares every model row for row). A build is full when there is no earlier build, when the
state changed, when more than ``FULL_SHARE`` of the postings changed (a full build is then
faster), and every ``FULL_EVERY`` builds (it also stores the skill-ordered tables in order again:
rows added incrementally sit at the end).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

import duckdb

from warehouse.trends import last_complete_week

FULL_SHARE = 0.25
FULL_EVERY = 30
# Bump when the rules below change: the state then differs, and the next build is full.
INCREMENTAL_VERSION = "1"

# Every input of a posting's rows in the partitioned models. is_open / closed_after / last_seen_at
# are left out on purpose: they move with every crawl and are updated in place (STATUS_UPDATE).
FINGERPRINT_SQL = """
SELECT s.posting_id,
       hash(s.source, s.source_id, s.url, s.title, s.company, s.content_hash, s.posted_at, s.category,
            s.location, s.country_codes, s.regions, s.remote, s.seniority, s.employment_type,
            s.salary_text, s.salary_min, s.salary_max, s.salary_currency, s.salary_period,
            s.salary_hourly_min, s.salary_hourly_max, s.salary_annual_min, s.salary_annual_max,
            s.tags, s.attribution, s.first_seen_at,
            f.content_hash, f.family, f.family_basis, f.region, f.title_key, f.qualifier_skills, f.sketch,
            e.content_hash, e.skills_found, e.extracted_at) AS fingerprint
FROM staging.stg_postings AS s
LEFT JOIN raw.posting_features AS f
  ON f.posting_id = s.posting_id AND f.features_version = getvariable('features_version')
LEFT JOIN raw.extractions AS e
  ON e.posting_id = s.posting_id AND e.taxonomy_version = getvariable('taxonomy_version')
 AND e.extractor_version = getvariable('extractor_version')
"""

# The touched set each partitioned model is rebuilt over (temporary tables of this build).
SCOPE = {
    "core.posting_blocks": "_changed_postings",
    "core.posting_clusters": "_touched_blocks",
    "core.postings": "_touched_postings",
    "core.posting_skills": "_touched_postings",
    "core.counted_postings": "_touched_postings",
    "mart.skill_evidence": "_touched_postings",
    "mart.segment_counts": "_touched_periods",
    "mart.skill_counts": "_touched_periods",
    "mart.plan_postings": "_touched_postings",
}
# Models over the rolling window of the last complete weeks: a posting's row also depends on
# where the window ends, so when a new week completes they are built whole.
WINDOWED = {"mart.plan_postings"}

# What a model's old rows (before) and new rows (after) add to the touched sets downstream. Only
# rows that really changed carry a change on: a posting of a touched block whose job, canonical
# copy and copies are what they were is not rebuilt, and a period whose counted rows are the same
# (and whose postings' skills are: those change only for changed postings) is not recounted.
BEFORE = {
    "core.posting_blocks": ["""INSERT INTO _touched_blocks SELECT DISTINCT match_key
                               FROM core.posting_blocks SEMI JOIN _changed_postings USING (posting_id)"""],
    "core.posting_clusters": ["""CREATE OR REPLACE TEMP TABLE _old_clusters AS
                                 SELECT * FROM core.posting_clusters SEMI JOIN _touched_blocks USING (match_key)"""],
    "core.counted_postings": ["""CREATE OR REPLACE TEMP TABLE _old_counted AS
                                 SELECT * FROM core.counted_postings SEMI JOIN _touched_postings USING (posting_id)"""],
}
AFTER = {
    "core.posting_blocks": ["""INSERT INTO _touched_blocks SELECT DISTINCT match_key
                               FROM core.posting_blocks SEMI JOIN _changed_postings USING (posting_id)""",
                            """CREATE OR REPLACE TEMP TABLE _touched_blocks AS
                               SELECT DISTINCT match_key FROM _touched_blocks"""],
    "core.posting_clusters": ["""CREATE OR REPLACE TEMP TABLE _touched_postings AS
                                 SELECT posting_id FROM _changed_postings
                                 UNION
                                 SELECT posting_id FROM (
                                     (SELECT * FROM core.posting_clusters SEMI JOIN _touched_blocks USING (match_key)
                                      EXCEPT SELECT * FROM _old_clusters)
                                     UNION ALL
                                     (SELECT * FROM _old_clusters
                                      EXCEPT SELECT * FROM core.posting_clusters SEMI JOIN _touched_blocks USING (match_key)))"""],
    "core.postings": ["""UPDATE core.postings AS p
                         SET is_open = s.is_open, closed_after = s.closed_after, last_seen_at = s.last_seen_at
                         FROM staging.stg_postings AS s
                         WHERE s.posting_id = p.posting_id
                           AND (p.is_open IS DISTINCT FROM s.is_open OR p.closed_after IS DISTINCT FROM s.closed_after
                                OR p.last_seen_at IS DISTINCT FROM s.last_seen_at)"""],
    "core.counted_postings": ["""CREATE OR REPLACE TEMP TABLE _touched_periods AS
                                 WITH new AS (SELECT * FROM core.counted_postings SEMI JOIN _touched_postings USING (posting_id))
                                 SELECT period_type, period FROM (
                                     (SELECT * FROM new EXCEPT SELECT * FROM _old_counted)
                                     UNION ALL (SELECT * FROM _old_counted EXCEPT SELECT * FROM new))
                                 UNION
                                 SELECT period_type, period FROM (SELECT * FROM new UNION ALL SELECT * FROM _old_counted)
                                 SEMI JOIN _changed_postings USING (posting_id)"""],
}

_RELATION = re.compile(r"\b(raw|staging|core|mart)\.([a-z_][a-z0-9_]*)\b")


@dataclass
class Plan:
    """How this build goes: ``mode`` is "full" or "incremental", ``reason`` says why."""

    mode: str
    reason: str
    state: str
    postings_changed: int = 0
    window_end: object = None  # the last complete week before the build (WINDOWED)


def state_of(models: list, versions: dict[str, str]) -> str:
    """What the models are built with: the versions they read and a hash of every model file."""
    text = hashlib.sha256("\n".join(f"{m.relation}\n{m.sql}" for m in models).encode("utf-8")).hexdigest()
    return json.dumps({**versions, "models": text[:16], "incremental": INCREMENTAL_VERSION}, sort_keys=True)


def _exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(con.execute("""SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?""",
                            [schema, name]).fetchall()[0][0])


def recorded(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the warehouse keeps build records (migration 010; a bare test connection may not)."""
    return _exists(con, "meta", "model_builds") and _exists(con, "meta", "posting_fingerprints")


def plan(con: duckdb.DuckDBPyConnection, models: list, state: str, allowed: bool = True) -> Plan:
    """Full or incremental, and the changed postings (into the temporary ``_changed_postings``)."""
    if not allowed:
        return Plan("full", "incremental builds are off (incremental_marts = false)", state)
    if not recorded(con):
        return Plan("full", "no record of earlier builds (schema before migration 010)", state)
    last = con.execute("SELECT state FROM meta.model_builds ORDER BY built_at DESC LIMIT 1").fetchall()
    if not last:
        return Plan("full", "first build", state)
    if last[0][0] != state:
        return Plan("full", "the versions or the model files changed since the last build", state)
    missing = [m.relation for m in models if m.partition and not _exists(con, m.schema, m.name)]
    if missing:
        return Plan("full", f"partitioned models missing: {', '.join(missing)}", state)
    since_full = con.execute("""SELECT count(*) FROM meta.model_builds WHERE built_at >
                                coalesce((SELECT max(built_at) FROM meta.model_builds WHERE mode = 'full'),
                                         TIMESTAMPTZ '1970-01-01')""").fetchall()[0][0]
    if since_full + 1 >= FULL_EVERY:
        return Plan("full", f"a full build every {FULL_EVERY} builds (stores the skill-ordered marts in order)", state)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _fingerprints AS {FINGERPRINT_SQL}""")
    con.execute("""CREATE OR REPLACE TEMP TABLE _changed_postings AS
                   SELECT coalesce(n.posting_id, o.posting_id) AS posting_id
                   FROM _fingerprints AS n FULL OUTER JOIN meta.posting_fingerprints AS o USING (posting_id)
                   WHERE n.fingerprint IS DISTINCT FROM o.fingerprint""")
    changed, total = con.execute("""SELECT (SELECT count(*) FROM _changed_postings),
                                           (SELECT count(*) FROM _fingerprints)""").fetchall()[0]
    if changed > FULL_SHARE * max(total, 1):
        return Plan("full", f"{changed:,} of {total:,} postings changed (over {FULL_SHARE:.0%})", state, changed)
    window_end = last_complete_week(con) if _exists(con, "mart", "periods") else None
    con.execute("CREATE OR REPLACE TEMP TABLE _touched_blocks (match_key VARCHAR)")
    con.execute("CREATE OR REPLACE TEMP TABLE _touched_postings AS SELECT posting_id FROM _changed_postings")
    con.execute("CREATE OR REPLACE TEMP TABLE _touched_periods (period_type VARCHAR, period DATE)")
    return Plan("incremental", "incremental", state, changed, window_end)


def scoped_sql(con: duckdb.DuckDBPyConnection, model, scope: str) -> str:
    """The model's SQL with every input that has the partition columns cut to the scope's values."""
    columns = set(model.partition)
    using = ", ".join(model.partition)

    def restrict(match: re.Match) -> str:
        schema, name = match.group(1), match.group(2)
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?",
            [schema, name]).fetchall()}
        if not columns <= have:
            return match.group(0)
        return f"(SELECT * FROM {schema}.{name} SEMI JOIN {scope} USING ({using}))"

    return _RELATION.sub(restrict, model.sql)


def rebuild_partitions(con: duckdb.DuckDBPyConnection, model, build: Plan) -> bool:
    """Delete the model's rows in the touched partitions and insert them again from its SQL;
    False when it must be built whole instead (a WINDOWED model whose window moved)."""
    if model.relation not in SCOPE:
        raise ValueError(f"{model.relation} has a partition header but no scope in warehouse/incremental.py")
    if model.relation in WINDOWED and last_complete_week(con) != build.window_end:
        return False
    scope = SCOPE[model.relation]
    for statement in BEFORE.get(model.relation, []):
        con.execute(statement)
    match = " AND ".join(f"{model.relation}.{c} = {scope}.{c}" for c in model.partition)
    con.execute(f"DELETE FROM {model.relation} USING {scope} WHERE {match}")
    con.execute(f"INSERT INTO {model.relation} BY NAME SELECT * FROM (\n{scoped_sql(con, model, scope)}\n)")
    for statement in AFTER.get(model.relation, []):
        con.execute(statement)
    return True


def record(con: duckdb.DuckDBPyConnection, build: Plan, seconds: float, model_seconds: dict[str, float]) -> None:
    """Save the fingerprints this build saw and a row in meta.model_builds."""
    if build.mode == "full":
        con.execute(f"CREATE OR REPLACE TEMP TABLE _fingerprints AS {FINGERPRINT_SQL}")
        con.execute("DELETE FROM meta.posting_fingerprints")
        con.execute("INSERT INTO meta.posting_fingerprints SELECT posting_id, fingerprint FROM _fingerprints")
        rebuilt = con.execute("SELECT count(*) FROM core.posting_blocks").fetchall()[0][0]
        periods = con.execute("SELECT count(*) FROM mart.periods").fetchall()[0][0]
    else:
        con.execute("DELETE FROM meta.posting_fingerprints USING _changed_postings AS c "
                    "WHERE meta.posting_fingerprints.posting_id = c.posting_id")
        con.execute("""INSERT INTO meta.posting_fingerprints
                       SELECT posting_id, fingerprint FROM _fingerprints SEMI JOIN _changed_postings USING (posting_id)""")
        rebuilt = con.execute("SELECT count(*) FROM _touched_postings").fetchall()[0][0]
        periods = con.execute("SELECT count(*) FROM _touched_periods").fetchall()[0][0]
    postings = con.execute("SELECT count(*) FROM core.posting_blocks").fetchall()[0][0]
    slowest = dict(sorted(((k, round(v, 2)) for k, v in model_seconds.items()), key=lambda kv: -kv[1]))
    con.execute("INSERT INTO meta.model_builds VALUES (now(), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [build.mode, build.reason, build.state, postings, build.postings_changed, rebuilt, periods,
                 round(seconds, 2), json.dumps(slowest)])


def checked_rows(model) -> str | None:
    """For the key checks of an incremental build: the rows a partitioned model rebuilt (the rest
    were checked when they were built, and a key never spans two partitions), as a relation to
    select from; None to check the whole model."""
    if not model.partition or model.relation not in SCOPE:
        return None
    return f"(SELECT * FROM {model.relation} SEMI JOIN {SCOPE[model.relation]} USING ({', '.join(model.partition)}))"
