"""Bulk loading: land JSON-lines files, then one INSERT ... SELECT from read_json per file.

Nothing here inserts row by row. Loads are idempotent: postings upsert on (source, source_id), so
loading the same crawl twice leaves the same rows; mentions are replaced per (posting, versions).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from warehouse.connect import sql_string
from warehouse.quarantine import QuarantineFile
from warehouse.quarantine import entry as quarantine_entry

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


def load_postings(con: duckdb.DuckDBPyConnection, crawl_file: Path, run_id: str,
                  quarantine: QuarantineFile | None = None) -> dict[str, int]:
    """Upsert one crawl file into raw.postings; returns counts of rows read, new and quarantined.

    The whole file goes in with one INSERT ... SELECT. Only when DuckDB refuses the file (a line
    that is not JSON, a value of the wrong type, a lone surrogate) or a line has no key is it
    screened line by line: bad lines go to ``quarantine``, fixable values are fixed (and noted
    there too), and the rest loads. One bad line never costs the others.
    """
    crawl_file = Path(crawl_file)
    if crawl_file.stat().st_size == 0:
        return {"read": 0, "new": 0, "quarantined": 0}
    before = con.execute("SELECT count(*) FROM raw.postings").fetchall()[0][0]
    screened = None
    try:
        read, keyless = _upsert(con, crawl_file, run_id)
    except (duckdb.InvalidInputException, duckdb.ConversionException) as exc:
        screened, keyless = _screen(crawl_file, quarantine, first_error=str(exc).splitlines()[0]), 0
    if keyless:
        screened = _screen(crawl_file, quarantine)
    quarantined = 0
    if screened is not None:
        clean, quarantined, read = screened
        _upsert(con, clean, run_id)
        clean.unlink(missing_ok=True)
    after = con.execute("SELECT count(*) FROM raw.postings").fetchall()[0][0]
    return {"read": read, "new": after - before, "quarantined": quarantined}


# A crawl file is upserted in pieces of about this size: DuckDB holds a whole INSERT's rows (with
# their raw JSON) at once, which for a 575 MB file of 1M postings peaked near 6 GB.
UPSERT_CHUNK_BYTES = 64 * 1024 * 1024


def _chunks(crawl_file: Path, chunk_bytes: int) -> Iterator[Path]:
    """The file itself when small; else pieces of whole lines beside it, each removed once used."""
    if crawl_file.stat().st_size <= chunk_bytes:
        yield crawl_file
        return
    with crawl_file.open("rb") as src:
        index = 0
        while True:
            lines = src.readlines(chunk_bytes)
            if not lines:
                return
            piece = crawl_file.with_name(f"{crawl_file.name}.part-{index:04d}.jsonl")
            piece.write_bytes(b"".join(lines))
            try:
                yield piece
            finally:
                piece.unlink(missing_ok=True)
            index += 1


def _upsert(con: duckdb.DuckDBPyConnection, crawl_file: Path, run_id: str) -> tuple[int, int]:
    """The bulk upsert, piece by piece (``UPSERT_CHUNK_BYTES``); returns (lines read, lines without
    a source or source_id)."""
    read = keyless = 0
    for piece in _chunks(crawl_file, UPSERT_CHUNK_BYTES):
        piece_read, piece_keyless = _upsert_piece(con, piece, run_id)
        read, keyless = read + piece_read, keyless + piece_keyless
    return read, keyless


def _upsert_piece(con: duckdb.DuckDBPyConnection, crawl_file: Path, run_id: str) -> tuple[int, int]:
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
        -- a row an earlier piece of this load wrote is replaced only by a later-crawled one, as
        -- the QUALIFY above keeps the last-crawled line within a piece
        WHERE raw.postings.last_run_id IS DISTINCT FROM excluded.last_run_id
           OR excluded.last_seen_at >= raw.postings.last_seen_at
        """,
        {"path": str(crawl_file), "run_id": run_id},
    )
    read, keyless = con.execute(
        """SELECT count(*), count(*) FILTER (WHERE source IS NULL OR source_id IS NULL)
           FROM read_json($path, format = 'newline_delimited',
                          columns = {'source': 'VARCHAR', 'source_id': 'VARCHAR'})""",
        {"path": str(crawl_file)},
    ).fetchall()[0]
    return int(read), int(keyless)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _fix_strings(value: Any) -> tuple[Any, int]:
    """``value`` with every lone surrogate (in any nested string) replaced by U+FFFD, and how many."""
    if isinstance(value, str):
        fixed, n = _LONE_SURROGATE.subn("\ufffd", value)
        return fixed, n
    if isinstance(value, list):
        items = [_fix_strings(v) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, dict):
        items = {_fix_strings(k)[0]: _fix_strings(v) for k, v in value.items()}
        return {k: v for k, (v, _) in items.items()}, sum(n for _, n in items.values())
    return value, 0


