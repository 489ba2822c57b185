"""Quote stage: ``AnnotatedArticle`` (with actors) in, the same with ``quotes`` filled.

Input: a parsed article whose actor stage has run. Output: direct quotes (the words between
the marks) and reported speech ("X said (that) ..."), each with its speaker's words, the
speaker's actor (through ``ann.actors``) and person. Declines: scare quotes (fewer than four
words with no closing punctuation inside, e.g. any "spillage"), quotes in non-body blocks
other than the title and captions, and speech verbs with no clause.

Attribution, in order: (1) a speech verb (or "according to X") in the same block outside every
quote, nearest to the quote, whose subject (or X) is the speaker; a pronoun subject ("he
said") takes the latest person-bound actor mention before it; (2) for a block with no speech verb of its own (a
paragraph that is only a quote, or the continuation of a multi-paragraph quote), the speaker
of the previous body block's last quote; failing that, the next block's first attribution.
Curly (“ ”), straight (") and guillemet double quotes and British ‘single’ quotes are read;
a quote left open at the end of a block continues in the next block that opens with a quote
mark (the news convention).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from spillwatch.nlp.lexicon import SPEECH_VERBS
from spillwatch.nlp.tokens import TokenView, overlaps
from spillwatch.records import ActorMention, AnnotatedArticle, Quote, Span
from spillwatch.settings import Settings
from spillwatch.spanindex import LastEndingBy, SpanIndex

_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’"}
_PRONOUNS = frozenset({"he", "she"})
_SKIP_ROLES = frozenset({"dateline", "byline", "credit"})


@dataclass(frozen=True, slots=True)
class _Raw:
    span: Span
    block: int
    open_end: bool  # the block ended before the closing mark


@dataclass(frozen=True, slots=True)
class _Speaker:
    span: Span
    mention: ActorMention | None
    person_name: bool = False  # the speaker's words are a spaCy PERSON name


class _Doc:
    """One article's text, tokens and actor mentions, indexed once for the per-quote look-ups."""

    def __init__(self, ann: AnnotatedArticle, quoted: list[Span]) -> None:
        self.ann = ann
        self.text = ann.article.text
        self.view = TokenView(ann)
        self.actors: SpanIndex[ActorMention] = SpanIndex(ann.actors)
        self.quoted: SpanIndex[Span] = SpanIndex(quoted, lambda s: s)
        self.people = LastEndingBy(m for m in ann.actors if m.person)  # "he said": the latest person


def _marks(text: str, base: int, block: int) -> list[_Raw]:
    """Quoted stretches in one block's text; ``base`` is the block's offset in the article."""
    out: list[_Raw] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _PAIRS and (i == 0 or not text[i - 1].isalnum()):
            close = _closing(text, i + 1, _PAIRS[ch])
            end = close if close != -1 else len(text)
            inner = text[i + 1 : end]
            lead = len(inner) - len(inner.lstrip())
            body = inner.strip()
            if body:
                out.append(_Raw(Span(base + i + 1 + lead, base + i + 1 + lead + len(body)), block, close == -1))
            i = end + 1
            continue
        i += 1
    return out


_SINGLE_CLOSE = re.compile(r"’(?![\w])")


def _closing(text: str, start: int, mark: str) -> int:
    """Index of the closing mark, or -1. For ‘single quotes’ an apostrophe inside a word
    ("don’t") is not a closing mark: the closing ’ is the first one not followed by a letter."""
    if mark != "’":
        return text.find(mark, start)
    m = _SINGLE_CLOSE.search(text, start)
    return m.start() if m else -1


def _is_speech(raw: _Raw, text: str) -> bool:
    words = raw.span.of(text).split()
    return len(words) >= 4 or raw.span.of(text).rstrip()[-1:] in {",", ".", "?", "!"}


def _speech_verbs(view: TokenView, block: Span, quoted: SpanIndex[Span]) -> list[int]:
    out = []
    for i in view.covering(block):
        tok = view.tokens[i]
        speech = (tok.pos in {"VERB", "AUX"} and tok.lemma.lower() in SPEECH_VERBS) or _according(view, i) is not None
        if speech and not quoted.any(tok.span):
            out.append(i)
    return out


def _according(view: TokenView, i: int) -> int | None:
    """The pobj of "according to X" when token ``i`` is "according", else None."""
    if view.tokens[i].text.lower() != "according":
        return None
    for prep in view.child_with(i, {"prep"}):
        pobj = view.child_with(prep, {"pobj"})
        if view.tokens[prep].lemma.lower() == "to" and pobj:
            return pobj[0]
    return None


def _subject(view: TokenView, verb: int) -> int | None:
    source = _according(view, verb)
    if source is not None:
        return source
    subj = view.child_with(verb, {"nsubj", "nsubjpass"})
    return subj[0] if subj else None


def _speaker(doc: _Doc, verb: int, before: int) -> _Speaker | None:
    view = doc.view
    subj = _subject(view, verb)
    if subj is None:
        return None
    tok = view.tokens[subj]
    if tok.text.lower() in _PRONOUNS:
        return _Speaker(tok.span, doc.people.before(before))
    idx = [k for k in view.subtree(subj) if k <= subj]
    first = idx[0]
    for k in reversed(idx):
        if view.tokens[k].text == ",":
            first = k + 1
            break
    span = view.span_of([first, subj])
    inside = doc.actors.overlapping(span)
    mention = next((m for m in inside if overlaps(m.span, tok.span)), inside[-1] if inside else None)
    named = all(view.tokens[k].ent_type == "PERSON" for k in range(first, subj + 1))
    return _Speaker(span, mention, named)


