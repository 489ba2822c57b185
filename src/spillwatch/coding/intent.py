"""Statements of intent: "the rebels said they will release the hostages" is an event, not a release.

Input: the dependency graph and a verb token. Output: an ``Intent`` (the PLOVER type of the
statement, the word that marks it, who made the commitment) or None.

PLOVER codes what an actor says it will do as the statement itself: a stated commitment to a
cooperative act is AGREE, a stated refusal REJECT, a stated harmful act THREATEN, and "X must do Y"
said by someone else is that speaker's REQUEST of X. The event coder declines the intended act
itself (it has not happened, ``clause.py``); this module finds the statement in its place. Each
marker is grammatical and the reason is kept in ``Intent.cue``:

- a future or conditional auxiliary (will, would, shall; "may" only before a harmful act) on a verb
  reported by a statement verb ("said they would blockade Paris");
- an adjective of readiness governing the act ("is willing to withdraw", "is prepared to lift");
- a verb of commitment governing it ("have sworn to fight");
- "must" or "should" on a verb whose subject is not the speaker ("Russia said Sudan must return the
  helicopter": Russia's request of Sudan).

A negated commitment to a cooperative act ("will not accept refugees") is a refusal; a negated harmful
act ("will not attack") is left alone (a promise of restraint is not read reliably from grammar).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spillwatch.coding.lexicon import Lexicon
from spillwatch.coding.ontology import EventType
from spillwatch.coding.patterns import DepGraph, object_of, subject_of

IntentType = Literal["AGREE", "REJECT", "THREATEN", "REQUEST"]

INTENT_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
THREAT_AUX = frozenset({"may", "might", "could"})  # "may halt mediation": a threat only before a harmful act
OBLIGATION_AUX = frozenset({"must", "should"})
READY_WORDS = frozenset({"willing", "ready", "prepared", "determined", "eager", "committed"})
COMMIT_VERBS = frozenset({"swear", "vow", "pledge", "promise", "undertake", "threaten", "resolve"})
# Verbs that end something: ending a cooperative act threatens ("halt mediation"), ending violence
# concedes ("stop the attacks").
ENDING_VERBS = frozenset({"end", "halt", "stop", "cease", "suspend", "cut", "sever", "break", "freeze"})
# Verbs of state, need or attitude: "forces will need to be retrained" commits no one to an act
NOT_ACTS = frozenset(
    {"be", "have", "need", "require", "remain", "continue", "face", "seem", "appear", "become", "get", "want",
     "know", "expect", "hope", "happen", "look", "feel", "mean", "depend", "struggle", "like", "wish"}
)  # fmt: skip
FUTURE_UNTIL = frozenset({"until", "till"})
HOSTILE_ACTS = frozenset({"threat", "attack", "aggression", "provocation", "incursion", "violation"})
OWN = frozenset({"its", "their", "our", "my"})
FIRST_PERSON = frozenset({"we", "i", "us"})
PRONOUNS = frozenset({"they", "it", "he", "she", "we", "i"})
# "which he said would create a climate", "that would reward the regime": a consequence, not a commitment
NOT_ACTORS = frozenset({"which", "that", "this", "these", "those", "what", "who", "there"})
# Verbs and nouns of saying: a fear, a warning or a belief about what another will do is a forecast
SAYING = frozenset(
    {"say", "tell", "announce", "state", "declare", "add", "confirm", "insist", "reiterate", "stress",
     "remind", "reminder", "statement", "write", "pledge", "promise", "vow", "assure", "tweet"}
)  # fmt: skip
UP_FROM_ACT = ("xcomp", "ccomp", "conj", "advcl", "acl", "relcl", "pcomp", "parataxis", "acomp")


@dataclass(frozen=True)
class Intent:
    """A statement of intent found at ``verb``: its PLOVER type, the marking word, who committed
    (``holder``, the act's subject) and who said it (``speaker``, the statement verb's subject)."""

    verb: int
    type: IntentType
    cue: str
    holder: int | None
    speaker: int | None
    bearer: int  # the word carrying the marker: the act itself, or "willing", "sworn"
    statement: int | None  # the statement verb or noun it is reported under
    mode: str | None = None  # "relations" for a threat to end cooperation; else read from the cue words

    @property
    def source(self) -> int | None:
        """The actor who made the statement: for a request the speaker, else the committed actor
        (a pronoun holder stands for the speaker: "the rebels said they will release ...")."""
        if self.type == "REQUEST":
            return self.speaker
        return self.holder

    @property
    def addressee(self) -> int | None:
        return self.holder if self.type == "REQUEST" else None


def _aux(g: DepGraph, i: int) -> set[str]:
    return {g[a].text.lower() for a in g.children(i, "aux", "auxpass")}


def _negated(g: DepGraph, *idx: int) -> bool:
    return any(g.children(i, "neg") for i in idx)


def statement_verb(g: DepGraph, i: int) -> int | None:
    """The statement word the clause of ``i`` is reported under ("said", "announced", "a reminder"),
    at most three clause steps up."""
    j = i
    for _ in range(3):
        if g[j].dep not in UP_FROM_ACT or g[j].head == j:
            return None
        j = g[j].head
        if g[j].lemma.lower() in SAYING:
            return j
    return None


def _subject(g: DepGraph, i: int) -> int | None:
    found, _ = subject_of(g, i)
    return found[0] if found else None


def speaker_of(g: DepGraph, statement: int | None) -> int | None:
    """Who made the statement: the statement verb's subject, or for a statement noun the subject of
    the verb it is the object of ("Chirac issued a reminder")."""
    if statement is None:
        return None
    if g.is_verbal(statement):
        return _subject(g, statement)
    head = g[statement].head
    return _subject(g, head) if head != statement and g.is_verbal(head) else None


def _marker(g: DepGraph, v: int, harmful: bool) -> tuple[str, int] | None:
    """The word marking ``v`` as intended and the token whose subject holds the intent."""
    aux = _aux(g, v)
    if aux & OBLIGATION_AUX:
        return next(iter(aux & OBLIGATION_AUX)), v
    if aux & INTENT_AUX or (harmful and aux & THREAT_AUX):
        return next(iter(aux & (INTENT_AUX | THREAT_AUX))), v
    infinitive = g[v].dep == "xcomp" or (g[v].dep == "advcl" and "to" in aux)  # the parser's "sworn to fight"
    if not infinitive and not (g[v].dep == "pcomp" and g[g[v].head].lemma.lower() == "to"):
        return None
    up = g[v].head if infinitive else g[g[v].head].head  # "committed to opening"
    word = g[up].lemma.lower()
    if word in READY_WORDS or g[up].text.lower() in READY_WORDS:
        bearer = g[up].head if g[up].dep in ("acomp", "amod") else up
    elif word in COMMIT_VERBS:
        bearer = up
    else:
        return None
    obliged = _aux(g, bearer) & OBLIGATION_AUX  # "the US must be ready to mediate": asked of the US
    return (next(iter(obliged)), bearer) if obliged else (word, bearer)


def find_intent(g: DepGraph, v: int, harmful: bool, ends_cooperation: bool = False) -> Intent | None:
    """The statement of intent whose act is the verb ``v``, if any. ``harmful``: the act is force, a
    sanction, a blockade or boycott, or the end of cooperation (the caller reads the lexicon)."""
    if not could_be_act(g, v):
        return None
    found = _marker(g, v, harmful or ends_cooperation)
    if found is None:
        return None
    cue, bearer = found
    statement = statement_verb(g, v)
    speaker = speaker_of(g, statement)
    holder = _subject(g, bearer)
    if holder is not None and g[holder].text.lower() in NOT_ACTORS:
        return None
    pronoun = holder is not None and g[holder].tag == "PRP"  # "US" is no "us"
    if pronoun and holder is not None and g[holder].text.lower() in PRONOUNS and speaker is not None:
        holder = speaker  # "the rebels said they will release": the rebels committed
    if cue in OBLIGATION_AUX:
        self_ask = pronoun and holder is not None and g[holder].text.lower() in FIRST_PERSON  # "we must"
        addressed = holder is not None and holder != speaker and not self_ask
        if speaker is None or not addressed:
            return None
        return Intent(v, "REQUEST", cue, holder, speaker, bearer, statement)
    if cue in INTENT_AUX | THREAT_AUX and statement is None:
        return None  # a bare future ("the summit will open") is a forecast, not someone's commitment
    negated = _negated(g, v, bearer)
    if negated:  # "would not hesitate to strike", "will not rest until they are freed": no refusal
        until = any(g[m].lemma.lower() in FUTURE_UNTIL for c in g.children(v, "advcl") for m in g.children(c, "mark"))
        refused = not harmful and not g.children(v, "xcomp") and not until
        return Intent(v, "REJECT", cue, holder, speaker, bearer, statement) if refused else None
    if harmful and _own_things(g, v):
        harmful = False  # "will destroy its chemical weapons": disarming, no threat to anyone
    kind: IntentType = "THREATEN" if harmful or ends_cooperation else "AGREE"
    mode = "relations" if ends_cooperation else None
    return Intent(v, kind, cue, holder, speaker, bearer, statement, mode)


def _own_things(g: DepGraph, v: int) -> bool:
    """The act's object belongs to its maker ("its weapons", "their fighters")."""
    return any(
        g[p].tag == "PRP$" and g[p].text.lower() in OWN for o in object_of(g, v)[0] for p in g.children(o, "poss")
    )


