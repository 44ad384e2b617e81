"""The `skillpulse` CLI as a user runs it: --help everywhere, the extract contract, sql."""

from __future__ import annotations

import json

import pytest

from flows.cli import app
from tests.conftest import run_cli

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_top_level_help_lists_every_command():
    out = run_cli("--help").stdout
    for name in COMMANDS:
        assert name in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    completed = run_cli(command, "--help")
    assert "Usage:" in completed.stdout and completed.stdout.count("\n") > 3


def test_extract_follows_the_design_contract(tmp_path):
    lines = [
        {"id": "a", "text": "Senior Python developer with Django and PostgreSQL."},
        {"id": 7, "text": "", "title": "Nothing"},
    ]
    completed = run_cli("extract", input="".join(json.dumps(l) + "\n" for l in lines))
    out = [json.loads(l) for l in completed.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    skills = {s["skill"]: s for s in out[0]["skills"]}
    assert {"Python", "Django", "PostgreSQL"} <= set(skills)
    text = lines[0]["text"]
    for s in out[0]["skills"]:
        assert set(s) == {"skill", "category", "start", "end", "text"}
        assert text[s["start"]:s["end"]] == s["text"]
    assert out[1]["skills"] == []


def test_extract_reports_bad_lines_and_keeps_the_good_ones(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "Python"}\nnot json\n{"id": 2, "text": "SQL and Go"}\n', encoding="utf-8")
    dst = tmp_path / "out.jsonl"
    completed = run_cli("extract", "--input", str(src), "--output", str(dst), check=False)
    assert completed.returncode == 1
    assert "line 2" in completed.stderr
    assert [json.loads(l)["id"] for l in dst.read_text().splitlines()] == [1, 2]


def test_sql_on_a_missing_warehouse_is_a_clear_error(tmp_path):
    completed = run_cli("sql", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb"), check=False)
    assert completed.returncode == 1 and "skillpulse refresh" in completed.stderr


def test_serve_without_a_prefect_server_explains_what_to_do():
    completed = run_cli("serve", check=False, env={"PREFECT_API_URL": ""})
    assert completed.returncode == 2 and "prefect server start" in completed.stderr
