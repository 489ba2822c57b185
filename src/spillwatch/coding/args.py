"""Arguments of an event: actors, place, date and quantities for a trigger's roles.

Input: the annotated article, its dependency graph, and the ``Roles`` found by the patterns.
Output: ``Resolved`` - actors (from the nlp stage's actor mentions, through pronouns, bridging
"the teams" back to "Canadian military teams", "local authorities" to the countries named in
the sentence, and a demonym on a people noun to that country's forces or civilians), place
mentions best first (those in the event's locative phrases, then the sentence's others nearest
the trigger; named sites before countries; the far side of "X's border with Y" last), the date
(``eventdate.py``: the event clause's own time phrase, else the article's day for news; only one
inside its own clause when an offset sets the event apart, "two days after X") and the sentence's
quantities, each also as an ``Argument`` with its span.
Declines: noun phrases it cannot tie to an actor stay out of the actor lists; a building's name
("the al-Rawda mosque") is no actor; a demonym ("near Syrian border") and the dateline are never
places; a lead sentence without a date stays undated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from functools import cached_property

import pycountry

from spillwatch.coding.argwords import (
    ACTOR_LABELS,
    ARMED_HEADS,
    BRIDGE_HEADS,
    DATE_LOOKBACK,
    FOCUS_GOV_HEADS,
    LEVELS,
    NATIONAL_SECTORS,
    NON_STATE_HEADS,
    NOT_IN_OFFICE,
    OFFSET_WORDS,
    PROPN_PLACE_ENTS,
    SECTOR_WORDS,
    TIME_UNITS,
    VENUE_HEADS,
)
from spillwatch.coding.clause import REPORTING
from spillwatch.coding.docindex import DocIndex
from spillwatch.coding.earlier import bare_definite
from spillwatch.coding.eventdate import clause_date, event_date, limit_of
from spillwatch.coding.offsetdate import other_event_dated, shifted, split_offset
from spillwatch.coding.patterns import BORDER_NOUNS, PRONOUNS, DepGraph, Roles, antecedent, subject_of, venue_names
from spillwatch.coding.storycontext import focus_country, inline_credits, inline_datelines
from spillwatch.records import (
    Actor,
    ActorMention,
    AnnotatedArticle,
    Argument,
    Clause,
    DateMention,
    Entity,
    Quantity,
    Sentence,
    Span,
)
from spillwatch.spanindex import SpanIndex
from spillwatch.spanindex import overlaps as _overlaps


def country_iso3(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a country name, or None (exact names and official names only)."""
    try:
        found = pycountry.countries.lookup(name.strip())
    except LookupError:
        return None
    return str(found.alpha_3)


def government(iso3: str, name: str) -> Actor:
    """The government actor of a country, in the actor table's id style (``JOR_GOV``)."""
    return Actor(f"{iso3}_GOV", f"{name} government", iso3, "GOV")


