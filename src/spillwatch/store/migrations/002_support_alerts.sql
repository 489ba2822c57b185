-- 002: user-supplied support commitments and alert records.
CREATE TABLE IF NOT EXISTS support_manual (
    id TEXT PRIMARY KEY,
    donor TEXT NOT NULL,
    donor_country TEXT,
    recipient TEXT NOT NULL,
    recipient_country TEXT NOT NULL,
    force_name TEXT,
    kind TEXT NOT NULL,
    amount DOUBLE PRECISION,
    currency TEXT,
    item TEXT,
    item_count DOUBLE PRECISION,
    status TEXT NOT NULL,
    commit_date DATE,
    source TEXT,
    added_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    unit TEXT NOT NULL,
    actor TEXT,
    alert_date DATE,
    score DOUBLE PRECISION,
    message TEXT NOT NULL,
    event_id TEXT,
    created_at TIMESTAMP NOT NULL
)
