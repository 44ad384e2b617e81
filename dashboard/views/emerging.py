"""Emerging: new and fast-growing skills, honestly: what is significantly up and new (13 and 4
weeks), what is too early to tell (never ranked), and the terms outside the taxonomy that look
like new skills.

Untrusted text (skill names, candidate terms and their example sentences, segment values) goes to
table cells through ``plain_text`` and to Markdown through ``markdown_text`` only.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from dashboard import charts, components, data
from warehouse.safe_text import markdown_text, plain_text
from warehouse.stats import EVIDENCE

HORIZONS = (13, 4)
NEW_WEEKS = EVIDENCE.emerging_weeks  # "first seen recently": within 26 weeks of the window's end
SKILL_CHARS = 60

components.stop_without_data()
st.title("Emerging skills")
components.freshness_line()
st.markdown("New and fast-growing skills, only where the data can tell: a skill is **emerging** when its "
            f"share of postings is significantly up (at least +20%, q < {EVIDENCE.fdr:g} after a false-discovery "
            f"correction) and it was first seen in the segment within the last {NEW_WEEKS} weeks.")

segment = components.segment_filters()
trends = {h: data.skill_trends(segment, h) for h in HORIZONS}
where = components.segment_caption(segment)


def _when(value) -> str:
    """A date as "12 Aug 2026" ("–" when there is none or it is not a date: candidates carry text)."""
    stamp = pd.to_datetime(value, errors="coerce") if value is not None else pd.NaT
    return "–" if pd.isna(stamp) else f"{stamp:%d %b %Y}"


def _reading(growth) -> str:
    """The candidate's growth ratio in words (it is not tested: a ratio of a few postings)."""
    if growth is None or pd.isna(growth):
        return "–"
    return "spreading" if growth >= 1.5 else "shrinking" if growth <= 1 / 1.5 else "steady"


def _windows() -> str:
    parts = []
    for h, frame in trends.items():
        start, end = frame.attrs.get("window_start"), frame.attrs.get("window_end")
        if end is not None:
            middle = pd.Timestamp(end) - pd.Timedelta(weeks=h) + pd.Timedelta(days=1)
            parts.append(f"last {h} weeks ({_when(middle)} – {_when(end)}) against the {h} before (from {_when(start)})")
    return "; ".join(parts) or "no complete week yet"


panel = trends[13].attrs.get("panel") or []
st.caption(f"Segment: {where} · Compared: {_windows()} · Sources present through the whole window: "
           + (", ".join(markdown_text(components.label("source", s)) for s in panel) or "none"))


def _new_and_rising(frame: pd.DataFrame, horizon: int) -> pd.DataFrame:
    if frame.empty:
        return frame.assign(horizon=[])
    end = pd.Timestamp(frame.attrs.get("window_end") or pd.Timestamp.today())
    age_days = (end - pd.to_datetime(frame["first_seen"], errors="coerce")).dt.days
    recent = age_days.notna() & (age_days <= 7 * NEW_WEEKS)
    picked = frame[(frame["status"] == "emerging") | ((frame["status"] == "rising") & recent)]
    return picked.assign(horizon=horizon)


found = pd.concat([_new_and_rising(trends[h], h) for h in HORIZONS], ignore_index=True)

st.subheader("Emerging, and rising while new")
if found.empty:
    st.info(f"No skill is significantly up and first seen within the last {NEW_WEEKS} weeks in {where}, over "
            "13 weeks or over 4. That is the honest answer for now: too few postings move enough to say more.")
