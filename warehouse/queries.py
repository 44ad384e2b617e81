"""The typed query API every reader uses (the dashboard, the CLI): marts in, DataFrames out.

Each function opens a short-lived read-only connection (connect.read_only), so no reader blocks
the nightly publish for longer than one query. Callers cache the results, not the connection.
All values from users reach SQL as parameters.
"""

from __future__ import annotations

import math
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


# ---- demand figures (issue 10): segments, trends per period, trend status, pairs, pay, evidence

PERIOD_TYPES = ("week", "month")
SEGMENT_DIMENSIONS = ("family", "remote", "region", "employment_type", "seniority", "source")


class UnknownSegment(ValueError):
    """A segment filter value the warehouse does not know (the message lists the known ones)."""


def _wilson_sql(x: str, n: str) -> tuple[str, str]:
    """The 95% Wilson interval of x / n as two SQL expressions (as warehouse/stats.py computes it)."""
    p = f"({x} / nullif({n}, 0))"
    centre = f"({p} + 1.959964^2 / (2 * {n}))"
    half = f"(1.959964 * sqrt({p} * (1 - {p}) / {n} + 1.959964^2 / (4 * {n}^2)))"
    denom = f"(1 + 1.959964^2 / {n})"
    return (f"CASE WHEN {n} > 0 THEN greatest(0, ({centre} - {half}) / {denom}) END",
            f"CASE WHEN {n} > 0 THEN least(1, ({centre} + {half}) / {denom}) END")


def skill_names(db: Path) -> list[str]:
    """Every skill of the taxonomy in use, most asked for first (ties by name)."""
    return _df(db, "SELECT skill FROM mart.skill_catalog ORDER BY postings_all_time DESC, skill")["skill"].tolist()


def segment_values(db: Path) -> dict[str, pd.DataFrame]:
    """Per segment dimension, its values with counted postings (weekly unit), biggest first; the
    family frame carries the human label too."""
    with read_only(db) as con:
        out = {}
        for dim in SEGMENT_DIMENSIONS:
            out[dim] = con.execute(
                f"""SELECT {dim} AS value, sum(postings) AS postings FROM mart.segment_counts
                    WHERE period_type = 'week' GROUP BY 1 ORDER BY 2 DESC, 1""").df()
        labels = con.execute(
            """SELECT family AS value, label FROM raw.role_families
               WHERE roles_version = (SELECT max(roles_version) FROM raw.role_families)""").df()
    out["family"] = out["family"].merge(labels, on="value", how="left")
    out["family"]["label"] = out["family"]["label"].fillna(out["family"]["value"])
    return out


