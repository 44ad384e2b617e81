"""New-skill discovery: terms the taxonomy does not know, ranked by spread and growth.

What a new tool looks like when it appears ("LangChain" in 2023, "MCP" in 2025): a name with a
product-like shape — interior capitals (LangChain, pgVector), a ``.js``/``.ai``/``.io`` suffix
(Bun.sh, Mastra.ai), an acronym (MCP), digits glued to letters (GPT-4o), or a capitalised word
that is almost never written in lower case in the middle of a sentence (Supabase, Vercel) — and a
two-word name made of such parts (Claude Code). Counting runs over a stream of postings:

* **postings / companies** — document frequency, and how many different companies use the term
  (a company's own name or product, repeated across its postings, stays at one company);
* **growth** — the term's share of postings in the last ``recent_weeks`` weeks over its share
  before (smoothed), so a term that is new and spreading outranks an old constant one;
* **first_seen** — the week of the first posting that used it (where its curve will start once
  accepted and re-extracted).

Score = companies × clamp(growth, 0.5, 8) × (0.25 + skill context), where skill context is the
share of the term's uses within six words of a known skill on the same line (a new tool is listed
next to known ones; a city or an employer is not); terms below ``min_skill_context`` are dropped.
Pure Python, streaming: only per-term counters and up to three example contexts are kept.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .taxonomy import Taxonomy

# Acronyms and capitalised words that job postings use all the time and that never name a skill.
_COMMON_CAPS = frozenset("""
usa us uk eu emea apac latam uae nyc sf la dc ceo cto cfo coo cmo cpo vp svp evp hr pto ooo
faq eod asap etc inc llc ltd gmbh ag bv plc co corp est pst cet utc gmt edt cest ist aest
b2b b2c b2b2c saas paas iaas kpi kpis okr roi p&l ipo smb smbs mvp poc qa ui ux id ids
ai ml api apis sdk sdks it ip os tv pc ios dei eeo ada fmla 401k k401 w2 w-2 1099 ote usd eur gbp cad aud
remote hybrid onsite full part time senior junior lead staff principal team teams we you our your
the and for with about what who why how when where this that these those apply join benefits
head director chief sr jr fullstack ventures capital labs marketer marketers intern interns assistant
designer designers developer developers engineer engineers manager managers consultant specialist analyst
coordinator associate representative officer administrator strategist writer editor recruiter accountant
architect scientist am pm pr em url urls cst est mst pdt pt et ct gpa phd bsc msc mba ba bs ms nda cv cvs
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

_TOKEN = re.compile(r"[A-Za-z][\w.+#-]*[\w+#]|[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?:;•*|\-–—\n]\s*$")
_SHAPE_SUFFIX = re.compile(r"^[A-Za-z][\w-]*\.(js|ai|io|sh|ts|py|dev|so|app)$", re.I)
_INNER_CAPS = re.compile(r"^[A-Za-z]?[a-z]+[A-Z][A-Za-z]*$|^[A-Z]{2,}[a-z]+[A-Za-z]*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
# letters and digits glued ("GPT4o") or a dashed version ("GPT-4", "Llama-3b")
_ALNUM_MIX = re.compile(r"^[A-Za-z]+-?\d+[a-z]$|^[A-Za-z]{2,}-\d+[a-z]?$")
_SHAPES = (("suffix", _SHAPE_SUFFIX), ("inner_caps", _INNER_CAPS), ("acronym", _ACRONYM), ("alnum", _ALNUM_MIX))


@dataclass
class Candidate:
    term: str
    postings: int
    companies: int
    recent_share: float
    earlier_share: float
    growth: float
    first_seen: str | None
    last_seen: str | None
    score: float
    shape: str
    examples: list[dict[str, str]] = field(default_factory=list)
    skill_context: float = 0.0  # share of uses within a few words of a known skill

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("term", "score", "postings", "companies", "growth", "recent_share",
                                              "earlier_share", "first_seen", "last_seen", "shape", "skill_context",
                                              "examples")}


