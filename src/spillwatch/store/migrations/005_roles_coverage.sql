-- 005: each actor's role in an event, and what each origin covers.
-- perpetrator_ids / party_ids ('|'-separated actor ids; target_ids already exists). Stores written
-- before 005 are backfilled from source_ids: imported battles (UCDP state-based and non-state, ACLED
-- Battles) make both sides parties, every other source is a perpetrator. Re-importing a file gives the
-- same values.
ALTER TABLE events ADD COLUMN perpetrator_ids TEXT;
ALTER TABLE events ADD COLUMN party_ids TEXT;
UPDATE events SET
    party_ids = CASE WHEN origin IN ('ucdp', 'acled') AND acled_type = 'Battles' THEN source_ids ELSE '' END,
    perpetrator_ids = CASE WHEN origin IN ('ucdp', 'acled') AND acled_type = 'Battles' THEN '' ELSE source_ids END;
-- One row per imported file and country: the period the file covers there (its first to last day).
CREATE TABLE IF NOT EXISTS coverage (
    origin TEXT NOT NULL,
    source TEXT NOT NULL,
    country_iso3 TEXT NOT NULL,
    date_from DATE NOT NULL,
    date_to DATE NOT NULL,
    PRIMARY KEY (origin, source, country_iso3)
)
