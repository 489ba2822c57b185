"""The mentions an article has coded so far, indexed to find "the same event" earlier in the article.

Input: event mentions in text order (``add``). Output: the date of the latest dated earlier mention of
the same event (``same_event_date``): the same type and place, else a shared source and a shared place,
target or object. Used by the event coder to date a mention from an earlier one ("Troops shelled Bunia
on Tuesday" ... "shelled our positions in Bunia").
"""

from __future__ import annotations

from spillwatch.coding.patterns import DepGraph
from spillwatch.records import DateMention, EventMention


def _where(m: EventMention) -> set[str]:
    hit = {x.text.lower() for x in m.arguments if x.role in ("place", "target", "object", "recipient")}
    return hit | {x.id for x in m.targets}


def _same_event(a: EventMention, b: EventMention) -> bool:
    """Same place (when both name one), else a shared source and a shared place, target or object."""
    if a.place_text and b.place_text:
        return a.place_text.lower() == b.place_text.lower()
    return bool({x.id for x in a.sources} & {x.id for x in b.sources}) and bool(_where(a) & _where(b))


class EarlierMentions:
    """The article's mentions so far, indexed so that each new mention finds its earlier ones by
    key (type; type and place; type, source and place/target) instead of scanning them all."""

    def __init__(self) -> None:
        self.count = 0
        self.last_of_type: dict[str, EventMention] = {}
        self._by_place: dict[tuple[str, str], tuple[int, EventMention]] = {}
        self._by_actor: dict[tuple[str, str, str], tuple[int, EventMention]] = {}
        self._by_actor_unplaced: dict[tuple[str, str, str], tuple[int, EventMention]] = {}

    def names(self, etype: str, name: str, text: str) -> EventMention | None:
        """The latest earlier mention of ``etype`` whose sentence names ``name`` (a reference back to
        it: "the Minister's visit" after "the visiting Minister ..."), if any."""
        last = self.last_of_type.get(etype)
        return last if last is not None and name.lower() in last.sentence.of(text).lower() else None

    def add(self, m: EventMention) -> None:
        self.last_of_type[m.type] = m
        self.count += 1
        if m.date is None:
            return
        entry = (self.count, m)
        if m.place_text:
            self._by_place[(m.type, m.place_text.lower())] = entry
        for key in _actor_keys(m):
            self._by_actor[key] = entry
            if not m.place_text:
                self._by_actor_unplaced[key] = entry

    def same_event_date(self, m: EventMention) -> DateMention | None:
        """The date of the latest dated earlier mention ``_same_event`` ties to ``m``."""
        if m.place_text:
            hits = [self._by_place.get((m.type, m.place_text.lower()))]
            hits += [self._by_actor_unplaced.get(k) for k in _actor_keys(m)]
        else:
            hits = [self._by_actor.get(k) for k in _actor_keys(m)]
        found = max((h for h in hits if h is not None), key=lambda h: h[0], default=None)
        return found[1].date if found is not None else None


def _actor_keys(m: EventMention) -> list[tuple[str, str, str]]:
    where = _where(m)
    return [(m.type, s.id, w) for s in m.sources for w in where]


def bare_definite(g: DepGraph, i: int) -> bool:
    """A noun with "the" and nothing that sets it apart but a nationality ("the meeting", "the Russian
    request"): a reference back to an act already reported, not a new one."""
    if g.is_verbal(i) or [g[d].lemma.lower() for d in g.children(i, "det")] != ["the"]:
        return False
    return not g.children(i, "compound", "prep", "poss", "nummod") and all(
        g[a].ent_type == "NORP" for a in g.children(i, "amod"))


def named_possessor(g: DepGraph, i: int) -> int | None:
    """For a noun owned by a name and set apart by nothing else ("Minister Sergey Shoyu's visit"), the
    name's head token: the act of someone already named, a reference back when the article has told
    it (``EarlierMentions.names``); None otherwise ("his visit", "Trump's visit to Paris")."""
    if g.is_verbal(i) or g.children(i, "det", "compound", "prep", "nummod", "amod"):
        return None
    owners = g.children(i, "poss")
    if len(owners) != 1 or g[owners[0]].pos != "PROPN":
        return None
    return owners[0]
