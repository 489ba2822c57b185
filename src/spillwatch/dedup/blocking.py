"""Blocking keys: where a mention is stored and what it looks up, so that candidate pairs are found
without comparing everything with everything.

Input: a mention's ``score.Features``. Output: ``block_keys``/``probe_keys``, tuples of (country,
"type family|place key", day bucket) and of open keys on shared names (``open_keys``); a pair that
``score.pair_score`` or ``dedup.fitted`` can score shares at least one key. ``place_keys``: 1-degree
grid cells for located points, ADM1 otherwise, one key for country-level places. Declines nothing:
a mention with no country or date still gets its article's key and its open keys.
"""

from __future__ import annotations

import math

from spillwatch.dedup.pairs import MIN_TOLL
from spillwatch.dedup.score import BUCKET_DAYS, CELL_DEGREES, COARSE_SLACK, DATE_WINDOW_DAYS, Features, pairable


def _date_buckets(f: Features, window: int) -> range:
    assert f.start is not None and f.end is not None and f.slack is not None
    reach = window + f.slack  # two ranges widened this far overlap whenever the pair can score
    return range((f.start.toordinal() - reach) // BUCKET_DAYS, (f.end.toordinal() + reach) // BUCKET_DAYS + 1)


def _own_buckets(f: Features) -> range:
    """The buckets a mention's own dates fall in: open keys are indexed there only (fewer rows)."""
    assert f.start is not None and f.end is not None
    return range(f.start.toordinal() // BUCKET_DAYS, f.end.toordinal() // BUCKET_DAYS + 1)


def _reach_buckets(f: Features, window: int) -> range:
    """Every bucket a date that can pair with f's falls in (the other side's slack unknown: the widest)."""
    assert f.start is not None and f.end is not None and f.slack is not None
    reach = window + max(f.slack, *COARSE_SLACK.values())
    return range((f.start.toordinal() - reach) // BUCKET_DAYS, (f.end.toordinal() + reach) // BUCKET_DAYS + 1)


def _cell(f: Features) -> tuple[int, int]:
    assert f.lat is not None and f.lon is not None
    return math.floor(f.lat / CELL_DEGREES), math.floor(f.lon / CELL_DEGREES)


def place_keys(f: Features) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(index keys, probe keys) of a mention's place; a pair that can score shares one.

    Located points index their grid cell and probe the neighbouring cells (wide enough for the
    largest allowed distance); ADM1-level places index and probe their ADM1 ("o:"), and probe
    the points of that ADM1 ("p:"); country-level places share one key ("c"), and meet every
    sub-national place of their country (``score.place_score``): those index "s" and probe "c",
    country-level places probe "s" too (two sub-national places never meet through these).
    """
    if f.country_level:
        return ("c",), ("c", "s")
    if f.radius is None:
        return ((f"o:{f.adm1}", "s"), (f"o:{f.adm1}", f"p:{f.adm1}", "c")) if f.adm1 else (("s",), ("c",))
    lat_i, lon_i = _cell(f)
    assert f.lat is not None
    span = math.ceil(1.0 / math.cos(math.radians(min(abs(f.lat) + CELL_DEGREES, 80.0))))
    near = tuple(f"g:{lat_i + a}:{lon_i + b}" for a in (-1, 0, 1) for b in range(-span, span + 1))
    index = (f"g:{lat_i}:{lon_i}", "s") + ((f"p:{f.adm1}",) if f.adm1 else ())
    probe = near + ("c",) + ((f"o:{f.adm1}",) if f.adm1 else ())
    return index, probe


UNDATED = "~u"  # open keys of mentions with no date at all
ANY_DATE = "~a"  # open keys every mention is indexed under, for undated mentions to probe


def open_keys(f: Features, window: int, probe: bool) -> tuple[tuple[str, str, int], ...]:
    """Keys on a shared name (entity, specific actor, place), trigger word or killed count of one type family.

    Never on the type alone, and only for pairs where a side lacks the date or the country (two
    reports with both meet through their place keys): "~" keys hold dated mentions by date bucket
    (indexed in their own buckets, probed in every bucket a pairable date can fall in), "~a" keys
    every dated mention (probed by undated ones), "~u" keys undated mentions. A name is scoped by
    country: "C:name" (that country), "*:name" (any country: probed by reports without one),
    "-:name" (reports without a country). So a lookup spans the whole store only for a report that
    lacks what would narrow it.
    """
    fam = f.family
    tolls = {f"t:{n}" for n in f.tolls if n >= MIN_TOLL}  # ``pairs.same_toll``
    words = sorted(f.names | ({"w:" + f.lemma} if f.lemma else set()) | tolls)
    dated = f.start is not None and f.slack is not None
    c = f.country
    plan: list[tuple[str, str, bool]]  # (kind, scope, by date bucket)
    if dated and probe:
        plan = [("~", "-", True), ("~u", "-", False)]
        plan += [("~u", c, False)] if c else [("~", "*", True), ("~u", "*", False)]
    elif dated:
        plan = [("~", "*", True), ("~a", c, False), ("~a", "*", False)] if c else [("~", "-", True), ("~a", "-", False)]
    elif probe:
        scopes = [c, "-"] if c else ["*", "-"]
        plan = [(kind, scope, False) for kind in (ANY_DATE, UNDATED) for scope in scopes]
    else:
        plan = [(UNDATED, c, False), (UNDATED, "*", False)] if c else [(UNDATED, "-", False)]
    out: list[tuple[str, str, int]] = []
    for kind, scope, by_date in plan:
        for w in words:
            if by_date:
                buckets = _reach_buckets(f, window) if probe else _own_buckets(f)
                out.extend((kind, f"{fam}|{scope}:{w}", b) for b in buckets)
            else:
                out.append((kind, f"{fam}|{scope}:{w}", 0))
    return tuple(out)


def _keys(f: Features, window: int, probe: bool) -> tuple[tuple[str, str, int], ...]:
    own = ((f"article:{f.article}", f.family, 0),) if f.article else ()  # one article's reports always meet
    named = open_keys(f, window, probe)
    if not pairable(f) or f.country is None:
        return own + named
    places = place_keys(f)[1 if probe else 0]
    return own + named + tuple((f.country, f"{f.family}|{p}", b) for b in _date_buckets(f, window) for p in places)


def block_keys(f: Features, window: int = DATE_WINDOW_DAYS) -> tuple[tuple[str, str, int], ...]:
    """Index keys (country, "family|place key", day bucket) a mention is stored under."""
    return _keys(f, window, probe=False)


def probe_keys(f: Features, window: int = DATE_WINDOW_DAYS) -> tuple[tuple[str, str, int], ...]:
    """Keys to look up for a mention's candidates (each candidate is indexed under one)."""
    return _keys(f, window, probe=True)
