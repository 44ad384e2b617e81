-- materialized: table
-- grain: one row per (period_type, period) from the first to the last period with data, gaps included
-- key: period_type, period
-- description: The calendar of weeks and months, with how many postings each counts and whether it is complete. A period is complete when it ended before the data's as-of date: the day of the latest crawl, or three days after the newest posting if that is earlier (the data cannot be complete far past its newest posting, and a quiet weekend does not make a week look unfinished). The current week or month is incomplete: figures for it are marked, never drawn as a drop. Windows end at the last complete period.
-- column period_type: week or month.
-- column period: First day of the period.
-- column period_end: Last day of the period.
-- column is_complete: The whole period lies before the data's as-of date.
-- column postings: Counted postings in the period (core.counted_postings); 0 for a gap.
-- column sources: Sources with at least one counted posting in the period.
-- column as_of: The data's as-of date the completeness is judged against.
-- values period_type: week, month
WITH as_of AS (
    SELECT least(CAST(max(last_seen_at) AS DATE), max(posted_at) + 3) AS as_of FROM core.postings
),
bounds AS (
    SELECT period_type, min(period) AS first_period, max(period) AS last_period
    FROM core.counted_postings GROUP BY period_type
),
calendar AS (
    SELECT 'week' AS period_type, CAST(unnest(generate_series(first_period, last_period, INTERVAL 7 DAY)) AS DATE) AS period
    FROM bounds WHERE period_type = 'week'
    UNION ALL
    SELECT 'month', CAST(unnest(generate_series(first_period, last_period, INTERVAL 1 MONTH)) AS DATE)
    FROM bounds WHERE period_type = 'month'
),
counted AS (
    SELECT period_type, period, count(*) AS postings, count(DISTINCT source) AS sources
    FROM core.counted_postings GROUP BY period_type, period
)
SELECT c.period_type, c.period,
       CASE c.period_type WHEN 'week' THEN c.period + 6
            ELSE CAST(c.period + INTERVAL 1 MONTH AS DATE) - 1 END AS period_end,
       (CASE c.period_type WHEN 'week' THEN c.period + 6
             ELSE CAST(c.period + INTERVAL 1 MONTH AS DATE) - 1 END) < a.as_of AS is_complete,
       coalesce(n.postings, 0) AS postings, coalesce(n.sources, 0) AS sources, a.as_of
FROM calendar AS c
CROSS JOIN as_of AS a
LEFT JOIN counted AS n USING (period_type, period)
