-- materialized: table
-- grain: one row per (week, niche, skill), every week of the niche for each skill seen in it
-- key: week, niche, skill
-- description: Weekly share of counted postings that mention a skill, per niche (role family) and for all niches together: postings mentioning it / all postings that week, with a 95% Wilson interval. The unit is core.counted_postings (a job once per week however many copies). The current week is marked incomplete. Finer segments: mart.skill_counts / mart.segment_counts.
-- column week: Monday of the ISO week.
-- column niche: Niche (the role family's label), or 'All niches'.
-- column skill: Canonical skill name.
-- column skill_category: Taxonomy category of the skill.
-- column postings_with_skill: Counted postings that week in the niche mentioning the skill at least once.
-- column postings_total: All counted postings that week in the niche.
-- column share: postings_with_skill / postings_total (0..1).
-- column ci_low: Lower bound of the 95% Wilson interval of share.
-- column ci_high: Upper bound of the 95% Wilson interval of share.
-- column is_complete: The week is over before the data's as-of date (mart.periods); an incomplete week is not a drop.
WITH labels AS (
    SELECT family, label FROM raw.role_families WHERE roles_version = getvariable('roles_version')
),
totals AS (
    SELECT period AS week, coalesce(l.label, 'Other') AS niche, sum(postings) AS postings_total
    FROM mart.segment_counts AS s LEFT JOIN labels AS l USING (family)
    WHERE period_type = 'week' GROUP BY ALL
    UNION ALL
    SELECT period, 'All niches', sum(postings) FROM mart.segment_counts WHERE period_type = 'week' GROUP BY ALL
),
hits AS (
    SELECT period AS week, coalesce(l.label, 'Other') AS niche, skill, sum(postings_with_skill) AS postings_with_skill
    FROM mart.skill_counts AS k LEFT JOIN labels AS l USING (family)
    WHERE period_type = 'week' GROUP BY ALL
    UNION ALL
    SELECT period, 'All niches', skill, sum(postings_with_skill) FROM mart.skill_counts WHERE period_type = 'week' GROUP BY ALL
),
niche_skills AS (
    SELECT DISTINCT niche, skill FROM hits
),
shares AS (
    SELECT t.week, t.niche, ns.skill, k.category AS skill_category,
           CAST(coalesce(h.postings_with_skill, 0) AS BIGINT) AS postings_with_skill,
           CAST(t.postings_total AS BIGINT) AS postings_total
    FROM totals AS t
    JOIN niche_skills AS ns USING (niche)
    LEFT JOIN hits AS h ON h.week = t.week AND h.niche = t.niche AND h.skill = ns.skill
    LEFT JOIN core.skills AS k ON k.skill = ns.skill
)
SELECT s.week, s.niche, s.skill, s.skill_category, s.postings_with_skill, s.postings_total,
       s.postings_with_skill / s.postings_total AS share,
       -- Wilson score interval, z = 1.96 (the same formula as warehouse/stats.py)
       greatest(0, (share + 1.96^2 / (2 * postings_total)
            - 1.96 * sqrt(share * (1 - share) / postings_total + 1.96^2 / (4 * postings_total^2)))
           / (1 + 1.96^2 / postings_total)) AS ci_low,
       least(1, (share + 1.96^2 / (2 * postings_total)
            + 1.96 * sqrt(share * (1 - share) / postings_total + 1.96^2 / (4 * postings_total^2)))
           / (1 + 1.96^2 / postings_total)) AS ci_high,
       p.is_complete
FROM shares AS s
JOIN mart.periods AS p ON p.period_type = 'week' AND p.period = s.week
