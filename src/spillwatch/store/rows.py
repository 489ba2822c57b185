"""Records <-> table rows. Nested parts travel as JSON through ``spillwatch.codec``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from spillwatch import codec
from spillwatch.records import (
    AnnotatedArticle,
    Article,
    Block,
    DateInfo,
    DroppedLine,
    Event,
    EventMention,
    RawItem,
    RelatedLink,
)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "raw_id": article.raw_id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "dateline": article.dateline,
        "byline": article.byline,
        "published": article.published.value,
        "published_method": article.published.method,
        "published_evidence": article.published.evidence,
        "modified": article.modified,
        "body": article.text,
        "blocks_json": codec.dumps(article.blocks),
        "related_json": codec.dumps(article.related),
        "dropped_json": codec.dumps(article.dropped),
        "extractor": article.extractor,
        "ingested_at": now(),
    }


def row_article(row: dict[str, Any]) -> Article:
    def load_list(cls: type, text: str) -> tuple[Any, ...]:
        return tuple(codec.load(cls, d) for d in json.loads(text))

    return Article(
        raw_id=row["raw_id"],
        source=row["source"],
        blocks=load_list(Block, row["blocks_json"]),
        published=DateInfo(row["published"], row["published_method"], row["published_evidence"] or ""),
        modified=row["modified"],
        url=row["url"],
        outlet=row["outlet"],
        byline=row["byline"],
        related=load_list(RelatedLink, row["related_json"]),
        dropped=load_list(DroppedLine, row["dropped_json"]),
        extractor=row["extractor"] or "",
    )


def copy_row(article_id: str, raw: RawItem) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "raw_id": raw.id,
        "source": raw.source,
        "url": raw.url,
        "outlet": raw.outlet,
        "declared_date": raw.declared_date,
        "seen_at": now(),
    }


def _ids(actors: tuple[Any, ...]) -> str:
    return "|".join(a.id for a in actors)


def _names(actors: tuple[Any, ...]) -> str:
    return "|".join(a.name for a in actors)


def mention_row(m: EventMention) -> dict[str, Any]:
    place = m.place
    return {
        "id": m.id,
        "article_id": m.article_id,
        "type": m.type,
        "modes": "|".join(m.modes),
        "source_ids": _ids(m.sources),
        "target_ids": _ids(m.targets),
        "place_text": m.place_text,
        "country_iso3": place.country_iso3 if place else None,
        "adm1_code": place.adm1_code if place else None,
        "adm1_name": place.adm1_name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "where_prec": place.precision if place else None,
        "date_start": m.date.start if m.date else None,
        "date_end": m.date.end if m.date else None,
        "date_precision": m.date.precision if m.date else None,
        "date_source": m.date_source,
        "modality": m.modality,
        "quoted": m.quoted,
        "trigger_start": m.trigger.start,
        "trigger_end": m.trigger.end,
        "trigger_text": m.trigger_text,
        "sentence_start": m.sentence.start,
        "sentence_end": m.sentence.end,
        "acled_type": m.acled_type,
        "acled_subtype": m.acled_subtype,
        "confidence": m.confidence,
        "record_json": codec.dumps(m),
    }


def event_row(e: Event) -> dict[str, Any]:
    p, f = e.place, e.fatalities
    return {
        "id": e.id,
        "type": e.type,
        "modes": "|".join(e.modes),
        "source_ids": _ids(e.sources),
        "source_names": _names(e.sources),
        "target_ids": _ids(e.targets),
        "target_names": _names(e.targets),
        "perpetrator_ids": _ids(e.actors_in("perpetrator")),
        "party_ids": _ids(e.actors_in("party")),
        "date_start": e.date_start,
        "date_end": e.date_end,
        "date_precision": e.date_precision,
        "date_source": e.date_source,
        "place_name": (p.name or p.text) if p else None,
        "geonameid": p.geonameid if p else None,
        "country_iso3": p.country_iso3 if p else None,
        "adm1_code": p.adm1_code if p else None,
        "adm1_name": p.adm1_name if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "where_prec": p.precision if p else None,
        "fatalities_low": f.low if f else None,
        "fatalities_best": f.best if f else None,
        "fatalities_high": f.high if f else None,
        "acled_type": e.acled_type,
        "acled_subtype": e.acled_subtype,
        "modality": e.modality,
        "n_mentions": len(e.mention_ids),
        "n_articles": len(e.article_ids),
        "outlets": "|".join(e.outlets),
        "confidence": e.confidence,
        "origin": e.origin,
        "external_id": e.external_id,
        "headline": e.headline,
        "record_json": codec.dumps(e),
    }


def event_actor_rows(e: Event) -> list[tuple[str, str, str]]:
    rows = {(e.id, a.id, "source") for a in e.sources} | {(e.id, a.id, "target") for a in e.targets}
    return sorted(rows)


def annotation_rows(ann: AnnotatedArticle) -> dict[str, list[tuple[Any, ...]]]:
    aid = ann.id
    return {
        "actor_mentions": [
            (aid, m.span.start, m.span.end, m.text, m.actor.id, m.actor.name, m.actor.country,
             m.actor.sector, m.actor.resolved, m.person)
            for m in ann.actors
        ],
        "quotes": [
            (aid, q.span.start, q.span.end, q.text, q.direct, q.speaker_text,
             q.speaker.id if q.speaker else None, q.speaker_person)
            for q in ann.quotes
        ],
        "places": [
            (aid, p.span.start, p.span.end, p.text, p.role, p.geonameid, p.name, p.feature_class,
             p.country_iso3, p.adm1_code, p.adm1_name, p.lat, p.lon, p.precision)
            for p in ann.places
        ],
    }
