"""skills.extract.make_doc primes spaCy's tokenizer cache (each new span tokenized once on its own)
so postings tokenize from the cache: it must give exactly the tokens, and so the skills, that
spaCy gives without it. Checked on every recorded posting of the nine sources, in one stream
through one pipeline (the cache then holds spans of earlier postings, as in a refresh)."""

from __future__ import annotations

import pytest

from crawlers.recorded import RecordedFileError, recorded_postings
from skills import extract
from tests.conftest import SHARED_DATA

TRICKY = [
    "e.g. Python, don't stop; it's C++/Go - and U.S.-based :) (React.js) node.js/TypeScript.",
    "Don't. DON'T! can't won't... 5+ yrs w/ AWS & GCP; vs. Azure; etc. e.g. etc.",
    "-\n- bullet\n\u2022 another\u00a0with\u00a0nbsp \u200b zero-width, emoji \U0001F680 C#/.NET C. R.",
    "x" * 5000 + " https://example.com/a.js/b?c=d email me@example.com 10am-5pm $120k-$150k",
]


def recorded_texts() -> list[str]:
    texts = []
    for path in sorted((SHARED_DATA / "sources").glob("*/*")):
        if path.suffix not in (".json", ".rss", ".html") or path.name.endswith(".metadata.json"):
            continue
        try:
            texts += [p.get("description") or "" for p in recorded_postings(path)]
        except RecordedFileError:
            continue
    return [t for t in texts if t]


def tokens(doc) -> list[tuple]:
    return [(t.text, t.idx, t.whitespace_, t.lower_, t.norm_, t.is_punct, t.like_url) for t in doc]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = recorded_texts()
    assert len(found) > 500  # every source's recordings, not a few
    return TRICKY + found + TRICKY


def test_primed_tokenizing_gives_spacys_own_tokens_on_every_recorded_posting(texts):
    plain = extract._build_pipeline(None)
    primed = extract._build_pipeline(None)
    for text in texts:
        assert tokens(extract.make_doc(primed, text)) == tokens(plain.make_doc(text)), text[:200]
    assert len(extract._PRIMED[primed][1]) > 1000  # it did prime
    assert plain not in extract._PRIMED


def test_primed_extraction_finds_the_same_skills_at_the_same_offsets(texts, monkeypatch):
    records = [{"id": i, "text": t, "title": "Senior Engineer (Go, R)"} for i, t in enumerate(texts)]
    primed = list(extract.extract_records(records, nlp=extract._build_pipeline(None)))
    monkeypatch.setattr(extract, "PRIMED_SPANS_MAX", 0)  # no span is primed
    plain_nlp = extract._build_pipeline(None)
    plain = list(extract.extract_records(records, nlp=plain_nlp))
    assert not extract._PRIMED[plain_nlp][1]
    assert primed == plain
    assert sum(len(r["skills"]) for r in primed) > 1000