else:
    found = found.sort_values(["horizon", "status", "growth_pct", "skill"], ascending=[False, True, False, True])
    table = pd.DataFrame({
        "skill": found["skill"].map(lambda s: plain_text(s, max_chars=SKILL_CHARS)),
        "status": found["status"].map(lambda s: components.label("status", s)),
        "growth": found["growth_pct"].map(charts.fmt_growth),
        "share": [f"{charts.fmt_share(x)} ({charts.fmt_interval(lo, hi)})" for x, lo, hi in
                  zip(found["share_recent"], found["share_recent_low"], found["share_recent_high"])],
        "n": [f"{int(x):,} of {int(n):,}" for x, n in zip(found["postings_recent"], found["segment_postings_recent"])],
        "before": [f"{int(x):,} of {int(n):,}"
                   for x, n in zip(found["postings_before"], found["segment_postings_before"])],
        "q": found["q_value"].map(charts.fmt_q),
        "first_seen": found["first_seen"].map(_when),
        "horizon": found["horizon"].map(lambda h: f"{h} weeks"),
    })
    # One horizon only (the usual case): said in the caption rather than repeated in a column.
    order = [c for c in table.columns if c != "horizon" or table["horizon"].nunique() > 1]
    st.dataframe(table, hide_index=True, width="stretch", column_order=order, column_config={
        "skill": st.column_config.TextColumn("Skill", width=170, pinned=True),
        "status": st.column_config.TextColumn("Status", width=80),
        "growth": st.column_config.TextColumn("Growth", width=70,
                                              help="Change of its share against the window before"),
        "share": st.column_config.TextColumn("Share (95% CI)", width=120,
                                             help="Share of the segment's postings naming it in the recent window, "
                                                  "with its 95% Wilson interval"),
        "n": st.column_config.TextColumn("N", width=80, help="Postings naming it, of the segment's, recent window"),
        "before": st.column_config.TextColumn("N before", width=80,
                                              help="Postings naming it, of the segment's, in the window before"),
        "q": st.column_config.TextColumn("q", width=70, help="False-discovery-corrected p value of the change"),
        "first_seen": st.column_config.TextColumn("First seen", width=95,
                                                  help="First posting naming it in this segment (any source)"),
        "horizon": st.column_config.TextColumn("Over", width=70),
    })
    horizons = sorted(set(found["horizon"]), reverse=True)
    st.caption(f"Compared over {' and '.join(f'{h} weeks' for h in horizons)}. A growth of several hundred percent "
               "comes from a handful of postings before: read it with its N and interval. Open a skill for its "
               "trend and the postings behind it:")
    links = st.container(horizontal=True, gap="small")
    for skill in list(dict.fromkeys(found["skill"]))[:12]:
        links.page_link("views/skill.py", label=markdown_text(skill, max_chars=40), icon=":material/arrow_forward:",
                        query_params={"skill": skill, **dict(segment.items())})

older = trends[13][trends[13]["status"] == "rising"] if not trends[13].empty else trends[13]
older = older[~older["skill"].isin(set(found["skill"]) if not found.empty else set())]
if not older.empty:
    st.caption(f"Also rising over 13 weeks but known for longer than {NEW_WEEKS} weeks: "
               + ", ".join(markdown_text(s, max_chars=SKILL_CHARS) for s in older["skill"].head(12))
               + (f" and {len(older) - 12} more" if len(older) > 12 else "") + " (see Pulse).")

st.subheader("Too early to tell")
thin = trends[13][trends[13]["status"] == "too little data"] if not trends[13].empty else trends[13]
thin = thin[thin["postings_recent"] > thin["postings_before"]]
st.caption(f"Skills named more often in the last 13 weeks than in the 13 before, but without a status: the segment "
           f"has fewer than {EVIDENCE.min_segment_postings} postings in either window, or fewer than "
           f"{EVIDENCE.min_skill_postings_trend} postings name the skill in both together. They are listed in "
           "alphabetical order, not ranked: their figures cannot tell a trend from chance.")
if thin.empty:
    st.write("None: every skill named more often lately has enough postings for a status.")