def _typed(name: str, kind: str, value: Any) -> tuple[Any, str | None]:
    """A field's value as its column can take it, or (None, the problem)."""
    if value is None or kind == "JSON":
        return value, None
    if kind == "DOUBLE":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return value, None
        return None, f"{name}: expected a number, got {type(value).__name__}"
    if kind == "VARCHAR[]":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value, None
        return None, f"{name}: expected a list of text, got {type(value).__name__}"
    if isinstance(value, str):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value), None
    return None, f"{name}: expected text, got {type(value).__name__}"


def _screen(crawl_file: Path, quarantine: QuarantineFile | None,
            first_error: str | None = None) -> tuple[Path, int, int]:
    """Line by line: write the usable lines (fixed where a field can be) to a clean file beside
    ``crawl_file``; returns (clean file, lines dropped, lines read)."""
    clean = crawl_file.with_name(crawl_file.name + ".clean.jsonl")
    dropped = read = 0

    def note(action: str, source: Any, record_id: Any, reason: str, payload: str | None = None) -> None:
        if quarantine is not None:
            quarantine.add(quarantine_entry("load", source if isinstance(source, str) else None,
                                            record_id, action, reason, payload))

    with crawl_file.open("rb") as src, clean.open("w", encoding="utf-8") as dst:
        for lineno, raw_line in enumerate(src, start=1):
            if not raw_line.strip():
                continue
            read += 1
            try:
                text = raw_line.decode("utf-8")
                decode_note = None
            except UnicodeDecodeError as exc:
                text = raw_line.decode("utf-8", errors="replace")
                decode_note = f"line {lineno}: invalid UTF-8 at byte {exc.start} replaced with U+FFFD"
            text = text.rstrip("\r\n")
            try:
                record = json.loads(text)
            except (ValueError, RecursionError) as exc:
                dropped += 1
                note("dropped", None, None, f"line {lineno}: not valid JSON ({exc})"[:300], text)
                continue
            if not isinstance(record, dict):
                dropped += 1
                note("dropped", None, None, f"line {lineno}: not a JSON object", text)
                continue
            source, source_id = record.get("source"), record.get("source_id")
            if not isinstance(source, str) or not source or source_id in (None, "") or isinstance(source_id, (dict, list, bool)):
                dropped += 1
                note("dropped", source, source_id if isinstance(source_id, (str, int)) else None,
                     f"line {lineno}: no source and source_id to store it under", text)
                continue
            record, surrogates = _fix_strings(record)
            problems = [decode_note] if decode_note else []
            if surrogates:
                problems.append(f"{surrogates} lone surrogate(s) replaced with U+FFFD")
            row: dict[str, Any] = {}
            for name, kind in POSTING_COLUMNS.items():
                value, problem = _typed(name, kind, record.get(name))
                row[name] = value
                if problem:
                    problems.append(problem + " (stored as NULL)")
            row["source_id"] = str(source_id)
            if problems:
                note("repaired", source, source_id, "; ".join(problems))
            dst.write(json.dumps(row, ensure_ascii=False) + "\n")
    if first_error and quarantine is not None and not quarantine.counts:
        # DuckDB refused the file but no line was found wrong: say so rather than stay silent.
        note("repaired", None, None, f"the bulk load refused {crawl_file.name} ({first_error}); loaded line by line")
    return clean, dropped, read


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
            TO {sql_string(str(out))} (FORMAT json)""",
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
        _load_contexts(con, pending_file, extracted_file, taxonomy_version, extractor_version)
        con.execute("DROP TABLE extracted")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return int(loaded)


def _load_contexts(con: duckdb.DuckDBPyConnection, pending_file: Path, extracted_file: Path,
                   taxonomy_version: str, extractor_version: str) -> None:
    """The first-mention contexts of the postings just extracted (warehouse/evidence.py), replacing
    any these postings had; inside the caller's transaction (the ``extracted`` temp table)."""
    from warehouse.evidence import write_contexts

    contexts = Path(extracted_file).with_name(Path(extracted_file).name + ".contexts.jsonl")
    with contexts.open("w", encoding="utf-8") as out:
        write_contexts(pending_file, extracted_file, out)
    con.execute("DELETE FROM raw.mention_contexts WHERE posting_id IN (SELECT posting_id FROM extracted)")
    if contexts.stat().st_size:
        con.execute(
            """INSERT INTO raw.mention_contexts BY NAME
               SELECT posting_id, skill, $tv AS taxonomy_version, $ev AS extractor_version, mentions,
                      start_char, end_char, surface, context
               FROM read_json($path, format = 'newline_delimited',
                              columns = {'posting_id': 'VARCHAR', 'skill': 'VARCHAR', 'mentions': 'INTEGER',
                                         'start_char': 'INTEGER', 'end_char': 'INTEGER', 'surface': 'VARCHAR',
                                         'context': 'VARCHAR'})""",
            {"path": str(contexts), "tv": taxonomy_version, "ev": extractor_version})
    contexts.unlink(missing_ok=True)