def resolve_segment(db: Path, **filters: str | None):
    """A ``trends.Segment`` from user filters, each matched case-insensitively against the values in
    the warehouse (a family by id or label; "full-time" for full_time); ``UnknownSegment`` names the
    known values when one does not match."""
    from warehouse.trends import Segment

    unknown = set(filters) - set(SEGMENT_DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown segment dimensions {sorted(unknown)}")
    wanted = {k: v for k, v in filters.items() if v not in (None, "")}
    if not wanted:
        return Segment()
    values = segment_values(db)

    def norm(text: str) -> str:
        return "".join(ch for ch in str(text).lower() if ch.isalnum())

    chosen = {}
    for dim, value in wanted.items():
        frame = values[dim]
        options = {norm(v): v for v in frame["value"]}
        if dim == "family":
            options.update({norm(label): v for v, label in zip(frame["value"], frame["label"])})
        match = options.get(norm(value))
        if match is None:  # a unique prefix will do ("front-end" for "Front-end & web")
            prefixed = {v for key, v in options.items() if norm(value) and key.startswith(norm(value))}
            match = prefixed.pop() if len(prefixed) == 1 else None
        if match is None:
            known = ", ".join(frame["value"].astype(str).tolist()) or "none yet"
            raise UnknownSegment(f"unknown {dim.replace('_', '-')} {value!r}; known: {known}")
        chosen[dim] = match
    return Segment(**chosen)


def trend_series(db: Path, *, period: str = "week", skills: list[str] | None = None, segment=None,
                 limit: int = 10, since=None, until=None, panel: str = "all") -> pd.DataFrame:
    """Per period and skill: postings_with_skill, postings_total, share with its 95% Wilson interval
    (ci_low, ci_high) and whether the period is complete; the research interface behind
    `skillpulse trends`. Without ``skills``, the ``limit`` skills with the most postings in the range.
    A period with no postings in the segment has share NULL (a gap, not a zero). ``panel``: all
    sources (default) or "stable" (only sources present over the whole range)."""
    from warehouse.trends import Segment

    if period not in PERIOD_TYPES:
        raise ValueError(f"period must be one of {PERIOD_TYPES}")
    if panel not in ("all", "stable"):
        raise ValueError("panel must be all or stable")
    segment = segment or Segment()
    where, params = segment.where()
    params.update({"pt": period, "since": since, "until": until})
    low, high = _wilson_sql("x", "n")
    with read_only(db) as con:
        bounds = con.execute(
            """SELECT min(period), max(period) FROM mart.periods
               WHERE period_type = $pt AND ($since IS NULL OR period_end >= $since)
                 AND ($until IS NULL OR period <= $until)""", {"pt": period, "since": since, "until": until},
        ).fetchall()[0]
        if bounds[0] is None:
            return pd.DataFrame(columns=TREND_SERIES_COLUMNS)
        params.update({"first": bounds[0], "last": bounds[1]})
        sources = None
        if panel == "stable":
            sources = [r[0] for r in con.execute(
                """SELECT source FROM mart.source_coverage
                   WHERE first_posted_at <= $first + 6 AND last_posted_at >= $last - 31""",
                {"first": bounds[0], "last": bounds[1]}).fetchall()]
        params["sources"] = sources
        source_filter = "($sources IS NULL OR list_contains($sources, source))"
        if not skills:
            skills = [r[0] for r in con.execute(
                f"""SELECT skill FROM mart.skill_counts
                    WHERE period_type = $pt AND period BETWEEN $first AND $last AND {where} AND {source_filter}
                    GROUP BY skill ORDER BY sum(postings_with_skill) DESC, skill LIMIT $limit""",
                {**{k: v for k, v in params.items() if k not in ("since", "until")}, "limit": int(limit)}).fetchall()]
        params["skills"] = list(skills)
        params = {k: v for k, v in params.items() if k not in ("since", "until")}
        df = con.execute(
            f"""WITH totals AS (
                    SELECT period, sum(postings) AS n FROM mart.segment_counts
                    WHERE period_type = $pt AND period BETWEEN $first AND $last AND {where} AND {source_filter}
                    GROUP BY period),
                hits AS (
                    SELECT period, skill, sum(postings_with_skill) AS x FROM mart.skill_counts
                    WHERE period_type = $pt AND period BETWEEN $first AND $last AND {where} AND {source_filter}
                      AND list_contains($skills, skill)
                    GROUP BY ALL),
                grid AS (
                    SELECT p.period, p.is_complete, s.skill
                    FROM mart.periods AS p, (SELECT unnest($skills) AS skill) AS s
                    WHERE p.period_type = $pt AND p.period BETWEEN $first AND $last),
                joined AS (
                    SELECT g.period, g.skill, CAST(coalesce(h.x, 0) AS BIGINT) AS x,
                           CAST(coalesce(t.n, 0) AS BIGINT) AS n, g.is_complete
                    FROM grid AS g LEFT JOIN totals AS t USING (period)
                    LEFT JOIN hits AS h ON h.period = g.period AND h.skill = g.skill)
                SELECT period, skill, x AS postings_with_skill, n AS postings_total,
                       CASE WHEN n > 0 THEN x / n END AS share, {low} AS ci_low, {high} AS ci_high,
                       is_complete AS complete
                FROM joined ORDER BY skill, period""",
            params).df()
    return df


TREND_SERIES_COLUMNS = ["period", "skill", "postings_with_skill", "postings_total", "share", "ci_low",
                        "ci_high", "complete"]


@dataclass(frozen=True)
class TrendResult:
    """Trend status of the skills of one segment, and the context to read it by."""

    frame: pd.DataFrame  # mart.skill_trends columns
    segment: object  # trends.Segment
    horizon: int
    window_start: object | None
    window_end: object | None
    panel: list[str]
    segment_last_seen: object | None  # the segment's newest counted posting (when the window is empty)


def skill_trends(db: Path, segment=None, *, horizon: int = 13) -> TrendResult:
    """Every skill's status in a segment at one horizon (4, 13 or 52 weeks): from mart.skill_trends
    for all postings or one segment dimension, computed on the fly for a combination."""
    from warehouse import trends

    if horizon not in trends.HORIZONS:
        raise ValueError(f"horizon must be one of {trends.HORIZONS}")
    segment = segment or trends.Segment()
    items = segment.items()
    with read_only(db) as con:
        if len(items) <= 1:
            kind, value = items[0] if items else ("all", "all")
            frame = con.execute(
                """SELECT * FROM mart.skill_trends WHERE segment_kind = $kind AND segment = $value
                   AND horizon_weeks = $h ORDER BY growth DESC, skill""",
                {"kind": kind, "value": value, "h": horizon}).df()
        else:
            frame = trends.trends(con, segment, horizons=(horizon,))
            frame = frame.sort_values(["growth", "skill"], ascending=[False, True]).reset_index(drop=True)
        where, params = segment.where()
        last_seen = con.execute(f"SELECT max(period) FROM mart.segment_counts WHERE period_type = 'week' AND {where}",
                                params).fetchall()[0][0]
        end_week = trends.last_complete_week(con)
    window = trends.Window.ending(end_week, horizon) if end_week else None
    panel = list(frame["panel_sources"].iloc[0]) if len(frame) else (
        [] if window is None else _panel(db, window))
    return TrendResult(frame, segment, horizon, window.before_start if window else None,
                       window.end_day if window else None, panel, last_seen)


def _panel(db: Path, window) -> list[str]:
    from warehouse.trends import stable_panel

    with read_only(db) as con:
        return stable_panel(con, window)


def skill_pairs(db: Path, skill: str, *, family: str | None = None, limit: int = 10,
                min_support: int = 5) -> pd.DataFrame:
    """The skills most associated with ``skill`` ("pairs well with"), by NPMI, in a role family or
    in all postings, over the last 52 complete weeks (mart.skill_pairs)."""
    return _df(db, """SELECT other_skill, support, confidence, lift, npmi, postings_skill, postings_segment
                      FROM mart.skill_pairs
                      WHERE segment = $segment AND skill = $skill AND support >= $min_support
                      ORDER BY npmi DESC, support DESC, other_skill LIMIT $limit""",
               {"segment": family or "all", "skill": skill, "min_support": int(min_support), "limit": int(limit)})


def skill_pay(db: Path, skill: str, *, segment_kind: str = "all", segment: str = "all") -> pd.DataFrame:
    """What ``skill`` pays in a segment, per currency (mart.skill_pay), most postings first."""
    return _df(db, """SELECT * FROM mart.skill_pay WHERE skill = $skill AND segment_kind = $kind AND segment = $segment
                      ORDER BY postings_with_pay DESC, currency""",
               {"skill": skill, "kind": segment_kind, "segment": segment})


def skill_evidence(db: Path, skill: str, segment=None, *, since=None, until=None,
                   limit: int | None = None) -> pd.DataFrame:
    """Every counted posting (weekly unit) behind a skill's figures in a segment, newest first: title,
    company, date, link, source, the sentence that mentions the skill and how many copies the
    posting stands for. No cap unless ``limit`` is given."""
    from warehouse.trends import Segment

    segment = segment or Segment()
    where, params = segment.where(prefix="c.")
    params.update({"skill": skill, "since": since, "until": until})
    limit_sql = "" if limit is None else f"LIMIT {int(limit)}"
    # mart.skill_evidence holds the weekly unit with the segment columns of core.counted_postings,
    # stored in skill order: no join per request.
    return _df(db, f"""SELECT c.posted_at, c.title, c.company, c.niche, c.family, c.remote, c.region,
                              c.employment_type, c.salary_text, c.context, c.surface, c.mentions, c.copies,
                              c.copies_month, c.url, c.source, c.attribution, c.posting_id, c.job_id
                       FROM mart.skill_evidence AS c
                       WHERE c.skill = $skill AND {where}
                         AND ($since IS NULL OR c.posted_at >= $since) AND ($until IS NULL OR c.posted_at <= $until)
                       ORDER BY c.posted_at DESC, c.posting_id {limit_sql}""", params)


def resolve_skills(db: Path, names: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """(canonical names found, {name not found: close matches}) for skill names or aliases typed by
    a user, matched case-insensitively against the taxonomy in use (mart.skill_catalog)."""
    import difflib

    catalog = _df(db, "SELECT skill, aliases FROM mart.skill_catalog")
    index: dict[str, str] = {}
    for skill, aliases in zip(catalog["skill"], catalog["aliases"]):
        index[skill.lower()] = skill
        for alias in (aliases if aliases is not None else []):
            index.setdefault(str(alias).lower(), skill)
    found, missing = [], {}
    for name in names:
        key = str(name).strip().lower()
        if key in index:
            if index[key] not in found:
                found.append(index[key])
        else:
            close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.75)
            missing[name] = list(dict.fromkeys(index[c] for c in close))
    return found, missing


def warehouse_version(db: Path) -> str:
    """A key that changes whenever a new warehouse is published (the file is replaced by a rename):
    caches keyed on it never serve figures of an older build."""
    stat = Path(db).stat()
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


def search_postings(db: Path, *, text: str | None = None, skills: list[str] | None = None, segment=None,
                    since=None, until=None, limit: int = 100, offset: int = 0) -> pd.DataFrame:
    """Counted postings (weekly unit), newest first: ``text`` in the title or company (case-insensitive,
    taken literally), every one of ``skills`` asked for, in ``segment`` and the date range."""
    from warehouse.trends import Segment

    segment = segment or Segment()
    where, params = segment.where(prefix="p.")
    needle = None
    if text and text.strip():
        needle = "%" + text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    wanted = sorted(set(skills or []))
    params.update({"needle": needle, "since": since, "until": until, "limit": int(limit), "offset": int(offset)})
    conditions = f"""{where}
          AND ($needle IS NULL OR lower(p.title) LIKE $needle ESCAPE '\\' OR lower(p.company) LIKE $needle ESCAPE '\\')
          AND ($since IS NULL OR p.posted_at >= $since) AND ($until IS NULL OR p.posted_at <= $until)"""
    columns = """p.posted_at, p.title, p.company, p.niche, p.family, p.remote, p.region, p.employment_type,
               p.salary_text, p.copies, p.url, p.source, p.posting_id"""
    page = "ORDER BY p.posted_at DESC, p.posting_id LIMIT $limit OFFSET $offset"
    if not wanted:
        return _df(db, f"""
            SELECT {columns.replace("p.copies", "p.cluster_size AS copies")}
            FROM core.postings AS p WHERE p.is_canonical AND {conditions} {page}""", params)
    # mart.skill_evidence holds every counted weekly posting once per skill it asks for, with the
    # columns shown here, stored in skill order: an IN list of constants reads only those skills'
    # row groups, and no scan of core.postings is needed (at 1M postings: 574 ms -> see benchmarks)
    in_list = ", ".join(f"$skill_{i}" for i in range(len(wanted)))
    params.update({f"skill_{i}": skill for i, skill in enumerate(wanted)}, n_skills=len(wanted))
    return _df(db, f"""
        WITH matched AS (
            SELECT posting_id FROM mart.skill_evidence WHERE skill IN ({in_list})
            GROUP BY posting_id HAVING count(DISTINCT skill) = $n_skills)
        SELECT {columns}
        FROM mart.skill_evidence AS p
        WHERE p.skill = $skill_0 AND {conditions} AND p.posting_id IN (SELECT posting_id FROM matched)
        {page}""", params)


def posting_detail(db: Path, posting_id: str) -> dict | None:
    """One posting with its description and where each skill is mentioned (character offsets), for
    showing it with the skills highlighted."""
    with read_only(db) as con:
        rows = con.execute(
            """SELECT posting_id, title, company, posted_at, url, source, attribution, niche, remote, region,
                      employment_type, salary_text, cluster_size, description
               FROM core.postings WHERE posting_id = ?""", [posting_id]).fetchall()
        if not rows:
            return None
        names = ["posting_id", "title", "company", "posted_at", "url", "source", "attribution", "niche", "remote",
                 "region", "employment_type", "salary_text", "copies", "description"]
        detail = dict(zip(names, rows[0]))
        detail["mentions"] = [dict(zip(("skill", "category", "start", "end"), r)) for r in con.execute(
            """SELECT skill, category, start_char, end_char FROM core.posting_skills
               WHERE posting_id = ? ORDER BY start_char""", [posting_id]).fetchall()]
    return detail


def skill_segments(db: Path, skill: str, *, horizon: int = 13) -> pd.DataFrame:
    """A skill's share in every single-dimension segment (role family, work arrangement, region,
    employment type, seniority, source) over the last ``horizon`` complete weeks, with its interval,
    growth and status (mart.skill_trends)."""
    return _df(db, """SELECT segment_kind, segment, postings_recent, segment_postings_recent, share_recent,
                             share_recent_low, share_recent_high, growth_pct, q_value, status,
                             contract_share_recent, first_seen
                      FROM mart.skill_trends
                      WHERE skill = $skill AND horizon_weeks = $h AND segment_kind <> 'all'
                      ORDER BY segment_kind, postings_recent DESC, segment""", {"skill": skill, "h": int(horizon)})


def skill_candidates(db: Path, *, limit: int = 50) -> pd.DataFrame:
    """Terms the taxonomy does not know yet, ranked by spread and growth (mart.skill_candidates,
    made by the refresh from recent postings); empty when the warehouse has none."""
    with read_only(db) as con:
        exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'mart' "
                             "AND table_name = 'skill_candidates'").fetchall()[0][0]
        if not exists:
            return pd.DataFrame(columns=["term", "score", "postings", "companies", "growth", "first_seen", "examples"])
        return con.execute("SELECT * FROM mart.skill_candidates ORDER BY score DESC LIMIT ?", [int(limit)]).df()


