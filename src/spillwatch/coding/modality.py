"""Modality of an event mention: did it happen, is it going on, planned, denied or hypothetical?

Input: the dependency graph and a trigger token index. Output: a ``Verdict`` holding the
modality, or ``assessment`` set when the trigger sits inside someone's forecast, fear or warning
("commanders warned the group will go underground and resort to suicide attacks"), or is a
generic mention ("tactics such as suicide attacks"). Such mentions are declined, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from spillwatch.coding.patterns import PLACE_PREPS, DepGraph
from spillwatch.records import Modality

FUTURE_AUX = ("will", "shall", "'ll", "wo")
HYPO_AUX = ("could", "might", "may", "would", "should")
INTENT = (
    "plan", "intend", "commit", "pledge", "promise", "vow", "agree", "prepare", "aim", "decide",
    "want", "expect", "seek", "propose", "offer", "hope", "announce", "schedule", "willing", "ready",
    "prepared", "swear", "threaten",
)  # fmt: skip
ASKED_FOR = ("request", "ask", "urge", "demand", "invite", "invitation", "appeal", "press", "order")
ASSESS = (
    "warn", "fear", "predict", "forecast", "believe", "think", "worry", "anticipate", "speculate",
    "estimate", "assess", "suspect", "caution", "need", "likely", "see", "concern",
)  # fmt: skip
ASSESS_NOUNS = ("fear", "concern", "worry", "warning", "prediction", "risk", "threat", "possibility")
DENY = ("deny", "reject", "dismiss", "refute", "fail", "refuse", "decline")
CLAUSE_UP = ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "pobj", "prep", "dobj", "nsubj")


@dataclass(frozen=True)
class Verdict:
    modality: Modality
    assessment: str | None = None  # reason when the mention is a forecast/generic, not an event


def _aux(g: DepGraph, i: int) -> set[str]:
    return {g[a].lemma.lower() for a in g.children(i, "aux", "auxpass")} | {
        g[a].text.lower() for a in g.children(i, "aux")
    }


def _negated(g: DepGraph, i: int) -> bool:
    return bool(g.children(i, "neg")) or any(g[d].lemma.lower() in ("no", "never") for d in g.children(i, "det"))


def _chain(g: DepGraph, i: int) -> list[int]:
    """``i`` and the heads above it while we stay inside embedded clauses or phrases."""
    out = [i]
    while g[i].dep in CLAUSE_UP and g[i].head != i:
        i = g[i].head
        out.append(i)
    return out


# Phrases that anchor a plural to one episode: where, against whom, between which sides ("clashes
# between the army and the rebels", "attacks on police posts in Kidal").
ANCHOR_PREPS = ("on", "against", "in", "at", "by", "between", "near")
# A count word whose "of" phrase the plural is: "tens of airstrikes", "a wave of attacks" are so many acts.
COUNT_NOUNS = frozenset({"ten", "dozen", "hundred", "thousand", "score", "series", "wave", "spate", "string",
                         "number", "round", "volley", "barrage", "couple"})


def _generic(g: DepGraph, i: int) -> bool:
    """A bare plural nominal trigger with no determiner, number, possessor or anchoring phrase
    ("suicide attacks are the group's hallmark"). Anchored, it reports an episode: its own place or
    sides, those of the verb it is the subject of ("clashes continue at the river between the SDF and
    IS"), or a count it is the "of" phrase of ("tens of airstrikes on Hama")."""
    tok = g[i]
    if g.is_verbal(i) or tok.tag not in ("NNS", "NNPS"):
        return False
    kids = g.children(i, "det", "nummod", "poss", "predet")
    if kids or (tok.dep in ("dobj", "obj") and g.is_verbal(tok.head)):
        return False
    if g.prep_objects(i, ANCHOR_PREPS):
        return False
    head = tok.head
    if head != i and tok.dep in ("nsubj", "nsubjpass") and g.is_verbal(head) and g.prep_objects(head, ANCHOR_PREPS):
        return False
    if head != i and tok.dep == "pobj" and g[head].lemma.lower() == "of" and g[head].head != head:
        counted = g[g[head].head]
        word = counted.lemma.lower()  # "series" is its own singular; "tens" may keep its plural lemma
        return word not in COUNT_NOUNS and word.rstrip("s") not in COUNT_NOUNS and counted.tag != "CD"
    return True


def descriptive_participle(g: DepGraph, i: int, people: frozenset[str]) -> str | None:
    """A participle that says who a person or group is rather than what they did once: "embedded with US
    forces battling the Islamic State", "rebels fighting the regime took the town". Only a participle on
    a noun for people or a name, inside a larger clause (a headline's "Troops battling IS near Raqqa" is
    its news), with no time or place of its own ("forces battling IS on Monday" is an episode)."""
    tok = g[i]
    head = tok.head
    if tok.tag != "VBG" or tok.dep != "acl" or head == i or g[head].dep == "ROOT":
        return None
    noun = g[head]
    if noun.lemma.lower() not in people and noun.pos != "PROPN":
        return None
    if any(g[j].ent_type in ("DATE", "TIME") for j in g.subtree(i)) or g.prep_objects(i, PLACE_PREPS):
        return None  # its own time or place: "rebels fighting the army near Hama" may be the episode told
    return f"describes the '{noun.text}' it modifies, no episode"


ALLEGING = frozenset({"allege", "claim", "contend", "assert", "insist", "theorize", "theorise"})


def alleged_practice(g: DepGraph, i: int, frame: str) -> str | None:
    """What someone alleges is going on ("alleges that Trump is breaking up the rings and arresting those
    involved"): a claim about a practice in the present, no episode reported. A past act alleged ("alleges
    that police beat him on Friday") stays an event."""
    if frame not in ALLEGING:
        return None
    j = i
    while g[j].dep == "conj" and g[j].head != j and g.is_verbal(g[j].head):  # a conjunct shares its verb's tense
        j = g[j].head
    aux = g.children(j, "aux", "auxpass")
    present = g[j].tag in ("VBZ", "VBP") or any(g[a].tag in ("VBZ", "VBP") for a in aux)
    return f"a practice alleged in the present ('{frame}'), no episode" if present else None


def _future(g: DepGraph, i: int) -> bool:
    aux = _aux(g, i)
    return bool(aux & set(FUTURE_AUX)) or ("go" in aux and "to" in aux)


def _clause_verdict(g: DepGraph, chain: list[int]) -> Verdict | None:
    """Scan the trigger and the words governing it, nearest first."""
    future, clause_done = False, False
    for depth, j in enumerate(chain):
        lemma = g[j].lemma.lower()
        aux = _aux(g, j)
        if not clause_done:
            future = future or _future(g, j)
            clause_done = g.is_verbal(j) and g[j].dep != "conj"
        if depth > 0 and (lemma in ASSESS or lemma in ASSESS_NOUNS) and (future or aux & set(HYPO_AUX)):
            return Verdict("hypothetical", assessment=f"forecast under '{g[j].text}'")
        if depth > 0 and lemma in ASSESS_NOUNS and g[chain[depth - 1]].dep in ("acl", "ccomp", "relcl"):
            return Verdict("hypothetical", assessment=f"forecast under '{g[j].text}'")
        if depth > 0 and lemma in DENY:
            return Verdict("denied")
        if _negated(g, j) and depth <= 1:
            return Verdict("denied")
        if any(g[m].lemma.lower() in ("if", "unless") for m in g.children(j, "mark")):
            return Verdict("hypothetical")
        if aux & set(HYPO_AUX) and depth <= 1:
            return Verdict("hypothetical")
        if depth > 0 and lemma in INTENT:
            return Verdict("planned")
        if depth == 1 and lemma in ASKED_FOR and "to" in _aux(g, chain[0]) and g[chain[0]].dep in ("acl", "xcomp"):
            return Verdict("planned")  # "the request to meet", "urged the army to withdraw": asked for, not done
    return Verdict("planned") if future else None


def _nothing_done(g: DepGraph, i: int) -> bool:
    """ "gave no figures", "provided no support": the object says nothing was done."""
    if not g.is_verbal(i):
        return False
    objects = g.children(i, "dobj", "obj")
    return any(g[d].lemma.lower() == "no" for o in objects for d in g.children(o, "det"))


def verdict(g: DepGraph, i: int) -> Verdict:
    """Modality of the trigger at ``i``."""
    if _generic(g, i):
        return Verdict("hypothetical", assessment="generic mention (bare plural)")
    if not g.is_verbal(i) and any(g[d].lemma.lower() == "any" for d in g.children(i, "det")):
        return Verdict("hypothetical", assessment="generic mention ('any attack')")
    if _nothing_done(g, i):
        return Verdict("denied")
    found = _clause_verdict(g, _chain(g, i))
    if found is not None:
        return found
    if g[i].dep == "ROOT" and g[i].tag == "VB" and "to" in _aux(g, i):
        return Verdict("planned")  # headline future: "Canada to end airstrikes"
    aux = _aux(g, i)
    if g[i].tag == "VBG" and aux & {"be", "been"}:
        return Verdict("ongoing")
    return Verdict("happened")


# verbs whose past use says their "to" complement was done ("prompted outlets to withdraw their
# journalists", "forced the rebels to withdraw", "managed to escape"): implicative and causative verbs
DONE_BY = frozenset({"prompt", "force", "compel", "oblige", "cause", "manage", "drive"})


def implied_done(g: DepGraph, i: int) -> bool:
    """Whether the act is the "to" complement of a past implicative verb, so it happened whatever its
    infinitive form suggests: "prompted outlets to withdraw", "were forced to flee"."""
    up = g[i].head
    if g[i].dep != "xcomp" or up == i or g[up].lemma.lower() not in DONE_BY or _negated(g, up):
        return False
    aux = _aux(g, up)
    return not aux & set(FUTURE_AUX + HYPO_AUX) and (g[up].tag == "VBD" or (g[up].tag == "VBN" and bool(aux)))
