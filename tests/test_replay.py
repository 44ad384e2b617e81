"""The replay server: path and query fidelity over real HTTP on loopback."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from crawlers.replay import Archive, ReplayServer
from tests.conftest import REMOTIVE_FILE


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_recorded_bodies_are_served_byte_for_byte(tmp_path):
    archive = Archive(tmp_path)
    archive.add("/api/remote-jobs", REMOTIVE_FILE.read_bytes())
    archive.add("/api/remote-jobs", b'{"jobs": []}', query="search=go&category=software-dev")
    archive.add("/limited", b"slow down", status=429, content_type="text/plain")
    with ReplayServer(tmp_path) as server:  # loaded back from disk, as `skillpulse replay` does
        status, body = fetch(server.base_url + "/api/remote-jobs")
        assert status == 200 and body == REMOTIVE_FILE.read_bytes()  # BOM included
        # query pairs match in any order, and only exactly
        assert fetch(server.base_url + "/api/remote-jobs?category=software-dev&search=go") == (200, b'{"jobs": []}')
        assert fetch(server.base_url + "/api/remote-jobs?search=go")[0] == 404
        assert fetch(server.base_url + "/api/remote-jobs/")[0] == 404
        assert fetch(server.base_url + "/limited") == (429, b"slow down")


def test_a_folder_without_manifest_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a replay archive"):
        ReplayServer(tmp_path)


def test_a_broken_manifest_line_names_its_line(tmp_path):
    (tmp_path / "responses.jsonl").write_text('{"path": "/a", "body_file": "x"}\nnot json\n')
    with pytest.raises(ValueError, match=r"responses.jsonl:2: bad archive entry"):
        Archive.load(tmp_path)


def test_record_then_replay_gives_the_same_postings(tmp_path):
    """`crawl --record DIR` writes an archive that `replay DIR` serves to an identical crawl."""
    from tests.conftest import make_archive, read_jsonl, run_cli

    source = make_archive(tmp_path / "source", [{"path": "/api/remote-jobs", "body_file": REMOTIVE_FILE}])
    recorded = tmp_path / "recorded"
    with ReplayServer(source) as server:
        run_cli("crawl", "remotive", "--base-url", server.base_url, "--out", str(tmp_path / "a.jsonl"),
                "--record", str(recorded))
    assert (recorded / "responses.jsonl").is_file()
    with ReplayServer(recorded) as server:
        run_cli("crawl", "remotive", "--base-url", server.base_url, "--out", str(tmp_path / "b.jsonl"))
    strip = lambda rows: sorted((r["source_id"], r["title"], r["description"]) for r in rows)  # noqa: E731
    first, second = read_jsonl(tmp_path / "a.jsonl"), read_jsonl(tmp_path / "b.jsonl")
    assert len(first) == 35 and strip(first) == strip(second)
