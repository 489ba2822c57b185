"""Pairs with an unknown: two reports from different articles where a side has no date or no country.

Input: two ``score.Features`` of one type family from different articles, at least one of them
not ``score.pairable`` (no country, or no date at all). Output: a score on the clustering's scale
(``score.THRESHOLD`` is the merge level), or ``None`` when something known contradicts.

A missing field is unknown, not a mismatch. Kept apart (``None``): two known countries that
differ; specific actors on both sides with none shared; two dates (own or from publication)
further apart than the window; two sub-national places too far apart (``score.place_score``);
a pair with nothing in common beyond its type: no shared name (named entity of the evidence
sentence, specific actor, place; ``shared_names``: "Kraft" is in "Kraft Foods"), not one known
country within the date window, and not the same trigger word at two located places within reach
of each other (the same verb in the same country or the same ADM1 alone, "wounding" in the United
States, "murder" in California, is no evidence: the murders of two Los Angeles County deputies four
years apart, one report undated); and, with no dates that agree, two reports that each name two or more specifics (the
sentence's names other than either report's own place) and share none of them (``specifics``:
the fire that destroyed the Wasilla Bible Church, named with Sarah Palin, is not the one that
destroyed the Mat-Maid dairy, though both were in Alaska with the word "destroyed"); and, with no
dates that agree, two reports whose sources or targets the actor table does not know (people,
firms: ``Features.named``) and that share none of them (the arrest of one football player for
drunk driving is not the arrest of his team-mate in the same city). Such a pair
counts as unknown in average-link (``score.UNKNOWN_PAIR``), not as a contradiction; ``declined`` names
the rule that kept a pair from the model. Names that
match only by ``shared_names``'s word rule are compared here, never used as block keys.

Otherwise a logistic model over ``FEATURES`` (``vector``) gives the probability that the two are
one event; its weights and threshold are fitted on ECB+ dev topics 1-22 by
``eval/ecb_pairs.py PATH --fit`` and stored in ``data/pair_model.json``. The probability is mapped
piecewise-linearly so that the fitted threshold sits at ``score.THRESHOLD`` (the same level
average-link uses for every pair), keeping the order of probabilities.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from spillwatch.dedup.score import THRESHOLD, Features, date_score, differs, place_score

FEATURES = (
    "shared_names",  # shared names, up to 3, over 3
    "names_jaccard",
    "shared_actor",
    "shared_place",
    "same_country",
    "country_unknown",
    "date_agreement",  # 0.5 ** days apart (half when from publication); 0 when a side is undated
    "date_unknown",
    "same_word",
    "same_type",
    "place_agreement",  # score.place_score of two sub-national places; 0 otherwise
    "names_disjoint",  # both sides name something and share no name
    "places_differ",  # both sides name a place ("p:") and share none
)


@dataclass(frozen=True, slots=True)
class PairModel:
    """Logistic weights over ``FEATURES`` and the probability at which two reports merge."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, x: tuple[float, ...]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@cache
def model() -> PairModel:
    """The fitted model shipped in ``data/pair_model.json``."""
    raw = json.loads(resources.files("spillwatch").joinpath("data/pair_model.json").read_text(encoding="utf-8"))
    if tuple(raw["features"]) != FEATURES:
        raise ValueError("data/pair_model.json was fitted on other features: re-run eval/ecb_pairs.py --fit")
    return PairModel(tuple(float(w) for w in raw["weights"]), float(raw["bias"]), float(raw["threshold"]))


def _dated(f: Features) -> bool:
    return f.start is not None and f.slack is not None


def _sub_national(f: Features) -> bool:
    return f.country is not None and not f.country_level


