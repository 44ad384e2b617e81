"""Quick speed check (not a test, not the benchmark): docs/s of the full skill pipeline vs the
bare ``spacy.blank("en")`` tokenizer, same process, one core, ~400-word synthetic postings.

    python -m skills._speedcheck [N_DOCS]        # e.g. under `taskset -c 0` for one core
"""

from __future__ import annotations

import random
import sys
import time
from typing import Callable

import spacy

from skills.extract import extract_records, load_pipeline

# Real postings draw on a large vocabulary; a tiny one would flatter the tokenizer (its cache
# would answer almost every word), so filler words are Zipf-distributed pseudo-words.
_SYLLABLES = ("ba", "ke", "lo", "mi", "nu", "ra", "so", "ti", "ve", "zo", "an", "er", "in", "on", "us", "qua", "str")
_COMMON = ("the", "and", "to", "of", "a", "in", "with", "for", "our", "you", "we", "will", "is", "on", "team",
           "experience", "work", "build", "customers", "product", "remote", "data", "help", "new", "role")
# Word-like skill names in their everyday sense; real postings carry about 1 per 100 words.
_AMBIGUOUS = ("go", "make", "rest", "access", "word", "react", "excel", "less", "lean", "safe", "Spring", "Segment")
_SKILLS = ("Python", "Django", "PostgreSQL", "React", "TypeScript", "Node.js", "AWS", "Docker", "k8s", "CI/CD",
           "Go", "Rust", "C++", "C#", ".NET", "Figma", "SEO", "Microsoft Excel", "Excel", "Salesforce", "HubSpot",
           "Scrum", "Jira", "LLMs", "LangChain", "pandas", "dbt", "Snowflake", "Tableau", "Power BI",
           "React.js/Redux", "Google Analytics", "copywriting", "project management", "communication skills")


def make_postings(n: int, words: int = 400, seed: int = 7, vocab: int = 20000) -> list[str]:
    rng = random.Random(seed)
    lexicon = ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(vocab)]
    weights = [1.0 / (rank + 1) for rank in range(vocab)]
    out = []
    for _ in range(n):
        toks: list[str] = []
        for i in range(words):
            r = rng.random()
            tok = (rng.choice(_SKILLS) if r < 0.03 else rng.choice(_AMBIGUOUS) if r < 0.04
                   else rng.choice(_COMMON) if r < 0.45 else rng.choices(lexicon, weights)[0])
            p = rng.random()  # the punctuation, numbers and compounds postings are full of
            if p < 0.08:
                tok += ","
            elif p < 0.10:
                tok = f"({tok})"
            elif p < 0.13:
                tok = f"{tok}-{rng.choices(lexicon, weights)[0]}"
            elif p < 0.15:
                tok = rng.choice(("5+", "$120,000", "40%", "24/7", "2026", "3-5", "e.g.", "&"))
            if i % 15 == 0:
                tok = ("\n- " if rng.random() < 0.3 else "") + tok[:1].upper() + tok[1:]
            elif i % 15 == 14:
                tok += rng.choice((".", ".", ",", ":", "!"))
            toks.append(tok)
        out.append(" ".join(toks))
    return out


def best_rates(variants: dict[str, Callable[[], object]], n_docs: int, rounds: int = 11) -> dict[str, float]:
    """docs/s of each variant, best of ``rounds``. Rounds interleave the variants so a busy
    machine slows all of them alike; the best round is the least disturbed one."""
    best = {name: float("inf") for name in variants}
    for _ in range(rounds):
        for name, run in variants.items():
            t0 = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - t0)
    return {name: n_docs / seconds for name, seconds in best.items()}


def main(n: int = 1000) -> None:
    texts = make_postings(n)
    records = [{"id": i, "text": t} for i, t in enumerate(texts)]
    bare = spacy.blank("en")
    nlp = load_pipeline()
    rates = best_rates(
        {
            "bare": lambda: [None for _ in bare.pipe(texts, batch_size=256)],
            "full": lambda: [None for _ in nlp.pipe(texts, batch_size=256)],
            "extract": lambda: [None for _ in extract_records(records, nlp=nlp)],
        },
        n,
    )
    base = rates["bare"]
    print(f"{n} synthetic postings x 400 words, one process, best of 11 interleaved rounds")
    print(f"bare spacy.blank('en') tokenizer : {base:7.0f} docs/s")
    print(f"tokenizer + skillpulse_skills    : {rates['full']:7.0f} docs/s  ({rates['full'] / base:.2f}x)")
    print(f"extract_records (dicts out)      : {rates['extract']:7.0f} docs/s  ({rates['extract'] / base:.2f}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
