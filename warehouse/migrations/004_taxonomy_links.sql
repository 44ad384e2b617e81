-- 004: the taxonomy's links to the open taxonomies, and where each taxonomy version came from.
ALTER TABLE raw.taxonomy_skills ADD COLUMN esco_uri VARCHAR;
ALTER TABLE raw.taxonomy_skills ADD COLUMN onet_name VARCHAR;
COMMENT ON COLUMN raw.taxonomy_skills.esco_uri IS 'ESCO v1.1.1 concept URI of the skill, where one exists.';
COMMENT ON COLUMN raw.taxonomy_skills.onet_name IS 'O*NET Technology Skills name of the skill, where one exists.';
COMMENT ON COLUMN meta.runs.status IS 'success / partial (some sources failed) / reextract (no crawl: postings re-extracted with new taxonomy or extractor versions).';
