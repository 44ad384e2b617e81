"""Research: the researchers' sandboxed, read-only SQL console (the same sandbox as `skillpulse sql`),
example queries to start from, the result with CSV and Parquet downloads, and a searchable schema
browser built from the warehouse's own table and column comments.

The query is the user's own text, passed as it is to ``data.run_sql`` (warehouse/sql.py: one
SELECT, no files, bounded time, memory and rows, in a child process). Result cells are shown as
plain text; error messages are escaped for Markdown; the CSV download is neutralised against
formula injection (``frame_to_csv``); Parquet keeps the raw values.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from dashboard import components, data
from warehouse.connect import WarehouseMissing
from warehouse.safe_text import frame_to_csv, markdown_text, plain_text
from warehouse.sql import (
    QueryFailed,
    QueryRefused,
    QueryTimeout,
    QueryTooBig,
    SandboxError,
)
from warehouse.sql_examples import EXAMPLES, first_rows_query

TIMEOUT_S = 30.0
MAX_ROWS = 5_000
CELL_CHARS = 500  # longest text shown in a result cell (the downloads keep it whole)

DEFAULT = next(iter(EXAMPLES))

ERRORS = [  # most specific first
    (QueryRefused, "Refused"),
    (QueryTimeout, "Stopped"),
    (QueryTooBig, "Too big"),
    (QueryFailed, "Query error"),
    (SandboxError, "Did not run"),
    (WarehouseMissing, "No warehouse"),
]

st.session_state.setdefault("research-sql", EXAMPLES[DEFAULT])


def _use_example() -> None:
    name = st.session_state.get("research-example")
    if name in EXAMPLES:
        st.session_state["research-sql"] = EXAMPLES[name]


def _query_table(name: str) -> None:
    st.session_state["research-sql"] = first_rows_query(name)


def _run() -> None:
    query = st.session_state.get("research-sql", "")
    if not query.strip():
        st.session_state["research-outcome"] = ("error", "Nothing to run", "write a SELECT query first")
        return
    try:
        result = data.run_sql(query, timeout_s=TIMEOUT_S, max_rows=MAX_ROWS)
    except (SandboxError, WarehouseMissing) as exc:
        kind = next(label for cls, label in ERRORS if isinstance(exc, cls))
        message = " ".join(str(exc).split()) or type(exc).__name__
        st.session_state["research-outcome"] = ("error", kind, message)
    else:
        st.session_state["research-outcome"] = ("ok", query, result)


components.stop_without_data()
st.title("Research")
components.freshness_line()
st.caption(f"Read-only SQL (DuckDB) on the published warehouse, in a sandbox: one SELECT a query, at most "
           f"{TIMEOUT_S:g} seconds and {MAX_ROWS:,} rows, no files, extensions or settings. The same as "
           "`skillpulse sql`. Tables and columns are described on the right (below on a phone).")

console, browser = st.columns([3, 2], gap="large")

with console:
    st.selectbox("Start from an example", list(EXAMPLES), index=None, key="research-example",
                 placeholder="Choose an example query…", on_change=_use_example)
    with st.form("research-form", border=False):
        st.text_area("SQL", key="research-sql", height=260,
                     help="One SELECT (WITH … SELECT is fine). Ctrl+Enter runs it.")
        st.form_submit_button("Run query", type="primary", on_click=_run, icon=":material/play_arrow:")

with browser:
    st.subheader("Tables and columns")
    dictionary = data.dictionary()
    tables = dictionary[dictionary["column"].isna()]
    columns = dictionary[dictionary["column"].notna()]
    search = st.text_input("Search tables and columns", key="research-search", placeholder="e.g. share, pay, copies",
                           max_chars=100).strip().lower()
    order = {"mart": 0, "core": 1, "meta": 2, "raw": 3}
    names = sorted((f"{s}.{t}" for s, t in zip(tables["schema"], tables["table"])),
                   key=lambda n: (order.get(n.split(".")[0], 9), n))
    if search:
        def hit(frame: pd.DataFrame, fields: list[str]) -> pd.Series:
            text = frame[fields].fillna("").astype(str).agg(" ".join, axis=1).str.lower()
            return text.str.contains(search, regex=False)

        matches = columns[hit(columns, ["schema", "table", "column", "description"])]
        matching_tables = set(f"{s}.{t}" for s, t in zip(matches["schema"], matches["table"]))
        matching_tables |= {f"{s}.{t}" for s, t in zip(*[tables[hit(tables, ["schema", "table", "description"])][c]
                                                          for c in ("schema", "table")])}
        names = [n for n in names if n in matching_tables]
        st.caption(f"{len(matches):,} column{'s' if len(matches) != 1 else ''} in {len(names)} "
                   f"table{'s' if len(names) != 1 else ''} match.")
    if not names:
        st.info("No table or column matches that search.")
    else:
        default = "mart.skill_trends" if "mart.skill_trends" in names else names[0]
        name = st.selectbox("Table", names, index=names.index(default), key=f"research-table-{search}",
                            format_func=lambda n: plain_text(n))
        schema, table = name.split(".", 1)
        about = tables[(tables["schema"] == schema) & (tables["table"] == table)]["description"]
        if len(about) and about.iloc[0]:
            st.caption(markdown_text(about.iloc[0], max_chars=600))
        cols = columns[(columns["schema"] == schema) & (columns["table"] == table)]
        if search:
            cols = cols.assign(_hit=hit(cols, ["column", "description"])).sort_values("_hit", ascending=False,
                                                                                       kind="stable")
        st.dataframe(
            cols.assign(description=cols["description"].map(lambda d: plain_text(d) or "–"))[
                ["column", "type", "description"]],
            hide_index=True, height=300,
            column_config={
                "column": st.column_config.TextColumn("Column", width="small"),
                "type": st.column_config.TextColumn("Type", width="small"),
                "description": st.column_config.TextColumn("Description", width="large"),
            },
        )
        st.button(f"Query {name}", key="research-query-table", on_click=_query_table, args=(name,),
                  icon=":material/edit_note:", help="Put a SELECT of its first 100 rows into the console.")

outcome = st.session_state.get("research-outcome")
if outcome is None:
    st.info("Choose an example or write a query, then press **Run query**.")
    st.stop()
if outcome[0] == "error":
    _, kind, message = outcome
    st.error(f"**{kind}:** {markdown_text(message, max_chars=600)}", icon=":material/block:")
    st.stop()

_, query, result = outcome
frame: pd.DataFrame = result.frame
if query != st.session_state.get("research-sql"):
    st.caption("The result below is of the query last run; the text above has changed since.")
rows_word = "row" if len(frame) == 1 else "rows"
st.markdown(f"**{len(frame):,} {rows_word}** × {len(frame.columns)} column{'s' if len(frame.columns) != 1 else ''} "
            f"in {result.seconds:.2f} s")
if result.truncated:
    st.warning(f"The query returned more than {MAX_ROWS:,} rows: only the first {MAX_ROWS:,} are shown and in the "
               "downloads. Add a LIMIT, a WHERE or an aggregate to see what you need.", icon=":material/content_cut:")


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The result for the screen: text cells as plain text (one line, cut), column names unique."""
    out = frame.copy()
    seen: dict[str, int] = {}
    names = []
    for column in map(str, out.columns):
        seen[column] = seen.get(column, 0) + 1
        names.append(column if seen[column] == 1 else f"{column} ({seen[column]})")
    out.columns = names
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(lambda v: plain_text(v, max_chars=CELL_CHARS) if isinstance(v, str) else v)
    return out


st.dataframe(_shown(frame), hide_index=True, height=min(38 + 35 * max(len(frame), 1), 460))

csv_col, parquet_col = st.columns(2)
csv_col.download_button("Download CSV", frame_to_csv(frame).encode("utf-8"), file_name="skillpulse-query.csv",
                        mime="text/csv", on_click="ignore", icon=":material/download:",
                        help="Cells a spreadsheet would run as a formula get a leading '.")
try:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
except Exception as exc:  # noqa: BLE001 - an odd column type must not cost the CSV and the table
    parquet_col.caption(f"No Parquet for this result: {markdown_text(str(exc), max_chars=200)}")
else:
    parquet_col.download_button("Download Parquet", buffer.getvalue(), file_name="skillpulse-query.parquet",
                                mime="application/vnd.apache.parquet", on_click="ignore",
                                icon=":material/download:", help="The values exactly as the query returned them.")
