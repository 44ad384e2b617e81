"""emerging page (being built)."""

import streamlit as st

from dashboard import components

components.stop_without_data()
st.title("emerging")
components.freshness_line()
