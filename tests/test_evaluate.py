"""The gold set (references, not copies) and the scoring behind `skillpulse evaluate`."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from crawlers.recorded import posting_text, recorded_postings, source_of, text_sha256
from skills.evaluate import NOT_IN_TAXONOMY, evaluate, format_report, resolve_gold
from skills.gold import GoldError, GoldPosting, check_text, iter_selection, load_gold, spans_from_mentions, split_of
from skills.taxonomy import load_taxonomy
from tests.conftest import SHARED_DATA, run_cli

TAX = load_taxonomy()


# --------------------------------------------------------------------------- scoring


def test_strict_partial_and_posting_matching():
    text = "Python 3 and Go, plus React Native and SQL"
    gold = [(0, 8, "Python"), (13, 15, "Go"), (22, 34, "React Native"), (39, 42, "SQL")]
    pred = [(0, 6, "Python"),            # partial only (gold includes the version)
            (13, 15, "Go"),              # exact
            (22, 27, "React"),           # wrong skill inside React Native: no match at all
            (39, 42, "SQL"), (39, 42, "SQL")]  # a duplicate prediction counts once
    r = evaluate([("p1", text, pred, gold)], TAX)
    strict, partial, posting = (r.overall[m] for m in ("strict", "partial", "posting"))
    assert (strict.tp_gold, strict.pred, strict.gold) == (2, 4, 4)
    assert strict.precision == 0.5 and strict.recall == 0.5
    assert (partial.tp_gold, partial.precision, partial.recall) == (3, 0.75, 0.75)
    # Per posting: {Python, Go, React, SQL} predicted vs {Python, Go, React Native, SQL} gold.
    assert (posting.tp_gold, posting.pred, posting.gold) == (3, 4, 4)
    assert r.by_ambiguous["Go"]["strict"].f1 == 1.0
    assert r.by_category["frameworks_libraries"]["strict"].recall == 0.0


def test_gold_names_resolve_through_aliases_and_unknown_ones_are_misses():
    gold = resolve_gold([(0, 8, "postgres"), (10, 20, "Totally New Tool")], TAX)
    assert gold[0][2] == "PostgreSQL" and gold[1][2] == "Totally New Tool"
    r = evaluate([("p", "x" * 30, [(0, 8, "PostgreSQL")], gold)], TAX)
    assert r.overall["strict"].recall == 0.5 and r.overall["strict"].precision == 1.0
    assert r.unresolved == {"Totally New Tool": 1}
    assert r.by_category[NOT_IN_TAXONOMY]["strict"].gold == 1
    assert "Totally New Tool (1)" in format_report(r)


def test_empty_postings_count_for_precision():
    r = evaluate([("p", "We go live in May.", [(3, 5, "Go")], [])], TAX, keep_mistakes=True)
    assert r.overall["strict"].precision == 0.0 and r.overall["strict"].recall is None
    assert [(m.kind, m.text) for m in r.mistakes] == [("spurious", "go")]


# --------------------------------------------------------------------------- drafting spans


def test_spans_from_mentions_whole_words_skips_and_longest_wins():
    text = "React and React Native; go live with Go. Golang? C++ and C#, not C+."
    spans = spans_from_mentions(text, [
        {"text": "React", "skill": "React"},
        {"text": "React Native", "skill": "React Native"},
        {"text": "Go", "skill": "Go"},             # case-sensitive: "go live" is not matched
        {"text": "C++", "skill": "C++"},
        {"text": "C#", "skill": "C#"},
    ])
    assert [(text[s:e], k) for s, e, k in spans] == [
        ("React", "React"), ("React Native", "React Native"), ("Go", "Go"), ("C++", "C++"), ("C#", "C#")]
    assert spans_from_mentions("go Go go", [{"text": "go", "skill": "Go", "ignore_case": True, "skip": [0, 2]}]) == [(3, 5, "Go")]
    with pytest.raises(GoldError, match="does not occur"):
        spans_from_mentions(text, [{"text": "Rust", "skill": "Rust"}])
    with pytest.raises(GoldError, match="out of range"):
        spans_from_mentions(text, [{"text": "Go", "skill": "Go", "skip": [3]}])


def test_check_text_notices_a_moved_text():
    text = "Python and SQL"
    g = GoldPosting("f", "1", "s", "test", text_sha256(text), "a", ((0, 6, "Python"),))
    check_text(g, text)
    with pytest.raises(GoldError, match="changed since annotation"):
        check_text(g, text + " ")


# --------------------------------------------------------------------------- the gold set itself


def test_selection_is_fixed_by_hash_and_spans_sources():
    selection = list(iter_selection())
    assert len(selection) >= 200
    assert all(s["split"] == split_of(s["file"], s["id"]) for s in selection)
    assert Counter(s["split"] for s in selection)["test"] >= 150
    assert len({s["source"] for s in selection}) >= 5
    for s in selection:
        assert source_of(SHARED_DATA / s["file"]) == s["source"]


def test_gold_set_is_references_into_the_recordings():
    gold = load_gold()
    selected = {(s["file"], s["id"]): s for s in iter_selection()}
    assert len(gold) >= 150, "the gold set has fewer than 150 annotated postings"
    assert len({g.source for g in gold}) >= 5
    assert sum(g.split == "test" for g in gold) >= 100
    texts: dict[str, dict[str, str]] = {}
    for g in gold:
        assert g.key in selected and selected[g.key]["split"] == g.split
        if g.file not in texts:
            texts[g.file] = {p["source_id"]: p["description"] or "" for p in recorded_postings(SHARED_DATA / g.file)}
        text = texts[g.file][g.id]
        check_text(g, text)  # the offsets still point into the same normalised text
        for start, end, skill in g.spans:
            assert text[start:end].strip() == text[start:end] and text[start:end], (g.key, start, end, skill)
    # The repository holds references only: no posting text is copied into the gold files.
    some = posting_text(SHARED_DATA / gold[0].file, gold[0].id)["description"]
    raw = "".join(p.read_text(encoding="utf-8") for p in (load_gold.__globals__["GOLD_DIR"]).glob("*.jsonl"))
    assert some[:60] not in raw


# --------------------------------------------------------------------------- the command


def test_evaluate_cli_prints_figures_for_the_test_split():
    out = run_cli("evaluate").stdout
    assert "split test" in out and "**overall**" in out and "Per ambiguous skill" in out
    figures = json.loads(run_cli("evaluate", "--json").stdout)
    strict = figures["overall"]["strict"]
    assert figures["postings"] >= 100 and strict["gold"] > 500
    assert 0.0 < strict["precision"] <= 1.0 and 0.0 < strict["recall"] <= 1.0
    partial = figures["overall"]["partial"]
    assert partial["precision"] >= strict["precision"] and partial["recall"] >= strict["recall"]


def test_evaluate_refuses_to_show_test_errors():
    refused = run_cli("evaluate", "--show-errors", "5", check=False)
    assert refused.returncode == 2 and "dev only" in refused.stderr
    dev = run_cli("evaluate", "--split", "dev", "--show-errors", "5").stdout
    assert "split dev" in dev and ("missed" in dev or "spurious" in dev)


def test_per_source_figures_and_bootstrap_interval():
    items = [(f"hn:{i}", "Python", [(0, 6, "Python")], [(0, 6, "Python")]) for i in range(10)]
    items += [(f"remoteok:{i}", "Python", [], [(0, 6, "Python")]) for i in range(10)]
    r = evaluate(items, TAX)
    assert r.by_source["hn"]["strict"].recall == 1.0 and r.by_source["remoteok"]["strict"].recall == 0.0
    low, high = r.f1_interval("strict")
    assert low < r.overall["strict"].f1 < high  # 2/3, with real spread from resampling
    assert r.f1_interval("strict") == (low, high)  # seeded: the same figures every run
    assert "Per source" in format_report(r)


# --------------------------------------------------------------------------- inter-annotator agreement


def _second_copy(tmp_path, postings, annotator="second", edit=None):
    """Write ``postings`` as someone else's second annotation into tmp_path/agreement/."""
    import dataclasses

    directory = tmp_path / "agreement"
    directory.mkdir(exist_ok=True)
    lines = []
    for g in postings:
        spans = edit(g.spans) if edit else g.spans
        lines.append(dataclasses.replace(g, annotator=annotator, spans=tuple(spans)).to_json())
    (directory / "x.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def test_agreement_of_identical_annotations_is_perfect_and_a_dropped_span_shows(tmp_path):
    from flows.gold import run_agreement

    some = [g for g in load_gold() if g.source == "hackernews" and g.spans][:5]
    report, pairs = run_agreement(SHARED_DATA, directory=_second_copy(tmp_path, some))
    assert report.postings == 5 and pairs == {("lead", "second"): 5}
    assert report.overall["strict"].f1 == 1.0 and report.overall["posting"].f1 == 1.0
    n = sum(len(g.spans) for g in some)
    # The second annotator misses each posting's first span: recall falls by exactly 5 spans.
    report, _ = run_agreement(SHARED_DATA, directory=_second_copy(tmp_path, some, edit=lambda s: s[1:]))
    strict = report.overall["strict"]
    assert (strict.gold, strict.pred, strict.tp_gold) == (n, n - 5, n - 5)
    assert strict.precision == 1.0 and strict.recall == (n - 5) / n


def test_agreement_compares_unknown_skill_names_loosely(tmp_path):
    from flows.gold import run_agreement

    g = next(g for g in load_gold() if g.spans)
    renamed = lambda spans: [(s, e, "PCI-DSS") for s, e, _ in spans]  # noqa: E731
    first = type(g)(g.file, g.id, g.source, g.split, g.sha256, g.annotator, tuple(renamed(g.spans)))
    # Same spans, the unknown name spelt "pci dss" by the second annotator: still agreement.
    directory = _second_copy(tmp_path, [first], edit=lambda spans: [(s, e, "pci  dss") for s, e, _ in spans])
    report, _ = run_agreement(SHARED_DATA, directory=directory, gold=[first])
    assert report.overall["strict"].f1 == 1.0
    assert report.unresolved == {"pci dss": len(g.spans)}


def test_agreement_needs_the_first_annotation_and_another_annotator(tmp_path):
    from flows.gold import add, run_agreement

    with pytest.raises(GoldError, match="no second annotations"):
        run_agreement(SHARED_DATA, directory=tmp_path / "none")
    g = load_gold()[0]
    draft = tmp_path / "draft.jsonl"
    draft.write_text(json.dumps({"file": g.file, "id": g.id, "mentions": []}) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match="needs --annotator"):
        add(draft, SHARED_DATA, None, second=True)
    assert add(draft, SHARED_DATA, g.annotator, second=True) == 1  # the same person twice is refused


def test_committed_second_annotations_are_real_and_scored_by_the_cli():
    from skills.gold import load_second_annotations

    second = load_second_annotations()
    first = {g.key: g for g in load_gold()}
    assert len(second) >= 10
    assert all(g.key in first and g.annotator != first[g.key].annotator for g in second)
    figures = json.loads(run_cli("evaluate", "--agreement", "--json").stdout)
    assert figures["postings"] == len(second)
    strict = figures["overall"]["strict"]
    assert strict["gold"] == sum(len(first[g.key].spans) for g in second)
    assert 0.5 < strict["f1"] < 1.0  # two people never agree perfectly, and these two mostly do
    assert "inter-annotator agreement" in run_cli("evaluate", "--agreement").stdout


# --------------------------------------------------------------------------- near-duplicate postings

LAWNSTARTER = "sources/remotive/remotive_api_workverse.json"  # one job posted for eleven US cities


def _texts(keys):
    from flows.gold import recorded_records

    return {k: r["description"] or "" for k, r in recorded_records(list(keys), SHARED_DATA).items()}


def test_near_duplicate_groups_on_real_postings():
    from skills.gold import near_duplicate_groups

    copies = [(LAWNSTARTER, str(i)) for i in range(2091049, 2091060)]
    # Same company, different roles (0.71 similar): two postings, not one.
    same_company = [(LAWNSTARTER, "2090986"), (LAWNSTARTER, "2091067")]
    texts = _texts(copies + same_company)
    assert len({t.split("\n", 1)[0] for t in (texts[k] for k in copies)}) > 1  # the city line differs
    assert near_duplicate_groups(texts) == [copies]


def test_score_once_keeps_one_copy_and_a_dev_copy_keeps_the_text_out_of_test():
    from skills.gold import score_once

    def posting(i, split):
        return GoldPosting(LAWNSTARTER, str(i), "remotive", split, "x", "a", ())

    texts = _texts([(LAWNSTARTER, str(i)) for i in (2091050, 2091053, 2091054)])
    test_only = [posting(2091050, "test"), posting(2091053, "test")]
    kept, copies = score_once(test_only, texts)
    assert [g.id for g in kept] == ["2091050"] and [(c.id, k.id) for c, k in copies] == [("2091053", "2091050")]
    # Once a copy is annotated in dev (and may have been looked at while tuning), the text is dev.
    kept, copies = score_once(test_only + [posting(2091054, "dev")], texts)
    assert [(g.id, g.split) for g in kept] == [("2091054", "dev")] and len(copies) == 2


def test_the_scored_gold_set_holds_each_text_once_and_no_text_in_both_splits():
    from skills.gold import near_duplicate_groups, score_once

    gold = load_gold()
    texts = _texts([g.key for g in gold])
    kept, copies = score_once(gold, texts)
    assert copies and len(kept) + len(copies) == len(gold)
    assert near_duplicate_groups({g.key: texts[g.key] for g in kept}) == []
    for copy, instead in copies:
        assert instead.split == "dev" or copy.split == "test"  # a dev text never scores as test
    figures = json.loads(run_cli("evaluate", "--json").stdout)
    assert figures["postings"] == sum(g.split == "test" for g in kept)
    assert figures["near_duplicate_copies_not_scored"] == sum(k.split == "test" for _, k in copies)


def test_add_refuses_a_copy_of_an_annotated_posting(tmp_path, capsys):
    from flows.gold import add

    annotated = {g.key for g in load_gold()}
    assert (LAWNSTARTER, "2091050") in annotated and (LAWNSTARTER, "2091054") not in annotated
    draft = tmp_path / "draft.jsonl"
    draft.write_text(json.dumps({"file": LAWNSTARTER, "id": "2091054", "mentions": []}) + "\n", encoding="utf-8")
    before = (load_gold.__globals__["GOLD_DIR"] / "remotive.jsonl").read_bytes()
    assert add(draft, SHARED_DATA) == 1
    assert "near-duplicate copy" in capsys.readouterr().err
    assert (load_gold.__globals__["GOLD_DIR"] / "remotive.jsonl").read_bytes() == before
