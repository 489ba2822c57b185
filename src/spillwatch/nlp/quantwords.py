"""Word lists for the quantity stage: casualty words, equipment, personnel, currencies.

Input: none (constants) and short text after a number. Output: maps and a currency reader.
Declines nothing.
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    return text.split()


def _kind(words: str, kind: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), kind)


CASUALTY_WORDS: dict[str, str] = {
    **_kind("kill killed die died dead death fatality toll body slay massacre execute behead life "
            "mourn bury buried funeral", "killed"),  # one mourns and buries the dead: "mourns 22 victims"
    **_kind("injure injured wound wounded hurt injury casualty", "injured"),
    **_kind("capture captured abduct abducted kidnap kidnapped arrest arrested detain detained hostage "
            "prisoner captive", "captured"),
    **_kind("displace displaced flee fled evacuate evacuated uproot refugee homeless idp idps", "displaced"),
}
EQUIPMENT = frozenset(
    _words("truck vehicle tank drone rifle gun helicopter aircraft jet plane missile rocket weapon boat ship "
     "mortar launcher humvee grenade bomb radar ambulance pickup apc bulldozer shell round warplane "
     "satellite gear equipment ammunition munition")
)
MASS_EQUIPMENT = frozenset(_words("gear equipment ammunition munitions weaponry arms"))
PERSONNEL = frozenset(
    _words("troop soldier adviser advisor trainer personnel marine peacekeeper instructor officer commando "
     "paratrooper sailor airman pilot medic engineer")
)
# Nouns a casualty figure can count (besides proper nouns: "170 Afghans").
PERSON_NOUNS = frozenset(
    _words("people person civilian soldier troop fighter militant rebel insurgent jihadist child children "
           "woman women man men villager resident worshipper pilgrim family member student policeman "
           "policemen officer hostage passenger migrant refugee worker farmer tourist personnel "
           "peacekeeper guard commander official gunman gunmen attacker assailant protester prisoner "
           "body life death fatality casualty injury victim individual adult teenager boy girl youth")
)
PREFIX_CURRENCY = {
    "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "CAD$": "CAD",
    "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "AUD": "AUD",
    "£": "GBP", "€": "EUR",
}
DOLLAR_COUNTRIES = {
    "CAN": "CAD", "AUS": "AUD", "NZL": "NZD", "SGP": "SGD", "HKG": "HKD", "TWN": "TWD", "JAM": "JMD",
    "LBR": "LRD", "NAM": "NAD", "ZWE": "USD", "USA": "USD",
}
_AFTER = re.compile(
    r"^\s+(?:(?P<adj>U\.S\.|US|American|Canadian|Australian|New\s+Zealand|Hong\s+Kong|Singapore)\s+)?"
    r"(?P<cur>dollars?|euros?|pounds?(?:\s+sterling)?|yen|yuan|rubles?|roubles?|naira|shillings?|dinars?|riyals?)\b",
    re.I,
)
_ADJ = {"u.s.": "USD", "us": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
        "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD"}
_WORDS = {"euro": "EUR", "pound": "GBP", "yen": "JPY", "yuan": "CNY", "ruble": "RUB", "rouble": "RUB",
          "naira": "NGN", "shilling": "KES", "dinar": "IQD", "riyal": "SAR"}


def currency_after(text: str) -> tuple[int, str | None] | None:
    """(length consumed, ISO 4217 code) for a currency word after a number; code None for bare "dollars"."""
    m = _AFTER.match(text)
    if m is None:
        return None
    adj = " ".join((m.group("adj") or "").lower().split())
    word = m.group("cur").lower().split()[0].rstrip("s")
    code = _ADJ.get(adj) if adj else None
    return m.end(), code or _WORDS.get(word)
