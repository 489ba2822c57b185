"""The event-place scorer's fitting: named cues get weights that decide between options whose
counted features are equal, and the fitted file round-trips through ``attach.Fitted``."""

from __future__ import annotations

import json
from pathlib import Path

from spillwatch.geo.attach import FEATURES, Fitted
from spillwatch.geo.train_attach import Group, fit, simplest_within, token_f1

BASE = tuple(0.0 for _ in FEATURES)


def _groups(n: int) -> list[Group]:
    """Events with two options alike in every count; the right one has the cue "prep:in", the
    wrong one "prep:from"."""
    out: list[Group] = []
    for k in range(n):
        right, wrong = frozenset({2 * k}), frozenset({2 * k + 1})
        first, second = ((BASE, ("prep:in",), right), (BASE, ("prep:from",), wrong))
        out.append((right, (first, second) if k % 2 else (second, first)))
    return out


def test_cues_decide_between_equal_options(tmp_path: Path) -> None:
    out = tmp_path / "attach.json"
    groups = _groups(40)
    line = fit(groups, "synthetic", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["cues"]["prep:in"] > data["cues"]["prep:from"]
    fitted = Fitted(tuple(data["weights"]), data["bias"], data["threshold"], data["cues"])
    assert token_f1(groups, fitted) == 1.0
    assert "wrote" in line and data["features"] == list(FEATURES)


def test_rare_cues_get_no_weight(tmp_path: Path) -> None:
    out = tmp_path / "attach.json"
    groups = _groups(40)
    gold, (a, b) = groups[0]
    groups[0] = (gold, ((a[0], (*a[1], "next:once"), a[2]), b))
    fit(groups, "synthetic", out)
    assert "next:once" not in json.loads(out.read_text(encoding="utf-8"))["cues"]


def test_the_strongest_prior_within_noise_is_chosen() -> None:
    """Held-out F1s within NOISE of the best are a tie, which the smallest C (the strongest
    regularisation) takes; a clear winner is taken whatever its C."""
    assert simplest_within([(0.1, 0.660), (0.3, 0.669), (1.0, 0.669), (3.0, 0.672)]) == (0.3, 0.669)
    assert simplest_within([(0.1, 0.600), (0.3, 0.650), (3.0, 0.680)]) == (3.0, 0.680)
