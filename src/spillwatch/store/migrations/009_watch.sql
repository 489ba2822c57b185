-- 009: the watch loop (issue 27): every alert queued for each sink until it is delivered (at least once, with
-- the alert's stable id; a sink that is down is retried with back-off), and the watch's last status.
CREATE TABLE IF NOT EXISTS alert_deliveries (
    alert_id TEXT NOT NULL,
    sink TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_try DOUBLE PRECISION NOT NULL,
    last_error TEXT,
    queued_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP,
    PRIMARY KEY (alert_id, sink)
);
CREATE TABLE IF NOT EXISTS watch_status (
    name TEXT PRIMARY KEY,
    status_json TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
)
