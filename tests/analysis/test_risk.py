"""The spillover model: no look-ahead, onsets as defined, rolling backtest against three baselines."""

from __future__ import annotations

import numpy as np

from spillwatch.analysis import risk as rk

UNITS = tuple(f"U{i:02d}" for i in range(30))


def _panel(seed: int = 1, months: int = 60) -> rk.Panel:
    """A ring of 30 units where violence spreads to neighbours and dies out (invented numbers)."""
    rng = np.random.default_rng(seed)
    counts = np.zeros((len(UNITS), months))
    counts[0, 0] = 3
    for t in range(1, months):
        prev = counts[:, t - 1] > 0
        pressure = prev | np.roll(prev, 1) | np.roll(prev, -1)
        counts[:, t] = np.where(pressure & (rng.random(len(UNITS)) < 0.45), rng.poisson(3, len(UNITS)) + 1, 0)
        counts[rng.integers(len(UNITS)), t] += rng.random() < 0.3  # sporadic events far away
    nbs = {u: frozenset({UNITS[(i - 1) % 30], UNITS[(i + 1) % 30]}) for i, u in enumerate(UNITS)}
    centres = {u: (30.0 + i * 0.5, 40.0) for i, u in enumerate(UNITS)}
    return rk.Panel(UNITS, 2016 * 12, counts, np.ones_like(counts, dtype=bool), nbs, centres)


def test_changing_later_months_changes_nothing() -> None:
    panel = _panel()
    geo = rk.geometry(panel)
    target = 40
    later = panel.counts.copy()
    later[:, target:] = np.random.default_rng(9).poisson(5, later[:, target:].shape)
    covered = panel.covered.copy()
    covered[::2, target:] = False
    changed = rk.Panel(panel.units, panel.first, later, covered, panel.neighbours, panel.centroids)
    for kind in ("any", "onset"):
        a, ia, xa, _ = rk.predict_month(panel, geo, target, kind)
        b, ib, xb, _ = rk.predict_month(changed, rk.geometry(changed), target, kind)
        assert a and list(ia) == list(ib) and np.array_equal(xa, xb)
        for model in rk.MODELS:
            assert np.array_equal(a[model], b[model]), (kind, model)
    moved = panel.counts.copy()
    moved[:, target - 1] += 4  # the month before does count
    other = rk.Panel(panel.units, panel.first, moved, panel.covered, panel.neighbours, panel.centroids)
    assert not np.array_equal(rk.predict_month(other, geo, target, "any")[0]["model"],
                              rk.predict_month(panel, geo, target, "any")[0]["model"])


def test_onset_needs_six_quiet_covered_months() -> None:
    counts = np.zeros((3, 12))
    counts[0, 8] = counts[1, 3] = counts[1, 8] = counts[2, 8] = 1
    covered = np.ones_like(counts, dtype=bool)
    covered[2, 4] = False  # unit 2's quiet spell has a month nobody watched
    panel = rk.Panel(("A", "B", "C"), 0, counts, covered, {}, {})
    assert list(rk._onset_set(panel, 7)) == [True, False, False]  # B had an event in month 3, C a gap


def test_backtest_scores_model_and_three_baselines_in_one_run() -> None:
    result = rk.backtest(_panel(), rk.month_of(2016 * 12 + 30))
    scores = {(r["target"], r["model"]): r for r in result["scores"]}
    assert set(scores) == {(t, m) for t in ("any", "onset") for m in (*rk.MODELS, "own base rate")}
    anyev = scores[("any", "model")]
    assert anyev["positives"] >= rk.MIN_POSITIVES and anyev["negatives"] > 0
    for m in (*rk.MODELS, "own base rate"):  # the number shown when the model is not fit is scored too
        row = scores[("any", m)]
        assert 0 <= row["average_precision"] <= 1 and 0 <= row["auc"] <= 1 and 0 <= row["brier"] <= 1
        assert (row["positives"], row["negatives"]) == (anyev["positives"], anyev["negatives"])
    assert scores[("any", "model")]["auc"] > 0.6  # spreading to neighbours is learnable


def test_too_few_onsets_say_so() -> None:
    counts = np.zeros((4, 30))
    counts[:, :] = 1
    counts[3, 20] = 0
    panel = rk.Panel(("A", "B", "C", "D"), 2016 * 12, counts, np.ones_like(counts, dtype=bool), {}, {})
    onset = [r for r in rk.backtest(panel, rk.month_of(2016 * 12 + 10))["scores"] if r["target"] == "onset"]
    assert all(r["average_precision"] is None and r["note"].startswith("too few positives") for r in onset)


def test_forecast_names_drivers_in_words() -> None:
    rows = rk.forecast(_panel(), 0.0, lambda u: f"unit {u}")
    assert rows and all(0 <= r["risk"] <= 1 for r in rows)
    text = " ".join(r["drivers"] for r in rows)
    assert "in neighbouring unit U" in text and "km away" in text and "last month" in text


def test_an_unfit_model_shows_the_base_rate_named_as_such() -> None:
    """Too few unit-months without an event to learn from (each side needs MIN_POSITIVES): no row may carry the
    model's number as a forecast; each says it is not fit and shows its own base rate (as ``gaps`` falls back to)."""
    counts = np.ones((3, 8))
    counts[1, [2, 5]] = 0  # B: an event in 6 of its 8 covered months
    covered = np.ones_like(counts, dtype=bool)
    covered[2, :4] = False  # C covered in its last 4 months only, an event in each
    nbs = {"A": frozenset({"B"}), "B": frozenset({"A", "C"}), "C": frozenset({"B"})}
    panel = rk.Panel(("A", "B", "C"), 2016 * 12, counts, covered, nbs, {})
    rows = {r["unit"]: r for r in rk.forecast(panel)}
    assert set(rows) == {"A", "B", "C"}
    for r in rows.values():
        assert r["fitted"] is False and r["fit_note"] and r["basis"].startswith("base rate, not a forecast")
        assert r["onset_risk"] is None
    assert rows["A"]["risk"] == round(9 / 10, 4) and "an event in 8 of the last 8 covered months" in rows["A"]["basis"]
    assert rows["B"]["risk"] == round(7 / 10, 4) and "an event in 6 of the last 8 covered months" in rows["B"]["basis"]
    assert rows["C"]["risk"] == round(5 / 6, 4) and "of the last 4 covered months" in rows["C"]["basis"]


def test_a_fit_model_says_its_number_is_a_forecast() -> None:
    rows = rk.forecast(_panel())
    assert rows and all(r["fitted"] and r["fit_note"] is None and r["basis"].startswith("forecast:") for r in rows)
