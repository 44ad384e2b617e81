-- materialized: table
-- grain: one row per (period_type, period, job): the unit of demand
-- key: period_type, period, job_id
-- partition: posting_id
-- description: The counted postings: each job once in each week and once in each month in which it was posted (core.posting_clusters), represented by its canonical copy, with that copy's segments and pay. Every share SkillPulse shows is a count of these rows.
-- column period_type: week or month.
-- column period: First day of the period (Monday of the ISO week, or the 1st of the month).
-- column job_id: The job (core.posting_clusters.job_id).
-- column posting_id: The canonical copy that stands for the job in the period.
-- column copies: Postings of the job in the period (boards, cities, reposts) the counted one stands for.
-- column posted_at: Publication date of the canonical copy.
-- column family: Role family id of the canonical copy.
-- column remote: Work arrangement: remote / hybrid / onsite / unknown.
-- column region: Region segment.
-- column employment_type: full_time / part_time / contract / freelance / internship / unknown.
-- column seniority: Seniority from the title.
-- column source: Source of the canonical copy.
-- column salary_currency: ISO 4217 currency of the stated pay, when parsed.
-- column hourly_pay: Midpoint of the stated pay as an hourly equivalent (2,080 hours a year), when usable.
-- values period_type: week, month
-- values remote: remote, hybrid, onsite, unknown
-- values employment_type: full_time, part_time, contract, freelance, internship, unknown
-- values seniority: intern, junior, mid, senior, lead, principal, director, executive, unknown
-- values region: North America, Latin America, Europe, Middle East & Africa, Asia-Pacific, Worldwide, Multiple regions, Unknown
SELECT 'week' AS period_type, week AS period, job_id, posting_id, cluster_size AS copies, posted_at,
       family, coalesce(remote, 'unknown') AS remote, region, coalesce(employment_type, 'unknown') AS employment_type,
       coalesce(seniority, 'unknown') AS seniority, source, salary_currency,
       (coalesce(salary_hourly_min, salary_hourly_max) + coalesce(salary_hourly_max, salary_hourly_min)) / 2 AS hourly_pay
FROM core.postings
WHERE is_canonical
UNION ALL
SELECT 'month' AS period_type, month AS period, job_id, posting_id, cluster_size_month AS copies, posted_at,
       family, coalesce(remote, 'unknown') AS remote, region, coalesce(employment_type, 'unknown') AS employment_type,
       coalesce(seniority, 'unknown') AS seniority, source, salary_currency,
       (coalesce(salary_hourly_min, salary_hourly_max) + coalesce(salary_hourly_max, salary_hourly_min)) / 2 AS hourly_pay
FROM core.postings
WHERE is_canonical_month
