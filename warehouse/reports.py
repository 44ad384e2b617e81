"""Reports a client can read: the learning plan and the evidence behind a skill, as Markdown (to
print or paste) and CSV (for spreadsheets).

Every value that came from a posting (titles, companies, sentences) is untrusted: it reaches
Markdown only through ``markdown_text`` (inert: no links, images or HTML) and links only through
``markdown_link`` (http(s) only); CSV cells go through ``frame_to_csv`` (no live formulas).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from warehouse.safe_text import frame_to_csv, markdown_link, markdown_text

METHOD_NOTE = (
    "**How these figures are made.** A counted posting is one job in one period: copies of a job "
    "on several boards, for several cities or reposted in the same thread count once; posted again "
    "in a later period, it counts again. Shares carry 95% Wilson intervals; a change is called "
    "rising or declining only when it is at least 20% and significant after a false-discovery "
    "correction across the segment's skills (q < 0.05), on the sources present through the whole "
    "window. Pay is compared within one currency against postings of the same role family and "
    "employment type without the skill. Details: SkillPulse's warehouse/README.md."
)


def _pct(value: float | None, digits: int = 0, sign: bool = False) -> str:
    if value is None:
        return "–"
    if round(value, digits) == 0:
        value = 0.0  # never "-0%"
    return f"{value:+.{digits}f}%" if sign else f"{value:.{digits}f}%"


def _md(value: Any, max_chars: int | None = 120) -> str:
    return markdown_text(value, max_chars=max_chars)


def _posting_line(p: dict[str, Any]) -> str:
    title = markdown_link(p.get("title") or "(untitled)", p.get("url"))
    company = _md(p.get("company") or "")
    copies = p.get("copies") or 1
    extra = f", {copies} copies" if copies > 1 else ""
    return f"{title} — {company} ({_md(p.get('posted_at'))}, {_md(p.get('source'))}{extra})"


#: A certification is listed with a skill when at least this many of its postings name it.
MIN_CERT_POSTINGS = 3


def _proof_lines(proof: dict[str, Any]) -> list[str]:
    """How to prove a skill (mart.skill_proof), with its N; shares only from the minimum evidence."""
    n = (proof or {}).get("postings") or 0
    where = " across all role families" if proof and proof.get("segment") == "all" else ""
    if not n or not proof.get("shown", True):
        return [f"  - How to prove it: too few postings to say (N = {n:,} asking for it{where})."]
    asks = []
    for key, label in (("portfolio", "a portfolio, code or work samples"), ("assessment", "a test or trial task"),
                       ("degree", "a degree"), ("certification", "a certification")):
        share = proof.get(f"{key}_share")
        if share:
            extra = ""
            if key == "degree" and proof.get("degree_optional_share"):
                extra = f" (optional in {100 * proof['degree_optional_share']:.0f}% of those)"
            asks.append(f"{label} {100 * share:.0f}%{extra}")
    years = proof.get("years_median")
    if years is not None:
        asks.append(f"typically {years:g}+ years of it ({100 * (proof.get('years_share') or 0):.0f}% say how many)")
    lines = [f"  - How to prove it (N = {n:,} postings asking for it{where}): "
             + ("; ".join(asks) if asks else "no proof asked in particular")]
    # a certification named by a single posting is an anecdote, not what the market asks
    certs = [c for c in (proof.get("certifications") or []) if (c.get("postings") or 0) >= MIN_CERT_POSTINGS]
    if certs:
        lines.append("  - Certifications named with it: " + ", ".join(
            f"{_md(c['name'])} ({c['postings']})" for c in certs[:5]))
    for example in (proof.get("examples") or [])[:3]:
        lines.append(f"  - > “{_md(example.get('sentence'), 300)}” — {markdown_link(example.get('title') or 'posting', example.get('url'))}")
    return lines


def plan_markdown(plan) -> str:
    """The plan as a Markdown report (headline figures, window, segment, method, versions, links)."""
    p = plan.profile
    v = plan.versions
    lines = [f"# Learning plan: {_md(p.name, 80)}", ""]
    # the segment label, window, reach rule and reasons are SkillPulse's own words and numbers;
    # only what came from postings or a taxonomy overlay (names, titles, sentences) is escaped
    lines.append(f"**Segment:** {_md(plan.segment_label, 300)}  ")
    window = (f"{plan.window_start} – {plan.window_end}" if plan.window_start else "no complete week yet")
    lines.append(f"**Window:** {window} (complete weeks only)  ")
    lines.append(f"**Data as of:** {v.get('data_as_of')} · built {str(v.get('built_at'))[:16]} UTC · "
                 f"taxonomy {_md(v.get('taxonomy_version'))}, extractor {_md(v.get('extractor_version'))}")
    lines.append("")
    skills = ", ".join(_md(s) for s in sorted(p.skills)) or "none given"
    share = (100 * plan.within_reach / plan.postings_with_skills) if plan.postings_with_skills else 0
    lines.append(f"**Your skills:** {skills}.  ")
    lines.append(f"**Your market:** {plan.postings_with_skills:,} of the segment's {plan.segment_postings:,} "
                 "postings ask for at least one of your skills.  ")
    lines.append(f"**Within reach now:** {plan.within_reach:,} of those {plan.postings_with_skills:,} "
                 f"({share:.0f}%): {plan.reach}.")
    lines.append("")
    if not plan.recommendations:
        lines += ["No skill would bring a posting within reach in this segment and window. Widen the "
                  "segment (fewer constraints) or the window.", ""]
    else:
        lines += ["## What to learn next", "",
                  "| # | Skill | Postings it brings within reach (95% CI) | Asked for by your market (95% CI) | Trend, 13 weeks | Contract/freelance | Pay vs similar postings |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for r in plan.recommendations:
            trend = (r.status or "–").capitalize() + (f" ({_pct(r.growth_pct, sign=True)})" if r.growth_pct is not None and r.status in ("rising", "emerging", "declining") else "")
            payv = (f"{_pct(r.premium_pct, sign=True)} (N = {r.pay_n}, {_md(r.pay_currency)})" if r.premium_pct is not None
                    else (f"median {r.pay_median:.0f} {_md(r.pay_currency)}/h (N = {r.pay_n})" if r.pay_n else "too few stating pay"))
            tie = " (tied)" if r.tied_with else ""
            lines.append(f"| {r.rank}{tie} | {_md(r.skill)} | +{r.gain:,} ({r.gain_low:.0f}–{r.gain_high:.0f}) | "
                         f"{r.asked:,} ({r.asked_low:.0f}–{r.asked_high:.0f}) | {trend} | "
                         f"{_pct(None if r.contract_share is None else 100 * r.contract_share)} | {payv} |")
        lines.append("")
        for r in plan.recommendations:
            lines.append(f"### {r.rank}. {_md(r.skill)}")
            lines.append("")
            lines.append(f"- {r.reason}")
            if r.tied_with:
                lines.append(f"  - Tied with {', '.join(_md(t) for t in r.tied_with)}: their intervals overlap, so the order between them is not certain.")
            if r.pairs_with:
                lines.append("  - Asked for together with your " + ", ".join(
                    f"{_md(x['skill'])} ({x['support']} postings)" for x in r.pairs_with))
            lines += _proof_lines(r.proof)
            if r.opens:
                lines.append("  - Postings it would bring within reach:")
                lines += [f"    - {_posting_line(o)}" for o in r.opens]
            lines.append("")
    if plan.current_skills_proof:
        lines += ["## How to prove the skills you have", ""]
        for proof in plan.current_skills_proof:
            lines.append(f"- **{_md(proof['skill'])}**")
            lines += _proof_lines(proof)
        lines.append("")
    w = plan.weights
    lines += ["## Method", "", METHOD_NOTE, "",
              f"**Ranking:** score = {w['score']}; momentum factor = {w['momentum factor']}; "
              f"pay factor = {w['pay factor']}. Within reach: {w['within reach']}. "
              f"Left out: {', '.join(w['excluded categories']) or 'nothing'} (skill categories).", ""]
    return "\n".join(lines) + "\n"


PLAN_CSV_COLUMNS = ["rank", "skill", "category", "gain", "gain_low", "gain_high", "asked", "asked_low", "asked_high", "score", "status", "growth_pct",
                    "q_value", "contract_share", "pay_currency", "pay_median", "pay_n", "premium_pct",
                    "premium_low_pct", "premium_high_pct", "pairs_with", "tied_with", "reason", "example_postings",
                    "proof_postings", "portfolio_share", "assessment_share", "degree_share", "certification_share",
                    "years_median"]
#: mart.skill_proof figures in the CSV (empty below its minimum evidence).
_PROOF_CSV = ("portfolio_share", "assessment_share", "degree_share", "certification_share", "years_median")


def plan_frame(plan) -> pd.DataFrame:
    rows = []
    for r in plan.recommendations:
        rows.append({**{c: getattr(r, c) for c in PLAN_CSV_COLUMNS if hasattr(r, c) and c not in ("pairs_with", "tied_with")},
                     "pairs_with": "; ".join(x["skill"] for x in r.pairs_with),
                     "tied_with": "; ".join(r.tied_with),
                     "example_postings": " ".join(o["url"] for o in r.opens if o.get("url")),
                     "proof_postings": (r.proof or {}).get("postings"),
                     **{c: (r.proof or {}).get(c) for c in _PROOF_CSV}})
    return pd.DataFrame(rows, columns=PLAN_CSV_COLUMNS)


def plan_csv(plan) -> str:
    return frame_to_csv(plan_frame(plan))


EVIDENCE_CSV_COLUMNS = ["posted_at", "title", "company", "niche", "remote", "region", "employment_type", "salary_text",
                        "copies", "context", "url", "source", "attribution", "posting_id"]


def evidence_markdown(skill: str, frame: pd.DataFrame, *, segment_label: str, versions: dict[str, Any],
                      total_postings: int | None = None) -> str:
    """Every counted posting behind a skill's figure, as a Markdown report."""
    lines = [f"# The evidence for {_md(skill)}", ""]
    lines.append(f"**Segment:** {_md(segment_label, 300)}  ")
    lines.append(f"**Data as of:** {_md(versions.get('data_as_of'))} · taxonomy {_md(versions.get('taxonomy_version'))}, "
                 f"extractor {_md(versions.get('extractor_version'))}")
    lines.append("")
    span = ""
    if len(frame):
        span = f", published {frame['posted_at'].min()} – {frame['posted_at'].max()}"
    copies = int(frame["copies"].sum()) if len(frame) else 0
    lines.append(f"**{len(frame):,} counted postings** ask for {_md(skill)}{span}; they stand for {copies:,} "
                 "postings on the boards (copies of one job in one week count once)."
                 + (f" All counted postings in the segment: {total_postings:,}." if total_postings else ""))
    lines += ["", "| Posted | Posting | Company | Where it is asked for |", "| --- | --- | --- | --- |"]
    for row in frame.itertuples(index=False):
        link = markdown_link(row.title or "(untitled)", row.url)
        copies_note = f" ({row.copies} copies)" if (row.copies or 1) > 1 else ""
        lines.append(f"| {_md(row.posted_at)} | {link}{copies_note} | {_md(row.company)} | {_md(row.context, 240)} |")
    lines += ["", METHOD_NOTE, ""]
    return "\n".join(lines) + "\n"


def evidence_csv(frame: pd.DataFrame) -> str:
    return frame_to_csv(frame[[c for c in EVIDENCE_CSV_COLUMNS if c in frame.columns]])
