"""Hacker News 'Who is hiring?': the recorded July 2024 thread through the real spider and CLI over
loopback, served as the Firebase API serves it (one item per path)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawlers.replay import Archive, ReplayServer
from tests.conftest import SHARED_DATA, make_archive, read_jsonl, run_cli

HN_FILE = SHARED_DATA / "sources" / "hackernews" / "firebase_whoishiring_2024-07_item40846428.json"
USER_PATH = "/v0/user/whoishiring.json"
STORY_ID = 40846428  # "Ask HN: Who is hiring? (July 2024)", recorded
# Ids of whoishiring stories there is no recording of. Fixture ids, chosen only so that their order
# (HN ids grow with time) matches their months; the stories served for some of them are minimal
# fixtures shaped like Firebase story items, and none of them is a real capture.
HIRING_AUG, FREELANCER_JUL, WANTS_JUL, HIRING_JUN, HIRING_MAY = 41129813, 40846427, 40846426, 40563283, 40224213
FIXTURE_KIDS = {"seeking": 40999001, "null": 40999002, "malformed": 40999003,
                "aug": 41130001, "wants": 40999004, "jun": 40563300}


def item(item_id: int) -> str:
    return f"/v0/item/{item_id}.json"


def fixture_story(item_id: int, title: str, kids: list[int]) -> dict:
    return {"by": "whoishiring", "descendants": len(kids), "id": item_id, "kids": kids, "score": 1,
            "time": 1719846109, "title": title, "type": "story"}


class RecordingResponses(dict):
    """The archive's responses, noting every path asked for (found or not)."""

    def __init__(self, responses: dict) -> None:
        super().__init__(responses)
        self.requested: list[str] = []

    def get(self, key, default=None):
        self.requested.append(key[0])
        return super().get(key, default)


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads(HN_FILE.read_text(encoding="utf-8"))


def crawl(tmp_path: Path, recorded: dict, submitted: list[int], extra: dict[int, object], *cli_args: str):
    """Serve the user, the recorded story and its comments, plus ``extra`` items; run the CLI."""
    assert not set(FIXTURE_KIDS.values()) & {c["id"] for c in recorded["comments"]}
    bodies = tmp_path / "bodies"
    bodies.mkdir()
    responses = []

    def add(path: str, body: object) -> None:
        body_file = bodies / f"{len(responses)}.json"
        body_file.write_bytes(body if isinstance(body, bytes) else json.dumps(body).encode())
        responses.append({"path": path, "body_file": body_file})

    # The user document, shaped as the API documents it; no recorded user response exists.
    add(USER_PATH, {"about": "This account posts the monthly hiring threads.", "created": 1301511478,
                    "id": "whoishiring", "karma": 100, "submitted": submitted})
    add(item(STORY_ID), recorded["post"])
    for comment in recorded["comments"]:
        add(item(comment["id"]), comment)
    for item_id, body in extra.items():
        add(item(item_id), body)
    archive = Archive.load(make_archive(tmp_path / "archive", responses))
    archive.responses = RecordingResponses(archive.responses)
    out = tmp_path / "hackernews.jsonl"
    with ReplayServer(archive) as server:
        completed = run_cli("crawl", "hackernews", "--base-url", server.base_url, "--out", str(out), *cli_args)
        requested = list(archive.responses.requested)
    stats = json.loads(out.with_name(out.name + ".stats.json").read_text())["scrapy"]
    return completed, read_jsonl(out), stats, requested


