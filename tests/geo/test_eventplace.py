from __future__ import annotations

from collections.abc import Callable

from spillwatch.geo.eventplace import place_events
from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.places import find_places
from spillwatch.nlp.actors import find_actors
from spillwatch.records import Actor, AnnotatedArticle, Argument, Article, EventMention, Place, Span
from spillwatch.settings import Settings
from tests.geo.conftest import make_article

TEXT = (
    "OTTAWA – Jordanian soldiers were killed when militants shelled a post in Qayara, Iraq. "
    "Ankara said it would act. Talks were held."
)


def _span(text: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return Span(start, start + len(text))


def _place(text: str, role: str, precision: int | None, iso2: str | None, occurrence: int = 0) -> Place:
    return Place(span=_span(text, occurrence), text=text, role=role, precision=precision, country_iso2=iso2)


def _ann() -> AnnotatedArticle:
    places = (
        _place("OTTAWA", "dateline", 1, "CA"),
        _place("Jordanian", "demonym", 6, "JO"),
        _place("Qayara", "place", 1, "IQ"),
        _place("Iraq", "place", 6, "IQ"),
        _place("Ankara", "metonym", 1, "TR"),
    )
    return AnnotatedArticle(article=make_article(("body", TEXT)), places=places)


def _mention(trigger: str, sentence: tuple[int, int], **kw: object) -> EventMention:
    return EventMention(
        article_id="a", type="ASSAULT", trigger=_span(trigger), trigger_text=trigger,
        sentence=Span(*sentence), **kw,  # type: ignore[arg-type]
    )


def test_nearest_literal_place_prefers_the_town_over_its_country() -> None:
    first = (0, TEXT.index("Ankara") - 1)
    out = place_events(_ann(), (_mention("shelled", first),))
    assert out[0].place is not None and out[0].place.text == "Qayara"


def test_place_argument_wins_and_its_container_gives_the_finer_place() -> None:
    first = (0, TEXT.index("Ankara") - 1)
    arg = Argument("place", _span("Iraq"), "Iraq")
    out = place_events(_ann(), (_mention("killed", first, arguments=(arg,)),))
    assert out[0].place is not None and out[0].place.text == "Qayara"  # "Qayara, Iraq"


def test_never_dateline_demonym_or_metonym_but_the_article_focus(gz: Gazetteer) -> None:
    second = (TEXT.index("Ankara"), TEXT.index("Talks") - 1)
    third = (TEXT.index("Talks"), len(TEXT))
    out = place_events(_ann(), (_mention("said", second), _mention("held", third)), gazetteer=gz)
    for m in out:  # no place of their own: the article's focus (two places in Iraq), shown as such
        assert m.place is not None and m.place.role == "article-focus"
        assert (m.place.country_iso2, m.place.precision, m.place.text) == ("IQ", 6, "Qayara")


def test_place_text_found_in_sentence() -> None:
    text = "Militants shelled a post near Ankara after leaving Mosul."
    places = tuple(Place(span=Span(text.index(n), text.index(n) + len(n)), text=n, precision=1, country_iso2=c)
                   for n, c in (("Ankara", "TR"), ("Mosul", "IQ")))
    ann = AnnotatedArticle(article=make_article(("body", text)), places=places)
    at = text.index("shelled")
    m = EventMention(article_id="a", type="ASSAULT", trigger=Span(at, at + 7), trigger_text="shelled",
                     sentence=Span(0, len(text)), place_text="Mosul")
    out = place_events(ann, (m,))
    assert out[0].place is not None and out[0].place.text == "Mosul"  # not the nearer Ankara


AID_TEXT = "Canada provided 26 trucks to a Jordanian army unit. Jordanian soldiers were killed."


def _aid_ann() -> AnnotatedArticle:
    def place(start: int, text: str) -> Place:
        return Place(span=Span(start, start + len(text)), text=text, role="demonym", precision=6,
                     country_iso2="JO")

    first = AID_TEXT.index("Jordanian")
    second = AID_TEXT.index("Jordanian", first + 1)
    places = (place(first, "Jordanian"), place(second, "Jordanian"))
    return AnnotatedArticle(article=make_article(("body", AID_TEXT)), places=places)


def _event(kind: str, trigger: str, sentence: Span) -> EventMention:
    at = AID_TEXT.index(trigger)
    return EventMention(article_id="a", type=kind, trigger=Span(at, at + len(trigger)),
                        trigger_text=trigger, sentence=sentence)


def test_recipient_nationality_places_aid_but_never_violence() -> None:
    cut = AID_TEXT.index(" Jordanian soldiers")
    aid = _event("AID", "provided", Span(0, cut))
    assault = _event("ASSAULT", "killed", Span(cut + 1, len(AID_TEXT)))
    out = place_events(_aid_ann(), (aid, assault))
    assert out[0].place is not None and out[0].place.country_iso2 == "JO" and out[0].place.precision == 6
    assert out[1].place is None


def test_unresolved_place_takes_the_country_that_qualifies_it() -> None:
    """Regression: 'struck the Lebanese border village of Qaa' left the event with no country at all."""
    from spillwatch.geo.eventplace import place_events
    from spillwatch.records import AnnotatedArticle, Argument, Article, Block, DateInfo, EventMention, Place, Span

    text = "Eight suicide bombers struck the Lebanese border village of Qaa on Monday."
    art = Article(raw_id="r", source="t", blocks=(Block("body", text),), published=DateInfo(None, "none"))
    qaa = Place(Span(60, 63), "Qaa")  # not in the gazetteer
    lebanese = Place(Span(33, 41), "Lebanese", role="demonym", country_iso2="LB", country_iso3="LBN",
                     lat=33.9, lon=35.9, precision=6)
    ann = AnnotatedArticle(article=art, places=(lebanese, qaa))
    m = EventMention(article_id=art.id, type="ASSAULT", trigger=Span(22, 28), trigger_text="struck",
                     sentence=Span(0, len(text)), place_text="Qaa",
                     arguments=(Argument("place", Span(60, 63), "Qaa"),))
    (placed,) = place_events(ann, (m,))
    assert placed.place is not None
    assert (placed.place.text, placed.place.country_iso3, placed.place.precision) == ("Qaa", "LBN", 6)


def test_a_place_in_its_region_gives_the_finer_place() -> None:
    """"X in north Y" says X lies in Y, as "X, Y" does: the event is placed at X."""
    text = "Gunmen killed 12 worshippers at a mosque in Bir Lahfan in north Sinai."
    at = {name: Span(text.index(name), text.index(name) + len(name)) for name in ("Bir Lahfan", "Sinai", "killed")}
    places = (Place(span=at["Bir Lahfan"], text="Bir Lahfan", role="place", precision=1, country_iso2="EG"),
              Place(span=at["Sinai"], text="Sinai", role="region", precision=5, country_iso2="EG"))
    ann = AnnotatedArticle(article=make_article(("body", text)), places=places)
    m = EventMention(article_id="a", type="ASSAULT", trigger=at["killed"], trigger_text="killed",
                     sentence=Span(0, len(text)), arguments=(Argument("place", at["Sinai"], "Sinai"),))
    (placed,) = place_events(ann, (m,))
    assert placed.place is not None and placed.place.text == "Bir Lahfan"


def test_aid_with_no_place_of_its_own_goes_to_its_recipients_country(gz: Gazetteer) -> None:
    """Written text: a story about Mosul; the aid goes to a Lebanese regiment and names no place."""
    text = ("Canada helps Lebanon as the Mosul fight goes on in Iraq. "
            "This month Canada committed $1 million toward a Lebanese border regiment.")

    def at(word: str) -> Span:
        return Span(text.index(word), text.index(word) + len(word))

    places = (Place(at("Lebanon"), "Lebanon", "metonym", country_iso2="LB", country_iso3="LBN", feature_code="PCLI",
                    precision=6),
              Place(at("Mosul"), "Mosul", "place", country_iso2="IQ", country_iso3="IRQ", feature_code="PPLA",
                    precision=1),
              Place(at("Iraq"), "Iraq", "place", country_iso2="IQ", country_iso3="IRQ", feature_code="PCLI",
                    precision=6))
    ann = AnnotatedArticle(article=make_article(("body", text)), places=places)
    second = Span(text.index("This month"), len(text))
    aid = EventMention(article_id="a", type="AID", trigger=at("committed"), trigger_text="committed",
                       sentence=second, targets=(Actor("LBN_MIL", "Lebanese military", "LBN", "MIL"),))
    (out,) = place_events(ann, (aid,), gazetteer=gz)
    assert out.place is not None and (out.place.country_iso3, out.place.role) == ("LBN", "place"), out.place


def _placed(parse: Callable[[Article], AnnotatedArticle], gz: Gazetteer, text: str, trigger: str) -> EventMention:
    ann = find_places(find_actors(parse(make_article(("body", text))), Settings()), gazetteer=gz)
    at = text.index(trigger)
    m = EventMention(article_id="a", type="ASSAULT", trigger=Span(at, at + len(trigger)), trigger_text=trigger,
                     sentence=Span(0, len(text)))
    (out,) = place_events(ann, (m,), gazetteer=gz)
    return out


def test_the_places_listed_with_the_events_place_are_its_places_too(
    parse: Callable[[Article], AnnotatedArticle], gz: Gazetteer
) -> None:
    """"struck Baghdad, Mosul and Kirkuk": one event in three places (arguments "also-place"); a
    town with its country ("Qayara, Iraq") is no list."""
    m = _placed(parse, gz, "Suicide bombers struck Baghdad, Mosul and Kirkuk on Monday.", "struck")
    assert m.place is not None
    found = {m.place.text} | {a.text for a in m.arguments if a.role == "also-place"}
    assert found == {"Baghdad", "Mosul", "Kirkuk"}
    m = _placed(parse, gz, "Two soldiers were killed in Qayara, Iraq, on Monday.", "killed")
    assert m.place is not None and m.place.text == "Qayara"
    assert not [a for a in m.arguments if a.role == "also-place"]


def test_a_list_the_parse_conjoins_is_no_container(parse: Callable[[Article], AnnotatedArticle], gz: Gazetteer) -> None:
    """"the Golan Heights, Gaza Strip and Sinai": a region after a comma is another item of the list
    the parse conjoins, not the container of the place before it; names of the list the gazetteer
    lacks, or the NER calls an organisation's ("Kala-Balge"), are the event's places too."""
    text = "In the 1967 war, Israeli troops captured the West Bank, Golan Heights, Gaza Strip and Sinai from Jordan."
    m = _placed(parse, gz, text, "captured")
    assert m.place is not None
    assert {m.place.text} | {a.text for a in m.arguments if a.role == "also-place"} == {
        "Golan Heights", "Gaza Strip", "Sinai"}
    m = _placed(parse, gz, "Boko Haram fighters stormed Dikwa, Kala-Balge and Konduga last week.", "stormed")
    assert m.place is not None
    found = {m.place.text} | {a.text for a in m.arguments if a.role == "also-place"}
    assert found == {"Dikwa", "Kala-Balge", "Konduga"}
