"""Dependency patterns: who did what to whom, read off a trigger's parse.

Input: the article's ``Token`` records (spaCy-style dependency labels) and a trigger token index.
Output: ``Roles`` - token indices of the noun-phrase heads filling source, target, recipient and
place, each found by a named pattern (active subject, passive agent, object, "on/against" and
"to" phrases, nominal "attack on X by Y", controlled subjects of "committed to provide").
Declines: roles it cannot find stay empty; it never guesses from word order alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spillwatch.coding.argwords import VENUE_HEADS
from spillwatch.records import Span, Token

SUBJ = ("nsubj", "nsubjpass", "csubj")
OBJ = ("dobj", "obj", "attr", "oprd")
TARGET_PREPS = ("on", "against", "toward", "towards", "upon")
AIM_VERBS = frozenset({"fire", "shoot", "aim", "strike", "lash", "hurl", "throw", "launch", "lob"})
RECIPIENT_PREPS = ("to", "for")
PLACE_PREPS = ("in", "at", "near", "outside", "inside", "around", "across", "throughout", "within")
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderland"})
BORDER_PREPS = ("on", "along", "near", "at")  # "near the camp on Jordan's border"
NP_STOP = ("relcl", "acl", "advcl", "appos", "punct", "cc", "prep", "ccomp", "xcomp", "parataxis")
FINITE_TAGS = ("VBD", "VBZ", "VBP")
CONTROL = ("xcomp", "advcl", "conj", "ccomp", "pcomp", "acomp")
ATTACK_NOUNS = frozenset(
    {"strike", "airstrike", "attack", "raid", "bombing", "shelling", "bombardment", "drone", "missile", "rocket",
     "shell", "mortar", "artillery", "bomb", "explosion", "blast", "ambush", "offensive", "assault", "fire"}
)  # fmt: skip
QUANTIFIER_NOUNS = frozenset({"series", "wave", "number", "barrage", "volley", "round", "string", "spate"})
PARTICIPATION_PREPS = ("at", "during", "on", "for")  # "said at the meeting", "arrived on a visit"
NEGATING_PREFIXES = frozenset({"anti", "counter", "non", "pro"})
EXPERIENCER_VERBS = frozenset({"suffer", "sustain", "endure", "face", "witness", "experience", "survive", "see"})
PRONOUNS = ("he", "she", "they", "it", "we", "i", "who", "which", "that")
RELATIVE_PRONOUNS = ("who", "which", "that", "whom")
# Verbs that always take an object: without one (and without an auxiliary) they are a reduced passive.
OBJECT_VERBS = frozenset({"kill", "wound", "injure", "behead", "execute", "abduct", "kidnap", "capture", "arrest",
                          "detain", "slay", "massacre", "assassinate", "torture"})
# A statement about an event: the event is the statement's topic, not the speaker's act ('Norway
# condemned the attack' makes Norway no attacker). 'claim' stays out: claiming an attack owns it.
STATEMENT_WORDS = frozenset(
    {"say", "tell", "report", "state", "announce", "confirm", "deny", "condemn", "denounce",
     "blame", "accuse", "call", "urge", "demand", "investigate", "investigation", "inquiry", "probe",
     "condemnation", "statement", "allege", "allegation", "warn", "praise", "welcome",
     "mourn", "decry", "criticize", "criticise", "charge", "acknowledge", "describe", "recall", "note",
     "add", "explain", "insist", "argue", "suggest", "believe", "fear", "responsibility"}
)  # fmt: skip


@dataclass(frozen=True)
class Roles:
    source: tuple[int, ...] = ()
    target: tuple[int, ...] = ()
    recipient: tuple[int, ...] = ()
    place: tuple[int, ...] = ()
    patterns: tuple[str, ...] = field(default=())
    instrument: tuple[int, ...] = ()


class DepGraph:
    """Navigation over one article's tokens (indices are ``Token.i``)."""

    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.tokens = tokens
        self._kids: dict[int, list[int]] = {t.i: [] for t in tokens}
        for t in tokens:
            if t.head != t.i and t.head in self._kids:
                self._kids[t.head].append(t.i)

    def __getitem__(self, i: int) -> Token:
        return self.tokens[i]

    def children(self, i: int, *deps: str) -> list[int]:
        kids = self._kids.get(i, [])
        return [k for k in kids if not deps or self.tokens[k].dep in deps]

    def subtree(self, i: int, stop: tuple[str, ...] = ()) -> list[int]:
        out, todo = [], [i]
        while todo:
            j = todo.pop()
            out.append(j)
            todo += [k for k in self._kids.get(j, []) if self.tokens[k].dep not in stop]
        return sorted(out)

    def span(self, idx: list[int]) -> Span:
        return Span(self.tokens[min(idx)].span.start, self.tokens[max(idx)].span.end)

    def np_tokens(self, head: int) -> list[int]:
        """The noun phrase of ``head``: its subtree without clauses, appositions and PPs (but "of")."""
        out = [head]
        for k in self._kids.get(head, []):
            tok = self.tokens[k]
            if tok.dep == "prep" and tok.lemma.lower() == "of":  # not a verb's phrase: "of communicating with X"
                out += [*self.subtree(k, (*NP_STOP[:-1], "prep", "pcomp")), k]
            elif tok.dep == "conj":
                continue  # each conjunct is its own phrase (see ``coordinated``)
            elif tok.dep not in NP_STOP:
                out += self.subtree(k, ("relcl", "acl", "advcl"))
        return sorted(set(out))

    def coordinated(self, i: int) -> list[int]:
        """``i`` and the nouns conjoined to it ("Jordan and Lebanon")."""
        out = [i]
        for k in self.children(i, "conj"):
            out += self.coordinated(k)
        return out

    def ancestors(self, i: int) -> list[int]:
        out, seen = [], {i}
        while self.tokens[i].head != i and self.tokens[i].head not in seen:
            i = self.tokens[i].head
            seen.add(i)
            out.append(i)
        return out

    def prep_objects(self, i: int, preps: tuple[str, ...]) -> list[int]:
        out: list[int] = []
        for p in self.children(i, "prep", "dative", "agent"):
            if self.tokens[p].lemma.lower() in preps:
                for obj in self.children(p, "pobj"):
                    out += self.coordinated(obj)
        return out

    def is_verbal(self, i: int) -> bool:
        return self.tokens[i].pos in ("VERB", "AUX")


