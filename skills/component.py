"""The ``skillpulse_skills`` spaCy component: taxonomy phrase matching + ambiguity rules v1.

Usage in any pipeline (a blank one is enough; no trained model is needed)::

    nlp = spacy.blank("en")
    nlp.add_pipe("skillpulse_skills")            # config: taxonomy_path, ambiguity_path, tune_tokenizer
    doc = nlp("Senior Python developer with Django and PostgreSQL")
    doc.ents                                     # SKILL spans, kb_id_ = canonical name
    doc._.skills                                 # [(canonical, category, span), ...]
    skill_mentions(doc)                          # the same as (skill, category, start, end) chars

spaCy imports this module through the ``spacy_factories`` entry point every time *any*
``Language`` is created in this environment, so module import must stay cheap: nothing is
loaded until the factory runs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Optional, Sequence

import srsly

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from .taxonomy import (
    AmbiguityConfig,
    AmbiguityRule,
    Skill,
    Taxonomy,
    TaxonomyError,
    load_ambiguity,
    load_taxonomy,
)

FACTORY_NAME = "skillpulse_skills"
LABEL = "SKILL"
#: Where the component keeps its results: (name, category, start token, end token, start char,
#: end char) tuples rather than Span objects, so Doc.to_bytes() and nlp.pipe(n_process=...) can
#: serialise them. Read them through ``doc._.skills`` or ``skill_mentions(doc)``.
USER_DATA_KEY = "skillpulse.skills"

# A candidate: (start token, end token, index into the taxonomy's skills, needs-evidence flag).
Candidate = tuple[int, int, int, bool]
# A compiled pattern group: (matcher key, skill index, needs-evidence flag, lowercased token sequences).
CompiledPattern = tuple[str, int, bool, list[list[str]]]


class SkillMention(NamedTuple):
    skill: str  # canonical name
    category: str
    start: int  # character offsets into doc.text
    end: int


def skill_mentions(doc: Doc) -> list[SkillMention]:
    """The component's results as plain character-offset tuples (cheaper than ``doc._.skills``)."""
    return [SkillMention(r[0], r[1], r[4], r[5]) for r in doc.user_data.get(USER_DATA_KEY, ())]


def _skills_getter(doc: Doc) -> list[tuple[str, str, Span]]:
    return [(r[0], r[1], doc[r[2]:r[3]]) for r in doc.user_data.get(USER_DATA_KEY, ())]


if not Doc.has_extension("skills"):
    Doc.set_extension("skills", getter=_skills_getter)
if not Doc.has_extension("skill_context"):
    # Optional extra text (e.g. the posting title) used only as evidence for ambiguous skills.
    Doc.set_extension("skill_context", default=None)


# --------------------------------------------------------------------------- tokenizer tuning

# spaCy's URL matcher treats "React.js/Redux" or "Node.js/TypeScript" as one URL-like token, so
# neither skill could match. Only let it fire for things that really look like URLs: a scheme,
# "www.", or no slash at all (bare domains and e-mail addresses stay single tokens).
_URL_GUARD = r"(?=[\w+\-.]{2,}://|[wW]{3}\.|[^/]*$)"
_LEADING_FLAGS = re.compile(r"^(?:\(\?[a-zA-Z]+\))*")


