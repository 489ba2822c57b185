"""Applying claims of responsibility to an event mention (the attribution stage's last step).

Input: one ``EventMention``, the claims ``attribution._Binder`` bound to it and the article's
``DocIndex``. Output: the mention with the claimant as source (generic sources, the attributing
speaker and unknown names that are places or stand before the attack noun give way), the
claimant out of its targets, and an ``Argument(kind, cue)`` per claim; denials only add their
argument. A mention with a specific source of its own keeps it.
"""

from __future__ import annotations

from dataclasses import replace

from spillwatch.coding.acled import acled_category
from spillwatch.coding.claims import Claim
from spillwatch.coding.claimwords import is_generic
from spillwatch.coding.docindex import DocIndex
from spillwatch.records import Actor, ActorMention, Argument, EventMention
from spillwatch.spanindex import overlaps

KIND_ORDER = {"claimed": 0, "attributed": 1, "denied": 2}


def norm_name(text: str) -> str:
    words = text.lower().replace("-", " ").split()
    return " ".join(w for w in words if w not in ("the", "al", "el"))


def _arg_actors(ix: DocIndex, m: EventMention, arg: Argument) -> list[tuple[Actor, bool]]:
    """The mention's source actors an argument names, each with whether it is generic."""
    found = ix.actors.overlapping(arg.span)
    ids = {a.id for a in m.sources}
    out = [(am.actor, is_generic(am)) for am in found if am.actor.id in ids]
    if out:
        return out
    named = [a for a in m.sources if not a.resolved and norm_name(a.name) in norm_name(arg.text)]
    return [(a, is_generic(ActorMention(arg.span, arg.text, a))) for a in named]


def _replaceable(ix: DocIndex, m: EventMention, claim: Claim) -> list[Argument] | None:
    """The source arguments the claim replaces (generic ones, the attributing speaker), or None
    when the mention has a specific source of its own."""
    gone: list[Argument] = []
    accounted: set[str] = set()
    claimant_ids = {c.actor.id for c in claim.claimants}
    for arg in (a for a in m.arguments if a.role == "source"):
        actors = _arg_actors(ix, m, arg)
        accounted |= {a.id for a, _ in actors}
        speaker = claim.speaker is not None and overlaps(arg.span, claim.speaker)
        unknown = _unknown_name(ix, m, arg, actors)
        if speaker or unknown or (actors and all(generic for _, generic in actors)):
            gone.append(arg)
        elif not {a.id for a, _ in actors} <= claimant_ids:
            return None
    others = [a for a in m.sources if a.id not in accounted | claimant_ids and not _generic_actor(a)]
    return None if others else gone


def apply_claims(ix: DocIndex, m: EventMention, claims: list[Claim]) -> EventMention:
    denials = [c for c in claims if c.kind == "denied"]
    for claim in sorted(claims, key=lambda c: (KIND_ORDER[c.kind], c.cue.start)):
        if claim.kind == "denied":
            continue
        gone = _replaceable(ix, m, claim)
        if gone is not None:
            return _record(_with_source(ix, m, claim, gone), [claim, *denials])
    return _record(m, denials)


def _record(m: EventMention, claims: list[Claim]) -> EventMention:
    extra = tuple(Argument(c.kind, c.cue, c.cue_text) for c in claims)
    extra = tuple(a for a in extra if a not in m.arguments)
    return replace(m, arguments=m.arguments + extra) if extra else m


def _with_source(ix: DocIndex, m: EventMention, claim: Claim, gone: list[Argument]) -> EventMention:
    gone_ids = {a.id for arg in gone for a, _ in _arg_actors(ix, m, arg)}
    keep = [a for a in m.sources if a.id not in gone_ids and not _generic_actor(a)]
    for c in claim.claimants:
        if c.actor.id not in {a.id for a in keep}:
            keep.append(c.actor)
    sources = tuple(keep)
    ids = {a.id for a in sources}
    targets = tuple(t for t in m.targets if t.id not in ids)
    had = {a.span for a in m.arguments if a.role == "source" and a not in gone}
    spans = [c.span for c in claim.claimants]
    args = tuple(a for a in m.arguments if a not in gone and not (a.role == "target" and a.span in spans))
    args += tuple(Argument("source", c.span, c.text) for c in claim.claimants if c.span not in had)
    out = replace(m, sources=sources, targets=targets, arguments=args)
    if "occupy" in m.modes:
        acled = acled_category(m.type, m.modes, sources, targets)
        out = replace(out, acled_type=acled[0], acled_subtype=acled[1])
    return out


def _unknown_name(ix: DocIndex, m: EventMention, arg: Argument, actors: list[tuple[Actor, bool]]) -> bool:
    """An unresolved name of no known sector that is a place ("Karak" to the geo stage) or
    stands right before the attack noun ("the Manchester Arena bombing"): a claim outranks it."""
    if not actors or not all(not a.resolved and a.sector is None for a, _ in actors):
        return False
    before = arg.span.end <= m.trigger.start and not ix.text[arg.span.end : m.trigger.start].strip()
    return before or any(p.role == "place" for p in ix.places.overlapping(arg.span))


def _generic_actor(a: Actor) -> bool:
    return a.id.startswith("UNK_")
