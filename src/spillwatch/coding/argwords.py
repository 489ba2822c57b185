"""Word lists the argument finder (``args.py``) reads: noun heads that name armed bodies, people of a
country, buildings, and the time words of offsets ("two days after")."""

from __future__ import annotations

PLACE_LABELS = ("GPE", "LOC", "FAC")
ACTOR_LABELS = ("PERSON", "ORG", "NORP", "GPE")
BRIDGE_HEADS = frozenset(
    {"team", "troop", "force", "soldier", "unit", "adviser", "advisor", "official", "authority", "government",
     "delegation", "militant", "fighter", "army", "military", "police", "group", "minister", "ministry"}
)  # fmt: skip
# The government a story's own country acts through, named by its office alone ("the government convened a
# meeting", "the president offered assistance"): the government of the country the article is about.
FOCUS_GOV_HEADS = frozenset({"government", "president", "presidency", "premier", "cabinet", "administration"})
LEVELS = frozenset({"central", "federal", "national", "union"})  # "the Central Government" is still the country's
NOT_IN_OFFICE = frozenset({"former", "ex", "late", "then", "previous", "future", "incoming", "outgoing"})
PROPN_PLACE_ENTS = ("", "GPE", "LOC", "FAC", "NORP", "LANGUAGE")
ARMED_HEADS = frozenset(
    {"force", "troop", "soldier", "army", "fighter", "militant", "gunman", "rebel", "militia", "insurgent", "guerrilla",
     "jihadist", "unit", "battalion", "brigade", "aircraft", "warplane", "jet", "coalition"}
)  # fmt: skip
NON_STATE_HEADS = frozenset({"fighter", "militant", "gunman", "rebel", "militia", "insurgent", "jihadist", "guerrilla"})
DATE_LOOKBACK = 2  # sentences
NATIONAL_SECTORS = {
    **{w: "MIL" for w in ("soldier", "troop", "personnel", "serviceman", "servicemen", "guard", "sailor", "airman",
                          "pilot", "marine", "officer", "force", "army", "commando", "peacekeeper")},
    **{w: "COP" for w in ("police", "policeman", "policemen", "gendarme", "policeofficer")},
    **{w: "CVL" for w in ("civilian", "tourist", "national", "citizen", "worshipper", "pilgrim", "resident",
                          "villager", "child", "woman", "man", "people", "student", "visitor", "passenger")},
    **{w: "GOV" for w in ("official", "authority", "diplomat", "minister", "negotiator", "lawmaker", "legislator")},
    **{w: "HLH" for w in ("doctor", "physician", "surgeon", "nurse", "medic", "paramedic")},
}  # fmt: skip
SECTOR_WORDS = {"MIL": "military", "COP": "police", "CVL": "civilians", "GOV": "government", "HLH": "health workers"}
OFFSET_WORDS = frozenset({"after", "before", "following"})
TIME_UNITS = frozenset({"hour", "day", "week", "month", "year", "decade", "fortnight"})
VENUE_HEADS = frozenset(
    {"arena", "airport", "stadium", "mosque", "church", "cathedral", "synagogue", "temple", "shrine", "hotel", "hall",
     "square", "market", "bazaar", "mall", "station", "nightclub", "club", "theatre", "theater", "museum", "university",
     "school", "hospital", "embassy", "consulate", "camp", "base", "prison"}
)  # fmt: skip  # named venues NER often calls ORG ("at Manchester Arena")