def export_pending_features(con: duckdb.DuckDBPyConnection, out: Path, *, features_version: str) -> int:
    """Write the postings whose current content has no features of this version (warehouse/features.py
    input: id, content_hash, title, category, tags, description, country_codes, regions)."""
    pending = """
        FROM raw.postings AS p
        LEFT JOIN raw.posting_features AS f
          ON f.posting_id = p.source || ':' || p.source_id AND f.features_version = $v
        WHERE f.posting_id IS NULL OR f.content_hash <> p.content_hash
    """
    count = con.execute(f"SELECT count(*) {pending}", {"v": features_version}).fetchall()[0][0]
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    con.execute(
        f"""COPY (SELECT p.source || ':' || p.source_id AS id, p.content_hash, p.title, p.category, p.tags,
                         coalesce(p.description, '') AS description, p.country_codes, p.regions {pending}
                  ORDER BY id)
            TO {sql_string(str(out))} (FORMAT json)""",
        {"v": features_version},
    )
    return int(count)


def load_features(con: duckdb.DuckDBPyConnection, features_file: Path, *, features_version: str) -> int:
    """Upsert the features in ``features_file`` for this version and drop other versions' rows of
    the same postings (features are cheap to make again; one row per posting stays)."""
    features_file = Path(features_file)
    if not features_file.is_file() or features_file.stat().st_size == 0:
        return 0
    columns = ("{'posting_id': 'VARCHAR', 'content_hash': 'VARCHAR', 'family': 'VARCHAR', "
               "'family_basis': 'VARCHAR', 'region': 'VARCHAR', 'title_key': 'VARCHAR', "
               "'qualifier_skills': 'VARCHAR', 'sketch': 'UINTEGER[]'}")
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE featured AS
                SELECT * FROM read_json($path, format = 'newline_delimited', columns = {columns})""",
            {"path": str(features_file)},
        )
        con.execute("DELETE FROM raw.posting_features WHERE posting_id IN (SELECT posting_id FROM featured)")
        con.execute(
            """INSERT INTO raw.posting_features BY NAME
               SELECT posting_id, content_hash, $v AS features_version, family, family_basis, region,
                      title_key, qualifier_skills, coalesce(sketch, []) AS sketch
               FROM featured""",
            {"v": features_version},
        )
        loaded = con.execute("SELECT count(*) FROM featured").fetchall()[0][0]
        con.execute("DROP TABLE featured")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return int(loaded)


def export_pending_proofs(con: duckdb.DuckDBPyConnection, out: Path, *, proof_rules_version: str) -> int:
    """Write the postings whose current content has not been read for proofs with this rules
    version (warehouse/proofs.py input: id, content_hash, description)."""
    pending = """
        FROM raw.postings AS p
        LEFT JOIN raw.proof_scans AS s
          ON s.posting_id = p.source || ':' || p.source_id AND s.proof_rules_version = $v
        WHERE s.posting_id IS NULL OR s.content_hash <> p.content_hash
    """
    count = con.execute(f"SELECT count(*) {pending}", {"v": proof_rules_version}).fetchall()[0][0]
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    con.execute(
        f"""COPY (SELECT p.source || ':' || p.source_id AS id, p.content_hash,
                         coalesce(p.description, '') AS description {pending}
                  ORDER BY id)
            TO {sql_string(str(out))} (FORMAT json)""",
        {"v": proof_rules_version},
    )
    return int(count)


def load_proofs(con: duckdb.DuckDBPyConnection, proofs_file: Path, *, proof_rules_version: str) -> int:
    """Replace the proofs of the postings in ``proofs_file`` (one line per posting read, with its
    list of proofs, possibly empty) and drop their rows of other rules versions: like features,
    proofs are cheap to mine again, so one version per posting stays. Returns postings loaded."""
    proofs_file = Path(proofs_file)
    if not proofs_file.is_file() or proofs_file.stat().st_size == 0:
        return 0
    proof_type = ("STRUCT(category VARCHAR, start_char INTEGER, end_char INTEGER, phrase VARCHAR, sentence VARCHAR, "
                  "sentence_start INTEGER, sentence_end INTEGER, years_min INTEGER, years_max INTEGER, "
                  "topic VARCHAR, topic_start INTEGER, topic_end INTEGER, optional BOOLEAN)[]")
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE mined AS
                SELECT * FROM read_json($path, format = 'newline_delimited',
                                        columns = {{'posting_id': 'VARCHAR', 'content_hash': 'VARCHAR',
                                                    'proofs': '{proof_type}'}})""",
            {"path": str(proofs_file)},
        )
        for table in ("raw.posting_proofs", "raw.proof_scans"):
            con.execute(f"DELETE FROM {table} WHERE posting_id IN (SELECT posting_id FROM mined)")
        con.execute(
            """INSERT INTO raw.proof_scans BY NAME
               SELECT posting_id, content_hash, $v AS proof_rules_version,
                      len(coalesce(proofs, [])) AS proofs_found, now() AS scanned_at
               FROM mined""",
            {"v": proof_rules_version},
        )
        con.execute(
            """INSERT INTO raw.posting_proofs BY NAME
               SELECT posting_id, content_hash, $v AS proof_rules_version, unnest(p)
               FROM (SELECT posting_id, content_hash, unnest(proofs) AS p FROM mined)""",
            {"v": proof_rules_version},
        )
        loaded = con.execute("SELECT count(*) FROM mined").fetchall()[0][0]
        con.execute("DROP TABLE mined")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return int(loaded)


