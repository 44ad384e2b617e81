"""Example queries of the research console (dashboard Research page): each answers one question a
researcher asks first, on the marts and core tables documented in docs/DICTIONARY.md. Kept here,
not in dashboard/, so the dashboard holds no SQL; tests/test_dashboard_research.py runs them."""

EXAMPLES = {
    "Fastest-growing skills, all postings (13 weeks)": """\
-- Skills whose share of postings grew most over the last 13 complete weeks against the 13 before
SELECT skill, postings_recent,
       round(100 * share_recent, 1) AS share_pct,
       round(100 * share_recent_low, 1) AS low_pct, round(100 * share_recent_high, 1) AS high_pct,
       round(growth_pct) AS growth_pct, round(q_value, 4) AS q, status
FROM mart.skill_trends
WHERE segment_kind = 'all' AND horizon_weeks = 13 AND status <> 'too little data'
ORDER BY growth DESC
LIMIT 20""",
    "The unit of demand: postings vs counted jobs per week": """\
-- A counted posting is one job in one week: copies of a job (other boards, other cities) count once.
SELECT period AS week, count(*) AS counted_jobs, CAST(sum(copies) AS BIGINT) AS postings,
       round(sum(copies) / count(*), 2) AS postings_per_job
FROM core.counted_postings
WHERE period_type = 'week'
GROUP BY period
ORDER BY period DESC
LIMIT 26""",
    "Skills that pair with React": """\
SELECT other_skill, support, round(100 * confidence) AS pct_of_react_postings,
       round(lift, 2) AS lift, round(npmi, 3) AS npmi
FROM mart.skill_pairs
WHERE segment = 'all' AND skill = 'React'
ORDER BY npmi DESC
LIMIT 10""",
    "Share of postings per role family, by month": """\
SELECT CAST(period AS VARCHAR) AS month, family, CAST(sum(postings) AS BIGINT) AS postings,
       round(100 * sum(postings) / sum(sum(postings)) OVER (PARTITION BY period), 1) AS share_pct
FROM mart.segment_counts
WHERE period_type = 'month'
GROUP BY period, family
ORDER BY period DESC, postings DESC""",
    "Every skill mention (more rows than the limit)": """\
SELECT m.posting_id, p.posted_at, m.skill, m.category, m.start_char, m.end_char
FROM core.posting_skills AS m JOIN core.postings AS p USING (posting_id)
ORDER BY p.posted_at DESC, m.posting_id, m.start_char""",
}


def first_rows_query(relation: str) -> str:
    """The console's "Query this table": its first 100 rows (``relation`` is a name from the
    schema browser, which lists the warehouse's own tables)."""
    return f"SELECT *\nFROM {relation}\nLIMIT 100"
