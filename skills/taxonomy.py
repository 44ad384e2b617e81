"""Loading and validating the skill taxonomy and the ambiguity rules.

Pure Python on purpose: no spaCy import here, so the CLI and ``skills/__init__`` can read
versions and names without paying for spaCy. Both data files live in ``skills/data/``;
the file formats are described in ``skills/README.md``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

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
    """A taxonomy, overlay or ambiguity file is malformed or inconsistent."""


ESCO_URI_PREFIX = "http://data.europa.eu/esco/skill/"


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...]
    ambiguous: bool
    esco_uri: str | None = None  # the ESCO v1.1.1 concept this skill is, where one exists
    onet_name: str | None = None  # the O*NET Technology Skills "Example" name, where one exists

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Canonical name first, then the aliases: every string that names this skill."""
        return (self.name, *self.aliases)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "category": self.category,
                               "aliases": list(self.aliases), "ambiguous": self.ambiguous}
        if self.esco_uri:
            out["esco_uri"] = self.esco_uri
        if self.onet_name:
            out["onet_name"] = self.onet_name
        return out


@dataclass(frozen=True)
class Taxonomy:
    """The effective taxonomy: the shipped (or a custom) base file plus layers applied in order.

    ``version`` is the base file's version when there are no layers, otherwise
    ``"<base>+<hash of the layers' content>"``: changing an overlay changes the version, which
    is what makes the warehouse re-extract (``skillpulse reextract``).
    """

    version: str
    skills: tuple[Skill, ...]
    path: str  # the base file
    layers: tuple[str, ...] = ()  # overlay files applied on top, in order
    stop_surfaces: frozenset[str] = frozenset()  # lowercased surfaces that never count as a skill
    base_version: str = ""

    def __len__(self) -> int:
        return len(self.skills)

    @property
    def by_name(self) -> dict[str, Skill]:
        return {s.name: s for s in self.skills}

    def surface_index(self) -> dict[str, str]:
        """Lowercased surface (name or alias) -> canonical name."""
        return {surface.lower(): s.name for s in self.skills for surface in s.surfaces}

    def resolve(self, name_or_alias: str) -> str | None:
        """The canonical name a surface stands for (case-insensitive), or None."""
        return self.surface_index().get(name_or_alias.strip().lower())

    def to_dict(self) -> dict[str, Any]:
        """A self-contained base file for this effective taxonomy (layers folded in)."""
        return {"version": self.version, "skills": [s.to_dict() for s in self.skills],
                "stop_words": sorted(self.stop_surfaces)}


def _resolve(path: str | Path | None, default: Path) -> str:
    return str(Path(path).expanduser().resolve()) if path else str(default)


def load_taxonomy(path: str | Path | None = None, overlays: Sequence[str | Path] = ()) -> Taxonomy:
    """Read and validate a taxonomy (default: the shipped one), then apply ``overlays`` in order.

    Overlay files (JSON, format in skills/README.md) add skills, aliases, ESCO/O*NET links,
    merges and stop-words without touching the base file; ``skillpulse taxonomy import`` and
    ``skillpulse taxonomy accept`` write them. Missing overlay files are an error, so a typo in
    a setting never silently drops a user's curation. Cached per resolved paths and mtimes.
    """
    base = _resolve(path, DEFAULT_TAXONOMY_PATH)
    layers = tuple(_resolve(o, DEFAULT_TAXONOMY_PATH) for o in overlays if o)
    stamp = tuple(_mtime(p) for p in (base, *layers))
    return _load_taxonomy_cached(base, layers, stamp)


def _mtime(path: str) -> int:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return -1


