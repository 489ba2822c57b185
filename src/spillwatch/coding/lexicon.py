"""Trigger lexicon: which tokens can name an event, of which PLOVER type, and in which mode.

Input: the ontology's trigger specifications and a sentence's dependency graph. Output: for a
token, the ``TriggerSpec`` entries it satisfies (lemma, part of speech, required dependents,
subject/object word-class constraints), and the modes cued by words in the trigger's clause.
Declines tokens whose constraints fail (e.g. "release" without a captive as object is not RETREAT).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from spillwatch.coding.ontology import POS_TAGS, Ontology, TriggerSpec
from spillwatch.coding.patterns import OBJ, DepGraph, object_of, subject_of

# Modes that describe the weapon; when one is cued, a "weak" default weapon mode is dropped.
WEAPON_MODES = ("aerial", "drone", "heavy-weapons", "explosives", "suicide-attack", "unconventional", "primitive")
CUE_STOP = ("relcl", "ccomp", "parataxis")  # stay within the trigger's own clause


@dataclass(frozen=True)
class Lexicon:
    ontology: Ontology
    by_head: dict[str, tuple[TriggerSpec, ...]]
    mode_cues: dict[str, frozenset[str]]  # every mode cue of a type: what a name's inner word must not be

    @classmethod
    def build(cls, onto: Ontology) -> Lexicon:
        index: dict[str, list[TriggerSpec]] = defaultdict(list)
        for t in onto.types:
            for spec in t.triggers:
                index[spec.head.lower()].append(spec)
        cues = {t.name: frozenset(c for m in t.modes for c in m.cues) for t in onto.types}
        return cls(onto, {k: tuple(v) for k, v in index.items()}, cues)

    def candidates(self, g: DepGraph, i: int) -> list[TriggerSpec]:
        """Specs the token at ``i`` satisfies; multiword specs first (they are more specific)."""
        tok = g[i]
        specs = self.by_head.get(tok.lemma.lower(), ()) + (
            self.by_head.get(tok.text.lower(), ()) if tok.text.lower() != tok.lemma.lower() else ()
        )
        ok = [s for s in specs if self._fits(g, i, s)]
        return sorted(ok, key=lambda s: -len(s.deps))

    def _fits(self, g: DepGraph, i: int, spec: TriggerSpec) -> bool:
        tok = g[i]
        if spec.pos is not None and tok.pos not in POS_TAGS[spec.pos]:
            return False
        if tok.pos not in ("VERB", "NOUN", "PROPN", "AUX", "ADJ"):
            return False
        if _people_participle(g, i) or (spec.type != "ASSAULT" and g[i].tag == "VBN" and g[i].dep == "amod"):
            return False  # "detained lawyers": a state ("6 wounded die", "the bombed-out camp" keep their attack)
        if len(self.dep_tokens(g, i, spec)) < len(spec.deps):
            return False
        if spec.subj is not None and not self._class_arg(g, i, spec.subj, subject=True):
            return False
        if spec.ctx is not None and not self._in_sentence(g, i, spec.ctx):
            return False
        if spec.unless and any(g[c].lemma.lower() in spec.unless for c in g.children(i)):
            return False
        if spec.unless_obj is not None and self._class_arg(g, i, spec.unless_obj, subject=False):
            return False
        return spec.obj is None or self._class_arg(g, i, spec.obj, subject=False)

    def _in_sentence(self, g: DepGraph, i: int, klass: str) -> bool:
        top = ([i, *g.ancestors(i)])[-1]
        words = self.ontology.classes.get(klass, frozenset())
        return any(g[j].lemma.lower() in words for j in g.subtree(top))

    def dep_tokens(self, g: DepGraph, i: int, spec: TriggerSpec) -> list[int]:
        """Tokens (children or grandchildren of ``i``, or compounds below them) that realise the spec's other words."""
        # grandchildren through a noun or particle ("took control of"), never through another clause
        # ("called to congratulate her on ..." is no "call on")
        near = g.children(i) + [gk for k in g.children(i) if g[k].dep not in CLAUSAL for gk in g.children(k)]
        stack = list(near)
        while stack:  # names: "Operation Desert Hawk" is a chain of compounds
            for c in g.children(stack.pop(), "compound"):
                if c not in near:
                    near.append(c)
                    stack.append(c)
        out: list[int] = []
        for word in spec.deps:
            hit = next((k for k in near if word.lower() in (g[k].lemma.lower(), g[k].text.lower())
                        and not _time_phrase(g, k)), None)
            if hit is not None:
                out.append(hit)
        return out

    def _class_arg(self, g: DepGraph, i: int, klass: str, *, subject: bool) -> bool:
        if subject:
            heads, _ = subject_of(g, i)
        else:
            heads, _ = object_of(g, i)
            heads = heads or [o for k in g.children(i, "prt") for o in g.children(k, *OBJ)]
            if not g.is_verbal(i):
                heads = g.prep_objects(i, ("of", "on"))
        words: set[str] = set()
        for h in heads:  # with appositions: "took Baghuz, the group's last territory"
            for n in [h, *g.children(h, "appos")]:
                words |= words_of(g, g.np_tokens(n))
        return bool(words & self.ontology.classes.get(klass, frozenset()))

    def unarmed_victims(self, g: DepGraph, i: int, heads: Sequence[int]) -> bool:
        """Whether the targets name non-combatants and no armed person ("kill a young man", "executes
        2 people"), ACLED's test for violence against civilians. The non-combatant word must be in a
        target's own phrase or its "of" phrase ("one of the residents"); an armed word anywhere below
        a target ("16 people including 2 members of the regime forces") or a fight named in the
        sentence ("a fight between two factions kills a child": civilians hit in a battle) says no."""
        own = _own_words(g, heads)
        below: set[str] = set()
        act = set(g.subtree(i))  # "shepherds killed by gunmen": the act's own phrase is not the victims'
        for h in heads:
            tree = g.subtree(h)
            below |= words_of(g, [t for t in tree if t not in act] if i in tree else tree)
        if not heads:
            return False
        for p in g.prep_objects(i, ("including", "include", "among")):  # "16 were killed, including 2 soldiers"
            below |= words_of(g, g.subtree(p))
        top = ([heads[0], *g.ancestors(heads[0])])[-1]
        # a fight coordinated with the victims or the act is another event ("executes 2 men ... and
        # continued clashes"): only a fight the act is part of ("killed in clashes") says no
        apart = {t for n in [i, *heads] for c in g.children(n, "conj") for t in g.subtree(c)}
        sentence = words_of(g, [t for t in g.subtree(top) if t not in apart])
        classes = self.ontology.classes
        armed = classes.get("armed", frozenset()) | classes.get("armed_person", frozenset())
        fight = classes.get("fight", frozenset())
        return bool(own & classes.get("noncombatant", frozenset())) and not (below & armed or sentence & fight)

    def crowd(self, g: DepGraph, i: int, victims: Sequence[int], agents: Sequence[int]) -> str:
        """Whether a demonstration did the act (``"acted"``: "protesters stormed the station") or was
        hit by it (``"hit"``: "opened fire on protesters", "shooting at a protest", "a crowd of
        demonstrators"), from the agents' and the victims' own phrases and the act's aim ("at", "on",
        "into"); ``""`` when neither names one. ACLED files both among demonstration events."""
        crowd = self.ontology.classes.get("demonstrators", frozenset())
        if _own_words(g, agents) & crowd:
            return "acted"
        aimed = [*victims, *g.prep_objects(i, ("at", "on", "into", "against"))]
        return "hit" if _own_words(g, aimed) & crowd else ""

    def modes(self, g: DepGraph, i: int, spec: TriggerSpec, extra: Sequence[int] = ()) -> tuple[str, ...]:
        """Modes from the trigger entry and from cue words in the trigger's clause (and ``extra``)."""
        etype = self.ontology.type(spec.type)
        all_cues = self.mode_cues[spec.type]
        # a coordinated clause with a subject of its own is another act ("gunmen killed four, and suicide
        # bombers killed twelve"): its words name its weapon, not this one's
        other = {t for c in g.children(i, "conj") if g.children(c, "nsubj", "nsubjpass") for t in g.subtree(c)}
        own = [j for j in g.subtree(i, CUE_STOP) if j not in other]
        scope = [j for j in own + list(extra) + _means_of(g, i) if not _name_part(g, j, all_cues)]
        lemmas = words_of(g, scope) | {g[j].text.lower() for j in scope}
        lemmas |= {part for w in list(lemmas) for part in w.split("-") if part}
        cued = [m.name for m in etype.modes if lemmas & set(m.cues)]
        out: list[str] = []
        # the trigger's own modifier names its kind before the entry's default: a "hunger strike" is
        # no labour strike, a "general strike" is one
        kinds = {g[c].lemma.lower() for c in g.children(i, "compound", "amod")}
        named = next((m.name for m in etype.modes if kinds & set(m.cues)), None)
        mode = named if spec.mode is not None and named is not None else spec.mode
        if mode is not None:
            weak_loses = spec.weak and any(m in WEAPON_MODES for m in cued)
            if not weak_loses:
                out.append(mode)
        if mode is None or spec.type == "ASSAULT":
            out += [m for m in cued if m not in out]
        if spec.weak and any(m in WEAPON_MODES for m in out) and mode in out:
            out.remove(mode)
        if "suicide-attack" in out:  # a suicide bomber carries the bomb: never an air or drone strike
            out = [m for m in out if m not in ("aerial", "drone")]
        return tuple(out)


