"""Average-link without a matrix of means (issue 28: memory) merges exactly as the matrix version does.

``cluster._average_link`` keeps each cluster's best partner instead of an n x n matrix of mean
scores. The reference below is the matrix version it replaced (argmax over the whole matrix, first
maximum in row order); both must give the same clusters and cohesion on components full of ties,
contradictions and unknown pairs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import pytest

from spillwatch.dedup import cluster
from spillwatch.dedup.score import UNKNOWN_PAIR


class _Scores:
    """A scorer over members "000".."n": seeded scores drawn from few values (many ties), some unknown."""

    def __init__(self, n: int, rng: random.Random) -> None:
        self.config = cluster.ClusterConfig()
        self.found: dict[tuple[int, int], float | None] = {}
        self.contra: dict[tuple[int, int], bool] = {}
        for i in range(n):
            for j in range(i + 1, n):
                if rng.random() < 0.15:
                    self.found[i, j] = None
                    self.contra[i, j] = rng.random() < 0.5
                else:
                    self.found[i, j] = rng.choice([0.5, 0.6, 0.78, 0.8, 0.85, 0.9, 1.0, round(rng.random(), 2)])

    @staticmethod
    def _key(a: str, b: str) -> tuple[int, int]:
        x, y = int(a), int(b)
        return (x, y) if x < y else (y, x)

    def score(self, a: str, b: str) -> float | None:
        return self.found[self._key(a, b)]

    def contradicts(self, a: str, b: str) -> bool:
        return self.contra.get(self._key(a, b), False)


def _matrix_average_link(members: Sequence[str], scorer: _Scores) -> list[tuple[list[str], float]]:
    n = len(members)
    sums = np.zeros((n, n))
    cannot = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            found = scorer.score(members[i], members[j])
            if found is None:
                cannot[i, j] = cannot[j, i] = scorer.contradicts(members[i], members[j])
            sums[i, j] = sums[j, i] = found if found is not None else UNKNOWN_PAIR
    clusters = {i: [i] for i in range(n)}
    inner = dict.fromkeys(range(n), 0.0)
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    mean = sums.copy()
    mean[cannot] = -1.0
    np.fill_diagonal(mean, -1.0)
    while len(clusters) > 1:
        i, j = divmod(int(np.argmax(mean)), n)
        if mean[i, j] < scorer.config.threshold:
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
        mean[i, :] = sums[i, :] / (sizes[i] * sizes)
        mean[i, cannot[i, :] | ~active] = -1.0
        mean[:, i] = mean[i, :]
        mean[j, :] = mean[:, j] = -1.0
        mean[i, i] = -1.0
    out = []
    for i, idx in sorted(clusters.items()):
        pairs = len(idx) * (len(idx) - 1) / 2
        out.append((sorted(members[k] for k in idx), inner[i] / pairs if pairs else 1.0))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_best_partners_merge_as_the_matrix_of_means_does(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(150):
        n = rng.randint(2, 40)
        scorer = _Scores(n, rng)
        members = [f"{i:03d}" for i in range(n)]
        assert cluster._average_link(members, scorer) == _matrix_average_link(members, scorer)  # type: ignore[arg-type]