def subject_of(g: DepGraph, i: int) -> tuple[list[int], str]:
    """Subject heads of verb ``i`` (active subject or passive agent), inherited through control."""
    for s in g.children(i, "nsubj", "csubj"):
        return g.coordinated(s), "nsubj"
    agents = g.prep_objects(i, ("by",))
    if g.children(i, "nsubjpass") or g.children(i, "auxpass"):
        if agents:
            return agents, "passive-agent"
        return [], "passive-no-agent"
    tok = g[i]
    if tok.dep in ("advcl", "ccomp") and tok.tag in FINITE_TAGS:
        return [], "finite-clause"  # it has a subject of its own, even when the parser lost it
    if tok.dep in CONTROL and tok.head != i:
        found, how = subject_of(g, tok.head)
        return found, f"controlled<{how}" if found else how
    if tok.dep in ("acl", "relcl") and tok.head != i and tok.tag == "VBN":
        return agents, "participle-agent" if agents else "participle"  # "people killed by gunmen"
    return [], "none"


def object_of(g: DepGraph, i: int) -> tuple[list[int], str]:
    for o in g.children(i, *OBJ):
        return g.coordinated(o), "dobj"
    passive = g.children(i, "nsubjpass")
    if passive:
        return g.coordinated(passive[0]), "passive-subject"
    head = g[i].head
    if g[i].dep == "conj" and head != i and g.children(i, "auxpass") + g.children(head, "auxpass"):
        return object_of(g, head)  # "was struck and killed": the passive subject is shared
    return [], "none"


