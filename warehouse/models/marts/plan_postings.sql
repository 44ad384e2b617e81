-- materialized: table
-- grain: one row per counted posting (weekly unit) of the last 52 complete weeks
-- key: posting_id
-- partition: posting_id
-- description: What a learning plan reads: each counted posting of the last 52 complete weeks with its segments, pay and the list of skills it asks for, so "which postings does one more skill bring within reach" is one scan, never a join per request (warehouse/plan.py). Postings with no skill found are kept (skills is empty) but never count as within reach.
-- column posting_id: The counted posting (core.counted_postings, weekly unit).
-- column week: Monday of its week.
-- column posted_at: Publication date.
-- column family: Role family id.
-- column remote: Work arrangement.
-- column region: Region segment.
-- column employment_type: Employment type.
-- column seniority: Seniority from the title.
-- column source: Source.
-- column hourly_pay: Stated pay as an hourly equivalent (midpoint), when usable.
-- column salary_currency: Currency of the stated pay.
-- column copies: Copies of the job that week.
-- column title: Job title as posted (untrusted text: escape when displaying).
-- column company: Hiring company as posted (untrusted text).
-- column url: Link back to the posting (http/https only).
-- column skills: The distinct skills the posting asks for, sorted.
-- column core_skills: The same without soft skills (communication, teamwork, ...): the skills that decide whether a posting is within reach.
-- values remote: remote, hybrid, onsite, unknown
-- values employment_type: full_time, part_time, contract, freelance, internship, unknown
WITH bounds AS (
    SELECT max(period) AS end_week FROM mart.periods WHERE period_type = 'week' AND is_complete
),
counted AS (
    SELECT c.*
    FROM core.counted_postings AS c, bounds AS b
    WHERE c.period_type = 'week' AND c.period <= b.end_week AND c.period > b.end_week - INTERVAL 52 WEEK
),
skill_lists AS (
    SELECT ps.posting_id, list_sort(list(DISTINCT ps.skill)) AS skills,
           list_sort(list(DISTINCT ps.skill) FILTER (WHERE coalesce(k.category, '') <> 'soft_skills')) AS core_skills
    FROM core.posting_skills AS ps LEFT JOIN core.skills AS k USING (skill)
    WHERE ps.posting_id IN (SELECT posting_id FROM counted) GROUP BY ps.posting_id
)
SELECT c.posting_id, c.period AS week, c.posted_at, c.family, c.remote, c.region, c.employment_type,
       c.seniority, c.source, c.hourly_pay, c.salary_currency, c.copies, p.title, p.company, p.url,
       coalesce(s.skills, CAST([] AS VARCHAR[])) AS skills,
       coalesce(s.core_skills, CAST([] AS VARCHAR[])) AS core_skills
FROM counted AS c
JOIN core.postings AS p USING (posting_id)
LEFT JOIN skill_lists AS s USING (posting_id)
ORDER BY c.period, c.posting_id
