"""Merge the open taxonomies (ESCO v1.1.1, O*NET Technology Skills) into an overlay layer.

``skillpulse taxonomy import --esco FILE --onet FILE`` calls ``build_import_overlay``; the
result is an ordinary overlay file (skills / aliases / links; see ``taxonomy.apply_overlay``)
that sits between the shipped taxonomy and the user's own overlay, so the shipped file is
never touched and the import can be redone or deleted at any time.

What is taken, and why so little of it:

* **Links.** A shipped skill with no ESCO URI gets the concept whose preferred label (without
  its parenthetical, "Python (computer programming)" -> "python") or alternative label equals
  one of the skill's names; same for O*NET examples ("Apache Kafka", "Atlassian JIRA" ->
  Jira by alias, "Ansible software" -> Ansible).
* **Aliases** from a linked ESCO concept, only labels of at most four words that contain the
  skill's own name ("Python3" for Python): ESCO's other labels are descriptions, not names
  postings use.
* **New skills**: ESCO knowledge concepts under ICT software development / databases (K0612,
  K0613) whose label is a proper name (has a capital: "Jenkins", "SAP R3", not "use spreadsheets
  software"), and O*NET examples flagged Hot Technology (``onet_scope="hot"``, 162 tools) or all
  8,745 (``"all"``). One-word names come in flagged ``ambiguous`` (the default ambiguity rule
  then asks for evidence), so "Box" or "Zoom" cannot flood the counts.

Anything that would give a surface to two skills is skipped and counted, never forced.
"""

from __future__ import annotations

import ast
import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .taxonomy import ESCO_URI_PREFIX, Taxonomy, TaxonomyError, apply_overlay

_PAREN = re.compile(r"\s*\(([^)]*)\)\s*$")

# O*NET commodity titles -> our categories (everything else is tools_platforms).
_ONET_CATEGORY = [
    (re.compile(r"object or component oriented development|programming|compiler", re.I), "programming_languages"),
    (re.compile(r"data ?base management|data base user interface", re.I), "databases"),
    (re.compile(r"business intelligence|analytical or scientific", re.I), "data_ml"),
    (re.compile(r"web platform development", re.I), "frameworks_libraries"),
    (re.compile(r"operating system|network|configuration management|cloud|transaction server|application server|"
                r"filesystem|backup|security|virtual", re.I), "cloud_devops"),
    (re.compile(r"graphics|photo|video|computer aided design|desktop publishing|animation|music|sound", re.I), "design"),
    (re.compile(r"customer relationship|sales|marketing", re.I), "marketing_sales"),
    (re.compile(r"accounting|financial|tax|enterprise resource planning|human resources|procurement|"
                r"point of sale|inventory", re.I), "business_finance"),
    (re.compile(r"project management", re.I), "product_project"),
]
_ESCO_CATEGORY = [
    (re.compile(r"programming|language", re.I), "programming_languages"),
    (re.compile(r"database|query", re.I), "databases"),
    (re.compile(r"configuration management|network|operating system|cloud|security", re.I), "cloud_devops"),
]


@dataclass
class ImportSummary:
    esco_links: int = 0
    onet_links: int = 0
    aliases_added: int = 0
    new_skills: Counter[str] = field(default_factory=Counter)  # by origin
    skipped: Counter[str] = field(default_factory=Counter)  # by reason

    def lines(self) -> list[str]:
        out = [f"ESCO links added: {self.esco_links}", f"O*NET links added: {self.onet_links}",
               f"aliases added from ESCO labels: {self.aliases_added}"]
        out += [f"new skills from {k}: {v}" for k, v in sorted(self.new_skills.items())]
        out += [f"skipped ({k}): {v}" for k, v in sorted(self.skipped.items())]
        return out


