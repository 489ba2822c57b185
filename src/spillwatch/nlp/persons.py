"""Person binding for the actor stage: titles tie people to actors, later mentions follow.

Input: a parsed article, the alias/demonym/country candidates already chosen, and the context
country. Output: person ``Candidate``s (priority 0 for the titled mention, 1 for later ones).
Declines: a title with no name after it, a name without a title.

- "[British] Defence Secretary Michael Fallon", "IS leader Abu Bakr al-Baghdadi",
  "Canada's Defence Minister Harjit Sajjan", "Arab League Secretary General X" (an unknown ORG
  owns the title), "King Hassan of Morocco": the title run, a name of capitalised proper nouns
  (a spaCy PERSON or at least two words), and what precedes the title (a demonym,
  "Country's", or an actor alias). Without any of those the context country is used.
- "Harjit Sajjan, Canada's defence minister,": the appositive form.
- A title with no country, actor or context country still binds the person, to an actor
  ``UNK_<sector>`` with ``resolved=False``.
- Later "Sajjan" / "Harjit Sajjan" anywhere after the binding resolve to the same actor and
  person; "the minister" / "the defence secretary" to the latest person with that title word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from spillwatch.nlp.actortable import ActorTable
from spillwatch.nlp.candidates import Candidate, state_actor, unresolved_actor
from spillwatch.nlp.countries import country_code, demonym_code
from spillwatch.nlp.lexicon import MODIFIER_SECTOR, SECTOR_NAMES, TITLE_ADJECTIVES, TITLE_HEADS, TITLE_MODIFIERS
from spillwatch.nlp.tokens import TokenView
from spillwatch.records import Actor, AnnotatedArticle, Span

_NAME_JOINERS = frozenset({"al", "-", "bin", "ibn", "abu", "van", "von", "de", "del", "da", "el"})
_STATE = frozenset({"GOV", "MIL", "COP"})


def _is_title(word: str) -> bool:
    w = word.lower()
    return w in TITLE_HEADS or w in TITLE_MODIFIERS


def _title_run(view: TokenView, i: int) -> int:
    """End (exclusive) of the run of title words starting at ``i`` (``i`` when none)."""
    if i < len(view) and view.tokens[i].text.lower() in {"of", "for", "-"}:
        return i  # a run never starts with a joiner ("removal of President X")
    j = i
    while j < len(view) and _is_title(view.tokens[j].text) and view.tokens[j].pos != "VERB":
        j += 1
    words = [view.tokens[k].text.lower() for k in range(i, j)]
    return j if any(w in TITLE_HEADS for w in words) else i


def _name_run(view: TokenView, i: int) -> int:
    j = i
    while j < len(view) and j - i < 5:
        tok = view.tokens[j]
        joiner = tok.text.lower() in _NAME_JOINERS and j > i
        if not joiner and not (tok.pos == "PROPN" and tok.text[:1].isupper() and not _is_title(tok.text)):
            break
        j += 1
    while j > i and view.tokens[j - 1].text.lower() in _NAME_JOINERS:
        j -= 1
    if j == i:
        return i
    is_person = any(view.tokens[k].ent_type == "PERSON" for k in range(i, j))
    return j if is_person or j - i >= 2 else i


def _title_sector(words: Sequence[str]) -> str:
    for w in words:
        if w in MODIFIER_SECTOR:
            return MODIFIER_SECTOR[w]
    heads = [w for w in words if w in TITLE_HEADS]
    if len(heads) > 1 and heads[-1] in {"general", "gen."}:
        heads.pop()  # "Secretary General", "Governor General": a civil office
    return TITLE_HEADS[heads[-1]] if heads else "GOV"


def _owner_before(
    view: TokenView, start: int, aliases: Sequence[Candidate]
) -> tuple[int, str | None, Actor | None]:
    """(first token, country code, group actor) of what precedes a title at token ``start``."""
    while start > 0 and view.tokens[start - 1].text.lower() in TITLE_ADJECTIVES:
        start -= 1  # "Lebanon's new President", "Ousted President"
    if start == 0:
        return start, None, None
    prev = view.tokens[start - 1]
    for c in aliases:
        if c.span.end == prev.span.end:
            first = view.covering(c.span)[0]
            return first, None, c.actor
    if prev.text in {"'s", "’s"} and start >= 2:
        code = country_code(view.tokens[start - 2].text)
        if code:
            return start - 2, code, None
    for width in (3, 2, 1):
        k = start - width
        if k >= 0 and view.tokens[k].text[:1].isupper():
            words = " ".join(view.tokens[m].text for m in range(k, start))
            code = demonym_code(words) or country_code(words)  # "French ...", "Pakistan President"
            if code:
                return k, code, None
    return start, None, None


def of_country(view: TokenView, j: int) -> tuple[str, int] | None:
    """(code, last token) for "of <country>" starting at token ``j``, else None."""
    if j >= len(view) or view.tokens[j].text.lower() != "of":
        return None
    k = j + 1
    if k < len(view) and view.tokens[k].text.lower() == "the":
        k += 1
    for width in (3, 2, 1):
        if k + width <= len(view):
            code = country_code(" ".join(view.tokens[m].text for m in range(k, k + width)))
            if code:
                return code, k + width - 1
    return None


def _bind(
    table: ActorTable, words: Sequence[str], code: str | None, group: Actor | None, ctx: str | None
) -> Actor | None:
    if group is not None:
        return group
    code = code or ctx
    sector = _title_sector(words)
    if code:
        return state_actor(code, sector, table)
    # A titled person with no country anywhere in sight: keep the person, flag the actor.
    return Actor(f"UNK_{sector}", f"unidentified {SECTOR_NAMES.get(sector, sector)}", None, sector, resolved=False)


def titled(
    ann: AnnotatedArticle, view: TokenView, table: ActorTable, aliases: Sequence[Candidate], ctx: str | None
) -> list[Candidate]:
    """Person candidates from "Title Name" and "Name, [owner] title," patterns."""
    out: list[Candidate] = []
    text = ann.article.text
    i = 0
    while i < len(view):
        end = _title_run(view, i)
        name_end = _name_run(view, end) if end > i else end
        if name_end > end:
            first, code, group = _owner_before(view, i, aliases)
            last = name_end - 1
            after = of_country(view, name_end) if code is None and group is None else None
            if after is not None:  # "King Hassan of Morocco"
                code, last = after
            words = [view.tokens[k].text.lower() for k in range(i, end)]
            actor = _bind(table, words, code, group, ctx)
            if actor is not None:
                name = Span(view.tokens[end].span.start, view.tokens[name_end - 1].span.end).of(text)
                span = view.span_of([first, last])
                out.append(Candidate(span, actor, 0, name, " ".join(words)))
            i = name_end
            continue
        appos = _appositive(view, table, i, aliases, ctx, text)
        if appos is not None:
            out.append(appos[0])
            i = appos[1]
            continue
        i += 1
    return out


def _appositive(
    view: TokenView, table: ActorTable, i: int, aliases: Sequence[Candidate], ctx: str | None, text: str
) -> tuple[Candidate, int] | None:
    name_end = _name_run(view, i)
    if name_end == i or name_end >= len(view) or view.tokens[name_end].text != ",":
        return None
    k = name_end + 1
    while k < len(view) and k - name_end < 8 and view.tokens[k].text not in {",", ".", ";"}:
        end = _title_run(view, k)
        if end > k and (end >= len(view) or view.tokens[end].text in {",", ".", ";"}):
            _, code, group = _owner_before(view, k, aliases)
            if code is None and group is None and view.tokens[k - 1].text.lower() == "the" and k >= 2:
                _, code, group = _owner_before(view, k - 1, aliases)
            words = [view.tokens[m].text.lower() for m in range(k, end)]
            actor = _bind(table, words, code, group, ctx)
            if actor is None:
                return None
            name = view.span_of([i, name_end - 1])
            return Candidate(name, actor, 0, name.of(text), " ".join(words)), end
        k += 1
    return None


def later_mentions(
    text: str, view: TokenView, bound: Sequence[Candidate], table: ActorTable, ctx: str | None
) -> list[Candidate]:
    """Surnames, full names and "the <title>" after a binding, resolved to that person.

    "the <title>" with no earlier person holding that title ("The Foreign Secretary said") is
    the context country's office: its state actor with the title's sector, no person.
    """
    bound = sorted(bound, key=lambda c: c.span.start)
    return [*_name_mentions(text, bound), *_title_mentions(view, bound, table, ctx)]


def _name_mentions(text: str, bound: Sequence[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    words = _WordIndex(text)
    owners: dict[str, _Latest] = {}
    for c in bound:
        person = c.person or ""
        for name in {person, person.split()[-1] if person else ""}:
            if len(name) < 3:
                continue
            if name not in owners:
                owners[name] = _Latest([b for b in bound if name in (b.person or "")])
            for start, end in words.occurrences(name):
                owner = owners[name].at(start)
                if owner is c and not (c.span.start <= start < c.span.end):
                    out.append(Candidate(Span(start, end), c.actor, 1, c.person, c.title))
    return out


_WORD = re.compile(r"[\w-]+")


class _WordIndex:
    """Where each run of word characters and hyphens starts in a text (built on first use), so a
    name is found where its first word is, not by a pass over the whole text per name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] | None = None

    def occurrences(self, name: str) -> list[tuple[int, int]]:
        """(start, end) of ``name`` standing alone (no word character or hyphen on either side),
        left to right and non-overlapping: what ``re.finditer`` of that pattern gives."""
        first = _WORD.match(name)
        if first is None:
            pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
            return [(m.start(), m.end()) for m in re.finditer(pattern, self.text)]
        if self._starts is None:
            self._starts = {}
            for m in _WORD.finditer(self.text):
                self._starts.setdefault(m.group(), []).append(m.start())
        out: list[tuple[int, int]] = []
        for start in self._starts.get(first.group(), ()):
            end = start + len(name)
            if (out and start < out[-1][1]) or not self.text.startswith(name, start):
                continue
            if end < len(self.text) and _WORD.match(self.text[end]):
                continue
            out.append((start, end))
        return out


