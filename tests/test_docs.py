"""The public surface is documented, and the docs fail here when they drift from the registries."""

from __future__ import annotations

import re

from crawlers.sources import SOURCES
from flows.cli import app
from flows.settings import Settings
from tests.conftest import REPO
from warehouse.models import all_models

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> set[str]:
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    for group in app.registered_groups:  # `skillpulse taxonomy import`, ...
        names |= {f"{group.name} {c.name or c.callback.__name__}" for c in group.typer_instance.registered_commands}
    return names


def test_every_cli_command_is_in_the_readme_and_nothing_else():
    groups = {g.name for g in app.registered_groups}
    documented = {f"{a} {b}" if a in groups else a
                  for a, b in re.findall(r"^\| `skillpulse (\w+)(?: ([a-z]+))?", README, flags=re.M)}
    assert documented == _commands()


def test_every_setting_is_in_the_readme():
    documented = set(re.findall(r"^\| `(\w+)` \|", README.split("## Settings", 1)[1], flags=re.M))
    assert documented == set(Settings.model_fields)


def test_every_mart_is_in_the_readme():
    marts = {m.relation for m in all_models() if m.schema == "mart"}
    documented = set(re.findall(r"^\| `(mart\.\w+)`", README, flags=re.M))
    assert documented == marts


def test_every_source_is_documented_in_crawlers_readme():
    text = (REPO / "crawlers" / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", text.split("## Sources", 1)[1], flags=re.M))
    assert documented == set(SOURCES)


def test_every_package_says_what_it_owns_and_must_not_do():
    for package in ("crawlers", "skills", "warehouse", "flows", "dashboard"):
        text = (REPO / package / "README.md").read_text(encoding="utf-8").lower()
        assert "owns" in text and "must not" in text, package


def test_every_model_states_grain_and_key():
    for model in all_models():
        assert model.grain and model.key, model.relation
