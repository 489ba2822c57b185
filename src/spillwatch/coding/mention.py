"""The mention model: does this trigger, in its clause, report a political act that took place?

Input: one lexicon trigger with its clause (``records.Clause``), the parse, and the sentence-level
detector's call. Output (``MentionCall``): a probability for each of five classes, learned from
hand-labelled mentions of outside news (``eval/labelled/clauses.tsv``):

- ``happened``: a real act that took place or is going on (a statement, an arrest, an attack, a
  reference back to one);
- ``negated``: said not to have happened ("no one was injured");
- ``planned``: not yet done: future, intended, demanded, conditional ("will visit", "must withdraw");
- ``generic``: habitual, standing or aggregate ("the Small Group meets regularly", a national toll);
- ``not_event``: another sense or no political act ("a charging cable", "a film shoot", a name).

Features (``features``): the clause's grammar (status and the word that set it, tense, aspect, the
predicate and its auxiliaries, negation, a statement frame, a definite reference), the trigger (its
lemma, tag, determiner, dependency), the words around it, the named entities of the sentence, and the
sentence detector's probabilities. The model is a multinomial logistic regression fitted by
``eval/clauses/train.py`` on the labelled train documents and stored as ``data/mention_model.json.gz``
(arrays of numbers and feature names, no code); a missing or mismatched file raises ``ConfigError``
naming the command that rebuilds it.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from spillwatch.coding.patterns import DepGraph
from spillwatch.errors import ConfigError
from spillwatch.records import Clause, Span

FORMAT = "spillwatch-mention-model/1"
MODEL_NAME = "mention_model.json.gz"
REBUILD = "python eval/clauses/train.py --write"
CLASSES = ("happened", "negated", "planned", "generic", "not_event")
WINDOW = 4  # words each side of the trigger, as features
TEXT_WINDOW = 10  # words each side of the trigger, as the text the encoder reads
AUX_DEPS = ("aux", "auxpass", "neg", "mark", "advmod")
ENTITY_LABELS = ("GPE", "LOC", "ORG", "NORP", "PERSON", "CARDINAL", "DATE", "FAC")


@dataclass(frozen=True, slots=True)
class MentionCall:
    """The model's reading of one mention: the most likely class and every class's probability."""

    label: str
    p: float
    probs: tuple[tuple[str, float], ...]

    def of(self, label: str) -> float:
        return dict(self.probs).get(label, 0.0)


@dataclass(frozen=True, slots=True)
class MentionInput:
    """What the mention model reads of one trigger (kept for training: ``events.mention_features``)."""

    trigger: Span
    type: str
    features: dict[str, float]
    text: str  # the words around the trigger (``window_text``)


@dataclass(frozen=True, slots=True)
class SentenceSignal:
    """The sentence-level numbers the mention model reads (from ``relevance/model.py``'s call and
    the type classifier)."""

    event_p: float
    civilians_p: float
    type_p: float
    title: bool = False


def features(g: DepGraph, i: int, etype: str, clause: Clause, first: int, last: int,
             signal: SentenceSignal) -> dict[str, float]:
    """The named features of the trigger at token ``i`` (sentence tokens ``first``..``last - 1``)."""
    tok = g[i]
    f: dict[str, float] = {f"type={etype}": 1.0, f"status={clause.status}": 1.0, f"tense={clause.tense}": 1.0,
                           f"aspect={clause.aspect}": 1.0, f"lemma={tok.lemma.lower()}": 1.0,
                           f"tag={tok.tag}": 1.0, f"dep={tok.dep}": 1.0, f"type_tag={etype}:{tok.tag[:2]}": 1.0}
    if clause.cue:
        f[f"cue={clause.cue.lower()}"] = 1.0
    if clause.frame:
        f["frame"] = 1.0
        f[f"frame={clause.frame}"] = 1.0
    if clause.reference:
        f["reference"] = 1.0
    if clause.head != clause.trigger:
        f[f"head={clause.head_lemma.lower()}"] = 1.0
    if clause.subject is not None:
        f["has_subject"] = 1.0
    if clause.temporal:
        f["has_time"] = 1.0
    if clause.places:
        f["has_place"] = 1.0
    dets = [g[d].lemma.lower() for d in g.children(i, "det", "poss", "nummod")]
    f[f"det={dets[0] if dets else '-'}"] = 1.0
    head = _head_index(g, i, clause)
    for c in g.children(head, *AUX_DEPS) + (g.children(i, *AUX_DEPS) if head != i else []):
        f[f"aux={g[c].lemma.lower()}"] = 1.0
    for j in range(max(first, i - WINDOW), i):
        f[f"L={g[j].lemma.lower()}"] = 1.0
    for j in range(i + 1, min(last, i + 1 + WINDOW)):
        f[f"R={g[j].lemma.lower()}"] = 1.0
    for j in range(first, last):
        if g[j].ent_type in ENTITY_LABELS and g[j].ent_iob == "B":
            f[f"ent={g[j].ent_type}"] = 1.0
    f["event_p"] = signal.event_p
    f["civilians_p"] = signal.civilians_p
    f["type_p"] = signal.type_p
    f["short"] = 1.0 if last - first <= 14 else 0.0
    if signal.title:
        f["title"] = 1.0
    return f


def window_text(g: DepGraph, i: int, first: int, last: int) -> str:
    """The words around the trigger that the encoder reads (``TEXT_WINDOW`` each side, in the sentence)."""
    return " ".join(g[j].text for j in range(max(first, i - TEXT_WINDOW), min(last, i + 1 + TEXT_WINDOW)))


def _head_index(g: DepGraph, i: int, clause: Clause) -> int:
    """The token index of the clause's predicate (the trigger itself when it is the head)."""
    if clause.head == clause.trigger:
        return i
    j = i
    for _ in range(6):
        if g[j].span == clause.head:
            return j
        if g[j].head == j:
            break
        j = g[j].head
    return i


