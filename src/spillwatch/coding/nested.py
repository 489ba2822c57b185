"""One mention per event within a sentence: fold a trigger into the same-type trigger that governs it.

Input: the sentence's built mentions with their trigger tokens, the parse, and the triggers an offset
sets apart in time. Output: the mentions left, with the folded ones' actors, places and modes merged
into their host (``merge_nested``).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import replace

from spillwatch.coding.acled import VAC, acled_category
from spillwatch.coding.eventdate import better_date
from spillwatch.coding.patterns import DepGraph
from spillwatch.records import Actor, EventMention


def merge_nested(
    g: DepGraph, built: list[tuple[int, EventMention]], apart: Set[int] = frozenset()
) -> list[EventMention]:
    """One mention per event within a sentence.

    A trigger whose governor (up to three levels up) is a trigger of the same type is the same
    event ("killed when gunmen attacked", "killed in an air strike"): its actors, places and
    modes are folded into the governor's, unless an offset sets it apart in time (``apart``:
    "shelled X on Sunday, two days after rebels attacked"). A promise verb governing another
    event ("pledged to send") is dropped: the embedded event carries the promise as its modality.
    """
    index = dict(built)
    out: dict[int, EventMention] = {}
    for i, m in built:
        above = g.ancestors(i)[:3]
        host = next((j for j in above if j in index and index[j].type == m.type and i not in apart), None)
        if host is not None:
            out[host] = _fold(out.get(host, index[host]), m)
            continue
        out.setdefault(i, m)
    for i, m in list(out.items()):
        if m.type == "AGREE" and any(j in out and out[j].type != "AGREE" and i in g.ancestors(j)[:2] for j in out):
            del out[i]
    return [out[i] for i in sorted(out)]


def _fold(host: EventMention, other: EventMention) -> EventMention:
    def union(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> tuple[Actor, ...]:
        return a + tuple(x for x in b if x.id not in {y.id for y in a})

    sources = union(host.sources, other.sources)
    targets = tuple(t for t in union(host.targets, other.targets) if t.id not in {s.id for s in sources})
    extra = tuple(a for a in other.arguments if a not in host.arguments)
    acled = acled_category(host.type, host.modes + other.modes, sources, targets,
                           civilians_hint=VAC in (host.acled_type, other.acled_type))
    return replace(
        host,
        sources=sources,
        targets=targets,
        acled_type=acled[0],
        acled_subtype=acled[1],
        modes=host.modes + tuple(x for x in other.modes if x not in host.modes),
        place_text=host.place_text or other.place_text,
        date=better_date(host.date, other.date),
        arguments=host.arguments + extra,
        confidence=max(host.confidence, other.confidence),
    )
