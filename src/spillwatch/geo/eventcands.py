"""The event's candidate places: input an article's places, tokens and entities, output, per
event mention, the places its sentence offers (``candidates``: the literal places and the place
phrases the gazetteer lacks, kept as text) and the coder's rank of each among the mention's place
arguments (``coder_hints``), for ``geo/eventplace.py`` to choose from. ``Doc`` holds the article's
indexes, built once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spillwatch.geo.incontext import OFFICE_WORDS
from spillwatch.geo.lexicon import PERSON_WORDS
from spillwatch.geo.placephrases import PLACE_NOUNS, SCENE_WORDS, noun_named, phrases
from spillwatch.records import AnnotatedArticle, Entity, EventMention, Place, Span, Token
from spillwatch.spanindex import SpanIndex

LITERAL_ROLES = frozenset({"place", "region"})


def argument_spans(m: EventMention, text: str) -> list[Span]:
    """The mention's place arguments, in the coder's order (else its ``place_text`` in its sentence)."""
    spans = [a.span for a in m.arguments if a.role == "place"]
    if m.place_text and not spans:
        at = text.find(m.place_text, m.sentence.start, m.sentence.end)
        if at >= 0:
            spans.append(Span(at, at + len(m.place_text)))
    return spans


@dataclass(frozen=True, slots=True)
class Doc:
    """An article's indexes for placing its events (built once; each event looks up its sentence)."""

    ann: AnnotatedArticle
    literal: SpanIndex[Place]
    demonyms: SpanIndex[Place]
    index: dict[int, int]  # character offset where a token starts -> token position
    taken: SpanIndex[Span]  # place, actor and person mentions: never an unknown place phrase
    named: SpanIndex[Span]  # place and resolved actor mentions: never a place noun's name
    entities: SpanIndex[Entity]

    @classmethod
    def of(cls, ann: AnnotatedArticle) -> Doc:
        people = [e.span for e in ann.entities if e.label == "PERSON"]
        named = [p.span for p in ann.places] + [a.span for a in ann.actors if a.actor.resolved]
        taken = named + [a.span for a in ann.actors] + people
        return cls(ann, SpanIndex(p for p in ann.places if p.role in LITERAL_ROLES),
                   SpanIndex(p for p in ann.places if p.role == "demonym"),
                   {t.span.start: i for i, t in enumerate(ann.tokens)}, SpanIndex(taken, lambda s: s),
                   SpanIndex(named, lambda s: s), SpanIndex(ann.entities))

    def tokens_in(self, span: Span) -> range:
        lo = self.index.get(span.start, len(self.ann.tokens))
        hi = lo
        while hi < len(self.ann.tokens) and self.ann.tokens[hi].span.start < span.end:
            hi += 1
        return range(lo, hi)


def candidates(doc: Doc, m: EventMention) -> list[tuple[Span, Place, int | None]]:
    """The event's possible places: the sentence's literal places, and place phrases the gazetteer
    lacks (``placephrases.phrases``: "the Bardo Museum", "at her Reshimbagh residence"; names a place noun
    governs; names in a place's slot, ``_names_in_place_slots``), kept as text."""
    text = doc.ann.article.text
    span = m.sentence
    found = phrases(doc.ann.tokens, doc.tokens_in(span), doc.entities.inside(span), doc.taken.near(span))
    found += named_by_nouns(doc, span, found)
    found += _names_in_place_slots(doc, m, found)
    unknown = [Place(span=s, text=text[s.start : s.end]) for s in found]
    pool = doc.literal.inside(m.sentence) + unknown
    return [(p.span, p, p.precision) for p in pool if not any(_within(p.span, q.span) for q in pool)]


def _within(inner: Span, outer: Span) -> bool:
    """A phrase strictly inside another candidate ("Shatt al-" of "Shatt al-Arab"): the longer
    name is the place, never a cut piece of it."""
    return inner != outer and outer.start <= inner.start and inner.end <= outer.end


