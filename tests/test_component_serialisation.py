"""The compiled matcher saved with the pipeline: fast start-up, identical output, no taxonomy needed."""

from __future__ import annotations

import json
import shutil
import time

import spacy

from crawlers.recorded import recorded_postings
from skills.component import SkillMatcher
from skills.extract import extract_records, load_pipeline
from skills.taxonomy import DEFAULT_TAXONOMY_PATH
from tests.conftest import SHARED_DATA


def real_texts(n: int = 60) -> list[str]:
    texts = [p["description"] or "" for p in recorded_postings(SHARED_DATA / "sources/remotive/remotive_api_workverse.json")]
    texts += [p["description"] or "" for p in recorded_postings(SHARED_DATA / "sources/remoteok/remoteok_api_2026-03-17.json")]
    return texts[:n]


def ents(nlp, text):
    return [(e.start_char, e.end_char, e.kb_id_) for e in nlp(text).ents]


def test_to_disk_from_disk_gives_identical_results_without_the_taxonomy_files(tmp_path):
    # Build from a custom taxonomy file plus an overlay, save, then delete both files.
    taxonomy = tmp_path / "taxonomy.json"
    shutil.copy(DEFAULT_TAXONOMY_PATH, taxonomy)
    overlay = tmp_path / "overlay.json"
    overlay.write_text(json.dumps({"skills": [{"name": "Frobnix", "category": "tools_platforms"}],
                                   "stop_words": ["Python"]}), encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("skillpulse_skills", config={"taxonomy_path": str(taxonomy), "overlays": [str(overlay)]})
    texts = real_texts() + ["We use Frobnix, Python and Go services.", "Our Java blend is roasted daily; ask the barista."]
    before = [ents(nlp, t) for t in texts]
    assert any(before), "the sample must contain skills"
    assert ("Frobnix" in {k for _, _, k in before[-2]}) and ("Python" not in {k for _, _, k in before[-2]})
    nlp.to_disk(tmp_path / "pipeline")
    taxonomy.unlink()
    overlay.unlink()

    loaded = spacy.load(tmp_path / "pipeline")
    assert [ents(loaded, t) for t in texts] == before
    pipe = loaded.get_pipe("skillpulse_skills")
    assert isinstance(pipe, SkillMatcher)
    assert pipe.taxonomy.version == nlp.get_pipe("skillpulse_skills").taxonomy.version
    assert "+" in pipe.taxonomy.version  # the overlay is part of the saved version


def test_from_disk_skips_compiling(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("skillpulse_skills")
    t0 = time.perf_counter()
    nlp("warm")  # compiles the patterns from the taxonomy (tokenises every surface)
    build = time.perf_counter() - t0
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.blank("en")
    pipe = loaded.add_pipe("skillpulse_skills")
    t0 = time.perf_counter()
    pipe.from_disk(tmp_path / "p" / "skillpulse_skills")
    restore = time.perf_counter() - t0
    assert pipe._ready
    # Reading compiled token sequences must beat tokenising ~20,000 surface variants.
    assert restore < build, (restore, build)


def test_to_bytes_round_trip():
    nlp = load_pipeline()
    data = nlp.get_pipe("skillpulse_skills").to_bytes()
    other = spacy.blank("en")
    other.add_pipe("skillpulse_skills").from_bytes(data)
    text = "Senior Go developer: Kubernetes, Postgres, React.js/Redux and C++/Rust."
    assert ents(other, text) == ents(nlp, text)


def test_n_process_gives_the_same_output_in_order():
    records = [{"id": i, "text": t} for i, t in enumerate(real_texts(40))]
    one = list(extract_records(records, n_process=1, batch_size=8))
    two = list(extract_records(records, n_process=2, batch_size=8))
    assert one == two
    assert [r["id"] for r in two] == list(range(len(records)))


def test_extract_records_streams():
    """A generator in is consumed lazily: the first result arrives before the input ends."""
    pulled = []

    def source():
        for i in range(10_000):
            pulled.append(i)
            yield {"id": i, "text": "Python and SQL"}

    first = next(extract_records(source(), batch_size=16))
    assert first["id"] == 0 and len(pulled) < 100
