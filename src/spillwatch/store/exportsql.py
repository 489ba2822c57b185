"""The export query: every filtered event (no paging) with its evidence sentence, one row per event.

The evidence is the event's headline (UCDP source headline, ACLED notes) or else the sentence of its
most confident mention, cut from the stored article text by the mention's character span
(``substr`` counts characters from 1 in DuckDB and PostgreSQL alike).
"""

from __future__ import annotations

EVENT_COLUMNS = (
    "id", "type", "modes", "source_ids", "source_names", "target_ids", "target_names", "date_start", "date_end",
    "date_precision", "date_source", "place_name", "geonameid", "country_iso3", "adm1_code", "adm1_name", "lat", "lon",
    "where_prec", "fatalities_low", "fatalities_best", "fatalities_high", "acled_type", "acled_subtype",
    "modality", "n_mentions", "n_articles", "outlets", "confidence", "origin", "external_id", "headline",
)


def events_sql(where: str, *, with_record: bool = False) -> str:
    """``where`` is SqlStore._where's clause over the events table (placeholders in order); ``with_record``
    adds the event's record_json (the actors' sectors and countries)."""
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS + (("record_json",) if with_record else ()))
    return (
        f"SELECT {cols}, m.article_id AS evidence_article_id,"
        " coalesce(e.headline, substr(a.body, m.sentence_start + 1, m.sentence_end - m.sentence_start))"
        " AS evidence"
        f" FROM (SELECT * FROM events{where}) e"
        " LEFT JOIN (SELECT DISTINCT ON (event_id) event_id, article_id, sentence_start, sentence_end"
        " FROM event_mentions WHERE event_id IS NOT NULL ORDER BY event_id, confidence DESC, id) m"
        " ON m.event_id = e.id"
        " LEFT JOIN articles a ON a.id = m.article_id"
        " ORDER BY e.date_start NULLS LAST, e.id"
    )
