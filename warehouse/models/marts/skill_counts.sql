-- materialized: table
-- grain: one row per (period_type, period, family, remote, region, employment_type, seniority, source, skill) with postings
-- key: period_type, period, family, remote, region, employment_type, seniority, source, skill
-- partition: period_type, period
-- description: Counted postings mentioning each skill, per period and segment: the numerators of every share (divide by mart.segment_counts over the same filters). A posting counts once per skill however often it names it.
-- column period_type: week or month.
-- column period: First day of the period.
-- column family: Role family id.
-- column remote: Work arrangement.
-- column region: Region segment.
-- column employment_type: Employment type.
-- column seniority: Seniority from the title.
-- column source: Source of the counted copy.
-- column skill: Canonical skill name.
-- column postings_with_skill: Counted postings mentioning the skill.
-- column first_posted_at: Earliest publication date among them (for first-seen dates).
-- values period_type: week, month
-- values remote: remote, hybrid, onsite, unknown
-- values employment_type: full_time, part_time, contract, freelance, internship, unknown
-- values seniority: intern, junior, mid, senior, lead, principal, director, executive, unknown
-- values region: North America, Latin America, Europe, Middle East & Africa, Asia-Pacific, Worldwide, Multiple regions, Unknown
WITH posting_skills AS (
    SELECT DISTINCT posting_id, skill FROM core.posting_skills
)
SELECT c.period_type, c.period, c.family, c.remote, c.region, c.employment_type, c.seniority, c.source,
       s.skill, count(*) AS postings_with_skill, min(c.posted_at) AS first_posted_at
FROM core.counted_postings AS c
JOIN posting_skills AS s USING (posting_id)
GROUP BY ALL
-- Stored in skill order: trend lines ask for a few skills, and DuckDB then reads only the row
-- groups holding them (zone maps): the hits of a 4-skill weekly line at 1M postings 105 -> 18 ms.
ORDER BY s.skill, c.period_type, c.period
