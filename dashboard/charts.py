"""Altair chart builders: DataFrames in, charts out (pure, so tests can render their specs)."""

from __future__ import annotations

import altair as alt
import pandas as pd

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
    if not category:
        return ""
    return CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize())


def weekly_share_chart(trend: pd.DataFrame, *, smooth_weeks: int = 4) -> alt.Chart:
    """Weekly share of postings per skill: faint weekly points, a bold rolling-average line."""
    data = trend.sort_values(["skill", "week"]).copy()
    data["rolling"] = (
        data.groupby("skill")["share"].transform(lambda s: s.rolling(smooth_weeks, min_periods=1).mean())
    )
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
    return (points + line).properties(height=340)


_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$"


def escape_markdown(text: str) -> str:
    """Text shown through st.markdown/st.caption, with every markdown character escaped."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))
