"""Where a place's name begins and ends in the tokens: input the parse's tokens and a token range,
output the range of the whole name. Used by ``geo/places.py`` so that a word of a longer name is
never read as a place of its own: "Gulf of Oman" is one feature (not Oman, not the Persian Gulf),
"Farah" of "Hawsh Al-Farah" is no Afghan province.
"""

from __future__ import annotations

from spillwatch.records import Token

WATER_HEADS = frozenset(("Gulf", "Bay", "Strait", "Straits", "Sea", "Isle", "Cape"))  # "<head> of <name>"
ARTICLES = frozenset(("al", "el", "ad", "ar", "as", "an", "at", "ash", "az", "ez", "es", "ed", "en", "ul"))


def water_body(tokens: tuple[Token, ...], idx: range) -> range:
    """The token range of "Gulf of Oman", "Straits of Malacca" when ``idx`` is its head word or its
    name (the NER often tags them apart): one feature's name, never the country it is named after."""
    lo, hi = idx.start, idx.stop
    if hi - lo == 1 and tokens[lo].text in WATER_HEADS and hi + 1 < len(tokens) and tokens[hi].text == "of":
        end = hi + 1
        while end < len(tokens) and tokens[end].pos == "PROPN" and tokens[end].text[:1].isupper():
            end += 1
        return range(lo, end) if end > hi + 1 else idx
    if lo >= 2 and tokens[lo - 1].text == "of" and tokens[lo - 2].text in WATER_HEADS:
        return range(lo - 2, hi)
    return idx


def name_tail(tokens: tuple[Token, ...], a: int) -> bool:
    """``tokens[a]`` ends a longer written name after an article joined by a hyphen ("Farah" of
    "Hawsh Al-Farah", "Zor" of "Deir ez-Zor"): not a name alone. "Al-Raqqa" alone keeps "Raqqa"."""
    if a < 3 or tokens[a - 1].text not in ("-", "‐") or tokens[a - 1].span.end != tokens[a].span.start:
        return False
    article, before = tokens[a - 2], tokens[a - 3]
    return (article.text.lower() in ARTICLES and article.span.end == tokens[a - 1].span.start
            and before.text[:1].isupper() and before.span.end < article.span.start)
