"""postings page (being built)."""

import streamlit as st

from dashboard import components

components.stop_without_data()
st.title("postings")
components.freshness_line()
