"""One mention per event within a sentence: fold a trigger into the same-type trigger that governs it,
and let a light verb stand for the act its object names.

Input: the sentence's built mentions with their trigger tokens, the parse, and the triggers an offset
sets apart in time. Output: the mentions left, with the folded ones' actors, places and modes merged
into their host (``merge_nested``).
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import replace

from spillwatch.coding.acled import (
    CROWD_ACTED,
    CROWD_HIT,
    FORCE_ON_PROTEST,
    RIOT_SUB,
    VAC,
    acled_category,
    armed,
    civilian,
)
from spillwatch.coding.eventdate import better_date
from spillwatch.coding.ontology import TriggerSpec
from spillwatch.coding.patterns import DepGraph
from spillwatch.records import Actor, Argument, EventMention, Quantity, Span


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
    host: dict[int, int] = {}
    for i, m in built:
        above = governors(g, i)[:3]
        j = next((j for j in above if j in index and index[j].type == m.type and i not in apart
                  and not _told_apart(index[j], m, actors=False)), None)
        if j is not None:
            host[i] = j
    for i, m in built:
        root, seen = i, {i}
        while root in host and host[root] not in seen:  # a chain folds into its last host
            root = host[root]
            seen.add(root)
        if root == i:
            out.setdefault(i, m)  # its own folded mentions may have come first
        else:
            out[root] = _fold(out.get(root, index[root]), m)
    for i, m in list(out.items()):
        if m.type == "AGREE" and any(j in out and out[j].type != "AGREE" and i in g.ancestors(j)[:2] for j in out):
            del out[i]
    return _fold_repeats(g, out, apart)


def _fold_repeats(g: DepGraph, out: dict[int, EventMention], apart: Set[int]) -> list[EventMention]:
    """The same word for the same type twice in one sentence, with nothing to tell the two apart, is
    one act told twice (a headline run into its first sentence: "Soldier killed by roadside bomb in
    Helmand The soldier ... was killed by an improvised explosive device"). Anything that differs
    (place, day, toll, named sides, civilians against an armed side), a plural or an offset keeps them
    two."""
    kept: dict[int, EventMention] = {}
    for i in sorted(out):
        m = out[i]
        j = next((j for j in kept if g[j].lemma.lower() == g[i].lemma.lower() and kept[j].type == m.type
                  and i not in apart and j not in apart and not _plural(g, i) and not _plural(g, j)
                  and not _told_apart(kept[j], m)), None)
        if j is None:
            kept[i] = m
        else:
            kept[j] = _fold(kept[j], m)
    return list(kept.values())


def _plural(g: DepGraph, i: int) -> bool:
    """A plural noun names several acts ("a series of bombings ..., including a suicide bombing in
    Sultanahmet"): one of them told beside it is a member, not a repeat."""
    return g[i].tag in ("NNS", "NNPS")


def _own_day(m: EventMention) -> set[object]:
    """The day the text gives the act (the article's own day is a default, not the text's)."""
    return {m.date.start} if m.date and m.date.start and m.date.source != "reported" else set()


def _differ(x: set[object], y: set[object]) -> bool:
    return bool(x) and bool(y) and not x & y


def _told_apart(a: EventMention, b: EventMention, actors: bool = True) -> bool:
    """Whether two mentions of one type in a sentence tell two acts: another figure of the same kind
    ("killed four ... killed twelve"; a killed and a wounded count are one attack's), civilians
    against an armed side; with ``actors``, also another day the text gives, another place, other
    named sides and another modality (for two separate words; a word governing another shares
    their sides, "rebels attacked the army, killing five soldiers", and often gets its place and day
    from the sentence, not its own words)."""
    kinds = {q.kind for q in a.quantities} & {q.kind for q in b.quantities}
    tolls = any(_differ({q.best for q in a.quantities if q.kind == k}, {q.best for q in b.quantities if q.kind == k})
                for k in kinds)
    apart = tolls or _hit_apart(a, b)
    if apart or not actors:
        return apart  # a governed word's place and day are often the sentence's, guessed: only for separate words
    return (
        _differ(_own_day(a), _own_day(b))
        or _differ({a.place_text.lower()} if a.place_text else set(), {b.place_text.lower()} if b.place_text else set())
        or _differ({x.id for x in a.sources}, {x.id for x in b.sources})
        or _differ({x.id for x in a.targets}, {x.id for x in b.targets})
        or a.modality != b.modality
    )


def _hit_apart(a: EventMention, b: EventMention) -> bool:
    """Two attacks whose targets contradict, civilians in one and an armed side in the other, are two
    events ("IS kills villagers as fighting with the army rages": a killing of civilians beside a battle)."""
    return (civilian(a.targets) and armed(b.targets)) or (armed(a.targets) and civilian(b.targets))


def light_verbs(g: DepGraph, found: list[tuple[int, TriggerSpec]], light: Set[str]) -> list[tuple[int, TriggerSpec]]:
    """A light verb is the act its object names ("signed a peace deal" is an agreement, "signed a
    petition" a request): a trigger of ``light`` whose direct object is a trigger of another type
    takes that type and mode, and the object is no trigger of its own (its words are the verb's)."""
    specs = dict(found)
    named: set[int] = set()
    out = []
    for i, spec in found:
        if g[i].lemma.lower() in light and g.is_verbal(i):
            j = next((j for j in g.children(i, "dobj", "obj") if j in specs and specs[j].type != spec.type), None)
            if j is not None:
                spec = replace(spec, type=specs[j].type, mode=specs[j].mode, weak=specs[j].weak)
                named.add(j)
        out.append((i, spec))
    return [(i, spec) for i, spec in out if i not in named]


def mark_offset(g: DepGraph, text: str, m: EventMention, scope: list[int]) -> EventMention:
    """A mention an offset sets apart from its sentence's news ("comes seven months after bombings in
    Beirut killed 43"), with an ``offset`` argument over the clause ``scope``: merging keeps it apart
    from the story's own reports (``dedup/score.same_article_score``)."""
    span = g.span(scope)
    return replace(m, arguments=(*m.arguments, Argument("offset", span, span.of(text))))


def governors(g: DepGraph, i: int) -> list[int]:
    """The tokens above ``i``; a relative clause the parser hung on a date goes to the noun the date
    phrase follows: in "the Paris attacks in November 2015, which killed 130", what killed is the
    attacks, not the month (a date cannot be an agent)."""
    tok = g[i]
    if tok.dep == "relcl" and g[tok.head].ent_type in ("DATE", "TIME"):
        date = tok.head
        k = min(g.subtree(date, ("relcl",))) - 1
        if k >= 0 and g[date].head == k and g[k].dep == "prep":
            k -= 1  # the preposition that brings the date: "attacks in November"
        if k >= 0 and g[k].pos in ("NOUN", "PROPN") and g[k].ent_type not in ("DATE", "TIME"):
            return [k, *g.ancestors(k)]
    return g.ancestors(i)


def quantity_heads(g: DepGraph, quantities: tuple[Quantity, ...], tokens_in: Callable[[Span], list[int]]
                   ) -> dict[Quantity, int]:
    """Each quantity with its head token (the one whose head lies outside it)."""
    out = {}
    for q in quantities:
        toks = tokens_in(q.span)
        head = next((j for j in toks if g[j].head not in toks), None)
        if head is not None:
            out[q] = head
    return out


def own_quantities(
    g: DepGraph, built: list[tuple[int, EventMention]], heads: dict[Quantity, int]
) -> list[tuple[int, EventMention]]:
    """Each figure to the event whose words govern it: in "the Paris attacks, which killed 130, and the
    bombings in Brussels, which killed 32", 130 is not the Brussels toll. ``heads`` gives each of the
    sentence's quantities its head token; the owner is the casualty verb describing the count ("16
    killed", "civilians who were killed"), else the nearest trigger above it. A figure no built
    trigger governs stays with every mention (the sentence says nothing to choose by)."""
    triggers = {i for i, _ in built}
    def path(h: int) -> list[int]:  # "16 killed", "39 civilians who were killed": the count's own verb first
        return [*g.children(h, "acl", "relcl"), h, *g.ancestors(h)]

    owner = {q: next((j for j in path(h) if j in triggers), None) for q, h in heads.items()}
    out = []
    for i, m in built:
        kept = tuple(q for q in m.quantities if owner.get(q) in (None, i))
        if kept != m.quantities:
            spans = {q.span for q in m.quantities} - {q.span for q in kept}
            args = tuple(a for a in m.arguments if not (a.role == "quantity" and a.span in spans))
            m = replace(m, quantities=kept, arguments=args)
        out.append((i, m))
    return out


def _fold(host: EventMention, other: EventMention) -> EventMention:
    def union(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> tuple[Actor, ...]:
        return a + tuple(x for x in b if x.id not in {y.id for y in a})

    sources = union(host.sources, other.sources)
    targets = tuple(t for t in union(host.targets, other.targets) if t.id not in {s.id for s in sources})
    extra = tuple(a for a in other.arguments if a not in host.arguments)
    subtypes = (host.acled_subtype, other.acled_subtype)
    crowd = CROWD_ACTED if RIOT_SUB in subtypes else CROWD_HIT if FORCE_ON_PROTEST in subtypes else ""
    acled = acled_category(host.type, host.modes + other.modes, sources, targets,
                           civilians_hint=VAC in (host.acled_type, other.acled_type), crowd=crowd)
    return replace(
        host,
        sources=sources,
        targets=targets,
        acled_type=acled[0],
        acled_subtype=acled[1],
        modes=host.modes + tuple(x for x in other.modes if x not in host.modes),
        place_text=host.place_text or other.place_text,
        date=better_date(host.date, other.date),
        quantities=host.quantities + tuple(q for q in other.quantities if q not in host.quantities),
        arguments=host.arguments + extra,
        confidence=max(host.confidence, other.confidence),
    )
