-- materialized: table
-- grain: one row per (period_type, period, family, remote, region, employment_type, seniority, source) with postings
-- key: period_type, period, family, remote, region, employment_type, seniority, source
-- partition: period_type, period
-- description: Counted postings per period and segment: the denominators of every share. Sum over the segment columns you do not filter on (a posting is in exactly one value of each).
-- column period_type: week or month.
-- column period: First day of the period.
-- column family: Role family id.
-- column remote: Work arrangement: remote / hybrid / onsite / unknown.
-- column region: Region segment.
-- column employment_type: full_time / part_time / contract / freelance / internship / unknown.
-- column seniority: Seniority from the title.
-- column source: Source of the counted copy.
-- column postings: Counted postings.
-- column postings_with_pay: Of which state a usable hourly-equivalent pay.
-- values period_type: week, month
-- values remote: remote, hybrid, onsite, unknown
-- values employment_type: full_time, part_time, contract, freelance, internship, unknown
-- values seniority: intern, junior, mid, senior, lead, principal, director, executive, unknown
-- values region: North America, Latin America, Europe, Middle East & Africa, Asia-Pacific, Worldwide, Multiple regions, Unknown
SELECT period_type, period, family, remote, region, employment_type, seniority, source,
       count(*) AS postings, count(hourly_pay) AS postings_with_pay
FROM core.counted_postings
GROUP BY ALL
