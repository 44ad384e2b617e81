"""SkillPulse dashboard entry: navigation only; the pages hold the widgets and charts."""

import streamlit as st

import flows  # noqa: F401  (telemetry off before anything else)

# An emoji favicon is drawn by the browser (a data: URL); a :material/…: page icon would make every
# viewer's browser fetch it from fonts.gstatic.com.
st.set_page_config(page_title="SkillPulse", page_icon="📈", layout="wide")

pages = [
    st.Page("pages/skills.py", title="Skills in demand", icon=":material/trending_up:", default=True),
    st.Page("pages/about_data.py", title="About the data", icon=":material/info:"),
]
st.navigation(pages).run()
