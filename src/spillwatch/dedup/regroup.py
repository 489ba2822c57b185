"""Second pass of clustering: whole clusters of one component that tell one happening become one.

Input: average-link's ``linkage.Linkage`` of one component, the pair scores and each report's
trigger word (``score.Features.lemma``). Output: the final groups (each a tuple of indices into
``Linkage.clusters``), and for each join made here a ``Bridge`` naming why.

Average-link merges two clusters only while their mean pairwise score reaches the merge level;
two clusters that each gathered several reports of one happening from different stories, in
which some pairs are unknown (a side without a date or a country) or weak, may never reach it
though a pair of them scores high. This pass joins two clusters when (``RegroupRule``):
- a pair across them that uses the same word for the act ("shot" / "the shooting": one stem)
  scores at the merge level (``score.THRESHOLD``): the two clusters report the same act,
- no pair across them contradicts (two countries, own dates apart, specific actors with none
  shared, places apart: ``score.contradicts``), and
- their mean cross score (an unknown pair counted ``score.UNKNOWN_PAIR``) is at least
  ``RegroupRule.min_mean``.
Joins are made greedily, the highest mean first (ties: the clusters first in id order), and the
joined cluster is compared again (its contradictions and links are those of its parts). The
result is a function of the component's mention set, as average-link's is: order- and
batch-stable, and every group stays inside one component, so ``cluster.assign`` stays exact.

Chosen on ECB+ topics 1-22 by ``eval/ecb_regroup.py --choose`` (cross-document CoNLL F1 78.2 alone,
79.6 with this rule at ``min_mean`` 0.6; chosen again after issue 25 round 7's open-pair gate and
refit: 73.2 alone, 78.3 at 0.5, 77.0 at 0.6, no subtopic join at any; ``--fields``: any pair at
the merge level instead of one with the same word, 74.2-78.2): joining on the combined evidence of
more fields (place, date, actors, names) joins the several acts one story tells (the shooting and
the arrest: of the cluster pairs a strong pair links with nothing contradicting, the more fields
agree, the fewer are one event); the shared word is what separates them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from spillwatch.dedup.linkage import Linkage, Scores


@dataclass(frozen=True, slots=True)
class RegroupRule:
    """When two average-link clusters of one component are joined (module docstring)."""

    min_mean: float = 0.5  # mean cross score; chosen on ECB+ topics 1-22 (eval/ecb_regroup.py)
    same_word: bool = True  # the linking pair must use the same word for the act (False: any pair at the level)


REGROUP = RegroupRule()


@dataclass(frozen=True, slots=True)
class Bridge:
    """One join of the second pass: the two reports that link the groups, their shared word and pair score,
    the groups' mean cross score (unknown pairs counted ``UNKNOWN_PAIR``) and their sizes. Nothing across
    the two groups contradicts (else they would not be joined)."""

    pair: tuple[str, str]  # the linking reports, one of each group (mention ids)
    word: str
    score: float
    mean: float
    sizes: tuple[int, int]  # reports in each group


def _links(link: Linkage, scores: Scores, word: Callable[[str], str], threshold: float, same_word: bool
           ) -> dict[tuple[int, int], tuple[float, str, str, str]]:
    """For every two clusters, their strongest linking pair at the merge level: (score, a, b, word)."""
    where = {m: k for k, members in enumerate(link.clusters) for m in members}
    by_word: dict[str, list[str]] = defaultdict(list)
    for m in sorted(where):
        by_word[word(m) if same_word else ""].append(m)
    out: dict[tuple[int, int], tuple[float, str, str, str]] = {}
    for w, ids in sorted(by_word.items()):
        if same_word and not w:
            continue
        for n, a in enumerate(ids):
            for b in ids[n + 1 :]:
                x, y = where[a], where[b]
                if x == y or link.cannot[x, y]:
                    continue
                found = scores.score(a, b)
                key = (min(x, y), max(x, y))
                if found is not None and found >= threshold and (key not in out or found > out[key][0]):
                    out[key] = (found, a, b, word(a))
    return out


def regroup(
    link: Linkage, scores: Scores, word: Callable[[str], str], threshold: float, rule: RegroupRule = REGROUP
) -> tuple[list[list[int]], list[Bridge]]:
    """The groups of ``link.clusters`` (indices) after the second pass, and the joins it made."""
    k = len(link.clusters)
    groups: dict[int, list[int]] = {i: [i] for i in range(k)}
    if k < 2:
        return list(groups.values()), []
    links = _links(link, scores, word, threshold, rule.same_word)
    if not links:
        return list(groups.values()), []
    sums = link.between.copy()
    cannot = link.cannot.copy()
    sizes = np.array([len(c) for c in link.clusters], dtype=float)
    joins: list[Bridge] = []
    while True:
        best: tuple[float, int, int] | None = None
        for (x, y), _ in sorted(links.items()):
            if cannot[x, y]:
                continue
            mean = sums[x, y] / (sizes[x] * sizes[y])
            if mean >= rule.min_mean and (best is None or mean > best[0]):
                best = (mean, x, y)
        if best is None:
            break
        mean, x, y = best
        score, a, b, w = links[x, y]
        joins.append(Bridge((a, b), w, round(score, 6), round(float(mean), 6), (int(sizes[x]), int(sizes[y]))))
        groups[x].extend(groups.pop(y))
        sums[x, :] += sums[y, :]
        sums[:, x] += sums[:, y]
        cannot[x, :] |= cannot[y, :]
        cannot[:, x] = cannot[x, :]
        sizes[x] += sizes[y]
        links = _rekey(links, x, y)
    return [sorted(g) for _, g in sorted(groups.items())], joins


def _rekey(links: dict[tuple[int, int], tuple[float, str, str, str]], x: int, y: int
           ) -> dict[tuple[int, int], tuple[float, str, str, str]]:
    """The links after group y joined group x (x < y): y's links are x's; the strongest pair kept."""
    out: dict[tuple[int, int], tuple[float, str, str, str]] = {}
    for (p, q), found in links.items():
        p, q = (x if p == y else p), (x if q == y else q)
        if p == q:
            continue
        key = (min(p, q), max(p, q))
        if key not in out or (found[0], out[key][1:]) > (out[key][0], found[1:]):
            out[key] = found
    return out