def unresolved(name: str, sector: str | None = None) -> Actor:
    """An actor known only by its name (the actor table does not have it)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return Actor(f"unresolved:{slug}", name, None, sector, resolved=False)


@dataclass(frozen=True)
class Resolved:
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    places: tuple[Entity, ...]
    date: DateMention | None
    quantities: tuple[Quantity, ...]
    arguments: tuple[Argument, ...]


class ArgumentFinder:
    def __init__(
        self, ann: AnnotatedArticle, g: DepGraph, territory_words: frozenset[str] = frozenset(),
        index: DocIndex | None = None,
    ) -> None:
        self.ann = ann
        self.g = g
        self.ix = index or DocIndex(ann)
        self.text = ann.article.text
        self.country_spans: set[Span] = set()
        self.territory = territory_words
        spans = self.ix.blocks
        blocked = (
            tuple(p.span for p in ann.places if p.role == "dateline")
            + tuple(span for block, span in spans if block.role in ("dateline", "byline", "credit"))
            + tuple(inline_datelines(spans))
            + tuple(inline_credits(self.text, ann.sentences))
        )
        self.blocked: SpanIndex[Span] = SpanIndex(blocked, lambda s: s)
        self.event_nouns: frozenset[int] = frozenset()  # the sentence's trigger tokens (set by the coder)

    # ------------------------------------------------------------------ actors
    def _mentions_in(self, span: Span) -> list[ActorMention]:
        return [m for m in self.ix.actors.overlapping(span) if not self._is_town(m) and not self._is_blocked(m.span)]

    def _is_town(self, m: ActorMention) -> bool:
        """An unresolved "actor" the geo stage knows as a town or region ("the Karak attack")."""
        if m.actor.resolved:
            return False
        return any(
            p.feature_code and not p.feature_code.startswith("PCL") for p in self.ix.places.overlapping(m.span)
        )

    def _np_span(self, head: int) -> Span:
        return self.g.span(self.g.np_tokens(head))

    def actors_for(self, head: int, k: int, sent: Sentence, depth: int = 0) -> list[tuple[Actor, Span]]:
        """Actors a noun-phrase head refers to, with the span that names them."""
        g = self.g
        span = self._np_span(head)
        found = [(m.actor, m.span) for m in self._mentions_in(span)] or self._titled(head)
        if found and not any(a.resolved for a, _ in found):  # "the Central Government", a name the table lacks
            found = self._focus_government(head) or found
        venues = [g[c].span for c in venue_names(g, head)]
        if venues:  # "the Reina nightclub attack": the name is the venue's, never who attacked
            return [(a, s) for a, s in found if not any(_overlaps(s, v) for v in venues)]
        if g[head].pos == "NOUN" and g[head].lemma.lower() in VENUE_HEADS:  # "the al-Rawda mosque": a building
            return [(a, s) for a, s in found if a.resolved]
        if found or depth > 1:
            return found
        lemma = g[head].lemma.lower()
        if g[head].dep in ("compound", "amod", "nmod") and not g.is_verbal(g[head].head):
            return self._armed_group(head, span)  # never a bare name: "the Karak attack" is a place
        if g[head].pos == "PRON" or lemma in PRONOUNS:
            ante = antecedent(g, head, sent.first_token)
            if ante is not None:
                return self.actors_for(ante, k, sent, depth + 1)
            return self._previous_subject(k)
        if any(g[a].lemma.lower() == "local" for a in g.children(head, "amod")):
            return self._countries_in(sent)
        found = self._bridge(head, span) if lemma in BRIDGE_HEADS else []
        return (found or self._national(head, span) or self._named(span) or self._armed_group(head, span)
                or self._focus_government(head))

    def _focus_government(self, head: int) -> list[tuple[Actor, Span]]:
        """ "the government", "the president" with no name or nationality: the government of the one
        country the article's resolved places are mostly in (at least three of them, three in five)."""
        g = self.g
        if g[head].lemma.lower() not in FOCUS_GOV_HEADS or g[head].pos not in ("NOUN", "PROPN"):
            return []
        if not any(g[d].lemma.lower() == "the" for d in g.children(head, "det")):
            return []
        mods = [c for c in g.children(head, "amod", "compound", "nmod", "poss") if g[c].lemma.lower() not in LEVELS]
        if any(g[c].lemma.lower() in NOT_IN_OFFICE for c in mods):
            return []  # "the former President" is a person, not the government
        if any(g[c].pos == "PROPN" or g[c].ent_type for c in mods):
            return []  # "the Iraqi government", "the Trump administration": named, not the focus's
        focus = self._focus
        return [(government(*focus), g[head].span)] if focus is not None else []

    @cached_property
    def _focus(self) -> tuple[str, str] | None:
        """The article's country (iso3, name), computed once."""
        return focus_country(self.ann.places)

    def _titled(self, head: int) -> list[tuple[Actor, Span]]:
        """A name whose apposition gives its office ("Kenzo Oshima, the United Nations Emergency Relief
        Coordinator, demanded"): the body the office belongs to, when the table knows it."""
        return [(m.actor, m.span) for a in self.g.children(head, "appos")
                for m in self._mentions_in(self._np_span(a)) if m.actor.resolved]

    def _national(self, head: int, span: Span) -> list[tuple[Actor, Span]]:
        """ "seven Jordanian security personnel": a demonym on a people noun names that country's
        soldiers, police or civilians (the geo stage resolves the demonym)."""
        sector = NATIONAL_SECTORS.get(self.g[head].lemma.lower())
        if sector is None or self.g[head].tag not in ("NNS", "NN"):
            return []
        before = Span(span.start, self.g[head].span.start)
        for p in self.ix.places.overlapping(before):
            if p.role == "demonym" and p.country_iso3:
                iso3 = p.country_iso3
                return [(Actor(f"{iso3}_{sector}", f"{p.name or p.text} {SECTOR_WORDS[sector]}", iso3, sector), span)]
        return []

    def _armed_group(self, head: int, span: Span) -> list[tuple[Actor, Span]]:
        """An armed body the actor table does not know ("Coalition military forces"): unresolved."""
        lemma = self.g[head].lemma.lower()
        if lemma not in ARMED_HEADS or self.g[head].tag not in ("NNS", "NNPS", "NN", "NNP"):
            return []
        words = span.of(self.text)
        words = re.sub(r"^(the|a|an|some|several|many|two|three|four|five)\s+", "", words, flags=re.IGNORECASE)
        sector = "REB" if lemma in NON_STATE_HEADS else "MIL"
        return [(unresolved(words, sector), span)]

    def _named(self, span: Span) -> list[tuple[Actor, Span]]:
        """Actors for named entities the actor stage left alone: countries, else unresolved names."""
        out: list[tuple[Actor, Span]] = []
        for e in self.ix.entities.overlapping(span):
            if e.label not in ACTOR_LABELS or self._is_blocked(e.span):
                continue
            if any(
                p.country_iso3 and not p.feature_code.startswith("PCL")
                for p in self.ix.places.overlapping(e.span)
                if p.feature_code
            ):
                continue  # the geo stage knows it as a town or region
            code = country_iso3(e.text) if e.label == "GPE" else None
            if e.label == "GPE" and code is None:
                continue  # a town or region is where things happen, not who acts
            out.append((government(code, e.text) if code else unresolved(e.text), e.span))
        return out

    def _previous_subject(self, k: int) -> list[tuple[Actor, Span]]:
        if k == 0:
            return []
        prev = self.ann.sentences[k - 1]
        roots = [i for i in range(prev.first_token, prev.last_token) if self.g[i].dep == "ROOT"]
        out: list[tuple[Actor, Span]] = []
        for r in roots:
            heads, _ = subject_of(self.g, r)
            for h in heads:
                out += [(m.actor, m.span) for m in self._mentions_in(self._np_span(h))]
        return out

    def _countries_in(self, sent: Sentence) -> list[tuple[Actor, Span]]:
        """Governments of the countries named in the sentence ("local authorities")."""
        out: list[tuple[Actor, Span]] = []
        for place in self.ix.places.overlapping(sent.span):
            country = (place.feature_code or "").startswith("PCL") and place.role in ("place", "region")
            if country and place.country_iso3:
                out.append((government(place.country_iso3, place.name or place.text), place.span))
        if out:
            self.country_spans.update(span for _, span in out)
            return out
        for e in self.ix.entities.overlapping(sent.span):
            if e.label == "GPE" and not self._is_blocked(e.span):
                code = country_iso3(e.text)
                if code is not None:
                    out.append((government(code, e.text), e.span))
        self.country_spans.update(span for _, span in out)
        return out

    def _is_blocked(self, span: Span) -> bool:
        return self.blocked.any(span)

    def _bridge(self, head: int, span: Span) -> list[tuple[Actor, Span]]:
        """The latest earlier actor mention whose last word is the same noun ("the teams")."""
        m = self.ix.latest_ending_in(self.g[head].lemma.lower(), span.start)
        return [(m.actor, m.span)] if m is not None else []

    def source_words(self, r: Roles, sent: Sentence) -> list[int]:
        """Tokens of the source noun phrases, through a pronoun to its antecedent (mode cues)."""
        out: list[int] = []
        for h in r.source:
            ante = antecedent(self.g, h, sent.first_token) if self.g[h].pos == "PRON" else None
            out += self.g.np_tokens(ante if ante is not None else h)
        return out

    # ------------------------------------------------------------------ places, dates, quantities
    def _place_candidates(self, sent: Sentence) -> list[Entity]:
        """Place-like entities and the geo stage's places in the sentence (never the dateline)."""
        ents = [e for e in self.ix.place_candidates.overlapping(sent.span) if not self._is_blocked(e.span)]
        return sorted(ents, key=lambda e: e.span.start)

    def _bare_place_name(self, h: int, span: Span, labels: tuple[str, ...] = PROPN_PLACE_ENTS) -> bool:
        """A proper-noun object of a preposition that NER missed or mislabelled (never a date)."""
        tok = self.g[h]
        venue = tok.lemma.lower() in VENUE_HEADS and tok.ent_type in ("ORG", "PERSON", "FAC")
        if tok.pos != "PROPN" or tok.dep != "pobj" or (tok.ent_type not in labels and not venue):
            return False
        return not self.ix.dates.any(span)

    def _unnamed_places(self, h: int, span: Span) -> list[Entity]:
        """Proper nouns NER missed: "near Aleppo", "the port of Durban"."""
        g = self.g
        if self._bare_place_name(h, span):
            return [Entity(span, "PROPN-PP", span.of(self.text))]
        out = []
        if g[h].lemma.lower() in self.territory:
            for o in g.prep_objects(h, ("of",)):
                sub = g.span(g.np_tokens(o))
                if self._bare_place_name(o, sub, (*PROPN_PLACE_ENTS, "PERSON", "ORG")):  # "the city of X"
                    out.append(Entity(sub, "PROPN-PP", sub.of(self.text)))
        return out

    def places(self, r: Roles, sent: Sentence, taken: list[Span], anchor: Span) -> list[Entity]:
        """Places of the event, best first: those in its locative phrases, then the sentence's others
        nearest to the trigger (``anchor``); within each, named sites before countries. A demonym
        ("near Syrian border") is never a place; the far side of a border ("X's border with Y")
        comes last."""
        ents = [e for e in self._place_candidates(sent) if not self._demonym(e)]
        first: list[Entity] = []
        for h in r.place:
            span = self.g.span(self.g.np_tokens(h))
            hits = [e for e in ents if _overlaps(e.span, span) and e not in first]
            if not hits:
                hits = self._unnamed_places(h, span)
            if not hits and self.g[h].dep == "compound" and self.g[h].pos == "PROPN":
                hits = [Entity(span, "PROPN-MOD", span.of(self.text))]
            first += [e for e in hits if not any(_overlaps(e.span, t) for t in taken)]
        rest = [e for e in ents if e not in first and not any(_overlaps(e.span, t) for t in taken)]
        rest.sort(key=lambda e: abs(e.span.start - anchor.start))
        ordered = sorted(first, key=self._is_country) + sorted(rest, key=self._is_country)
        return sorted(ordered, key=self._far_side)

    def _tokens_of(self, span: Span) -> list[int]:
        return self.ix.tokens_in(span)

    def _demonym(self, e: Entity) -> bool:
        """ "Syrian" in "near Syrian border": an adjective of nationality names no place."""
        toks = self._tokens_of(e.span)
        adjective = bool(toks) and all(self.g[t].pos == "ADJ" or self.g[t].tag == "JJ" for t in toks)
        return adjective or any(p.role == "demonym" and p.span == e.span for p in self.ix.places.overlapping(e.span))

    def _is_country(self, e: Entity) -> bool:
        geo = [p for p in self.ix.places.overlapping(e.span) if p.feature_code]
        if geo:
            return all((p.feature_code or "").startswith("PCL") for p in geo)
        return country_iso3(e.text) is not None

    def _far_side(self, e: Entity) -> bool:
        """The object of "with" on a border noun: "on Jordan's border with Syria" is in Jordan."""
        g = self.g
        for t in self._tokens_of(e.span):
            head = t
            while g[head].dep == "conj" and g[head].head != head:
                head = g[head].head
            prep = g[head].head
            if g[head].dep == "pobj" and g[prep].lemma.lower() == "with":
                return g[g[prep].head].lemma.lower() in BORDER_NOUNS
        return False

    def date(self, k: int, trigger: Span, scope: list[int] | None = None, clause: Clause | None = None,
             joined: bool = False) -> DateMention | None:
        """The event's own date mention: with its ``clause``, ``eventdate.clause_date``; a ``joined``
        clause ("after troops withdrew", "to provide") without one shares its sentence's. Without,
        the nearest in its sentence, else, for a reference back to an act already reported ("the
        attack": ``earlier.bare_definite``), the latest in the up to ``DATE_LOOKBACK`` body sentences
        before, and for an event told in a named speaker's statement, the latest in such a sentence
        naming that speaker (one occasion: "Fallon said Thursday ..." / "..., Fallon said at the start
        of a meeting in London"); any other event is not dated by a neighbouring sentence, which
        tells of something else ("The town was captured in 2014. Residents fled the shelling": not
        2014; the same event told again is dated by ``EarlierMentions``). With ``scope`` (a clause
        an offset sets apart, "weeks after X"), only one inside it."""
        if clause is not None and scope is None:
            def dates_in(span: Span) -> list[DateMention]:  # not a date another event noun holds
                return [d for d in self._dates_in(span)
                        if other_event_dated(self.g, self.ix.tokens_in(d.span), self.event_nouns) in (None, trigger)]

            own = clause_date(clause, trigger, self.ann.sentences[k].span, dates_in)
            if own is not None or not joined:
                return own
        i = self.ix.tokens_in(trigger)
        anaphor = bool(i) and bare_definite(self.g, i[0])
        speaker = self._speaker(i[0]) if i else ""
        for back in range(DATE_LOOKBACK + 1 if anaphor or speaker else 1):
            if k - back < 0:
                break
            sent = self.ann.sentences[k - back]
            if back and (self._role_of(sent.span) != "body"
                         or not (anaphor or re.search(rf"\b{re.escape(speaker)}\b", sent.span.of(self.text)))):
                continue
            dates = [d for d in self.ix.dates.overlapping(sent.span) if not self.blocked.any(d.span)]
            if scope is not None:
                inside = self.g.span(scope)
                dates = [d for d in dates if _overlaps(d.span, inside)]
                return min(dates, key=lambda d: abs(d.span.start - trigger.start), default=None)
            if dates:
                return min(dates, key=lambda d: abs(d.span.start - trigger.start)) if back == 0 else dates[-1]
        return None

    def _speaker(self, i: int) -> str:
        """The name of who states the event: the proper-noun subject of the reporting verb above
        the trigger ("Fallon" of "Michael Fallon said at the start of a meeting"), or ""."""
        g = self.g
        for n in g.ancestors(i):
            if g[n].lemma.lower() in REPORTING:
                return next((g[s].text for s in g.children(n, "nsubj") if g[s].pos == "PROPN"), "")
        return ""

    def _dates_in(self, span: Span) -> list[DateMention]:
        return [d for d in self.ix.dates.overlapping(span) if not self.blocked.any(d.span)]

    def offset_clause(self, i: int, *, any_gap: bool = False) -> list[int] | None:
        """Tokens of the clause or phrase holding ``i`` that an offset sets apart from the
        sentence's time ("two days after the group released a video", "weeks after ... captured"),
        or None when the trigger shares the sentence's time. With ``any_gap``, any "after" or
        "before" clause counts, with or without an offset."""
        g = self.g
        split = split_offset(g, i)
        if split is not None:
            mark, noun = split
            if any_gap or any(g[o].lemma.lower() in TIME_UNITS for o in g.children(mark, "npadvmod")):
                return sorted({*g.subtree(noun), *g.subtree(i)})
        for n in [i, *g.ancestors(i)]:
            markers = [c for c in g.children(n, "mark") if g[c].lemma.lower() in OFFSET_WORDS]
            if g[n].dep == "pobj" and g[g[n].head].lemma.lower() in OFFSET_WORDS:
                markers.append(g[n].head)
            for m in markers:
                offsets = g.children(m, "npadvmod") + g.children(n, "npadvmod")
                if any_gap or any(g[o].lemma.lower() in TIME_UNITS for o in offsets):
                    return g.subtree(n)
        return None

    def _role_of(self, span: Span) -> str:
        return self.ix.block_role(span.start)

    def quantities(self, sent: Sentence) -> tuple[Quantity, ...]:
        return tuple(self.ix.quantities.overlapping(sent.span))

    # ------------------------------------------------------------------ all together
    def resolve(self, r: Roles, k: int, sent: Sentence, trigger: int, clause: Clause | None = None) -> Resolved:
        args: list[Argument] = []
        sources = self._collect(r.source, "source", k, sent, args)
        targets = self._collect(r.target, "target", k, sent, args)
        targets += self._collect(r.recipient, "recipient", k, sent, args)
        source_ids = {a.id for a in sources}
        targets = [a for a in targets if a.id not in source_ids]
        for h in r.instrument:
            span = self._np_span(h)
            args.append(Argument("instrument", span, span.of(self.text)))
        actor_roles = ("source", "target", "recipient")
        taken = [a.span for a in args if a.role in actor_roles and a.span not in self.country_spans]
        places = self.places(r, sent, taken, self.g[trigger].span)
        args += [Argument("place", e.span, e.text) for e in places]
        # an after-clause with no offset, a non-finite one ("committed last week to provide"): the sentence's time
        joined = self.offset_clause(trigger, any_gap=True) is not None or (clause is not None and not clause.tense)
        scope = self.offset_clause(trigger)
        own = self.date(k, self.g[trigger].span, scope, clause, joined)
        date = event_date(self.ann, self.g, trigger, own, framed=bool(clause and clause.frame))
        if scope is not None and own is None:  # "a year after bombings in Brussels": not the sentence's day
            inside = self.g.span(scope)
            days = [d for d in self._dates_in(sent.span) if d.precision == "day" and not _overlaps(d.span, inside)]
            base = min(days, key=lambda d: abs(d.span.start - self.g[trigger].span.start), default=date)
            moved = shifted(self.text, self.g, scope, base)
            latest = limit_of(self.ann, sent.span.start, _date.today())  # never after its story
            if moved is not None and moved.start is not None and moved.start <= latest:
                date = moved
        if date is not None and date.source == "expression":
            args.append(Argument("date", date.span, date.text))
        quantities = self.quantities(sent)
        args += [Argument("quantity", q.span, q.text) for q in quantities]
        return Resolved(tuple(sources), tuple(targets), tuple(places), date, quantities, tuple(args))

    def _collect(self, heads: tuple[int, ...], role: str, k: int, sent: Sentence, args: list[Argument]) -> list[Actor]:
        out: list[Actor] = []
        for h in heads:
            if self.g[h].ent_type in ("DATE", "TIME") or self.ix.dates.any(self.g[h].span):
                continue  # "on Monday" is a date, not a target
            found = self.actors_for(h, k, sent)
            if not found and role == "target" and self.g[h].pos in ("NOUN", "PROPN"):
                span = self._np_span(h)  # what was hit, when it is no actor ("three tunnel entrances")
                args.append(Argument("object", span, span.of(self.text)))
            for actor, span in found:
                if actor.id not in {a.id for a in out}:
                    out.append(actor)
                    args.append(Argument(role, span, span.of(self.text)))
        return out
