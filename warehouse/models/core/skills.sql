-- materialized: table
-- grain: one row per canonical skill in the taxonomy version in use
-- key: skill
-- description: The skills SkillPulse looks for (the taxonomy version of this build).
-- column skill: Canonical skill name.
-- column category: Skill category.
-- column aliases: Other names the skill goes by.
-- column ambiguous: Counted only with corroborating context.
-- column taxonomy_version: Taxonomy version.
-- column esco_uri: ESCO v1.1.1 concept URI, where one exists.
-- column onet_name: O*NET Technology Skills name, where one exists.
SELECT skill, category, aliases, ambiguous, taxonomy_version, esco_uri, onet_name
FROM raw.taxonomy_skills
WHERE taxonomy_version = getvariable('taxonomy_version')
