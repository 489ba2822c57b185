"""Event clustering: mentions from many articles -> one ``records.Event`` per real-world event.

Input: ``records.EventMention`` values (with place, date, type, modes, actors, quantities).
Output: ``Event`` records with every member mention, article and outlet attached and a
confidence (``merge.build_event``); ``assign`` also returns the ids of stored events that a
late batch replaced.
Declines: mentions ``score.pairable`` rejects (no date, a year-precision date, no country)
become single-mention events and are never merged.

Algorithm (a pure function of the mention *set*, so arrival order and batching cannot change
it): candidate pairs come from shared block keys (country, type family, 4-day bucket);
``score.pair_score`` scores them; mentions joined by a pair scoring >= ``THRESHOLD`` form a
component; inside each component, average-link agglomeration over the members sorted by id
merges the two clusters with the highest mean pairwise score (blocked or unscored pairs count
0; ties go to the smallest indices) until no mean reaches ``THRESHOLD``. Every final cluster
lies inside one component, so ``assign`` only needs the components the new mentions touch:
it walks threshold edges from the new mentions through ``lookup`` (known mentions per block
key) and re-clusters exactly that closure, which gives what clustering everything at once
gives. Event ids hash the smallest member mention id; when a late mention with a smaller id
joins, the event gets a new id and the old one is listed in ``Assignment.retired``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from spillwatch.dedup.merge import OutletLookup, build_event
from spillwatch.dedup.score import (
    DATE_WINDOW_DAYS,
    THRESHOLD,
    Features,
    block_keys,
    features,
    pair_score,
)
from spillwatch.records import Event, EventMention

BlockKey = tuple[str, str, int]
Lookup = Callable[[BlockKey], Iterable[EventMention]]
Published = Callable[[str], date | None]  # article id -> publication day


@dataclass(frozen=True, slots=True)
class Assignment:
    """Result of ``assign``: the events to upsert and the stored event ids they replace."""

    events: tuple[Event, ...]
    retired: tuple[str, ...]
    mention_ids: tuple[str, ...]  # every mention whose event was recomputed

    @property
    def replaced_ids(self) -> tuple[str, ...]:
        """Alias of ``retired`` (the store's ``put_events(..., replace_ids=...)``)."""
        return self.retired


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    threshold: float = THRESHOLD
    window: int = DATE_WINDOW_DAYS


class _Scorer:
    """Feature and pair-score cache shared by the component walk and the agglomeration."""

    def __init__(self, config: ClusterConfig, published: Published | None = None) -> None:
        self.config = config
        self.published = published
        self._features: dict[str, Features] = {}
        self._scores: dict[tuple[str, str], float | None] = {}

    def feat(self, m: EventMention) -> Features:
        f = self._features.get(m.id)
        if f is None:
            day = self.published(m.article_id) if self.published else None
            f = self._features[m.id] = features(m, day)
        return f

    def keys(self, m: EventMention) -> tuple[BlockKey, ...]:
        return block_keys(self.feat(m), self.config.window)

    def score(self, a: EventMention, b: EventMention) -> float | None:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in self._scores:
            self._scores[key] = pair_score(self.feat(a), self.feat(b), self.config.window)
        return self._scores[key]

    def linked(self, a: EventMention, b: EventMention) -> bool:
        s = self.score(a, b)
        return s is not None and s >= self.config.threshold


def _unique(mentions: Iterable[EventMention]) -> dict[str, EventMention]:
    out: dict[str, EventMention] = {}
    for m in mentions:
        out.setdefault(m.id, m)
    return out


def _components(mentions: dict[str, EventMention], scorer: _Scorer) -> list[list[EventMention]]:
    """Connected components of the threshold graph (union-find over blocked candidate pairs)."""
    parent = {mid: mid for mid in mentions}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    buckets: dict[BlockKey, list[EventMention]] = defaultdict(list)
    for mid in sorted(mentions):
        for key in scorer.keys(mentions[mid]):
            buckets[key].append(mentions[mid])
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if root(a.id) != root(b.id) and scorer.linked(a, b):
                    parent[max(root(a.id), root(b.id))] = min(root(a.id), root(b.id))
    groups: dict[str, list[EventMention]] = defaultdict(list)
    for mid in sorted(mentions):
        groups[root(mid)].append(mentions[mid])
    return [groups[k] for k in sorted(groups)]


def _average_link(members: Sequence[EventMention], scorer: _Scorer) -> list[tuple[list[int], float]]:
    """Average-link clusters of one component: (member indices, mean pairwise score)."""
    n = len(members)
    if n == 1:
        return [([0], 1.0)]
    sums = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            s = scorer.score(members[i], members[j])
            sums[i, j] = sums[j, i] = s or 0.0
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    inner = dict.fromkeys(range(n), 0.0)  # sum of pairwise scores inside each cluster
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    while len(clusters) > 1:
        mean = sums / np.outer(sizes, sizes)
        mean[~active, :] = -1.0
        mean[:, ~active] = -1.0
        np.fill_diagonal(mean, -1.0)
        flat = int(np.argmax(mean))
        i, j = divmod(flat, n)
        if mean[i, j] < scorer.config.threshold:
            break
        i, j = min(i, j), max(i, j)
        inner[i] += inner.pop(j) + sums[i, j]
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sizes[i] += sizes[j]
        active[j] = False
        clusters[i].extend(clusters.pop(j))
    out = []
    for i, idx in sorted(clusters.items()):
        pairs = len(idx) * (len(idx) - 1) / 2
        out.append((sorted(idx), inner[i] / pairs if pairs else 1.0))
    return out


def _cluster_sets(mentions: dict[str, EventMention], scorer: _Scorer) -> list[tuple[list[EventMention], float]]:
    out = []
    for component in _components(mentions, scorer):
        for idx, cohesion in _average_link(component, scorer):
            out.append(([component[i] for i in idx], cohesion))
    return out


def cluster(
    mentions: Iterable[EventMention],
    *,
    outlets: OutletLookup | None = None,
    published: Published | None = None,
    config: ClusterConfig | None = None,
) -> tuple[Event, ...]:
    """Cluster all mentions at once; events sorted by id (``published`` dates undated mentions)."""
    scorer = _Scorer(config or ClusterConfig(), published)
    found = _cluster_sets(_unique(mentions), scorer)
    events = [build_event(members, cohesion, outlets) for members, cohesion in found]
    return tuple(sorted(events, key=lambda e: e.id))


def _closure(new: dict[str, EventMention], lookup: Lookup, scorer: _Scorer) -> dict[str, EventMention]:
    """New mentions plus every known mention reachable from them by threshold edges."""
    reached = dict(new)
    cache: dict[BlockKey, list[EventMention]] = {}
    queue = sorted(new)
    while queue:
        current = reached[queue.pop()]
        for key in scorer.keys(current):
            if key not in cache:
                cache[key] = sorted(_unique([*lookup(key), *(m for m in new.values())]).values(), key=lambda m: m.id)
            for other in cache[key]:
                if other.id not in reached and scorer.linked(current, other):
                    reached[other.id] = other
                    queue.append(other.id)
    return reached


def assign(
    existing_events: Iterable[Event],
    new_mentions: Iterable[EventMention],
    lookup: Lookup,
    *,
    outlets: OutletLookup | None = None,
    published: Published | None = None,
    config: ClusterConfig | None = None,
) -> Assignment:
    """Fold late mentions into stored events; equal to clustering everything at once.

    ``lookup(key)`` returns the stored mentions indexed under a block key (``mention_keys``);
    ``existing_events`` are stored events (only those sharing a mention with the recomputed
    closure matter); ``published`` must be the same function ``mention_keys`` was given.
    Upsert ``events``, delete ``retired``.
    """
    scorer = _Scorer(config or ClusterConfig(), published)
    new = _unique(new_mentions)
    reached = _closure(new, lookup, scorer)
    found = _cluster_sets(reached, scorer)
    events = tuple(sorted((build_event(ms, c, outlets) for ms, c in found), key=lambda e: e.id))
    fresh = {e.id for e in events}
    retired = sorted(
        {e.id for e in existing_events if e.id not in fresh and not reached.keys().isdisjoint(e.mention_ids)}
    )
    return Assignment(events, tuple(retired), tuple(sorted(reached)))


def mention_keys(
    mention: EventMention, published: date | None = None, config: ClusterConfig | None = None
) -> tuple[BlockKey, ...]:
    """Block keys to store with a mention so ``lookup`` can find it later.

    ``published``: the article's publication day, when ``cluster``/``assign`` get ``published``.
    """
    return block_keys(features(mention, published), (config or ClusterConfig()).window)
