"""The extract contract under hostile input: every good line comes out, unchanged; every bad one is
reported with its line number; nothing stops the stream (issue 9, items 1, 2 and 6)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from skills.extract import MAX_TEXT_CHARS, extract_records, extract_stream, load_pipeline
from tests.conftest import REPO, run_cli

NLP = load_pipeline()
GOOD_TEXTS = [
    "Senior backend engineer: Python, PostgreSQL and Kubernetes; React is a plus.",
    "Design in Figma, prototype in Framer, hand off to engineers using TypeScript.",
    "We go live in May. Backend services in Go, deployed on AWS with Terraform.",
    "Copywriter for SEO content; Google Analytics and HubSpot experience wanted.",
    "",
]


def alone(record: dict) -> dict:
    """What a record gives on its own: the reference a record in a hostile stream must match."""
    return next(extract_records([record], nlp=NLP))


def run_stream(data: bytes | str, **kwargs):
    src = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    dst = io.StringIO()
    stats = extract_stream(src, dst, nlp=NLP, **kwargs)
    return [json.loads(line) for line in dst.getvalue().split("\n") if line], stats


def test_a_posting_over_a_million_characters_is_cut_and_counted_and_the_rest_go_on():
    huge = "We use Python and React every day. " * 40_000  # 1.4M characters: spaCy refuses 1M (E088)
    lines = [json.dumps({"id": 1, "text": GOOD_TEXTS[0]}), json.dumps({"id": 2, "text": huge}),
             json.dumps({"id": 3, "text": GOOD_TEXTS[1]})]
    out, stats = run_stream("\n".join(lines) + "\n")
    assert [r["id"] for r in out] == [1, 2, 3]
    assert out[0] == alone({"id": 1, "text": GOOD_TEXTS[0]}) and out[2] == alone({"id": 3, "text": GOOD_TEXTS[1]})
    assert stats.errors == [] and stats.count("truncated") == 1
    assert stats.warnings[0].startswith("line 2: text is 1,400,000 characters")
    # skills of the first part are kept, with offsets into the original text
    assert {s["skill"] for s in out[1]["skills"]} == {"Python", "React"}
    assert max(s["end"] for s in out[1]["skills"]) <= MAX_TEXT_CHARS
    assert all(huge[s["start"]:s["end"]] == s["text"] for s in out[1]["skills"])


def test_invalid_utf8_costs_only_its_own_line_and_lines_before_it_survive():
    data = (json.dumps({"id": 1, "text": GOOD_TEXTS[0]}) + "\n").encode()
    data += b'{"id": 2, "text": "caf\xe9 au lait, Kubernetes"}\n'  # latin-1 byte in UTF-8 input
    data += b"\xff\xfe\x00garbage\n"
    data += (json.dumps({"id": 4, "text": GOOD_TEXTS[2]}) + "\n").encode()
    out, stats = run_stream(data)
    assert [r["id"] for r in out] == [1, 2, 4]
    assert out[1]["skills"][0]["skill"] == "Kubernetes"
    assert [e.split(":")[0] for e in stats.errors] == ["line 3"]
    assert stats.warnings == ["line 2: invalid UTF-8 at byte 22 (undecodable bytes replaced with U+FFFD)"]


def test_lone_surrogates_in_valid_json_are_replaced_and_the_output_is_valid_utf8():
    line = '{"id": "a\\ud800b", "title": "Dev \\udfff", "text": "Rust \\ud800 and Python"}\n'
    out, stats = run_stream(line.encode())
    assert out[0]["id"] == "a\ud800b"  # the id goes back exactly as it came (\\u-escaped JSON)
    assert [s["skill"] for s in out[0]["skills"]] == ["Python"]
    assert stats.count("repaired") == 1 and stats.errors == []


@pytest.mark.parametrize("line, reason", [
    ("{broken", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    ('"just a string"', "not a JSON object"),
    ('{"text": "Python"}', "missing 'id'"),
    ('{"id": {"a": 1}, "text": "x"}', "'id' must be a string or an integer"),
    ('{"id": true, "text": "x"}', "'id' must be a string or an integer"),
    ('{"id": 1}', "missing 'text'"),
    ('{"id": 1, "text": ["Python"]}', "'text' must be a string"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_each_bad_line_is_reported_with_its_number_between_good_ones(line, reason):
    good = json.dumps({"id": 1, "text": "Python"})
    out, stats = run_stream(f"{good}\n{line}\n{good}\n")
    assert [r["id"] for r in out] == [1, 1]
    assert len(stats.errors) == 1 and stats.errors[0].startswith("line 2: ") and reason in stats.errors[0]


@Language.component("explodes_on_marker")
def _explodes_on_marker(doc):
    # A real spaCy component that fails on one text: what an extractor bug on one record looks like.
    if "KABOOM" in doc.text:
        raise ValueError("this record breaks the pipeline")
    return doc


@pytest.fixture(scope="module")
def fragile_nlp():
    fragile = spacy.blank("en")  # its own pipeline, so the shared cached one stays clean
    fragile.add_pipe("skillpulse_skills")
    fragile.add_pipe("explodes_on_marker", before="skillpulse_skills")
    return fragile


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_record_that_breaks_the_pipeline_is_skipped_alone(fragile_nlp, n_process):
    records = [{"id": i, "text": GOOD_TEXTS[i % 4]} for i in range(40)]
    records[17] = {"id": 17, "text": "KABOOM with Python"}
    src = io.StringIO("".join(json.dumps(r) + "\n" for r in records))
    dst = io.StringIO()
    stats = extract_stream(src, dst, nlp=fragile_nlp, batch_size=8, n_process=n_process)
    out = [json.loads(line) for line in dst.getvalue().splitlines()]
    assert [r["id"] for r in out] == [i for i in range(40) if i != 17]
    assert all(r == alone(records[r["id"]]) for r in out)
    assert stats.errors == ["line 18: the extractor failed: ValueError: this record breaks the pipeline"]


def test_extract_records_without_a_report_still_raises_so_one_output_per_input_holds(fragile_nlp):
    with pytest.raises(RuntimeError, match="extraction failed for record 'x'"):
        list(extract_records([{"id": "x", "text": "KABOOM"}], nlp=fragile_nlp))


# ---- property: whatever surrounds them, good records come out exactly as they would alone

_json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text())
_json_values = st.recursive(_json_scalars, lambda inner: st.lists(inner, max_size=3)
                            | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
_hostile_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)
_good = st.builds(lambda i, t, title: {"id": i, "text": t, **({"title": title} if title else {})},
                  st.integers(0, 10**6), st.sampled_from(GOOD_TEXTS),
                  st.sampled_from([None, "Senior Go Developer", "Data Engineer"]))
_hostile_line = st.one_of(
    st.binary(max_size=60),  # not UTF-8, not JSON
    _json_values.map(lambda v: json.dumps(v).encode()),  # JSON, but not a record
    st.builds(lambda i, t: json.dumps({"id": i, "text": t}).encode(),  # a record of hostile text
              st.one_of(st.integers(), st.text(max_size=8)), _hostile_text),
    st.builds(lambda v: json.dumps({"id": 1, "text": v}).encode(), _json_values),  # wrong type
    st.just(b'{"id": "\\ud800", "text": "\\udc00 Python \\ud83d"}'),
)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_good.map(lambda r: ("good", r)), _hostile_line.map(lambda b: ("hostile", b))),
                max_size=12))
def test_good_records_come_out_unchanged_whatever_is_mixed_in(lines):
    data = b"".join((json.dumps(item).encode() if kind == "good" else item.replace(b"\n", b" ")) + b"\n"
                    for kind, item in lines)
    out, stats = run_stream(data)  # never raises
    good = [item for kind, item in lines if kind == "good"]
    goods_out = [r for r in out if isinstance(r.get("id"), int) and any(g["id"] == r["id"] for g in good)]
    for record in good:
        assert alone(record) in goods_out
    assert stats.written == len(out) and stats.read >= len(out)
    # every line is accounted for: written, or reported with its number
    skipped_lines = {int(e.split(":")[0].split()[1]) for e in stats.errors}
    assert stats.written + len(skipped_lines) == stats.read


def test_the_cli_writes_every_good_line_and_names_each_bad_one(tmp_path):
    huge = "Kubernetes " * 120_000
    data = (json.dumps({"id": "a", "text": "Python"}) + "\n").encode()
    data += b'{"id": "b", "text": "caf\xe9 SQL"}\n{broken\n'
    data += (json.dumps({"id": "c", "text": huge}) + "\n" + '{"id": "d", "text": "x \\ud800 React"}\n').encode()
    src = tmp_path / "in.jsonl"
    src.write_bytes(data)
    out = tmp_path / "out.jsonl"
    completed = run_cli("extract", "--input", str(src), "--output", str(out), check=False)
    assert completed.returncode == 1  # a line was skipped: say so to a script
    assert "Traceback" not in completed.stderr
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in written] == ["a", "b", "c", "d"]
    assert "line 3: not valid JSON" in completed.stderr
    assert "line 2: invalid UTF-8" in completed.stderr and "line 4: text is 1,320,000 characters" in completed.stderr
    assert "line 5: 1 lone surrogate(s) replaced" in completed.stderr
    assert "extracted 4 postings (1 bad lines skipped, 1 texts cut" in completed.stderr

    # the same through stdin and stdout
    piped = subprocess.run([sys.executable, "-m", "flows.cli", "extract"], input=data, capture_output=True,
                           cwd=REPO, timeout=300)
    assert [json.loads(line)["id"] for line in piped.stdout.decode().splitlines()] == ["a", "b", "c", "d"]
    assert b"line 3: not valid JSON" in piped.stderr and b"Traceback" not in piped.stderr
