"""Loading and validating the skill taxonomy and the ambiguity rules.

Pure Python on purpose: no spaCy import here, so the CLI and ``skills/__init__`` can read
versions and names without paying for spaCy. Both data files live in ``skills/data/``;
the file formats are described in ``skills/README.md``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_TAXONOMY_PATH = DATA_DIR / "taxonomy.json"
DEFAULT_AMBIGUITY_PATH = DATA_DIR / "ambiguity.json"

#: The only category ids a taxonomy may use (the dashboard groups by them).
CATEGORIES: tuple[str, ...] = (
    "programming_languages",
    "frameworks_libraries",
    "data_ml",
    "cloud_devops",
    "databases",
    "design",
    "marketing_sales",
    "writing_content",
    "business_finance",
    "product_project",
    "soft_skills",
    "tools_platforms",
    "certifications",
)


class TaxonomyError(ValueError):
    """A taxonomy or ambiguity file is malformed or inconsistent."""


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...]
    ambiguous: bool

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Canonical name first, then the aliases: every string that names this skill."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Taxonomy:
    version: str
    skills: tuple[Skill, ...]
    path: str

    def __len__(self) -> int:
        return len(self.skills)

    @property
    def by_name(self) -> dict[str, Skill]:
        return {s.name: s for s in self.skills}


def _resolve(path: str | Path | None, default: Path) -> str:
    return str(Path(path).expanduser().resolve()) if path else str(default)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy file (default: the shipped one). Cached per resolved path."""
    return _load_taxonomy_cached(_resolve(path, DEFAULT_TAXONOMY_PATH))


@lru_cache(maxsize=8)
def _load_taxonomy_cached(path: str) -> Taxonomy:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TaxonomyError(f"cannot read taxonomy {path}: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("skills"), list):
        raise TaxonomyError(f"{path}: expected an object with a 'skills' list")
    version = raw.get("version")
    if not isinstance(version, str) or not version:
        raise TaxonomyError(f"{path}: missing 'version'")

    skills: list[Skill] = []
    owner: dict[str, str] = {}  # lowercased surface -> canonical name that claims it
    for i, entry in enumerate(raw["skills"]):
        where = f"{path}: skills[{i}]"
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where}: not an object")
        name, category = entry.get("name"), entry.get("category")
        aliases, ambiguous = entry.get("aliases", []), entry.get("ambiguous", False)
        if not isinstance(name, str) or not name.strip():
            raise TaxonomyError(f"{where}: 'name' must be a non-empty string")
        if category not in CATEGORIES:
            raise TaxonomyError(f"{where} ({name}): unknown category {category!r}")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise TaxonomyError(f"{where} ({name}): 'aliases' must be a list of non-empty strings")
        if not isinstance(ambiguous, bool):
            raise TaxonomyError(f"{where} ({name}): 'ambiguous' must be true or false")
        skill = Skill(name, category, tuple(dict.fromkeys(aliases)), ambiguous)
        for surface in skill.surfaces:
            key = surface.lower()
            # Matching is case-insensitive, so two skills sharing a surface would be a coin toss.
            if key in owner and owner[key] != name:
                raise TaxonomyError(f"{path}: {surface!r} is claimed by both {owner[key]!r} and {name!r}")
            owner[key] = name
        skills.append(skill)
    return Taxonomy(version=version, skills=tuple(skills), path=path)


# --------------------------------------------------------------------------- ambiguity rules


@dataclass(frozen=True)
class AmbiguityRule:
    """How to decide whether a bare, word-like surface form really names the skill.

    Cue lists hold lowercased token strings; an entry with spaces ("- live") is a token
    sequence, and "#num" stands for any number-like token.
    """

    skill: str
    forms: frozenset[str]  # lowercased surfaces that need evidence ("go", "excel")
    case_forms: frozenset[str]  # exact spellings whose capitalisation is evidence ("Go")
    case_weight: int
    require_case: bool  # lowercase use never names the skill ("make sure" vs Make.com)
    weak_before: tuple[str, ...]
    strong_before: tuple[str, ...]
    weak_after: tuple[str, ...]
    strong_after: tuple[str, ...]
    veto_before: tuple[str, ...]
    veto_after: tuple[str, ...]
    support_categories: frozenset[str]


