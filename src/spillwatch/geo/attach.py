"""Which of a sentence's places is attached to an event: input the tokens (dependency parse), the
event's trigger and the sentence's places, output those places that may be the event's own,
best first.

Why each rule:
- the dependency path from the trigger to the place's head word is how the sentence itself ties
  a place to the event ("killed in Nablus": 2 steps; "a conference in A, following last year's in
  B": B is further from "conference" than A);
- a place in the frame of a statement is the speaker's, not the event's: when the trigger sits in
  the complement of a speech or decision verb ("officials in X said the raid killed dozens"),
  places under that verb but outside the complement are left out;
- a place word that marks a scene ("in", "at", "near", "outside") ties tighter than one that marks
  where someone came from or went ("from", "to"); a place after the trigger is the usual order in
  English news ("attacked ... in X"), so it wins a tie.
- a place phrase of the event's own clause (``records.Clause.places``, from ``coding/clause.py``)
  and the nearest of them are features too: the clause stops at embedded clauses of other
  predicates, which the path length alone does not see.
- named cues (``Option.cues``) carry what a count cannot: the dependency labels on the path, the
  preposition, the words around the place and the word it qualifies ("residents of X" is no scene,
  "the street in X" is), the trigger's lemma, and the option's rank among the sentence's others.
The weights are fitted (``geo/train_attach.py``); ``hand_cost`` is the unfitted reading of the same
reasons, used when no weights are given.
Declines: a sentence without a parse (no tokens) gives the places nearest the trigger in text.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Generic, TypeVar

from spillwatch.errors import ConfigError
from spillwatch.geo.lexicon import SPEECH_LEMMAS
from spillwatch.geo.placephrases import PLACE_NOUNS, SCENE_WORDS, named_by_place_noun
from spillwatch.records import Span, Token

P = TypeVar("P")
MOTION_WORDS = frozenset(("from", "to", "into", "toward", "towards"))
COMPLEMENT = frozenset(("ccomp", "xcomp", "parataxis", "advcl", "conj"))
SCENE_BONUS = 0.5  # half a step: the preposition says "scene" outright
MOTION_PENALTY = 1.5  # an origin or destination is the event's place only when nothing else is
BEFORE_PENALTY = 0.25  # a place before the trigger loses a tie to one after it
ANCHOR_NOUNS = PLACE_NOUNS | {"capital"}
ROOT_LINK = 2  # two parse trees of one sentence: a weaker tie than any edge inside a tree


def head_of(tokens: Sequence[Token], lo: int, hi: int) -> int:
    """The token of ``tokens[lo:hi]`` whose head lies outside the range (the phrase's head)."""
    for i in range(lo, hi):
        h = tokens[i].head
        if h < lo or h >= hi or h == i:
            return i
    return lo


def _ancestors(tokens: Sequence[Token], i: int) -> list[int]:
    out = [i]
    seen = {i}
    while tokens[i].head != i and tokens[i].head not in seen and len(out) < 64:
        i = tokens[i].head
        out.append(i)
        seen.add(i)
    return out


def _path(tokens: Sequence[Token], up: list[int], trig_chain: list[int]) -> list[int]:
    """The tokens on the path from a place's head (``up``: its ancestors) to the trigger."""
    where = {t: n for n, t in enumerate(trig_chain)}
    for n, t in enumerate(up):
        if t in where:
            return up[: n + 1] + trig_chain[: where[t]]
    return up + trig_chain


def path_length(tokens: Sequence[Token], a: int, b: int) -> int:
    """Edges between two tokens through their lowest common head; tokens of two parse trees (the
    parser split the event's sentence) are joined through their roots by ROOT_LINK edges."""
    up_a = _ancestors(tokens, a)
    where = {t: n for n, t in enumerate(up_a)}
    up_b = _ancestors(tokens, b)
    for n, t in enumerate(up_b):
        if t in where:
            return where[t] + n
    return len(up_a) - 1 + len(up_b) - 1 + ROOT_LINK


def span_steps(tokens: Sequence[Token], index: dict[int, int], a: Span, b: Span) -> int | None:
    """Dependency steps between two phrases' head words (None: a phrase without tokens)."""
    ra, rb = _token_range(tokens, index, a), _token_range(tokens, index, b)
    if ra is None or rb is None:
        return None
    return path_length(tokens, head_of(tokens, *ra), head_of(tokens, *rb))


def _frame(tokens: Sequence[Token], trigger: int) -> tuple[int, int] | None:
    """(speech verb, the complement's top token) when the trigger is inside a statement's content."""
    up = _ancestors(tokens, trigger)
    for below, above in itertools.pairwise(up):
        verb = tokens[above]
        if tokens[below].dep in COMPLEMENT and verb.lemma.lower() in SPEECH_LEMMAS and verb.pos in ("VERB", "AUX"):
            return above, below
    return None


FEATURES = (
    "steps", "scene", "motion", "before", "subtree", "noun_path", "two_trees", "country", "unit",
    "token_gap", "unresolved", "verbs_on_path", "direct", "in_subject", "in_clause", "clause_first",
    "noun_named", "object", "ner_place", "nominal", "rivals",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Option(Generic[P]):
    """A place of the event's sentence with what the parse says about its tie to the trigger."""

    place: P
    span: Span
    features: tuple[float, ...]
    cues: tuple[str, ...] = ()  # named indicator features (``cues``): the fitted scorer weighs each


def _anchor(tokens: Sequence[Token], head: int) -> int:
    """The word that ties a place's name into the sentence: the place noun it names, if any ("in the
    capital Amman", "in the northern city of Mosul": "capital", "city"), else the name's head."""
    for _ in range(3):
        tok = tokens[head]
        up = tokens[tok.head]
        if tok.dep == "pobj" and up.text.lower() == "of" and tokens[up.head].text.lower() in ANCHOR_NOUNS:
            head = up.head
        elif tok.dep in ("appos", "compound") and up.text.lower() in ANCHOR_NOUNS:
            head = tok.head
        else:
            break
    return head


def _token_range(tokens: Sequence[Token], index: dict[int, int], span: Span) -> tuple[int, int] | None:
    lo = index.get(span.start)
    if lo is None:
        return None
    hi = lo + 1
    while hi < len(tokens) and tokens[hi].span.start < span.end:
        hi += 1
    return lo, hi


def options(tokens: Sequence[Token], index: dict[int, int], trigger: Span,
            places: Sequence[tuple[Span, P, int | None]], clause: Sequence[Span] = (),
            hints: Mapping[Span, tuple[str, ...]] | None = None) -> list[Option[P]]:
    """The places (span, place, precision) that may be the event's, with their features; a place
    in the frame of a statement around the trigger is left out (see module docstring).
    ``index`` maps a character offset at which a token starts to the token's position; ``clause``
    holds the place phrases of the event's own clause (``records.Clause.places``), nearest first;
    ``hints`` adds named cues to a place's own (the coder's rank of it among its place arguments)."""
    t_range = _token_range(tokens, index, trigger)
    if t_range is None:
        return []
    trig = head_of(tokens, *t_range)
    frame = _frame(tokens, trig)
    trig_chain = _ancestors(tokens, trig)
    trig_up = set(trig_chain)
    out: list[Option[P]] = []
    for span, place, precision in places:
        p_range = _token_range(tokens, index, span)
        if p_range is None:
            continue
        name = head_of(tokens, *p_range)
        head = _anchor(tokens, name)
        up = _ancestors(tokens, head)
        if _not_the_events(tokens, trig, frame, name, up, precision):
            continue
        steps = path_length(tokens, trig, head)
        prep = tokens[tokens[head].head].text.lower() if tokens[head].dep == "pobj" else ""
        below = up[: up.index(trig)] if trig in up else []
        nouns = sum(tokens[i].pos in ("NOUN", "PROPN") for i in below[1:] if tokens[i].dep != "pobj")
        gap = abs(p_range[0] - t_range[0])
        path = _path(tokens, up, trig_chain)
        verbs = sum(tokens[i].pos in ("VERB", "AUX") for i in path if i != trig)
        direct = tokens[head].dep == "pobj" and tokens[tokens[head].head].head == trig
        subject = any(tokens[i].dep in ("nsubj", "nsubjpass") and tokens[i].head == trig for i in up)
        out.append(Option(place, span, (
            float(steps), float(prep in SCENE_WORDS), float(prep in MOTION_WORDS),
            float(span.start < trigger.start), float(trig in up), float(nouns),
            float(not (set(up) & trig_up)), float(precision is not None and precision >= 6),
            float(precision == 4), min(gap, 40) / 10, float(precision is None), float(verbs),
            float(direct), float(subject), float(any(_overlap(span, c) for c in clause)),
            float(bool(clause) and _overlap(span, clause[0])), float(named_by_place_noun(tokens, name) or name != head),
            float(tokens[head].dep == "dobj" and tokens[head].head == trig),
            float(tokens[name].ent_type in ("GPE", "LOC", "FAC")), float(tokens[trig].pos == "NOUN"), 0.0,
        ), _cues(tokens, trig, head, up, trig_chain, p_range) + (hints or {}).get(span, ())))
    return _relative(out, t_range[0])


def _not_the_events(tokens: Sequence[Token], trig: int, frame: tuple[int, int] | None, name: int, up: list[int],
                    precision: int | None) -> bool:
    """The speaker's place ("officials in X said the raid killed dozens": under the speech verb, outside
    its complement) or a participant's nationality (``_nationality``): never the event's place."""
    if frame is not None and frame[0] in up and frame[1] not in up:
        return True
    return precision is not None and precision >= NATION_PRECISION and _nationality(tokens, name, trig)


def not_the_events(tokens: Sequence[Token], index: dict[int, int], trigger: Span, span: Span,
                   precision: int | None) -> bool:
    """``_not_the_events`` for one place phrase (False when either phrase has no tokens)."""
    t_range, p_range = _token_range(tokens, index, trigger), _token_range(tokens, index, span)
    if t_range is None or p_range is None:
        return False
    trig = head_of(tokens, *t_range)
    name = head_of(tokens, *p_range)
    return _not_the_events(tokens, trig, _frame(tokens, trig), name, _ancestors(tokens, _anchor(tokens, name)),
                           precision)


NATION_PRECISION = 6  # a country (a town before a noun, "Baghdad residents", often is the scene)
PARTICIPANT_DEPS = frozenset(("nsubj", "nsubjpass", "dobj", "pobj"))


def _nationality(tokens: Sequence[Token], name: int, trig: int) -> bool:
    """A country's name qualifying one of the event's participants ("US troops attacked the town",
    "US service members were killed", "US service members killed in a crash") says whose they are,
    not where the event was: the name modifies a noun that is the trigger's subject or object, the
    agent after "by", or the noun the event's clause describes; a name qualifying the event itself
    ("the Afghanistan helicopter crash") stays a scene."""
    tok = tokens[name]
    if tok.dep not in ("compound", "amod", "nmod") or tok.head == trig:
        return False
    noun = tokens[tok.head]
    if noun.pos != "NOUN":
        return False
    if tokens[trig].head == tok.head and tokens[trig].dep in ("acl", "relcl"):
        return True  # "US service members killed in ...": the noun the event's clause describes
    if noun.dep not in PARTICIPANT_DEPS:
        return False
    if noun.dep == "pobj":
        return tokens[noun.head].text.lower() == "by" and tokens[noun.head].head == trig
    return noun.head == trig


def _cues(tokens: Sequence[Token], trig: int, head: int, up: list[int], trig_chain: list[int],
          words: tuple[int, int]) -> tuple[str, ...]:
    """Named cues of a place's tie to the trigger: the dependency labels on the path between them
    (up from the place, then down to the trigger), the preposition, the words before and after the
    place (its token range ``words``) and the word it qualifies ("residents of X", "killed in X"),
    the place's NER label and the trigger's lemma and label."""
    first, last = words
    where = {t: n for n, t in enumerate(trig_chain)}
    top = next((n for n, t in enumerate(up) if t in where), len(up) - 1)
    rise = ">".join(tokens[i].dep for i in up[:top][:3])
    fall = "<".join(tokens[i].dep for i in trig_chain[: where.get(up[top], 0)][:3])
    tok = tokens[head]
    prep = tokens[tok.head].text.lower() if tok.dep == "pobj" else "-"
    before = tokens[first - 1].text.lower() if first > 0 else "^"
    after = tokens[last].text.lower() if last < len(tokens) else "$"
    gov = tokens[tokens[tok.head].head] if tok.dep == "pobj" else tokens[tok.head]
    return (f"path:{rise}|{fall}", f"up:{rise}", f"down:{fall}", f"prep:{prep}", f"prev:{before}",
            f"next:{after}", f"gov:{gov.lemma.lower() if gov is not tok else '-'}",
            f"ent:{tok.ent_type or '-'}", f"lemma:{tokens[trig].lemma.lower()}", f"trig:{tokens[trig].dep}",
            f"prep_lemma:{prep}:{tokens[trig].lemma.lower()}")


def _relative(out: list[Option[P]], trig: int) -> list[Option[P]]:
    """Each option's standing among the sentence's others: how many there are, and its rank by
    dependency steps and by distance in words (ties share a rank)."""
    rivals = min(len(out) - 1, 4) / 4
    steps = sorted({o.features[0] for o in out})
    gaps = sorted({o.features[9] for o in out})
    return [replace(o, features=(*o.features[:-1], rivals),
                    cues=(*o.cues, f"steps_rank:{min(steps.index(o.features[0]), 3)}",
                          f"gap_rank:{min(gaps.index(o.features[9]), 3)}"))
            for o in out]


def expand(f: Sequence[float]) -> list[float]:
    """The fitted scorer's inputs: the features plus steps squared (a long path is worse than its
    length says) and an unresolved phrase's scene word and direct tie (a bare "in X" phrase the
    gazetteer lacks is often a building or street, not where the event is placed)."""
    return [*f, f[0] ** 2 / 10, f[10] * f[1], f[10] * f[12]]


@dataclass(frozen=True, slots=True)
class Fitted:
    weights: tuple[float, ...]
    bias: float
    threshold: float  # the best option must score above this, else the event has no place of its own
    cue_weights: Mapping[str, float] = field(default_factory=dict)

    def score(self, f: Sequence[float], cues: Sequence[str] = ()) -> float:
        dense = sum(w * v for w, v in zip(self.weights, expand(f), strict=True))
        return self.bias + dense + sum(self.cue_weights.get(c, 0.0) for c in cues)


@cache
def load_fitted() -> Fitted:
    """The shipped weights (``data/geo_attach.json``, fitted by ``eval/event_location.py --fit``)."""
    data = json.loads(resources.files("spillwatch.data").joinpath("geo_attach.json").read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ConfigError("data/geo_attach.json was fitted on other features: run eval/event_location.py --fit")
    return Fitted(tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["threshold"]),
                  {str(k): float(v) for k, v in data.get("cues", {}).items()})


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def hand_cost(f: Sequence[float]) -> float:
    """The reasoned default cost (lower is better) when no fitted weights are given."""
    return f[0] - SCENE_BONUS * f[1] + MOTION_PENALTY * f[2] + BEFORE_PENALTY * f[3] + ROOT_LINK * f[6]


def attached(tokens: Sequence[Token], index: dict[int, int], trigger: Span,
             places: Sequence[tuple[Span, P, int | None]], fitted: Fitted | None = None,
             clause: Sequence[Span] = (), hints: Mapping[Span, tuple[str, ...]] | None = None) -> list[P]:
    """The places that may be the event's, best first: by the ``fitted`` scorer when given (only
    those above its threshold), else by ``hand_cost``; without a parse, by text distance."""
    if not tokens or _token_range(tokens, index, trigger) is None:
        centre = (trigger.start + trigger.end) / 2
        return [p for _, p, _ in sorted(places, key=lambda sp: abs((sp[0].start + sp[0].end) / 2 - centre))]
    found = options(tokens, index, trigger, places, clause, hints)
    if fitted is None:
        return [o.place for o in sorted(found, key=lambda o: (hand_cost(o.features), o.span.start))]
    scored = sorted(((fitted.score(o.features, o.cues), o) for o in found), key=lambda t: (-t[0], t[1].span.start))
    return [o.place for s, o in scored if s > fitted.threshold]