def tune_tokenizer(nlp: Language, single_letters: Iterable[str] = ("C", "R")) -> None:
    """Adjust ``nlp.tokenizer`` so skill names split the way the taxonomy patterns expect.

    * URL matching only for real URLs (see ``_URL_GUARD``), so "X.js/Y" splits at the slash.
    * Split a sentence-final period off names ending in a capital: spaCy keeps "C." or "IaC."
      whole (for initials and abbreviations), so "experience with C." would never contain "C".
    * Split "/" after "+" or "#": "C++/Python", "Security+/Network+".

    Idempotent. Must run before the component builds its patterns (the factory does this).
    All changes are plain regexes, so they survive ``nlp.to_disk()``.
    """
    tokenizer = nlp.tokenizer
    url_match = getattr(tokenizer, "url_match", None)
    compiled = getattr(url_match, "__self__", None)
    if isinstance(compiled, re.Pattern) and _URL_GUARD not in compiled.pattern:
        flags = _LEADING_FLAGS.match(compiled.pattern).group(0)  # inline flags must stay first
        guarded = flags + _URL_GUARD + compiled.pattern[len(flags) :]
        tokenizer.url_match = re.compile(guarded, compiled.flags).match
    letters = "".join(sorted({c for x in single_letters for c in (x.upper(), x.lower()) if len(x) == 1}))
    suffixes = [_CAMEL_PERIOD] + ([rf"(?<=^[{re.escape(letters)}])\.$"] if letters else [])
    suffix_re = _extended(getattr(tokenizer, "suffix_search", None), suffixes)
    if suffix_re is not None:
        tokenizer.suffix_search = suffix_re.search
    infix_re = _extended(getattr(tokenizer, "infix_finditer", None), [_SLASH_AFTER_SYMBOL])
    if infix_re is not None:
        tokenizer.infix_finditer = infix_re.finditer


# "ObjC.", "IaC.", "Unity3D.", "M&A.", "DALL-E.": spaCy keeps a period after a capital letter
# (it guards abbreviations like "U.S."), which would hide these names at a sentence end.
_CAMEL_PERIOD = r"(?<=[-/&+a-z0-9][A-Z])\.$"
# "C++/Python", "Security+/Network+": the default infixes split "/" only between letters.
_SLASH_AFTER_SYMBOL = r"(?<=[+#])/(?=[A-Za-z.])"


def _extended(bound_method: object, extras: list[str]) -> Optional[re.Pattern[str]]:
    """The regex behind ``bound_method`` with ``extras`` appended as alternatives, or None when
    there is nothing to do (already extended, or a custom non-regex tokenizer hook)."""
    compiled = getattr(bound_method, "__self__", None)
    if not isinstance(compiled, re.Pattern):
        return None
    missing = [e for e in extras if e not in compiled.pattern]
    return re.compile("|".join([compiled.pattern, *missing]), compiled.flags) if missing else None


_tune_tokenizer = tune_tokenizer  # SkillMatcher's keyword argument of the same name shadows it


# --------------------------------------------------------------------------- ambiguity rules, compiled


# What the cue words around an ambiguous match say (see _CompiledRule.judge).
_STRONG, _WEAK, _NO_CUE, _VETO = 2, 1, 0, -1


def _split_cues(cues: tuple[str, ...]) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """Single-token cues go in a set (the common, fast case); token sequences in a tuple."""
    singles = frozenset(c for c in cues if " " not in c and c != "#num")
    seqs = tuple(tuple(c.split()) for c in cues if " " in c or c == "#num")
    return singles, seqs


@dataclass(frozen=True)
class _Cues:
    singles: frozenset[str]
    seqs: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, cues: tuple[str, ...]) -> "_Cues":
        return cls(*_split_cues(cues))

    def hit(self, words: tuple[str, ...], before: bool) -> bool:
        """Does a cue sit right before (``before``) or right after the candidate?

        ``words`` are the lowercased neighbouring tokens in reading order, cut at line breaks.
        """
        if not words:
            return False
        if (words[-1] if before else words[0]) in self.singles:
            return True
        for seq in self.seqs:
            n = len(seq)
            if n > len(words):
                continue
            window = words[-n:] if before else words[:n]
            if all(c == x or (c == "#num" and _is_number(x)) for c, x in zip(seq, window)):
                return True
        return False


def _is_number(word: str) -> bool:
    return word.replace(".", "", 1).replace(",", "").isdigit()