#: The kinds of proof mart.skill_proof counts, in the order shown: (kind, column prefix, label).
PROOF_KINDS = (
    ("portfolio", "portfolio", "Portfolio, code or work samples"),
    ("assessment", "assessment", "Test or trial task"),
    ("experience", "years", "Years of experience with it"),
    ("degree", "degree", "Degree"),
    ("certification", "certification", "Certification"),
)
_PROOF_EXAMPLE_COLUMNS = ["category", "label", "sentence", "posting_id", "posted_at", "title", "url"]


@dataclass(frozen=True)
class ProofResult:
    """What the counted postings asking for one skill want as proof, in one segment
    (mart.skill_proof; how it is made: warehouse/README.md, "How to prove it")."""

    skill: str
    segment: str  # the segment the figures are of: the one asked for, or "all" (see fell_back)
    fell_back: bool  # the segment asked for had too few postings, so these are all postings'
    postings: int  # N: counted postings asking for the skill (0: none, or not in the warehouse)
    shown: bool  # N reaches the minimum evidence, so shares are given
    kinds: pd.DataFrame  # per kind: kind, label, postings_with, postings, share, ci_low, ci_high
    years_median: float | None  # typical least years asked of the skill (None below the minimum)
    degree_optional_share: float | None  # of the postings asking a degree, the share where it is optional
    certifications: pd.DataFrame  # name, postings: certifications named with it, most first
    examples: pd.DataFrame  # category, label, sentence, posting_id, posted_at, title, url (http(s) or None)
    window_start: object | None
    window_end: object | None
    row: dict  # the mart row as stored (what warehouse/plan.py passes to the reports); {} when none