HARMFUL_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN"})
COOPERATIVE_TYPES = frozenset({"CONSULT", "COOPERATE", "AID", "SUPPORT", "AGREE"})
TIES_MODE = "relations"  # THREATEN's mode whose cue words are the ties a threat would cut


@lru_cache(maxsize=4)
def _threat_cues(threat: EventType) -> tuple[frozenset[str], frozenset[str]]:
    """THREATEN's cue words of harm, and those of the ties a threat would cut (read once per ontology)."""
    harm = frozenset(c for m in threat.modes if m.name != TIES_MODE for c in m.cues)
    return harm, frozenset(c for m in threat.modes if m.name == TIES_MODE for c in m.cues)


def could_be_act(g: DepGraph, v: int) -> bool:
    """The cheap test ``find_intent`` starts with: a base-form or -ing verb that is no verb of state."""
    return g.is_verbal(v) and g[v].tag in ("VB", "VBG") and g[v].lemma.lower() not in NOT_ACTS


def harm_of(g: DepGraph, v: int, lex: Lexicon) -> tuple[bool, bool]:
    """Whether the act at ``v`` is harmful (force, a sanction, a blockade, a boycott: the lexicon's
    types and THREATEN's own mode cues) and whether it ends cooperation ("halt mediation efforts")."""
    lemma = g[v].lemma.lower()
    types = {s.type for s in lex.candidates(g, v)}
    cues, ties = _threat_cues(lex.ontology.type("THREATEN"))
    objects = [j for o in object_of(g, v)[0] for j in g.np_tokens(o)]  # "halt mediation efforts": the phrase's words
    # the act or what it imposes: "would impose 25 percent duties", "will close the consulate"
    harmful = bool(types & HARMFUL_TYPES) or lemma in cues or any(g[o].lemma.lower() in cues for o in objects)
    # "would respond firmly to any threat": an answer to force is force
    harmful = harmful or any(g[o].lemma.lower() in HOSTILE_ACTS for o in g.prep_objects(v, ("to", "against")))
    if lemma not in ENDING_VERBS:
        return harmful, False
    cooperative = any(
        g[o].lemma.lower() in ties or {s.type for s in lex.candidates(g, o)} & COOPERATIVE_TYPES for o in objects
    )
    return harmful, cooperative


def names_an_event(g: DepGraph, v: int, lex: Lexicon) -> bool:
    """Whether the act at ``v`` or its object is a word of the event lexicon ("will release the hostages"
    is not, "will send troops" and "would impose sanctions" are)."""
    return bool(lex.candidates(g, v)) or any(lex.candidates(g, j) for o in object_of(g, v)[0] for j in g.np_tokens(o))