@dataclass(frozen=True)
class AmbiguityConfig:
    version: str
    min_score: int
    min_support: int
    sentence_boundaries: frozenset[str]
    list_separators: frozenset[str]
    max_separator_gap: int
    rules: dict[str, AmbiguityRule] = field(default_factory=dict)


def load_ambiguity(path: str | Path | None = None, taxonomy: Taxonomy | None = None) -> AmbiguityConfig:
    """Read the ambiguity rules and check them against ``taxonomy`` (default: the shipped one).

    Every skill flagged ``ambiguous`` gets a rule; one without an entry in the file gets the
    ``default`` rule applied to its canonical name, so a custom taxonomy still works.
    """
    taxonomy = taxonomy or load_taxonomy()
    return _load_ambiguity_cached(_resolve(path, DEFAULT_AMBIGUITY_PATH), taxonomy)


@lru_cache(maxsize=8)
def _load_ambiguity_cached(path: str, taxonomy: Taxonomy) -> AmbiguityConfig:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TaxonomyError(f"cannot read ambiguity rules {path}: {exc}") from exc

    cue_sets: dict[str, list[str]] = raw.get("cue_sets", {})
    category_sets: dict[str, list[str]] = raw.get("category_sets", {})

    def expand(values: list[str], sets: dict[str, list[str]], what: str) -> list[str]:
        out: list[str] = []
        for v in values:
            if v.startswith("@"):
                if v[1:] not in sets:
                    raise TaxonomyError(f"{path}: unknown {what} set {v!r}")
                out.extend(sets[v[1:]])
            else:
                out.append(v)
        return out

    def cues(spec: dict[str, Any], key: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.lower() for c in expand(spec.get(key, []), cue_sets, "cue")))

    default_spec: dict[str, Any] = raw.get("default", {})
    specs: dict[str, dict[str, Any]] = raw.get("skills", {})
    by_name = taxonomy.by_name
    # The shipped files must agree exactly; a custom taxonomy may use only part of the rules.
    strict = taxonomy.path == str(DEFAULT_TAXONOMY_PATH)
    for name in specs:
        if strict and name not in by_name:
            raise TaxonomyError(f"{path}: rule for unknown skill {name!r}")
        if strict and not by_name[name].ambiguous:
            raise TaxonomyError(f"{path}: rule for {name!r}, which the taxonomy does not flag ambiguous")

    rules: dict[str, AmbiguityRule] = {}
    for skill in taxonomy.skills:
        if not skill.ambiguous:
            continue
        spec = {**default_spec, **specs.get(skill.name, {})}
        surfaces = {s.lower(): s for s in reversed(skill.surfaces)}  # canonical casing wins
        forms = [f.lower() for f in spec.get("forms", [skill.name])]
        for f in forms:
            if f not in surfaces:
                raise TaxonomyError(f"{path}: form {f!r} of {skill.name!r} is not one of its surfaces")
        case_forms = spec.get("case_forms") or [surfaces[f] for f in forms]
        support = expand(spec.get("support", ["@technical"]), category_sets, "category")
        bad = set(support) - set(CATEGORIES)
        if bad:
            raise TaxonomyError(f"{path}: {skill.name!r} has unknown support categories {sorted(bad)}")
        rules[skill.name] = AmbiguityRule(
            skill=skill.name,
            forms=frozenset(forms),
            case_forms=frozenset(case_forms) if spec.get("use_case", True) else frozenset(),
            case_weight=int(spec.get("case_weight", 1)),
            require_case=bool(spec.get("require_case", False)),
            weak_before=cues(spec, "weak_before"),
            strong_before=cues(spec, "strong_before"),
            weak_after=cues(spec, "weak_after"),
            strong_after=cues(spec, "strong_after"),
            veto_before=cues(spec, "veto_before"),
            veto_after=cues(spec, "veto_after"),
            support_categories=frozenset(support),
        )

    return AmbiguityConfig(
        version=str(raw.get("version", "")),
        min_score=int(raw.get("min_score", 2)),
        min_support=int(raw.get("min_support", 3)),
        sentence_boundaries=frozenset(raw.get("sentence_boundaries", [".", "!", "?"])),
        list_separators=frozenset(s.lower() for s in raw.get("list_separators", [",", "/", "and", "or"])),
        max_separator_gap=int(raw.get("max_separator_gap", 2)),
        rules=rules,
    )
