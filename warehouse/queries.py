"""The typed query API every reader uses (the dashboard, the CLI): marts in, DataFrames out.

Each function opens a short-lived read-only connection (connect.read_only), so no reader blocks
the nightly publish for longer than one query. Callers cache the results, not the connection.
All values from users reach SQL as parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from warehouse.connect import read_only

ALL_NICHES = "All niches"


#: Run statuses of runs that published (the others, failed and killed, published nothing).
PUBLISHED_STATUSES = ("success", "partial", "reextract")


@dataclass(frozen=True)
class Freshness:
    finished_at: datetime
    status: str
    postings_total: int
    first_week: object
    last_week: object
    taxonomy_version: str | None
    extractor_version: str | None
    quarantined: int = 0  # records the run dropped into meta.quarantine
    repaired: int = 0  # records it stored with a change (text cut, characters replaced)
    failed_runs_since: int = 0  # runs recorded as failed/killed after the previous publish
    note: str | None = None


def _df(db: Path, sql: str, params: dict | None = None) -> pd.DataFrame:
    with read_only(db) as con:
        return con.execute(sql, params or {}).df()


def data_as_of(db: Path) -> Freshness | None:
    """When the published data was built, by which run, covering which weeks; what that run
    quarantined; and how many runs failed or were killed since the publish before it."""
    with read_only(db) as con:
        rows = con.execute(
            """WITH published AS (
                   SELECT * FROM meta.runs WHERE status IN (SELECT unnest($published))
               ), latest AS (
                   SELECT * FROM published ORDER BY finished_at DESC LIMIT 1
               )
               SELECT r.finished_at, r.status, r.postings_total, r.taxonomy_version,
                      r.extractor_version,
                      (SELECT min(week) FROM mart.weekly_skill_share),
                      (SELECT max(week) FROM mart.weekly_skill_share),
                      coalesce(r.quarantined, 0), coalesce(r.repaired, 0),
                      (SELECT count(*) FROM meta.runs AS f
                       WHERE f.status NOT IN (SELECT unnest($published))
                         AND f.started_at > coalesce((SELECT max(p.finished_at) FROM published AS p
                                                      WHERE p.finished_at < r.finished_at), '-infinity'::TIMESTAMPTZ)),
                      r.note
               FROM latest AS r""",
            {"published": list(PUBLISHED_STATUSES)},
        ).fetchall()
    if not rows:
        return None
    finished, status, total, tv, ev, first, last, quarantined, repaired, failed, note = rows[0]
    return Freshness(finished, status, int(total or 0), first, last, tv, ev, int(quarantined),
                     int(repaired), int(failed), note)


def niches(db: Path) -> list[str]:
    """Niches with their posting counts, biggest first; 'All niches' always first."""
    df = _df(
        db,
        """SELECT niche, sum(postings_total) AS n
           FROM (SELECT DISTINCT week, niche, postings_total FROM mart.weekly_skill_share)
           GROUP BY niche ORDER BY (niche = $all) DESC, n DESC, niche""",
        {"all": ALL_NICHES},
    )
    return df["niche"].tolist()


def skill_categories(db: Path) -> list[str]:
    df = _df(db, "SELECT DISTINCT skill_category FROM mart.skill_momentum "
                 "WHERE skill_category IS NOT NULL ORDER BY 1")
    return df["skill_category"].tolist()


def top_skills(db: Path, niche: str = ALL_NICHES, *, limit: int = 25,
               skill_category: str | None = None, order_by: str = "share_recent") -> pd.DataFrame:
    """Skills most asked for in the last 12 weeks of a niche, with their change over half a year.

    ``order_by``: 'share_recent' (demand now) or 'change_pp' (rising fastest).
    """
    if order_by not in {"share_recent", "change_pp"}:
        raise ValueError("order_by must be share_recent or change_pp")
    return _df(
        db,
        f"""SELECT skill, skill_category, share_recent, share_previous, change_pp,
                   postings_recent, postings_total_recent, postings_all_time, first_seen_week
            FROM mart.skill_momentum
            WHERE niche = $niche AND ($category IS NULL OR skill_category = $category)
              AND postings_recent > 0
            ORDER BY {order_by} DESC NULLS LAST, postings_all_time DESC, skill
            LIMIT $limit""",
        {"niche": niche, "category": skill_category, "limit": int(limit)},
    )


def weekly_trend(db: Path, skills: list[str], niche: str = ALL_NICHES) -> pd.DataFrame:
    """Week-by-week share of postings mentioning each of ``skills`` in a niche."""
    return _df(
        db,
        """SELECT week, skill, share, postings_with_skill, postings_total
           FROM mart.weekly_skill_share
           WHERE niche = $niche AND list_contains($skills, skill)
           ORDER BY skill, week""",
        {"niche": niche, "skills": list(skills)},
    )


def skill_postings(db: Path, skill: str, niche: str = ALL_NICHES, *, limit: int = 50) -> pd.DataFrame:
    """The postings behind a skill's figures, newest first, with the sentence that mentions it."""
    return _df(
        db,
        """SELECT posted_at, title, company, niche, employment_type, salary_text, context,
                  surface, mentions, url, source, attribution, posting_id
           FROM mart.skill_evidence
           WHERE skill = $skill AND ($niche = $all OR niche = $niche)
           ORDER BY posted_at DESC, posting_id
           LIMIT $limit""",
        {"skill": skill, "niche": niche, "all": ALL_NICHES, "limit": int(limit)},
    )


