"""Skills in demand: per niche, what is asked for now, what is rising, and the postings behind it."""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard import charts, data
from warehouse.safe_text import (
    filename_part,
    frame_to_csv,
    markdown_link,
    markdown_text,
    plain_text,
    safe_url,
)

# Everything from the warehouse is untrusted text (scraped, or from a taxonomy overlay): it reaches
# Markdown (titles, captions, labels) only through markdown_text, plain-text places (select
# options, table cells) through plain_text, links only through safe_url / markdown_link.
LABEL_CHARS = 80  # longest niche or skill name in a heading or label

db = str(data.warehouse_path())

st.title("Which skills are in demand in your niche?")

fresh = data.freshness_or_stop(db)

# One Markdown-safe part per fact, joined with " · " (a new fact is one more part).
freshness_parts = [
    f"Data as of {fresh.finished_at:%Y-%m-%d %H:%M} UTC",
    f"{fresh.postings_total:,} postings",
    f"weeks {fresh.first_week:%d %b %Y} – {fresh.last_week:%d %b %Y}",
    f"taxonomy {markdown_text(fresh.taxonomy_version)}, extractor {markdown_text(fresh.extractor_version)}",
]
if fresh.status not in ("success", "reextract"):
    freshness_parts.append(f"⚠ last refresh: {markdown_text(fresh.status)}")
if fresh.quarantined or fresh.repaired:
    freshness_parts.append(f"{fresh.quarantined:,} records quarantined, {fresh.repaired:,} stored with a fix "
                           "(see meta.quarantine)")
if fresh.failed_runs_since:
    freshness_parts.append(f"⚠ {fresh.failed_runs_since} refresh{'es' if fresh.failed_runs_since > 1 else ''} "
                           "failed since (see meta.runs)")
st.caption(" · ".join(freshness_parts))

with st.sidebar:
    # Select options are shown as plain text (not Markdown) by Streamlit.
    niche = st.selectbox("Your niche", data.niches(), help="The source's job category.",
                         format_func=lambda n: plain_text(n, max_chars=LABEL_CHARS))
    category_options = ["All skill types", *data.skill_categories()]
    category = st.selectbox(
        "Skill type", category_options,
        format_func=lambda c: c if c == "All skill types" else charts.category_label(c),
    )
    ranking = st.radio(
        "Rank by", ["Demand now", "Rising fastest"], horizontal=True,
        help="Demand now: share of postings in the last 12 weeks. Rising fastest: change in that "
        "share against the same 12 weeks half a year earlier, in percentage points.",
    )

skill_category = None if category == "All skill types" else category
order_by = "share_recent" if ranking == "Demand now" else "change_pp"
top = data.top_skills(niche, skill_category, order_by, 30)

if top.empty:
    st.info("No skills found for this selection yet.")
    st.stop()

left, right = st.columns([6, 6], gap="large")
with left:
    st.subheader(f"Top skills · {markdown_text(niche, max_chars=LABEL_CHARS)}")
    # The skill type is a sidebar filter and a tooltip; four columns fit beside the chart.
    table = top.assign(share_recent=top["share_recent"] * 100, skill=top["skill"].map(plain_text))[
        ["skill", "share_recent", "change_pp", "postings_recent"]]
    selection = st.dataframe(
        table,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="top_skills",
        column_config={
            "skill": st.column_config.TextColumn("Skill", width="medium"),
            "share_recent": st.column_config.NumberColumn(
                "Share, 12 wks", format="%.1f%%",
                help="Postings mentioning the skill / all postings in the niche, last 12 weeks.",
            ),
            "change_pp": st.column_config.NumberColumn(
                "Δ pp", format="%+.1f", width="small",
                help="Against the same 12 weeks half a year earlier, in percentage points.",
            ),
            "postings_recent": st.column_config.NumberColumn("Postings", help="Last 12 weeks.", width="small"),
        },
        height=560,
    )
    st.caption("Select a row to see its trend and the postings behind it.")

