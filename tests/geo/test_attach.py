"""The event's own place from the parse: the speaker's place, another event's place and an
actor's nationality are not where the event happened."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from spillwatch.coding.events import code_events
from spillwatch.geo.eventcands import Doc, candidates, coder_hints
from spillwatch.geo.eventplace import place_events
from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.places import find_places
from spillwatch.nlp.actors import find_actors
from spillwatch.records import AnnotatedArticle, Argument, Article, EventMention, Place, Span
from spillwatch.settings import Settings

from .conftest import make_article

Parse = Callable[[Article], AnnotatedArticle]


def _placed(parse: Parse, gz: Gazetteer, text: str, trigger: str) -> EventMention:
    ann = find_places(find_actors(parse(make_article(("body", text))), Settings()), gazetteer=gz)
    at = text.index(trigger)
    sentence = next(s.span for s in ann.sentences if s.span.start <= at < s.span.end)
    m = EventMention(article_id="a", type="ASSAULT", trigger=Span(at, at + len(trigger)), trigger_text=trigger,
                     sentence=sentence)
    (placed,) = place_events(ann, (m,), gazetteer=gz)
    return placed


@pytest.mark.parametrize(
    ("text", "trigger", "where"),
    [
        # the speaker's place is the frame, not the event's
        ("Officials in Ankara said that the raid killed dozens of people in the northern city of Mosul.",
         "killed", "Mosul"),
        # another event's place in the same sentence
        ("Following last year's round in Beirut, the talks opened on Monday in the capital Amman.", "opened", "Amman"),
        # the place after the verb, not the attacker's base before it
        ("Fighters based in Raqqa attacked a checkpoint in Deir ez-Zor on Monday.", "attacked", "Deir ez-Zor"),
        # a town the gazetteer lacks, named by a place noun, whatever the NER calls it
        ("A car bomb killed six people in the village of Kafr Dabbana on Tuesday, police said.", "killed",
         "Kafr Dabbana"),
        ("Soldiers stormed the town of Jisr Hamad in Idlib province.", "stormed", "Jisr Hamad"),
        ("A roadside bomb exploded in the Al-Qusour neighbourhood of Homs, killing two soldiers.", "exploded",
         "Al-Qusour"),
        # a scene word before a name the NER takes for a person's
        ("Militants clashed with police late Monday in Shah Wali Kot, leaving three dead, officials said.",
         "clashed", "Shah Wali Kot"),
        ("A suicide bomber detonated his explosives inside Kafr Sousah on Friday.", "detonated", "Kafr Sousah"),
        # a neighbourhood a place noun names is finer than the city it lies in, and a group's name
        # before "city" is no place
        ("After prayers at a mosque in the Hayy Jihad neighborhood of Baghdad, five worshippers were wounded "
         "when a gunfight broke out.", "broke", "Hayy Jihad"),
        ("The rocket attacks hit the Sunni city of Samarra on Monday.", "hit", "Samarra"),
        # a facility the gazetteer lacks is named without the article the NER took in
        ("Gunmen opened fire outside the Grand Mosque on Friday.", "opened", "Grand Mosque"),
        # the event verb's own object, a town the NER takes for an organisation's or a person's name
        ("Northeastern rebels first captured Birao on Sunday, a week after the talks failed.", "captured", "Birao"),
        # ... but never a person's name in that slot: a title in it, an age after it, an office in apposition
        ("Soldiers captured the elusive Oscar Ramirez Durand, 46, at dawn Wednesday near the highland city of "
         "Huancayo.", "captured", "Huancayo"),
        ("Militants gunned down Salafi Sheik Ali Bawazir in front of a school in Hadramawt on Wednesday.", "gunned",
         "Hadramawt"),
        ("In Ramadi, west of Baghdad, U.S. troops captured Khamis Sirhan al-Muhammad, a former regional Baath Party "
         "chairman.", "captured", "Ramadi"),
    ],
)
def test_event_place_is_its_own_clause(parse: Parse, gz: Gazetteer, text: str, trigger: str, where: str) -> None:
    placed = _placed(parse, gz, text, trigger)
    assert placed.place is not None and placed.place.text == where


def test_no_place_of_its_own_takes_the_article_focus(parse: Parse, gz: Gazetteer) -> None:
    text = ("BAGHDAD — Gunmen attacked a checkpoint near Fallujah on Monday. "
            "Turkish officials in Ankara said the gunmen were killed later.")
    placed = _placed(parse, gz, text, "killed")
    assert placed.place is not None and placed.place.role == "article-focus"
    assert placed.place.country_iso2 == "IQ"  # never the speaker's country (Turkey)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("BAGHDAD — Two US service members were killed on Wednesday, the military said.", "killed"),
        ("BAGHDAD — US service members killed in helicopter crash", "killed"),
        ("BAGHDAD — Civilians were killed by US forces on Monday.", "killed"),
    ],
)
def test_a_participants_nationality_is_not_the_events_place(parse: Parse, gz: Gazetteer, text: str,
                                                             trigger: str) -> None:
    """"US service members were killed": whose they are, not where; with no place of its own the event
    takes the story's (Iraq, its dateline), whether the coder offered "US" as a place or not."""
    placed = _placed(parse, gz, text, trigger)
    assert placed.place is not None and placed.place.country_iso2 == "IQ"
    at = text.index("US")
    offered = EventMention(article_id="a", type="ASSAULT", trigger=placed.trigger, trigger_text=trigger,
                           sentence=placed.sentence, arguments=(Argument("place", Span(at, at + 2), "US"),),
                           place_text="US")
    ann = find_places(find_actors(parse(make_article(("body", text))), Settings()), gazetteer=gz)
    (coded,) = place_events(ann, (offered,), gazetteer=gz)
    assert coded.place is not None and coded.place.country_iso2 == "IQ"
    assert coded.place_text is None  # no place of its own: the row names none


