"""The learning plan: given a freelancer's skills and constraints, which one skill brings the most
postings within reach, what it pays, whether it is rising, and how to prove it.

Everything reads the marts (mart.plan_postings, mart.skill_trends, mart.skill_pay,
mart.skill_pairs, mart.skill_proof); one plan is a handful of queries (about a second at a
million postings). The CLI (`skillpulse plan`) and the dashboard call ``build_plan``; the reports
are warehouse/reports.py. How it is computed: warehouse/README.md, "The learning plan".
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from warehouse.connect import read_only
from warehouse.stats import wilson_interval

#: A posting is within reach when the profile holds at least this share of its core skills (soft
#: skills do not count either way). The issue's "all but at most one" is ``all_but=1``: with
#: postings naming ~8 skills it leaves almost nothing within reach of a real profile (measured on
#: the demo: 3 of 171 front-end and software postings for a six-skill React developer).
DEFAULT_REACH_SHARE = 0.5
#: The window of postings a plan counts: the last N complete weeks.
DEFAULT_WEEKS = 13
#: Ranking weights (shown with every plan): score = gain x momentum factor x pay factor, where
#: momentum factor = 1 + W_MOMENTUM * clip(growth, -0.5, 0.5) when the 13-week change is
#: significant (q < 0.05), else 1; pay factor = 1 + W_PAY * clip(premium, -30%, +30%) when the
#: premium's 95% interval excludes 0, else 1.
W_MOMENTUM = 0.5
W_PAY = 0.5
FREELANCE_TYPES = ("contract", "freelance")
#: Skill categories left out of recommendations unless asked for (everyone "needs" communication).
DEFAULT_EXCLUDED_CATEGORIES = ("soft_skills",)
_PROFILE_NAME = re.compile(r"[^a-z0-9_-]+")


@dataclass
class Profile:
    """A freelancer's skills and constraints, saved as a small JSON file under data/profiles/."""

    skills: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    remote_only: bool = False
    contract_only: bool = False
    region: str | None = None
    min_rate: float | None = None  # hourly, in min_rate_currency
    min_rate_currency: str = "USD"
    name: str = "profile"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        if not isinstance(data, dict):
            raise ValueError("a profile is a JSON object")
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown profile fields {sorted(unknown)}; known: {sorted(known)}")
        profile = cls(**data)
        if not all(isinstance(s, str) for s in profile.skills):
            raise ValueError("profile skills must be names (text)")
        return profile

    def save(self, folder: Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        slug = _PROFILE_NAME.sub("-", self.name.lower()).strip("-") or "profile"
        path = folder / f"{slug}.json"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: Path) -> Profile:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@dataclass
class Recommendation:
    rank: int
    skill: str
    category: str | None
    gain: int  # postings of your market that come within reach with this skill
    gain_low: float  # 95% Wilson interval of the gain, in postings
    gain_high: float
    asked: int  # postings of your market (asking for one of your skills) that ask for this one too
    asked_low: float  # 95% Wilson interval of ``asked``, in postings
    asked_high: float
    score: float
    momentum_factor: float
    pay_factor: float
    tied_with: list[str]  # neighbours whose gain interval overlaps this one's
    status: str | None
    growth_pct: float | None
    q_value: float | None
    share_recent: float | None
    contract_share: float | None
    pay_currency: str | None
    pay_median: float | None
    pay_n: int | None
    premium_pct: float | None
    premium_low_pct: float | None
    premium_high_pct: float | None
    pairs_with: list[dict[str, Any]]  # the profile's skills it is asked for with (by NPMI)
    opens: list[dict[str, Any]]  # newest postings it would bring within reach
    proof: dict[str, Any]  # what postings asking for it want as proof (mart.skill_proof)
    reason: str = ""


@dataclass
class Plan:
    profile: Profile
    window_start: date | None
    window_end: date | None
    segment_postings: int  # counted postings in the window that match the constraints
    postings_with_skills: int  # your market: of which ask for at least one of your skills
    within_reach: int  # already within reach without learning anything
    reach: str  # the rule, in words
    recommendations: list[Recommendation]
    current_skills_proof: list[dict[str, Any]]
    weights: dict[str, Any]
    versions: dict[str, Any]
    segment_label: str
    trend_segment: tuple[str, str]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("window_start", "window_end"):
            out[key] = None if out[key] is None else str(out[key])
        return out


