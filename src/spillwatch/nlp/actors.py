"""Actor stage: ``AnnotatedArticle`` in, the same with ``actors`` (``ActorMention``s) filled.

Input: a parsed article (tokens, entities). Output: actor mentions with spans into
``Article.text``, each resolved to a canonical ``Actor``. Declines: dateline, byline and credit
blocks (they name no actors), country names used as places ("in Iraq"), demonyms whose head
noun names no actor ("the Iraqi city"). Unknown named organisations are kept, unresolved.

Rules, strongest first (an overlapping weaker candidate is dropped):
1. Titles bind people: "[British] Defence Secretary Michael Fallon", "IS leader X",
   "X, Canada's defence minister". The country comes from an adjacent demonym, "Country's" or
   actor alias; a title without one takes the article's context country (see ``context.py``)
   when that country has at least two mentions.
   Later bare mentions of the surname ("Sajjan said") and "the minister" resolve to the person.
   Leaders listed in the table ("Abu Bakr al-Baghdadi", "Baghdadi") are their group, by name.
2. The actor table's aliases, longest match on the raw text (never NER alone), extended over
   member nouns ("Islamic State militants").
3. Demonym + head noun: "French soldiers" -> FRA_MIL, "a Jordanian military unit" -> JOR_MIL;
   the sector comes from the head noun, or from a modifier when the head is generic ("teams").
4. Country names (and capitals: "Tehran said") as participants (subject, object,
   "by/with/against/on Canada", "aid to Lebanon", "Turkey's efforts") -> GOV;
   "Canada's military", "UK forces" -> the sector of the qualified noun. Plural nationality
   nouns ("Iraqis", "Syrians") -> that country's civilians (CVL).
5. "the government/military/army/police" -> the context country with that sector.
6. Bare "militants", "gunmen", "civilians": an unidentified actor of that sector (UNK_REB, ...),
   unless bound to a named group ("militants from al-Shabaab", "fighters loyal to IS") or
   placed in a country ("rebels in Mali" -> MLI_REB). Unqualified "troops", "soldiers",
   "police" (no possessive or other modifier: not "our troops", "coalition troops", "local
   police") are the context country's when it has at least two mentions, else UNK_MIL/UNK_COP.
7. spaCy ORG entities not matched above: ``unresolved:<slug>`` with ``resolved=False`` (keeping
   a country named at the start of the name: "Nigerian Interior Ministry").
8. spaCy PERSON entities that no title bound: the same, with ``person`` set to the name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spillwatch.nlp.actortable import ActorTable, load_actor_table
from spillwatch.nlp.candidates import Candidate, select, state_actor, unresolved_actor
from spillwatch.nlp.context import context_strength
from spillwatch.nlp.countries import capital_code, country_code, demonym_code
from spillwatch.nlp.lexicon import (
    ACTION_NOUNS,
    BARE_STATE_NOUNS,
    GENERIC_HEADS,
    MEMBER_SUFFIX,
    NOT_ALONE,
    SECTOR_NAMES,
    SECTOR_NOUNS,
    TRANSFER_WORDS,
    WEAPON_ACRONYMS,
)
from spillwatch.nlp.persons import person_candidates
from spillwatch.nlp.tokens import TokenView
from spillwatch.records import Actor, ActorMention, AnnotatedArticle, Span
from spillwatch.settings import Settings

SKIP_ROLES = frozenset({"dateline", "byline", "credit"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "into", "toward", "towards", "around"})
_CHAIN_DEPS = frozenset({"amod", "compound", "nmod"})
_ACTOR_PREPS = frozenset({"by", "with", "against", "between", "on", "for", "among"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "dative", "agent"})


def alias_candidates(text: str, table: ActorTable) -> list[Candidate]:
    out = []
    for start, end, entry in table.matches(text):
        matched = text[start:end]
        if len(matched) <= 3 and matched.isupper() and _in_caps_run(text, start, end):
            continue  # "WHAT IS NEXT": a headline in capitals, not the group
        if entry.actor.sector == "REB":
            suffix = re.match(MEMBER_SUFFIX, text[end:])
            end += len(suffix.group(0)) if suffix else 0
        out.append(Candidate(Span(start, end), entry.actor, 2))
    return out


def _in_caps_run(text: str, start: int, end: int) -> bool:
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 20) : start])
    after = re.findall(r"[A-Za-z]+", text[end : end + 20])
    near = before[-1:] + after[:1]
    return any(len(w) >= 2 and w.isupper() for w in near)


def _sector(view: TokenView, first: int, head: int) -> str | None:
    lemma = view.tokens[head].lemma.lower()
    sector = SECTOR_NOUNS.get(lemma) or SECTOR_NOUNS.get(view.tokens[head].text.lower())
    if sector == "COP" and any(view.tokens[k].lemma.lower() == "military" for k in range(first, head)):
        return "MIL"  # military police
    if sector and lemma not in GENERIC_HEADS:
        return sector
    for k in range(first, head):
        found = SECTOR_NOUNS.get(view.tokens[k].lemma.lower())
        if found in {"MIL", "GOV", "COP"}:
            return found
    return sector


def _noun_head(view: TokenView, i: int) -> int:
    j = i
    if view.tokens[j].dep == "conj" and view.tokens[j].head < j:
        j = view.tokens[j].head
    while view.tokens[j].dep in _CHAIN_DEPS and j < view.tokens[j].head <= i + 6:
        j = view.tokens[j].head
    return j


def _demonym_at(view: TokenView, i: int) -> tuple[str, int] | None:
    """(code, last token index) when a demonym starts at token ``i``."""
    tok = view.tokens[i]
    if not tok.text[:1].isupper():
        return None
    if i + 1 < len(view):
        code = demonym_code(f"{tok.text} {view.tokens[i + 1].text}")
        if code:
            return code, i + 1
    code = demonym_code(tok.text)
    return (code, i) if code else None


def _plural_demonym(view: TokenView, i: int) -> str | None:
    """Code for a plural nationality noun ("Iraqis", "Syrians", "Kurds"): the people, CVL."""
    tok = view.tokens[i]
    if tok.pos not in {"NOUN", "PROPN"} or not tok.text.endswith("s") or not tok.text[:1].isupper():
        return None
    return demonym_code(tok.text[:-1])


def demonym_candidates(view: TokenView, table: ActorTable) -> list[Candidate]:
    out = []
    for i in range(len(view)):
        found = _demonym_at(view, i)
        if found is None:
            plural = _plural_demonym(view, i)
            if plural is not None:
                out.append(Candidate(view.tokens[i].span, state_actor(plural, "CVL", table), 2.5))
            continue
        code, last = found
        head = _noun_head(view, last)
        if head <= last or view.tokens[head].pos not in {"NOUN", "PROPN"}:
            continue
        sector = _sector(view, last + 1, head)
        if sector is None:
            if view.tokens[head].lemma.lower() in ACTION_NOUNS:  # "an Australian ultimatum"
                out.append(Candidate(view.span_of([i, last]), state_actor(code, "GOV", table), 2.5))
            continue
        chain = all(
            view.tokens[k].dep in _CHAIN_DEPS | {"punct"} and last < view.tokens[k].head <= head
            for k in range(last + 1, head)
        )
        span = view.span_of([i, head] if chain else [i, last])
        out.append(Candidate(span, state_actor(code, sector, table), 2.5))
    return out


def country_candidates(ann: AnnotatedArticle, view: TokenView, table: ActorTable) -> list[Candidate]:
    out = []
    for ent in ann.entities:
        if ent.label not in {"GPE", "ORG", "PERSON", "NORP", "LOC"}:
            continue
        # a person's name is a country only by a listed name ("Jordan"), never by country_converter's
        # looser patterns ("Vincent" for Saint Vincent)
        listed = ent.label != "PERSON"
        code = country_code(ent.text, regex=listed) or (capital_code(ent.text) if ent.label == "GPE" else None)
        if ent.label != "GPE" and not country_code(ent.text, regex=listed):
            continue  # only whole country names escape a wrong NER label
        idx = view.covering(ent.span)
        if not code or not idx:
            continue
        root = next((i for i in idx if view.tokens[i].head not in idx or view.tokens[i].head == i), idx[-1])
        found = _country_role(view, root)
        if found is not None:
            sector, end = found
            span = Span(ent.span.start, max(ent.span.end, view.tokens[end].span.end))
            out.append(Candidate(span, state_actor(code, sector, table), 4))
    return out


def _country_role(view: TokenView, root: int) -> tuple[str, int] | None:
    """(sector, last token) when a country name acts; None when it is a place."""
    tok = view.tokens[root]
    while tok.dep == "conj" and tok.head != tok.i:
        tok = view.tokens[tok.head]
        if tok.pos != "PROPN":
            return None  # coordinated with something that is not a name: "defeat in Iraq and Syria"
    if tok.dep in {"poss", "compound", "nmod", "amod"} and tok.head > tok.i:
        # "Canada's military", "UK forces": the country qualifies an actor noun
        if view.tokens[tok.head].pos not in {"NOUN", "PROPN"}:
            return None
        sector = _sector(view, tok.i + 1, tok.head)
        if sector is not None:  # "Canada's military", "Ivory Coast rebels", "Israel's high court"
            return sector, tok.head
        acting = tok.dep == "poss" and view.tokens[tok.head].lemma.lower() in ACTION_NOUNS
        return ("GOV", root) if acting else None  # "Turkey's efforts" vs "Iraq's second city"
    if tok.dep in _ACTOR_DEPS:
        return "GOV", root
    if tok.dep == "pobj" and view.head(tok.i).lemma.lower() in _ACTOR_PREPS:
        return "GOV", root
    if tok.dep == "pobj" and view.head(tok.i).lemma.lower() == "to":
        governor = view.tokens[view.head(tok.i).head].lemma.lower()
        return ("GOV", root) if governor in TRANSFER_WORDS else None  # "aid to Lebanon"
    return None


def bare_state_candidates(view: TokenView, table: ActorTable, ctx: str | None) -> list[Candidate]:
    out = []
    for tok in view.tokens:
        sector = BARE_STATE_NOUNS.get(tok.lemma.lower())
        if sector is None or tok.pos not in {"NOUN", "PROPN"}:
            continue
        dets = [c for c in view.child_with(tok.i, {"det"}) if view.tokens[c].text.lower() == "the"]
        named = [c for c in view.child_with(tok.i, {"compound", "amod", "nmod"}) if view.tokens[c].ent_type
                 in {"PERSON", "GPE", "ORG"}]
        if not dets or named:  # "the Bush administration", "the Texas government": not the context's
            continue
        code = _of_country(view, tok.i) or ctx
        if code:
            out.append(Candidate(view.span_of([dets[0], tok.i]), state_actor(code, sector, table), 5))
    return out


def _of_country(view: TokenView, i: int) -> str | None:
    for prep in view.child_with(i, {"prep"}):
        if view.tokens[prep].lemma.lower() == "of":
            for pobj in view.child_with(prep, {"pobj"}):
                return country_code(view.tokens[pobj].text)
    return None


# Unqualified "troops", "soldiers", "police": the context country's (when it is clear), else unknown.
BARE_FORCES = {"troop": "MIL", "soldier": "MIL", "police": "COP", "policeman": "COP", "policemen": "COP"}
_NEUTRAL = frozenset({"armed", "heavily", "special", "elite", "government", "state", "federal", "national"})
_BINDING_ADJ = frozenset({"loyal", "linked", "affiliated", "allied", "aligned", "belonging"})


def _bound_group(view: TokenView, i: int, named: list[Candidate]) -> Candidate | None:
    """ "militants from al-Shabaab", "fighters loyal to the Islamic State": the named group."""
    preps = [p for p in view.child_with(i, {"prep"}) if view.tokens[p].lemma.lower() in {"from", "of"}]
    for adj in view.child_with(i, {"amod", "acl"}):
        if view.tokens[adj].lemma.lower() in _BINDING_ADJ:
            preps.extend(view.child_with(adj, {"prep"}))
    for prep in preps:
        for pobj in view.child_with(prep, {"pobj"}):
            at = view.tokens[pobj].span.start
            group = next((c for c in named if c.span.start <= at < c.span.end and c.actor.sector == "REB"), None)
            if group is not None and group.span.start > view.tokens[i].span.start:
                return Candidate(Span(view.tokens[i].span.start, group.span.end), group.actor, 2.1)
    return None


def _placed(view: TokenView, i: int, table: ActorTable) -> Candidate | None:
    """ "rebels in the Ivory Coast", "civilians in Syria": that country's rebels or civilians."""
    sector = SECTOR_NOUNS.get(view.tokens[i].lemma.lower())
    if sector not in {"REB", "CVL"} or view.tokens[i].pos != "NOUN":
        return None
    for prep in view.child_with(i, {"prep"}):
        if view.tokens[prep].lemma.lower() not in {"in", "from"}:
            continue
        for pobj in view.child_with(prep, {"pobj"}):
            last = max(view.subtree(pobj))
            code = country_code(view.span_of(range(pobj, last + 1)).of(view.text)) or country_code(
                view.tokens[pobj].text)
            if code:
                return Candidate(view.span_of([i, last]), state_actor(code, sector, table), 5.5)
    return None


