-- 007: where each mention's and event's date comes from (issue 23): expression (the event's own
-- words), dateline, reported (the article's date for news) or inferred-year; NULL for undated
-- and imported events.
ALTER TABLE event_mentions ADD COLUMN date_source TEXT;
ALTER TABLE events ADD COLUMN date_source TEXT
