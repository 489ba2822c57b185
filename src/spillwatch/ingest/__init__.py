"""ingest stage package."""