def _week(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@lru_cache(maxsize=1 << 18)  # a posting's words repeat across postings: ~40% of discover() was this
def _shape(token: str) -> str | None:
    """Why a token looks like a product name, or None when it does not (case counted later)."""
    if len(token) < 2 or token.lower() in _COMMON_CAPS:
        return None
    for shape, pattern in _SHAPES:
        if pattern.match(token):
            return shape
    if token[0].isupper() and token[1:].islower():
        return "capitalised"
    return None


_REGIONS = frozenset("""
europe european america americas american asia asian africa african oceania australia antarctica
latin north south east west central northern southern eastern western middle emea apac latam nordics
benelux dach scandinavia caribbean worldwide global anywhere
""".split())


def _places() -> frozenset[str]:
    """Country names (pycountry) and regions: capitalised, spread across companies, never skills."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a project dependency
        return _REGIONS
    names = set(_REGIONS)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value.lower())
    return frozenset(names)


class _Known:
    """Everything the taxonomy already covers: whole surfaces, and single words that are part of
    a multi-word surface ("Native" of React Native) — both are not new."""

    def __init__(self, taxonomy: Taxonomy | None, extra: Iterable[str] = ()) -> None:
        surfaces = set(taxonomy.surface_index()) if taxonomy else set()
        surfaces |= set(taxonomy.stop_surfaces) if taxonomy else set()
        surfaces |= {e.lower() for e in extra}
        self.surfaces = surfaces
        self.parts = {w for s in surfaces for w in re.split(r"[\s/]+", s) if w}
        self.single_words = {s for s in surfaces if " " not in s and len(s) > 1}
        # "amazon web" of "amazon web services": the start of a known name is not a new term
        self.prefixes = {" ".join(s.split()[:k]) for s in surfaces for k in range(2, len(s.split()))}

    def __contains__(self, term: str) -> bool:
        low = term.lower()
        return low in self.surfaces or low.rstrip(".") in self.surfaces or (" " not in low and low in self.parts)


def discover(postings: Iterable[Mapping[str, Any]], taxonomy: Taxonomy | None, *, recent_weeks: int = 12,
             min_postings: int = 3, min_companies: int = 2, min_skill_context: float = 0.15, limit: int = 30,
             ignore: Iterable[str] = ()) -> list[Candidate]:
    """Rank unknown, product-like terms in ``postings`` (``{"id", "text", "week", "company"}``).

    ``min_companies`` keeps a company's own product names out; ``ignore`` adds terms to skip.
    """
    known = _Known(taxonomy, ignore)
    docs: Counter[str] = Counter()
    companies: dict[str, set[str]] = defaultdict(set)
    weeks: dict[str, list[date]] = defaultdict(list)
    lower_uses: Counter[str] = Counter()  # mid-sentence lower-case uses ("go", "cursor")
    cap_uses: Counter[str] = Counter()  # mid-sentence capitalised uses, known terms included
    near_skill: Counter[str] = Counter()  # uses within a few words of a known skill, same line
    places = _places()
    shapes: dict[str, str] = {}
    examples: dict[str, list[dict[str, str]]] = defaultdict(list)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    all_weeks: list[date] = []

    for posting in postings:
        text = posting.get("text") or ""
        week = _week(posting.get("week"))
        company = (posting.get("company") or "").lower()
        seen_here: dict[str, tuple[int, int]] = {}
        tokens = [(m.group(0).rstrip(".-"), m.start()) for m in _TOKEN.finditer(text)]
        # Token positions of known single-word skills: a new tool is usually listed next to them
        # ("Python, Django and Hotwire"), a city or an employer is not.
        if not _looks_english(tokens):
            continue
        if week:
            all_weeks.append(week)
        anchors = [i for i, (tok, _) in enumerate(tokens) if tok.lower() in known.single_words]
        prev_cap: tuple[str, int, int] | None = None
        for i, (token, start) in enumerate(tokens):
            initial = start == 0 or bool(_SENTENCE_END.search(text[max(0, start - 3):start]))
            shape = _shape(token)
            if shape is None:
                if token.islower() and not initial:
                    lower_uses[token] += 1
                prev_cap = None
                continue
            if shape == "capitalised" and initial:
                prev_cap = None
                continue  # a capital at a sentence start says nothing
            key = token.lower()
            cap_uses[key] += 1
            terms = [(key, token, start, start + len(token))]
            # Two adjacent name-like words ("Claude Code", "Model Context") are a two-word term.
            if prev_cap is not None and text[prev_cap[2]:start] == " ":
                terms.append((f"{prev_cap[0].lower()} {key}", f"{prev_cap[0]} {token}", prev_cap[1], start + len(token)))
            prev_cap = (token, start, start + len(token))
            if shape == "acronym" and text[start + len(token):start + len(token) + 1] == "&":
                prev_cap = None
                continue  # "FP&A", "M&A", "P&L": half of an abbreviation
            prev_word = tokens[i - 1][0].lower() if i else ""
            next_word = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
            near = (prev_word in _CUE_BEFORE or next_word in _CUE_AFTER or _near(anchors, i, text, tokens))
            for term_key, form, s, e in terms:
                if term_key in known or term_key in places or (company and term_key in company):
                    continue
                if " " in term_key and (term_key in known.prefixes or term_key.split()[0] in known.single_words):
                    continue  # "Amazon Web" (of Amazon Web Services), "Linux Systems" (a known skill + a noun)
                shapes.setdefault(term_key, shape if " " not in term_key else "two_words")
                forms[term_key][form] += 1
                near_skill[term_key] += near
                seen_here.setdefault(term_key, (s, e))
        for term_key, (s, e) in seen_here.items():
            docs[term_key] += 1
            if company:
                companies[term_key].add(company)
            if week:
                weeks[term_key].append(week)
            if len(examples[term_key]) < 3:
                snippet = " ".join(text[max(0, s - 80):e + 80].split())
                examples[term_key].append({"posting_id": str(posting.get("id")), "context": snippet})

    if not docs:
        return []
    last = max(all_weeks) if all_weeks else None
    cut = last - timedelta(weeks=recent_weeks) if last else None
    n_recent = sum(1 for w in all_weeks if cut and w > cut)
    n_earlier = len(all_weeks) - n_recent

    out: list[Candidate] = []
    for term, n in docs.items():
        n_companies = len(companies[term]) if companies[term] else 0
        if n < min_postings or (companies and n_companies < min_companies):
            continue
        shape = shapes[term]
        if shape in ("capitalised", "acronym") and not _name_like(term, cap_uses, lower_uses):
            continue  # an ordinary word capitalised in a heading or shouted ("ARE", "Looks")
        if shape == "two_words" and (not _name_like(term.split()[0], cap_uses, lower_uses)
                                     or term.split()[1] in _ROLE_WORDS):
            continue  # "Engineering Manager", "New York": the first word is an ordinary word
        ws = weeks[term]
        recent = sum(1 for w in ws if cut and w > cut)
        recent_share = recent / n_recent if n_recent else 0.0
        earlier_share = (len(ws) - recent) / n_earlier if n_earlier else 0.0
        smoothing = 1.0 / max(1, n_earlier + n_recent)
        growth = (recent_share + smoothing) / (earlier_share + smoothing)
        uses = sum(forms[term].values())
        skill_context = near_skill[term] / uses if uses else 0.0
        if skill_context < min_skill_context:
            continue
        spread = n_companies or n
        score = round(spread * min(8.0, max(0.5, growth)) * (0.25 + skill_context), 2)
        display = forms[term].most_common(1)[0][0]
        out.append(Candidate(display, n, n_companies, round(recent_share, 4), round(earlier_share, 4),
                             round(growth, 2), min(ws).isoformat() if ws else None,
                             max(ws).isoformat() if ws else None, score, shape, examples[term],
                             round(skill_context, 2)))
    out.sort(key=lambda c: (-c.score, -c.postings, c.term.lower()))
    return out[:limit]


_NEAR_TOKENS = 6
_SENTENCE_BREAK = re.compile(r"\n|[.!?](?:\s|$)")
_ROLE_WORDS = frozenset("""engineer engineers developer developers manager managers director lead designer analyst
specialist consultant architect scientist intern head officer associate administrator representative marketer
marketers writer editor recruiter coordinator strategist""".split())
# Words right before or after a term that say "this is a skill" ("experience with X", "X developer"):
# a new tool often sits alone in its bullet, with no known skill beside it.
_CUE_BEFORE = frozenset("""with using use uses of knowledge experience experienced proficiency proficient familiarity
familiar expertise like including via built build building leverage leveraging adopt adopted""".split())
_CUE_AFTER = frozenset("""experience expertise skills skill developer developers engineer engineers framework frameworks
library libraries sdk api apis platform certification certified stack ecosystem agents workflows pipelines""".split())
_GERMAN = frozenset("und der die das mit für wir sie ist eine ein auf bei oder zu von den".split())


def _looks_english(tokens: list[tuple[str, int]]) -> bool:
    """German postings capitalise every noun; discovery only reads English ones."""
    sample = [t.lower() for t, _ in tokens[:300]]
    return sum(t in _GERMAN for t in sample) < 0.05 * max(1, len(sample))


def _near(anchors: list[int], i: int, text: str, tokens: list[tuple[str, int]]) -> bool:
    """Is a known skill within a few tokens of token ``i``, in the same sentence and line?"""
    lo, hi = i - _NEAR_TOKENS, i + _NEAR_TOKENS
    for a in anchors:
        if a > hi:
            break
        if lo <= a <= hi and a != i:
            a_start, i_start = tokens[a][1], tokens[i][1]
            if not _SENTENCE_BREAK.search(text, min(a_start, i_start), max(a_start, i_start)):
                return True
    return False


def _name_like(word: str, cap_uses: Counter[str], lower_uses: Counter[str]) -> bool:
    """Written capitalised mid-sentence at least four times as often as in lower case."""
    return lower_uses[word] * 4 <= cap_uses[word]


def log_growth(c: Candidate) -> float:
    """Growth on a symmetric scale (0 = flat), handy for sorting and charts."""
    return math.log2(max(c.growth, 1e-9))
