"""Average-link agglomeration of one component's reports, and what it leaves between its clusters.

Input: the members of one component (mention ids, sorted) and a ``Scores`` (pair score or None,
and whether a declined pair contradicts). Output: a ``Linkage``: the clusters (member ids sorted,
in order of their first member), the sum of pairwise scores inside each, and between every two
clusters the sum of their cross scores and whether a cross pair contradicts. The second pass
(``dedup/regroup.py``) reads what lies between the clusters; ``dedup/cluster.py`` and
``dedup/pairs.explain_event`` both call this, so an explanation re-runs the clustering's own steps.

Algorithm: merge the two clusters with the highest mean pairwise score (ties go to the smallest
indices) until no mean reaches the merge level; a pair declined with no contradiction counts
``score.UNKNOWN_PAIR``; two clusters holding a pair that contradicts are never merged. Each
cluster's best partner stands for its row of the mean matrix, so no n x n matrix of means is held.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from spillwatch.dedup.score import UNKNOWN_PAIR


class Scores(Protocol):
    """Pair scores of mention ids (``cluster._Scorer``, ``pairs.explain_event``'s own)."""

    def score(self, a: str, b: str) -> float | None: ...

    def contradicts(self, a: str, b: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class Linkage:
    """Average-link's clusters of one component and what lies between them (index order = ``clusters``)."""

    clusters: tuple[tuple[str, ...], ...]
    inner: tuple[float, ...]  # sum of the pairwise scores inside each cluster
    between: np.ndarray  # k x k sums of cross scores (unknown pairs counted ``UNKNOWN_PAIR``)
    cannot: np.ndarray  # k x k: a cross pair contradicts

    def cohesion(self, k: int) -> float:
        n = len(self.clusters[k])
        return self.inner[k] / (n * (n - 1) / 2) if n > 1 else 1.0


def average_link(members: Sequence[str], scores: Scores, threshold: float) -> Linkage:
    """Average-link clusters of one component (members sorted by id); see the module docstring."""
    n = len(members)
    sums = np.zeros((n, n))
    cannot = np.zeros((n, n), dtype=bool)  # a contradiction between two members keeps their clusters apart
    for i in range(n):
        for j in range(i + 1, n):
            found = scores.score(members[i], members[j])
            if found is None:
                cannot[i, j] = cannot[j, i] = scores.contradicts(members[i], members[j])
            sums[i, j] = sums[j, i] = found if found is not None else UNKNOWN_PAIR
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    inner = dict.fromkeys(range(n), 0.0)  # sum of pairwise scores inside each cluster
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)

    def means(k: int) -> np.ndarray:
        """Cluster k's mean score with every cluster (-1: itself, gone, or a contradiction)."""
        row = sums[k, :] / (sizes[k] * sizes)
        row[cannot[k, :] | ~active] = -1.0
        row[k] = -1.0
        return row

    # Each cluster's best partner (first of equal means) stands for its row of the mean matrix: the
    # first maximum of the best means is the first maximum of that matrix in row order.
    best = np.full(n, -1.0)
    partner = np.zeros(n, dtype=np.intp)
    for first in range(n):
        row = means(first)
        partner[first] = int(np.argmax(row))
        best[first] = row[partner[first]]
    while len(clusters) > 1:
        i = int(np.argmax(best))
        j = int(partner[i])
        if best[i] < threshold:
            break
        i, j = min(i, j), max(i, j)
        inner[i] += inner.pop(j) + sums[i, j]
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sizes[i] += sizes[j]
        clusters[i].extend(clusters.pop(j))
        cannot[i, :] |= cannot[j, :]
        cannot[:, i] = cannot[i, :]
        active[j] = False
        best[j] = -1.0
        merged = means(i)  # cluster i's new means, also every other cluster's mean with it
        partner[i] = int(np.argmax(merged))
        best[i] = merged[partner[i]]
        others = active.copy()
        others[i] = False
        lost = others & ((partner == i) | (partner == j))  # their best partner changed or is gone: read again
        gained = others & ~lost & ((merged > best) | ((merged == best) & (partner > i)))
        best[gained] = merged[gained]
        partner[gained] = i
        for stale in np.flatnonzero(lost).tolist():
            row = means(stale)
            partner[stale] = int(np.argmax(row))
            best[stale] = row[partner[stale]]
    order = sorted(clusters)
    keep = np.array(order, dtype=np.intp)
    return Linkage(
        clusters=tuple(tuple(sorted(members[k] for k in clusters[i])) for i in order),
        inner=tuple(inner[i] for i in order),
        between=sums[np.ix_(keep, keep)],
        cannot=cannot[np.ix_(keep, keep)],
    )
