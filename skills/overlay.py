"""Editing the user's taxonomy overlay file safely (``skillpulse taxonomy accept/alias/merge/stop``).

Every edit is checked by applying the whole stack (base file, other layers, the edited overlay)
before the file is replaced, and the file is replaced atomically, so a bad edit leaves the old
overlay as it was and says why.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .taxonomy import OVERLAY_KEYS, Taxonomy, TaxonomyError, load_taxonomy

Overlay = dict[str, Any]


def read_overlay(path: Path) -> Overlay:
    if not path.exists():
        return {"description": "SkillPulse taxonomy overlay: your additions on top of the shipped taxonomy."}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TaxonomyError(f"cannot read overlay {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise TaxonomyError(f"{path}: an overlay must be a JSON object")
    return data


def edit_overlay(path: Path, change: Callable[[Overlay], None], *, base: Path | None = None,
                 other_layers: Sequence[Path] = ()) -> Taxonomy:
    """Apply ``change`` to the overlay at ``path``, validate the result, write it atomically.

    Returns the new effective taxonomy (base + other layers + this overlay).
    """
    path = Path(path)
    overlay = read_overlay(path)
    change(overlay)
    overlay = {k: overlay[k] for k in OVERLAY_KEYS if k in overlay and overlay[k] not in ([], {})}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(overlay, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        taxonomy = load_taxonomy(base, [*other_layers, tmp])  # raises TaxonomyError when inconsistent
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return taxonomy


def add_skill(name: str, category: str, aliases: Sequence[str] = (), ambiguous: bool = False) -> Callable[[Overlay], None]:
    def change(overlay: Overlay) -> None:
        skills = [s for s in overlay.get("skills", []) if s.get("name") != name]
        skills.append({"name": name, "category": category, "aliases": list(aliases), "ambiguous": ambiguous})
        overlay["skills"] = skills
    return change


def add_aliases(skill: str, aliases: Sequence[str]) -> Callable[[Overlay], None]:
    def change(overlay: Overlay) -> None:
        table = overlay.setdefault("aliases", {})
        table[skill] = list(dict.fromkeys([*table.get(skill, []), *aliases]))
    return change


def merge_skill(source: str, into: str) -> Callable[[Overlay], None]:
    def change(overlay: Overlay) -> None:
        overlay.setdefault("merges", {})[source] = into
    return change


def add_stop_words(words: Sequence[str]) -> Callable[[Overlay], None]:
    def change(overlay: Overlay) -> None:
        overlay["stop_words"] = list(dict.fromkeys([*overlay.get("stop_words", []), *words]))
    return change