def generic_candidates(
    view: TokenView, named: list[Candidate], table: ActorTable, ctx: str | None = None
) -> list[Candidate]:
    out = []
    for tok in view.tokens:
        if SECTOR_NOUNS.get(tok.lemma.lower()) == "REB":
            bound = _bound_group(view, tok.i, named)
            if bound is not None:
                out.append(bound)
                continue
        placed = _placed(view, tok.i, table)
        if placed is not None:
            out.append(placed)
            continue
        sector = SECTOR_NOUNS.get(tok.lemma.lower())
        hyphenated = view.text_after(tok.i).startswith("-")  # "rebel-held": a modifier, no actor
        vague = tok.lemma.lower() in NOT_ALONE
        if sector in {"REB", "CVL"} and tok.pos == "NOUN" and not hyphenated and not vague:
            name = "Unidentified armed group" if sector == "REB" else "Civilians"
            out.append(Candidate(tok.span, Actor(f"UNK_{sector}", name, None, sector), 6))
        elif tok.lemma.lower() in BARE_FORCES and tok.pos == "NOUN" and _unqualified(view, tok.i):
            sector = BARE_FORCES[tok.lemma.lower()]
            actor = state_actor(ctx, sector, table) if ctx else Actor(
                f"UNK_{sector}", f"unidentified {SECTOR_NAMES[sector]}", None, sector)
            out.append(Candidate(tok.span, actor, 6))
    return out