def _read_json(path: str, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise TaxonomyError(f"{what} {path} does not exist") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TaxonomyError(f"cannot read {what} {path}: {exc}") from exc


def _parse_skill(entry: Any, where: str) -> Skill:
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{where}: not an object")
    name, category = entry.get("name"), entry.get("category")
    aliases, ambiguous = entry.get("aliases", []), entry.get("ambiguous", False)
    esco_uri, onet_name = entry.get("esco_uri"), entry.get("onet_name")
    if not isinstance(name, str) or not name.strip():
        raise TaxonomyError(f"{where}: 'name' must be a non-empty string")
    if category not in CATEGORIES:
        raise TaxonomyError(f"{where} ({name}): unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise TaxonomyError(f"{where} ({name}): 'aliases' must be a list of non-empty strings")
    if not isinstance(ambiguous, bool):
        raise TaxonomyError(f"{where} ({name}): 'ambiguous' must be true or false")
    if esco_uri is not None and not (isinstance(esco_uri, str) and esco_uri.startswith(ESCO_URI_PREFIX)):
        raise TaxonomyError(f"{where} ({name}): 'esco_uri' must start with {ESCO_URI_PREFIX}")
    if onet_name is not None and not (isinstance(onet_name, str) and onet_name.strip()):
        raise TaxonomyError(f"{where} ({name}): 'onet_name' must be a non-empty string")
    aliases = [a.strip() for a in aliases if a.strip().lower() != name.strip().lower()]
    return Skill(name.strip(), category, tuple(dict.fromkeys(aliases)), ambiguous, esco_uri, onet_name)


def _check_surfaces(skills: list[Skill], where: str) -> None:
    owner: dict[str, str] = {}  # lowercased surface -> canonical name that claims it
    for skill in skills:
        for surface in skill.surfaces:
            key = surface.lower()
            # Matching is case-insensitive, so two skills sharing a surface would be a coin toss.
            if key in owner and owner[key] != skill.name:
                raise TaxonomyError(f"{where}: {surface!r} is claimed by both {owner[key]!r} and {skill.name!r}")
            owner[key] = skill.name


@lru_cache(maxsize=16)
def _load_taxonomy_cached(path: str, layers: tuple[str, ...], _stamp: tuple[int, ...]) -> Taxonomy:
    raw = _read_json(path, "taxonomy")
    if not isinstance(raw, dict) or not isinstance(raw.get("skills"), list):
        raise TaxonomyError(f"{path}: expected an object with a 'skills' list")
    version = raw.get("version")
    if not isinstance(version, str) or not version:
        raise TaxonomyError(f"{path}: missing 'version'")
    skills = [_parse_skill(entry, f"{path}: skills[{i}]") for i, entry in enumerate(raw["skills"])]
    names = [s.name for s in skills]
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        raise TaxonomyError(f"{path}: canonical names used twice: {dupes}")
    _check_surfaces(skills, path)
    stop = {w.strip().lower() for w in raw.get("stop_words", []) if isinstance(w, str) and w.strip()}

    digest = hashlib.sha256()
    for layer in layers:
        overlay = _read_json(layer, "taxonomy overlay")
        skills, stop = apply_overlay(skills, stop, overlay, layer)
        digest.update(json.dumps(overlay, sort_keys=True, ensure_ascii=False).encode())
    full_version = f"{version}+{digest.hexdigest()[:10]}" if layers else version
    return Taxonomy(version=full_version, skills=tuple(skills), path=path, layers=layers,
                    stop_surfaces=frozenset(stop), base_version=version)


OVERLAY_KEYS = ("description", "skills", "aliases", "links", "merges", "stop_words")


def apply_overlay(skills: list[Skill], stop: set[str], overlay: Any, where: str) -> tuple[list[Skill], set[str]]:
    """One overlay on top of ``skills``; returns the new skill list and stop-word set.

    Keys (all optional): ``skills`` (new skills, same objects as the base file; a name that
    exists replaces that skill), ``aliases`` ({canonical: [alias, ...]}), ``links``
    ({canonical: {"esco_uri", "onet_name"}}), ``merges`` ({from: into}: ``from`` disappears and
    its surfaces become aliases of ``into``) and ``stop_words`` (surfaces that never count).
    """
    if not isinstance(overlay, dict):
        raise TaxonomyError(f"{where}: an overlay must be a JSON object")
    unknown = set(overlay) - set(OVERLAY_KEYS)
    if unknown:
        raise TaxonomyError(f"{where}: unknown keys {sorted(unknown)}; allowed: {', '.join(OVERLAY_KEYS)}")
    by_name = {s.name: s for s in skills}
    order = [s.name for s in skills]

    def existing(name: Any, what: str) -> Skill:
        if not isinstance(name, str) or name not in by_name:
            raise TaxonomyError(f"{where}: {what} names {name!r}, which is not a skill in the taxonomy")
        return by_name[name]

    for i, entry in enumerate(overlay.get("skills", [])):
        skill = _parse_skill(entry, f"{where}: skills[{i}]")
        if skill.name not in by_name:
            order.append(skill.name)
        by_name[skill.name] = skill
    for name, aliases in (overlay.get("aliases") or {}).items():
        skill = existing(name, "'aliases'")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise TaxonomyError(f"{where}: aliases of {name!r} must be a list of non-empty strings")
        extra = [a.strip() for a in aliases if a.strip().lower() not in {x.lower() for x in skill.surfaces}]
        by_name[name] = replace(skill, aliases=tuple(dict.fromkeys((*skill.aliases, *extra))))
    for name, link in (overlay.get("links") or {}).items():
        skill = existing(name, "'links'")
        if not isinstance(link, dict):
            raise TaxonomyError(f"{where}: links of {name!r} must be an object")
        linked = _parse_skill({**skill.to_dict(), **{k: v for k, v in link.items() if k in ("esco_uri", "onet_name")}},
                              f"{where}: links[{name!r}]")
        by_name[name] = linked
    for source, target in (overlay.get("merges") or {}).items():
        gone, into = existing(source, "a merge"), existing(target, "a merge")
        if gone.name == into.name:
            raise TaxonomyError(f"{where}: cannot merge {source!r} into itself")
        moved = [s for s in gone.surfaces if s.lower() not in {x.lower() for x in into.surfaces}]
        by_name[into.name] = replace(into, aliases=tuple(dict.fromkeys((*into.aliases, *moved))),
                                     ambiguous=into.ambiguous or gone.ambiguous)
        del by_name[gone.name]
        order.remove(gone.name)
    words = overlay.get("stop_words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise TaxonomyError(f"{where}: 'stop_words' must be a list of non-empty strings")
    stop = stop | {w.strip().lower() for w in words}
    result = [by_name[n] for n in order]
    _check_surfaces(result, where)
    return result, stop


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
    # Words anywhere in the text or title that put the posting outside the skill's domain
    # ("Java" in a coffee-shop posting): they reject a match that has no strong cue.
    domain_veto: frozenset[str] = frozenset()
    # Doc-level support (>= min_support other skills of the support categories) is enough on
    # its own, e.g. a sentence-initial "Java is our main language" in a technical posting.
    support_suffices: bool = False
    min_score: Optional[int] = None  # overrides the global min_score (Java: any evidence will do)
    require_cue: bool = False  # only a cue word counts as local evidence ("in D", "D developer")
    name_initial_veto: bool = False  # "John C. Smith": a single capital between names is an initial


@dataclass(frozen=True)
class AmbiguityConfig:
    version: str
    min_score: int
    min_support: int
    sentence_boundaries: frozenset[str]
    list_separators: frozenset[str]
    max_separator_gap: int
    rules: dict[str, AmbiguityRule] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # the file, for saving


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
    strict = taxonomy.path == str(DEFAULT_TAXONOMY_PATH) and not taxonomy.layers
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
            domain_veto=frozenset(w.lower() for w in expand(spec.get("domain_veto", []), cue_sets, "cue")),
            support_suffices=bool(spec.get("support_suffices", False)),
            min_score=int(spec["min_score"]) if spec.get("min_score") is not None else None,
            require_cue=bool(spec.get("require_cue", False)),
            name_initial_veto=bool(spec.get("name_initial_veto", False)),
        )

    return AmbiguityConfig(
        version=str(raw.get("version", "")),
        min_score=int(raw.get("min_score", 2)),
        min_support=int(raw.get("min_support", 3)),
        sentence_boundaries=frozenset(raw.get("sentence_boundaries", [".", "!", "?"])),
        list_separators=frozenset(s.lower() for s in raw.get("list_separators", [",", "/", "and", "or"])),
        max_separator_gap=int(raw.get("max_separator_gap", 2)),
        rules=rules,
        raw=raw,
    )