def instrument_roles(g: DepGraph, heads: list[int]) -> tuple[list[int], list[int]]:
    """For an attack noun standing as subject or agent ("U.S. airstrikes against X killed ..."),
    the actors it names: its modifiers and "by" phrase (sources), its "on/against" phrase (targets).
    """
    sources: list[int] = []
    targets: list[int] = []
    for h in heads:
        core = h
        if g[h].lemma.lower() in QUANTIFIER_NOUNS:  # "a series of strikes"
            core = next(iter(g.prep_objects(h, ("of",))), h)
        if g[core].lemma.lower() not in ATTACK_NOUNS:
            continue
        venue = venue_names(g, core)
        named = [c for c in g.children(core, "compound", "amod", "nmod", "poss") if c not in venue]
        sources += named + g.prep_objects(core, ("by",))
        targets += g.prep_objects(core, TARGET_PREPS)
    return sources, targets


def _reduced_passive(g: DepGraph, i: int) -> bool:
    """ "Four soldiers killed in ambush": a headline's reduced passive. A verb that always takes an
    object (kill, wound, abduct...) found with a subject, no object and no auxiliary is passive."""
    tok = g[i]
    if tok.lemma.lower() not in OBJECT_VERBS or tok.tag not in ("VBD", "VBN"):
        return False
    return not g.children(i, *OBJ, "aux", "auxpass", "nsubjpass", "ccomp", "xcomp") and bool(g.children(i, "nsubj"))


def _verbal_roles(g: DepGraph, i: int) -> Roles:
    if _reduced_passive(g, i):  # the subject is who was hit; "by X" (if any) who did it
        victims = [v for s in g.children(i, "nsubj") for v in g.coordinated(s)]
        return Roles(source=tuple(g.prep_objects(i, ("by",))), target=tuple(victims),
                     place=tuple(_places(g, i)), patterns=("source:reduced-passive", "object:reduced-passive"))
    src, how_s = subject_of(g, i)
    obj, how_o = object_of(g, i)
    preps = (*TARGET_PREPS, "at") if g[i].lemma.lower() in AIM_VERBS else TARGET_PREPS  # "fired at X"
    targets = g.prep_objects(i, preps)
    inst_src, inst_tgt = instrument_roles(g, src)
    instrument: list[int] = []
    if inst_src or inst_tgt or (src and g[src[0]].lemma.lower() in ATTACK_NOUNS):
        instrument, src, how_s = src, inst_src, f"instrument<{how_s}"  # "five strikes destroyed ..."
        targets += inst_tgt
    for o in obj:
        targets += g.prep_objects(o, TARGET_PREPS)
    if not obj:  # "demanded that the US cancel ...": the addressee is the complement's subject
        for c in g.children(i, "ccomp"):
            obj += [s for s in g.children(c, "nsubj", "nsubjpass") if g[s].pos != "PRON"]
        how_o = "ccomp-subject" if obj else how_o
    recipients, obj, how_r = _recipients(g, i, obj)
    patterns = [f"source:{how_s}", f"object:{how_o}", f"recipient:{how_r}"]
    return Roles(
        source=tuple(src),
        target=tuple(obj + targets),
        recipient=tuple(recipients),
        place=tuple(_places(g, i) + [p for h in instrument for p in _located(g, h)]),  # "a car bomb near X"
        patterns=tuple(patterns),
        instrument=tuple(instrument),
    )


