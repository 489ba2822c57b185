"""The fault kinds of issue 24, each as sentences written here, and where they must be placed.

Each row: a text, a name in it, and the country and ADM1 unit (ISO 3166-2) it must resolve to, or
None when the name must not be a place at all. The event-level faults (a speaker's place, another
event's place, an actor's nationality) are in test_attach.py; people's and groups' names in
test_incontext.py; the explicit container ("Lebanon, Pennsylvania") in test_focus.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.places import find_places
from spillwatch.geo.resolve import Mention, resolve_mentions
from spillwatch.nlp.actors import find_actors
from spillwatch.records import AnnotatedArticle, Article, Span
from spillwatch.settings import Settings

from .conftest import make_article

Parse = Callable[[Article], AnnotatedArticle]

GARDENS = "A deputy was shot dead in Hawaiian Gardens, and a gang member was charged in case No. VA089897."
ROWS = [
    # provinces resolve to their ADM1 unit, not to a town or a region of the same name
    ("Airstrikes hit Idlib province and Hama province overnight, activists said.", "Idlib province", ("SY", "SY-ID")),
    ("Clashes broke out in Diyala province and Salahuddin province.", "Diyala province", ("IQ", "IQ-DI")),
    ("Clashes broke out in Diyala province and Salahuddin province.", "Salahuddin province", ("IQ", "IQ-SD")),
    # a town named with its unit is the unit's town
    ("Two soldiers were killed in Tal Afar, Nineveh, on Monday.", "Tal Afar", ("IQ", "IQ-NI")),
    # a place the writer puts in a country is never a same-spelt town in another one
    ("A day after bombers struck the village of Qaa in Lebanon, Turkish police in Istanbul counted the dead.",
     "Qaa", (None, None)),
    ("A day after bombers struck the village of Qaa in Lebanon, Turkish police in Istanbul counted the dead.",
     "Istanbul", ("TR", "TR-34")),
    # a month's abbreviation is no town
    ("Since Jan. 1, militants have attacked Kirkuk province twice.", "Jan.", None),
    ("Since Jan. 1, militants have attacked Kirkuk province twice.", "Kirkuk province", ("IQ", "IQ-KI")),
    # a generic word that opens a longer name the gazetteer lacks is no place alone ("Bir" is Beed,
    # India, by an alternate name); the region after "in north" is one, though tagged a person
    ("Gunmen opened fire on worshippers at a mosque in Bir Lahfan in north Sinai on Friday, killing 12 people.",
     "Bir", None),
    ("Gunmen opened fire on worshippers at a mosque in Bir Lahfan in north Sinai on Friday, killing 12 people.",
     "Sinai", ("EG", None)),
    ("Militants stormed a police station in Bir Lahfan on Tuesday, officials said.", "Bir", None),
    # a name known by a looser spelling stays whole and is read in the story's country
    ("Police cordoned off streets in Bir el-Abed in north Sinai after the bombing.", "Bir el-Abed", ("EG", "EG-SIN")),
    ("Troops sealed off the town of Bir el-Abed in north Sinai after the bombing.", "Bir", None),
    # a country's or a unit's own name is not another name of a town ("Mexico" of Mexico City,
    # "Florida", an old name of Valle Vista, California)
    ("Trade talks between Mexico and the United States resumed in Mexico City on Monday.", "Mexico", ("MX", None)),
    ("Firefighters in Riverside, California, contained the blaze, while Florida sent crews to help.", "Florida",
     ("US", "US-FL")),
    # a feature word ending a longer name is no place alone ("Plateau" is a Nigerian state), and
    # neither is a lower-case unit word the name took ("region" is another name of Calabarzon)
    ("Artillery shelled army positions on the Al-Bab Plateau east of Aleppo on Monday.", "Plateau", None),
    ("Shelling hit the East Ghouta region of Damascus countryside on Monday.", "region", None),
    # a gulf or a strait is named after a country, and is not that country (nor another gulf)
    ("Sailors seized a fishing boat in the Gulf of Oman on Sunday.", "Gulf of Oman", (None, None)),
    ("Sailors seized a fishing boat in the Gulf of Oman on Sunday.", "Oman", None),
    ("Warships patrolled the Straits of Malacca after the attack.", "Straits of Malacca", (None, None)),
    # the end of a longer written name is not a town of its own ("Farah" is an Afghan province);
    # an article joined to a name alone leaves the name ("Al-Raqqa" is Raqqa)
    ("Troops entered the village of Hawsh Al-Farah east of Damascus on Monday.", "Farah", None),
    ("Government forces shelled Al-Raqqa on Monday.", "Raqqa", ("SY", "SY-RA")),
    # homonyms that put a story in another country: a word cut short before a number ("No." is Nord,
    # Haiti, by an alternate name) and a first name opening a longer name ("Paul" is a unit of Cape
    # Verde) are no places, and the story's own towns stay at home
    (GARDENS, "No", None),
    (GARDENS, "Hawaiian Gardens", ("US", "US-CA")),
    ("He was convicted of the shootings of Paul Riva and Alan Steinberg at a firm in Troy.", "Paul", None),
    # a town named with its state: the state, not the country or the capital spelt the same
    ("Shootings followed in Atlanta, Georgia, and Seattle, Washington, last week.", "Georgia", ("US", "US-GA")),
    ("Shootings followed in Atlanta, Georgia, and Seattle, Washington, last week.", "Washington", ("US", "US-WA")),
    ("Refugees reached Amman, Jordan, on Monday.", "Jordan", ("JO", None)),
    # a big town's short alternate name inside a shop's name ("Sam" is one of Damascus') is no place
    ("A woman was struck outside a Sam's Club in Bloomington on Wednesday.", "Sam", None),
    # a town the small NER model tags PERSON, after "the battle of", in a story naming its country
    ("Philippine troops retook a mosque in the battle of Marawi on Sunday, a military spokesman said.",
     "Marawi", ("PH", "PH-14")),
    # a town named like the region it is the seat of ranks just above that region, no higher:
    # Senegal's Saint-Louis is no likelier than St. Louis, Missouri, nor does it make the focus
    ("ST. LOUIS - Police arrested two men after a burglary at a barbecue restaurant, and Missouri troopers "
     "joined the search.", "ST. LOUIS", ("US", "US-MO")),
    # a name the NER cut short is completed by the next words when the gazetteer holds the whole
    # ("Trinidad" of "Trinidad and Tobago" was a town in Bolivia; "Baja" a town in Iowa and
    # "California" the US state)
    ("The prime minister said that Trinidad and Tobago failed to attend the meeting.", "Trinidad and Tobago",
     ("TT", None)),
    ("The new wastewater plant on the Tijuana River in Baja California will open in May.", "Baja California",
     ("MX", "MX-BCN")),
    # a constituent country's adjective names that unit ("English" is of England, GB-ENG)
    ("The Skripals were found slumped on a bench in the southern English city of Salisbury.", "English",
     ("GB", "GB-ENG")),
    # an abbreviation the story defines for an organisation is the organisation's wherever it recurs
    # ("MoD" is Maud, Texas, by spelling); a country's own stays the country, spelt with or without "the"
    ("The Ministry of Defence (MoD) named the soldier killed in Syria. An MoD spokesman said the US had been told.",
     "MoD", None),
    ("Rebels in the Democratic Republic of Congo (DRC) attacked a village. The DRC army responded.",
     "Democratic Republic of Congo", ("CD", None)),
    ("Rebels in the Democratic Republic of Congo (DRC) attacked a village. The DRC army responded.", "DRC",
     ("CD", None)),
    # a two-letter word inside a longer name is an article, not the state a postal code spells
    ("Hurricanes struck Texas last year. Currently, we are in a weak La Niña, forecasters said.", "La", None),
    ("Hurricanes struck Texas last year. Currently, we are in a weak La Niña, forecasters said.", "Texas",
     ("US", "US-TX")),
]


@pytest.mark.parametrize(("text", "name", "where"), ROWS, ids=[f"{r[1]}:{i}" for i, r in enumerate(ROWS)])
def test_fault_table(parse: Parse, gz: Gazetteer, text: str, name: str, where: tuple[str | None, str | None] | None
                     ) -> None:
    ann = find_places(find_actors(parse(make_article(("body", text))), Settings()), gazetteer=gz)
    found = [p for p in ann.places if p.text == name]
    if where is None:
        assert not found
    else:
        assert found and (found[0].country_iso2, found[0].adm1_code) == where


def test_a_word_of_a_longer_name_is_no_town_abroad(gz: Gazetteer) -> None:
    """A town read for a word inside a longer name the gazetteer lacks ("part") needs the story's
    focus: in a story about Sinai, "Beed" so found is left unresolved; found whole, it is a town."""
    text = "Fighting in Sinai reached Beed Lahfan."
    sinai = Mention(Span(12, 17), "Sinai", "ner", "place")
    for source, iso2 in (("part", None), ("ner", "IN")):
        beed = Mention(Span(26, 30), "Beed", source, "place")
        assert resolve_mentions([sinai, beed], gz, text)[1].country_iso2 == iso2


def test_a_stray_unit_does_not_make_the_focus(parse: Parse, gz: Gazetteer) -> None:
    """A story whose only unit is a word inside a person's name ("Paul" of "Paul Riva", a unit of
    Cape Verde) keeps its own small town ("Troy") in its own country."""
    text = "A gunman shot Paul Riva at an accounting firm in Troy on Monday, police said."
    ann = find_places(find_actors(parse(make_article(("body", text))), Settings()), gazetteer=gz)
    assert [p.country_iso2 for p in ann.places if p.text == "Troy"] == ["US"]
    assert not [p for p in ann.places if p.country_iso2 == "CV"]


@pytest.mark.parametrize(("text", "name"), [
    ("Other teacher protests were held last year in West Virginia, Oklahoma and Arizona.", "Oklahoma"),
    ("Firms fled high costs in western states such as California or Washington.", "Washington"),
])
def test_a_name_listed_with_units_is_a_unit(parse: Parse, gz: Gazetteer, text: str, name: str) -> None:
    """A list names things of one kind: a name listed with a country's ADM1 units alone is its unit
    ("Oklahoma" is the state, not Oklahoma City; "Washington" the state, not the capital)."""
    ann = find_places(parse(make_article(("body", text))), gazetteer=gz)
    found = [p for p in ann.places if p.text == name]
    assert found and found[0].feature_code == "ADM1" and found[0].precision == 4
    assert all(p.feature_code == "ADM1" for p in ann.places)


def test_a_town_in_a_list_of_towns_stays_a_town(parse: Parse, gz: Gazetteer) -> None:
    ann = find_places(parse(make_article(("body", "Militants attacked Mosul, Kirkuk and Baghdad."))), gazetteer=gz)
    assert [p.feature_class for p in ann.places] == ["P", "P", "P"]