@dataclass(frozen=True)
class _CompiledRule:
    rule: AmbiguityRule
    weak_before: _Cues
    strong_before: _Cues
    weak_after: _Cues
    strong_after: _Cues
    veto_before: _Cues
    veto_after: _Cues
    before_len: int  # how many tokens of context the cue lists can look at
    after_len: int
    singles_only: bool  # no multi-token or "#num" cues: judge() can take its fast path
    domain_re: Optional[re.Pattern[str]] = None  # any domain-veto word, as a whole word

    @classmethod
    def of(cls, rule: AmbiguityRule) -> "_CompiledRule":
        befores = [_Cues.of(c) for c in (rule.weak_before, rule.strong_before, rule.veto_before)]
        afters = [_Cues.of(c) for c in (rule.weak_after, rule.strong_after, rule.veto_after)]

        def reach(cues: list[_Cues]) -> int:
            return max([1, *(len(seq) for c in cues for seq in c.seqs)])

        singles_only = not any(c.seqs for c in befores + afters)
        domain_re = (re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, rule.domain_veto))) + r")\b")
                     if rule.domain_veto else None)
        return cls(rule, befores[0], befores[1], afters[0], afters[1], befores[2], afters[2],
                   reach(befores), reach(afters), singles_only, domain_re)

    def judge(self, before: tuple[str, ...], after: tuple[str, ...]) -> int:
        """STRONG, VETO, WEAK or NO_CUE for this context (a strong cue overrides a veto)."""
        if self.singles_only:  # the common case: set lookups on the two adjacent tokens
            prev = before[-1] if before else None
            nxt = after[0] if after else None
            if prev in self.strong_before.singles or nxt in self.strong_after.singles:
                return _STRONG
            if prev in self.veto_before.singles or nxt in self.veto_after.singles:
                return _VETO
            if prev in self.weak_before.singles or nxt in self.weak_after.singles:
                return _WEAK
            return _NO_CUE
        if self.strong_before.hit(before, True) or self.strong_after.hit(after, False):
            return _STRONG
        if self.veto_before.hit(before, True) or self.veto_after.hit(after, False):
            return _VETO
        if self.weak_before.hit(before, True) or self.weak_after.hit(after, False):
            return _WEAK
        return _NO_CUE


_CUE_MEMO_LIMIT = 200_000  # postings repeat their phrases ("make sure", "the rest of"): memoise


class _Window(NamedTuple):
    before: tuple[str, ...]  # lowercased non-space tokens before the match, in reading order
    after: tuple[str, ...]
    prev: Optional[Token]  # nearest token before (None at the doc start or a line break)
    next: Optional[Token]


def _is_name_initial(doc: Doc, i: int) -> bool:
    """A single capital letter between two capitalised words, with its period: "John C. Smith"."""
    if i == 0 or i + 2 >= len(doc) or len(doc[i].text) != 1:
        return False
    prev, dot, nxt = doc[i - 1], doc[i + 1], doc[i + 2]
    return dot.text == "." and prev.is_title and prev.is_alpha and nxt.is_title and nxt.is_alpha


_BULLETS = frozenset({"-", "*", "•", "·", "▪", "●", "◦", "–", "—", "+"})


# --------------------------------------------------------------------------- the component