def _names_in_place_slots(doc: Doc, m: EventMention, found: list[Span]) -> list[Span]:
    """Names the NER calls a person's or an organisation's that stand where a place stands: after
    a scene word ("at Karnes", "on Kafr Nabl") or as the event verb's own object ("captured Birao",
    "Vukovar was captured"), or conjoined to a name that does ("captured Surjah Kabira and Surjah
    Saghira"); never a resolved actor's or a place's words, nor a name a title opens ("spokesman
    Ali"). The scorer weighs them (their NER label and their tie are cues)."""
    tokens = doc.ann.tokens
    trig = doc.index.get(m.trigger.start)
    taken = doc.named.near(m.sentence) + found  # places and resolved actors
    out: list[Span] = []
    for e in doc.entities.inside(m.sentence):
        if e.label not in ("PERSON", "ORG") or any(t.start < e.span.end and e.span.start < t.end for t in taken):
            continue
        idx = doc.tokens_in(e.span)
        if not idx or not all(tokens[i].pos == "PROPN" for i in idx):
            continue
        head = next((i for i in idx if tokens[i].head not in idx or tokens[i].head == i), idx[-1])
        for _ in range(8):  # the second of two conjoined names takes the first's slot ("captured X and Y")
            if tokens[head].dep != "conj" or tokens[head].head == head:
                break
            head = tokens[head].head
        tok = tokens[head]
        scene = tok.dep == "pobj" and tokens[tok.head].text.lower() in SCENE_WORDS
        slot = tok.dep in ("dobj", "nsubjpass") and trig is not None and tok.head == trig
        titled = idx.start > 0 and tokens[idx.start - 1].text.lower() in PERSON_WORDS
        if (scene or slot) and not titled and not _a_persons(tokens, idx):
            out.append(e.span)
    return out


def _a_persons(tokens: tuple[Token, ...], idx: range) -> bool:
    """Signs that a name is a person's whatever slot it stands in: a title inside it ("gunned down
    Salafi Sheik Ali Bawazir"), an age after it ("captured the elusive Oscar Ramirez Durand, 46,"),
    or an apposition naming an office ("captured Khamis Sirhan al-Muhammad, a former regional Baath
    Party chairman")."""
    if any(tokens[i].text.lower() in PERSON_WORDS for i in idx):
        return True
    after = idx.stop
    if after + 1 < len(tokens) and tokens[after].text == "," and tokens[after + 1].text.isdigit():
        return True
    return any(t.dep == "appos" and t.head in idx and t.lemma.lower() in OFFICE_WORDS
               for t in tokens[after : after + 12])


def named_by_nouns(doc: Doc, sentence: Span, taken: list[Span]) -> list[Span]:
    """``placephrases.noun_named`` in a sentence, never over a place, a resolved actor, a ``taken`` span
    or a group's name ("the northern Sunni city of Samarra", "Shi'i neighbourhoods", "a Shia
    neighborhood": NORP), unless the NORP name is that of one place (``_names_one_place``)."""
    groups = [e.span for e in doc.entities.inside(sentence) if e.label == "NORP" and not _names_one_place(doc, e.span)]
    return noun_named(doc.ann.tokens, doc.tokens_in(sentence), doc.named.near(sentence) + taken + groups)


def _names_one_place(doc: Doc, span: Span) -> bool:
    """A NORP name that qualifies one definite place noun ("Akida village", "the Hasbiyeh village":
    the small NER tags many villages NORP) names that place; a group qualifies a plural or an
    indefinite one ("Shia neighborhoods", "a Sunni town"), and a place noun with its own "of" name
    is named by that ("the Sunni city of Samarra")."""
    tokens = doc.ann.tokens
    idx = doc.tokens_in(span)
    if not idx:
        return False
    noun = tokens[idx.stop - 1].head
    tok = tokens[noun]
    if noun in idx or tok.lemma.lower() not in PLACE_NOUNS or tok.tag != "NN":
        return False
    return not any(t.head == noun and (t.text.lower() in ("a", "an") or t.text.lower() == "of")
                   for t in tokens[idx.start : noun + 3])


def coder_hints(m: EventMention, text: str,
                pool: Sequence[tuple[Span, Place, int | None]]) -> dict[Span, tuple[str, ...]]:
    """The coder's rank of each candidate among the mention's place arguments, as a cue for the
    fitted scorer ("coder_rank:0", 1, 2 for the rest). The coder lists the places of the trigger's
    own locative roles first (``coding/args.places``), a reading of the roles the scorer's path
    features do not hold; but taken as the answer it put the first of them, often a place of
    another clause, ahead of the scorer's choice (event location tune 0.735 by the scorer alone,
    0.573 by the coder's first place)."""
    args = argument_spans(m, text)
    out: dict[Span, tuple[str, ...]] = {}
    for span, _, _ in pool:
        k = next((k for k, a in enumerate(args) if a.start < span.end and span.start < a.end), None)
        if k is not None:
            out[span] = (f"coder_rank:{min(k, 2)}",)
    return out
