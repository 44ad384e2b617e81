-- materialized: table
-- grain: one row per skill mention in a posting, for the extractor and taxonomy versions in use
-- key: posting_id, skill, start_char
-- partition: posting_id
-- description: Where each skill is mentioned in each posting (character offsets into core.postings.description).
-- column posting_id: core.postings.posting_id.
-- column skill: Canonical skill name.
-- column category: Skill category.
-- column start_char: Start offset of the mention in the description (inclusive).
-- column end_char: End offset of the mention in the description (exclusive).
-- column surface: The mention as written.
-- column taxonomy_version: Taxonomy version.
-- column extractor_version: Extractor version.
SELECT m.posting_id, m.skill, m.category, m.start_char, m.end_char, m.surface,
       m.taxonomy_version, m.extractor_version
FROM raw.skill_mentions AS m
JOIN core.postings AS p USING (posting_id)
WHERE m.taxonomy_version = getvariable('taxonomy_version')
  AND m.extractor_version = getvariable('extractor_version')
