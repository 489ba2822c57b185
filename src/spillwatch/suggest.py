"""Closest valid names for a mistyped one (difflib), phrased for one-line error messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, names: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` of ``names`` most like ``word`` (compared case-insensitively), best first."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name.casefold(), name)
    found = difflib.get_close_matches(word.casefold(), list(by_key), n=n, cutoff=cutoff)
    return [by_key[k] for k in found]


def did_you_mean(word: str, names: Iterable[str], n: int = 3) -> str:
    """``"; did you mean A, B or C?"`` for the closest names, or ``""`` when none is close."""
    found = closest(word, names, n)
    if not found:
        return ""
    listed = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " or " + found[-1]
    return f"; did you mean {listed}?"
