"""The postings behind one point of a trend line (warehouse/skill_queries.period_evidence), on the
demo warehouse: for a week they come from mart.skill_evidence alone, and must be exactly the
counted postings of that week that ask for the skill, with that unit's copies."""

from __future__ import annotations

from warehouse import skill_queries
from warehouse.connect import read_only
from warehouse.trends import Segment


def reference(db, skill: str, period_type: str, period, family: str | None = None) -> list[tuple]:
    with read_only(db) as con:
        return con.execute(
            """SELECT c.posting_id, c.copies, c.remote, c.region FROM core.counted_postings AS c
               JOIN core.posting_skills AS s USING (posting_id)
               WHERE c.period_type = ? AND c.period = ? AND s.skill = ? AND (? IS NULL OR c.family = ?)
               GROUP BY ALL ORDER BY c.posting_id""", [period_type, period, skill, family, family]).fetchall()


def test_a_weeks_and_a_months_postings_are_the_counted_ones(demo_warehouse):
    with read_only(demo_warehouse) as con:
        cases = con.execute(
            """SELECT skill, period_type, period, family FROM (
                   SELECT s.skill, c.period_type, c.period, c.family, count(*) AS n
                   FROM core.counted_postings AS c JOIN core.posting_skills AS s USING (posting_id)
                   GROUP BY ALL)
               WHERE n BETWEEN 3 AND 40
               QUALIFY row_number() OVER (PARTITION BY period_type ORDER BY n DESC, skill, period) <= 3""").fetchall()
    assert sorted(c[1] for c in cases) == ["month"] * 3 + ["week"] * 3
    for skill, period_type, period, family in cases:
        for segment, fam in ((Segment(), None), (Segment(family=family), family)):
            got = skill_queries.period_evidence(demo_warehouse, skill, segment, period_type=period_type, period=period)
            rows = sorted(zip(got["posting_id"], got["copies"], got["remote"], got["region"]))
            assert rows == reference(demo_warehouse, skill, period_type, period, fam), (skill, period_type, period)
            assert list(got["posted_at"]) == sorted(got["posted_at"], reverse=True)
    # and a week of a skill nobody asked for is empty, not an error
    assert skill_queries.period_evidence(demo_warehouse, "No Such Skill", period_type="week",
                                         period=cases[0][2]).empty