else:
    thin = thin.sort_values("skill", key=lambda s: s.str.lower())
    early = pd.DataFrame({
        "skill": thin["skill"].map(lambda s: plain_text(s, max_chars=SKILL_CHARS)),
        "recent": thin["postings_recent"],
        "before": thin["postings_before"],
        "first_seen": thin["first_seen"].map(_when),
    })
    with st.expander(f"{len(early):,} skills with too little data", expanded=len(early) <= 15):
        st.dataframe(early, hide_index=True, width="stretch", height=min(38 + 35 * len(early), 420), column_config={
            "skill": st.column_config.TextColumn("Skill", width=200, pinned=True),
            "recent": st.column_config.NumberColumn("Last 13 weeks", format="%d", width=110,
                                                    help="Postings naming it in the recent window"),
            "before": st.column_config.NumberColumn("13 weeks before", format="%d", width=120),
            "first_seen": st.column_config.TextColumn("First seen", width=110),
        })


# ---- candidates outside the taxonomy

def _examples(value) -> list[str]:
    """The example contexts of a candidate, as plain text (the column holds JSON or a list)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [value]
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    items = list(value) if isinstance(value, (list, tuple)) or hasattr(value, "tolist") else [value]
    out = []
    for item in items:
        text = item.get("context") or item.get("sentence") if isinstance(item, dict) else item
        text = plain_text(text, max_chars=240)
        words = text.split(" ")
        if len(text) > 120 and len(words) > 4:  # a window of the posting: drop the cut words at both ends
            text = "…" + " ".join(words[1:-1]) + "…"
        if text:
            out.append(text)
    return out


st.subheader("New terms outside the taxonomy")
st.caption("Words the taxonomy does not know that are written like product or skill names. Score = companies using "
           "the term × its growth (share in the last 12 weeks over its share before, held between 0.5 and 8) × (0.25 + "
           "the share of its uses within six words of a known skill): widespread, growing, and used like a skill. "
           "Not a significance test: on a few dozen postings a growth between ⅔× and 1.5× is read as steady.")
candidates = data.skill_candidates()
if candidates.empty:
    st.info("No candidates yet: the nightly refresh finds them in a sample of the last 52 weeks of postings "
            "(terms the taxonomy does not know that look like product or skill names).")
else:
    examples = candidates["examples"].map(_examples) if "examples" in candidates else pd.Series([[]] * len(candidates))
    growth = pd.to_numeric(candidates.get("growth"), errors="coerce")
    shown = pd.DataFrame({
        "term": candidates["term"].map(lambda t: plain_text(t, max_chars=SKILL_CHARS)),
        "reading": growth.map(_reading),
        "growth": growth,
        "postings": pd.to_numeric(candidates["postings"], errors="coerce"),
        "companies": pd.to_numeric(candidates["companies"], errors="coerce"),
        "score": pd.to_numeric(candidates["score"], errors="coerce"),
        "first_seen": candidates["first_seen"].map(_when),
        "example": examples.map(lambda e: e[0] if e else ""),
    })
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "term": st.column_config.TextColumn("Term", width=140, pinned=True),
        "reading": st.column_config.TextColumn("Reading", width=85,
                                               help="Spreading: growth of 1.5× or more; shrinking: ⅔× or less"),
        "growth": st.column_config.NumberColumn("Growth", format="%.1f×", width=70,
                                                help="Share in the last 12 weeks over its share before"),
        "postings": st.column_config.NumberColumn("Postings", format="%d", width=75),
        "companies": st.column_config.NumberColumn("Companies", format="%d", width=85),
        "score": st.column_config.NumberColumn("Score", format="%.1f", width=65),
        "first_seen": st.column_config.TextColumn("First seen", width=100),
        "example": st.column_config.TextColumn("Example", width="large"),
    })
    if "sample_postings" in candidates and pd.notna(candidates["sample_postings"].iloc[0]):
        st.caption(f"Found in a sample of {int(candidates['sample_postings'].iloc[0]):,} postings. "
                   "Accept a term with `skillpulse taxonomy accept`; the next re-extraction backfills its history.")
    with st.expander("Examples of how they are used"):
        for term, texts in list(zip(shown["term"], examples))[:15]:
            st.text(term)
            for text in texts[:3]:
                st.text(f"    “{text}”")
