"""Pulse (home): in the chosen segment, which skills are rising, which are most asked for and which
are declining over the last 13 complete weeks, each with its N, share and 95% interval, growth, q
value and a 26-week sparkline, linking to the Skill page. Rising and declining skills are ranked by
how much their share moved (percentage points), so a skill going from 14% to 31% of postings leads
one going from 0.3% to 7%; skills without enough evidence are listed under each panel, never ranked.
Layout only: every figure comes from dashboard.data; scraped or taxonomy text reaches Markdown only
through markdown_text.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from dashboard import charts, components, data, pulse_panels
from dashboard.pulse_panels import HORIZON
from warehouse.safe_text import markdown_text
from warehouse.stats import EVIDENCE

NAME_CHARS = 60

components.stop_without_data()
st.title("Pulse: what the market asks for now")
components.freshness_line()

segment = components.segment_filters()
segment_params = dict(segment.items())
trends = data.skill_trends(segment, HORIZON)  # the same call (and cache entry) as pulse_panels
window_start, window_end = trends.attrs["window_start"], trends.attrs["window_end"]

if window_end is None:
    st.info("The warehouse has no complete week of postings yet, so there is nothing to compare.")
    st.stop()

recent_start = window_end - timedelta(weeks=HORIZON) + timedelta(days=1)
before_end = recent_start - timedelta(days=1)
panel = trends.attrs["panel"] or []
panel_words = ", ".join(markdown_text(components.label("source", s)) for s in panel) or "none"

st.caption(
    f"**Segment:** {components.segment_caption(segment)} · **Window:** the {HORIZON} complete weeks "
    f"{recent_start:%d %b} – {window_end:%d %b %Y} against the {HORIZON} weeks before "
    f"({window_start:%d %b} – {before_end:%d %b %Y}) · **Stable panel of sources:** {panel_words} "
    "(only sources present through the whole window are counted, so a new source cannot fake a trend)"
)

n_recent = int(trends["segment_postings_recent"].max()) if len(trends) else 0
n_before = int(trends["segment_postings_before"].max()) if len(trends) else 0
if n_recent == 0:
    last_seen = trends.attrs.get("segment_last_seen")
    when = (f"Its newest posting is from the week of {last_seen:%d %b %Y}." if last_seen is not None
            else "It has no postings at all yet.")
    st.info(f"No postings in this segment in the last {HORIZON} complete weeks "
            f"({recent_start:%d %b} – {window_end:%d %b %Y}). {when} Widen the filters in the sidebar.")
    st.stop()

thin_segment = n_recent < EVIDENCE.min_segment_postings or n_before < EVIDENCE.min_segment_postings
if thin_segment:
    st.warning(
        f"Only {n_recent:,} postings in this segment in the last {HORIZON} weeks and {n_before:,} in the "
        f"{HORIZON} before: at least {EVIDENCE.min_segment_postings} in each are needed to call a skill rising "
        "or declining. Shares are shown with their intervals; widen the filters for trends.")

st.caption(
    f"**Share:** postings asking for the skill ÷ all postings in the segment, last {HORIZON} weeks, with "
    f"its 95% interval. **Growth:** against the {HORIZON} weeks before; a skill is rising or declining only "
    f"when the change is at least +20% / −17% and its q value (false-discovery adjusted) is below "
    f"{EVIDENCE.fdr:g}; both lists are ranked by how much the share moved. The line: weekly share over the last "
    f"{2 * HORIZON} weeks (recent half shaded). Each name opens the skill with the postings behind its figures.")

# ---- the rows of each panel (dashboard/pulse_panels.py chooses them)

panels = pulse_panels.pulse_panels(segment)
rising, demanded, declining = panels.rising, panels.demanded, panels.declining


def figures(row, *, with_trend: bool = True) -> str:
    """N, share with its interval, growth and q of one skill, Markdown-safe (numbers only)."""
    parts = [f"{charts.fmt_share(row.share_recent)} ({charts.fmt_interval(row.share_recent_low, row.share_recent_high)})",
             f"N {int(row.postings_recent):,} of {int(row.segment_postings_recent):,}"]
    if with_trend:
        parts += [f"{charts.fmt_growth(row.growth_pct)} from {charts.fmt_share(row.share_before)}",
                  charts.fmt_q(row.q_value)]
    return " · ".join(parts)


def skill_row(row, *, rank: int | None, note: str | None = None, colour: str, spark: bool = True) -> None:
    """One skill: its link to the Skill page (with the segment) beside its sparkline, then its figures."""
    name = markdown_text(row.skill, max_chars=NAME_CHARS)
    label = f"{rank}\\. {name}" if rank is not None else name
    if row.status == "emerging":
        label += " · new"
    head = st.container(horizontal=True, vertical_alignment="center", gap="small")
    head.page_link("views/skill.py", label=label, query_params={"skill": row.skill, **segment_params},
                   help="Open the skill: its trend, where it is asked for, pay and the postings behind it.")
    points = panels.sparks.get(row.skill)
    if spark and points is not None:
        head.markdown(charts.sparkline_markdown(points, colour=colour, recent_start=recent_start), width="content")
    text = figures(row, with_trend=note != too_little)
    if note:
        text += (f" · {charts.fmt_growth(row.growth_pct)}" if note == too_little else "") + f" · **{note}**"
    st.caption(text)


def unranked(rows: tuple, heading: str, note: str) -> None:
    """Skills listed under a panel without a rank (and without a line: their weeks are mostly noise)."""
    if not rows:
        return
    st.markdown(f":small[**{heading}**]")
    for row in rows:
        skill_row(row, rank=None, note=note, colour=charts.STATUS_COLOURS["stable"], spark=False)


too_little = components.label("status", "too little data").lower()
columns = st.columns(3, gap="medium")
with columns[0].container(border=True):
    st.subheader("Rising")
    if not rising:
        st.caption("No skill is significantly up in this segment." if not thin_segment
                   else "Too few postings in this segment to call a rise.")
    for rank, row in enumerate(rising, start=1):
        skill_row(row, rank=rank, colour=charts.STATUS_COLOURS[row.status])
    unranked(panels.not_yet_up, "Up, but not significant yet (not ranked)", "not significant")
    unranked(panels.thin_up, "Up, on too few postings (not ranked)", too_little)
    st.page_link("views/emerging.py", label="New skills: the Emerging page",
                 icon=":material/arrow_forward:", query_params=segment_params)

with columns[1].container(border=True):
    st.subheader("Most demanded")
    if not demanded:
        st.caption(f"No skill is asked for by at least {EVIDENCE.min_skill_postings} postings in this segment.")
    for rank, row in enumerate(demanded, start=1):
        skill_row(row, rank=rank, colour=charts.STATUS_COLOURS.get(row.status, charts.PALETTE[0])
                  if row.status in ("rising", "emerging", "declining") else charts.PALETTE[0])
    unranked(panels.demanded_thin, f"Fewer than {EVIDENCE.min_skill_postings} postings (not ranked)", too_little)

with columns[2].container(border=True):
    st.subheader("Declining")
    if not declining:
        st.caption("No skill is significantly down in this segment." if not thin_segment
                   else "Too few postings in this segment to call a decline.")
    for rank, row in enumerate(declining, start=1):
        skill_row(row, rank=rank, colour=charts.STATUS_COLOURS["declining"])
    unranked(panels.not_yet_down, "Down, but not significant yet (not ranked)", "not significant")
    unranked(panels.thin_down, "Down, on too few postings (not ranked)", too_little)