def load_role_families(con: duckdb.DuckDBPyConnection, rules) -> int:
    """The role families of a rules version (skills/roles.py), once per version."""
    rows = [(family, label, rules.descriptions.get(family) if hasattr(rules, "descriptions") else None, rules.version)
            for family, label in rules.families.items()]
    # about twenty rows: not a bulk path
    con.executemany("INSERT OR IGNORE INTO raw.role_families VALUES (?, ?, ?, ?)", rows)
    return len(rows)


#: Discovery reads each description as far as skill extraction does (skills/extract.py).
DISCOVERY_TEXT_CHARS = 100_000


# The discovery sample: postings of the last N weeks, at most LIMIT of them, a deterministic
# sample by id hash. raw.postings, not core.postings: discovery runs before the models are built.
_DISCOVERY_SAMPLE = """
    WITH dated AS (
        SELECT source || ':' || source_id AS posting_id,
               CAST(date_trunc('week', coalesce(posted_at, CAST(first_seen_at AS DATE))) AS DATE) AS week
        FROM raw.postings)
    SELECT posting_id FROM dated
    WHERE week > (SELECT max(week) FROM dated) - INTERVAL ($weeks) WEEK
    ORDER BY hash(posting_id) LIMIT $limit"""


def candidate_postings(con: duckdb.DuckDBPyConnection, *, weeks: int = 52, limit: int = 60_000,
                       batch_size: int = 2_000):
    """Postings of the last ``weeks`` weeks for new-skill discovery ({"id", "company", "week",
    "text"}), at most ``limit`` of them (a deterministic sample by id hash), streamed. Copies of a
    job are not folded here: discovery counts companies, which copies do not inflate."""
    cursor = con.execute(
        f"""WITH sample AS ({_DISCOVERY_SAMPLE})
            SELECT p.source || ':' || p.source_id AS posting_id, p.company,
                   CAST(date_trunc('week', coalesce(p.posted_at, CAST(p.first_seen_at AS DATE))) AS DATE) AS week,
                   -- read as far as extraction reads (skills.extract.MAX_TEXT_CHARS): a
                   -- 1,000,000-character posting cost the discovery step 40 s
                   left(coalesce(p.description, ''), $chars) AS text
            FROM raw.postings AS p JOIN sample AS s ON s.posting_id = p.source || ':' || p.source_id
            ORDER BY hash(s.posting_id)""",
        {"chars": DISCOVERY_TEXT_CHARS, "weeks": int(weeks), "limit": int(limit)})
    while rows := cursor.fetchmany(batch_size):
        for posting_id, company, week, text in rows:
            yield {"id": posting_id, "company": company, "week": week, "text": text}


