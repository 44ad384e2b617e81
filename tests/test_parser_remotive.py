"""The Remotive parser (pure) on the real recorded response."""

from __future__ import annotations

import json

import pytest

from crawlers.parsers import remotive
from tests.conftest import REMOTIVE_FILE


@pytest.fixture(scope="module")
def payload():
    return json.loads(REMOTIVE_FILE.read_text(encoding="utf-8-sig"))


def test_every_record_maps_to_a_posting(payload):
    jobs = list(remotive.iter_jobs(payload))
    assert len(jobs) == 35 == remotive.declared_count(payload)
    fields = [remotive.posting_fields(j) for j in jobs]
    assert len({f["source_id"] for f in fields}) == 35
    assert all(f["source"] == "remotive" and f["remote"] == "remote" for f in fields)
    assert all(f["raw"] is j for f, j in zip(fields, jobs))


def test_hand_checked_record(payload):
    job = next(j for j in payload["jobs"] if j["id"] == 1919265)
    fields = remotive.posting_fields(job)
    assert fields["title"] == "Senior Independent Software Developer"
    assert fields["company"] == "A.Team"
    assert fields["category"] == "Software Development"
    assert fields["employment_type"] == "contract"
    assert fields["salary_text"] == "$90 - $150 /hour"
    assert fields["location"] == "Americas, Europe, Israel"


def test_not_a_remotive_envelope_is_refused():
    with pytest.raises(ValueError, match="not a Remotive response"):
        list(remotive.iter_jobs({"data": []}))
    with pytest.raises(ValueError):
        list(remotive.iter_jobs([1, 2]))
