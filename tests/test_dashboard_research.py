"""The Research page (AppTest) on the real demo warehouse: the sandboxed SQL console (the same
sandbox as `skillpulse sql`), its refusals, truncation notice and downloads, and the schema browser
built from the data dictionary."""

from __future__ import annotations

import csv
import io

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

APP = str(REPO / "dashboard" / "app.py")


@pytest.fixture
def research(monkeypatch, demo_warehouse, download_files):
    monkeypatch.setenv("SKILLPULSE_WAREHOUSE_PATH", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=90)
    at.files = download_files
    at.run()
    at.switch_page("views/research.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def run_query(at: AppTest, sql: str) -> AppTest:
    """Type into the console and submit it in one run, as a user does (the console is a form)."""
    at.text_area(key="research-sql").set_value(sql)
    next(b for b in at.button if b.label == "Run query").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def download(at: AppTest, label: str) -> tuple[bytes, str]:
    button = next(b for b in at.get("download_button") if b.proto.label == label)
    data, filename = at.files[button.proto.url.rsplit("/", 1)[-1].split(".")[0]]
    return (data.encode("utf-8") if isinstance(data, str) else data), filename


def test_a_query_shows_its_rows_and_downloads_them_as_csv_and_parquet(research, demo_warehouse):
    sql = ("SELECT skill, count(*) AS postings FROM core.posting_skills "
           "GROUP BY skill ORDER BY postings DESC, skill LIMIT 7")
    at = run_query(research, sql)
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        expected = con.execute(sql).df()
    shown = at.dataframe[-1].value
    assert shown["skill"].tolist() == expected["skill"].tolist()
    assert shown["postings"].tolist() == expected["postings"].tolist()
    assert any(m.value.startswith("**7 rows** × 2 columns in ") for m in at.markdown)
    assert not at.warning  # nothing was cut

    data, filename = download(at, "Download CSV")
    assert filename == "skillpulse-query.csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows[0] == ["skill", "postings"] and [r[0] for r in rows[1:]] == expected["skill"].tolist()
    data, filename = download(at, "Download Parquet")
    assert filename == "skillpulse-query.parquet"
    pd.testing.assert_frame_equal(pd.read_parquet(io.BytesIO(data)), expected, check_dtype=False)


def test_the_console_refuses_what_the_sandbox_refuses(research, demo_warehouse):
    for sql, kind in [
        ("CREATE TABLE x AS SELECT 1", "Refused"),
        (f"SELECT * FROM read_text('{demo_warehouse}')", "Refused"),
        ("SELECT * FROM no_such_table", "Query error"),
        ("", "Nothing to run"),
    ]:
        at = run_query(research, sql)
        assert at.error and at.error[0].value.startswith(f"**{kind}:**"), (sql, [e.value for e in at.error])
        assert not at.get("download_button")


def test_more_rows_than_the_limit_are_cut_and_the_user_is_told(research):
    at = run_query(research, "SELECT * FROM range(7000) AS t(n)")
    assert len(at.dataframe[-1].value) == 5_000
    assert "only the first 5,000 are shown" in at.warning[0].value


def test_an_example_fills_the_console_and_runs(research):
    at = research
    at.selectbox(key="research-example").set_value("Skills that pair with React").run()
    assert "FROM mart.skill_pairs" in at.text_area(key="research-sql").value
    next(b for b in at.button if b.label == "Run query").click()
    at.run()
    result = at.dataframe[-1].value
    assert {"other_skill", "support", "lift", "npmi"} <= set(result.columns) and len(result) > 0


def test_the_schema_browser_describes_every_mart_and_searches_columns(research):
    from warehouse.models import all_models

    at = research
    tables = at.selectbox(key="research-table-").options
    marts = {m.relation for m in all_models() if m.relation.startswith("mart.")}
    assert marts <= set(tables)
    columns = at.dataframe[0].value
    assert list(columns.columns) == ["column", "type", "description"]
    assert (columns["description"] != "–").all()  # every column of mart.skill_trends is described

    at.text_input(key="research-search").set_value("copies").run()
    assert "match." in " ".join(c.value for c in at.caption)
    found = at.selectbox(key="research-table-copies").options
    assert "core.counted_postings" in found and len(found) < len(tables)
    at.button(key="research-query-table").click().run()
    assert at.text_area(key="research-sql").value.startswith("SELECT *\nFROM ")
