"""Skills in demand: per niche, what is asked for now, what is rising, and the postings behind it."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data

db = str(data.warehouse_path())

st.title("Which skills are in demand in your niche?")

fresh = data.freshness_or_stop(db)

st.caption(
    f"Data as of {fresh.finished_at:%Y-%m-%d %H:%M} UTC · {fresh.postings_total:,} postings · "
    f"weeks {fresh.first_week:%d %b %Y} – {fresh.last_week:%d %b %Y} · "
    f"taxonomy {fresh.taxonomy_version}, extractor {fresh.extractor_version}"
    + ("" if fresh.status in ("success", "reextract") else f" · ⚠ last refresh: {fresh.status}")
)

with st.sidebar:
    niche = st.selectbox("Your niche", data.niches(db), help="The source's job category.")
    category_options = ["All skill types", *data.skill_categories(db)]
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
top = data.top_skills(db, niche, skill_category, order_by, 30)

if top.empty:
    st.info("No skills found for this selection yet.")
    st.stop()

left, right = st.columns([6, 6], gap="large")
with left:
    st.subheader(f"Top skills · {niche}")
    # The skill type is a sidebar filter and a tooltip; four columns fit beside the chart.
    table = top.assign(share_recent=top["share_recent"] * 100)[
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
    chosen = st.multiselect(
        "Skills to compare", options=sorted(set(all_skills) | {default_skill}),
        default=[default_skill], max_selections=6, key=f"compare-{default_skill}-{niche}",
    )
    if not chosen:
        st.info("Pick at least one skill.")
        st.stop()
    trend = data.weekly_trend(db, tuple(chosen), niche)
    st.subheader("Weekly share of postings")
    st.altair_chart(charts.weekly_share_chart(trend), width="stretch")
    st.caption("Dots: each week. Line: 4-week rolling average. Hover for the counts behind each point.")

skill = chosen[0]
postings = data.skill_postings(db, skill, niche)
mentioning = int(trend.loc[trend["skill"] == skill, "postings_with_skill"].sum())
st.subheader(f"The postings behind “{skill}” · {niche}")
st.caption(
    f"The {len(postings)} most recent of {mentioning:,} postings mentioning {skill}. "
    "Titles and text are as posted; follow the link to read the original at its source."
)
info = data.skill_info(db, skill)
if info:
    # What counts as the skill, so a figure can be checked and cited (scraped text never gets here:
    # these come from the taxonomy; ESCO links are http(s) only, checked in the mart).
    spelled = ", ".join(charts.escape_markdown(a) for a in info["aliases"][:8])
    spelled += " …" if len(info["aliases"]) > 8 else ""
    name = charts.escape_markdown(skill)
    facts = [f"Counted as {name}: " + (f"“{name}”, {spelled}" if spelled else f"“{name}”")]
    if info["ambiguous"]:
        facts.append("an ordinary word too, so counted only with corroborating context")
    if info["esco_uri"]:
        facts.append(f"[ESCO concept ↗]({info['esco_uri']})")
    if info["onet_name"]:
        facts.append(f"O*NET: {info['onet_name']}")
    st.caption(" · ".join(facts))
st.dataframe(
    postings[["posted_at", "title", "company", "employment_type", "salary_text", "context", "url", "source"]],
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
    f"Download the evidence for “{skill}” (CSV)",
    data=postings.to_csv(index=False).encode("utf-8"),
    file_name=f"skillpulse-evidence-{skill.lower().replace(' ', '-')}.csv",
    mime="text/csv",
    help="The postings with links and attribution, to show a client what the market asks for.",
)
