"""What a run stored, as sorted rows per table: two runs that stored the same thing compare equal."""

from __future__ import annotations

from typing import Any

from spillwatch.store import Store

QUERIES = {
    "articles": "SELECT id, raw_id, coded, duplicate_of FROM articles",
    "copies": "SELECT article_id, raw_id, outlet FROM article_copies",
    "quarantine": "SELECT id, reason FROM quarantine",
    "mentions": "SELECT id, article_id, event_id, type FROM event_mentions",
    "blocks": "SELECT kind, value, day, mention_id FROM mention_blocks",
    "events": "SELECT id, record_json FROM events",
    "places": "SELECT article_id, start_char, end_char, geonameid FROM places",
    "actor_mentions": "SELECT article_id, start_char, end_char, actor_id FROM actor_mentions",
    "quotes": "SELECT article_id, start_char, end_char FROM quotes",
}


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row that identifies what was stored (a doubled row would show as a repeat)."""
    return {name: sorted(tuple(r.values()) for r in store.query(sql)) for name, sql in QUERIES.items()}
