-- 002: pay as hourly and yearly equivalents, so postings paid by the hour and by the year compare.
ALTER TABLE raw.postings ADD COLUMN salary_hourly_min DOUBLE;
ALTER TABLE raw.postings ADD COLUMN salary_hourly_max DOUBLE;
ALTER TABLE raw.postings ADD COLUMN salary_annual_min DOUBLE;
ALTER TABLE raw.postings ADD COLUMN salary_annual_max DOUBLE;
COMMENT ON COLUMN raw.postings.salary_hourly_min IS 'Lower bound of pay as an hourly equivalent (2,080 hours a year).';
COMMENT ON COLUMN raw.postings.salary_hourly_max IS 'Upper bound of pay as an hourly equivalent.';
COMMENT ON COLUMN raw.postings.salary_annual_min IS 'Lower bound of pay as a yearly equivalent.';
COMMENT ON COLUMN raw.postings.salary_annual_max IS 'Upper bound of pay as a yearly equivalent.';
