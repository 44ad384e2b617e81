"""About the data: freshness, coverage and method, so a user can judge the figures."""

from __future__ import annotations

import streamlit as st

from dashboard import data

db = str(data.warehouse_path())
st.title("About the data")

fresh = data.freshness_or_stop(db)
c1, c2, c3 = st.columns(3)
c1.metric("Postings", f"{fresh.postings_total:,}")
c2.metric("Weeks covered", f"{fresh.first_week:%b %Y} – {fresh.last_week:%b %Y}")
c3.metric("Data as of (UTC)", f"{fresh.finished_at:%Y-%m-%d %H:%M}")

st.markdown(
    """
**How the figures are made.** Public job listings are crawled from each source's public API,
converted to plain text, and scanned for skills from SkillPulse's own taxonomy (canonical names
with their aliases; short or common words such as *Go*, *R* or *Excel* count only with
corroborating context). A skill's **share** for a week is the number of postings that mention it
at least once divided by all postings that week in the niche. **Change** compares the last 12
weeks of data with the same 12-week span half a year earlier (6 months is long enough to see a
trend and short enough to still be news).

**Niches** are the sources' own job categories. **Sources** are credited on every posting; follow
the link to read the original.

**Caveats.** A posting counts once per skill however often it mentions it. Weeks with few postings
are noisy: the line is a 4-week rolling average, the dots are the raw weekly values.
"""
)
