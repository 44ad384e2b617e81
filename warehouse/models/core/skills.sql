-- materialized: table
-- grain: one row per canonical skill in the taxonomy version in use
-- key: skill
-- description: The skills SkillPulse looks for (the taxonomy version of this build).
-- column skill: Canonical skill name.
-- column category: Skill category.
-- column aliases: Other names the skill goes by.
-- column ambiguous: Counted only with corroborating context.
-- column taxonomy_version: Taxonomy version.
SELECT skill, category, aliases, ambiguous, taxonomy_version
FROM raw.taxonomy_skills
WHERE taxonomy_version = getvariable('taxonomy_version')
