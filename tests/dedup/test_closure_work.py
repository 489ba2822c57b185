"""What the closure of ``cluster.assign`` computes once per mention, however often it meets it."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from dedup_toys import mention

from spillwatch.dedup import cluster
from spillwatch.dedup.score import Features
from spillwatch.records import EventMention


def test_each_mention_probe_keys_are_worked_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The closure read a frontier mention's probe keys twice (the keys to fetch, then the walk) and hashed
    # a stored mention's id again under every key it was found under; on a grown store these were a tenth
    # of a batch's CPU. The result must stay that of clustering everything at once.
    stored = [mention(f"s{k}", "Mosul", k % 2, trigger=k) for k in range(6)]
    new = [mention("n1", "Mosul", 0), mention("n2", "Mosul", 1, trigger=7)]
    index: dict[tuple[str, str, int], list[EventMention]] = defaultdict(list)
    for m in stored:
        for key in cluster.mention_keys(m):
            index[key].append(m)
    probed: Counter[str] = Counter()
    original = cluster.probe_keys

    def counted(f: Features, window: int = 3) -> tuple[tuple[str, str, int], ...]:
        probed[f.id] += 1
        return original(f, window)

    monkeypatch.setattr(cluster, "probe_keys", counted)
    result = cluster.assign([], new, lambda key: index.get(key, []))
    assert probed and max(probed.values()) == 1
    everything = cluster.cluster([*stored, *new])
    assert sorted(e.mention_ids for e in result.events) == sorted(e.mention_ids for e in everything)
