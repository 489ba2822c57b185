"""Candidate ranking: input one mention's gazetteer candidates and the article's context (focus,
an "X, Y" container), output a score per candidate (the highest is the reading taken).

A linear model over the features below, fitted by ``geo/train_ranker.py`` on GeoWebNews articles
1-100 (a candidate is right when it is the gold GeoNames entry or within 161 km of its point) and
reported on articles 101-200 by ``eval/geowebnews.py --split report``. The weights live in
``data/geo_ranker.json`` with the data's hash; every feature is something a reader weighs:
- the fixed prior of ``geo/resolve.py`` (kind: country, continent or region, ADM1, ADM2, town; log
  population; the entry's own GeoNames name; a capital; exact, loose or fuzzy match), and size
  again (a unit's population is the sum of its towns'): a bare name is usually the bigger or more
  general place; the fit decides how far context may overrule that;
- the story's focus (``geo/focus.py``): the candidate's country's share of it, whether that is the
  top country, whether the candidate lies in an ADM1 unit the story names, distance to the
  nearest place that voted, and whether its country is absent from a focus that exists;
- a town named like the unit it is the seat of; a dateline naming a town (filing places are
  towns, not units);
- how far a town falls below the best-known town of the name (orders of magnitude of population
  under the mention's biggest town, and whether it is that one; units and countries are left to
  the prior, so that "Seoul" stays the city and not its same-sized province): a reader needs
  more than a nearby place to read "Gloucester" as a Canadian suburb rather than the English city.
An explicit container ("Gwoza, Borno") is not a feature: ``geo/resolve.py`` keeps only the
candidates inside it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spillwatch.errors import ConfigError
from spillwatch.geo.focus import Focus
from spillwatch.geo.gazetteer import Candidate

FEATURES = (
    "prior", "log_population", "focus_share", "focus_top", "focus_unit", "foreign", "log_km",
    "no_points", "seat", "dateline_town", "town_below_top", "top_town",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Context:
    focus: Focus
    prior: Callable[[Candidate], float]  # the fixed prior of ``geo/resolve.py``
    container: Candidate | None = None
    units: frozenset[tuple[str | None, str | None]] = frozenset()  # ADM1 units among the candidates
    dateline: bool = False
    top_town: int = 0  # the biggest population among the mention's towns


def features(c: Candidate, ctx: Context) -> list[float]:
    kind = c.kind
    focus = ctx.focus
    share = focus.share(c.iso2)
    # a country in the focus is where the story is; one outside it, or a place, is as far as its point
    km = 0.0 if kind == "country" and share > 0 else focus.km(c.lat, c.lon)
    if c.iso2 is None:  # a continent or a region across countries: neither in the focus nor abroad
        km = 0.0 if focus.points else None
    return [
        ctx.prior(c) / 10,
        math.log10(c.population + 1) / 7,
        share,
        float(c.iso2 is not None and c.iso2 == focus.top()),
        float(c.adm1 is not None and focus.units.get((c.iso2 or "", c.adm1), 0.0) > 0),
        float(not focus.empty and share == 0.0 and c.iso2 is not None),
        math.log10(1 + km) / 4 if km is not None else 0.0,
        float(km is None),
        float(kind == "city" and (c.iso2, c.adm1) in ctx.units),
        float(ctx.dateline and kind == "city"),
        math.log10((ctx.top_town + 1) / (c.population + 1)) / 7 if kind == "city" else 0.0,
        float(kind == "city" and c.population >= ctx.top_town),
    ]


@dataclass(frozen=True, slots=True)
class Weights:
    weights: tuple[float, ...]
    bias: float

    def score(self, x: list[float]) -> float:
        return self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))


@cache
def load_weights() -> Weights:
    """The shipped weights (``data/geo_ranker.json``); a file for other features is a ConfigError."""
    text = resources.files("spillwatch.data").joinpath("geo_ranker.json").read_text(encoding="utf-8")
    data = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise ConfigError("data/geo_ranker.json was fitted on other features: "
                          "run python eval/geowebnews.py --split tune --fit")
    return Weights(tuple(float(w) for w in data["weights"]), float(data["bias"]))


def probability(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
