"""Convenience for the CLI: input a cleaned Article, output its place mentions, resolved.

Runs the parse stage (spaCy, through ``spillwatch.nlp.parse``) and then ``find_places``. This is
a small driver, not a stage module, so it may call the parse stage directly.
Declines: cleaning (give it an Article, not raw text) and event coding.
"""

from __future__ import annotations

from typing import Any

from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.places import find_places
from spillwatch.records import Article, Place
from spillwatch.settings import Settings


def geocode_article(
    article: Article, settings: Settings | None = None, *, gazetteer: Gazetteer | None = None
) -> tuple[Place, ...]:
    """Every place mention of the article with span, role, resolution and precision."""
    from spillwatch.nlp.parse import annotate_one

    ann = annotate_one(article, settings or Settings())
    return find_places(ann, settings, gazetteer=gazetteer).places


def place_to_dict(place: Place) -> dict[str, Any]:
    """JSON-ready dict of a Place (span as start/end)."""
    return {
        "start": place.span.start, "end": place.span.end, "text": place.text, "role": place.role,
        "geonameid": place.geonameid, "name": place.name, "feature_class": place.feature_class,
        "feature_code": place.feature_code, "country_iso2": place.country_iso2,
        "country_iso3": place.country_iso3, "adm1_code": place.adm1_code, "adm1_name": place.adm1_name,
        "lat": place.lat, "lon": place.lon, "precision": place.precision,
    }