def skill_proof(db: Path, skill: str, segment: str = "all", *, fallback: bool = True) -> ProofResult:
    """How to prove ``skill``: of the counted postings of the last 52 complete weeks asking for it in
    ``segment`` (a role family id, or "all"), the share asking for a portfolio, a test, years of
    experience with it, a degree, a certification, each with its 95% Wilson interval (NaN below
    the minimum evidence), the certifications named with it and example sentences with links.

    With ``fallback``, a role family with too few postings for shares gives all postings' figures
    instead (``fell_back`` says so). Sentences and titles are untrusted text: escape them."""
    from warehouse.stats import wilson_interval

    with read_only(db) as con:
        exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'mart' "
                             "AND table_name = 'skill_proof'").fetchall()[0][0]
        rows = [] if not exists else _rows_as_dicts(con.execute(
            """SELECT * FROM mart.skill_proof WHERE skill = $skill AND segment IN ($segment, 'all')""",
            {"skill": skill, "segment": segment}))
    by_segment = {r["segment"]: r for r in rows}
    row, used = by_segment.get(segment), segment
    if fallback and segment != "all" and (row is None or not row["shown"]) and "all" in by_segment:
        row, used = by_segment["all"], "all"
    row = row or {}
    n = int(row.get("postings") or 0)
    shown = bool(row.get("shown"))
    counts = [int(row.get(f"{prefix}_postings") or 0) for _kind, prefix, _label in PROOF_KINDS]
    low, high = wilson_interval(counts, [n] * len(counts))
    nan = float("nan")
    kinds = pd.DataFrame({
        "kind": [k for k, _p, _l in PROOF_KINDS], "label": [label for _k, _p, label in PROOF_KINDS],
        "postings_with": counts, "postings": [n] * len(counts),
        "share": [c / n if shown and n else nan for c in counts],
        "ci_low": [float(v) if shown else nan for v in low], "ci_high": [float(v) if shown else nan for v in high],
    })
    labels = {kind: label for kind, _p, label in PROOF_KINDS}
    examples = pd.DataFrame([{**e, "label": labels.get(e.get("category"), e.get("category"))}
                             for e in row.get("examples") or []], columns=_PROOF_EXAMPLE_COLUMNS)
    certifications = pd.DataFrame(list(row.get("certifications") or []), columns=["name", "postings"])
    return ProofResult(
        skill=skill, segment=used, fell_back=used != segment, postings=n, shown=shown, kinds=kinds,
        years_median=_float_or_none(row.get("years_median")),
        degree_optional_share=_float_or_none(row.get("degree_optional_share")),
        certifications=certifications, examples=examples, window_start=row.get("window_start"),
        window_end=row.get("window_end"), row=row)


def _rows_as_dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def _float_or_none(value) -> float | None:
    return None if value is None or math.isnan(value) else float(value)
