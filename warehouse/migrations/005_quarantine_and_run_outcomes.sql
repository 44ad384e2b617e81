-- 005: what a run could not take as it was (quarantine), and how runs that never published ended.
CREATE TABLE meta.quarantine (
    run_id          VARCHAR NOT NULL,
    stage           VARCHAR NOT NULL,
    source          VARCHAR,
    record_id       VARCHAR,
    action          VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,
    payload         VARCHAR,
    payload_chars   BIGINT,
    quarantined_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE meta.quarantine IS 'One row per record a stage (crawl, load, extract) could not take as it was: dropped records keep their payload here; truncated or repaired ones were stored with the change. Nothing bad is fatal to a run; it is counted here instead.';
COMMENT ON COLUMN meta.quarantine.run_id IS 'The run that met the record (meta.runs.run_id).';
COMMENT ON COLUMN meta.quarantine.stage IS 'crawl / load / extract.';
COMMENT ON COLUMN meta.quarantine.source IS 'Source id, when known.';
COMMENT ON COLUMN meta.quarantine.record_id IS 'The record''s id at its source (source_id), or source:source_id at extraction; NULL when it had none.';
COMMENT ON COLUMN meta.quarantine.action IS 'dropped (not stored; retried when the source sends it again) / truncated (text cut before extraction) / repaired (invalid characters replaced).';
COMMENT ON COLUMN meta.quarantine.reason IS 'What was wrong, in one line.';
COMMENT ON COLUMN meta.quarantine.payload IS 'The record as it came, for dropped records (first 100,000 characters); NULL when it is stored elsewhere.';
COMMENT ON COLUMN meta.quarantine.payload_chars IS 'Length of the whole payload in characters.';
COMMENT ON COLUMN meta.quarantine.quarantined_at IS 'When the record was quarantined.';

ALTER TABLE meta.runs ADD COLUMN quarantined BIGINT;
ALTER TABLE meta.runs ADD COLUMN repaired BIGINT;
ALTER TABLE meta.runs ADD COLUMN stage_reached VARCHAR;
ALTER TABLE meta.runs ADD COLUMN error VARCHAR;
COMMENT ON TABLE meta.runs IS 'One row per refresh run: every run that published, and every run that failed or was killed before publishing (recorded by the next run that publishes).';
COMMENT ON COLUMN meta.runs.status IS 'success / partial (some sources failed) / reextract (no crawl: postings re-extracted with new taxonomy or extractor versions) / failed (stopped with an error, published nothing) / killed (stopped without a word, e.g. SIGKILL or power loss, published nothing).';
COMMENT ON COLUMN meta.runs.finished_at IS 'When the run finished building (the data is as of this time); for failed and killed runs, when it was last heard of.';
COMMENT ON COLUMN meta.runs.quarantined IS 'Records the run dropped into meta.quarantine (all stages).';
COMMENT ON COLUMN meta.runs.repaired IS 'Records the run stored with a change: text truncated or invalid characters replaced (in meta.quarantine too).';
COMMENT ON COLUMN meta.runs.stage_reached IS 'The last stage the run started: crawl / load / extract / marts / publish (published runs: publish).';
COMMENT ON COLUMN meta.runs.error IS 'For failed runs, the error that stopped it (one line).';
