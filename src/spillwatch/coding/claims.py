"""Claims, attributions and denials of responsibility for violence, read off the dependency parse.

Input: an ``AnnotatedArticle`` (tokens with a dependency parse, sentences, actor mentions) and its
``DepGraph``. Output: ``Claim`` records - the kind (``claimed``, ``attributed``, ``denied``), the
actor mentions that claim, are blamed or deny, the cue words, the sentence, the event word the
claim refers to ("the attack") when there is one, and who made an attribution ("officials").
Declines: negated or absent claims ("no group has claimed", "did not claim", "no immediate
claim"), claimants that are no named actor (and no "the group"/"it" referring back to one),
generic claimants ("gunmen", "militants") and civilians.

Patterns (each a general English construction, not a phrase list of one outlet):
- claimed: "X claimed (responsibility for) the attack", "the attack was claimed by X",
  "an attack claimed by X", "an attack the group claimed", "X took/accepted responsibility",
  "a claim by X", "X said it/its fighters carried out the attack", "X said it was behind ...",
  "X said the attacker was one of its soldiers", "X released a video showing the killing of ...".
- attributed: "blamed the attack on X", "blamed X for the attack", "attributed/linked ... to X",
  "accused/suspected X of ...", "the work/hallmarks of X", "X was behind / responsible for ...",
  "the attack was carried out by X", "a string of attacks attributed to X, including ...".
- denied: "X denied involvement / responsibility / carrying out ...", "X said it did not ...".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from spillwatch.coding.claimparse import Reader
from spillwatch.coding.claimwords import (
    ACCUSE_VERBS,
    BLAME_PREPS,
    DENIED_NOUNS,
    DENY_VERBS,
    FUTURE_AUX,
    GROUP_NOUNS,
    LINK_VERBS,
    MEDIA_NOUNS,
    OWN_WORDS,
    PERPETRATE,
    PERPETRATORS,
    PUBLISH_VERBS,
    REPORT_VERBS,
    RESPONSIBILITY,
    TAKE_VERBS,
    WORK_NOUNS,
)
from spillwatch.coding.patterns import DepGraph
from spillwatch.records import ActorMention, AnnotatedArticle, Span

Kind = Literal["claimed", "attributed", "denied"]


@dataclass(frozen=True)
class Claim:
    kind: Kind
    claimants: tuple[ActorMention, ...]
    cue: Span
    cue_text: str
    sentence: int
    ref: int | None = None  # token index of the event word it refers to ("attack", or a verb)
    speaker: Span | None = None  # who attributed it ("Turkish officials"): never the perpetrator
    local_only: bool = False  # "X said it hit Y": only an event coded in that very clause
    members: tuple[int, ...] = ()  # events listed under it ("attacks ..., including a bombing in X")


def find_claims(ann: AnnotatedArticle, g: DepGraph) -> tuple[Claim, ...]:
    """Every claim, attribution and denial of responsibility in the article, in text order."""
    finder = _Finder(ann, g)
    out: list[Claim] = []
    for k, sent in enumerate(ann.sentences):
        for i in range(sent.first_token, sent.last_token):
            claim = finder.at(i, k)
            if claim is not None and claim.claimants:
                out.append(replace(claim, members=finder.listed(claim.ref)) if claim.ref is not None else claim)
    return tuple(out)


class _Finder(Reader):
    # ------------------------------------------------------------------ patterns
    def at(self, i: int, k: int) -> Claim | None:
        lemma, pos = self.lemma(i), self.g[i].pos
        if pos in ("VERB", "AUX") or (pos == "ADJ" and lemma in BLAME_PREPS):
            for rule in (self._claim_verb, self._take_verb, self._say_did, self._blame, self._accuse,
                         self._deny, self._perpetrated_by, self._shown):  # fmt: skip
                found = rule(i, k)
                if found is not None:
                    return found
        if pos in ("NOUN", "PROPN"):
            return self._claim_noun(i, k) or self._work_of(i, k)
        if lemma in ("behind", "responsible"):
            return self._behind(i, k)
        return None

    def _claim_verb(self, v: int, k: int) -> Claim | None:
        g = self.g
        if self.lemma(v) != "claim" or self.negated(v):
            return None
        objs = g.children(v, "dobj", "obj")
        resp = [o for o in objs if self.lemma(o) in RESPONSIBILITY]
        ref = self.object_ref(v) or self.noun_head_ref(v)
        by = self.agent(v)
        if ref is None and by is not None:  # "..., an attack also claimed by X" parsed as active
            ref = self.first([s for s in g.children(v, "nsubj") if self.event_word(s)])
        if not resp and ref is None:
            return None
        head_ref = self.noun_head_ref(v)
        if head_ref is not None and g[v].dep == "relcl" and g.children(v, "nsubj"):
            who = self.subject(v)  # "an attack the group claimed"
        elif g.children(v, "nsubjpass", "auxpass") or head_ref is not None or by is not None:
            who = self.agent(v)  # "the attack was claimed by X", "an attack claimed by X"
        else:
            who = self.subject(v)
        cue = self.cue(v, *resp)
        vague = self.vague([v, *resp], ref)
        return Claim("claimed", self.claimants(who), cue, cue.of(self.text), k, ref, local_only=vague)

    def _take_verb(self, v: int, k: int) -> Claim | None:
        g = self.g
        if self.lemma(v) not in TAKE_VERBS or self.negated(v):
            return None
        resp = [o for o in g.children(v, "dobj", "obj") if self.lemma(o) in RESPONSIBILITY]
        if not resp:
            return None
        ref = self.first([x for x in g.prep_objects(resp[0], ("for",)) + g.prep_objects(v, ("for",))
                          if self.event_word(x)])  # fmt: skip
        cue = self.cue(v, resp[0])
        vague = self.vague([v, resp[0]], ref)
        return Claim("claimed", self.claimants(self.subject(v)), cue, cue.of(self.text), k, ref, local_only=vague)

    def _say_did(self, v: int, k: int) -> Claim | None:
        """ "X said it/its fighters carried out the attack" (claimed), "... did not" (denied)."""
        g = self.g
        if self.lemma(v) not in REPORT_VERBS or self.negated(v):
            return None
        who = self.subject(v)
        for c in g.children(v, "ccomp"):
            threat = any(self.lemma(a) in FUTURE_AUX for a in g.children(c, "aux"))  # "it would strike again"
            done = None if threat else self._own_deed(c)
            if done is not None:
                kind: Kind = "denied" if self.negated(c) else "claimed"
                cue = self.cue(v)
                vague = done == c and not self._deed_verb(c) and self.lemma(v) != "claim"
                return Claim(kind, self.claimants(who), cue, cue.of(self.text), k, done, local_only=vague)
        return None

    def _deed_verb(self, c: int) -> bool:
        """A verb that says the subject did it: "carried out", "was behind", "was responsible"."""
        g = self.g
        behind = any(self.lemma(p) == "behind" for p in g.children(c, "prep"))
        responsible = any(self.lemma(a) == "responsible" for a in g.children(c, "acomp"))
        subj = self.subject(c)
        ours = subj is not None and self._attacker_is_ours(c, subj)
        return self.lemma(c) in PERPETRATE or behind or responsible or ours

    def _words(self, h: int) -> set[str]:
        sub = self.g.subtree(h)
        return {self.lemma(j) for j in sub} | {self.g[j].text.lower() for j in sub}

    def _attacker_is_ours(self, c: int, subj: int) -> bool:
        """ "the attacker was one of its soldiers", "the bombers were fighters of the group"."""
        if self.lemma(c) != "be" or self.lemma(subj) not in PERPETRATORS:
            return False
        return any(self._words(a) & (OWN_WORDS | GROUP_NOUNS) for a in self.g.children(c, "attr"))

    def _own_deed(self, c: int) -> int | None:
        """The event word of a complement clause whose subject is the speaker itself, if any."""
        g = self.g
        subj = self.subject(c)
        if subj is None:
            return None
        if self._attacker_is_ours(c, subj):
            return c
        if not self._words(subj) & OWN_WORDS:
            return None
        if self.lemma(c) in PERPETRATE:
            return self.object_ref(c) or c
        behind = [x for p in g.children(c, "prep") if self.lemma(p) == "behind" for x in g.children(p, "pobj")]
        responsible = [a for a in g.children(c, "acomp") if self.lemma(a) == "responsible"]
        if behind:
            return behind[0]
        if responsible:
            return self.first(g.prep_objects(responsible[0], ("for",))) or c
        return c if g[c].pos == "VERB" and g.children(c, "dobj") else None

    def _blame(self, v: int, k: int) -> Claim | None:
        g = self.g
        preps = BLAME_PREPS.get(self.lemma(v))
        if preps is None or self.negated(v):
            return None
        objs = g.children(v, "dobj", "obj", "nsubjpass")
        named = [x for x in g.prep_objects(v, preps) if not self.event_word(x)]
        if not named:  # "blamed [the attack on X]": the parser hangs the phrase on the object
            named = [x for o in objs if self.event_word(o) for x in g.prep_objects(o, preps[:1])]
        if preps[0] == "on" and objs and not self.event_word(objs[0]) and not named:  # "blamed X for the attack"
            named = objs[:1]
        who = self.first(named)
        ref = self.object_ref(v) or self.noun_head_ref(v)
        if ref is None:
            ref = self.first([x for x in g.prep_objects(v, ("for",)) if self.event_word(x)])
        if who is None or (ref is None and (g[v].dep in ("acl", "relcl", "amod") or self.lemma(v) in LINK_VERBS)):
            return None  # "militants linked to X" describes the militants, not an attack
        cue = self.cue(v)
        return Claim("attributed", self.claimants(who), cue, cue.of(self.text), k, ref, self.speaker(v))

    def _accuse(self, v: int, k: int) -> Claim | None:
        g = self.g
        if self.lemma(v) not in ACCUSE_VERBS or self.negated(v):
            return None
        of = g.prep_objects(v, ("of",))
        pcomp = [c for p in g.children(v, "prep") if self.lemma(p) == "of" for c in g.children(p, "pcomp")]
        ref = self.first([x for x in of if self.event_word(x)] + [r for c in pcomp if (r := self.object_ref(c))])
        if not of and not pcomp:
            return None
        who = self.first(g.children(v, "dobj", "obj", "nsubjpass"))
        cue = self.cue(v)
        return Claim("attributed", self.claimants(who), cue, cue.of(self.text), k, ref, self.speaker(v))

    def _deny(self, v: int, k: int) -> Claim | None:
        g = self.g
        if self.lemma(v) not in DENY_VERBS:
            return None
        objs = [o for o in g.children(v, "dobj", "obj") if self.lemma(o) in DENIED_NOUNS]
        clauses = g.children(v, "ccomp", "xcomp", "pcomp") + [o for o in g.children(v, "dobj") if g.is_verbal(o)]
        if not objs and not clauses:
            return None
        named = [x for o in objs for x in g.prep_objects(o, ("in", "for", "with", "to")) if self.event_word(x)]
        ref = self.first(named) or self.first([r for c in clauses if (r := self.object_ref(c))])
        cue = self.cue(v)
        return Claim("denied", self.claimants(self.subject(v)), cue, cue.of(self.text), k, ref)

    def _perpetrated_by(self, v: int, k: int) -> Claim | None:
        """ "The attack was carried out by X", "an attack carried out by X": attributed."""
        g = self.g
        if self.lemma(v) not in PERPETRATE or self.negated(v):
            return None
        who = self.agent(v)
        ref = self.first([s for s in g.children(v, "nsubjpass") if self.event_word(s)]) or self.noun_head_ref(v)
        if who is None or ref is None:
            return None
        cue = self.cue(v)
        return Claim("attributed", self.claimants(who), cue, cue.of(self.text), k, ref)

    def _shown(self, v: int, k: int) -> Claim | None:
        """ "X released a video showing the killing of ...", "X posted footage of the beheading"."""
        g = self.g
        if self.lemma(v) not in PUBLISH_VERBS or self.negated(v):
            return None
        media = [o for o in g.children(v, "dobj", "obj") if self.lemma(o) in MEDIA_NOUNS]
        shown = [x for m in media for x in g.prep_objects(m, ("of",))]
        shown += [x for m in media for a in g.children(m, "acl") for x in g.children(a, "dobj")]
        ref = self.first([x for x in shown if self.event_word(x)])
        if ref is None:
            return None
        cue = self.cue(v, media[0])
        return Claim("claimed", self.claimants(self.subject(v)), cue, cue.of(self.text), k, ref)

    def _claim_noun(self, n: int, k: int) -> Claim | None:
        """ "a claim (of responsibility) by X", "X's claim", "in a claim posted by X"."""
        g = self.g
        if self.lemma(n) != "claim" or self._has_no(n) or self.negated(g[n].head):
            return None
        inner = [n, *g.prep_objects(n, ("of",))]  # "a claim of responsibility by X"
        who = self.first([x for o in inner for x in g.prep_objects(o, ("by", "from"))] + g.children(n, "poss"))
        published = [a for a in g.children(n, "acl") if self.lemma(a) in PUBLISH_VERBS]
        for acl in published:
            who = who if who is not None else self.agent(acl)
        refs = [x for o in inner for x in g.prep_objects(o, ("for",))]
        of_resp = any(self.lemma(o) in RESPONSIBILITY for o in g.prep_objects(n, ("of",)))
        if who is None or not (refs or of_resp or published):
            return None  # "the group's claim to lead ...": no claim of an attack
        cue = self.cue(n)
        return Claim("claimed", self.claimants(who), cue, cue.of(self.text), k, self.first(refs))

    def _work_of(self, n: int, k: int) -> Claim | None:
        """ "investigated as the work of X", "bore the hallmarks of X"."""
        g = self.g
        if self.lemma(n) not in WORK_NOUNS:
            return None
        who = self.first(g.prep_objects(n, ("of",)))
        if who is None or not self.claimants(who):
            return None
        verb = next((a for a in g.ancestors(n) if g.is_verbal(a)), None)
        ref = None
        if verb is not None:
            ref = self.first([s for s in g.children(verb, "nsubj", "nsubjpass") if self.event_word(s)])
        cue = self.cue(n)
        return Claim("attributed", self.claimants(who), cue, cue.of(self.text), k, ref)

    def _behind(self, i: int, k: int) -> Claim | None:
        """ "X was behind the attack", "X was responsible for the bombing" (not said by X itself)."""
        g = self.g
        verb = g[i].head if g[i].dep in ("prep", "acomp") else None
        if verb is None or verb == i or self.lemma(verb) != "be" or self.negated(verb):
            return None
        objs = g.children(i, "pobj") if self.lemma(i) == "behind" else g.prep_objects(i, ("for",))
        ref = self.first([o for o in objs if self.event_word(o)])
        if ref is None:
            return None
        said = g[verb].head if g[verb].dep == "ccomp" else None
        if said is not None and self.lemma(said) in REPORT_VERBS and self._own_deed(verb) is not None:
            return None  # "X said it was behind ...": the say rule makes it a claim
        cue = self.cue(i)
        speaker = self.speaker(said) if said is not None else None
        return Claim("attributed", self.claimants(self.subject(verb)), cue, cue.of(self.text), k, ref, speaker)
