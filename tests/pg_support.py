"""The backends a two-backend test runs on, and an emptied PostgreSQL schema for each test."""

from __future__ import annotations

import os

BACKENDS = ["duckdb"] + (["postgres"] if os.environ.get("SPILLWATCH_TEST_PG") else [])


def empty_pg(url: str) -> str:
    """Drop every table of the test database (SPILLWATCH_TEST_PG); returns the URL to open."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP SCHEMA public CASCADE")
        con.execute("CREATE SCHEMA public")
    return url