rows = selection.selection.rows if selection else []
default_skill = top["skill"].iloc[rows[0]] if rows else top["skill"].iloc[0]
all_skills = top["skill"].tolist()

with right:
    # A new default per selected skill and niche; the key (also a CSS class) is a digest, not text.
    compare_key = hashlib.sha256(f"{default_skill}\0{niche}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    chosen = st.multiselect(
        "Skills to compare", options=sorted(set(all_skills) | {default_skill}),
        default=[default_skill], max_selections=6, key=f"compare-{compare_key}",
        format_func=lambda s: plain_text(s, max_chars=LABEL_CHARS),
    )
    if not chosen:
        st.info("Pick at least one skill.")
        st.stop()
    trend = data.weekly_trend(tuple(chosen), niche)
    st.subheader("Weekly share of postings")
    st.altair_chart(charts.weekly_share_chart(trend), width="stretch")
    st.caption("Dots: each week. Line: 4-week rolling average. Hover for the counts behind each point.")

skill = chosen[0]
postings = data.skill_postings(skill, niche)
# Links are http(s) only, in the table and in the CSV alike (the crawlers check too; this holds
# whatever got into the warehouse).
postings = postings.assign(url=postings["url"].map(safe_url))
mentioning = int(trend.loc[trend["skill"] == skill, "postings_with_skill"].sum())
skill_md = markdown_text(skill, max_chars=LABEL_CHARS)
st.subheader(f"The postings behind “{skill_md}” · {markdown_text(niche, max_chars=LABEL_CHARS)}")
st.caption(
    f"The {len(postings)} most recent of {mentioning:,} postings mentioning {skill_md}. "
    "Titles and text are as posted; follow the link to read the original at its source."
)
info = data.skill_info(skill)
if info:
    # What counts as the skill, so a figure can be checked and cited. These come from the
    # taxonomy, whose overlays (imported or the user's) are text like any other: escaped too.
    spelled = ", ".join(markdown_text(a, max_chars=LABEL_CHARS) for a in info["aliases"][:8])
    spelled += " …" if len(info["aliases"]) > 8 else ""
    facts = [f"Counted as {skill_md}: " + (f"“{skill_md}”, {spelled}" if spelled else f"“{skill_md}”")]
    if info["ambiguous"]:
        facts.append("an ordinary word too, so counted only with corroborating context")
    if info["esco_uri"]:
        facts.append(markdown_link("ESCO concept ↗", info["esco_uri"]))
    if info["onet_name"]:
        facts.append(f"O\\*NET: {markdown_text(info['onet_name'], max_chars=LABEL_CHARS)}")
    st.caption(" · ".join(facts))
text_columns = ["title", "company", "employment_type", "salary_text", "context", "source"]
shown = postings.assign(**{c: postings[c].map(plain_text) for c in text_columns})
st.dataframe(
    shown[["posted_at", "title", "company", "employment_type", "salary_text", "context", "url", "source"]],
    hide_index=True,
    column_config={
        "posted_at": st.column_config.DateColumn("Posted", format="YYYY-MM-DD"),
        "title": st.column_config.TextColumn("Title"),
        "company": st.column_config.TextColumn("Company"),
        "employment_type": st.column_config.TextColumn("Type"),
        "salary_text": st.column_config.TextColumn("Pay (as posted)"),
        "context": st.column_config.TextColumn("Where it is mentioned", width="large"),
        "url": st.column_config.LinkColumn("Posting", display_text="open ↗"),
        "source": st.column_config.TextColumn("Source"),
    },
)
st.download_button(
    f"Download the evidence for “{skill_md}” (CSV)",
    # Cells as posted, except that text a spreadsheet would run as a formula gets a leading '.
    data=frame_to_csv(postings).encode("utf-8"),
    file_name=f"skillpulse-evidence-{filename_part(skill, default='skill')}.csv",
    mime="text/csv",
    help="The postings with links and attribution, to show a client what the market asks for.",
)