@dataclass(frozen=True)
class MentionModel:
    classes: tuple[str, ...]
    index: dict[str, int]
    coef: np.ndarray  # features x classes
    intercept: np.ndarray  # classes
    embedding_coef: np.ndarray  # encoder dimensions x classes (0 rows: the model reads no encoder)
    embedding_scale: float
    meta: dict[str, object]

    @property
    def reads_text(self) -> bool:
        return self.embedding_coef.shape[0] > 0

    def call(self, feats: dict[str, float], embedding: np.ndarray | None = None) -> MentionCall:
        scores = self.intercept.copy()
        for name, value in feats.items():
            k = self.index.get(name)
            if k is not None and value:
                scores += self.coef[k] * value
        if self.reads_text:
            if embedding is None:
                raise ValueError("this mention model reads the encoder's vector; none was given")
            scores += (embedding * self.embedding_scale) @ self.embedding_coef
        exps = np.exp(scores - scores.max())
        probs = exps / exps.sum()
        pairs = tuple((c, float(p)) for c, p in zip(self.classes, probs, strict=True))
        label, p = max(pairs, key=lambda cp: cp[1])
        return MentionCall(label, p, pairs)


def model_from_json(data: dict[str, object], where: str) -> MentionModel:
    if data.get("format") != FORMAT:
        raise ConfigError(f"{where}: not a {FORMAT} file; rebuild it with {REBUILD}")
    try:
        classes = tuple(str(c) for c in data["classes"])  # type: ignore[attr-defined]
        names = [str(n) for n in data["features"]]  # type: ignore[attr-defined]
        coef = np.array(data["coef"], dtype=np.float64).reshape(len(names), len(classes))
        intercept = np.array(data["intercept"], dtype=np.float64).reshape(len(classes))
        emb = np.array(data.get("embedding_coef") or [], dtype=np.float64).reshape(-1, len(classes))
        scale = float(data.get("embedding_scale", 1.0))  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: damaged mention model ({exc}); rebuild it with {REBUILD}") from exc
    meta = data.get("meta")
    return MentionModel(classes, {n: k for k, n in enumerate(names)}, coef, intercept, emb, scale,
                        dict(meta) if isinstance(meta, dict) else {})


@lru_cache(maxsize=1)
def load_mention_model() -> MentionModel:
    """The packaged mention model (``data/mention_model.json.gz``)."""
    path = resources.files("spillwatch") / "data" / MODEL_NAME
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError) as exc:
        raise ConfigError(f"{path}: cannot read the mention model ({exc}); rebuild it with {REBUILD}") from exc
    return model_from_json(data, str(path))
