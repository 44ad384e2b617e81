"""docs/research.md runs: every SQL block through the researchers' sandbox, every Python block with
`db` bound to the demo warehouse; each answers with rows. And docs/DICTIONARY.md is what
`skillpulse schema --markdown` prints today."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from tests.conftest import REPO, run_cli
from warehouse.sql import run_sql

DOC = (REPO / "docs" / "research.md").read_text(encoding="utf-8")
SQL = re.findall(r"```sql\n(.*?)```", DOC, flags=re.S)
PYTHON = re.findall(r"```python\n(.*?)```", DOC, flags=re.S)


def test_the_page_has_five_questions_each_in_sql_and_python():
    assert len(re.findall(r"^## \d\. ", DOC, flags=re.M)) == 5
    assert len(SQL) == 5 and len(PYTHON) == 6  # the set-up block plus one per question


@pytest.mark.parametrize("number", range(5))
def test_each_sql_answer_runs_in_the_sandbox_and_has_rows(demo_warehouse, number):
    result = run_sql(demo_warehouse, SQL[number], timeout_s=60)
    assert len(result.frame) > 0, SQL[number]


@pytest.mark.parametrize("number", range(5))
def test_each_python_answer_runs_and_has_rows(demo_warehouse, number):
    namespace: dict = {}
    exec(PYTHON[0], namespace)  # the set-up block (imports), then the warehouse under test
    namespace["db"] = demo_warehouse
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(PYTHON[number + 1], namespace)
    assert len(namespace["answer"]) > 0 and printed.getvalue().strip()


def test_the_committed_dictionary_is_the_generated_one():
    generated = run_cli("schema", "--markdown").stdout
    committed = (REPO / "docs" / "DICTIONARY.md").read_text(encoding="utf-8")
    assert committed == generated, "docs/DICTIONARY.md drifted: run `skillpulse schema --markdown > docs/DICTIONARY.md`"
