"""What belongs to an event mention: its own actors, places and tolls, not its reporter's.

Input: the ``Resolved`` arguments of a trigger and its ``Clause``. Output: the same with the
speaker of a statement the event is reported under, the speaker's place and (for a statement type)
the toll of the violence it talks about removed. ``known`` tells a specific actor of the actor table
from an unresolved name or an unidentified class.
"""

from __future__ import annotations

from dataclasses import replace

from spillwatch.coding.args import Resolved
from spillwatch.records import Actor, Clause

# Physical events stand without a named actor ("Unidentified gunmen shot dead a farmer"); a verbal
# one (a demand, talks, an accusation) needs someone who made it.
ACTORLESS_TYPES = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE")
# A statement about violence (an accusation, a demand for an inquiry) does not carry its toll.
TOLL_KINDS = ("killed", "injured", "captured", "displaced")


def known(actor: Actor) -> bool:
    """A specific actor of the actor table (a government, force, group, organisation), not an
    unresolved name nor an unidentified "UNK_*" class ("civilians", "a government")."""
    return actor.resolved and not actor.id.startswith(("UNK_", "unresolved:"))


def own_actors(res: Resolved, etype: str, clause: Clause, *, framed: bool, speech: bool) -> Resolved:
    """Keep what belongs to the event: a nominal event reported under a statement ("Norway
    condemned the attack", "a group called for an inquiry into the attack") never takes the
    speaker as its source (unless the phrase names its own: "its petition") nor the speaker's
    place; a statement type never carries the toll of the violence it is about."""
    source_args = [a for a in res.arguments if a.role == "source"]  # one per source, in order (args.py)
    fs = clause.frame_subject
    speaker = [
        fs is not None and framed and clause.head == clause.trigger and a.span.start < fs.end and fs.start < a.span.end
        for a in source_args
    ]
    quantities = res.quantities
    if etype not in ACTORLESS_TYPES:
        quantities = tuple(q for q in quantities if q.kind not in TOLL_KINDS)
    # "Officials in Ankara mourned the victims of the bombing": where they spoke is not where it happened
    # (a reported verb keeps it as the last resort: "officials in Jordan said guards were killed on the
    # border with Syria" is Jordan's side of it)
    places = tuple(
        p for p in res.places if fs is None or speech or not (fs.start <= p.span.start and p.span.end <= fs.end)
    )
    if not any(speaker) and quantities == res.quantities and places == res.places:
        return res
    dropped = {id(a) for a, out in zip(source_args, speaker, strict=False) if out}
    sources = tuple(s for s, out in zip(res.sources, speaker, strict=False) if not out)
    kept_q = {q.span for q in quantities}
    kept_p = {p.span for p in places}
    args = tuple(
        a for a in res.arguments
        if id(a) not in dropped and (a.role != "quantity" or a.span in kept_q)
        and (a.role != "place" or a.span in kept_p)
    )  # fmt: skip
    return replace(res, sources=sources, quantities=quantities, places=places, arguments=args)
