"""Text features of the event detector: word 1-2 grams and character 3-5 grams inside word boundaries.

One function serves training (as scikit-learn's ``analyzer``) and prediction, so both see the same
features. TF-IDF weighting (sublinear tf, smoothed idf, l2 norm) is applied in ``model.py``.
"""

from __future__ import annotations

import re

WORD_RE = re.compile(r"(?u)\b\w\w+\b")
DIGITS = re.compile(r"\d")
SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
LINES = re.compile(r"\n")


def sentences(text: str) -> list[str]:
    """Sentences by punctuation and line breaks: cheap, for the gate and for training samples."""
    out = []
    for para in LINES.split(text):
        out += [s.strip() for s in SENT_END.split(para.strip()) if s.strip()]
    return out


def analyze(text: str, word_n: int = 2, char_lo: int = 3, char_hi: int = 5) -> list[str]:
    """Word n-grams (``w:``) up to ``word_n`` and char n-grams (``c:``) from ``char_lo`` to ``char_hi``.

    Digits are folded to 0 ("14 shells" and "23 shells" share their features). ``char_hi`` 0 turns
    character grams off (the word-only baseline).
    """
    low = DIGITS.sub("0", text.lower())
    words = WORD_RE.findall(low)
    grams = ["w:" + w for w in words]
    for n in range(2, word_n + 1):
        grams += ["w:" + " ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    if char_hi:
        for w in low.split():
            padded = f" {w} "
            for n in range(char_lo, min(char_hi, len(padded)) + 1):
                grams += ["c:" + padded[i : i + n] for i in range(len(padded) - n + 1)]
    return grams


def word_only(text: str) -> list[str]:
    return analyze(text, char_hi=0)
