"""Number phrases for the quantity stage: "at least 30", "dozens", "between 5 and 7", "$1 million".

Input: text. Output: ``NumberPhrase``s with low/best/high read by the rules below. Declines
ordinals, numbers inside words and anything it cannot read as a number.

Bounds (documented choices):
- "30" -> low = best = high = 30.  "about/around/some 30" -> best 30 only.
- "at least 30" -> low 30, best 30 (the reported floor is the best figure, as UCDP codes it).
- "more than / over 30" -> low 31, best 31.  "nearly / almost 30" -> best 30, high 30.
- "up to / as many as / at most 10" -> high 10.  "fewer / less than 10" -> high 9.
- "between 5 and 7", "5 to 7", "5-7" -> low 5, high 7, best None.
- vague: "a dozen" -> best 12; "dozens" -> low 24 (at least two dozen), best None;
  "scores" -> low 40; "hundreds" -> low 200; "thousands" -> low 2000; "tens of thousands" ->
  low 20000; "several" -> low 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_WORD = rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS[1:10])}))?|{'|'.join(_UNITS[1:])})"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|trillion))*(?:\s*(?:bn|m)\b)?"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
NUM = rf"(?:{_DIGITS}|{_WORD}){_SCALE}"
NUMD = rf"{_DIGITS}{_SCALE}"
VAGUE = {
    "a dozen": (None, 12.0, None), "dozens": (24.0, None, None), "scores": (40.0, None, None),
    "hundreds": (200.0, None, None), "thousands": (2000.0, None, None),
    "tens of thousands": (20000.0, None, None), "several": (3.0, None, None),
}
_VAGUE = r"(?:a\s+dozen|dozens|scores|hundreds|thousands|tens\s+of\s+thousands|several)"
MODS = (
    r"(?:at\s+least|more\s+than|over|nearly|almost|about|around|approximately|roughly|some"
    r"|up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|at\s+most)"
)
CURRENCY_PREFIX = r"(?:US\$|U\.S\.\s?\$|C\$|CA\$|CAD\s?\$?|A\$|AU\$|NZ\$|USD|EUR|GBP|AUD|\$|£|€)"
PHRASE = re.compile(
    rf"(?<![\w.,])(?:(?P<mod>{MODS})\s+)?(?P<cur>{CURRENCY_PREFIX})?\s?"
    rf"(?:between\s+(?P<a>{NUM})\s+and\s+(?P<b>{NUM})|(?P<c>{NUMD})\s*(?:-|–|to)\s*(?P<d>{NUMD})"
    rf"|(?P<num>{NUM})|(?P<vague>{_VAGUE}))(?![\w])",
    re.I,
)


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    start: int
    end: int
    low: float | None
    best: float | None
    high: float | None
    currency: str | None  # the prefix as written ("$", "C$", "£"), if any


def value(text: str) -> float | None:
    """Numeric value of "1,000", "1.6 billion", "twenty-five", "two hundred", "3m"."""
    words = text.lower().replace(",", "").split()
    if not words:
        return None
    total: float | None = None
    for w in words:
        for part in re.findall(r"\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?", w):
            total = _step(total, part)
            if total is None:
                return None
    return total


def _step(total: float | None, part: str) -> float | None:
    if part[0].isdigit():
        return float(part) if total is None else None
    scale = SCALES.get(part) or {"bn": 1e9, "m": 1e6}.get(part)
    if scale:
        return None if total is None else total * scale
    if "-" in part:
        tens, _, unit = part.partition("-")
        if tens in WORD_VALUES and unit in WORD_VALUES:
            return float(WORD_VALUES[tens] + WORD_VALUES[unit]) if total is None else None
    return float(WORD_VALUES[part]) if part in WORD_VALUES and total is None else None


def _bounds(mod: str, n: float) -> tuple[float | None, float | None, float | None]:
    mod = " ".join(mod.lower().split())
    if mod == "at least":
        return n, n, None
    if mod in {"more than", "over"}:
        return n + 1, n + 1, None
    if mod in {"nearly", "almost"}:
        return None, n, n
    if mod in {"up to", "as many as", "at most"}:
        return None, None, n
    if mod in {"fewer than", "less than"}:
        return None, None, n - 1
    if mod:
        return None, n, None
    return n, n, n


def number_phrases(text: str) -> list[NumberPhrase]:
    out = []
    for m in PHRASE.finditer(text):
        found = _read(m)
        if found is not None:
            low, best, high = found
            out.append(NumberPhrase(m.start(), m.end(), low, best, high, m.group("cur")))
    return out


def _read(m: re.Match[str]) -> tuple[float | None, float | None, float | None] | None:
    if m.group("vague"):
        return VAGUE[" ".join(m.group("vague").lower().split())]
    if m.group("a") or m.group("c"):
        lo, hi = value(m.group("a") or m.group("c")), value(m.group("b") or m.group("d"))
        if lo is None or hi is None or lo > hi:
            return None
        return lo, None, hi
    n = value(m.group("num"))
    if n is None:
        return None
    return _bounds(m.group("mod") or "", n)