class _Latest:
    """Of some bindings (sorted by start), the last one starting at or before an offset."""

    def __init__(self, bound: Sequence[Candidate]) -> None:
        self.bound = list(bound)
        self.starts = [b.span.start for b in self.bound]

    def at(self, offset: int) -> Candidate | None:
        k = bisect_right(self.starts, offset)
        return self.bound[k - 1] if k else None


def _title_mentions(
    view: TokenView, bound: Sequence[Candidate], table: ActorTable, ctx: str | None
) -> list[Candidate]:
    out: list[Candidate] = []
    by_word: dict[str, list[Candidate]] = {}  # title word -> the bindings whose title has it
    for b in bound:
        for word in dict.fromkeys((b.title or "").split()):
            by_word.setdefault(word, []).append(b)
    holders = {word: _Latest(held) for word, held in by_word.items()}
    order = {id(b): n for n, b in enumerate(bound)}
    for tok in view.tokens:
        if tok.text.lower() != "the":
            continue
        end = _title_run(view, tok.i + 1)
        if end == tok.i + 1 or (end < len(view) and view.tokens[end].pos == "PROPN"):
            continue
        words = {view.tokens[k].text.lower() for k in range(tok.i + 1, end)} & set(TITLE_HEADS)
        held = [holders[w].at(tok.span.start) for w in words if w in holders]
        owner = max((b for b in held if b is not None), key=lambda b: order[id(b)], default=None)  # the latest
        span = view.span_of([tok.i, end - 1])
        title = " ".join(view.tokens[k].text.lower() for k in range(tok.i + 1, end))
        after = of_country(view, end)
        if after is not None:  # "the president of Armenia"
            sector = _title_sector(title.split())
            out.append(Candidate(view.span_of([tok.i, after[1]]), state_actor(after[0], sector, table), 1, None, title))
        elif owner is not None:
            out.append(Candidate(span, owner.actor, 1, owner.person, owner.title))
        elif ctx is not None and words:
            out.append(Candidate(span, state_actor(ctx, _title_sector(title.split()), table), 1, None, title))
    return out