def discovery_sample_kept(con: duckdb.DuckDBPyConnection, *, taxonomy_version: str, weeks: int = 52,
                          limit: int = 60_000, min_same: float = 0.9) -> float | None:
    """The share of today's discovery sample that the stored candidates were found in, when it is
    at least ``min_same`` with the same taxonomy (the candidates then stand: reading 60,000
    postings again would move them by a few postings); None when discovery must run again."""
    stored = con.execute("SELECT count(*), count(DISTINCT taxonomy_version), any_value(taxonomy_version) "
                         "FROM raw.discovery_sample").fetchall()[0]
    if not stored[0] or stored[1] != 1 or stored[2] != taxonomy_version:
        return None
    same, size = con.execute(
        f"""WITH sample AS ({_DISCOVERY_SAMPLE})
            SELECT count(*) FILTER (WHERE posting_id IN (SELECT posting_id FROM raw.discovery_sample)),
                   count(*) FROM sample""", {"weeks": int(weeks), "limit": int(limit)}).fetchall()[0]
    share = same / max(size, stored[0])
    return share if size and share >= min_same else None


def load_candidates(con: duckdb.DuckDBPyConnection, run_id: str, candidates: list[dict], *,
                    sample_postings: int, taxonomy_version: str, sample_ids: list[str] | None = None) -> int:
    """Replace the stored candidates with this run's (a few dozen rows: not a bulk path), and the
    sample they were found in (``sample_ids``)."""
    con.execute("DELETE FROM raw.skill_candidates")
    if sample_ids is not None:
        con.execute("DELETE FROM raw.discovery_sample")
        con.execute("INSERT INTO raw.discovery_sample SELECT unnest($ids), $run, $taxonomy",
                    {"ids": list(sample_ids), "run": run_id, "taxonomy": taxonomy_version})
    rows = [(run_id, c["term"], c["score"], c["postings"], c["companies"], c["growth"], c["recent_share"],
             c["earlier_share"], c["first_seen"], c["last_seen"], c["shape"], c["skill_context"],
             json.dumps(c["examples"], ensure_ascii=False), sample_postings, taxonomy_version) for c in candidates]
    if rows:
        con.executemany("INSERT INTO raw.skill_candidates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
