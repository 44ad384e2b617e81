"""Skill: one skill in the chosen segment: its share over time (weekly or monthly, with its 95%
interval, gaps as gaps, partial periods marked) against up to five other skills, and the evidence:
the counted postings behind any point of the chart (clicked, or chosen from the list), as a table, a
CSV and the ticked posting with every mention highlighted. Below, one tab each: where it is asked
for (share by segment and source, the contract/freelance share), what it pays (with N and
coverage), what it pairs with and how postings ask to prove it. Only the open tab runs; its name is
the URL's ``section``. Last, what counts as the skill.

Layout only: every figure comes from dashboard.data (and dashboard.data_skill). Scraped and
taxonomy text reaches Markdown only through markdown_text, options and cells through plain_text,
links only through safe_url (LinkColumn, link button) and markdown_link (ESCO).
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from dashboard import charts, charts_skill, components, data, data_skill
from warehouse.pay_premium import MIN_PAY_POSTINGS
from warehouse.safe_text import (
    filename_part,
    markdown_link,
    markdown_text,
    plain_text,
    safe_url,
)
from warehouse.stats import EVIDENCE
from warehouse.trends import Segment

HORIZON = 13
MAX_LINES = 6  # the page's skill and up to five others (charts.PALETTE tells them apart)
NAME_CHARS = 60
DESCRIPTION_CHARS = 20_000  # longest description shown (a hostile one can be any length)
PERIODS = {"week": "Weekly", "month": "Monthly"}
SEGMENT_CHARTS = ("family", "remote", "region", "employment_type", "source")
SEGMENT_BARS = 10  # most segment values drawn per dimension

components.stop_without_data()


# ---- the skill, from the URL

def _digest(*parts) -> str:
    """A widget key from text (keys become CSS classes: never put scraped text in one)."""
    return hashlib.sha256("\0".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:12]


names = data.skill_names()
asked = st.query_params.get("skill")
unknown, close_matches = None, []
if asked and asked not in set(names):
    found, close = data.resolve_skills([asked])  # an alias or another spelling of a known skill
    if found:
        st.query_params["skill"] = found[0]
    else:
        unknown = asked
        close_matches = [c for c in (close.get(asked) or []) if c in set(names)]
        st.query_params.pop("skill", None)
skill = components.selected_skill()  # a link to another skill ("pairs well with") sets the box
if skill is None:
    st.info("The taxonomy in use has no skills yet.")
    st.stop()
segment = components.segment_filters()
segment_params = dict(segment.items())

skill_md = markdown_text(skill, max_chars=NAME_CHARS)
info = data.skill_info(skill) or {}
st.title(markdown_text(skill, max_chars=80))
components.freshness_line()
if unknown is not None:
    guess = (" Did you mean " + " or ".join(f"**{markdown_text(c, max_chars=NAME_CHARS)}**" for c in close_matches)
             + "?") if close_matches else ""
    st.warning(f"There is no skill called “{markdown_text(unknown, max_chars=NAME_CHARS)}” in the taxonomy in "
               f"use, so this page shows {skill_md}.{guess} Pick another in the sidebar.")
    if close_matches:
        guesses = st.container(horizontal=True, gap="small")
        for c in close_matches:
            guesses.page_link("views/skill.py", label=markdown_text(c, max_chars=40),
                              query_params={"skill": c, **segment_params}, icon=":material/arrow_forward:")

# ---- headline: the last 13 weeks in the segment

trends = data.skill_trends(segment, HORIZON)
mine = trends[trends["skill"] == skill]
row = mine.iloc[0] if len(mine) else None
window_end = trends.attrs["window_end"]
recent_start = window_end - timedelta(weeks=HORIZON) + timedelta(days=1) if window_end else None

category = charts.category_label(info.get("skill_category"))
where = components.segment_caption(segment)
window_words = f"the {HORIZON} complete weeks {recent_start:%d %b} – {window_end:%d %b %Y}" if window_end else \
    f"the last {HORIZON} weeks"
st.caption(f"{markdown_text(category) + ' · ' if category else ''}**Segment:** {where} · **Window:** {window_words}, "
           f"against the {HORIZON} weeks before")

metrics = st.container(horizontal=True, gap="small")
if row is None or int(row["segment_postings_recent"]) == 0:
    metrics.metric("Share of postings", "–", border=True, width=180)
    st.info(f"No posting in this segment asked for {skill_md} in {window_words}. The chart below shows all "
            "the periods there is data for.")
else:
    significant = row["status"] in ("rising", "emerging", "declining")
    growth = row["growth_pct"]
    metrics.metric(
        "Share of postings", charts.fmt_share(row["share_recent"]),
        # An ASCII sign, so Streamlit colours the delta by it (only a significant change is coloured).
        delta=f"{growth:+,.0f}%" if pd.notna(growth) else None,
        delta_color="normal" if significant else "off", delta_arrow="auto" if significant else "off",
        help=f"The change is against the {HORIZON} weeks before. "
             f"95% interval {charts.fmt_interval(row['share_recent_low'], row['share_recent_high'])}; "
             f"{charts.fmt_q(row['q_value'])} (false-discovery adjusted). Only a change of at least +20% / −17% "
             f"with q below {EVIDENCE.fdr:g} is called rising or declining.",
        border=True, width="content")
    metrics.metric("Postings (N)", f"{int(row['postings_recent']):,}",
                   delta=f"of {int(row['segment_postings_recent']):,}",
                   delta_color="off", delta_arrow="off", border=True, width="content",
                   help="Postings asking for it in the window, of all the segment's postings there.")
    metrics.metric("Trend", components.label("status", row["status"]), delta=charts.fmt_q(row["q_value"]),
                   delta_color="off", delta_arrow="off", border=True, width="content",
                   help="Rising, emerging (rising and first seen in the last 26 weeks), stable, declining, or "
                        f"too little data (fewer than {EVIDENCE.min_segment_postings} postings in the segment in "
                        f"either half, or fewer than {EVIDENCE.min_skill_postings_trend} asking for the skill).")
    contract = row["contract_share_recent"]
    metrics.metric("Contract/freelance", charts.fmt_share(contract),
                   delta=f"of its {int(row['postings_recent']):,}", delta_color="off", delta_arrow="off",
                   border=True, width="content",
                   help="Of the postings asking for the skill in the last 13 weeks, the share that are contract "
                        f"or freelance (against the 13 weeks before: "
                        f"{components.label('status', row['contract_status']).lower()}).")
    first_seen = row["first_seen"]
    metrics.metric("First seen", f"{first_seen:%b %Y}" if pd.notna(first_seen) else "–",
                   delta=f"{first_seen:%d %b %Y}" if pd.notna(first_seen) else None, delta_color="off",
                   delta_arrow="off", border=True, width="content",
                   help="The publication date of the first posting asking for it in this segment (any source).")
    st.caption(f"**Share** {charts.fmt_share(row['share_recent'])}, 95% interval "
               f"{charts.fmt_interval(row['share_recent_low'], row['share_recent_high'])} · "
               f"**N** {int(row['postings_recent']):,} of {int(row['segment_postings_recent']):,} postings · "
               f"{charts.fmt_growth(growth)} against the {HORIZON} weeks before "
               f"({charts.fmt_share(row['share_before'])} of {int(row['segment_postings_before']):,}) · "
               f"{charts.fmt_q(row['q_value'])} · stable panel of sources only")

# ---- share over time, compared with other skills

st.subheader("Share of postings over time")
controls = st.columns([1, 3], gap="medium", vertical_alignment="bottom")
if "period" not in st.session_state:
    st.session_state["period"] = st.query_params.get("period") if st.query_params.get("period") in PERIODS else "week"
period = controls[0].radio("Period", list(PERIODS), format_func=PERIODS.get, horizontal=True, key="period")
if period == "week":
    st.query_params.pop("period", None)
else:
    st.query_params["period"] = period

known = set(names)
if "compare" not in st.session_state:
    st.session_state["compare"] = [s for s in dict.fromkeys(st.query_params.get_all("compare"))
                                   if s in known and s != skill][: MAX_LINES - 1]
compare = controls[1].multiselect(
    "Compare with", names, key="compare", max_selections=MAX_LINES - 1,
    format_func=components.option_label, placeholder="Any skill of the taxonomy",
    help=f"Up to {MAX_LINES - 1} other skills, each in its own colour; {markdown_text(skill, max_chars=NAME_CHARS)} "
         "is always the first line.")
others = [s for s in compare if s != skill]
if others:
    st.query_params["compare"] = others
else:
    st.query_params.pop("compare", None)
lines = [skill, *others][:MAX_LINES]

series = data.trend_series(period, tuple(lines), segment, limit=len(lines))
unit, of_words = ("week", "Week of") if period == "week" else ("month", "")
if series.empty or series["share"].notna().sum() == 0:
    st.info("No postings in this segment in any period yet.")
    st.stop()

# As a spec built without Altair's schema validation (tested in tests/test_dashboard_skill.py): the
# validation of this layered chart took about a fifth of a second on every rerun of the page; and
# cached, as building it still took ~0.3 s.
event = st.vega_lite_chart(spec=data_skill.trend_spec(period, tuple(lines), segment),
                           width="stretch", on_select="rerun", selection_mode="picked", key=f"trend-{period}")
st.caption(
    "Line: share of the segment's postings asking for the skill; band: its 95% interval. A gap is a "
    f"{unit} with no postings in the segment (no share, not a zero). A hollow point on a dashed line is the "
    f"current {unit}, still being collected (partial): it is not a drop. Hover for the counts; click a point "
    "to list the postings behind it (double-click to clear). All sources are counted here.")


def _picked_period(state) -> date | None:
    """The period of the clicked point (Vega sends a temporal field as epoch milliseconds)."""
    try:
        points = state.selection["picked"]
    except (AttributeError, KeyError, TypeError):
        return None
    if not points:
        return None
    value = points[0].get("period") if isinstance(points[0], dict) else None
    if value is None:
        return None
    stamp = pd.Timestamp(value, unit="ms") if isinstance(value, (int, float)) else pd.Timestamp(value)
    return stamp.date()


# ---- the evidence: the counted postings behind one point

own = series[(series["skill"] == skill) & (series["postings_with_skill"] > 0)].sort_values("period", ascending=False)
periods = [p.date() for p in own["period"]]
counts = {p.date(): (int(x), int(n), bool(c)) for p, x, n, c in
          zip(own["period"], own["postings_with_skill"], own["postings_total"], own["complete"])}


def period_words(p: date) -> str:
    return f"week of {p:%d %b %Y}" if period == "week" else f"{p:%B %Y}"


SKILL_OPEN, SKILL_CLOSE, OTHER_OPEN, OTHER_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"


def highlighted(description: str, mentions: list[dict]) -> str:
    """The description as Markdown-safe text: every segment escaped by markdown_text, and only the
    mention spans wrapped (our markup, placed with private-use markers that survive the escaping and
    are removed from the text first). A span across a line break is left unmarked (the markup would
    not close)."""
    text = (description or "")[:DESCRIPTION_CHARS]
    for marker in (SKILL_OPEN, SKILL_CLOSE, OTHER_OPEN, OTHER_CLOSE):
        text = text.replace(marker, " ")
    spans, taken = [], []
    ordered = sorted(mentions, key=lambda m: (m["skill"] != skill, m["start"]))
    for m in ordered:
        start, end = int(m["start"]), int(m["end"])
        if not (0 <= start < end <= len(text)) or any(start < e and s < end for s, e in taken):
            continue
        piece = text[start:end]
        if not piece.strip() or any(ch in piece for ch in "\r\n\v\f\x85\u2028\u2029"):
            continue
        taken.append((start, end))
        spans.append((start, end, m["skill"] == skill))
    pieces, at = [], 0
    for start, end, own_skill in sorted(spans):
        opening, closing = (SKILL_OPEN, SKILL_CLOSE) if own_skill else (OTHER_OPEN, OTHER_CLOSE)
        pieces += [text[at:start], opening, text[start:end], closing]
        at = end
    pieces.append(text[at:])
    body = markdown_text("".join(pieces), one_line=False)
    return (body.replace(SKILL_OPEN, ":orange-background[**").replace(SKILL_CLOSE, "**]")
            .replace(OTHER_OPEN, ":blue-background[").replace(OTHER_CLOSE, "]"))


st.subheader("The evidence")
if not periods:
    st.info(f"No posting in this segment asked for {skill_md} in any {unit} yet.")
else:
    picked = _picked_period(event)
    key = f"evidence-period-{period}"
    if picked != st.session_state.get("_picked"):
        st.session_state["_picked"] = picked
        if picked in counts:
            st.session_state[key] = picked
        elif picked is not None:
            st.info(f"No posting in this segment asked for {skill_md} in the {period_words(picked)}.")
    if st.session_state.get(key) not in counts:
        st.session_state[key] = periods[0]

    def option(p: date) -> str:
        x, _, complete = counts[p]
        words = period_words(p)
        return f"{words[:1].upper()}{words[1:]} · {x:,} posting{'s' if x != 1 else ''}" + ("" if complete else " (partial)")

    choice_row = st.columns([2, 1], gap="medium", vertical_alignment="bottom")
    chosen = choice_row[0].selectbox(f"Postings asking for {skill_md} in the", periods, format_func=option, key=key,
                                     help="Or click a point on the chart.")
    compact = choice_row[1].toggle("Compact table", key="compact",
                                   value="Mobi" in st.context.headers.get("User-Agent", ""),
                                   help="Only the date, title, copies and link, for narrow screens (phones).")
    # The period's own unit (a job once per week, or once per month), so the rows are exactly the
    # postings counted in the point's share, and Copies is the number of postings each stands for there.
    evidence = data_skill.period_evidence(skill, segment, period, chosen, None)
    x, n, complete = counts[chosen]
    st.caption(
        f"The {len(evidence):,} postings asking for {skill_md} in the {period_words(chosen)} "
        f"({'partial, still being collected' if not complete else 'complete'}), {where}: the {x:,} counted in its "
        f"share of {n:,}. Copies of one job (other boards, other cities) are counted once; *Copies* says how many "
        "postings each stands for. Titles and text are as posted; the words that matched are in « ».")

    # The newest EVIDENCE_ROWS first, all on request: a common skill has thousands a week at 1M postings,
    # and a table of 4,000 rows took the browser ~1.5 s to draw on every visit. The CSV has them all.
    rows_key = "evidence-rows-" + _digest(skill, segment, period, chosen)
    limit = st.session_state.get(rows_key, data_skill.EVIDENCE_ROWS)
    table = data_skill.evidence_table(skill, segment, period, chosen).head(limit)
    # Date, title, copies and link first: they fit a phone's width; the sentence fills the rest at 1280 px.
    key_columns = ["posted_at", "title", "copies", "url"] if compact else \
        ["posted_at", "title", "copies", "url", "company", "sentence"]
    secondary = [] if compact else ["source", "employment_type", "salary_text"]
    # The table's key holds the rows' ids: another period, segment or build is another table, so a
    # ticked row can never point at a different posting than the one read below it.
    table_key = "evidence-" + _digest(skill, segment, period, chosen, compact, *evidence["posting_id"].head(limit))
    picked_row = st.dataframe(
        table, hide_index=True, column_order=key_columns + secondary, on_select="rerun",
        selection_mode="single-row", key=table_key, placeholder="–",
        selection_default={"selection": {"rows": [0]}} if len(table) else None,
        height=min(400, 38 + 35 * max(1, len(table))),
        column_config={
            "posted_at": st.column_config.DateColumn("Posted", format="D MMM", width=64,
                                                     help="The day it was posted (the year is the period's)."),
            "title": st.column_config.TextColumn("Title", width=170),
            "company": st.column_config.TextColumn("Company", width=120),
            "sentence": st.column_config.TextColumn("Where it is asked for", width=420,
                                                    help="The sentence that mentions it, the words matched in « »."),
            "url": st.column_config.LinkColumn("Link", display_text="open ↗", width=58,
                                               help="The posting at its source (http and https links only)."),
            "copies": st.column_config.NumberColumn("Copies", width=56,
                                                    help="Postings of this one job in the period (other boards, "
                                                         "other cities): counted once."),
            "employment_type": st.column_config.TextColumn("Type", width=95),
            "salary_text": st.column_config.TextColumn("Pay (as posted)", width=140),
            "source": st.column_config.TextColumn("Source", width=110),
        },
    )
    if len(evidence) > len(table):
        more = st.columns([3, 1], vertical_alignment="center")
        more[0].caption(f"The {len(table):,} newest of the {len(evidence):,} are listed; the CSV has all of them.")
        more[1].button(f"List all {len(evidence):,}", key=f"all-{rows_key}",
                       on_click=lambda: st.session_state.update({rows_key: len(evidence)}))
    st.download_button(
        f"Download these {len(evidence):,} postings (CSV)",
        # Cells as posted, links http(s) only, and text a spreadsheet would run as a formula gets a '.
        # Made when clicked (a callable): writing thousands of rows on every rerun took ~0.3 s.
        data=lambda: data_skill.evidence_csv(skill, segment, period, chosen),
        file_name=f"skillpulse-evidence-{filename_part(skill, default='skill')}-{chosen:%Y-%m-%d}.csv",
        mime="text/csv", icon=":material/download:", on_click="ignore",
        help="The postings with their links and sources, to show a client what the market asks for.")

    # The ticked posting, with every mention highlighted (the first is ticked to begin with).
    rows = [r for r in (picked_row.selection.rows if picked_row else []) if 0 <= r < len(table)]
    if not rows:
        st.caption("Tick a row of the table to read that posting here, with every mention highlighted.")
    else:
        picked_id = evidence["posting_id"].iloc[rows[0]]
        detail = data.posting_detail(picked_id)
        if detail:
            own_mentions = sum(1 for m in detail["mentions"] if m["skill"] == skill)
            copies = evidence["copies"].iloc[rows[0]]
            copies = int(copies) if pd.notna(copies) else 1
            st.markdown(f"**{markdown_text(detail['title'], max_chars=140) or '(untitled)'}** · "
                        f"{markdown_text(detail['company'], max_chars=80) or 'company not stated'} · "
                        f"{pd.Timestamp(detail['posted_at']):%d %b %Y} · "
                        f"{markdown_text(components.label('source', detail['source']))}"
                        + (f" · {copies:,} copies" if copies > 1 else ""))
            st.caption(f":orange-background[**{skill_md}**] {own_mentions} mention"
                       f"{'s' if own_mentions != 1 else ''} · :blue-background[other skills] "
                       f"{len(detail['mentions']) - own_mentions}")
            link = safe_url(detail.get("url"))
            with st.container(height=360, border=True):
                st.markdown(highlighted(detail["description"], detail["mentions"]))
            if link:
                st.link_button(f"Read it at {markdown_text(components.label('source', detail['source']))} ↗", link)

# ---- the sections below the evidence, one tab each

def where_it_is_asked_for() -> None:
    """Its share in each value of every segment dimension, the contract/freelance share, the sources."""
    segments = data.skill_segments(skill, HORIZON)
    overall = data.skill_trends(Segment(), HORIZON)
    overall_row = overall[overall["skill"] == skill]
    overall_share = float(overall_row["share_recent"].iloc[0]) if len(overall_row) else None
    st.caption(f"Share of each segment's postings asking for {skill_md}, {window_words}, with the 95% interval "
               f"(whiskers); faint bars: fewer than {EVIDENCE.min_segment_postings} postings in the segment (too little "
               "data). Dashed line: its share of all postings"
               + (f" ({charts.fmt_share(overall_share)})" if overall_share is not None else "")
               + ". Hover a bar for its counts.")
    if segments.empty:
        st.info(f"No posting asked for {skill_md} in {window_words}.")
    else:
        grid = st.columns(2, gap="large")
        for i, dim in enumerate(SEGMENT_CHARTS):
            rows_of = segments[segments["segment_kind"] == dim].sort_values("postings_recent", ascending=False)
            with grid[i % 2]:
                st.markdown(f"**{components.DIMENSIONS[dim]}**")
                if rows_of.empty:
                    st.caption("No postings.")
                    continue
                top = rows_of.head(SEGMENT_BARS)
                shown = top.assign(label=[components.label(dim, v) for v in top["segment"]])
                st.vega_lite_chart(spec=charts_skill.segment_bars(shown, overall=overall_share,
                                                                  min_postings=EVIDENCE.min_segment_postings),
                                   width="stretch")
                if len(rows_of) > SEGMENT_BARS:
                    st.caption(f"{len(rows_of) - SEGMENT_BARS} more with fewer postings asking for it.")
                if dim == "employment_type":
                    freelance = rows_of[rows_of["segment"].isin(["contract", "freelance"])]
                    if row is not None and pd.notna(row["contract_share_recent"]):
                        st.caption(f"**Contract or freelance:** {charts.fmt_share(row['contract_share_recent'])} of its "
                                   f"{int(row['postings_recent']):,} postings in this segment "
                                   f"({components.label('status', row['contract_status']).lower()} against the "
                                   f"{HORIZON} weeks before).")
                    elif len(freelance):
                        st.caption(f"**Contract or freelance:** {int(freelance['postings_recent'].sum()):,} of its postings.")
                if dim == "source":
                    st.caption("**Sources:** " + " · ".join(
                        f"{markdown_text(components.label('source', v))} {int(x):,}"
                        for v, x in zip(rows_of["segment"], rows_of["postings_recent"])) + " postings asking for it.")


def what_it_pays() -> None:
    """Hourly-equivalent pay per currency with N, coverage and the premium over the matched baseline."""
    single = segment.items()
    if len(single) == 1 and single[0][0] in ("family", "employment_type"):
        pay_kind, pay_value = single[0]
        pay_where = markdown_text(f"{components.DIMENSIONS[pay_kind].lower()}: {components.label(pay_kind, pay_value)}")
    else:
        pay_kind, pay_value, pay_where = "all", "all", "all postings"
    pay = data.skill_pay(skill, pay_kind, pay_value)
    note = "" if pay_kind != "all" or not single else \
        " (pay is figured for all postings, one role family or one employment type, not for this segment)"
    if pay.empty:
        st.caption(f"No posting asking for {skill_md} in the last 52 weeks states pay ({pay_where}{note}): "
                   "N = 0, coverage 0%.")
    else:
        first = pay.iloc[0]
        st.caption(f"Hourly equivalent (a year is 2,080 hours), per currency, never converted; {pay_where}{note}, "
                   f"last 52 complete weeks. **Coverage:** {charts.fmt_share(first['coverage'])} of its "
                   f"{int(first['postings_with_skill']):,} postings state pay. Figures from {MIN_PAY_POSTINGS} postings "
                   "with pay in a currency.")
        pay_rows = []
        for p in pay.itertuples():
            shown_pay = bool(p.shown) and pd.notna(p.pay_median)
            premium = "–"
            if shown_pay and pd.notna(p.premium_pct):
                premium = (f"{charts.fmt_growth(p.premium_pct)} ({charts.fmt_growth(p.premium_low_pct)} to "
                           f"{charts.fmt_growth(p.premium_high_pct)})")
            pay_rows.append({
                "currency": plain_text(p.currency, max_chars=12) or "–",
                "n": int(p.postings_with_pay),
                "median": (f"{p.pay_median:,.0f}/h ({p.pay_q1:,.0f}–{p.pay_q3:,.0f})" if shown_pay
                           else f"too few ({MIN_PAY_POSTINGS} needed)"),
                "premium": premium,
            })
        st.dataframe(pd.DataFrame(pay_rows), hide_index=True, width="content", placeholder="–",
                     column_order=["currency", "n", "median", "premium"],
                     column_config={
                         "currency": st.column_config.TextColumn("Currency", width=70),
                         "n": st.column_config.NumberColumn("N with pay", width=78,
                                                            help="Its postings stating pay in this currency."),
                         "median": st.column_config.TextColumn("Median (middle half)", width=140,
                                                               help="Median hourly pay, and from the lower to the "
                                                                    "upper quartile."),
                         "premium": st.column_config.TextColumn(
                             "Premium (95% interval)", width=150,
                             help="Median of its postings' pay over the matched baseline (same role family, "
                                  "employment type and currency, without the skill), with its 95% interval."),
                     })


def pairs_well_with() -> None:
    """The skills asked for with it, by NPMI, with links to them."""
    pairs = data.skill_pairs(skill, segment.family, 10)
    family_words = (markdown_text(components.label("family", segment.family)) if segment.family
                    else "all postings")
    if pairs.empty:
        st.caption(f"No skill is named together with {skill_md} in at least 5 postings ({family_words}, last 52 weeks).")
    else:
        st.caption(f"Skills most often asked for together with {skill_md} ({family_words}, last 52 weeks), by "
                   "normalised pointwise mutual information.")
        st.dataframe(
            pairs.assign(other_skill=pairs["other_skill"].map(lambda s: plain_text(s, max_chars=NAME_CHARS)),
                         confidence=100 * pairs["confidence"]),
            hide_index=True, column_order=["other_skill", "support", "confidence", "lift"], placeholder="–",
            column_config={
                "other_skill": st.column_config.TextColumn("Skill", width=140),
                "support": st.column_config.NumberColumn("Together", width=72, help="Postings asking for both."),
                "confidence": st.column_config.NumberColumn("Of its postings", format="%.0f%%", width=96,
                                                            help="Of the postings asking for this skill, the share "
                                                                 "that ask for the other too."),
                "lift": st.column_config.NumberColumn("Lift", format="%.1f×", width=52,
                                                      help="How much more often they come together than by chance."),
            })
        links = st.container(horizontal=True, gap="small")
        for other in pairs["other_skill"].head(6):
            links.page_link("views/skill.py", label=markdown_text(other, max_chars=40),
                            query_params={"skill": other, **segment_params,  # and this tab open
                                          components.SECTION_PARAM: "Pairs well with"},
                            icon=":material/arrow_forward:")


def how_to_prove_it() -> None:
    """The kinds of proof its postings ask for, with intervals, and example sentences."""
    proof = data_skill.skill_proof(skill, segment.family or "all")
    if proof is None:
        st.caption("This warehouse has no figures on proof yet.")
    elif not proof.postings:
        st.caption(f"No posting of the last 52 complete weeks asking for {skill_md} was read for proof yet.")
    else:
        proof_where = ("all postings" if proof.segment == "all"
                       else markdown_text(components.label("family", proof.segment)))
        fell_back = (f" (too few in {markdown_text(components.label('family', segment.family))}, so all postings)"
                     if proof.fell_back else "")
        if not proof.shown:
            st.caption(f"Only {proof.postings:,} postings ask for {skill_md} ({proof_where}{fell_back}, last 52 "
                       "complete weeks): too few to give shares (10 needed).")
        else:
            st.caption(f"Of the **{proof.postings:,}** postings asking for {skill_md} ({proof_where}{fell_back}, "
                       "last 52 complete weeks), the share that asks for each kind of proof, with its 95% interval.")
            kinds = proof.kinds
            st.dataframe(pd.DataFrame({
                "kind": kinds["label"].map(plain_text),
                "share": kinds["share"].map(charts.fmt_share),
                "interval": [charts.fmt_interval(lo, hi) for lo, hi in zip(kinds["ci_low"], kinds["ci_high"])],
                "n": kinds["postings_with"].astype(int),
            }), hide_index=True, placeholder="–", column_config={
                "kind": st.column_config.TextColumn("Asks for", width=150),
                "share": st.column_config.TextColumn("Share", width=58),
                "interval": st.column_config.TextColumn("95% interval", width=90),
                "n": st.column_config.NumberColumn("Postings", width=66,
                                                   help="Postings asking for it that ask for this proof."),
            })
            facts = []
            if proof.years_median is not None:
                facts.append(f"typically **{proof.years_median:g}+ years** of it, where a number is asked")
            if proof.degree_optional_share is not None:
                facts.append(f"the degree is optional in {charts.fmt_share(proof.degree_optional_share)} of the "
                             "postings asking for one")
            certs = proof.certifications.head(5)
            if len(certs):
                facts.append("certifications named with it: " + ", ".join(
                    f"{markdown_text(c, max_chars=NAME_CHARS)} ({int(k):,})"
                    for c, k in zip(certs["name"], certs["postings"])))
            if facts:
                said = "; ".join(facts)
                st.caption(said[:1].upper() + said[1:] + ".")
        examples = proof.examples.head(4)
        if len(examples):
            st.markdown("\n".join(
                f"> “{markdown_text(e.sentence, max_chars=240)}”  \n"
                f"> {markdown_text(e.label)} · {markdown_link(e.title or 'the posting', e.url)}\n"
                for e in examples.itertuples()))


# Only the open tab's section runs and is sent to the browser: at 1M postings the five segment
# charts, pay, pairs and proof together kept the browser busy ~0.4 s on every visit. A hidden tab
# costs nothing until it is opened (a rerun); the open one is kept in the URL.
SECTIONS = dict(zip(components.SKILL_SECTIONS, (where_it_is_asked_for, what_it_pays, pairs_well_with,
                                                 how_to_prove_it), strict=True))
for tab, draw in zip(st.tabs(list(SECTIONS), key=components.SECTION_PARAM, bind="query-params"),
                     SECTIONS.values(), strict=True):
    if tab.open:
        with tab:
            draw()

st.subheader(f"What counts as {skill_md}")
aliases = info.get("aliases") or []
spelled = ", ".join(f"“{markdown_text(a, max_chars=NAME_CHARS)}”" for a in aliases[:12])
facts = [f"Counted when a posting names “{skill_md}”" + (f" or {spelled}" if spelled else "")
         + (" …" if len(aliases) > 12 else "")]
if info.get("ambiguous"):
    facts.append("an ordinary word too, so counted only with corroborating context")
if info.get("esco_uri"):
    facts.append(markdown_link("ESCO concept ↗", info["esco_uri"]))
if info.get("onet_name"):
    facts.append(f"O\\*NET: {markdown_text(info['onet_name'], max_chars=NAME_CHARS)}")
if info.get("postings_all_time"):
    facts.append(f"{int(info['postings_all_time']):,} postings ask for it in all")
st.caption(" · ".join(facts))
