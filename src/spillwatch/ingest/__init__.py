"""ingest stage: sources (files, folders, URLs, feeds, WARCs, JSON, URL lists) -> RawItem | Quarantined.

Entry point: ``spillwatch.ingest.sources.iter_items``. Fetch validators for conditional GETs live in
``spillwatch.ingest.state.FetchState``; the guarded HTTP client is ``spillwatch.ingest.fetch.Fetcher``.
"""
