"""Attribution stage: who claimed or was blamed for an attack, bound to the attack's event mentions.

Input: an ``AnnotatedArticle`` (parse, sentences, actor mentions, dates, places) and the
``EventMention``s coded from it. Output: the same mentions, in the same order; a violent one
(ASSAULT; SEIZE or COERCE only when the claim names that very event) whose source is missing,
generic ("gunmen", "attackers", "Syrian militants") or the party that made the attribution
("Turkish officials blamed the attack on ...") now has the claimant as source, an
``Argument("source", claimant span)`` and an ``Argument(kind, cue span)`` recording how:
``kind`` is ``claimed`` (the group said so), ``attributed`` (others blamed it) or ``denied``.
The claimant also leaves the mention's targets ("blamed the attack on X" reads as a target to the
coder); the ACLED view is recomputed only where it depends on the source (territory taken).
Declines: denials never set a source (they only add the ``denied`` argument); a mention with a
specific source of its own keeps it; a claim bound to no compatible event (another place, date
or weapon than every attack in the article) changes nothing; negated claims and threats are no
claims (see ``claims.py``). Everything else in a mention is left as it was.

Binding a claim to events, strongest first:
1. The claim's sentence: the event word it names ("an attack the group claimed", "blamed the
   attack on ...") or, when it names none, the sentence's violent events.
2. It stops there for an indefinite event word that found its event ("in an attack claimed
   by ..."), a vague "X said it hit Y", and claims of other attacks ("similar attacks").
3. Otherwise the claim refers back ("the attack", "Sunday's bombing", the title's "claims Karak
   attack", or no event word at all): among the article's attacks compatible with the claim's
   place, date and weapon words (and not dated over a week before the article), the first
   reported one and, in text order, each later one that agrees in place, date and weapon with
   all those taken. With one attack and one claim in an article, they are bound. Only attacks
   within ``BACK_WINDOW`` sentences of the claim count: in a long report or live blog a claim
   never reaches a page away (and the work per claim stays bounded).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spillwatch.coding.claimapply import apply_claims, norm_name
from spillwatch.coding.claims import Claim, find_claims
from spillwatch.coding.docindex import DocIndex
from spillwatch.coding.ontology import load_ontology
from spillwatch.coding.patterns import DepGraph
from spillwatch.records import AnnotatedArticle, EventMention, Place, Span
from spillwatch.settings import Settings
from spillwatch.spanindex import SpanIndex, overlaps

VIOLENT = ("ASSAULT",)
NAMED_ONLY = ("SEIZE", "COERCE")  # bound only when the claim names the very trigger or its word
STEM = 5  # letters two lemmas share to name one event ("kidnapping", "kidnap")
REF_MODIFIERS = ("compound", "amod", "nmod", "poss", "nummod")
REF_PREPS = ("in", "at", "near", "on", "outside", "inside", "against")
BACKGROUND_DAYS = 7
BACK_WINDOW = 60  # sentences either side of a claim that it may refer back to
REPORTED = ("happened", "ongoing")  # a claim refers back to attacks that took place, not threats
DATE_SLACK_DAYS = 2
INDEFINITE = frozenset({"a", "an", "another", "one", "several", "some"})
# Weapon families: modes of one family never contradict each other ("bombing" vs a suicide attack).
WEAPON_FAMILY = {"firearms": "gun", "primitive": "blade", "occupy": "ground", **dict.fromkeys(
    ("explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "unconventional"), "blast")}  # fmt: skip
WEAPON_MODES = frozenset(WEAPON_FAMILY)


def attribute(
    ann: AnnotatedArticle, mentions: tuple[EventMention, ...], settings: Settings | None = None
) -> tuple[EventMention, ...]:
    """``mentions`` with claimed or blamed groups set as sources (see the module docstring)."""
    mentions = tuple(mentions)
    if not mentions or not ann.tokens:
        return mentions
    g = DepGraph(ann.tokens)
    claims = find_claims(ann, g)
    if not claims:
        return mentions
    binder = _Binder(ann, g, mentions)
    bound = binder.bind(claims)
    return tuple(apply_claims(binder.ix, m, bound.get(n, [])) for n, m in enumerate(mentions))


def responsibility(mention: EventMention) -> str | None:
    """How a mention's source was found by this stage: "claimed", "attributed", or None."""
    kinds = [a.role for a in mention.arguments if a.role in ("claimed", "attributed")]
    return kinds[0] if kinds else None