def _category(text: str, table: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, category in table:
        if pattern.search(text):
            return category
    return "tools_platforms"


def read_esco(path: Path) -> dict[str, dict[str, Any]]:
    """ESCO concepts from the Nesta-formatted CSV: uuid -> {pref, alts, codes}."""
    concepts: dict[str, dict[str, Any]] = defaultdict(lambda: {"pref": None, "alts": [], "codes": set()})
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = {"id", "description", "hierarchy_levels", "type"} - set(reader.fieldnames or [])
            if missing:
                raise TaxonomyError(f"{path}: not the ESCO formatted CSV (missing columns {sorted(missing)})")
            for row in reader:
                kind = row["type"]
                if kind not in ("preferredLabel", "altLabels"):
                    continue
                c = concepts[row["id"]]
                if kind == "preferredLabel":
                    c["pref"] = row["description"].strip()
                    try:
                        levels = ast.literal_eval(row["hierarchy_levels"] or "[]")
                    except (ValueError, SyntaxError):
                        levels = []
                    c["codes"] = {code for path_ in levels for code in path_ if isinstance(code, str)}
                else:
                    c["alts"].append(row["description"].strip())
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise TaxonomyError(f"cannot read ESCO file {path}: {exc}") from exc
    return {k: v for k, v in concepts.items() if v["pref"]}


def read_onet(path: Path) -> dict[str, dict[str, Any]]:
    """O*NET technology examples: name -> {commodity, hot, in_demand, occupations}."""
    tools: dict[str, dict[str, Any]] = {}
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t")
            missing = {"Example", "Commodity Title", "Hot Technology"} - set(reader.fieldnames or [])
            if missing:
                raise TaxonomyError(f"{path}: not O*NET Technology Skills.txt (missing columns {sorted(missing)})")
            for row in reader:
                name = (row["Example"] or "").strip()
                if not name:
                    continue
                t = tools.setdefault(name, {"commodity": row["Commodity Title"], "hot": False, "occupations": 0})
                t["hot"] |= row.get("Hot Technology") == "Y"
                t["occupations"] += 1
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise TaxonomyError(f"cannot read O*NET file {path}: {exc}") from exc
    return tools


def _bare(label: str) -> str:
    return _PAREN.sub("", label).strip()


_VARIANT_TAIL = re.compile(r"^[\s-]*(v?\d[\d.x]*|lang|language|programming|prog)?$", re.I)


def _is_variant(label: str, name: str) -> bool:
    """"Python3", "JavaScript 1.7", "Ruby lang" are spellings of the name; "Java Posse" (a
    podcast) or "Perl golf" are other things ESCO lists beside it."""
    low, base = label.lower().strip(), name.lower()
    return low.startswith(base) and bool(_VARIANT_TAIL.match(low[len(base):]))


def _is_proper_name(name: str) -> bool:
    """Every word capitalised (or an acronym/number): "Apache Maven", "Kali Linux", "Lisp"."""
    words = name.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _onet_keys(name: str) -> list[str]:
    low = name.lower()
    keys = [low]
    for suffix in (" software", " platform"):
        if low.endswith(suffix):
            keys.append(low[: -len(suffix)])
    return keys


def build_import_overlay(taxonomy: Taxonomy, esco: Path | None = None, onet: Path | None = None,
                         onet_scope: str = "hot") -> tuple[dict[str, Any], ImportSummary]:
    """The overlay that merges ESCO and/or O*NET into ``taxonomy``, and what it did."""
    if onet_scope not in ("hot", "all"):
        raise ValueError("onet_scope must be 'hot' or 'all'")
    summary = ImportSummary()
    owner = dict(taxonomy.surface_index())  # lowercased surface -> canonical, grows as we add
    links: dict[str, dict[str, str]] = defaultdict(dict)
    aliases: dict[str, list[str]] = defaultdict(list)
    new: dict[str, dict[str, Any]] = {}
    by_name = taxonomy.by_name

    def claim(surface: str, name: str) -> bool:
        """Take a new surface for ``name``; False when it is short, stopped or already anyone's."""
        key = surface.lower().strip()
        if len(key) < 2 or key in taxonomy.stop_surfaces or key in owner:
            return False
        owner[key] = name
        return True

    def add_new(name: str, category: str, extra: list[str], origin: str, **link: str) -> None:
        if not claim(name, name):
            summary.skipped["name already taken"] += 1
            return
        kept = [a for a in dict.fromkeys(extra) if a.lower() != name.lower() and claim(a, name)]
        single_word = " " not in name and not any(ch.isdigit() or ch in ".+#" for ch in name)
        new[name] = {"name": name, "category": category, "aliases": kept, "ambiguous": single_word, **link}
        summary.new_skills[origin] += 1

    if esco is not None:
        concepts = read_esco(Path(esco))
        by_label: dict[str, list[str]] = defaultdict(list)
        for uuid, c in concepts.items():
            for label in {_bare(c["pref"]).lower(), *(a.lower() for a in c["alts"])}:
                by_label[label].append(uuid)
        linked_uuids = {s.esco_uri.rsplit("/", 1)[-1] for s in taxonomy.skills if s.esco_uri}
        for skill in taxonomy.skills:
            if skill.esco_uri:
                continue
            hits = {u for surface in skill.surfaces for u in by_label.get(surface.lower(), [])}
            hits -= linked_uuids
            if len(hits) != 1:
                summary.skipped["ESCO link not unique" if hits else "no ESCO concept"] += 1
                continue
            uuid = hits.pop()
            linked_uuids.add(uuid)
            links[skill.name]["esco_uri"] = ESCO_URI_PREFIX + uuid
            summary.esco_links += 1
            for alt in concepts[uuid]["alts"]:
                if _is_variant(alt, skill.name) and claim(alt, skill.name):
                    aliases[skill.name].append(alt)
                    summary.aliases_added += 1
        for uuid, c in concepts.items():
            if uuid in linked_uuids or not c["codes"] & {"K0612", "K0613"}:
                continue
            name = _bare(c["pref"])
            if not _is_proper_name(name):
                continue  # a described activity ("Incremental development"), not a named technology
            paren = _PAREN.search(c["pref"])
            category = _category(paren.group(1) if paren else "", _ESCO_CATEGORY)
            alts = [a for a in c["alts"] if _is_variant(a, name)]
            add_new(name, category, alts, "ESCO", esco_uri=ESCO_URI_PREFIX + uuid)

    if onet is not None:
        tools = read_onet(Path(onet))
        linked = {s.onet_name for s in taxonomy.skills if s.onet_name}
        for name, t in sorted(tools.items()):
            if name in linked:
                continue
            target = next((owner[k] for k in _onet_keys(name) if k in owner), None)
            if target is not None:
                if target in by_name and not by_name[target].onet_name and "onet_name" not in links[target]:
                    links[target]["onet_name"] = name
                    summary.onet_links += 1
                elif target in new and "onet_name" not in new[target]:
                    new[target]["onet_name"] = name
                continue
            if onet_scope == "hot" and not t["hot"]:
                continue
            clean = re.sub(r"\s+software$", "", name, flags=re.I).strip()
            add_new(clean, _category(t["commodity"], _ONET_CATEGORY), [name] if clean != name else [],
                    "O*NET", onet_name=name)

    overlay: dict[str, Any] = {
        "description": "Imported by `skillpulse taxonomy import` from "
        + ", ".join(x for x in (f"ESCO ({Path(esco).name})" if esco else "",
                                f"O*NET ({Path(onet).name}, scope {onet_scope})" if onet else "") if x)
        + ". ESCO: European Commission, CC BY 4.0. O*NET: U.S. Department of Labor, CC BY 4.0. Regenerate rather than edit.",
        "skills": list(new.values()),
        "aliases": {k: v for k, v in aliases.items() if v},
        "links": {k: v for k, v in links.items() if v},
    }
    # The result must apply cleanly on top of the taxonomy it was built for.
    apply_overlay(list(taxonomy.skills), set(taxonomy.stop_surfaces), overlay, "imported overlay")
    return overlay, summary