def _constraints(profile: Profile) -> tuple[str, dict]:
    parts, params = [], {}
    if profile.families:
        parts.append("list_contains($families, family)")
        params["families"] = list(profile.families)
    if profile.remote_only:
        parts.append("remote = 'remote'")
    if profile.contract_only:
        parts.append("list_contains($freelance, employment_type)")
        params["freelance"] = list(FREELANCE_TYPES)
    if profile.region:
        # a posting open worldwide is open to someone in the region too
        parts.append("region IN ($region, 'Worldwide')")
        params["region"] = profile.region
    if profile.min_rate is not None:
        # postings stating less pay (in that currency) are out; postings stating none stay in
        parts.append("(hourly_pay IS NULL OR salary_currency <> $rate_currency OR hourly_pay >= $min_rate)")
        params.update(min_rate=float(profile.min_rate), rate_currency=profile.min_rate_currency)
    return " AND ".join(parts) or "TRUE", params


def segment_label(profile: Profile, family_labels: dict[str, str] | None = None) -> str:
    labels = family_labels or {}
    parts = [", ".join(labels.get(f, f) for f in profile.families) if profile.families else "all role families"]
    if profile.remote_only:
        parts.append("remote")
    if profile.contract_only:
        parts.append("contract or freelance")
    if profile.region:
        parts.append(f"{profile.region} (or worldwide)")
    if profile.min_rate is not None:
        parts.append(f"stated pay at least {profile.min_rate:g} {profile.min_rate_currency}/hour (or not stated)")
    return "; ".join(parts)


def _rows(con, sql: str, params: dict) -> list[dict[str, Any]]:
    """Rows as plain dicts: a plan touches a few hundred values, and pandas' per-row access on
    DuckDB's Arrow-backed frames costs more than the queries themselves."""
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _factor(significant: bool, value: float | None, weight: float, cap: float) -> float:
    if not significant or value is None or not math.isfinite(value):
        return 1.0
    return 1.0 + weight * max(-cap, min(cap, value))


