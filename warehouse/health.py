"""What the dashboard's freshness line and Data health page read: the refresh runs, each source's
last crawl and last success, field coverage per source, and the crawlers' quality counters.
Typed query functions, read-only, one short connection each (like warehouse/queries.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from warehouse.connect import read_only


@dataclass(frozen=True)
class Freshness:
    built_at: datetime | None  # when the published data was built
    newest_posting: date | None  # the newest counted posting's date (data can be old while runs are new)
    status: str | None  # the last published run's status
    run_id: str | None
    failed_sources: list[str]  # sources that failed in the last published run
    degraded_sources: list[str]  # sources that crawled but logged errors or quarantined records
    failed_runs_since: int  # runs that published nothing since the previous publish
    quarantined: int
    repaired: int
    postings: int
    taxonomy_version: str | None
    extractor_version: str | None


def freshness(db: Path) -> Freshness:
    with read_only(db) as con:
        run = con.execute(
            """SELECT run_id, finished_at, status, coalesce(quarantined, 0), coalesce(repaired, 0), postings_total,
                      taxonomy_version, extractor_version
               FROM meta.runs WHERE status IN ('success', 'partial', 'reextract')
               ORDER BY finished_at DESC LIMIT 1""").fetchall()
        newest = con.execute("SELECT max(posted_at) FROM core.postings").fetchall()[0][0]
        if not run:
            return Freshness(None, newest, None, None, [], [], 0, 0, 0, 0, None, None)
        run_id, built, status, quarantined, repaired, total, tv, ev = run[0]
        sources = con.execute(
            "SELECT source, status, coalesce(errors, 0) FROM meta.source_runs WHERE run_id = ? ORDER BY source",
            [run_id]).fetchall()
        quarantine_by_source = dict(con.execute(
            "SELECT source, count(*) FROM meta.quarantine WHERE run_id = ? AND action = 'dropped' GROUP BY source",
            [run_id]).fetchall())
        failed_since = con.execute(
            """SELECT count(*) FROM meta.runs WHERE status IN ('failed', 'killed') AND started_at >
                   coalesce((SELECT max(finished_at) FROM meta.runs WHERE status IN ('success', 'partial', 'reextract')
                             AND finished_at < ?), '-infinity'::TIMESTAMPTZ)""", [built]).fetchall()[0][0]
    failed = [s for s, st, _ in sources if st != "ok"]
    degraded = [s for s, st, errors in sources if st == "ok" and (errors or quarantine_by_source.get(s))]
    return Freshness(built, newest, status, run_id, failed, degraded, int(failed_since), int(quarantined),
                     int(repaired), int(total or 0), tv, ev)


def runs(db: Path, limit: int = 30) -> pd.DataFrame:
    """The latest refresh runs, published or not, newest first."""
    with read_only(db) as con:
        return con.execute(
            """SELECT run_id, started_at, finished_at, status, stage_reached, postings_total, postings_new,
                      postings_extracted, coalesce(quarantined, 0) AS quarantined, coalesce(repaired, 0) AS repaired,
                      note, error
               FROM meta.runs ORDER BY started_at DESC LIMIT ?""", [int(limit)]).df()


def _source_fields_sql() -> str:
    """The body of warehouse/models/marts/source_fields.sql (one definition for both paths)."""
    path = Path(__file__).parent / "models" / "marts" / "source_fields.sql"
    return "\n".join(line for line in path.read_text().splitlines() if not line.startswith("--"))


_SOURCE_FIELDS_SQL = _source_fields_sql()


def sources(db: Path) -> pd.DataFrame:
    """Per source: postings stored, the last crawl (status, items, errors, seconds), the last success,
    and the field coverage of its postings (share with a usable value)."""
    with read_only(db) as con:
        # A warehouse published before mart.source_fields existed (the next refresh makes it) is
        # read the slow way rather than failing.
        made = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'mart' "
                           "AND table_name = 'source_fields'").fetchall()[0][0]
        coverage = "SELECT * FROM mart.source_fields" if made else _SOURCE_FIELDS_SQL
        return con.execute(
            f"""WITH latest AS (
                   SELECT s.*, r.started_at FROM meta.source_runs AS s JOIN meta.runs AS r USING (run_id)
                   QUALIFY row_number() OVER (PARTITION BY s.source ORDER BY r.started_at DESC) = 1),
               success AS (
                   SELECT s.source, max(r.finished_at) AS last_success FROM meta.source_runs AS s
                   JOIN meta.runs AS r USING (run_id) WHERE s.status = 'ok' GROUP BY s.source),
               coverage AS ({coverage})
               SELECT coalesce(c.source, l.source) AS source, c.postings, c.open_postings, c.newest_posting,
                      l.status AS last_status, l.items AS last_items, l.errors AS last_errors,
                      l.seconds AS last_seconds, l.started_at AS last_crawl, s.last_success,
                      c.employment_type, c.pay, c.location, c.work_arrangement, c.seniority, c.role_family,
                      c.description
               FROM coverage AS c FULL JOIN latest AS l USING (source) LEFT JOIN success AS s
                 ON s.source = coalesce(c.source, l.source)
               ORDER BY postings DESC NULLS LAST, source""").df()


def field_problems(db: Path) -> pd.DataFrame:
    """The crawlers' quality counters of each source's last crawl: per field, postings whose value
    could not be used (long form: source, counter, count)."""
    with read_only(db) as con:
        rows = con.execute(
            """SELECT s.source, s.field_problems FROM meta.source_runs AS s JOIN meta.runs AS r USING (run_id)
               QUALIFY row_number() OVER (PARTITION BY s.source ORDER BY r.started_at DESC) = 1""").fetchall()
    out = []
    for source, problems in rows:
        try:
            counters = json.loads(problems) if isinstance(problems, str) else (problems or {})
        except ValueError:
            counters = {}
        for key, count in sorted(counters.items()):
            kind, _, rest = key.partition("/")
            field = rest.split("/", 1)[1] if "/" in rest else rest
            out.append({"source": source, "problem": kind.replace("field_", ""), "field": field, "postings": int(count)})
    return pd.DataFrame(out, columns=["source", "problem", "field", "postings"])


def quarantine(db: Path, limit: int = 200) -> pd.DataFrame:
    """The latest quarantined records (payload cut short), newest first."""
    with read_only(db) as con:
        return con.execute(
            """SELECT quarantined_at, run_id, stage, source, record_id, action, reason, left(payload, 300) AS payload
               FROM meta.quarantine ORDER BY quarantined_at DESC LIMIT ?""", [int(limit)]).df()
