"""Every model's key is unique and not null, and every enumerated column holds only its declared
values, on the real demo warehouse (warehouse/models.py check_keys, the `-- values` headers)."""

from __future__ import annotations

from skills.roles import load_role_rules
from warehouse import models
from warehouse.connect import read_only
from warehouse.quarantine import ACTIONS, STAGES
from warehouse.regions import REGIONS
from warehouse.stats import STATUSES


def test_every_key_and_every_declared_value_list_holds_on_the_demo(demo_warehouse):
    with read_only(demo_warehouse) as con:
        problems = models.check_keys(con)
    assert {name: n for name, n in problems.items() if n} == {}
    checked_values = {name for name in problems if name.count(".") == 2}
    assert len(checked_values) >= 20  # the `-- values` headers are really read


def test_enumerations_match_the_code_that_makes_them(demo_warehouse):
    declared = {(m.relation, col): set(vals) for m in models.all_models() for col, vals in m.accepted.items()}
    assert declared[("mart.skill_trends", "status")] == set(STATUSES)
    assert declared[("core.counted_postings", "region")] == set(REGIONS)
    families = set(load_role_rules().families) | {"other"}
    with read_only(demo_warehouse) as con:
        found = {r[0] for r in con.execute("SELECT DISTINCT family FROM core.postings").fetchall()}
        run_statuses = {r[0] for r in con.execute("SELECT DISTINCT status FROM meta.runs").fetchall()}
        quarantine = con.execute("SELECT DISTINCT stage, action FROM meta.quarantine").fetchall()
    assert found and found <= families
    assert run_statuses <= {"success", "partial", "reextract", "failed", "killed"}
    assert all(stage in STAGES and action in ACTIONS for stage, action in quarantine)


def test_every_model_column_is_described_and_every_key_column_exists():
    with __import__("warehouse.dictionary", fromlist=["empty_warehouse"]).empty_warehouse() as con:
        for model in models.all_models():
            columns = {r[0] for r in con.execute(f"DESCRIBE {model.relation}").fetchall()}
            assert set(model.key) <= columns, model.relation
            assert set(model.accepted) <= columns, model.relation
            assert columns <= set(model.columns), (model.relation, columns - set(model.columns))
