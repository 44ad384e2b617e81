-- 003: where a job is (countries, regions) and the seniority its title implies.
ALTER TABLE raw.postings ADD COLUMN country_codes VARCHAR[];
ALTER TABLE raw.postings ADD COLUMN regions VARCHAR[];
ALTER TABLE raw.postings ADD COLUMN seniority VARCHAR;
COMMENT ON COLUMN raw.postings.country_codes IS 'ISO 3166 alpha-2 codes of the countries the location names.';
COMMENT ON COLUMN raw.postings.regions IS 'Regions the location names (Worldwide, Europe, Americas, ...).';
COMMENT ON COLUMN raw.postings.seniority IS 'intern / junior / mid / senior / lead / principal / director / executive / unknown, from the title.';