def _clean(value: Any) -> Any:
    """NaN and numpy scalars as plain Python values (for JSON and dataclasses)."""
    if value is None:
        return None
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def build_plan(db: Path, profile: Profile, *, weeks: int = DEFAULT_WEEKS,
               reach_share: float | None = DEFAULT_REACH_SHARE, all_but: int | None = None,
               limit: int = 10, examples: int = 5,
               excluded_categories: tuple[str, ...] = DEFAULT_EXCLUDED_CATEGORIES) -> Plan:
    """The ranked next skills for ``profile`` (see the module docstring and README).

    Within reach: the profile holds at least ``reach_share`` of a posting's core skills, or, with
    ``all_but``, all of them but at most that many."""
    if weeks < 1 or weeks > 52:
        raise ValueError("weeks must be between 1 and 52 (mart.plan_postings covers 52)")
    if all_but is not None:
        if not 0 <= all_but <= 5:
            raise ValueError("all_but must be between 0 and 5")
        need = "greatest(len(core_skills) - $rule, 1)"
        rule_value: float = int(all_but)
        reach = f"you hold all of a posting's core skills but at most {all_but}"
    else:
        if reach_share is None or not 0 < reach_share <= 1:
            raise ValueError("reach_share must be above 0 and at most 1")
        need = "CAST(ceil($rule * len(core_skills)) AS INTEGER)"
        rule_value = float(reach_share)
        reach = f"you hold at least {100 * reach_share:.0f}% of a posting's core skills (soft skills aside)"
    where, params = _constraints(profile)
    mine = sorted(set(profile.skills))
    with read_only(db) as con:
        end_row = con.execute("SELECT max(week) FROM mart.plan_postings").fetchall()[0][0]
        versions_row = con.execute(
            """SELECT taxonomy_version, extractor_version, finished_at FROM meta.runs
               WHERE status IN ('success', 'partial', 'reextract') ORDER BY finished_at DESC LIMIT 1""").fetchall()
        labels = dict(con.execute(
            """SELECT family, label FROM raw.role_families
               WHERE roles_version = (SELECT max(roles_version) FROM raw.role_families)""").fetchall())
        as_of = con.execute("SELECT max(as_of) FROM mart.periods").fetchall()[0][0]
        versions = {"taxonomy_version": versions_row[0][0] if versions_row else None,
                    "extractor_version": versions_row[0][1] if versions_row else None,
                    "built_at": str(versions_row[0][2]) if versions_row else None,
                    "data_as_of": None if as_of is None else str(as_of)}
        trend_kind, trend_segment = ("family", profile.families[0]) if len(profile.families) == 1 else ("all", "all")
        label = segment_label(profile, labels)
        weights = {"score": "gain x momentum factor x pay factor", "W_MOMENTUM": W_MOMENTUM, "W_PAY": W_PAY,
                   "momentum factor": "1 + W_MOMENTUM x clip(growth, -0.5, 0.5) when q < 0.05, else 1",
                   "pay factor": "1 + W_PAY x clip(premium, -0.3, 0.3) when its 95% interval excludes 0, else 1",
                   "within reach": reach,
                   "excluded categories": list(excluded_categories)}
        if end_row is None:
            return Plan(profile, None, None, 0, 0, 0, reach, [], [], weights, versions, label,
                        (trend_kind, trend_segment))
        window_end = end_row
        window_start = end_row - timedelta(weeks=weeks - 1)
        params.update(mine=mine, start=window_start, end=window_end, rule=rule_value)
        scope = f"week BETWEEN $start AND $end AND {where}"
        # Your market: the postings asking for at least one of your skills. A posting asking for
        # none of them is a change of career, not a next skill (measured on the demo: for React +
        # TypeScript every "one skill away" posting outside it was a 1-2 skill Salesforce or
        # copywriting job). Per posting: how many of its core skills you hold, and how many it needs.
        # One scan of the segment's window, kept in temporary tables (a read-only connection may
        # make them) that the figures below read: four scans of mart.plan_postings cost ~1 s at 1M.
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _plan_segment AS
                SELECT posting_id, posted_at, core_skills, len(list_intersect(core_skills, $mine)) AS held,
                       {need} AS need
                FROM mart.plan_postings WHERE {scope}""", params)
        market = "SELECT * FROM _plan_segment WHERE len(core_skills) > 0 AND held >= 1"
        totals = con.execute(
            """SELECT count(*), count(*) FILTER (WHERE len(core_skills) > 0 AND held >= 1),
                      count(*) FILTER (WHERE len(core_skills) > 0 AND held >= 1 AND held >= need)
               FROM _plan_segment""").fetchall()[0]
        n_segment, n_skilled, n_within = (int(x) for x in totals)
        # per market posting not yet within reach, each core skill it asks for that you lack;
        # one skill away (held = need - 1): any one of them brings the posting within reach
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _plan_missing AS
                SELECT posting_id, posted_at, held, need,
                       unnest(list_filter(core_skills, lambda s: NOT list_contains($mine, s))) AS skill
                FROM ({market}) WHERE held < need""", {"mine": mine})
        missing = "SELECT * FROM _plan_missing"
        opened = f"SELECT * FROM ({missing}) WHERE held = need - 1"
        counted = f"""SELECT o.skill, k.category, count(*) FILTER (WHERE o.held = o.need - 1) AS gain, count(*) AS asked
                      FROM ({missing}) AS o LEFT JOIN core.skills AS k USING (skill)
                      WHERE k.category IS NULL OR NOT list_contains($excluded, k.category)
                      GROUP BY ALL"""
        ranked = {"excluded": list(excluded_categories), "candidates": max(3 * limit, 30)}
        gains = con.execute(f"SELECT * FROM ({counted}) ORDER BY gain DESC, asked DESC, skill LIMIT $candidates",
                            ranked).fetchall()
        # a small profile brings little within reach at once: then what your market asks for
        # most ranks the rest (never above a skill with a gain)
        asked_most = con.execute(f"SELECT * FROM ({counted}) ORDER BY asked DESC, skill LIMIT $candidates",
                                 ranked).fetchall()
        gains = list({g[0]: g for g in [*gains, *asked_most]}.values())
        candidates = [g[0] for g in gains]
        trend = {r["skill"]: r for r in _rows(con,
            """SELECT skill, status, growth, growth_pct, q_value, share_recent, contract_share_recent
               FROM mart.skill_trends WHERE segment_kind = $kind AND segment = $segment AND horizon_weeks = 13
                 AND list_contains($skills, skill)""",
            {"kind": trend_kind, "segment": trend_segment, "skills": candidates})}
        pay = {r["skill"]: r for r in _rows(con,
            """SELECT skill, currency, pay_median, postings_with_pay, premium_pct, premium_low_pct, premium_high_pct
               FROM mart.skill_pay WHERE segment_kind = $kind AND segment = $segment AND list_contains($skills, skill)
                 AND shown
               QUALIFY row_number() OVER (PARTITION BY skill ORDER BY postings_with_pay DESC, currency) = 1""",
            {"kind": trend_kind, "segment": trend_segment, "skills": candidates})}
        pairs = _rows(con, 
            """SELECT skill, other_skill, support, npmi FROM mart.skill_pairs
               WHERE segment = $segment AND list_contains($skills, skill) AND list_contains($mine, other_skill)
               ORDER BY skill, npmi DESC""",
            {"segment": trend_segment if trend_kind == "family" else "all", "skills": candidates, "mine": mine})
        opens = _rows(con, 
            f"""WITH newest AS (
                    SELECT skill, posting_id FROM ({opened}) WHERE list_contains($skills, skill)
                    QUALIFY row_number() OVER (PARTITION BY skill ORDER BY posted_at DESC, posting_id) <= $examples)
                SELECT n.skill, p.posting_id, p.posted_at, p.title, p.company, p.url, p.source, p.copies
                FROM newest AS n JOIN mart.plan_postings AS p USING (posting_id)""",
            {"skills": candidates, "examples": int(examples)})
        proof_skills = candidates + mine
        proofs = _proofs(con, proof_skills, trend_segment if trend_kind == "family" else "all")

    recs = []
    for skill, category, gain, asked in gains:
        t, p = trend.get(skill), pay.get(skill)
        q = None if t is None else _clean(t["q_value"])
        momentum = _factor(q is not None and q < 0.05, None if t is None else _clean(t["growth"]), W_MOMENTUM, 0.5)
        premium = None if p is None else _clean(p["premium_pct"])
        low_pct = None if p is None else _clean(p["premium_low_pct"])
        high_pct = None if p is None else _clean(p["premium_high_pct"])
        excludes_zero = premium is not None and low_pct is not None and (low_pct > 0 or high_pct < 0)
        pay_factor = _factor(excludes_zero, None if premium is None else premium / 100, W_PAY, 0.3)
        low, high = wilson_interval([gain, asked], [max(n_skilled, 1)] * 2)
        recs.append(Recommendation(
            rank=0, skill=skill, category=_clean(category), gain=int(gain),
            gain_low=float(low[0] * n_skilled), gain_high=float(high[0] * n_skilled),
            asked=int(asked), asked_low=float(low[1] * n_skilled), asked_high=float(high[1] * n_skilled),
            score=float(gain * momentum * pay_factor), momentum_factor=momentum, pay_factor=pay_factor,
            tied_with=[], status=None if t is None else t["status"],
            growth_pct=None if t is None else _clean(t["growth_pct"]), q_value=q,
            share_recent=None if t is None else _clean(t["share_recent"]),
            contract_share=None if t is None else _clean(t["contract_share_recent"]),
            pay_currency=None if p is None else p["currency"], pay_median=None if p is None else _clean(p["pay_median"]),
            pay_n=None if p is None else int(p["postings_with_pay"]), premium_pct=premium,
            premium_low_pct=low_pct, premium_high_pct=high_pct,
            pairs_with=[{"skill": r["other_skill"], "support": int(r["support"]), "npmi": float(r["npmi"])}
                        for r in pairs if r["skill"] == skill][:3],
            opens=[{k: (str(v) if k == "posted_at" else _clean(v)) for k, v in r.items() if k != "skill"}
                   for r in sorted((r for r in opens if r["skill"] == skill), key=lambda r: r["posted_at"], reverse=True)],
            proof=proofs.get(skill, {}),
        ))
    recs.sort(key=lambda r: (r.gain == 0, -r.score, -r.asked * r.momentum_factor * r.pay_factor, r.skill))
    recs = recs[:limit]
    for i, rec in enumerate(recs, start=1):
        rec.rank = i
    for rec in recs:  # ties: a neighbour ranked on the same figure whose interval overlaps this one's
        def overlaps(o: Recommendation) -> bool:
            if (o.gain > 0) != (rec.gain > 0):
                return False
            if rec.gain > 0:
                return o.gain_low <= rec.gain_high and rec.gain_low <= o.gain_high
            return o.asked_low <= rec.asked_high and rec.asked_low <= o.asked_high
        rec.tied_with = [o.skill for o in recs if o is not rec and abs(o.rank - rec.rank) == 1 and overlaps(o)]
        rec.reason = reason(rec, n_skilled, weeks)
    current = [{"skill": s, **proofs[s]} for s in mine if s in proofs]
    return Plan(profile, window_start, window_end + timedelta(days=6), n_segment, n_skilled, n_within, reach,
                recs, current, weights, versions, label, (trend_kind, trend_segment))