def test_default_crawl_latest_hiring_and_freelancer_threads(tmp_path, recorded):
    kids = FIXTURE_KIDS
    seeking = {"by": "example", "id": kids["seeking"], "parent": FREELANCER_JUL, "time": 1719850000,
               "type": "comment",
               "text": "SEEKING FREELANCER | Example Studio | Remote (EU) | Django developer, ~3 months"
                       "<p>We need help moving an app to Django 5 &amp; Postgres 16.</p>"}
    extra = {
        FREELANCER_JUL: fixture_story(FREELANCER_JUL, "Ask HN: Freelancer? Seeking freelancer? (July 2024)",
                                      [kids["seeking"], kids["null"], kids["malformed"]]),
        kids["seeking"]: seeking,
        kids["null"]: b"null",  # what Firebase answers for an id it does not know
        kids["malformed"]: b'{"by": "x", "id": 40999003, "text": "Acme | Eng',
    }
    # WANTS_JUL and HIRING_JUN have no response: fetching either would be a 404.
    completed, postings, stats, requested = crawl(
        tmp_path, recorded, [HIRING_JUN, WANTS_JUL, FREELANCER_JUL, STORY_ID], extra)

    # 407 top-level comments in the recorded thread: 12 deleted (3 of them also dead) and 13 more
    # dead (counted by hand in the file: 'deleted' / 'dead' flags) leave 382; plus 1 from the
    # freelancer fixture (its null and malformed items are counted, not posted).
    assert len(postings) == 383
    assert "hackernews: 383 postings" in completed.stderr
    kept = {str(c["id"]) for c in recorded["comments"] if not c.get("deleted") and not c.get("dead")}
    assert {p["source_id"] for p in postings} == kept | {str(kids["seeking"])}
    assert stats["skillpulse/hn_skipped_deleted"] == 12
    assert stats["skillpulse/hn_skipped_dead"] == 13
    assert stats["skillpulse/hn_null_item"] == 1
    assert stats["skillpulse/bad_response/hackernews"] == 1
    assert stats["skillpulse/hn_stories/hiring"] == 1 and stats["skillpulse/hn_stories/freelancer"] == 1
    assert stats["skillpulse/postings/hackernews"] == 383

    # The walk stopped once it had both threads: "Who wants to be hired?" and June never fetched.
    assert item(WANTS_JUL) not in requested and item(HIRING_JUN) not in requested
    assert set(requested) == ({"/robots.txt", USER_PATH, item(STORY_ID), item(FREELANCER_JUL)}
                              | {item(c["id"]) for c in recorded["comments"]}
                              | {item(k) for k in (kids["seeking"], kids["null"], kids["malformed"])})
    assert stats["downloader/response_status_count/404"] == 1  # robots.txt, absent on the mirror

    by_id = {p["source_id"]: p for p in postings}
    immunant = by_id["40931676"]  # checked by hand against the recorded comment
    assert immunant["title"] == "Software Engineer" and immunant["company"] == "Immunant"
    assert immunant["location"] == "REMOTE (US only)" and immunant["remote"] == "remote"
    assert immunant["employment_type"] == "full_time"
    assert immunant["salary_text"] == "$110k - $150k + retirement benefits"
    assert immunant["posted_at"] == "2024-07-10" and immunant["posted_at_utc"] == "2024-07-10T21:29:35Z"
    assert immunant["url"] == "https://news.ycombinator.com/item?id=40931676"  # never the mirror
    assert immunant["description"].startswith(
        "Immunant | Software Engineer | REMOTE (US only) | Full-time | $110k - $150k + retirement benefits\n\n"
        "If you're interested in low-level, resource-constrained and/or privileged execution environments")
    assert immunant["raw"]["by"] == "dataking" and immunant["raw"]["parent"] == STORY_ID
    assert immunant["attribution"] == "Posting from Hacker News 'Who is hiring?' (news.ycombinator.com)"
    assert (immunant["category"], immunant["tags"]) == (None, ["hn:hiring"])

    antithesis = by_id["40852706"]
    assert antithesis["title"] == "Software Engineers, ML Research Scientists"
    assert (antithesis["company"], antithesis["location"], antithesis["remote"]) == (
        "Antithesis", "Northern VA", "onsite")
    assert antithesis["employment_type"] == "unknown" and antithesis["posted_at"] == "2024-07-02"
    assert "https://antithesis.com/" in antithesis["description"]  # the link's text, entities decoded

    quatt = by_id["40846503"]  # no role in the header: the title is the first line
    assert quatt["title"] == (
        "Quatt.io | Amsterdam, Netherlands | Full-time | Hybrid/ONSITE | https://quatt.io | climate tech")
    assert (quatt["company"], quatt["location"], quatt["remote"], quatt["employment_type"]) == (
        "Quatt.io", "Amsterdam, Netherlands", "hybrid", "full_time")
    assert "I'm head of Software at Quatt, a quickly growing startup/scaleup" in quatt["description"]

    freelance = by_id[str(kids["seeking"])]
    assert freelance["employment_type"] == "freelance" and freelance["company"] == "Example Studio"
    assert freelance["title"] == "Django developer, ~3 months" and freelance["remote"] == "remote"

    assert all(p["url"] == f"https://news.ycombinator.com/item?id={p['source_id']}" for p in postings)
    assert not any("&#x" in p["description"] or "<p>" in p["description"] for p in postings)
    assert all(p["posted_at"].startswith("2024-07-") for p in postings)