NAME_ENTS = frozenset({"ORG", "FAC", "GPE", "LOC", "PERSON"})


def _own_words(g: DepGraph, heads: Sequence[int]) -> set[str]:
    """The words of each head's own phrase and its "of" phrases ("one of the residents", "a crowd of
    demonstrators"), up to three deep."""
    own: set[str] = set()
    for h in heads:
        stack = [h]
        for _ in range(3):
            if not stack:
                break
            n = stack.pop()
            own |= words_of(g, g.np_tokens(n)) | {g[n].text.lower()}
            stack += g.prep_objects(n, ("of",))
    return own


def _name_part(g: DepGraph, j: int, cues: frozenset[str]) -> bool:
    """A word inside a name, modifying a name word that is no cue: "al-Tank Oilfield" names an oil
    field, not a tank; "Rocket Lab" a firm. A name whose head is the cue keeps it ("Suicide Bomber")."""
    tok = g[j]
    if tok.pos != "PROPN" or tok.dep != "compound" or tok.ent_type not in NAME_ENTS or tok.head == j:
        return False
    head = g[tok.head]
    return head.pos == "PROPN" and head.lemma.lower() not in cues


def _means_of(g: DepGraph, i: int) -> list[int]:
    """Words outside the trigger's subtree that say how it was done: the subject of the clause a
    result participle hangs on ("a car bomb tore through the market, killing 20": the bomb), and the
    subject a conjoined verb shares ("gunmen stormed the hotel and killed 20": the gunmen). Only
    the subject: the verb itself is no weapon ("tore" is the lemma "tear", not tear gas)."""
    tok = g[i]
    result = tok.dep == "advcl" and tok.tag == "VBG"
    shared = tok.dep == "conj" and g.is_verbal(i) and g.is_verbal(tok.head) and not g.children(i, "nsubj", "nsubjpass")
    if tok.head == i or not (result or shared):
        return []
    return [j for s in g.children(tok.head, "nsubj", "nsubjpass") for j in g.subtree(s, CUE_STOP)]