def _recipients(g: DepGraph, i: int, obj: list[int]) -> tuple[list[int], list[int], str]:
    """Recipients, and the objects left once the recipient is taken out of them."""
    recipients = g.prep_objects(i, RECIPIENT_PREPS) + [
        d for d in g.children(i, "dative") if g[d].pos in ("NOUN", "PROPN", "PRON")
    ]
    for o in obj:  # "sent arms to Pakistan", "shared evidence with the U.S.": the PP hanging from the object
        recipients += g.prep_objects(o, ("to", "for")) + [w for w in g.prep_objects(o, ("with",)) if _is_name(g, w)]
    if recipients:
        return recipients, obj, "to"
    shared = [r for v in _conjoined_verbs(g, i) for r in g.prep_objects(v, ("to",))]
    if shared:  # "donated and delivered goods to the school": the verbs share the recipient
        return shared, obj, "conj-to"
    with_obj = g.prep_objects(i, ("with",))
    if with_obj and obj and any(_is_name(g, w) for w in with_obj) and not any(_is_name(g, o) for o in obj):
        return with_obj, obj, "with"  # "shared evidence with the U.S.": the name is who received it
    if with_obj and obj:  # "provide the army with gear": the object is the recipient
        return obj, [], "object+with"
    if with_obj:  # "worked with local authorities" (never "attacked the base with rockets")
        return with_obj, obj, "with"
    return [], obj, "none"


def _conjoined_verbs(g: DepGraph, i: int) -> list[int]:
    """The verbs coordinated with verb ``i`` (either side of the "and")."""
    out = [c for c in g.children(i, "conj") if g.is_verbal(c)]
    head = g[i].head
    if g[i].dep == "conj" and head != i and g.is_verbal(head):
        out.append(head)
    return out


def _is_name(g: DepGraph, i: int) -> bool:
    return g[i].pos == "PROPN" or g[i].ent_type in ("GPE", "ORG", "NORP", "PERSON")


def _modifiers(g: DepGraph, i: int) -> list[int]:
    """Noun modifiers that may name the actor ("a Turkish drone strike"), not "anti-ISIS"."""
    out = []
    for c in g.children(i, "compound", "amod", "nmod"):
        if g[c].pos not in ("PROPN", "ADJ", "NOUN"):
            continue
        before = [g[k].text.lower() for k in (c - 2, c - 1) if 0 <= k < len(g.tokens)]
        if before[-1:] == ["-"] and before[:1] and before[0] in NEGATING_PREFIXES:
            continue
        out.append(c)
    return out


def venue_names(g: DepGraph, i: int) -> list[int]:
    """Tokens among a trigger's modifiers that name a venue, not who acted: "the Reina nightclub attack",
    "a Kabul hotel attack" (a name before a venue noun compounded on the trigger, or one compounded on
    that noun). "Taliban suicide attack" names none: "suicide" is no venue."""
    venues = [k for k in g.children(i, "compound") if g[k].pos == "NOUN" and g[k].lemma.lower() in VENUE_HEADS]
    if not venues:
        return []
    out = [j for v in venues for j in g.subtree(v)]
    out += [j for c in g.children(i, "compound") if g[c].pos == "PROPN" and c < max(venues) for j in g.subtree(c)]
    return sorted(set(out))


def _nominal_roles(g: DepGraph, i: int) -> Roles:
    """ "an attack on X by Y", "Y's attack", "a meeting with X in London"."""
    modifiers = _modifiers(g, i)  # only actor mentions and armed bodies count here (see args.py)
    i = _effort_head(g, i)
    src = g.prep_objects(i, ("by",)) + [p for p in g.children(i, "poss")]
    targets = g.prep_objects(i, (*TARGET_PREPS, "with", "between", "into"))  # "an inquiry into X"
    recipients = g.prep_objects(i, RECIPIENT_PREPS)
    patterns = ["nominal"]
    places = _places(g, i) + [c for c in modifiers if g[c].pos == "PROPN"]  # "the Karak attack"
    head = g[i].head
    if not src and g[i].dep in OBJ and head != i and g.is_verbal(head) and g[head].lemma.lower() in EXPERIENCER_VERBS:
        hit, how = subject_of(g, head)  # "Turkey suffered an attack": the subject is what was hit
        targets += hit
        patterns.append(f"target:experiencer<{how}")
    elif (not src and g[i].dep in OBJ and head != i and g.is_verbal(head)
          and g[head].lemma.lower() not in STATEMENT_WORDS):  # "launched an attack on X", not "condemned" one
        src, how = subject_of(g, head)
        targets += g.prep_objects(head, TARGET_PREPS)
        places += _places(g, head)
        patterns.append(f"source:light-verb<{how}")
    elif not src:
        gov = _governing_verb(g, i)
        if gov is not None:  # "said at the meeting": the speaker took part
            src, how = subject_of(g, gov)
            patterns.append(f"source:governor<{how}")
    venue = venue_names(g, i)
    actors = [c for c in modifiers if c not in venue]
    return Roles(tuple(src + actors), tuple(targets), tuple(recipients), tuple(places), tuple(patterns))