def test_months_selects_by_title_and_max_comments_caps(tmp_path, recorded):
    kids = FIXTURE_KIDS
    extra = {
        HIRING_AUG: fixture_story(HIRING_AUG, "Ask HN: Who is hiring? (August 2024)", [kids["aug"]]),
        WANTS_JUL: fixture_story(WANTS_JUL, "Ask HN: Who wants to be hired? (July 2024)", [kids["wants"]]),
        HIRING_JUN: fixture_story(HIRING_JUN, "Ask HN: Who is hiring? (June 2024)", [kids["jun"]]),
    }
    # FREELANCER_JUL has no response here (a 404: skipped, the walk goes on); HIRING_MAY is past
    # the first story older than the range (June), so it is never asked for.
    completed, postings, stats, requested = crawl(
        tmp_path, recorded, [HIRING_MAY, HIRING_JUN, WANTS_JUL, FREELANCER_JUL, STORY_ID, HIRING_AUG], extra,
        "--arg", "months=2024-07", "--arg", "max_comments=70")

    # The first 70 top-level comments of the July thread: the 66th (40851835) is deleted.
    assert len(postings) == 69
    first_70 = recorded["post"]["kids"][:70]
    assert {p["source_id"] for p in postings} == {str(k) for k in first_70} - {"40851835"}
    assert stats["skillpulse/hn_skipped_deleted"] == 1 and "skillpulse/hn_skipped_dead" not in stats
    assert stats["skillpulse/hn_comments_capped"] == 407 - 70
    assert stats["skillpulse/hn_stories/hiring"] == 1 and "skillpulse/hn_stories/freelancer" not in stats

    # Stories are read newest first for their titles; only July's hiring thread is crawled.
    assert [p for p in requested if p in {item(i) for i in (HIRING_AUG, STORY_ID, FREELANCER_JUL, WANTS_JUL,
                                                              HIRING_JUN, HIRING_MAY)}] == [
        item(HIRING_AUG), item(STORY_ID), item(FREELANCER_JUL), item(WANTS_JUL), item(HIRING_JUN)]
    for never in (kids["aug"], kids["wants"], kids["jun"], HIRING_MAY, *recorded["post"]["kids"][70:]):
        assert item(never) not in requested
    assert stats["downloader/response_status_count/404"] == 2  # robots.txt and FREELANCER_JUL


def test_comments_already_stored_are_not_fetched_again(tmp_path, recorded):
    """A nightly crawl fetches only the new comments: ids in `seen_file` are skipped."""
    live = [c["id"] for c in recorded["comments"]]
    seen = tmp_path / "seen.txt"
    seen.write_text("\n".join(str(i) for i in live[:300]) + "\n")
    completed, postings, stats, requested = crawl(
        tmp_path, recorded, [STORY_ID], {}, "--arg", f"seen_file={seen}")
    assert stats["skillpulse/hn_skipped_seen"] == 300
    assert not {item(i) for i in live[:300]} & set(requested)
    assert {item(i) for i in live[300:]} <= set(requested)
    assert {p["source_id"] for p in postings} <= {str(i) for i in live[300:]}