def _quote(text: str, span: Span, direct: bool, who: _Speaker | None) -> Quote:
    if who is None:
        return Quote(span, span.of(text), direct)
    m = who.mention
    person = m.person if m else None
    if person is None and who.person_name:
        person = who.span.of(text)
    return Quote(
        span,
        span.of(text),
        direct,
        speaker_text=who.span.of(text),
        speaker_span=who.span,
        speaker=m.actor if m else None,
        speaker_person=person,
    )


def _content(view: TokenView, verb: int) -> list[int]:
    """Tokens of what was said: the verb's clausal complement, or for "according to X" the
    clause it qualifies without the attribution."""
    if _according(view, verb) is not None:
        attribution = set(view.subtree(verb))
        head = view.tokens[verb].head
        rest = [k for k in view.subtree(head) if k not in attribution and view.tokens[k].pos not in {"PUNCT", "SPACE"}]
        between = [k for k in range(min(rest, default=0), max(rest, default=0)) if k in attribution]
        return [] if between or head == verb else rest
    comps = view.child_with(verb, {"ccomp"})
    return view.subtree(comps[0]) if comps else []


def _reported(doc: _Doc, verb: int) -> Quote | None:
    view = doc.view
    idx = [k for k in _content(view, verb) if view.tokens[k].pos != "SPACE"]
    if idx and min(idx) < verb < max(idx):
        idx = [k for k in idx if k > verb]  # "which Sajjan said will go": only what follows the verb
    idx = [k for k in idx if view.tokens[k].dep != "mark" or k != idx[0]]
    idx = [k for k in idx if view.tokens[k].pos != "PUNCT" or view.tokens[k].text not in {",", "."}]
    if len(idx) < 3:
        return None
    span = view.span_of(idx)
    if doc.quoted.any(span):
        return None
    return _quote(doc.text, span, False, _speaker(doc, verb, view.tokens[verb].span.start))


def find_quotes(ann: AnnotatedArticle, settings: Settings) -> AnnotatedArticle:
    """Fill ``ann.quotes`` (direct and reported), in text order."""
    text = ann.article.text
    blocks = [(b, s) for b, s in ann.article.block_spans() if b.role not in _SKIP_ROLES]
    raws = [r for n, (_, s) in enumerate(blocks) for r in _marks(s.of(text), s.start, n)]
    raws = [r for r in raws if _is_speech(r, text)]
    doc = _Doc(ann, [r.span for r in raws])
    by_block: dict[int, list[_Raw]] = defaultdict(list)
    for r in raws:
        by_block[r.block].append(r)
    found: list[Quote] = []
    block_speaker: dict[int, _Speaker] = {}
    pending: list[_Raw] = []
    for n, (_, bspan) in enumerate(blocks):
        verbs = _speech_verbs(doc.view, bspan, doc.quoted)
        for verb in verbs:
            rep = _reported(doc, verb)
            if rep is not None:
                found.append(rep)
                block_speaker.setdefault(n, _Speaker(rep.speaker_span or rep.span, _mention(doc, rep)))
        for raw in by_block.get(n, ()):
            who = _nearest(doc, raw, verbs)
            if who is None:
                pending.append(raw)
                continue
            found.append(_quote(text, raw.span, True, who))
            block_speaker[n] = who
    found.extend(_inherit(text, pending, block_speaker))
    return replace(ann, quotes=tuple(sorted(found, key=lambda q: q.span.start)))


def _mention(doc: _Doc, q: Quote) -> ActorMention | None:
    if q.speaker_span is None:
        return None
    return next(iter(doc.actors.overlapping(q.speaker_span)), None)


def _nearest(doc: _Doc, raw: _Raw, verbs: list[int]) -> _Speaker | None:
    view = doc.view

    def distance(v: int) -> int:
        s = view.tokens[v].span
        return s.start - raw.span.end if s.start >= raw.span.end else raw.span.start - s.end

    for verb in sorted(verbs, key=distance):
        who = _speaker(doc, verb, raw.span.start)
        if who is not None and not overlaps(who.span, raw.span):
            return who
    return None


def _inherit(text: str, pending: list[_Raw], speakers: dict[int, _Speaker]) -> list[Quote]:
    """Speakers for quotes whose block has no attribution.

    A quote left open at the block's end continues into the next paragraph, so its speaker is
    looked for forwards first; a closed quote-only paragraph takes the previous block's speaker
    first. Either way a chain of unattributed quote paragraphs is followed.
    """
    out = []
    blocks = {r.block for r in pending}
    for raw in sorted(pending, key=lambda r: (not r.open_end, -r.block if r.open_end else r.block)):
        order = (_forward, _backward) if raw.open_end else (_backward, _forward)
        who = order[0](raw.block, blocks, speakers) or order[1](raw.block, blocks, speakers)
        if who is not None:
            speakers.setdefault(raw.block, who)
        out.append(_quote(text, raw.span, True, who))
    return out


def _backward(block: int, pending: set[int], speakers: dict[int, _Speaker]) -> _Speaker | None:
    for k in range(block - 1, -1, -1):
        if k in speakers:
            return speakers[k]
        if k not in pending:  # a chain of unattributed quote paragraphs ends here
            return None
    return None


def _forward(block: int, pending: set[int], speakers: dict[int, _Speaker]) -> _Speaker | None:
    k = block + 1
    while True:
        if k in speakers:
            return speakers[k]
        if k not in pending:
            return None
        k += 1

