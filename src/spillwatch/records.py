"""Frozen, typed records: one per stage boundary, plus the small value types they hold.

Flow: RawItem -> Article -> AnnotatedArticle -> EventMention -> Event.

Every character span (``Span``) is an offset pair into ``Article.text`` of the article it
belongs to, so any fact can be traced back to the words it came from.
Records carry no untyped ``metadata`` dict: add a typed field instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

BlockRole = Literal["title", "dateline", "byline", "caption", "credit", "body"]
DateMethod = Literal["metadata", "text", "estimated", "none"]
DatePrecision = Literal["day", "week", "month", "year", "range"]
# Where an event's date comes from: its own temporal expression; the article's dateline or release
# header; the article's publication date (an event reported as news); a dateline or header whose
# missing year was inferred from the rest of the document.
DateSource = Literal["expression", "dateline", "reported", "inferred-year"]
# best founded first: the event's own words, the story's header, a header with an inferred year, the article's day
DATE_SOURCE_RANK: dict[str, int] = {"expression": 0, "dateline": 1, "inferred-year": 2, "reported": 3}
Modality = Literal["happened", "ongoing", "planned", "denied", "hypothetical"]
# What the grammar of an event mention's clause says of it (``coding/clause.py``).
# "denied": someone denies it happened ("the army denied shelling the market"): a disputed report,
# kept with modality "denied"; "negated": the text itself says it did not happen.
ClauseStatus = Literal["happened", "ongoing", "negated", "denied", "hypothetical", "planned", "habitual"]
SourceKind = Literal["text", "html", "json"]
Origin = Literal["spillwatch", "ucdp", "acled"]
# An actor's part in an event: who did it (perpetrator: the news source actor, a claimed or attributed
# responsibility, UCDP one-sided side_a, ACLED actor1 outside battles), either side of a two-sided fight
# (party: UCDP state-based and non-state sides, ACLED battles), or who was struck (target).
Role = Literal["perpetrator", "party", "target"]
ROLES: tuple[Role, ...] = ("perpetrator", "party", "target")
BATTLES = "Battles"  # ACLED's two-sided type: every side of it is a party
# The one role table (README "Roles"; CLI --role, REST role=, Python roles=, export --role use these words).
ROLE_RULES: dict[Role, str] = {
    "perpetrator": "who acted: a news event's source, a claimed or attributed attack, UCDP one-sided side_a, "
                   "ACLED actor1 outside battles",
    "party": "who fought: every side of a battle (UCDP state-based and non-state, ACLED Battles, a news-coded "
             "clash or assault between armed sides)",
    "target": "who was hit outside a battle: a news event's target, UCDP one-sided side_b, ACLED actor2 "
              "outside battles (an air strike's target: never the actor's violence; the threat counts a strike on its "
              "fighters only where it acted or fought, or by a side that fought it, in the 12 months up to it, as "
              "UCDP codes one; README 'Roles')",
}


def dated(day: date | None, precision: str | None) -> str:
    """A date as precise as it is known, for people to read: '2016-03-22', '2016-03 (month)' for the Brussels
    bombings known only as "March 2016", '2016 (year)', '2016-03-14 (week)'; '' for none. Machine outputs keep
    the ISO day and ``date_precision`` beside it."""
    if day is None:
        return ""
    if precision == "month":
        return f"{day:%Y-%m} (month)"
    if precision == "year":
        return f"{day:%Y} (year)"
    return day.isoformat() + (f" ({precision})" if precision in ("week", "range") else "")


# Block separator inside Article.text; spans depend on it, never change it lightly.
BLOCK_SEP = "\n\n"


def content_hash(*parts: str | bytes, length: int = 16) -> str:
    """Stable hex id from content: the basis of idempotent re-ingest."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) in ``Article.text``."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