def _unqualified(view: TokenView, i: int) -> bool:
    """No modifier that could name someone else's force ("coalition", "local", "our", "Kurdish")."""
    for c in view.children[i]:
        tok = view.tokens[c]
        if tok.dep in {"poss", "compound", "nmod"} or (tok.dep == "amod" and tok.lemma.lower() not in _NEUTRAL):
            return False
    return True


def org_candidates(ann: AnnotatedArticle, view: TokenView, table: ActorTable) -> list[Candidate]:
    """spaCy ORG entities: the table's actor when an alias matches, else an unresolved actor.

    Skipped: all-capital words opening a block (datelines: "OTTAWA –") and unknown ORGs that are
    the object of a locative preposition ("a researcher in Bamako": a place the NER mislabelled).
    """
    out = []
    text = ann.article.text
    for ent in ann.entities:
        if ent.label != "ORG" or ent.text in WEAPON_ACRONYMS or country_code(ent.text):
            continue
        at_block_start = ent.span.start == 0 or text[max(0, ent.span.start - 2) : ent.span.start] == "\n\n"
        if ent.text.isupper() and len(ent.text) > 3 and at_block_start:
            continue
        entry = table.lookup(ent.text)
        if entry is None and _after_locative(view, ent.span):
            continue
        span, name = _strip_determiner(ent.span, ent.text)
        out.append(Candidate(span, entry.actor if entry else unresolved_actor(name), 7))
    return out


