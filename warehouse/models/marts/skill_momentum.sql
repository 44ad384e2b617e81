-- materialized: table
-- grain: one row per (niche, skill) seen in the niche's 13-week windows
-- key: niche, skill
-- description: How much a skill is asked for now and how that is moving, per niche (role family) and for all niches: the 13-week view of mart.skill_trends (last 13 complete weeks vs the 13 before, on the stable panel of sources), with the status that says whether the change is real. change_pp is NULL where the evidence is below the minimum, so thin skills never top a ranking.
-- column niche: Niche (the role family's label), or 'All niches'.
-- column skill: Canonical skill name.
-- column skill_category: Taxonomy category of the skill.
-- column postings_recent: Counted postings in the last 13 complete weeks mentioning the skill.
-- column postings_total_recent: All counted postings in the niche in those weeks.
-- column share_recent: postings_recent / postings_total_recent.
-- column share_recent_low: Lower bound of the 95% Wilson interval of share_recent.
-- column share_recent_high: Upper bound of the 95% Wilson interval of share_recent.
-- column share_previous: The same share in the 13 weeks before.
-- column change_pp: share_recent - share_previous, in percentage points; NULL when the status is too little data.
-- column growth_pct: Relative change of the share, in percent (from the log ratio).
-- column q_value: Benjamini-Hochberg q value of the change across the niche's skills.
-- column status: emerging / rising / stable / declining / too little data.
-- column postings_all_time: Counted postings (weekly unit) mentioning the skill in the niche in all weeks.
-- column first_seen_week: Monday of the week the skill was first seen in the niche.
-- column last_week: Monday of the last complete week (the window ends with it).
-- values status: emerging, rising, stable, declining, too little data
WITH labels AS (
    SELECT family, label FROM raw.role_families WHERE roles_version = getvariable('roles_version')
),
trend AS (
    SELECT CASE WHEN t.segment_kind = 'all' THEN 'All niches' ELSE coalesce(l.label, 'Other') END AS niche, t.*
    FROM mart.skill_trends AS t LEFT JOIN labels AS l ON t.segment_kind = 'family' AND l.family = t.segment
    WHERE t.horizon_weeks = 13 AND t.segment_kind IN ('all', 'family')
),
all_time AS (
    SELECT niche, skill, sum(postings_with_skill) AS postings_all_time
    FROM mart.weekly_skill_share GROUP BY ALL
)
SELECT t.niche, t.skill, k.category AS skill_category,
       t.postings_recent, t.segment_postings_recent AS postings_total_recent,
       t.share_recent, t.share_recent_low, t.share_recent_high, t.share_before AS share_previous,
       CASE WHEN t.status <> 'too little data' THEN 100 * (t.share_recent - t.share_before) END AS change_pp,
       t.growth_pct, t.q_value, t.status,
       CAST(coalesce(a.postings_all_time, 0) AS BIGINT) AS postings_all_time,
       CAST(date_trunc('week', t.first_seen) AS DATE) AS first_seen_week,
       CAST(t.window_end - 6 AS DATE) AS last_week
FROM trend AS t
LEFT JOIN all_time AS a USING (niche, skill)
LEFT JOIN core.skills AS k ON k.skill = t.skill
