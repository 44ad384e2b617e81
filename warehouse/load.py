"""Bulk loading: land JSON-lines files, then one INSERT ... SELECT from read_json per file.

Nothing here inserts row by row. Loads are idempotent: postings upsert on (source, source_id), so
loading the same crawl twice leaves the same rows; mentions are replaced per (posting, versions).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

# Column types of a crawl file, by JobPosting field name (crawlers/items.py).
POSTING_COLUMNS = {
    "source": "VARCHAR", "source_id": "VARCHAR", "url": "VARCHAR", "title": "VARCHAR",
    "company": "VARCHAR", "description": "VARCHAR", "posted_at": "VARCHAR",
    "posted_at_utc": "VARCHAR", "location": "VARCHAR", "country_codes": "VARCHAR[]",
    "regions": "VARCHAR[]", "remote": "VARCHAR", "seniority": "VARCHAR",
    "employment_type": "VARCHAR", "category": "VARCHAR", "salary_text": "VARCHAR",
    "salary_min": "DOUBLE", "salary_max": "DOUBLE", "salary_currency": "VARCHAR",
    "salary_period": "VARCHAR", "salary_hourly_min": "DOUBLE", "salary_hourly_max": "DOUBLE",
    "salary_annual_min": "DOUBLE", "salary_annual_max": "DOUBLE", "tags": "VARCHAR[]", "attribution": "VARCHAR", "raw": "JSON",
    "crawled_at": "VARCHAR",
}
_UPDATED = [c for c in POSTING_COLUMNS if c not in {"source", "source_id", "crawled_at"}]


def _columns_literal(columns: dict[str, str]) -> str:
    return "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items()) + "}"


def load_postings(con: duckdb.DuckDBPyConnection, crawl_file: Path, run_id: str) -> dict[str, int]:
    """Upsert one crawl file into raw.postings; returns counts of rows read, new and updated."""
    crawl_file = Path(crawl_file)
    if crawl_file.stat().st_size == 0:
        return {"read": 0, "new": 0}
    before = con.execute("SELECT count(*) FROM raw.postings").fetchall()[0][0]
    updates = ",\n        ".join(f"{c} = excluded.{c}" for c in _UPDATED)
    con.execute(
        f"""
        INSERT INTO raw.postings BY NAME
        SELECT
            source, source_id, url, title, company, description,
            TRY_CAST(posted_at AS DATE) AS posted_at,
            TRY_CAST(posted_at_utc AS TIMESTAMPTZ) AS posted_at_utc,
            location, coalesce(country_codes, []) AS country_codes, coalesce(regions, []) AS regions,
            remote, seniority, employment_type, category, salary_text, salary_min, salary_max,
            salary_currency, salary_period, salary_hourly_min, salary_hourly_max, salary_annual_min,
            salary_annual_max, coalesce(tags, []) AS tags, attribution, raw,
            md5(coalesce(title, '') || chr(10) || coalesce(description, '')) AS content_hash,
            coalesce(TRY_CAST(crawled_at AS TIMESTAMPTZ), now()) AS first_seen_at,
            coalesce(TRY_CAST(crawled_at AS TIMESTAMPTZ), now()) AS last_seen_at,
            $run_id AS last_run_id
        FROM read_json($path, format = 'newline_delimited', columns = {_columns_literal(POSTING_COLUMNS)})
        WHERE source IS NOT NULL AND source_id IS NOT NULL
        -- A source can list the same job twice in one response; keep one (the last listed).
        QUALIFY row_number() OVER (PARTITION BY source, source_id ORDER BY crawled_at DESC) = 1
        ON CONFLICT (source, source_id) DO UPDATE SET
        {updates},
        content_hash = excluded.content_hash,
        last_seen_at = excluded.last_seen_at,
        last_run_id = excluded.last_run_id
        """,
        {"path": str(crawl_file), "run_id": run_id},
    )
    read = con.execute(
        "SELECT count(*) FROM read_json($path, format = 'newline_delimited', columns = {'source_id': 'VARCHAR'})",
        {"path": str(crawl_file)},
    ).fetchall()[0][0]
    after = con.execute("SELECT count(*) FROM raw.postings").fetchall()[0][0]
    return {"read": read, "new": after - before}


def load_taxonomy(con: duckdb.DuckDBPyConnection, taxonomy_file: Path) -> str:
    """Load an effective taxonomy file ({"version", "skills": [...]}, as ``Taxonomy.to_dict()``
    writes it) once per version; returns the version. Every version stays, so results of older
    extractions can still be read with the taxonomy they were made with."""
    taxonomy = json.loads(Path(taxonomy_file).read_text(encoding="utf-8"))
    version = str(taxonomy["version"])
    skill_type = ("STRUCT(name VARCHAR, category VARCHAR, aliases VARCHAR[], ambiguous BOOLEAN, "
                  "esco_uri VARCHAR, onet_name VARCHAR)[]")
    con.execute(
        f"""
        INSERT INTO raw.taxonomy_skills BY NAME
        SELECT s.name AS skill, s.category, coalesce(s.aliases, []) AS aliases,
               coalesce(s.ambiguous, false) AS ambiguous, $version AS taxonomy_version,
               s.esco_uri, s.onet_name
        FROM (SELECT unnest(skills) AS s
              FROM read_json($path, columns = {{'skills': '{skill_type}'}}))
        ON CONFLICT DO NOTHING
        """,
        {"path": str(taxonomy_file), "version": version},
    )
    return version


def export_pending_extraction(con: duckdb.DuckDBPyConnection, out: Path, *,
                              taxonomy_version: str, extractor_version: str) -> int:
    """Write the postings whose current content has not been extracted with these versions.

    Output lines follow the `skillpulse extract` input contract: {"id", "title", "text"}.
    """
    pending = """
        FROM raw.postings AS p
        LEFT JOIN raw.extractions AS e
          ON e.posting_id = p.source || ':' || p.source_id
         AND e.taxonomy_version = $tv AND e.extractor_version = $ev
        WHERE e.posting_id IS NULL OR e.content_hash <> p.content_hash
    """
    params = {"tv": taxonomy_version, "ev": extractor_version}
    count = con.execute(f"SELECT count(*) {pending}", params).fetchall()[0][0]
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    con.execute(
        f"""COPY (SELECT p.source || ':' || p.source_id AS id, p.title,
                         coalesce(p.description, '') AS text, p.content_hash {pending}
                  ORDER BY id)
            TO '{_sql_path(out)}' (FORMAT json)""",
        params,
    )
    return count


def load_extraction(con: duckdb.DuckDBPyConnection, pending_file: Path, extracted_file: Path, *,
                    taxonomy_version: str, extractor_version: str) -> int:
    """Replace the mentions of the extracted postings for these versions; returns mentions loaded."""
    mention_type = "STRUCT(skill VARCHAR, category VARCHAR, \"start\" INTEGER, \"end\" INTEGER, text VARCHAR)[]"
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE extracted AS
                SELECT id AS posting_id, skills
                FROM read_json($extracted, format = 'newline_delimited',
                               columns = {{'id': 'VARCHAR', 'skills': '{mention_type}'}})""",
            {"extracted": str(extracted_file)},
        )
        con.execute(
            """DELETE FROM raw.skill_mentions
               WHERE taxonomy_version = $tv AND extractor_version = $ev
                 AND posting_id IN (SELECT posting_id FROM extracted)""",
            {"tv": taxonomy_version, "ev": extractor_version},
        )
        con.execute(
            """INSERT INTO raw.skill_mentions BY NAME
               SELECT posting_id, m.skill, m.category, m."start" AS start_char, m."end" AS end_char,
                      m.text AS surface, $tv AS taxonomy_version, $ev AS extractor_version
               FROM (SELECT posting_id, unnest(skills) AS m FROM extracted)""",
            {"tv": taxonomy_version, "ev": extractor_version},
        )
        con.execute(
            """INSERT OR REPLACE INTO raw.extractions BY NAME
               SELECT x.posting_id, p.content_hash, $tv AS taxonomy_version,
                      $ev AS extractor_version, len(x.skills) AS skills_found, now() AS extracted_at
               FROM extracted AS x
               JOIN read_json($pending, format = 'newline_delimited',
                              columns = {'id': 'VARCHAR', 'content_hash': 'VARCHAR'}) AS p
                 ON p.id = x.posting_id""",
            {"pending": str(pending_file), "tv": taxonomy_version, "ev": extractor_version},
        )
        loaded = con.execute("SELECT coalesce(sum(len(skills)), 0) FROM extracted").fetchall()[0][0]
        con.execute("DROP TABLE extracted")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return int(loaded)


def _sql_path(path: Path) -> str:
    # COPY ... TO takes no parameters; the path is ours (never scraped text), quoted defensively.
    return str(path).replace("'", "''")