def person_entity_candidates(ann: AnnotatedArticle) -> list[Candidate]:
    """spaCy PERSON entities that no title bound: the person, with an unresolved actor."""
    return [
        Candidate(ent.span, unresolved_actor(ent.text, person=True), 8, ent.text)
        for ent in ann.entities
        if ent.label == "PERSON" and len(ent.text) > 2 and not country_code(ent.text, regex=False)
    ]


def _after_locative(view: TokenView, span: Span) -> bool:
    idx = view.covering(span)
    if not idx:
        return False
    root = next((i for i in idx if view.tokens[i].head not in idx), idx[-1])
    tok = view.tokens[root]
    return tok.dep == "pobj" and view.head(root).lemma.lower() in _LOCATIVE


def _strip_determiner(span: Span, text: str) -> tuple[Span, str]:
    m = re.match(r"(?i)(the|a|an)\s+", text)
    if m is None:
        return span, text
    return Span(span.start + m.end(), span.end), text[m.end() :]


def skipped_spans(ann: AnnotatedArticle) -> list[Span]:
    return [span for block, span in ann.article.block_spans() if block.role in SKIP_ROLES]


def find_actors(ann: AnnotatedArticle, settings: Settings) -> AnnotatedArticle:
    """Fill ``ann.actors`` (see the module docstring for the rules)."""
    table = load_actor_table(settings)
    view = TokenView(ann)
    text = ann.article.text
    skip = skipped_spans(ann)
    named = [
        *alias_candidates(text, table),
        *demonym_candidates(view, table),
        *country_candidates(ann, view, table),
    ]
    first = select(named, skip)
    ctx, strength = context_strength(ann.article, (ActorMention(c.span, "", c.actor) for c in first))
    # A title with no owner takes the context country only when the article says it twice.
    people = person_candidates(ann, view, table, first, ctx if strength >= 2 else None)
    people += [Candidate(Span(a, b), e.actor, 0.5, full) for a, b, e, full in table.people_matches(text)]
    rest = [
        *bare_state_candidates(view, table, ctx),
        *generic_candidates(view, first, table, ctx if strength >= 2 else None),
        *org_candidates(ann, view, table),
        *person_entity_candidates(ann),
    ]
    chosen = select([*named, *people, *rest], skip)
    mentions = tuple(ActorMention(c.span, c.span.of(text), c.actor, c.person) for c in chosen)
    return replace(ann, actors=mentions)
