"""Actor candidates: the record the actor rules propose, how they are built and chosen.

Input: spans and codes from the actor rules. Output: ``Candidate``s and canonical ``Actor``s.
Declines: candidates that overlap a stronger one or a skipped block (see ``select``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spillwatch.nlp.actortable import ActorTable
from spillwatch.nlp.countries import country_code, country_label, demonym_code, pseudo_label
from spillwatch.nlp.lexicon import SECTOR_NAMES, SECTOR_NOUNS
from spillwatch.records import Actor, Span
from spillwatch.spanindex import SpanIndex

_INTL = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "MNC"})


@dataclass(frozen=True, slots=True)
class Candidate:
    span: Span
    actor: Actor
    priority: float  # 0 strongest; the integer part is the tier, longer spans win within a tier
    person: str | None = None
    title: str | None = None


def state_actor(code: str, sector: str, table: ActorTable) -> Actor:
    """The actor for a country (or pseudo code) and sector: the table's entry or a built one."""
    entry = table.get(f"{code}_{sector}")
    if entry is not None:
        return entry.actor
    is_country = len(code) == 3 and (code in _INTL or country_label(code) != code)
    label = country_label(code) if is_country else pseudo_label(code)
    name = f"{label} {SECTOR_NAMES.get(sector, sector)}"
    return Actor(f"{code}_{sector}", name, code if is_country else None, sector)


def unresolved_actor(name: str, *, person: bool = False) -> Actor:
    """An organisation or person not in the table: ``unresolved:<slug>``, ``resolved=False``.

    When the name opens with a country name or demonym ("Nigerian Interior Ministry",
    "Montenegro Assembly") the country is kept, and the sector when its last word names one. The
    name's white space is one space each (an entity the NER ran on past a paragraph's end, "Qaa\n\n",
    is named "Qaa"). A person's name takes a country from listed names only: "Vincent Jackson" is not
    of Saint Vincent (``countries.country_code``'s ``regex``).
    """
    name = " ".join(name.split())
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"
    words = name.split()
    code = None
    for width in (3, 2, 1):
        if len(words) > width:
            head = " ".join(words[:width])
            code = country_code(head, regex=not person) or demonym_code(head)
            if code:
                break
    sector = SECTOR_NOUNS.get(words[-1].lower().rstrip("s")) if code and words else None
    return Actor(f"unresolved:{slug}", name, code, sector, resolved=False)


def select(candidates: Iterable[Candidate], skip: Iterable[Span]) -> list[Candidate]:
    """Strongest, then longest, non-overlapping candidates outside skipped blocks, in text order."""
    skipped = SpanIndex(skip, lambda s: s)
    taken: SpanIndex[Candidate] = SpanIndex()
    for c in sorted(candidates, key=lambda c: (int(c.priority), c.span.start - c.span.end, c.priority, c.span.start)):
        if c.span.end <= c.span.start or skipped.any(c.span):
            continue
        if not taken.any(c.span):
            taken.add(c)
    return sorted(taken.items, key=lambda c: c.span.start)
