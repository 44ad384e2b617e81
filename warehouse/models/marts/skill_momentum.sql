-- materialized: table
-- grain: one row per (niche, skill) seen in the niche
-- key: niche, skill
-- description: How much a skill is asked for now and how that is moving: share of postings in the last 12 weeks of data vs the same 12-week span half a year earlier, per niche and for all niches.
-- column niche: Niche (source category), or 'All niches'.
-- column skill: Canonical skill name.
-- column skill_category: Taxonomy category of the skill.
-- column postings_recent: Postings in the last 12 weeks mentioning the skill.
-- column postings_total_recent: All postings in the niche in the last 12 weeks.
-- column share_recent: postings_recent / postings_total_recent.
-- column share_previous: The same share in the 12 weeks that ended 26 weeks before the last week (NULL when the data does not reach back that far).
-- column change_pp: share_recent - share_previous, in percentage points (NULL without a baseline).
-- column postings_all_time: Postings mentioning the skill in all weeks.
-- column first_seen_week: First week the skill was mentioned in the niche.
-- column last_week: Last week of data (the window ends here).
WITH bounds AS (
    SELECT max(week) AS last_week FROM mart.weekly_skill_share
),
windowed AS (
    SELECT w.*,
           CASE WHEN w.week > b.last_week - INTERVAL 12 WEEK THEN 'recent'
                WHEN w.week <= b.last_week - INTERVAL 26 WEEK
                 AND w.week > b.last_week - INTERVAL 38 WEEK THEN 'previous' END AS window_name,
           b.last_week
    FROM mart.weekly_skill_share AS w, bounds AS b
)
SELECT
    niche,
    skill,
    any_value(skill_category) AS skill_category,
    CAST(sum(postings_with_skill) FILTER (window_name = 'recent') AS BIGINT) AS postings_recent,
    CAST(sum(postings_total) FILTER (window_name = 'recent') AS BIGINT) AS postings_total_recent,
    coalesce(sum(postings_with_skill) FILTER (window_name = 'recent')
        / nullif(sum(postings_total) FILTER (window_name = 'recent'), 0), 0) AS share_recent,
    sum(postings_with_skill) FILTER (window_name = 'previous')
        / nullif(sum(postings_total) FILTER (window_name = 'previous'), 0) AS share_previous,
    100 * (share_recent - share_previous) AS change_pp,
    CAST(sum(postings_with_skill) AS BIGINT) AS postings_all_time,
    min(week) FILTER (postings_with_skill > 0) AS first_seen_week,
    any_value(last_week) AS last_week
FROM windowed
GROUP BY niche, skill
