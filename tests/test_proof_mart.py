"""mart.skill_proof on the real demo build (generated corpus -> spider -> refresh flow): the proofs
stored once per posting are what skills/proof.py finds in its text, and the mart's figures are those
of skills.proof.years_from_proofs over the unit of demand of mart.plan_postings."""

from __future__ import annotations

import statistics
from collections import defaultdict

from skills.proof import find_proofs, years_from_proofs
from warehouse.connect import read_only


def test_the_mart_is_the_python_rule_over_the_stored_proofs(demo_warehouse):
    with read_only(demo_warehouse) as con:
        window = dict(con.execute("""SELECT p.posting_id, c.description FROM mart.plan_postings AS p
                                     JOIN core.postings AS c USING (posting_id)""").fetchall())
        mentions = con.execute("""SELECT posting_id, skill, start_char, end_char FROM core.posting_skills
                                  WHERE posting_id IN (SELECT posting_id FROM mart.plan_postings)""").fetchall()
        stored = defaultdict(list)
        for row in con.execute("""SELECT posting_id, category, start_char, end_char, sentence, years_min, years_max,
                                         topic, optional FROM raw.posting_proofs ORDER BY posting_id, start_char"""
                               ).fetchall():
            stored[row[0]].append(row[1:])
        mart = {r[0]: r[1:] for r in con.execute(
            """SELECT skill, postings, portfolio_postings, degree_postings, years_postings, years_median, shown
               FROM mart.skill_proof WHERE segment = 'all'""").fetchall()}
    assert len(window) > 1000 and sum(map(len, stored.values())) > 1000
    fresh = {pid: find_proofs(text) for pid, text in window.items()}
    for pid, proofs in fresh.items():  # mined once, and it is what the rules find in the text today
        assert [(p.category, p.start, p.end, p.sentence, p.years_min, p.years_max, p.topic, p.optional)
                for p in proofs] == stored.get(pid, []), pid
    # a posting's years for a skill: the largest least-years over the skill's mentions
    years: dict[tuple[str, str], int | None] = {}
    for pid, skill, start, end in mentions:
        found, have = years_from_proofs(fresh[pid], start, end)[0], years.get((pid, skill))
        years[(pid, skill)] = found if have is None else have if found is None else max(have, found)
    per_skill = defaultdict(list)
    for (pid, skill), value in years.items():
        per_skill[skill].append((pid, value))
    checked = 0
    for skill, rows in per_skill.items():
        postings, portfolio, degree, with_years, median, shown = mart[skill]
        assert postings == len(rows), skill  # the unit of mart.plan_postings
        assert portfolio == sum(any(p.category == "portfolio" for p in fresh[pid]) for pid, _ in rows), skill
        assert degree == sum(any(p.category == "degree" for p in fresh[pid]) for pid, _ in rows), skill
        stated = [v for _, v in rows if v is not None]
        assert with_years == len(stated), skill
        if shown and len(stated) >= 5:
            assert median == statistics.median(stated), skill
            checked += 1
    assert checked >= 10  # enough skills with years to mean something