# Nouns that only frame the act their compound modifier names: "launched a mediation effort between X
# and Y" is X's mediation, "undertook a peace mission" the subject's own.
EFFORT_NOUNS = frozenset({"effort", "mission", "bid", "initiative", "attempt", "drive"})


def _effort_head(g: DepGraph, i: int) -> int:
    """The noun whose arguments a trigger in compound position takes: ``i`` itself unless it
    modifies an effort noun ("a mediation effort": the effort's verb, subject and phrases)."""
    head = g[i].head
    if g[i].dep == "compound" and head != i and g[head].lemma.lower() in EFFORT_NOUNS:
        return head
    return i


def _governing_verb(g: DepGraph, i: int) -> int | None:
    """Verb above a nominal trigger reached through PPs of taking part ("said at the start of the meeting")."""
    j, seen_at = i, False
    for _ in range(4):
        tok = g[j]
        if tok.dep not in ("pobj", "prep") or tok.head == j:
            return None
        seen_at = seen_at or (tok.dep == "prep" and tok.lemma.lower() in PARTICIPATION_PREPS)
        j = tok.head
        if g.is_verbal(j):
            return j if seen_at else None
    return None


def _places(g: DepGraph, i: int) -> list[int]:
    """Heads of locative PPs on the trigger or its object (and the object itself), nearest first."""
    out = _located(g, i)
    for o in g.children(i, *OBJ):
        out += [*g.coordinated(o), *_located(g, o)]
        for p in g.children(o, "prep"):
            for po in g.children(p, "pobj"):
                out += _located(g, po)
    return out


def _located(g: DepGraph, i: int) -> list[int]:
    """Heads of the locative PPs on ``i``, each followed by the border it lies on ("near the
    camp on Jordan's border"): the border noun's phrase names the side the place is on."""
    out = g.prep_objects(i, PLACE_PREPS)
    out += [b for b in g.prep_objects(i, BORDER_PREPS) if g[b].lemma.lower() in BORDER_NOUNS and b not in out]
    for h in list(out):
        out += [b for b in g.prep_objects(h, BORDER_PREPS) if g[b].lemma.lower() in BORDER_NOUNS and b not in out]
    return out


# Nouns that give the grounds of an act, never who was hit: "executed a man on charges of
# communicating with the Nusra Front" (the Front is named in the charge, it was not attacked).
GROUNDS_NOUNS = frozenset({"charge", "accusation", "allegation", "suspicion", "pretext", "ground", "grounds",
                           "basis", "count", "conviction"})


def grounds_noun(g: DepGraph, i: int) -> int | None:
    """The grounds noun whose "of" phrase holds trigger ``i`` ("executed on charges of fighting the
    State", "arrested on suspicion of planning attacks"): the act named is the charge, no event told."""
    j = i
    while g[j].dep == "conj" and g[j].head != j and g[g[j].head].tag == g[j].tag:  # charges alike in form
        j = g[j].head
    prep = g[j].head
    if g[j].dep not in ("pcomp", "pobj") or prep == j or g[prep].lemma.lower() != "of" or g[prep].head == prep:
        return None
    return g[prep].head if g[g[prep].head].lemma.lower() in GROUNDS_NOUNS else None


