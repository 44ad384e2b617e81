"""Altair chart builders: DataFrames in, charts out (pure, so tests can render their specs)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from warehouse.safe_text import plain_text

# Longest skill name drawn in a legend or tooltip (a name from an overlay can be any length).
LABEL_CHARS = 60
# vega-tooltip (Streamlit's tooltip handler) builds the tooltip with innerHTML: it escapes every
# key and value, but a key named "image" becomes <img src=value> and "title" a heading. So no
# tooltip title may be one of these (checked by tooltip_titles_are_plain and the tests).
RESERVED_TOOLTIP_TITLES = frozenset({"image", "title"})

# Okabe & Ito's colour-blind-safe palette: eight colours that stay apart for every common kind of
# colour blindness; every compared line gets its own (at most 6 are compared at once).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS_COLOURS = {"emerging": "#009E73", "rising": "#0072B2", "stable": "#999999", "declining": "#D55E00",
                  "too little data": "#CCCCCC"}


def theme() -> dict:
    """One theme for every chart (registered by dashboard/app.py)."""
    return {"config": {
        "range": {"category": PALETTE},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#eeeeee"},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top"},
        "view": {"stroke": None},
    }}


# Display names of the taxonomy's category ids (skills/data/taxonomy.json); unknown ids are
# shown capitalised, so a new category still reads acceptably before it gets a label here.
CATEGORY_LABELS = {
    "programming_languages": "Programming languages",
    "frameworks_libraries": "Frameworks & libraries",
    "data_ml": "Data & ML",
    "cloud_devops": "Cloud & DevOps",
    "databases": "Databases",
    "design": "Design",
    "marketing_sales": "Marketing & sales",
    "writing_content": "Writing & content",
    "business_finance": "Business & finance",
    "product_project": "Product & project",
    "soft_skills": "Soft skills",
    "tools_platforms": "Tools & platforms",
    "certifications": "Certifications",
}


def category_label(category: str | None) -> str:
    """Display name of a category id, as plain text (not Markdown: escape it for Markdown)."""
    if not category:
        return ""
    return plain_text(CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize()))


def weekly_share_chart(trend: pd.DataFrame, *, smooth_weeks: int = 4) -> alt.Chart:
    """Weekly share of postings per skill: faint weekly points, a bold rolling-average line."""
    data = trend.sort_values(["skill", "week"]).copy()
    data["rolling"] = (
        data.groupby("skill")["share"].transform(lambda s: s.rolling(smooth_weeks, min_periods=1).mean())
    )
    # Legends and tooltips show text as text (Vega draws it; vega-tooltip escapes HTML), so the
    # names need no Markdown escaping, only control/bidi characters out and a sane length.
    data["skill"] = data["skill"].map(lambda name: plain_text(name, max_chars=LABEL_CHARS))
    base = alt.Chart(data).encode(
        x=alt.X("week:T", title="Week", axis=alt.Axis(format="%b %Y")),
        color=alt.Color("skill:N", title="Skill", legend=alt.Legend(orient="top")),
    )
    tooltip = [
        alt.Tooltip("skill:N", title="Skill"),
        alt.Tooltip("week:T", title="Week of", format="%d %b %Y"),
        alt.Tooltip("share:Q", title="Share of postings", format=".1%"),
        alt.Tooltip("postings_with_skill:Q", title="Postings mentioning it"),
        alt.Tooltip("postings_total:Q", title="All postings that week"),
    ]
    points = base.mark_circle(size=28, opacity=0.35).encode(
        y=alt.Y("share:Q", title="Share of postings", axis=alt.Axis(format="%")), tooltip=tooltip
    )
    line = base.mark_line(strokeWidth=2.5).encode(
        y=alt.Y("rolling:Q", title="Share of postings"), tooltip=tooltip
    )
    if not tooltip_titles_are_plain(tooltip):
        raise ValueError(f"tooltip titles must not be one of {sorted(RESERVED_TOOLTIP_TITLES)}")
    return (points + line).properties(height=340)


def tooltip_titles_are_plain(tooltip: list[alt.Tooltip]) -> bool:
    """True when no tooltip title is one vega-tooltip turns into markup ("image", "title")."""
    return not any(str(t.to_dict().get("title", "")).lower() in RESERVED_TOOLTIP_TITLES for t in tooltip)