def reason(rec: Recommendation, segment_postings: int, weeks: int) -> str:
    """The one-line why, with numbers."""
    share = 100 * rec.asked / segment_postings if segment_postings else 0.0
    asked = (f"asked for by {rec.asked:,} of the {segment_postings:,} postings asking for your skills "
             f"({share:.0f}%, last {weeks} weeks)")
    if rec.gain:
        parts = [f"+{rec.gain:,} postings within reach", asked]
    else:
        parts = [f"brings no posting within reach on its own yet; {asked}"]
    if rec.status in ("rising", "emerging", "declining") and rec.growth_pct is not None:
        sign = "+" if rec.growth_pct >= 0 else ""
        parts.append(f"{rec.status} {sign}{rec.growth_pct:.0f}% over 13 weeks ({'q < 0.001' if rec.q_value < 0.001 else f'q = {rec.q_value:.3f}'})")
    elif rec.status:
        parts.append(f"{rec.status} over 13 weeks")
    if rec.contract_share is not None:
        parts.append(f"contract/freelance share {100 * rec.contract_share:.0f}%")
    if rec.premium_pct is not None:
        sign = "+" if rec.premium_pct >= 0 else ""
        parts.append(f"hourly median {sign}{rec.premium_pct:.0f}% vs similar postings without it "
                     f"(95% CI {rec.premium_low_pct:+.0f}% to {rec.premium_high_pct:+.0f}%, N = {rec.pay_n}, {rec.pay_currency})")
    elif rec.pay_n:
        parts.append(f"median {rec.pay_median:.0f} {rec.pay_currency}/hour (N = {rec.pay_n})")
    return "; ".join(parts)


def _proofs(con, skills: list[str], segment: str) -> dict[str, dict[str, Any]]:
    """What postings asking for each skill want as proof (mart.skill_proof), in the segment; a skill
    with too few postings there for shares gets all postings' figures (its ``segment`` says which)."""
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'mart' AND table_name = 'skill_proof'").fetchall()[0][0]
    if not exists or not skills:
        return {}
    rows = _rows(con, """SELECT * FROM mart.skill_proof WHERE segment IN ($segment, 'all') AND list_contains($skills, skill)""",
                 {"segment": segment, "skills": skills})
    chosen: dict[str, dict[str, Any]] = {}
    for record in sorted(rows, key=lambda r: r["segment"] != segment):  # the segment's own rows first
        have = chosen.get(record["skill"])
        if have is None or (not have["shown"] and record["shown"]):
            chosen[record["skill"]] = record
    out = {}
    for skill, record in chosen.items():
        out[skill] = {k: _json_safe(v) for k, v in record.items() if k != "skill"}
    return out


def _json_safe(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return [_json_safe(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (date,)):
        return str(value)
    return _clean(value)
