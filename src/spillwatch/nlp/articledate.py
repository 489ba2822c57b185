"""The article's own date as an event can take it: what the article reports as news happened then.

Input: an article and its ``Anchor`` (``anchor.py``). Output: a ``DateMention`` with
``source="reported"``, or None when the article has no date (an event is then never dated by
the day of the run). Declines nothing else.

An exact publication date gives the day itself. An estimated one is only a bound, so the date is
said as the range it allows, not as a day: a lower bound D ("no earlier than D", the latest date
the text prints) gives D .. D + 6 (``anchor.LOWER_BOUND_SLACK``: news names a weekday only for
the week around publication, so news of that text happened within it), an upper bound D gives
D - 6 .. D. The mention has no words of its own: its span is empty at the start of the text and
its text is the evidence the date came from.
"""

from __future__ import annotations

from datetime import date

from spillwatch.nlp.anchor import LOWER_BOUND_SLACK, Anchor
from spillwatch.records import Article, DateMention, Span


def article_date(article: Article, anchor: Anchor | None, today: date | None = None) -> DateMention | None:
    """The article's date as a ``reported`` event date (see the module docstring); never after ``today``."""
    if anchor is None:
        return None
    evidence = article.published.evidence or anchor.given.isoformat()
    if not anchor.estimated:
        start = end = anchor.given
    elif anchor.ref > anchor.given:  # lower bound
        start, end = anchor.given, anchor.ref
    else:
        start, end = anchor.given - LOWER_BOUND_SLACK, anchor.given
    if today is not None:
        if start > today:
            return None
        end = min(end, today)
    return DateMention(Span(0, 0), evidence, start, end, "day" if start == end else "range", "reported")