def _evidence(a: Features, b: Features, window: int) -> tuple[float, float, frozenset[str]] | str:
    """(date agreement, place agreement, shared names) of a pair the model may score, or why it may not."""
    if differs(a, b, window):
        return "contradiction"
    when = 0.0
    if _dated(a) and _dated(b):
        found = date_score(a, b, window)
        if found is None:
            return "dates apart"
        when = found
    where = 0.0
    if _sub_national(a) and _sub_national(b):
        found = place_score(a, b)
        if found is None:
            return "places apart"
        where = found
    same_country = a.country is not None and a.country == b.country
    same_word = bool(a.lemma) and a.lemma == b.lemma
    shared = shared_names(a.names, b.names)
    located = where > 0 and a.radius is not None and b.radius is not None  # two points within reach
    if not shared and not (same_country and when > 0) and not (same_word and located):
        return "nothing in common"  # but the type (and perhaps the word, the country and the region)
    mine, theirs = specifics(a, b), specifics(b, a)
    if when == 0 and len(mine) > 1 and len(theirs) > 1 and not shared_names(mine, theirs):
        return "different specifics"  # each names what the other does not: two happenings of one kind in one region
    if when == 0 and a.named and b.named and not shared_names(a.named, b.named):
        return "different people"  # different people or firms did it or suffered it: two arrests of two players
    return when, where, shared


def declined(a: Features, b: Features, window: int) -> str | None:
    """Why the model may not score the pair (module docstring: "contradiction", "dates apart", "places apart",
    "nothing in common", "different specifics", "different people"), or None when it scores it."""
    found = _evidence(a, b, window)
    return found if isinstance(found, str) else None


def vector(a: Features, b: Features, window: int) -> tuple[float, ...] | None:
    """The pair's features (``FEATURES``), or None when something known keeps them apart (``declined``)."""
    found = _evidence(a, b, window)
    if isinstance(found, str):
        return None
    when, where, shared = found
    same_country = a.country is not None and a.country == b.country
    same_word = bool(a.lemma) and a.lemma == b.lemma
    union = a.names | b.names
    return (
        min(len(shared), 3) / 3,
        len(shared) / len(union) if union else 0.0,
        float(any(n.startswith("a:") for n in shared)),
        float(any(n.startswith("p:") for n in shared)),
        float(same_country),
        float(a.country is None or b.country is None),
        when,
        float(not (_dated(a) and _dated(b))),
        float(same_word),
        float(a.type == b.type),
        where,
        float(bool(a.names) and bool(b.names) and not shared),
        float(bool(_places(a)) and bool(_places(b)) and _places(a).isdisjoint(_places(b))),
    )


@lru_cache(maxsize=1 << 16)
def _words(name: str) -> frozenset[str]:
    """A name's words (remembered: ``shared_names`` asks for the same names' words in every pair)."""
    return frozenset(name[2:].replace(".", " ").replace("-", " ").split())


def shared_names(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """Names on both sides. An entity ("n:") whose words are all among the words of an entity on the
    other side counts as shared ("Kraft" and "Kraft Foods", "Ortiz" and "Jerry Ortiz"); actors ("a:")
    and places ("p:") match exactly."""
    exact = a & b
    fuzzy = {
        n
        for n in (a | b) - exact
        if n.startswith("n:") and _words(n)
        for m in ((b if n in a else a) - exact)
        if m.startswith("n:") and _words(m) and (_words(n) <= _words(m) or _words(m) <= _words(n))
    }
    return exact | frozenset(fuzzy)


def specifics(f: Features, other: Features) -> frozenset[str]:
    """f's entity names that are not a place of the pair (its own place's name or the other's)."""
    return frozenset(n for n in f.names if n.startswith("n:") and n not in (f.place_name, other.place_name))


def _places(f: Features) -> frozenset[str]:
    return frozenset(n for n in f.names if n.startswith("p:"))


def scaled(p: float, threshold: float) -> float:
    """A probability on the clustering's scale: ``threshold`` maps to ``score.THRESHOLD``."""
    if p < threshold:
        return round(THRESHOLD * p / threshold, 6)
    return round(THRESHOLD + (1.0 - THRESHOLD) * (p - threshold) / (1.0 - threshold), 6)


def open_score(a: Features, b: Features, window: int, fitted: PairModel | None = None) -> float | None:
    """Score of a pair with an unknown date or country (module docstring), or None if kept apart."""
    x = vector(a, b, window)
    if x is None:
        return None
    m = fitted or model()
    return scaled(m.probability(x), m.threshold)
