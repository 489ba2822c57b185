"""Word lists shared by the nlp stages: sector head nouns, titles, speech verbs.

Input: none (constants). Output: frozen sets and maps. Declines nothing. Lemmas are lower case.
"""

from __future__ import annotations


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Head noun (lemma) -> PLOVER sector. A head not listed here makes no actor by itself.
SECTOR_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        _w("soldier troop army military force artillery unit regiment battalion brigade navy warplane jet "
        "aircraft airstrike paratrooper marine sailor airman peacekeeper garrison division platoon squad "
        "contingent convoy patrol gunship helicopter drone tank commando sniper warship frigate destroyer "
        "gunboat submarine vessel"),
        "MIL",
    ),
    **dict.fromkeys(
        _w("government ministry minister president administration cabinet embassy ambassador diplomat envoy "
        "official authority regime parliament lawmaker delegation leader negotiator side ruler junta "
        "leadership congress assembly senate legislature"),
        "GOV",
    ),
    **dict.fromkeys(_w("police policeman policemen policewoman gendarme gendarmerie"), "COP"),
    **dict.fromkeys(
        _w("civilian tourist worshipper villager resident pilgrim passenger farmer shepherd refugee migrant "
        "people population national citizen expatriate"),
        "CVL",
    ),
    **dict.fromkeys(
        _w("militant fighter rebel gunman gunmen insurgent jihadist extremist terrorist militia militiaman "
        "separatist"),
        "REB",
    ),
    **dict.fromkeys(_w("journalist reporter media newspaper broadcaster"), "MED"),
    **dict.fromkeys(_w("court judge prosecutor judiciary"), "JUD"),
    **dict.fromkeys(_w("cleric imam priest clergy"), "REL"),
    **dict.fromkeys(_w("company firm business businessman"), "BUS"),
    **dict.fromkeys(_w("student school university teacher"), "EDU"),
    **dict.fromkeys(_w("opposition party"), "POL"),
}
# Sector nouns too vague to make an actor on their own (only after a demonym: "the Iraqi people").
NOT_ALONE = frozenset(_w("people population"))
# Acronyms spaCy often tags ORG that are weapons, not organisations.
WEAPON_ACRONYMS = frozenset(_w("VBIED SVBIED IED IEDs VBIEDs UAV UAVs RPG RPGs MANPADS APC APCs ATGM ATGMs"))
# Heads that take their sector from a modifier ("military teams", "government officials").
GENERIC_HEADS = frozenset(_w("team personnel adviser advisor expert trainer officer staff member"))

# Bare definite nouns that refer to the article's context country ("the government committed").
BARE_STATE_NOUNS: dict[str, str] = {
    "government": "GOV", "administration": "GOV", "cabinet": "GOV",
    "military": "MIL", "army": "MIL", "police": "COP",
}

# Title words: a run of these before a name binds the person to an actor.
TITLE_HEADS: dict[str, str] = {
    **dict.fromkeys(
        _w("minister secretary president premier chancellor ambassador envoy governor mayor king queen "
        "prince emir sheikh spokesman spokeswoman spokesperson senator sen. official negotiator aide adviser "
        "advisor representative mediator delegate"),
        "GOV",
    ),
    **dict.fromkeys(
        _w("general gen. commander colonel col. lieutenant lt. major maj. brigadier brig. admiral adm. "
        "captain capt. sergeant sgt. marshal"),
        "MIL",
    ),
    **dict.fromkeys(_w("commissioner inspector superintendent"), "COP"),
    **dict.fromkeys(_w("judge justice prosecutor"), "JUD"),
    **dict.fromkeys(_w("ayatollah archbishop bishop pope imam cardinal rabbi patriarch cleric"), "REL"),
    **dict.fromkeys(_w("leader chief head founder"), "GOV"),
}
TITLE_MODIFIERS = frozenset(
    _w("defence defense foreign interior home prime deputy vice acting state affairs army military police "
    "senior top finance justice security national chief of for staff - junior federal assistant "
    "supreme spiritual religious")
)
MODIFIER_SECTOR = {"army": "MIL", "military": "MIL", "police": "COP"}
# Words that may stand between an owner and a title: "Lebanon's new President X".
TITLE_ADJECTIVES = frozenset(
    _w("new former ousted acting outgoing incoming then late deposed exiled interim caretaker")
)
# Nouns whose possessor acts: "Turkey's efforts", "Iran's decision" (unlike "Iraq's second city").
ACTION_NOUNS = frozenset(
    _w("effort decision offer proposal plan policy call demand request attempt bid role support refusal "
       "response move threat warning pledge commitment agreement withdrawal intervention campaign offensive "
       "attack strike aid position stance involvement participation contribution ultimatum raid "
       "airstrike change")
)
# Governors of "to X" that make X a recipient (an actor), not a destination.
TRANSFER_WORDS = frozenset(
    _w("give offer provide send hand deliver sell supply pledge donate extradite apologize apologise appeal "
       "talk speak write promise grant lend transfer return aid support assistance help loan weapon arm "
       "ultimatum message letter")
)

# Suffixes that still name a group after its alias ("Islamic State militants").
MEMBER_SUFFIX = r"(?:\s+(?:militants?|fighters?|jihadists?|insurgents?|group|members?|loyalists?|gunmen|militia))?"

SPEECH_VERBS = frozenset(
    _w("say tell add state warn claim insist note explain announce declare argue write confirm deny report "
    "acknowledge allege assert caution stress urge vow predict recall reply respond tweet")
)

SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "COP": "police", "CVL": "civilians", "REB": "armed group",
    "MED": "media", "JUD": "judiciary", "REL": "religious", "BUS": "business", "EDU": "education",
    "POL": "political party",
}
