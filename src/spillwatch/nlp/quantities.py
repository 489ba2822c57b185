"""Quantity stage: ``AnnotatedArticle`` in, the same with ``quantities`` filled.

Input: a parsed article (after the actor and date stages: dates are skipped as numbers and the
actors give the context country for "$"). Output: ``Quantity`` records of kind killed,
injured, captured, displaced, money, equipment, personnel, or count (any other number that
directly counts a common noun: "two air strikes", "34 engagements"; unit = the noun's lemma).
Declines: numbers that are part of a date, numbers with no counted noun, durations and
percentages ("71 times", "for three years", "20 percent"), and credit/byline blocks. Number bounds: see ``numbers.py``.

Kind, in order: money (a currency sign or code before, or a currency word after); a casualty
word governing the number's noun or next to it ("30 people were killed", "killing 30",
"30 dead", "a death toll of 30") -> killed/injured/captured/displaced; the noun itself
(equipment nouns -> equipment with unit = the noun's lemma: "26 trucks"; personnel nouns ->
personnel: "200 troops", "two teams of military advisers" with unit "team"; any other
counted common noun -> count, except durations and percentages). Equipment named
without a count ("mountain-climbing and winter gear") -> equipment with no numbers.

Currency: "$" alone is ambiguous. It is read as the dollar of the article's context country
(``context.py``: most frequent state actor, then the outlet's country-code domain) when that
country uses a dollar of its own (CAN -> CAD, AUS -> AUD, NZL -> NZD, ...), else USD.
"US$"/"C$"/"A$" and "Canadian dollars" etc. are explicit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from spillwatch.nlp.context import context_country
from spillwatch.nlp.numbers import NumberPhrase, number_phrases
from spillwatch.nlp.quantwords import (
    CASUALTY_WORDS,
    DOLLAR_COUNTRIES,
    EQUIPMENT,
    MASS_EQUIPMENT,
    PERSON_NOUNS,
    PERSONNEL,
    PREFIX_CURRENCY,
    currency_after,
)
from spillwatch.nlp.tokens import TokenView
from spillwatch.records import AnnotatedArticle, Quantity, Span
from spillwatch.settings import Settings
from spillwatch.spanindex import SpanIndex

_SKIP_ROLES = frozenset({"credit", "byline", "dateline"})


def _noun_of(view: TokenView, idx: list[int]) -> int | None:
    """The noun a number phrase counts: its syntactic head, or the next noun within 4 tokens."""
    last = idx[-1]
    head = view.tokens[last].head
    if view.tokens[last].dep in {"nummod", "quantmod", "compound"} and view.tokens[head].pos in {"NOUN", "PROPN"}:
        return head
    for k in range(last + 1, min(last + 5, len(view))):
        tok = view.tokens[k]
        if tok.pos == "NOUN":
            return k
        if tok.pos in {"VERB", "AUX", "PUNCT", "ADP"} and tok.text != "of":
            break
    return None


def _casualty(view: TokenView, idx: list[int], noun: int | None) -> str | None:
    """killed/injured/captured/displaced from words around the number and its noun."""
    near = [*idx]
    if noun is not None:
        near.append(noun)
    anchors = set(near)
    for i in near:  # walk up two heads: "30 people were killed", "killing 30 people"
        h = view.tokens[i].head
        anchors.add(h)
        anchors.add(view.tokens[h].head)
        anchors.update(view.children[i])
    last = max(near)
    anchors.update(range(last + 1, min(last + 3, len(view))))  # "30 dead", "30 killed"
    first = min(idx)
    anchors.update(range(max(0, first - 3), first))  # "killing at least 30", "toll of 30"
    for k in sorted(anchors, key=lambda k: abs(k - first)):
        kind = CASUALTY_WORDS.get(view.tokens[k].lemma.lower()) or CASUALTY_WORDS.get(view.tokens[k].text.lower())
        if kind and view.sent_of[k] == view.sent_of[first]:
            return kind
    return None


def _countable_person(view: TokenView, noun: int) -> bool:
    tok = view.tokens[noun]
    lemma = tok.lemma.lower()
    return lemma in PERSON_NOUNS or tok.text.lower() in PERSON_NOUNS or tok.pos == "PROPN" or lemma in {
        "dozen", "score", "hundred", "thousand"}


def _unit_of(view: TokenView, noun: int) -> tuple[str, str] | None:
    """(kind, unit) for equipment or personnel nouns, following "teams of advisers"."""
    lemma = view.tokens[noun].lemma.lower()
    if lemma in EQUIPMENT:
        return "equipment", lemma
    if lemma in PERSONNEL:
        return "personnel", lemma
    if lemma in {"team", "unit", "group", "contingent", "battalion", "company"}:
        modifiers = {view.tokens[c].lemma.lower() for c in view.child_with(noun, {"amod", "compound"})}
        if modifiers & {"military", "army", "police", "naval", "commando", "security"}:
            return "personnel", lemma  # "two military teams"
        for prep in view.child_with(noun, {"prep"}):
            for pobj in view.child_with(prep, {"pobj"}):
                if view.tokens[pobj].lemma.lower() in PERSONNEL:
                    return "personnel", lemma
    return None


def _dollar(ann: AnnotatedArticle) -> str:
    code = context_country(ann.article, ann.actors)
    return DOLLAR_COUNTRIES.get(code or "", "USD")


def _money(text: str, p: NumberPhrase, after: tuple[int, str | None] | None, dollar: Callable[[], str]) -> Quantity:
    prefix = (p.currency or "").replace(" ", "")
    if after is not None:
        unit = after[1] or PREFIX_CURRENCY.get(prefix) or dollar()
    elif prefix == "$":
        unit = dollar()
    else:
        unit = PREFIX_CURRENCY.get(prefix, prefix)
    end = p.end + (after[0] if after else 0)
    return Quantity(Span(p.start, end), text[p.start : end], "money", p.low, p.best, p.high, unit)


def _classify(view: TokenView, p: NumberPhrase, dollar: Callable[[], str]) -> Quantity | None:
    text = view.text
    span = Span(p.start, p.end)
    idx = view.covering(span)
    if not idx:
        return None
    after = currency_after(text[p.end : p.end + 40])
    if p.currency or after:
        return _money(text, p, after, dollar)
    noun = _noun_of(view, idx)
    kind = _casualty(view, idx, noun) if noun is None or _countable_person(view, noun) else None
    if kind:
        unit = view.tokens[noun].lemma.lower() if noun is not None else None
        if noun is not None and noun > idx[-1]:
            span = view.span_of([*idx, noun])
        return Quantity(span, span.of(text), kind, p.low, p.best, p.high, unit)
    found = _unit_of(view, noun) if noun is not None else None
    if found is None:
        found = _count(view, idx, noun)
    if found is None or noun is None:
        return None
    span = view.span_of([*idx, noun]) if noun > idx[-1] else span
    return Quantity(span, span.of(text), found[0], p.low, p.best, p.high, found[1])


def _count(view: TokenView, idx: list[int], noun: int | None) -> tuple[str, str] | None:
    """("count", noun) for a number that directly counts a common noun: "two air strikes"."""
    if noun is None or view.tokens[noun].pos != "NOUN" or noun <= idx[-1]:
        return None
    if view.tokens[noun].lemma.lower() in {"percent", "%", "time", "year", "month", "week", "day", "hour", "minute"}:
        return None
    if any(view.tokens[k].tag in {"JJ", "RB"} and view.tokens[k].text.lower().endswith(("th", "st", "nd", "rd"))
           for k in idx):
        return None
    return "count", view.tokens[noun].lemma.lower()


def _uncounted(view: TokenView, found: list[Quantity]) -> list[Quantity]:
    """Equipment named without a number: "mountain-climbing and winter gear"."""
    taken = SpanIndex(found)
    out = []
    for tok in view.tokens:
        if tok.lemma.lower() not in MASS_EQUIPMENT or tok.pos != "NOUN":
            continue
        if taken.any(tok.span):
            continue
        left = tok.i
        for k in view.subtree(tok.i):
            if k < left and view.tokens[k].dep in {"compound", "amod", "nmod", "punct"}:
                left = k
        head = view.tokens[tok.i].head
        if view.tokens[tok.i].dep == "conj" and head < tok.i and view.tokens[head].pos == "NOUN":
            # "mountain-climbing and winter gear": the coordinated modifier noun belongs to the item
            wider = min(k for k in view.subtree(head) if k <= head and view.tokens[k].dep != "det")
            if not taken.any(view.span_of([wider, tok.i])):
                left = min(left, wider)
        span = view.span_of([left, tok.i])
        out.append(Quantity(span, span.of(view.text), "equipment", None, None, None, tok.lemma.lower()))
    return out


def find_quantities(ann: AnnotatedArticle, settings: Settings) -> AnnotatedArticle:
    """Fill ``ann.quantities`` (see the module docstring for the kinds and bounds)."""
    view = TokenView(ann)
    text = ann.article.text
    found: list[Quantity] = []
    dates = SpanIndex(ann.dates)
    dollar = cache(lambda: _dollar(ann))  # the context country, counted once per article
    for block, bspan in ann.article.block_spans():
        if block.role in _SKIP_ROLES:
            continue
        for p in number_phrases(bspan.of(text)):
            p = replace(p, start=p.start + bspan.start, end=p.end + bspan.start)
            if dates.any(Span(p.start, p.end)):
                continue
            if re.fullmatch(r"(?:1[89]|20)\d\d", text[p.start : p.end]):
                continue  # a bare year the date stage left alone
            q = _classify(view, p, dollar)
            if q is not None:
                found.append(q)
    found.extend(_uncounted(view, found))
    return replace(ann, quantities=tuple(sorted(found, key=lambda q: q.span.start)))