def words_of(g: DepGraph, tokens: Sequence[int]) -> set[str]:
    """The lemmas of ``tokens``, lower-cased, with the singular of a capitalised plural: spaCy tags
    the common nouns of a title-case headline as proper nouns and leaves their lemma alone
    ("Militants Execute Three Civilians": "Civilians" would miss the word class "civilian")."""
    out: set[str] = set()
    for j in tokens:
        tok = g[j]
        lemma = tok.lemma.lower()
        out.add(lemma)
        if tok.tag == "NNPS" or (tok.tag == "NNP" and lemma.endswith("s")):
            out.add(_singular(lemma))
    return out


def _singular(word: str) -> str:
    """English singular of a regular plural (the suffix rules spaCy's own lemmatizer applies to nouns)."""
    for plural, single in (("ies", "y"), ("men", "man"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 2:
            return word[: -len(plural)] + single
    return word


def _people_participle(g: DepGraph, i: int) -> bool:
    """A participle standing as a noun for people ("several of the wounded remained in hospital",
    "doctors treated the injured"): the people an act left, not an act."""
    tok = g[i]
    nominal = tok.dep in ("pobj", "nsubj", "nsubjpass", "dobj")
    return tok.tag == "VBN" and nominal and any(g[d].lemma.lower() == "the" for d in g.children(i, "det"))


CLAUSAL = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "parataxis", "csubj"})


def _time_phrase(g: DepGraph, k: int) -> bool:
    """A preposition whose object is a time ("called the centre on Thursday", "waited for hours"): it
    does not make the phrase a trigger names ("call on" a government to act, "call for" talks)."""
    objects = g.children(k, "pobj")
    return g[k].dep == "prep" and bool(objects) and all(g[o].ent_type in ("DATE", "TIME") for o in objects)
