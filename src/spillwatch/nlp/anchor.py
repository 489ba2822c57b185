"""The reference date that relative date expressions resolve against.

Input: an article's ``published`` ``DateInfo``. Output: an ``Anchor`` or None (no date at all:
relative expressions then stay unresolved). Declines nothing else.

An exact date (method "metadata" or "text") is the reference itself. An estimated date
(method "estimated") is read as a lower bound D ("no earlier than D", e.g. the latest date
printed in the text), unless its evidence says "no later than" / "before" (an upper bound).

For a lower bound the reference is D + 6 days: news style (AP) names a weekday only for dates
within the week around publication and writes month and day for anything older, so a story
that prints D as a full date was written at least some days after D; a bare weekday in
past-tense reporting therefore means the first such weekday on or after D, which is the last
such weekday on or before D + 6. Using D + 6 as the one reference makes every relative
expression agree with that reading ("last week" = the Monday..Sunday week before the week of
D + 6). For an upper bound the reference is D and a bare weekday is the last one before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spillwatch.records import Article

LOWER_BOUND_SLACK = timedelta(days=6)


@dataclass(frozen=True, slots=True)
class Anchor:
    ref: date  # the date "today" means
    given: date  # the article's date as recorded
    estimated: bool


def _is_upper_bound(evidence: str) -> bool:
    text = evidence.lower()
    return "no later than" in text or "upper bound" in text or text.startswith("before")


def anchor_of(article: Article) -> Anchor | None:
    info = article.published
    if info.value is None:
        return None
    value = info.value.date() if isinstance(info.value, datetime) else info.value
    if info.method == "estimated":
        ref = value if _is_upper_bound(info.evidence) else value + LOWER_BOUND_SLACK
        return Anchor(ref, value, True)
    return Anchor(value, value, False)
