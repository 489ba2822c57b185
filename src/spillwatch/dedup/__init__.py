"""dedup stage package."""