def roles(g: DepGraph, i: int, extra_target_preps: tuple[str, ...] = ()) -> Roles:
    """Argument roles of the trigger at token ``i``; ``extra_target_preps`` are prepositions that
    introduce a target for this event type only ("withdrew from X", "seized Y from X")."""
    found = _verbal_roles(g, i) if g.is_verbal(i) else _nominal_roles(g, i)
    extra = tuple(t for t in g.prep_objects(i, extra_target_preps) if t not in found.target)
    targets = tuple(t for t in found.target + extra if g[t].lemma.lower() not in GROUNDS_NOUNS)
    return replace(found, target=targets) if targets != found.target else found


DEATH_VERBS = frozenset({"die", "perish", "succumb"})
TALLY_NOUNS = frozenset({"number", "toll", "total", "tally", "count"})  # "the number of people killed"


def victim_heads(g: DepGraph, i: int, targets: tuple[int, ...]) -> tuple[int, ...]:
    """Who was hit, for telling civilians from combatants: the targets, and for a nominal trigger
    also its "of" phrase ("the killing of a man"), the object of the verb it is subject of
    ("assassinations target civilians") and the subject of a death it caused ("a woman died in
    gunfire")."""
    if g.is_verbal(i):
        return (*targets, *_participle_noun(g, i))
    out = [*targets, *g.prep_objects(i, ("of",))]
    head = g[i].head
    if g[i].dep in ("nsubj", "nsubjpass") and head != i and g.is_verbal(head):
        out += object_of(g, head)[0]
    j = i
    for _ in range(3):  # up through "in gunfire", "due to gunfire" to the verb
        if g[j].dep not in ("pobj", "prep", "pcomp") or g[j].head == j:
            break
        j = g[j].head
        if g.is_verbal(j):
            if g[j].lemma.lower() in DEATH_VERBS:
                out += subject_of(g, j)[0]
            break
    return tuple(out)


def _participle_noun(g: DepGraph, i: int) -> list[int]:
    """The people a passive participle describes are the ones it hit: "3 young men of one family
    killed by gunmen". The parser often hangs the participle on the "of" noun ("family"), so the noun
    above an "of" phrase counts too. Only for telling civilians from combatants, never as a target."""
    tok = g[i]
    if tok.dep != "acl" or tok.tag != "VBN" or tok.head == i:
        return []
    noun = tok.head
    out = [noun]
    prep = g[noun].head
    if g[noun].dep == "pobj" and g[prep].lemma.lower() == "of" and g[prep].head != prep:
        if g[g[prep].head].lemma.lower() in TALLY_NOUNS:
            return []  # "the number of people killed since August": a tally mixing whoever died, no victims named
        out.append(g[prep].head)
    return out


def antecedent(g: DepGraph, i: int, sentence_first: int) -> int | None:
    """For a pronoun subject, the subject of the clause it hangs from (relative or coordinated)."""
    verb = g[i].head
    if g[i].lemma.lower() in RELATIVE_PRONOUNS and g[verb].dep == "relcl" and g[verb].head != verb:
        noun = g[verb].head
        while g[noun].dep == "appos" and g[noun].head != noun:  # "Masthan, a Muslim, who signed"
            noun = g[noun].head
        person_to_place = g[i].lemma.lower() in ("who", "whom") and g[noun].ent_type in ("GPE", "LOC", "FAC")
        if not person_to_place:  # "who" is never a place: a parse that says so is wrong, climb instead
            return noun  # "the bombing that killed 45": "that" is the bombing, not a clause's subject
    for anc in g.ancestors(i):
        if anc < sentence_first:
            return None
        for s in g.children(anc, "nsubj", "nsubjpass"):
            if s != i and g[s].lemma.lower() not in PRONOUNS:
                return s
    return None
