-- 001: articles, copies, quarantine, annotations, mentions, events. Portable SQL (DuckDB and PostgreSQL).
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    raw_id TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    dateline TEXT,
    byline TEXT,
    published DATE,
    published_method TEXT NOT NULL,
    published_evidence TEXT,
    modified DATE,
    body TEXT NOT NULL,
    blocks_json TEXT NOT NULL,
    related_json TEXT NOT NULL,
    dropped_json TEXT NOT NULL,
    extractor TEXT,
    duplicate_of TEXT,
    similarity DOUBLE PRECISION,
    signature BYTEA,
    coded BOOLEAN NOT NULL DEFAULT FALSE,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS article_copies (
    article_id TEXT NOT NULL,
    raw_id TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    declared_date TEXT,
    seen_at TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, raw_id)
);
CREATE TABLE IF NOT EXISTS quarantine (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    stage TEXT NOT NULL,
    raw_id TEXT,
    detail TEXT,
    quarantined_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS actor_mentions (
    article_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    resolved BOOLEAN NOT NULL,
    person TEXT,
    PRIMARY KEY (article_id, start_char, end_char, actor_id)
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    direct BOOLEAN NOT NULL,
    speaker_text TEXT,
    speaker_actor_id TEXT,
    speaker_person TEXT,
    PRIMARY KEY (article_id, start_char, end_char)
);
CREATE TABLE IF NOT EXISTS places (
    article_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    role TEXT NOT NULL,
    geonameid BIGINT,
    name TEXT,
    feature_class TEXT,
    country_iso3 TEXT,
    adm1_code TEXT,
    adm1_name TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    precision_code INTEGER,
    PRIMARY KEY (article_id, start_char, end_char)
);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    resolved BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS event_mentions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    event_id TEXT,
    type TEXT NOT NULL,
    modes TEXT NOT NULL,
    source_ids TEXT NOT NULL,
    target_ids TEXT NOT NULL,
    place_text TEXT,
    country_iso3 TEXT,
    adm1_code TEXT,
    adm1_name TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    where_prec INTEGER,
    date_start DATE,
    date_end DATE,
    date_precision TEXT,
    modality TEXT NOT NULL,
    quoted BOOLEAN NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    acled_type TEXT,
    acled_subtype TEXT,
    confidence DOUBLE PRECISION NOT NULL,
    record_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    modes TEXT NOT NULL,
    source_ids TEXT NOT NULL,
    source_names TEXT NOT NULL,
    target_ids TEXT NOT NULL,
    target_names TEXT NOT NULL,
    date_start DATE,
    date_end DATE,
    date_precision TEXT,
    place_name TEXT,
    geonameid BIGINT,
    country_iso3 TEXT,
    adm1_code TEXT,
    adm1_name TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    where_prec INTEGER,
    fatalities_low DOUBLE PRECISION,
    fatalities_best DOUBLE PRECISION,
    fatalities_high DOUBLE PRECISION,
    acled_type TEXT,
    acled_subtype TEXT,
    modality TEXT NOT NULL,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    outlets TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    origin TEXT NOT NULL,
    external_id TEXT,
    headline TEXT,
    record_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (event_id, actor_id, role)
);
CREATE TABLE IF NOT EXISTS fetch_state (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    read_count INTEGER NOT NULL DEFAULT 0,
    stored_count INTEGER NOT NULL DEFAULT 0,
    duplicate_count INTEGER NOT NULL DEFAULT 0,
    quarantined_count INTEGER NOT NULL DEFAULT 0,
    event_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_date ON events (date_start);
CREATE INDEX IF NOT EXISTS events_country ON events (country_iso3, adm1_code);
CREATE INDEX IF NOT EXISTS mentions_article ON event_mentions (article_id);
CREATE INDEX IF NOT EXISTS mentions_event ON event_mentions (event_id);
CREATE INDEX IF NOT EXISTS copies_raw ON article_copies (raw_id);
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors (actor_id);