class SkillMatcher:
    """Finds taxonomy skills in a Doc; sets ``doc.ents`` (label SKILL) and ``doc._.skills``.

    The compiled state (the PhraseMatcher patterns as token strings, the effective taxonomy and
    the ambiguity rules) is built from the taxonomy on first use, or read back by ``from_disk``
    / ``from_bytes`` without tokenising a single surface, so a saved pipeline starts fast and
    does not need the taxonomy or overlay files it was built from.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = FACTORY_NAME,
        *,
        taxonomy_path: Optional[str] = None,
        ambiguity_path: Optional[str] = None,
        overlays: Sequence[str] = (),
        tune_tokenizer: bool = True,
    ) -> None:
        self.name = name
        self._vocab = nlp.vocab
        self._taxonomy_path = taxonomy_path
        self._ambiguity_path = ambiguity_path
        self._overlays = tuple(overlays or ())
        self._ready = False
        self._load_error: Optional[TaxonomyError] = None
        # Loading the taxonomy is cheap (no tokenising); compiling the patterns is not and waits
        # for first use, so spacy.load() of a saved pipeline never pays for it.
        try:
            taxonomy = load_taxonomy(taxonomy_path, self._overlays)
        except TaxonomyError as exc:  # a saved pipeline may outlive its taxonomy files
            taxonomy = None
            self._load_error = exc
        if tune_tokenizer:
            letters = ({f for s in taxonomy.skills for f in s.surfaces if len(f) == 1 and f.isalpha()}
                       if taxonomy else {"C", "R", "D"})
            _tune_tokenizer(nlp, letters)
        # Keep the tokenizer, not nlp: the title context is tokenised exactly like the text.
        self._tokenizer = nlp.tokenizer
        self._pending_taxonomy = taxonomy

    # ---- building

    @property
    def taxonomy(self) -> Taxonomy:
        self._ensure_ready()
        return self._taxonomy

    def _ensure_ready(self) -> None:
        if self._ready:
            return
        if self._pending_taxonomy is None:
            raise self._load_error or TaxonomyError("skillpulse_skills has no taxonomy")
        ambiguity = load_ambiguity(self._ambiguity_path, self._pending_taxonomy)
        self._install(self._pending_taxonomy, ambiguity, self._compile_patterns(self._pending_taxonomy, ambiguity))

    def _install(self, taxonomy: Taxonomy, ambiguity: AmbiguityConfig, patterns: list[CompiledPattern]) -> None:
        """Set up the runtime state from a taxonomy, its rules and compiled patterns."""
        self._taxonomy = taxonomy
        self.ambiguity = ambiguity
        self._skills: tuple[Skill, ...] = taxonomy.skills
        self._category = {s.name: s.category for s in self._skills}
        self._rules = {i: _CompiledRule.of(ambiguity.rules[s.name])
                       for i, s in enumerate(self._skills) if s.name in ambiguity.rules}
        strings = self._vocab.strings
        self._label = strings.add(LABEL)
        self._kb_ids = [strings.add(s.name) for s in self._skills]
        self.matcher = PhraseMatcher(self._vocab, attr="LOWER")
        self._match_info: dict[int, tuple[int, bool]] = {}
        self._cue_memo: dict[tuple[int, tuple[str, ...], tuple[str, ...]], int] = {}
        for key_str, idx, flag, sequences in patterns:
            self.matcher.add(key_str, [Doc(self._vocab, words=words) for words in sequences])
            self._match_info[strings.add(key_str)] = (idx, flag)
        self._patterns = patterns
        self._ready = True
        self._pending_taxonomy = None

    def _compile_patterns(self, taxonomy: Taxonomy, ambiguity: AmbiguityConfig) -> list[CompiledPattern]:
        """One PhraseMatcher key per skill (and one for its word-like forms that need evidence),
        as lowercased token sequences.

        Each surface is tokenised in several casings and contexts because the tokenizer is
        case- and context-sensitive in places (".NET" vs ".net", "C#" vs "C#/"); every distinct
        token sequence becomes a pattern. Surfaces the overlays stop never get a pattern.
        """
        stop = taxonomy.stop_surfaces
        tokenizer = self._scratch_tokenizer()
        owner: dict[tuple[str, ...], str] = {}
        compiled: list[CompiledPattern] = []
        for idx, skill in enumerate(taxonomy.skills):
            rule = ambiguity.rules.get(skill.name)
            plain: list[list[str]] = []
            needs_evidence: list[list[str]] = []
            for surface in skill.surfaces:
                if surface.lower() in stop:
                    continue
                is_ambiguous = rule is not None and surface.lower() in rule.forms
                for pattern in self._pattern_docs(tokenizer, surface):
                    key = tuple(t.lower_ for t in pattern)
                    if key in owner:
                        if owner[key] != skill.name:
                            raise TaxonomyError(
                                f"{surface!r} of {skill.name!r} tokenises like a surface of {owner[key]!r}"
                            )
                        continue
                    owner[key] = skill.name
                    (needs_evidence if is_ambiguous else plain).append(list(key))
            for sequences, flag, suffix in ((plain, False, ""), (needs_evidence, True, "/ambiguous")):
                if sequences:
                    compiled.append((f"skillpulse/{idx}{suffix}", idx, flag, sequences))
        return compiled

    def _scratch_tokenizer(self) -> Any:
        """A copy of the host tokenizer (same rules, same vocab) to tokenise the surfaces with.

        Tokenising ~30,000 short surface variants through the host tokenizer leaves its cache
        grown and full of deleted slots even after a flush, and real text then tokenised at half
        speed or less (measured with the 1,651 skills of 2026.11.1: 930 -> 320 postings/s). The copy takes that
        hit and is thrown away. A custom, non-spaCy tokenizer is used as it is.
        """
        host = self._tokenizer
        if not isinstance(host, Tokenizer):
            return host
        scratch = Tokenizer(self._vocab)
        scratch.from_bytes(host.to_bytes())
        return scratch

    # ---- serialisation (spaCy's component protocol)

    def _state(self) -> dict[str, Any]:
        self._ensure_ready()
        return {"format": 1, "taxonomy": self._taxonomy.to_dict(), "ambiguity": self.ambiguity.raw,
                "patterns": [list(p) for p in self._patterns]}

    def _restore(self, state: dict[str, Any], where: Path) -> None:
        if state.get("format") != 1:
            raise ValueError(f"{where}: not a skillpulse_skills state (format {state.get('format')!r})")
        where.mkdir(parents=True, exist_ok=True)
        taxonomy_file = where / "taxonomy.json"
        ambiguity_file = where / "ambiguity.json"
        if not taxonomy_file.exists():
            srsly.write_json(taxonomy_file, state["taxonomy"])
            srsly.write_json(ambiguity_file, state["ambiguity"])
        taxonomy = load_taxonomy(taxonomy_file)
        ambiguity = load_ambiguity(ambiguity_file, taxonomy)
        patterns = [(k, int(i), bool(f), [list(w) for w in seqs]) for k, i, f, seqs in state["patterns"]]
        self._install(taxonomy, ambiguity, patterns)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        state = self._state()
        srsly.write_json(path / "taxonomy.json", state["taxonomy"])
        srsly.write_json(path / "ambiguity.json", state["ambiguity"])
        srsly.write_msgpack(path / "patterns.msgpack", {"format": 1, "patterns": state["patterns"]})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "SkillMatcher":
        path = Path(path)
        packed = srsly.read_msgpack(path / "patterns.msgpack")
        taxonomy = load_taxonomy(path / "taxonomy.json")
        ambiguity = load_ambiguity(path / "ambiguity.json", taxonomy)
        patterns = [(k, int(i), bool(f), [list(w) for w in seqs]) for k, i, f, seqs in packed["patterns"]]
        if packed.get("format") != 1:
            raise ValueError(f"{path}: not a skillpulse_skills state")
        self._install(taxonomy, ambiguity, patterns)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._state())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "SkillMatcher":
        import tempfile

        state = srsly.msgpack_loads(data)
        # The loaders read files (and cache by path); a private temp folder keeps that one path.
        self._restore(state, Path(tempfile.mkdtemp(prefix="skillpulse-skills-")))
        return self

    @staticmethod
    def _pattern_docs(tokenizer: Any, surface: str) -> Iterable[Doc]:
        """Token sequences ``surface`` can take in running text: one per casing, plus, for a name
        ending in a symbol, the form it takes before a slash ("C#" whole in "C#/Python",
        but "C" + "#" on its own)."""
        for variant in dict.fromkeys((surface, surface.lower(), surface.upper(), surface.title())):
            yield tokenizer(variant)
            if not variant[-1].isalnum():
                span = tokenizer(variant + "/x").char_span(0, len(variant))
                if span is not None:
                    yield span.as_doc()

    # ---- running

    def __call__(self, doc: Doc) -> Doc:
        if not self._ready:
            self._ensure_ready()
        candidates = self._find(doc, doc._.skill_context)
        results = []
        spans = []
        for start, end, idx, _ in candidates:
            skill = self._skills[idx]
            span = Span(doc, start, end, label=self._label, kb_id=self._kb_ids[idx])
            # Character offsets ride along so bulk extraction needs no second round of Spans.
            results.append((skill.name, skill.category, start, end, span.start_char, span.end_char))
            spans.append(span)
        doc.user_data[USER_DATA_KEY] = results
        if spans:
            existing = doc.ents
            if existing:
                # Skills win over overlapping entities from earlier pipes; the rest are kept.
                taken = {i for span in spans for i in range(span.start, span.end)}
                kept = [e for e in existing if not any(i in taken for i in range(e.start, e.end))]
                doc.ents = sorted(kept + spans, key=lambda s: s.start)
            else:
                # "unmodified" touches only the skill tokens (the ents setter would rewrite every
                # token's IOB, a third of this component's run time on a 400-word posting).
                doc.set_ents(spans, default="unmodified")
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def _find(self, doc: Doc, context: Optional[str]) -> list[Candidate]:
        matches = self.matcher(doc)
        if not matches:
            return []
        candidates = self._resolve_overlaps(matches)
        if any(c[3] for c in candidates):
            context_names = self._context_names(context) if context else frozenset()
            candidates = self._disambiguate(doc, candidates, context_names)
        return candidates

    def _resolve_overlaps(self, matches: list[tuple[int, int, int]]) -> list[Candidate]:
        """Longest match wins ("React Native" over "React", "Microsoft Excel" over "Excel").

        One pass over matches sorted by (start, longest first) settles the usual case, where
        overlaps are nested; a crossing overlap (rare) falls back to the exact method.
        """
        info = self._match_info
        kept: list[Candidate] = []
        last_end = -1
        for start, neg_end, match_id in sorted([(m[1], -m[2], m[0]) for m in matches]):
            end = -neg_end
            if start >= last_end:
                kept.append((start, end, *info[match_id]))
                last_end = end
            elif end > last_end:
                return self._resolve_crossing(matches)
        return kept

    def _resolve_crossing(self, matches: list[tuple[int, int, int]]) -> list[Candidate]:
        info = self._match_info
        taken: set[int] = set()
        kept: list[Candidate] = []
        for match_id, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                kept.append((start, end, *info[match_id]))
        kept.sort()
        return kept

    def _context_names(self, context: str) -> frozenset[str]:
        """Skills named in the context text (title), judged on their own evidence."""
        doc = self._tokenizer(context)
        matches = self.matcher(doc)
        if not matches:
            return frozenset()
        found = self._disambiguate(doc, self._resolve_overlaps(matches), frozenset())
        return frozenset(self._skills[c[2]].name for c in found)

    # ---- ambiguity v1 (rules and weights live in data/ambiguity.json)

    def _disambiguate(self, doc: Doc, candidates: list[Candidate], context: frozenset[str]) -> list[Candidate]:
        """Keep unambiguous candidates; keep an ambiguous one only with enough evidence.

        Everything but the list-neighbour evidence is fixed per candidate, so it is scored once;
        the neighbour check is repeated while newly accepted skills can vouch for their
        neighbours ("- Go" above "- Rust" above "- Kubernetes").
        """
        min_score = self.ambiguity.min_score
        min_support = self.ambiguity.min_support
        skills = self._skills
        evidence_pool = {skills[c[2]].name for c in candidates if not c[3]} | context
        pool_categories = Counter(self._category[n] for n in evidence_pool)

        memo = self._cue_memo
        doc_lower: Optional[str] = None  # the text (and title) in lower case, built only for a domain veto
        by_support: set[int] = set()  # accepted on doc-level support alone (support_suffices)
        base: dict[int, int] = {}  # candidate index -> score without the neighbour point
        needed: dict[int, int] = {}  # candidate index -> score it needs (per-rule min_score)
        local: set[int] = set()  # candidates with case or cue evidence of their own
        solid: set[int] = set()  # candidates that may vouch for a neighbour in a list
        for i, (start, end, idx, ambiguous) in enumerate(candidates):
            if not ambiguous:
                solid.add(i)
                continue
            compiled = self._rules[idx]
            rule = compiled.rule
            text = doc[start].text if end - start == 1 else doc[start:end].text
            if rule.require_case and text not in rule.case_forms:
                continue  # cheap, and the commonest case: "make sure", "safe", "per hr"
            if rule.name_initial_veto and end - start == 1 and _is_name_initial(doc, start):
                continue  # "John C. Smith"
            w = self._window(doc, start, end, compiled.before_len, compiled.after_len)
            memo_key = (idx, w.before, w.after)
            cue = memo.get(memo_key)
            if cue is None:
                if len(memo) > _CUE_MEMO_LIMIT:
                    memo.clear()
                cue = memo[memo_key] = compiled.judge(w.before, w.after)
            if cue == _VETO:
                continue
            strong = cue == _STRONG
            weak = cue == _WEAK
            if rule.require_cue and not (strong or weak):
                continue  # "options A, B, C or D": a letter needs a word that makes it a language
            if compiled.domain_re is not None and not strong:
                if doc_lower is None:
                    doc_lower = (doc.text + "\n" + (doc._.skill_context or "")).lower()
                if compiled.domain_re.search(doc_lower):
                    continue  # "our Java blend" in a coffee-shop posting
            case_ok = self._informative_case(text, rule.case_forms, w.prev, w.next)
            if case_ok:
                solid.add(i)  # "Go/Rust": a properly capitalised form may vouch for its neighbour
            skill = skills[idx]
            in_pool = skill.name in evidence_pool
            support = sum(pool_categories[c] for c in rule.support_categories)
            support -= int(in_pool and skill.category in rule.support_categories)
            needed[i] = rule.min_score or min_score
            base[i] = ((rule.case_weight if case_ok else 0) + (2 if strong else 1 if weak else 0)
                       + int(support >= min_support) + int(in_pool))
            if case_ok or strong or weak:
                local.add(i)
            elif rule.support_suffices and support >= min_support and text in rule.case_forms:
                by_support.add(i)  # "Go is our main language" opening a sentence in a tech posting

        accepted = solid - set(base)  # the unambiguous ones
        accepted.update(i for i in local if base[i] >= needed[i])
        accepted.update(by_support)
        # Doc-level evidence alone never rescues a bare common word: without case or cue
        # evidence, a candidate needs a list neighbour (worth one point).
        pending = [i for i in base if i not in accepted and base[i] + 1 >= needed[i]]
        while pending:
            solid_ends = {candidates[i][1] for i in solid | accepted}
            solid_starts = {candidates[i][0] for i in solid | accepted}
            newly = [i for i in pending
                     if self._has_neighbour(doc, candidates[i][0], candidates[i][1], solid_ends, solid_starts)]
            if not newly:
                break
            accepted.update(newly)
            pending = [i for i in pending if i not in accepted]
        return [c for i, c in enumerate(candidates) if i in accepted]

    @staticmethod
    def _window(doc: Doc, start: int, end: int, n_before: int, n_after: int) -> _Window:
        """Up to n_before / n_after lowercased tokens each side, skipping spaces, stopping at
        line breaks (most rules need one token each side, and tokens are not free)."""
        if n_before == 1 and n_after == 1:  # fast path: no spaces right next to the match
            prev = doc[start - 1] if start else None
            nxt = doc[end] if end < len(doc) else None
            if not ((prev is not None and prev.is_space) or (nxt is not None and nxt.is_space)):
                return _Window((prev.lower_,) if prev is not None else (),
                               (nxt.lower_,) if nxt is not None else (), prev, nxt)
        before: list[str] = []
        prev: Optional[Token] = None
        i = start - 1
        while i >= 0 and len(before) < n_before:
            tok = doc[i]
            if tok.is_space:
                if "\n" in tok.text:
                    break
            else:
                if prev is None:
                    prev = tok
                before.append(tok.lower_)
            i -= 1
        after: list[str] = []
        nxt: Optional[Token] = None
        i = end
        n = len(doc)
        while i < n and len(after) < n_after:
            tok = doc[i]
            if tok.is_space:
                if "\n" in tok.text:
                    break
            else:
                if nxt is None:
                    nxt = tok
                after.append(tok.lower_)
            i += 1
        return _Window(tuple(reversed(before)), tuple(after), prev, nxt)

    def _informative_case(self, text: str, case_forms: frozenset[str], prev: Optional[Token],
                          nxt: Optional[Token]) -> bool:
        """Is the exact capitalisation evidence? ("Go" mid-sentence yes; "Go" opening a sentence
        or inside a Title Case heading no; mixed case like "SAFe" always)."""
        if text not in case_forms:
            return False
        if not (text.islower() or text.isupper() or text.istitle()):
            return True  # mixed case is deliberate
        if text.isupper() and len(text) > 1:
            # "REST", "CPA": informative unless the whole line is shouting.
            return not (prev is not None and nxt is not None and prev.is_upper and nxt.is_upper
                        and prev.is_alpha and nxt.is_alpha)
        if prev is None or prev.text in self.ambiguity.sentence_boundaries:
            return False  # sentence- or line-initial capital says nothing
        return not (prev.is_alpha and prev.is_title and nxt is not None and nxt.is_alpha and nxt.is_title)

    @staticmethod
    def _adjacent_line_items(doc: Doc, start: int) -> tuple[int, int]:
        """First tokens (after bullets) of the lines above and below the line starting at
        ``start``; -1 where there is none. Walks only those two lines, not the whole doc."""

        def first_item(i: int) -> int:  # first non-space, non-bullet token from i on this line
            while i < len(doc):
                tok = doc[i]
                if tok.is_space:
                    if "\n" in tok.text:
                        return -1
                elif tok.text not in _BULLETS:
                    return i
                i += 1
            return -1

        below = -1
        i = start
        while i < len(doc):
            tok = doc[i]
            if tok.is_space and "\n" in tok.text:
                below = first_item(i + 1)
                break
            i += 1
        above = -1
        i = start - 1
        while i >= 0 and not (doc[i].is_space and "\n" in doc[i].text):
            i -= 1  # back to the line break that ends the line above
        if i >= 0:
            i -= 1
            while i >= 0 and not (doc[i].is_space and "\n" in doc[i].text):
                i -= 1
            above = first_item(i + 1)
        return above, below

    def _has_neighbour(self, doc: Doc, start: int, end: int, solid_ends: set[int], solid_starts: set[int]) -> bool:
        """Another skill across a list separator ("Python, Go", "Go/Rust", "Go (Golang)"), or
        on the line above or below in a vertical list ("Ruby (5+ years)" / "Ruby on Rails")."""
        seps = self.ambiguity.list_separators
        max_gap = self.ambiguity.max_separator_gap
        for step, pos, table in ((-1, start - 1, solid_ends), (1, end, solid_starts)):
            gap = 0
            while 0 <= pos < len(doc):
                tok = doc[pos]
                if tok.is_space:
                    gap += "\n" in tok.text
                elif tok.lower_ in seps:
                    gap += 1
                else:
                    # candidate ends are exclusive indexes, starts inclusive
                    if 1 <= gap <= max_gap and (pos + 1 if step < 0 else pos) in table:
                        return True
                    break
                if gap > max_gap:
                    break
                pos += step
        if start == 0 or doc[start - 1].is_space or doc[start - 1].text in _BULLETS:
            above, below = self._adjacent_line_items(doc, start)
            return above in solid_starts or below in solid_starts
        return False


@Language.factory(
    FACTORY_NAME,
    default_config={"taxonomy_path": None, "ambiguity_path": None, "overlays": [], "tune_tokenizer": True},
    assigns=["doc.ents", "doc._.skills"],
)
def make_skill_matcher(
    nlp: Language,
    name: str,
    taxonomy_path: Optional[str],
    ambiguity_path: Optional[str],
    overlays: list[str],
    tune_tokenizer: bool,
) -> SkillMatcher:
    """Factory behind ``nlp.add_pipe("skillpulse_skills")`` (also the package entry point).

    taxonomy_path / ambiguity_path: JSON files (default: the ones shipped in skills/data).
    overlays: overlay files applied on top of the taxonomy, in order (see skills/README.md).
    tune_tokenizer: let the component adjust nlp.tokenizer (see ``tune_tokenizer``); turn off
    to leave a host pipeline's tokenizer untouched, at the cost of a few missed names.
    """
    return SkillMatcher(
        nlp,
        name,
        taxonomy_path=taxonomy_path,
        ambiguity_path=ambiguity_path,
        overlays=overlays,
        tune_tokenizer=tune_tokenizer,
    )
