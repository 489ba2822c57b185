"""Place-name keys: input a place name string, output the keys the gazetteer is indexed by.

Two keys per name. ``exact_key`` folds case, diacritics, apostrophes and hyphens only
("Dayr az Zawr" -> "dayr az zawr"). ``loose_key`` also drops Arabic article particles
(al-, el-, ad-, ar-, as-, ash-, az-, at-, ...), administrative suffixes ("governorate",
"province", "district", ...), spaces, doubled letters, a final "h" after a vowel and common
vowel spellings, so Qayara / Qayyarah / Al-Qayyarah share one key, as do Raqqa / Ar Raqqah and
Deir ez-Zor / Dayr az Zawr. Declines: names in non-Latin scripts (their keys come out empty
or partial, and callers skip empty keys); it does not guess transliterations beyond these rules.
"""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = frozenset((
    "al", "el", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "az", "ez", "at", "et", "an", "en",
    "adh", "ath", "dh",
))  # fmt: skip
_SUFFIXES = frozenset((
    "governorate", "governate", "province", "district", "city", "municipality", "prefecture",
    "region", "oblast", "muhafazat", "wilayat", "county", "state",
))  # fmt: skip
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "ʼ": "",
        "ʻ": "",
        "ʿ": "",
        "ʾ": "",
        "’": "",
        "‘": "",
        "'": "",
        "`": "",
        "´": "",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Ordered spelling rewrites applied to the joined loose form.
_VOWEL_RULES: tuple[tuple[str, str], ...] = (
    ("kh", "k"),
    ("q", "k"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("e", "a"),
    ("y", "i"),
    ("aw", "o"),
    ("ph", "f"),
    ("dj", "j"),
    ("sch", "sh"),
)
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([aiou])h$")


def fold(text: str) -> str:
    """Lower-case ASCII form: diacritics, apostrophes and punctuation removed, spaces single."""
    if text.isascii():  # fast path: most gazetteer names
        return _NON_ALNUM.sub(" ", text.lower().translate(_SPECIAL)).strip()
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    ascii_only = ascii_only.translate(_SPECIAL)
    return _NON_ALNUM.sub(" ", ascii_only).strip()


def is_latin(text: str) -> bool:
    """True when every letter of the name folds to ASCII (skips Arabic, Cyrillic, CJK names)."""
    if text.isascii():
        return True
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return all(ord(c) < 128 or unicodedata.combining(c) for c in decomposed)


_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}


def _words(text: str) -> list[str]:
    return [_ABBREVIATIONS.get(w, w) for w in fold(text).split()]


def exact_key(text: str) -> str:
    """Folded name with "St."/"Mt."/"Ft." written out: "St. Petersburg" -> "saint petersburg"."""
    return " ".join(_words(text))


def keys(text: str) -> tuple[str, str]:
    """(exact_key, loose_key) of a name, folding it once."""
    words = _words(text)
    return " ".join(words), _loose(words)


def _strip_words(words: list[str]) -> list[str]:
    kept = [w for w in words if w not in _ARTICLES]
    while len(kept) > 1 and kept[-1] in _SUFFIXES:
        kept.pop()
    while len(kept) > 1 and kept[0] in {"city", "province", "governorate"}:
        kept.pop(0)
    if len(kept) > 1 and kept[-2] == "of" and kept[0] in _SUFFIXES:
        kept = kept[-1:]
    return kept or words


def loose_key(text: str) -> str:
    """Spelling-tolerant key (see module docstring); empty for names with no Latin letters."""
    return _loose(_words(text))


def _loose(words: list[str]) -> str:
    if not words:
        return ""
    joined = "".join(_strip_words(words))
    for old, new in _VOWEL_RULES:
        joined = joined.replace(old, new)
    joined = _DOUBLE.sub(r"\1", joined)
    return _FINAL_H.sub(r"\1", joined)


def strip_admin_suffix(text: str) -> str:
    """Drop a trailing "Governorate"/"Province"/... word: "Nineveh Governorate" -> "Nineveh"."""
    words = text.split()
    if len(words) > 1 and fold(words[-1]) in _SUFFIXES:
        return " ".join(words[:-1])
    return text
