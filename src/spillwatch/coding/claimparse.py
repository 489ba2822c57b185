"""Reading the parse for the responsibility rules: noun phrases, their actors, clause parts.

Input: an ``AnnotatedArticle`` (tokens with a dependency parse, actor mentions) and its
``DepGraph``. Output: the ``Reader`` helpers ``claims.py`` builds its patterns on - who a noun
phrase names (through "the group", "it", "which" back to a named group), subjects, agents,
negation, and the event word a clause or participle refers to. Declines: generic actors
("gunmen") and civilians are never claimants; "who was behind it" names nobody.
"""

from __future__ import annotations

from spillwatch.coding.claimwords import (
    BACK_PRONOUNS,
    EVENT_NOUNS,
    GROUP_NOUNS,
    NEGATORS,
    NOT_CLAIMANTS,
    OTHER_EVENTS,
    WH_WORDS,
    is_generic,
)
from spillwatch.coding.patterns import QUANTIFIER_NOUNS, DepGraph
from spillwatch.records import ActorMention, AnnotatedArticle, Span
from spillwatch.spanindex import LastEndingBy, SpanIndex


class Reader:
    def __init__(self, ann: AnnotatedArticle, g: DepGraph) -> None:
        self.ann = ann
        self.g = g
        self.text = ann.article.text
        self.actors: SpanIndex[ActorMention] = SpanIndex(ann.actors)
        self.armed = LastEndingBy(m for m in ann.actors if _can_claim(m) and m.actor.sector == "REB")

    # ------------------------------------------------------------------ helpers
    def lemma(self, i: int) -> str:
        return self.g[i].lemma.lower()

    def negated(self, i: int) -> bool:
        g = self.g
        heads = [i] + ([g[i].head] if g[i].dep in ("xcomp", "aux", "conj") else [])
        for h in heads:
            if any(self.lemma(c) in NEGATORS for c in g.children(h, "neg", "advmod", "det", "preconj")):
                return True
        args = g.children(i, "nsubj", "nsubjpass", "dobj", "obj", "attr")
        return any(self.lemma(a) in NEGATORS or self._has_no(a) for a in args)

    def _has_no(self, i: int) -> bool:
        return any(self.lemma(d) in ("no", "none") for d in self.g.children(i, "det", "neg"))

    def event_word(self, i: int) -> bool:
        return self.g[i].pos in ("NOUN", "PROPN") and self.lemma(i) in EVENT_NOUNS

    def cue(self, *idx: int) -> Span:
        return self.g.span(list(idx))

    def np_span(self, h: int) -> Span:
        return self.g.span(self.g.np_tokens(h))

    def mentions_in(self, idx: list[int]) -> list[ActorMention]:
        return self.actors.overlapping_any(self.g[j].span for j in idx)

    def claimants(self, h: int | None) -> tuple[ActorMention, ...]:
        """Named actors a noun phrase stands for, through "the group"/"it" back to the last one."""
        if h is None:
            return ()
        g = self.g
        idx = g.np_tokens(h) + [j for o in g.prep_objects(h, ("by", "from")) for j in g.np_tokens(o)]
        found = [m for m in self.mentions_in(idx) if _can_claim(m)]
        if found:
            return tuple(found)
        if self.lemma(h) in WH_WORDS:  # "IS, which claimed ..."; never "who was behind it" (unknown)
            owner = g[g[h].head].head if g[h].head != h and g[g[h].head].dep == "relcl" else None
            if owner is not None and owner != h and self.lemma(owner) not in EVENT_NOUNS:
                return self.claimants(owner)
            return ()
        owners = [h, *g.children(h, "poss")]  # "the group's news agency", "its fighters"
        if any(self.lemma(o) in GROUP_NOUNS | BACK_PRONOUNS or g[o].pos == "PRON" for o in owners):
            return self.back_reference(g[h].span.start)
        return ()

    def back_reference(self, before: int) -> tuple[ActorMention, ...]:
        """The last named armed group mentioned before ``before`` ("the group", "it")."""
        found = self.armed.before(before)
        return (found,) if found is not None else ()

    def subject(self, v: int) -> int | None:
        subj = self.g.children(v, "nsubj", "csubj")
        if subj:
            return subj[0]
        if self.g[v].dep in ("xcomp", "conj") and self.g[v].head != v:
            return self.subject(self.g[v].head)
        return None

    def agent(self, v: int) -> int | None:
        objs = self.g.prep_objects(v, ("by",))
        return objs[0] if objs else None

    def speaker(self, v: int) -> Span | None:
        s = self.subject(v)
        return self.np_span(s) if s is not None else None

    def first(self, idx: list[int]) -> int | None:
        return idx[0] if idx else None

    def object_ref(self, v: int) -> int | None:
        """The event a verb's object or "for"-phrase names ("claimed the attack", "... for the attack")."""
        g = self.g
        for o in g.children(v, "dobj", "obj", "nsubjpass"):
            if self.event_word(o):
                return o
            inner = [x for x in g.prep_objects(o, ("for", "of")) if self.event_word(x)]
            if inner:
                return inner[0]
        return self.first([x for x in g.prep_objects(v, ("for", "in", "behind")) if self.event_word(x)])

    def vague(self, claim_heads: list[int], ref: int | None) -> bool:
        """Whether a claim is about other or unnamed events: "similar attacks", "responsibility for
        most of the recent attacks", "for the violence of recent years" - it then binds only
        within its own sentence."""
        g = self.g
        fors = [x for h in claim_heads for x in g.prep_objects(h, ("for",))]
        if ref is None:
            return bool(fors)
        mods = g.children(ref, "amod", "advmod", "det", "nummod")
        if any(self.lemma(m) in OTHER_EVENTS for m in mods):
            return True
        return any(self.lemma(f) in OTHER_EVENTS for f in fors if f != ref)

    def noun_head_ref(self, v: int) -> int | None:
        """For a participle or relative clause ("an attack claimed by X"): the noun it modifies."""
        g = self.g
        if g[v].dep == "conj" and g[v].head != v:  # "attacks claimed by or attributed to X"
            return self.noun_head_ref(g[v].head)
        if g[v].dep not in ("acl", "relcl", "amod") or g[v].head == v:
            return None
        head = g[v].head
        if self.lemma(head) in QUANTIFIER_NOUNS:  # "a series of bombings attributed to X"
            return self.first([o for o in g.prep_objects(head, ("of",)) if self.event_word(o)])
        if self.event_word(head):
            return head
        return self.first([*self.listed(v), *self.listed(head)])  # "the latest ..., including a bombing in X"

    def listed(self, h: int) -> tuple[int, ...]:
        """Event words listed under ``h`` or its near governors: "attacks ..., including a bombing"."""
        g = self.g
        out = [o for a in [h, *g.ancestors(h)[:3]] for o in g.prep_objects(a, ("include", "including"))]
        return tuple(o for o in out if self.event_word(o))


def _can_claim(m: ActorMention) -> bool:
    return not is_generic(m) and m.actor.sector not in NOT_CLAIMANTS
