"""Helpers of the Learning plan page: skill names typed by a user matched against the taxonomy
("did you mean"), and profiles read from or written to JSON (warehouse/plan.py's Profile). No SQL
here: the matching is ``queries.resolve_skills``, cached on the warehouse version like every
wrapper in dashboard/data.py."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.data import cached, profiles_folder
from warehouse import queries
from warehouse.plan import Profile

#: Largest profile file read from an upload (a profile is a few hundred bytes).
MAX_PROFILE_BYTES = 200_000


@cached
def resolve(db: str, version: str, names: tuple[str, ...]) -> tuple[list[str], dict[str, list[str]]]:
    """(canonical names found for ``names`` -- names or aliases, any case --, {name matching nothing:
    up to three close skills of the taxonomy})."""
    return queries.resolve_skills(Path(db), list(names))


def profile_json(profile: Profile) -> str:
    """The profile as the JSON file ``Profile.load`` and `skillpulse plan --profile FILE` read."""
    return json.dumps(profile.to_dict(), indent=1, ensure_ascii=False) + "\n"


def profile_from_bytes(raw: bytes) -> Profile:
    """A profile from an uploaded file; ValueError with a readable reason when it is not one."""
    if len(raw) > MAX_PROFILE_BYTES:
        raise ValueError(f"the file is over {MAX_PROFILE_BYTES // 1000} kB: a profile is a small JSON file")
    try:
        parsed = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a JSON file ({exc.__class__.__name__})") from None
    try:
        profile = Profile.from_dict(parsed)
    except TypeError as exc:
        raise ValueError(f"not a profile ({exc})") from None
    if not isinstance(profile.skills, list) or not isinstance(profile.families, list):
        raise ValueError("not a profile (skills and families must be lists)")
    return profile


def saved_profiles() -> list[Path]:
    """The named profiles under DATA_DIR/profiles/ (shared with `skillpulse plan --profile NAME`)."""
    folder = profiles_folder()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []
