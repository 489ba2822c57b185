"""Scores for a clustering against a gold clustering: pairwise and B-cubed precision/recall/F1.

Input: predicted and gold clusterings, each an iterable of clusters (iterables of item ids,
e.g. mention ids or report file names). Clusters may overlap (a report that reports two
events belongs to two gold clusters); B-cubed then uses the extended form of Amigó et al.
(2009), which equals the classic form when nothing overlaps.
Output: ``Scores`` (precision, recall, F1) for ``pairwise`` and ``bcubed``.
Declines: nothing; the item universe is the union of both sides, and an item missing from
one side counts there as a cluster of its own.

Pairwise: a pair of items is positive when they share at least one cluster; precision is the
share of predicted positive pairs that are gold positive, recall the share of gold positive
pairs predicted. With no predicted (or gold) pairs, the corresponding figure is 1.0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

Clusters = Iterable[Iterable[str]]


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"


def memberships(clusters: Clusters, universe: Iterable[str] = ()) -> dict[str, frozenset[int]]:
    """Item -> the cluster numbers it belongs to; items of ``universe`` in none get their own."""
    found: dict[str, set[int]] = defaultdict(set)
    count = 0
    for count, cluster in enumerate(clusters):
        for item in cluster:
            found[item].add(count)
    out = {item: frozenset(ids) for item, ids in found.items()}
    for item in sorted(set(universe) - out.keys()):
        count += 1
        out[item] = frozenset({-count})
    return out


def _aligned(pred: Clusters, gold: Clusters) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    pred_list = [list(c) for c in pred]
    gold_list = [list(c) for c in gold]
    universe = {i for c in pred_list for i in c} | {i for c in gold_list for i in c}
    return memberships(pred_list, universe), memberships(gold_list, universe)


def _pairs(member: dict[str, frozenset[int]]) -> set[tuple[str, str]]:
    by_cluster: dict[int, list[str]] = defaultdict(list)
    for item, ids in member.items():
        for cid in ids:
            by_cluster[cid].append(item)
    out: set[tuple[str, str]] = set()
    for items in by_cluster.values():
        out.update(combinations(sorted(items), 2))
    return out


def pairwise(pred: Clusters, gold: Clusters) -> Scores:
    """Pairwise precision and recall over item pairs that share a cluster."""
    p_member, g_member = _aligned(pred, gold)
    p_pairs, g_pairs = _pairs(p_member), _pairs(g_member)
    hits = len(p_pairs & g_pairs)
    return Scores(hits / len(p_pairs) if p_pairs else 1.0, hits / len(g_pairs) if g_pairs else 1.0)


def _side(a: dict[str, frozenset[int]], b: dict[str, frozenset[int]]) -> float:
    """Mean over items e of the mean over e' sharing an a-cluster of min(|a∩|,|b∩|)/|a∩|."""
    by_cluster: dict[int, set[str]] = defaultdict(set)
    for item, ids in a.items():
        for cid in ids:
            by_cluster[cid].add(item)
    total = 0.0
    for item, ids in a.items():
        partners = set().union(*(by_cluster[c] for c in ids))
        score = sum(min(len(ids & a[o]), len(b[item] & b[o])) / len(ids & a[o]) for o in partners)
        total += score / len(partners)
    return total / len(a) if a else 1.0


def bcubed(pred: Clusters, gold: Clusters) -> Scores:
    """(Extended) B-cubed precision and recall."""
    p_member, g_member = _aligned(pred, gold)
    return Scores(_side(p_member, g_member), _side(g_member, p_member))
