"""Event coding: PLOVER event mentions from an annotated article.

Input: an ``AnnotatedArticle`` (tokens with a dependency parse, sentences, entities, and where
present actor mentions, quotes, dates, quantities, places). Output: ``EventMention`` records with
type, modes, source/target actors, place text, date, quantities, modality, quotedness, argument
spans and an ACLED view. Declines (see ``code_events_explained``): triggers in dateline, byline or
credit blocks; forecasts and generic mentions; events without an actor (or, for violence, a
place); types that need a recipient but have none; triggers the sentence classifier strongly
contradicts.

How the lexicon and the classifier combine: the lexicon proposes (token, type) candidates; the
classifier scores the sentence. When a token fits several types the classifier picks; a
candidate whose type gets under ``VETO_P`` while another type gets over ``VETO_TOP`` is dropped;
confidence is ``0.55 + 0.45 * p(type)``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spillwatch.coding.acled import acled_category
from spillwatch.coding.args import ArgumentFinder, Resolved
from spillwatch.coding.classifier import TypeClassifier, load_classifier
from spillwatch.coding.lexicon import CUE_STOP, Lexicon
from spillwatch.coding.modality import verdict
from spillwatch.coding.ontology import TriggerSpec, load_ontology
from spillwatch.coding.patterns import DepGraph, roles
from spillwatch.records import AnnotatedArticle, EventMention, Sentence, Span
from spillwatch.settings import Settings

SKIP_ROLES = ("dateline", "byline", "credit")
VETO_P = 0.02
VETO_TOP = 0.5
NEEDS_ACTOR_OR_PLACE = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE")


@dataclass(frozen=True)
class Declined:
    trigger_text: str
    trigger: Span
    type: str
    reason: str


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    return Lexicon.build(load_ontology())


def _classifier() -> TypeClassifier:
    return load_classifier()


def code_events(ann: AnnotatedArticle, settings: Settings | None = None) -> tuple[EventMention, ...]:
    """Event mentions found in ``ann``, in text order."""
    return code_events_explained(ann, settings)[0]


def code_events_explained(
    ann: AnnotatedArticle, settings: Settings | None = None
) -> tuple[tuple[EventMention, ...], tuple[Declined, ...]]:
    """Event mentions, plus every trigger that was declined and why."""
    if not ann.tokens or not ann.sentences:
        return (), ()
    coder = _ArticleCoder(ann)
    for k, sent in enumerate(ann.sentences):
        role = coder.block_role(sent)
        if role in SKIP_ROLES:
            continue
        coder.code_sentence(k, sent)
    return tuple(coder.mentions), tuple(coder.declined)


class _ArticleCoder:
    def __init__(self, ann: AnnotatedArticle) -> None:
        self.ann = ann
        self.text = ann.article.text
        self.g = DepGraph(ann.tokens)
        self.lex = _lexicon()
        self.clf = _classifier()
        self.args = ArgumentFinder(ann, self.g)
        self.blocks = ann.article.block_spans()
        self.mentions: list[EventMention] = []
        self.declined: list[Declined] = []

    def block_role(self, sent: Sentence) -> str:
        for block, span in self.blocks:
            if span.start <= sent.span.start < span.end + 1:
                return block.role
        return "body"

    def _decline(self, i: int, etype: str, reason: str) -> None:
        tok = self.g[i]
        self.declined.append(Declined(tok.text, tok.span, etype, reason))

    def code_sentence(self, k: int, sent: Sentence) -> None:
        probs = self.clf.predict_proba(sent.span.of(self.text))
        found: list[tuple[int, TriggerSpec]] = []
        consumed: set[int] = set()
        for i in range(sent.first_token, sent.last_token):
            if i in consumed:
                continue
            spec = self._choose(i, probs)
            if spec is None:
                continue
            consumed.update(self.lex.dep_tokens(self.g, i, spec))
            found.append((i, spec))
        found = [(i, s) for i, s in found if i not in consumed]
        for i, spec in _merge_nested(self.g, found):
            mention = self._mention(k, sent, i, spec, probs)
            if mention is not None:
                self.mentions.append(mention)

    def _choose(self, i: int, probs: dict[str, float]) -> TriggerSpec | None:
        cands = self.lex.candidates(self.g, i)
        if not cands:
            return None
        best = max(cands, key=lambda s: (probs.get(s.type, 0.0), len(s.deps)))
        top = max(probs.values())
        if probs.get(best.type, 0.0) < VETO_P and top >= VETO_TOP:
            self._decline(i, best.type, f"classifier contradicts ({max(probs, key=probs.__getitem__)})")
            return None
        return best

    def _mention(
        self, k: int, sent: Sentence, i: int, spec: TriggerSpec, probs: dict[str, float]
    ) -> EventMention | None:
        g = self.g
        verdict_ = verdict(g, i)
        if verdict_.assessment is not None:
            self._decline(i, spec.type, verdict_.assessment)
            return None
        if self._anaphoric_repeat(i, spec.type):
            self._decline(i, spec.type, "repeats an event already coded ('the meeting')")
            return None
        r = roles(g, i)
        res = self.args.resolve(r, k, sent, i)
        problem = self._missing(spec.type, res)
        if problem is not None:
            self._decline(i, spec.type, problem)
            return None
        extra = self.args.source_words(r, sent)
        return self._build(sent, i, spec, res, verdict_.modality, probs, extra)

    def _missing(self, etype: str, res: Resolved) -> str | None:
        etype_def = self.lex.ontology.type(etype)
        if etype_def.requires_recipient and not res.targets:
            return "type needs a recipient; none found"
        if not res.sources and not res.targets:
            if etype in NEEDS_ACTOR_OR_PLACE and res.places:
                return None
            return "no actor found"
        return None

    def _anaphoric_repeat(self, i: int, etype: str) -> bool:
        g = self.g
        if g.is_verbal(i):
            return False
        dets = [g[d].lemma.lower() for d in g.children(i, "det")]
        bare = not g.children(i, "amod", "compound", "prep", "poss", "nummod")
        return dets == ["the"] and bare and any(m.type == etype for m in self.mentions)

    def _build(
        self,
        sent: Sentence,
        i: int,
        spec: TriggerSpec,
        res: Resolved,
        modality: str,
        probs: dict[str, float],
        extra: list[int],
    ) -> EventMention:
        g = self.g
        modes = self.lex.modes(g, i, spec, extra)
        cues = [g[j].lemma for j in g.subtree(i, CUE_STOP)]
        acled = acled_category(spec.type, modes, res.sources, res.targets, cues)
        p = probs.get(spec.type, 0.0)
        return EventMention(
            article_id=self.ann.id,
            type=spec.type,
            trigger=g[i].span,
            trigger_text=g[i].text,
            sentence=sent.span,
            modes=modes,
            sources=res.sources,
            targets=res.targets,
            place_text=res.places[0].text if res.places else None,
            date=res.date,
            quantities=res.quantities,
            modality=modality,  # type: ignore[arg-type]
            quoted=any(q.span.start <= g[i].span.start < q.span.end for q in self.ann.quotes),
            arguments=res.arguments,
            acled_type=acled[0],
            acled_subtype=acled[1],
            confidence=round(0.55 + 0.45 * p, 3),
        )


def _merge_nested(g: DepGraph, found: list[tuple[int, TriggerSpec]]) -> list[tuple[int, TriggerSpec]]:
    """Keep one trigger per type and clause: "killed in an air strike" is one ASSAULT."""
    keep: list[tuple[int, TriggerSpec]] = []
    for i, spec in found:
        above = set(g.ancestors(i)[:3])
        if any(j in above and s.type == spec.type for j, s in found):
            continue
        keep.append((i, spec))
    return keep


def with_place(mention: EventMention, place_text: str | None) -> EventMention:
    """Copy of ``mention`` with another place text (for the geo stage's corrections)."""
    return replace(mention, place_text=place_text)
