-- 009: what each posting asks as proof of a skill (skills/proof.py), mined once per posting content
-- and proof-rules version (warehouse/proofs.py), never per build.
CREATE TABLE raw.proof_scans (
    posting_id          VARCHAR NOT NULL,
    content_hash        VARCHAR NOT NULL,
    proof_rules_version VARCHAR NOT NULL,
    proofs_found        INTEGER NOT NULL,
    scanned_at          TIMESTAMP NOT NULL,
    PRIMARY KEY (posting_id, proof_rules_version)
);
COMMENT ON TABLE raw.proof_scans IS 'Which postings were read for proofs, with which proof rules (warehouse/proofs.py), including those where none was found: one row per posting, for its current content and the rules version that read it.';
COMMENT ON COLUMN raw.proof_scans.posting_id IS 'source:source_id of the posting.';
COMMENT ON COLUMN raw.proof_scans.content_hash IS 'raw.postings.content_hash when it was read; a new content is read again.';
COMMENT ON COLUMN raw.proof_scans.proof_rules_version IS 'Version of skills/data/proof_rules.json that read it; a new version reads every posting again.';
COMMENT ON COLUMN raw.proof_scans.proofs_found IS 'Proofs found in the posting (rows in raw.posting_proofs).';
COMMENT ON COLUMN raw.proof_scans.scanned_at IS 'When it was read.';

CREATE TABLE raw.posting_proofs (
    posting_id          VARCHAR NOT NULL,
    content_hash        VARCHAR NOT NULL,
    proof_rules_version VARCHAR NOT NULL,
    category            VARCHAR NOT NULL,
    start_char          INTEGER NOT NULL,
    end_char            INTEGER NOT NULL,
    phrase              VARCHAR,
    sentence            VARCHAR,
    sentence_start      INTEGER NOT NULL,
    sentence_end        INTEGER NOT NULL,
    years_min           INTEGER,
    years_max           INTEGER,
    topic               VARCHAR,
    topic_start         INTEGER,
    topic_end           INTEGER,
    optional            BOOLEAN,
    PRIMARY KEY (posting_id, proof_rules_version, category, start_char)
);
COMMENT ON TABLE raw.posting_proofs IS 'Each proof a posting asks for (skills/proof.py): a portfolio or GitHub, a test or trial task, a degree, a certification, years of experience; with offsets into the description and the sentence it sits in. Mined once per content and rules version (raw.proof_scans).';
COMMENT ON COLUMN raw.posting_proofs.posting_id IS 'source:source_id of the posting.';
COMMENT ON COLUMN raw.posting_proofs.content_hash IS 'raw.postings.content_hash of the text the proof was found in.';
COMMENT ON COLUMN raw.posting_proofs.proof_rules_version IS 'Version of skills/data/proof_rules.json that found it.';
COMMENT ON COLUMN raw.posting_proofs.category IS 'assessment, portfolio, certification, degree or experience.';
COMMENT ON COLUMN raw.posting_proofs.start_char IS 'Start offset of the matched phrase in the description.';
COMMENT ON COLUMN raw.posting_proofs.end_char IS 'End offset of the matched phrase (exclusive).';
COMMENT ON COLUMN raw.posting_proofs.phrase IS 'The matched phrase as written (untrusted text).';
COMMENT ON COLUMN raw.posting_proofs.sentence IS 'The sentence it sits in, whitespace collapsed, cut to ~300 characters around the phrase (untrusted text).';
COMMENT ON COLUMN raw.posting_proofs.sentence_start IS 'Start offset of the whole sentence in the description.';
COMMENT ON COLUMN raw.posting_proofs.sentence_end IS 'End offset of the whole sentence (exclusive).';
COMMENT ON COLUMN raw.posting_proofs.years_min IS 'Experience: the least years asked ("3+" and "3-5" give 3); NULL for other categories and for "up to 3" or "several years".';
COMMENT ON COLUMN raw.posting_proofs.years_max IS 'Experience: the most years asked ("3-5" gives 5, "up to 3" gives 3); NULL when open-ended.';
COMMENT ON COLUMN raw.posting_proofs.topic IS 'Experience: what the years attach to, as written ("React", "Python, SQL and Airflow"); NULL when the sentence does not say.';
COMMENT ON COLUMN raw.posting_proofs.topic_start IS 'Start offset of the topic in the description.';
COMMENT ON COLUMN raw.posting_proofs.topic_end IS 'End offset of the topic (exclusive).';
COMMENT ON COLUMN raw.posting_proofs.optional IS 'Degree: true when its clause lets experience replace it or says it is not required ("or equivalent experience", "preferred"); NULL for other categories.';