def test_the_place_text_is_the_chosen_places(parse: Parse, gz: Gazetteer) -> None:
    text = "Officials in Ankara said that the raid killed dozens of people in the northern city of Mosul."
    ann = find_places(find_actors(parse(make_article(("body", text))), Settings()), gazetteer=gz)
    at, ankara = text.index("killed"), text.index("Ankara")
    m = EventMention(article_id="a", type="ASSAULT", trigger=Span(at, at + 6), trigger_text="killed",
                     sentence=Span(0, len(text)), place_text="Ankara",
                     arguments=(Argument("place", Span(ankara, ankara + 6), "Ankara"),))
    (placed,) = place_events(ann, (m,), gazetteer=gz)
    assert placed.place is not None and placed.place.text == placed.place_text == "Mosul"



def test_a_places_unrest_is_in_that_place(parse: Parse, gz: Gazetteer) -> None:
    """"Hong Kong's street battles": a possessive before a noun of unrest names its scene (a story about
    Beijing placed them in Beijing), while "Russia's request" stays a government's."""
    text = "BEIJING — Xi met party leaders on Monday. Hong Kong's street battles are a threat to Xi's regime."
    ann = find_places(find_actors(parse(make_article(("body", text))), Settings()), gazetteer=gz)
    battles = [m for m in place_events(ann, code_events(ann), gazetteer=gz) if m.trigger_text == "battles"]
    assert battles and all(m.place is not None and m.place.role == "place" for m in battles)
    assert all(m.place is not None and m.place.country_iso2 == "HK" for m in battles)
    ann = find_places(parse(make_article(("body", "Russia's request was rejected on Monday."))), gazetteer=gz)
    assert [p.role for p in ann.places if p.text == "Russia"] == ["metonym"]


def test_the_scorer_weighs_the_coders_places(parse: Parse, gz: Gazetteer) -> None:
    """The coder lists "Aleppo" (where the protesters came from) first among its place arguments;
    the event happened where they marched (the coder's first place was the event's before)."""
    text = "Protesters from Aleppo marched through the streets of Damascus on Friday."
    ann = find_places(find_actors(parse(make_article(("body", text))), Settings()), gazetteer=gz)
    marched = [m for m in place_events(ann, code_events(ann), gazetteer=gz) if m.trigger_text == "marched"]
    assert next(a.text for a in marched[0].arguments if a.role == "place") == "Aleppo"
    assert marched[0].place is not None and marched[0].place.text == "Damascus"


def test_the_coders_rank_is_a_cue() -> None:
    """Each candidate the coder's place arguments cover gets its rank among them (the rest capped
    at 2); a candidate the coder did not offer gets none."""
    text = "Protesters from Aleppo marched in Damascus, Homs and Hama."
    spans = {n: Span(text.index(n), text.index(n) + len(n)) for n in ("Aleppo", "Damascus", "Homs", "Hama")}
    args = tuple(Argument("place", spans[n], n) for n in ("Damascus", "Aleppo", "Homs", "Hama"))
    m = EventMention(article_id="a", type="PROTEST", trigger=Span(20, 27), trigger_text="marched",
                     sentence=Span(0, len(text)), arguments=args[:3])
    pool = [(s, Place(span=s, text=n), None) for n, s in spans.items()]
    assert coder_hints(m, text, pool) == {spans["Damascus"]: ("coder_rank:0",), spans["Aleppo"]: ("coder_rank:1",),
                                          spans["Homs"]: ("coder_rank:2",)}


def _candidate_texts(parse: Parse, gz: Gazetteer, text: str, trigger: str) -> list[str]:
    ann = find_places(find_actors(parse(make_article(("body", text))), Settings()), gazetteer=gz)
    at = text.index(trigger)
    m = EventMention(article_id="a", type="ASSAULT", trigger=Span(at, at + len(trigger)), trigger_text=trigger,
                     sentence=Span(0, len(text)))
    return [p.text for _, p, _ in candidates(Doc.of(ann), m)]


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        # a name the outskirts, countryside or vicinity of which is the scene is a place's
        ("Two Turkish tanks were destroyed on the outskirts of Bza'a.", "destroyed", "Bza'a"),
        # a NORP name of one definite place noun is that place's (the small NER tags villages NORP)
        ("At least 21 people were killed in Boko Haram attacks on Akida village near Maiduguri.", "killed", "Akida"),
        ("The bomb was detonated when a convoy passed by the Hasbiyeh village in the south.", "detonated",
         "Hasbiyeh"),
        # a GPE the gazetteer lacks is still a place phrase, kept as text
        ("Air force jets bombed Pooneryn on Monday, the military said.", "bombed", "Pooneryn"),
        # the second of two names in the event verb's object slot is a place as the first is
        ("The Syrian forces captured Surjah Kabira and Surjah Saghira.", "captured", "Surjah Saghira"),
    ],
)
def test_more_place_phrases_are_candidates(parse: Parse, gz: Gazetteer, text: str, trigger: str, name: str) -> None:
    assert name in _candidate_texts(parse, gz, text, trigger)


def test_a_group_before_a_plural_place_noun_is_no_place(parse: Parse, gz: Gazetteer) -> None:
    assert "Shia" not in _candidate_texts(parse, gz, "Troops raided Shia neighborhoods on Monday.", "raided")
