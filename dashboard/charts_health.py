"""Altair chart of the Data health page: field coverage per source (DataFrames in, a chart out).

Kept beside charts.py (same theme, palette and tooltip rule) so the health page's chart can change
without touching the charts the other pages share.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts import PALETTE, tooltip_titles_are_plain
from warehouse.safe_text import plain_text

COVERAGE_FIELDS = {
    "employment_type": "Employment type",
    "pay": "Pay",
    "location": "Location",
    "work_arrangement": "Work arrangement",
    "seniority": "Seniority",
    "role_family": "Role family",
    "description": "Description",
}
COVERAGE_HELP = {
    "employment_type": "a stated employment type",
    "pay": "pay that converts to an hourly range",
    "location": "a country or region",
    "work_arrangement": "remote, hybrid or on-site known",
    "seniority": "a seniority read from the title",
    "role_family": "a role family other than “other”",
    "description": "a description of at least 200 characters",
}


ROW_PX = 34  # the height of one source's row of cells


def coverage_long(sources: pd.DataFrame, source_label) -> pd.DataFrame:
    """One row per (source, field): the share of the source's postings with a usable value."""
    rows = []
    for _, row in sources.iterrows():
        if pd.isna(row.get("postings")):
            continue  # crawled, but nothing stored
        for field, name in COVERAGE_FIELDS.items():
            value = row.get(field)
            rows.append({"source": plain_text(source_label(row["source"]), max_chars=40), "field": name,
                         "coverage": None if pd.isna(value) else float(value),
                         "postings": int(row["postings"]), "means": COVERAGE_HELP[field]})
    return pd.DataFrame(rows, columns=["source", "field", "coverage", "postings", "means"])


def coverage_heatmap(long: pd.DataFrame) -> alt.Chart:
    """Sources down, fields across, each cell coloured and labelled with its coverage."""
    fields = list(COVERAGE_FIELDS.values())
    sources = list(dict.fromkeys(long["source"]))
    base = alt.Chart(long).encode(
        x=alt.X("field:N", title=None, sort=fields,
                axis=alt.Axis(orient="top", labelAngle=-45, labelLimit=140, labelAlign="left", ticks=False,
                              domain=False, labelOverlap=False)),
        y=alt.Y("source:N", title=None, sort=sources, axis=alt.Axis(labelLimit=160, labelOverlap=False, ticks=False, domain=False)),
    )
    tooltip = [
        alt.Tooltip("source:N", title="Source"),
        alt.Tooltip("field:N", title="Field"),
        alt.Tooltip("coverage:Q", title="Postings with it", format=".0%"),
        alt.Tooltip("means:N", title="Counted when"),
        alt.Tooltip("postings:Q", title="Postings of the source", format=","),
    ]
    if not tooltip_titles_are_plain(tooltip):
        raise ValueError("a tooltip title would become markup")
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("coverage:Q", title="Postings with the field",
                        scale=alt.Scale(domain=[0, 1], range=["#F2F2F2", PALETTE[4], PALETTE[0]]),
                        legend=alt.Legend(format="%", orient="bottom", gradientLength=200)),
        tooltip=tooltip,
    )
    labels = base.mark_text(fontSize=12).encode(
        text=alt.Text("coverage:Q", format=".0%"),
        color=alt.condition("datum.coverage >= 0.6", alt.value("white"), alt.value("black")),
        tooltip=tooltip,
    )
    # A step, not a total height: a total includes the rotated field labels and the legend, which
    # left a one-source chart no room for its cells (a 60 px chart drew labels and nothing else).
    return (cells + labels).properties(height=alt.Step(ROW_PX))