@lru_cache(maxsize=1)
def _mode_cues() -> dict[str, frozenset[str]]:
    """Weapon words of the violent types' modes: lemma -> modes ("bombing" -> explosives)."""
    out: dict[str, set[str]] = {}
    onto = load_ontology()
    for name in VIOLENT:
        for mode in onto.type(name).modes:
            for cue in mode.cues:
                if mode.name in WEAPON_MODES:
                    out.setdefault(cue.lower(), set()).add(mode.name)
    return {k: frozenset(v) for k, v in out.items()}


def _modes_agree(a: frozenset[str] | tuple[str, ...], b: frozenset[str] | tuple[str, ...]) -> bool:
    """Weapons contradict only when both sides name one and share no weapon family."""
    wa, wb = {WEAPON_FAMILY[m] for m in a if m in WEAPON_FAMILY}, {WEAPON_FAMILY[m] for m in b if m in WEAPON_FAMILY}
    return not (wa and wb) or bool(wa & wb)


@dataclass(frozen=True)
class _Places:
    names: frozenset[str]
    countries: frozenset[str]
    specific: bool  # names a town, region or site, not only countries


class _Binder:
    def __init__(self, ann: AnnotatedArticle, g: DepGraph, mentions: tuple[EventMention, ...]) -> None:
        self.ann = ann
        self.g = g
        self.mentions = mentions
        self.ix = DocIndex(ann)
        self.metonyms: SpanIndex[Place] = SpanIndex(p for p in ann.places if p.role not in ("place", "region"))
        self.by_start = {t.span.start: t.i for t in ann.tokens}
        self.trigger = [self.by_start.get(m.trigger.start, -1) for m in mentions]
        first_at: dict[int, int] = {}
        for k, s in enumerate(ann.sentences):
            first_at.setdefault(s.span.start, k)
        self.sent_of = [first_at.get(m.sentence.start, -1) for m in mentions]
        self.in_sentence: dict[int, list[int]] = {}  # sentence -> its mentions with a trigger token
        self.by_sentence: dict[int, list[int]] = {}  # sentence (-1: not found) -> its mentions
        for n, k in enumerate(self.sent_of):
            self.by_sentence.setdefault(k, []).append(n)
            if self.trigger[n] >= 0:
                self.in_sentence.setdefault(k, []).append(n)
        self._places: dict[int, _Places] = {}  # per mention
        self._claim_facts: dict[int, tuple[_Places, tuple[date, date] | None, frozenset[str]]] = {}

    def bind(self, claims: tuple[Claim, ...]) -> dict[int, list[Claim]]:
        out: dict[int, list[Claim]] = {}
        local = [self.local(c) for c in claims]
        taken = {n for found in local for n in found}
        for claim, found in zip(claims, local, strict=True):
            if self.refers_back(claim, bool(found)):
                found = found + [n for n in self.back(claim) if n not in taken and n not in found]
            for n in found:
                out.setdefault(n, []).append(claim)
        return out

    # ------------------------------------------------------------------ which events
    def eligible(self, n: int, claim: Claim, named: bool) -> bool:
        m = self.mentions[n]
        if m.type in VIOLENT:
            return True
        if m.type not in NAMED_ONLY or claim.ref is None or self.trigger[n] < 0:
            return False
        stems = {self.g[j].lemma.lower()[:STEM] for j in (claim.ref, self.trigger[n])}
        return named or len(stems) == 1  # "the kidnapping" names what "kidnapped" coded

    def local(self, claim: Claim) -> list[int]:
        """Events of the claim's own sentence that its event word names (all, when it names none)."""
        here = self.in_sentence.get(claim.sentence, [])
        if claim.ref is None:
            return [n for n in here if self.eligible(n, claim, False) and not self._in_cue(n, claim)]
        refs = (claim.ref, *claim.members)
        tied = [n for n in here if any(self.tied(self.trigger[n], r) for r in refs) and self.eligible(n, claim, True)]
        return tied + [n for n in here if n not in tied and any(self._same_incident(t, n) for t in tied)
                       and self.eligible(n, claim, False)]  # fmt: skip

    def _in_cue(self, n: int, claim: Claim) -> bool:
        return overlaps(self.mentions[n].trigger, claim.cue)

    def tied(self, t: int, ref: int) -> bool:
        g = self.g
        return t == ref or ref in g.ancestors(t)[:3] or t in g.ancestors(ref)[:3] or g[ref].head == g[t].head != t

    def refers_back(self, claim: Claim, found: bool) -> bool:
        """Whether a claim may name an event outside its sentence: not a vague "X said it hit Y"
        (``local_only``), nor an indefinite event word that found its event or names no place or
        date of its own ("attacks claimed by X")."""
        if claim.local_only:
            return False
        if not self.indefinite(claim):
            return True
        return not found and bool(self.claim_places(claim).names or self.claim_date(claim))

    def indefinite(self, claim: Claim) -> bool:
        """ "an attack", bare plural "attacks" (headlines drop their articles: never indefinite)."""
        ref = claim.ref
        if ref is None or self.g.is_verbal(ref) or self.block_role(claim.sentence) == "title":
            return False
        dets = {self.g[d].lemma.lower() for d in self.g.children(ref, "det", "nummod")}
        bare = not dets and not self.g.children(ref, "poss") and self.plural(ref)
        return bool(dets & INDEFINITE) or bare

    def block_role(self, k: int) -> str:
        return self.ix.block_role(self.ann.sentences[k].span.start)

    def plural(self, ref: int | None) -> bool:
        return ref is not None and self.g[ref].tag in ("NNS", "NNPS")

    def back(self, claim: Claim) -> list[int]:
        """Attacks elsewhere in the article the claim refers back to (see the module docstring)."""
        k = claim.sentence
        near = [*self.by_sentence.get(-1, []), *(n for j in range(max(k - BACK_WINDOW, 0), k + BACK_WINDOW + 1)
                                                  for n in self.by_sentence.get(j, []))]
        cands = [n for n in sorted(near)
                 if self.sent_of[n] != claim.sentence and self.eligible(n, claim, False)
                 and self.mentions[n].modality in REPORTED and self.compatible(claim, n)]  # fmt: skip
        if self.claim_date(claim) is None:
            cands = [n for n in cands if not self.background(n)]
        incident: list[int] = []
        for n in sorted(self.prefer_words(claim, cands), key=lambda n: self.mentions[n].trigger.start):
            if all(self._same_incident(n, other) for other in incident):
                incident.append(n)  # the first reported attack and what agrees with all of it
        return incident

    def background(self, n: int) -> bool:
        """An event the article recalls, dated over a week before the article itself."""
        d, day = self.mentions[n].date, self.ann.article.published.value
        if d is None or d.start is None or day is None:
            return False
        return (day - (d.end or d.start)).days > BACKGROUND_DAYS

    # ------------------------------------------------------------------ compatibility
    def ref_tokens(self, ref: int | None, preps: bool = True) -> list[int]:
        """The event word with its modifiers ("Sunday's deadly Karak attack") and, with ``preps``,
        its locative phrases ("at the market in Kano")."""
        if ref is None:
            return []
        g = self.g
        out = [ref]
        for c in g.children(ref, *REF_MODIFIERS):
            out += g.subtree(c)
        for p in g.children(ref, "prep") if preps else []:
            if g[p].lemma.lower() in REF_PREPS:
                out += g.subtree(p, ("relcl", "acl"))
        return sorted(set(out))

    def _places_in(self, spans: list[Span]) -> _Places:
        """Places named in ``spans`` (countries used as actors - metonyms, demonyms - left out)."""
        hits = self.ix.places.overlapping_any(spans)
        names = {norm_name(e.text) for e in self.ix.entities.overlapping_any(spans)
                  if e.label in ("GPE", "LOC", "FAC") and not any(overlaps(e.span, p.span) for p in hits)}  # fmt: skip
        countries: set[str] = set()
        specific = bool(names)
        for p in hits:
            if p.role not in ("place", "region"):
                continue
            names |= {norm_name(p.text), norm_name(p.name or p.text)}
            countries |= {p.country_iso3} if p.country_iso3 else set()
            specific = specific or not (p.feature_code or "").startswith("PCL")
        return _Places(frozenset(n for n in names if n), frozenset(countries), specific)

    def _facts(self, claim: Claim) -> tuple[_Places, tuple[date, date] | None, frozenset[str]]:
        """The claim's places, date and weapon modes (worked out once per claim)."""
        if id(claim) not in self._claim_facts:
            places = self._places_in([self.g[j].span for j in self.ref_tokens(claim.ref)])
            self._claim_facts[id(claim)] = (places, self._claim_date(claim), self._ref_modes(claim))
        return self._claim_facts[id(claim)]

    def claim_places(self, claim: Claim) -> _Places:
        return self._facts(claim)[0]

    def mention_places(self, n: int) -> _Places:
        if n not in self._places:
            self._places[n] = self._mention_places(n)
        return self._places[n]

    def _mention_places(self, n: int) -> _Places:
        m = self.mentions[n]
        spans = [a.span for a in m.arguments if a.role == "place"]
        kept = [s for s in spans if not self.metonyms.any(s)]
        found = self._places_in(kept)
        if not found.names and m.place_text:  # "in Beirut's southern suburbs": the coder's place
            return _Places(frozenset({norm_name(m.place_text)}), frozenset(), True)
        return found

    def places_agree(self, a: _Places, b: _Places) -> bool:
        """No place on either side, a shared name, or a country-only side holding the other."""
        if not a.names or not b.names:
            return True
        if any(x in y or y in x for x in a.names for y in b.names):
            return True
        if not (a.specific and b.specific):
            return bool(a.countries & b.countries)
        return False

    def claim_date(self, claim: Claim) -> tuple[date, date] | None:
        return self._facts(claim)[1]

    def _claim_date(self, claim: Claim) -> tuple[date, date] | None:
        spans = [self.g[j].span for j in self.ref_tokens(claim.ref, preps=False)]  # "on Tuesday": the claim's day
        for d in self.ix.dates.overlapping_any(spans):
            if d.start is not None:
                return d.start, d.end or d.start
        return None

    def dates_agree(self, claim: Claim, n: int) -> bool:
        mine, d = self.claim_date(claim), self.mentions[n].date
        if mine is None or d is None or d.start is None:
            return True
        lo, hi = mine
        slack = timedelta(days=DATE_SLACK_DAYS)  # "a day after ...": relative dates are often a day off
        return not (hi + slack < d.start or (d.end or d.start) + slack < lo)

    def _ref_modes(self, claim: Claim) -> frozenset[str]:
        cues = _mode_cues()
        words = [self.g[j].lemma.lower() for j in self.ref_tokens(claim.ref)]
        return frozenset(m for w in words for m in cues.get(w, ()))

    def compatible(self, claim: Claim, n: int) -> bool:
        modes = self._facts(claim)[2]
        if not _modes_agree(modes, self.mentions[n].modes):
            return False
        return self.places_agree(self.claim_places(claim), self.mention_places(n)) and self.dates_agree(claim, n)

    def _same_incident(self, a: int, b: int) -> bool:
        ma, mb = self.mentions[a], self.mentions[b]
        if not self.places_agree(self.mention_places(a), self.mention_places(b)):
            return False
        if ma.date and mb.date and ma.date.start and mb.date.start and ma.date.start != mb.date.start:
            return False
        return _modes_agree(frozenset(ma.modes), mb.modes)

    def prefer_words(self, claim: Claim, cands: list[int]) -> list[int]:
        """When the claim's event word has a descriptive noun ("the market bombing"), the events
        whose sentence has that noun."""
        g = self.g
        cues = _mode_cues()
        words = {g[j].lemma.lower() for j in self.ref_tokens(claim.ref)
                 if g[j].pos == "NOUN" and j != claim.ref and g[j].lemma.lower() not in cues}  # fmt: skip
        if not words:
            return cands
        hits = [n for n in cands if words & self._sentence_lemmas(n)]
        return hits or cands

    def _sentence_lemmas(self, n: int) -> set[str]:
        k = self.sent_of[n]
        if k < 0:
            return set()
        s = self.ann.sentences[k]
        return {self.g[i].lemma.lower() for i in range(s.first_token, s.last_token)}
