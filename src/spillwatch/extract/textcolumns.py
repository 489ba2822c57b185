"""Side-by-side columns in plain text (a print page rendered with its layout), read one by one.

Input: the raw text of one page. Output: the same text with a two-column layout unwound, so each
column's lines follow each other (left column, then right, page by page); text without columns
comes back unchanged. Declines: three or more columns and ragged layouts where no gap position
is shared by enough lines; those stay as they are.
"""

from __future__ import annotations

import re
from collections import Counter

_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
_SLACK = 2  # the right column may start this many characters either side of its usual place
MIN_LINES, MIN_SHARE = 6, 0.4


def _gap_ends(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _GAP.finditer(line)]


def column_start(lines: list[str]) -> int | None:
    """Where the right column starts, if enough lines share a gap ending at one place."""
    ends: Counter[int] = Counter(end for line in lines for _, end in _gap_ends(line))
    if not ends:
        return None
    votes = {p: sum(ends[q] for q in range(p - _SLACK, p + _SLACK + 1)) for p in ends}
    best = max(votes, key=lambda p: (votes[p], -p))
    filled = sum(1 for line in lines if line.strip())
    return best if votes[best] >= max(MIN_LINES, MIN_SHARE * filled) else None


def _split(line: str, start: int) -> tuple[str, str] | None:
    """(left, right) parts of a line in a two-column layout, or ``None`` for a full-width line."""
    for gap_start, gap_end in _gap_ends(line):
        if abs(gap_end - start) <= _SLACK:
            return line[:gap_start], line[gap_end:]
    indent = len(line) - len(line.lstrip())
    if indent >= start - _SLACK:
        return "", line.strip()
    if len(line.rstrip()) <= start - _SLACK - 1:
        return line.rstrip(), ""
    return None


def unwind_columns(text: str) -> str:
    """Text with a two-column layout read column by column; other text unchanged."""
    lines = text.expandtabs(4).splitlines()
    start = column_start(lines)
    if start is None:
        return text
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        parts = _split(line, start)
        if parts is None:
            out.extend([*left, "", *right, "", line.strip()])
            left, right = [], []
            continue
        left.append(parts[0].strip())
        right.append(parts[1].strip())
    out.extend([*left, "", *right])
    return "\n".join(out)