# ---------------------------------------------------------------- ingest -> extract
@dataclass(frozen=True, slots=True)
class RawItem:
    """One document as a source delivered it, before any cleaning.

    ``source`` names where it came from (a path, a URL, ``file.warc.gz#record-7``) and is
    used in every error and quarantine row.
    """

    source: str
    data: bytes
    kind: SourceKind
    url: str | None = None
    outlet: str | None = None
    declared_date: str | None = None  # a date string supplied with the item (feed, JSON, WARC)
    declared_title: str | None = None
    encoding: str | None = None
    fetched_at: datetime | None = None

    @property
    def id(self) -> str:
        return content_hash(self.data)


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A document that could not be read, cleaned or coded, kept with the stage, reason and error text.

    ``article_id`` is set when the document was stored before it failed (a stage after cleaning):
    the store then never codes that article again unless told to retry (``ingest --retry-quarantined``).
    """

    source: str
    reason: str
    stage: str
    raw_id: str | None = None
    detail: str = ""
    article_id: str | None = None


# ---------------------------------------------------------------- extract -> nlp
@dataclass(frozen=True, slots=True)
class Block:
    role: BlockRole
    text: str


@dataclass(frozen=True, slots=True)
class DroppedLine:
    text: str
    reason: str  # e.g. "advertisement", "video-embed", "newsletter", "related-link"


@dataclass(frozen=True, slots=True)
class RelatedLink:
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class DateInfo:
    value: date | None
    method: DateMethod
    evidence: str = ""  # the text or metadata field the date came from


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``blocks`` keep reading order and role."""

    raw_id: str
    source: str
    blocks: tuple[Block, ...]
    published: DateInfo
    modified: date | None = None
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    related: tuple[RelatedLink, ...] = ()
    dropped: tuple[DroppedLine, ...] = ()
    extractor: str = ""  # which path produced it: "text-lines", "trafilatura", "readability"

    @property
    def text(self) -> str:
        """Canonical text all spans point into: the blocks joined by ``BLOCK_SEP``."""
        return BLOCK_SEP.join(b.text for b in self.blocks)

    @property
    def id(self) -> str:
        """Content id: same cleaned text -> same article, wherever it came from."""
        return content_hash(self.text)

    def _role(self, role: BlockRole) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.role == role)

    @property
    def title(self) -> str | None:
        found = self._role("title")
        return found[0] if found else None

    @property
    def dateline(self) -> str | None:
        found = self._role("dateline")
        return found[0] if found else None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return self._role("body")

    @property
    def captions(self) -> tuple[str, ...]:
        return self._role("caption")

    @property
    def credits(self) -> tuple[str, ...]:
        return self._role("credit")

    def block_spans(self) -> tuple[tuple[Block, Span], ...]:
        """Each block with its span in ``text``."""
        out: list[tuple[Block, Span]] = []
        pos = 0
        for b in self.blocks:
            out.append((b, Span(pos, pos + len(b.text))))
            pos += len(b.text) + len(BLOCK_SEP)
        return tuple(out)


# ---------------------------------------------------------------- nlp annotations
@dataclass(frozen=True, slots=True)
class Token:
    i: int
    span: Span
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token (itself for the root)
    ent_iob: str = "O"
    ent_type: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    first_token: int
    last_token: int  # exclusive


@dataclass(frozen=True, slots=True)
class Entity:
    span: Span
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, DATE, MONEY, CARDINAL, ...
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor from the actor table (or an unresolved named organisation)."""

    id: str  # e.g. "ISL", "CAN_GOV", "unresolved:some-org"
    name: str
    country: str | None  # ISO3 or PLOVER international code (IGO, UNO, EUR, NGO, IMG, MNC)
    sector: str | None  # PLOVER sector: GOV, MIL, REB, CVL, ...
    resolved: bool = True


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    text: str
    actor: Actor
    person: str | None = None  # "Harjit Sajjan" when a title bound a person to the actor


@dataclass(frozen=True, slots=True)
class Quote:
    span: Span  # the quoted words (without the marks for direct speech)
    text: str
    direct: bool
    speaker_text: str | None = None
    speaker_span: Span | None = None
    speaker: Actor | None = None
    speaker_person: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    text: str
    start: date | None
    end: date | None  # inclusive; equal to start for a day
    precision: DatePrecision
    source: DateSource = "expression"  # start None: an expression the article's missing date left unresolved


@dataclass(frozen=True, slots=True)
class Quantity:
    span: Span
    text: str
    kind: str  # killed, injured, captured, displaced, money, equipment, personnel, count
    low: float | None
    best: float | None
    high: float | None
    unit: str | None = None  # currency code for money ("CAD", "USD"), item for equipment


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention, resolved where possible (kept as text when not)."""

    span: Span
    text: str
    role: str = "place"  # place, demonym, metonym, dateline, region
    geonameid: int | None = None
    name: str | None = None
    feature_class: str | None = None  # GeoNames class: P, A, L, T, S, H, ...
    feature_code: str | None = None
    country_iso2: str | None = None
    country_iso3: str | None = None
    adm1_code: str | None = None
    adm1_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None  # like UCDP where_prec: 1 exact .. 6 country, 7 region