def _same_people(bound: list[Candidate]) -> list[Candidate]:
    """ "Minister Reynolds" after "Minister for Defence Linda Reynolds": the same person and actor."""
    out: list[Candidate] = []
    by_tail: dict[str, Candidate] = {}  # "Reynolds", "Linda Reynolds" -> latest "... Linda Reynolds"
    for c in sorted(bound, key=lambda c: c.span.start):
        earlier = by_tail.get(c.person or "")
        if earlier is not None:
            c = replace(c, person=earlier.person, actor=earlier.actor, title=earlier.title)
        out.append(c)
        person = c.person or ""
        for at, ch in enumerate(person):
            if ch == " ":
                by_tail[person[at + 1 :]] = c
    return out


def person_candidates(
    ann: AnnotatedArticle, view: TokenView, table: ActorTable, chosen: Sequence[Candidate], ctx: str | None
) -> list[Candidate]:
    """All person candidates: titled bindings and their later mentions."""
    aliases = [c for c in chosen if c.priority == 2]  # table aliases, and unknown ORGs below
    alias_spans = {c.span for c in aliases}
    aliases += [
        Candidate(e.span, unresolved_actor(e.text), 7)
        for e in ann.entities
        if e.label == "ORG" and e.span not in alias_spans
    ]
    bound = _same_people(titled(ann, view, table, aliases, ctx))
    return [*bound, *later_mentions(ann.article.text, view, [b for b in bound if b.person], table, ctx)]