def skill_info(db: Path, skill: str) -> dict | None:
    """What counts as ``skill`` (spellings, ambiguity) and its ESCO / O*NET identity, or None."""
    df = _df(db, """SELECT skill, skill_category, aliases, ambiguous, esco_uri, onet_name, postings_all_time
                    FROM mart.skill_catalog WHERE skill = $skill""", {"skill": skill})
    if df.empty:
        return None
    row = df.iloc[0].to_dict()
    row["aliases"] = list(row["aliases"]) if row["aliases"] is not None else []
    return row


def warehouse_counts(db: Path) -> dict[str, int]:
    """Row counts of the main tables (used by the CLI summary and the idempotence tests)."""
    with read_only(db) as con:
        row = con.execute(
            """SELECT (SELECT count(*) FROM raw.postings), (SELECT count(*) FROM core.postings),
                      (SELECT count(*) FROM core.posting_skills),
                      (SELECT count(*) FROM mart.weekly_skill_share),
                      (SELECT count(*) FROM meta.runs)"""
        ).fetchall()[0]
    keys = ("raw_postings", "core_postings", "posting_skills", "weekly_skill_share", "runs")
    return dict(zip(keys, map(int, row)))


def recorded_run_ids(db: Path) -> set[str]:
    """Run ids in meta.runs of the published warehouse (none when there is no warehouse yet)."""
    if not Path(db).is_file():
        return set()
    return set(_df(db, "SELECT run_id FROM meta.runs")["run_id"])


def stored_source_ids(db: Path, source: str) -> list[str]:
    """Ids of a source's postings already in the warehouse (for crawls that skip what they have)."""
    df = _df(db, "SELECT source_id FROM raw.postings WHERE source = $source ORDER BY 1", {"source": source})
    return df["source_id"].tolist()


def posting_texts(db: Path, batch_size: int = 2000) -> Iterator[dict]:
    """Every counted posting's id, company, week and description, streamed in batches (for
    new-skill discovery; never the whole table in memory)."""
    with read_only(db) as con:
        cur = con.execute(
            """SELECT p.posting_id, p.company, p.week, coalesce(p.description, '') AS text
               FROM core.postings AS p
               JOIN core.posting_clusters AS c USING (posting_id)
               WHERE c.is_canonical
               ORDER BY p.week, p.posting_id"""
        )
        while rows := cur.fetchmany(batch_size):
            for posting_id, company, week, text in rows:
                yield {"id": posting_id, "company": company, "week": week, "text": text}


def extraction_versions(db: Path) -> pd.DataFrame:
    """Every (taxonomy_version, extractor_version) pair stored, with postings and mentions, newest first."""
    return _df(db, """
        SELECT e.taxonomy_version, e.extractor_version, count(*) AS postings,
               sum(e.skills_found) AS mentions, max(e.extracted_at) AS extracted_at
        FROM raw.extractions AS e
        GROUP BY ALL ORDER BY extracted_at DESC""")


def extraction_changes(db: Path, old: tuple[str, str], new: tuple[str, str], *, limit: int = 20) -> pd.DataFrame:
    """Per skill, postings mentioning it under the ``old`` and the ``new`` (taxonomy, extractor)
    versions, over the postings both versions extracted; largest changes first."""
    return _df(db, """
        WITH both_done AS (
            SELECT posting_id FROM raw.extractions
            WHERE taxonomy_version = $otv AND extractor_version = $oev
            INTERSECT
            SELECT posting_id FROM raw.extractions
            WHERE taxonomy_version = $ntv AND extractor_version = $nev
        ),
        counted AS (
            SELECT m.skill,
                   count(DISTINCT m.posting_id) FILTER (WHERE m.taxonomy_version = $otv AND m.extractor_version = $oev) AS postings_old,
                   count(DISTINCT m.posting_id) FILTER (WHERE m.taxonomy_version = $ntv AND m.extractor_version = $nev) AS postings_new
            FROM raw.skill_mentions AS m
            WHERE m.posting_id IN (SELECT posting_id FROM both_done)
            GROUP BY m.skill
        )
        SELECT skill, postings_old, postings_new, postings_new - postings_old AS change
        FROM counted WHERE postings_old <> postings_new
        ORDER BY abs(change) DESC, skill LIMIT $limit""",
        {"otv": old[0], "oev": old[1], "ntv": new[0], "nev": new[1], "limit": limit})