@dataclass(frozen=True, slots=True)
class Relevance:
    """The relevance gate's decision on one article, made before the parse (``relevance/gate.py``)."""

    run: bool  # False: the NLP stages were skipped for this article
    score: float  # highest calibrated event probability among its sentences
    reason: str  # why (names the best sentence's probability and the threshold)
    model: str = ""  # the detector model's training-data hash (first 12 hex)


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article with everything the understanding stages found in it."""

    article: Article
    tokens: tuple[Token, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    places: tuple[Place, ...] = ()
    article_date: DateMention | None = None  # the day the article reports as "today" (dates stage)
    part_dates: tuple[DateMention, ...] = ()  # the same for each later story of a file of several (its header)
    pipeline: str = ""  # spaCy pipeline name and version that produced tokens
    relevance: Relevance | None = None  # the gate's decision (None: no gate ran)

    @property
    def id(self) -> str:
        return self.article.id


# ---------------------------------------------------------------- coding -> merge
@dataclass(frozen=True, slots=True)
class Clause:
    """The clause an event mention sits in, read off the dependency parse (``coding/clause.py``).

    ``head`` is the clause's predicate: the trigger itself when it is a verb, else the verb a
    nominal trigger hangs from ("carried out an attack"). ``temporal`` and ``places`` are the time
    and place phrases attached to this clause (not to a neighbouring one), nearest on the
    dependency path first; ``frame`` is the statement verb or noun the event is reported under
    ("condemned", "called for an investigation into"), with the words of whoever made it.
    ``shared_temporal``: the time phrases of the verb a conjoined verb shares its subject with.
    """

    trigger: Span
    head: Span
    head_lemma: str
    extent: Span  # the clause's words: the head's subtree without embedded clauses of other predicates
    status: ClauseStatus = "happened"
    cue: str = ""  # the word that set the status ("not", "if", "warned", "will", "often", "numerous")
    tense: str = ""  # past, present, future, or "" (no finite verb)
    aspect: str = ""  # simple, progressive, perfect, or ""
    subject: Span | None = None
    object: Span | None = None
    temporal: tuple[Span, ...] = ()
    places: tuple[Span, ...] = ()
    frame: str = ""  # lemma of the statement word governing the event ("condemn", "say", "investigation")
    frame_subject: Span | None = None
    reference: bool = False  # a definite nominal ("the attack", "this bombing"): refers back to a named event
    # time phrases of the verb this clause's verb is conjoined to ("On Monday gunmen stormed the
    # village and killed 12": "killed" shares "On Monday"), used only when the clause has none of its own
    shared_temporal: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Argument:
    role: str  # source, target, recipient, place, date, quantity, instrument; offset, antecedent, entity, also-place
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one article reports it."""

    article_id: str
    type: str  # PLOVER type, e.g. ASSAULT
    trigger: Span
    trigger_text: str
    sentence: Span
    modes: tuple[str, ...] = ()
    sources: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    place_text: str | None = None
    place: Place | None = None
    date: DateMention | None = None
    quantities: tuple[Quantity, ...] = ()
    modality: Modality = "happened"
    quoted: bool = False
    arguments: tuple[Argument, ...] = ()
    acled_type: str | None = None
    acled_subtype: str | None = None
    confidence: float = 1.0
    clause: Clause | None = None

    @property
    def id(self) -> str:
        return content_hash(self.article_id, self.type, str(self.trigger.start), str(self.trigger.end))

    @property
    def date_source(self) -> DateSource | None:
        return self.date.source if self.date is not None and self.date.start is not None else None


@dataclass(frozen=True, slots=True)
class Estimate:
    low: float | None
    best: float | None
    high: float | None


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, merged from one or more mentions (or imported)."""

    id: str
    type: str
    modes: tuple[str, ...]
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    date_start: date | None
    date_end: date | None
    date_precision: DatePrecision | None
    place: Place | None
    fatalities: Estimate | None
    acled_type: str | None
    acled_subtype: str | None
    modality: Modality = "happened"
    mention_ids: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    confidence: float = 1.0
    origin: Origin = "spillwatch"
    external_id: str | None = None
    headline: str | None = None
    quantities: tuple[Quantity, ...] = field(default=())
    parties: tuple[Actor, ...] = ()  # both sides of a two-sided fight (also listed in sources, PLOVER's view)
    date_source: DateSource | None = None  # None for imported events (their coders' dates)

    def actors_in(self, role: Role) -> tuple[Actor, ...]:
        """The event's actors in one role, the same rule for every origin (``ROLE_RULES``): in a battle (ACLED
        type Battles: UCDP state-based and non-state violence, ACLED Battles, a news-coded clash) every side is
        a party and nobody is perpetrator or target; otherwise the sources are perpetrators, the targets targets."""
        parties = self.parties
        if self.acled_type == BATTLES:  # a news-coded battle names attacker and attacked: both fought
            seen: dict[str, Actor] = {}
            for a in (*parties, *self.sources, *self.targets):
                seen.setdefault(a.id, a)
            parties = tuple(seen.values())
        if role == "party":
            return parties
        party_ids = {a.id for a in parties}
        pool = self.targets if role == "target" else self.sources
        return tuple(a for a in pool if a.id not in party_ids)
