"""The article's context country: whose government an unqualified title or "$" most likely means.

Input: an article and its actor mentions so far. Output: an ISO3 code or None. Declines
(returns None) when no state actor is mentioned and the outlet has no country-code domain.

Heuristic (documented, deliberately simple): count mentions of state actors (sector GOV, MIL or
COP with an ISO3 country) made by name, demonym or country name, excluding people bound by
title; the country of the outlet's or URL's country-code top-level domain (".ca" -> CAN,
".co.uk" -> GBR) counts as one more mention. The most frequent country wins; ties go to the
outlet's country, then to the country mentioned first. Places
("in Iraq") are not state-actor mentions, so a story about Canada's aid to Iraq is Canadian.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import pycountry

from spillwatch.records import ActorMention, Article

STATE_SECTORS = frozenset({"GOV", "MIL", "COP"})
_GENERIC_TLDS = frozenset({"com", "org", "net", "info", "news", "io", "co", "tv", "int", "edu", "gov"})
_TLD_EXCEPTIONS = {"uk": "GBR"}


def tld_country(article: Article) -> str | None:
    """ISO3 of the outlet's country-code domain ("globalnews.ca" -> CAN), else None."""
    for value in (article.url, article.outlet):
        if not value:
            continue
        host = re.sub(r"^[a-z]+://", "", value.lower()).split("/")[0].split(":")[0]
        tld = host.rsplit(".", 1)[-1] if "." in host else ""
        if not tld or tld in _GENERIC_TLDS:
            continue
        if tld in _TLD_EXCEPTIONS:
            return _TLD_EXCEPTIONS[tld]
        found = pycountry.countries.get(alpha_2=tld.upper())
        if found is not None:
            return str(found.alpha_3)
    return None


def context_country(article: Article, mentions: Iterable[ActorMention]) -> str | None:
    """Most frequent state-actor country, ties to the outlet's ccTLD country, then first seen."""
    return context_strength(article, mentions)[0]


def context_strength(article: Article, mentions: Iterable[ActorMention]) -> tuple[str | None, int]:
    """The context country and its score (mentions, plus one for the outlet's country)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: m.span.start):
        code = m.actor.country
        if m.person or m.actor.sector not in STATE_SECTORS or not code or len(code) != 3:
            continue
        if code in {"IGO", "UNO", "EUR", "NGO", "IMG", "MNC"}:
            continue
        counts[code] += 1
        first.setdefault(code, m.span.start)
    outlet = tld_country(article)
    if outlet is not None:
        counts[outlet] += 1
        first.setdefault(outlet, 1 << 30)
    if not counts:
        return None, 0
    best = max(counts.values())
    tied = [c for c, n in counts.items() if n == best]
    if outlet in tied:
        return outlet, best
    return min(tied, key=lambda c: first[c]), best
