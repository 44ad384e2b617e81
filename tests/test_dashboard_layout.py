"""The dashboard's shape (Streamlit's guidance, and the project's rule): the entry file holds
navigation only, page files hold layout, and no SQL lives anywhere under dashboard/ (queries are
typed, cached functions in warehouse/)."""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO

DASHBOARD = REPO / "dashboard"
SQL = re.compile(r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+INTO\b|\bCREATE\s+(TABLE|VIEW)\b", re.I)


def strings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            yield node.lineno, "".join(v.value for v in node.values if isinstance(v, ast.Constant))


def test_no_sql_under_dashboard():
    found = [f"{p.relative_to(REPO)}:{line}" for p in sorted(DASHBOARD.rglob("*.py"))
             for line, text in strings(p) if SQL.search(text)]
    assert found == []


def test_the_entry_file_holds_navigation_only():
    tree = ast.parse((DASHBOARD / "app.py").read_text(encoding="utf-8"))
    calls = {f"{n.func.value.id}.{n.func.attr}" for n in ast.walk(tree)
             if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)}
    assert {c for c in calls if c.startswith("st.")} <= {"st.set_page_config", "st.Page", "st.navigation"}
    pages = re.findall(r'st\.Page\("([^"]+)"', (DASHBOARD / "app.py").read_text(encoding="utf-8"))
    assert pages and all((DASHBOARD / p).is_file() for p in pages)
    assert sorted(p.name for p in (DASHBOARD / "views").glob("*.py")) == sorted(p.split("/")[-1] for p in pages)
