"""Document focus: input an article's place mentions (with a first guess at each), its dateline and
its actors, output the countries and ADM1 units the story is about, as weights, plus points.

Why: a name that is a town in the story's country and a homonym abroad ("Florida", "Trinidad",
"Salt") is the local one unless the text says otherwise; a reader takes the country from the
dateline, the countries and units the article names, and the actors' countries. Votes:
- the dateline: 3 (the place the story is filed from is its strongest single hint);
- a country, ADM1 unit or region within one country ("Sinai") named (or by its demonym): 1, whatever
  its role ("Ankara said" still says the story is about Turkey); an ADM1 unit also votes for itself;
- a town of 100,000 or more matched exactly: 1 (a big town's name is rarely anything else);
- an actor with a country: 0.5 per distinct actor, at most 1 per country (actors act abroad, and a
  generic "the Army" resolved to a default country must not outvote the places named).
A mention votes only when its first guess is sure (``geo/resolve.py``: its candidates agree on the
country, or the guess outranks every reading in another country by a clear margin): an ambiguous
name must not make the focus that is then used to resolve it. Declines: no votes, no focus (``Focus.empty``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spillwatch.geo.gazetteer import Candidate, Gazetteer
from spillwatch.geo.neighbours import haversine_km
from spillwatch.records import ActorMention

DATELINE_VOTE = 3.0
NAME_VOTE = 1.0
ACTOR_VOTE = 0.5
BIG_TOWN = 100_000


@dataclass(frozen=True, slots=True)
class Focus:
    countries: dict[str, float] = field(default_factory=dict)  # ISO2 -> share of the votes (sums to 1)
    units: dict[tuple[str, str], float] = field(default_factory=dict)  # (ISO2, admin1) -> share
    points: tuple[tuple[float, float], ...] = ()  # places that voted, for distances
    votes: float = 0.0

    @property
    def empty(self) -> bool:
        return self.votes == 0.0

    def top(self) -> str | None:
        return max(self.countries, key=lambda k: self.countries[k]) if self.countries else None

    def share(self, iso2: str | None) -> float:
        return self.countries.get(iso2 or "", 0.0)

    def km(self, lat: float, lon: float) -> float | None:
        """Distance to the nearest point that voted (None without points)."""
        if not self.points:
            return None
        return min(haversine_km(lat, lon, a, b) for a, b in self.points)


def _vote(chosen: Candidate, role: str) -> float:
    if role == "dateline":
        return DATELINE_VOTE
    if chosen.kind in ("country", "adm1", "region") or role == "demonym":
        return NAME_VOTE
    if chosen.kind == "city" and chosen.match == "exact" and chosen.population >= BIG_TOWN:
        return NAME_VOTE
    return 0.0


def document_focus(
    guesses: Iterable[tuple[str, Candidate | None, bool]],
    actors: Iterable[ActorMention],
    gz: Gazetteer,
) -> Focus:
    """Focus from (role, first guess, whether it is sure) per mention and the actor mentions."""
    countries: dict[str, float] = defaultdict(float)
    units: dict[tuple[str, str], float] = defaultdict(float)
    points: list[tuple[float, float]] = []
    for role, chosen, sure in guesses:
        if chosen is None or chosen.iso2 is None or not sure:
            continue
        vote = _vote(chosen, role)
        if vote == 0.0:
            continue
        countries[chosen.iso2] += vote
        if chosen.kind in ("adm1", "city") and chosen.adm1:
            units[(chosen.iso2, chosen.adm1)] += vote
        if chosen.kind != "country":
            points.append((chosen.lat, chosen.lon))
    to2 = {v: k for k, v in gz.iso2_to_iso3().items()}
    by_actor = {a.actor.id: to2.get(a.actor.country or "") for a in actors}
    for iso2, n in Counter(v for v in by_actor.values() if v).items():
        countries[iso2] += min(NAME_VOTE, n * ACTOR_VOTE)
    total = sum(countries.values())
    if total == 0:
        return Focus()
    return Focus(
        {k: v / total for k, v in countries.items()},
        {k: v / total for k, v in units.items()},
        tuple(dict.fromkeys(points)),
        total,
    )
