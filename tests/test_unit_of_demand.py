"""Given/expect tests of the unit of demand: which postings are one job, and how often a job counts
(core.posting_clusters, core.counted_postings), on a real DuckDB file built by the real layers."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from skills.roles import load_role_rules
from skills.taxonomy import load_taxonomy
from warehouse import connect, load, migrate, models
from warehouse.features import sentence_sketch, sketch_similarity, title_parts, update_features

BODY = ("Acme builds payment software for small shops across Europe. You will design and ship backend "
        "services that handle millions of requests every day. We work in small teams with a lot of "
        "autonomy and weekly releases. You have five years of experience building distributed systems. "
        "We offer a remote-first culture, a learning budget and four weeks of holiday.")
OTHER_BODY = ("Globex runs a marketplace for industrial parts and needs a careful engineer. You will own "
              "the search service and its ranking models. Our stack is boring on purpose and very well "
              "tested. You know how to keep latency low under load. Relocation support is available "
              "for candidates in the United States.")


def posting(source: str, source_id: str, posted_at: str, *, title: str = "Backend Engineer",
            company: str = "Acme", description: str = BODY, url: str | None = None) -> dict:
    return {"source": source, "source_id": source_id, "title": title, "company": company,
            "description": description, "posted_at": posted_at,
            "url": url or f"https://{source}.example/jobs/{source_id}", "tags": [], "raw": {"id": source_id},
            "employment_type": "full_time", "remote": "remote", "crawled_at": "2026-12-01T00:00:00Z"}


def build(tmp_path: Path, rows: list[dict]) -> duckdb.DuckDBPyConnection:
    con = connect.connect_writer(tmp_path / "w.duckdb")
    migrate.migrate(con)
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    load.load_postings(con, crawl, "run-1")
    update_features(con, tmp_path, load_role_rules(), load_taxonomy())
    models.build_models(con, taxonomy_version="t", extractor_version="e")
    assert not any(models.check_keys(con).values())
    return con


def jobs(con) -> dict[str, str]:
    return dict(con.execute("SELECT posting_id, job_id FROM core.posting_clusters").fetchall())


def counted(con, period_type: str) -> list[tuple[str, str, int]]:
    return con.execute(
        """SELECT CAST(period AS VARCHAR), posting_id, copies FROM core.counted_postings
           WHERE period_type = ? ORDER BY period, posting_id""", [period_type]).fetchall()


def test_the_same_job_on_several_boards_in_one_week_counts_once(tmp_path):
    reformatted = BODY.replace(". ", ".\n- ") + "\nApply through our careers page today please."
    con = build(tmp_path, [
        posting("remotive", "1", "2026-11-02"),
        posting("greenhouse", "g1", "2026-11-04", company="ACME Inc.", description=reformatted),
        posting("weworkremotely", "w1", "2026-11-05", title="Backend Engineer - Remote"),
    ])
    ids = jobs(con)
    assert ids["remotive:1"] == ids["greenhouse:g1"] == ids["weworkremotely:w1"]
    assert counted(con, "week") == [("2026-11-02", "remotive:1", 3)]
    assert counted(con, "month") == [("2026-11-01", "remotive:1", 3)]


def test_city_variants_of_one_job_count_once(tmp_path):
    # 11 copies of one job, one per city (the case seen in the recorded Remotive data)
    cities = ["Montevideo", "Campinas", "Bogotá", "Lima", "Santiago", "Quito", "Asunción", "La Paz",
              "Caracas", "Córdoba", "Medellín"]
    con = build(tmp_path, [posting("remotive", str(i), "2026-11-03", title=f"Staff Product Engineer ({city})")
                           for i, city in enumerate(cities)])
    assert len(set(jobs(con).values())) == 1
    assert [c[2] for c in counted(con, "week")] == [11]


def test_engineer_go_and_engineer_python_stay_two_jobs(tmp_path):
    con = build(tmp_path, [
        posting("remotive", "1", "2026-11-03", title="Engineer (Go)"),
        posting("remotive", "2", "2026-11-03", title="Engineer (Python)"),
        posting("remotive", "3", "2026-11-04", title="Engineer (Golang)"),  # another spelling of Go
    ])
    ids = jobs(con)
    assert ids["remotive:1"] != ids["remotive:2"]
    assert ids["remotive:1"] == ids["remotive:3"]
    assert len(counted(con, "week")) == 2


def test_two_openings_with_one_title_but_different_descriptions_stay_two_jobs(tmp_path):
    con = build(tmp_path, [posting("remotive", "1", "2026-11-03"),
                           posting("remotive", "2", "2026-11-03", description=OTHER_BODY)])
    assert len(set(jobs(con).values())) == 2
    assert len(counted(con, "week")) == 2


def test_a_job_posted_again_next_month_counts_again_there(tmp_path):
    # HN "Who is hiring?" threads are monthly: the same comment text, a new id each month.
    con = build(tmp_path, [posting("hackernews", "100", "2026-09-01"),
                           posting("hackernews", "200", "2026-10-01"),
                           posting("hackernews", "300", "2026-10-02")])  # reposted in the same thread
    assert len(set(jobs(con).values())) == 1  # one job across time...
    assert counted(con, "month") == [("2026-09-01", "hackernews:100", 1), ("2026-10-01", "hackernews:200", 2)]
    assert [c[1] for c in counted(con, "week")] == ["hackernews:100", "hackernews:200"]  # ...counted per period


@pytest.mark.parametrize("gap_days", [30, 31])
def test_whether_a_repost_counts_does_not_hinge_on_30_or_31_days(tmp_path, gap_days):
    from datetime import date, timedelta

    second = (date(2026, 9, 15) + timedelta(days=gap_days)).isoformat()
    con = build(tmp_path, [posting("remotive", "1", "2026-09-15"), posting("remotive", "2", second)])
    assert len(counted(con, "month")) == 2 and len(counted(con, "week")) == 2


def test_without_a_company_the_link_minus_tracking_parameters_is_the_job(tmp_path):
    con = build(tmp_path, [
        posting("remotive", "1", "2026-11-03", company="", url="https://x.example/j/7?utm_source=a"),
        posting("jobicy", "2", "2026-11-04", company="", url="https://x.example/j/7?ref=feed"),
        posting("jobicy", "3", "2026-11-04", company="", url="https://x.example/j/8"),
    ])
    ids = jobs(con)
    assert ids["remotive:1"] == ids["jobicy:2"] != ids["jobicy:3"]


def test_title_parts_and_sketches():
    assert title_parts("Staff Product Engineer (Montevideo)") == ("staffproductengineer", "Montevideo")
    assert title_parts("Senior Engineer - Remote") == ("seniorengineer", "Remote")
    assert title_parts("C++ Developer")[0] != title_parts("C Developer")[0]
    a = sentence_sketch(BODY)
    assert len(a) == 5 and sketch_similarity(a, a) == 1.0
    assert sketch_similarity(a, sentence_sketch(BODY.replace(". ", ".\n\n"))) == 1.0  # formatting only
    assert sketch_similarity(a, sentence_sketch(OTHER_BODY)) == 0.0
    assert sketch_similarity(a, sentence_sketch(BODY + " One more sentence about the team.")) == pytest.approx(5 / 6)
