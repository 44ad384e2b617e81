"""Postings: search and filter the counted postings (newest first, a page at a time) and read one
with every skill mention highlighted.

Untrusted text (titles, companies, niches, regions, pay, descriptions, skill names) reaches
Markdown only through ``markdown_text`` / ``markdown_highlight`` / ``markdown_link``, select
options and table cells through ``plain_text``, links through ``safe_url``.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard import components, data
from warehouse.safe_text import (
    markdown_highlight,
    markdown_link,
    markdown_text,
    plain_text,
    safe_url,
)

PAGE = 50  # postings fetched per "Show more"
CELL_CHARS = 120  # longest title, company or niche in a table cell
DESCRIPTION_CHARS = 30_000  # longest description shown (the rest is at the source)
PERIODS = {"any": "Any time", "4": "Last 4 weeks", "13": "Last 13 weeks", "52": "Last 52 weeks",
           "custom": "Choose dates"}

components.stop_without_data()
st.title("Postings")
components.freshness_line()
st.caption("Every counted posting (one per job and week: copies of the same job on other boards or "
           "in other cities are counted once, and **Copies** says how many it stands for), newest first. "
           "Select a row to read the posting with its skills highlighted.")

newest = data.freshness().newest_posting
segment = components.segment_filters()

c_text, c_skills, c_period = st.columns([3, 4, 2])
text = c_text.text_input("Title or company", key="postings-text", placeholder="e.g. analyst, Harborlight",
                         max_chars=200)
skills = c_skills.multiselect("Skills (postings asking for all of them)", data.skill_names(), key="postings-skills",
                              format_func=components.option_label, placeholder="Any skills")
period = c_period.selectbox("Posted", list(PERIODS), format_func=PERIODS.get, key="postings-period")
since = until = None
if period == "custom":
    end = newest or pd.Timestamp.today().date()
    chosen = st.date_input("From – to", value=(end - timedelta(weeks=13), end), key="postings-dates",
                           format="YYYY-MM-DD")
    if isinstance(chosen, (tuple, list)):
        since = chosen[0] if len(chosen) > 0 else None
        until = chosen[1] if len(chosen) > 1 else None
elif period != "any" and newest is not None:
    since, until = newest - timedelta(weeks=int(period)) + timedelta(days=1), newest

# A new search starts again at the first page and with no row selected.
signature = repr((text.strip(), tuple(skills), segment, since, until))
digest = hashlib.sha256(signature.encode("utf-8", "surrogatepass")).hexdigest()[:16]
if st.session_state.get("postings-signature") != digest:
    st.session_state["postings-signature"] = digest
    st.session_state["postings-pages"] = 1


def _more() -> None:
    st.session_state["postings-pages"] += 1


frames, more = [], False
for page in range(st.session_state["postings-pages"]):
    # One row past the page says whether there is more.
    chunk = data.search_postings(text.strip() or None, tuple(skills), segment, since, until, PAGE + 1, page * PAGE)
    frames.append(chunk.head(PAGE))
    more = len(chunk) > PAGE
    if not more:
        break
found = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

if found.empty:
    st.info("No counted posting matches these filters. Remove a skill, widen the dates or clear the search.")
    st.stop()


def _cells(column: str, chars: int = CELL_CHARS) -> pd.Series:
    return found[column].map(lambda v: plain_text(v, max_chars=chars) or "–")


table = pd.DataFrame({
    "posted_at": found["posted_at"],
    "title": _cells("title"),
    "company": _cells("company", 60),
    "niche": _cells("niche", 60),
    "remote": found["remote"].map(lambda v: components.label("remote", v)),
    "employment_type": found["employment_type"].map(lambda v: components.label("employment_type", v)),
    "copies": found["copies"],
    "url": found["url"].map(safe_url),
})
st.markdown(f"**{len(found):,}** posting{'s' if len(found) != 1 else ''} shown"
            + (" · more below the table" if more else ""))
selection = st.dataframe(
    table,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key=f"postings-table-{digest}",
    height=min(38 + 35 * len(table), 422),
    column_config={
        "posted_at": st.column_config.DateColumn("Posted", format="YYYY-MM-DD", width=92),
        "title": st.column_config.TextColumn("Title", width="large", pinned=True),
        "company": st.column_config.TextColumn("Company", width="medium"),
        "niche": st.column_config.TextColumn("Niche", width="medium", help="The source's own job category."),
        "remote": st.column_config.TextColumn("Work", width=80, help="Work arrangement."),
        "employment_type": st.column_config.TextColumn("Type", width=80, help="Employment type."),
        "copies": st.column_config.NumberColumn(
            "Copies", width=60, help="How many postings this counted posting stands for (the same job posted "
            "again on other boards or for other cities in the same week)."),
        "url": st.column_config.LinkColumn("Link", display_text="open ↗", width=64,
                                           help="The original posting at its source."),
    },
)
if more:
    st.button(f"Show {PAGE} more", on_click=_more, key="postings-more")

rows = selection.selection.rows if selection else []
row = rows[0] if rows and 0 <= rows[0] < len(found) else 0
posting_id = found["posting_id"].iloc[row]
detail = data.posting_detail(posting_id)

st.divider()
if detail is None:
    st.info("That posting is no longer in the warehouse (a newer build replaced it). Search again.")
    st.stop()

st.subheader(markdown_text(detail["title"], max_chars=200) or "Untitled posting")
facts = [markdown_text(detail["company"], max_chars=80) or "Company not stated"]
if detail["posted_at"] is not None:
    facts.append(f"posted {detail['posted_at']:%Y-%m-%d}")
if detail["niche"]:
    facts.append(markdown_text(detail["niche"], max_chars=80))
facts += [markdown_text(components.label("remote", detail["remote"])),
          markdown_text(components.label("employment_type", detail["employment_type"]))]
if detail["region"]:
    facts.append(markdown_text(detail["region"], max_chars=60))
if detail["salary_text"]:
    facts.append("pay " + markdown_text(detail["salary_text"], max_chars=80))
copies = int(detail["copies"] or 1)
facts.append(f"{copies} cop{'ies' if copies != 1 else 'y'}")
st.caption(" · ".join(f for f in facts if f and f != "–"))

source = components.label("source", detail["source"])
link = markdown_link(f"Read the original on {source} ↗", detail["url"])
attribution = markdown_text(detail["attribution"], max_chars=160)
st.markdown(" · ".join(part for part in (link if safe_url(detail["url"]) else "", attribution) if part)
            or markdown_text(f"From {source} (no usable link)"))

mentions = detail["mentions"]
skills_found = list(dict.fromkeys(m["skill"] for m in mentions))
if skills_found:
    st.markdown(f"**Skills found ({len(skills_found)}):** "
                + ", ".join(markdown_text(s, max_chars=60) for s in skills_found))
else:
    st.markdown("**No skill of the taxonomy was found in this posting.**")

body, highlighted = markdown_highlight(detail["description"], [(m["start"], m["end"]) for m in mentions],
                                       max_chars=DESCRIPTION_CHARS)
with st.container(border=True, height=520, key="postings-description"):
    st.markdown(body or "*No description.*")
if len(detail["description"] or "") > DESCRIPTION_CHARS:
    st.caption(f"The description is cut after {DESCRIPTION_CHARS:,} characters; the rest is at the source.")
if highlighted < len(mentions):
    st.caption(f"{highlighted} of {len(mentions)} mentions are highlighted (the others overlap one, or "
               "sit where bold text could not be shown).")
