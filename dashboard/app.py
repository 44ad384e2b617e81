"""SkillPulse dashboard entry: navigation only; the pages hold the widgets and charts."""

import altair as alt
import streamlit as st

import flows  # noqa: F401  (telemetry off before anything else)
from dashboard import charts

# An emoji favicon is drawn by the browser (a data: URL); a :material/…: page icon would make every
# viewer's browser fetch it from fonts.gstatic.com.
st.set_page_config(page_title="SkillPulse", page_icon="📈", layout="wide")


@alt.theme.register("skillpulse", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return charts.theme()


pages = [
    st.Page("views/pulse.py", title="Pulse", icon=":material/monitor_heart:", default=True),
    st.Page("views/skill.py", title="Skill", icon=":material/insights:"),
    st.Page("views/plan.py", title="Learning plan", icon=":material/school:"),
    st.Page("views/emerging.py", title="Emerging", icon=":material/new_releases:"),
    st.Page("views/postings.py", title="Postings", icon=":material/work:"),
    st.Page("views/research.py", title="Research", icon=":material/database:"),
    st.Page("views/health.py", title="Data health", icon=":material/health_and_safety:"),
]
st.navigation(pages).run()
