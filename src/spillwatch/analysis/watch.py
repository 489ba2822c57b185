"""The as-of month and the watchlist. Input: the coverage (``analysis.coverage.Coverage``), the countries where
the actor was active, a neighbour graph, the support ledger's recipients and the countries a user asked about.
Output: ``AsOf`` (the month an analysis is judged at, and why that month) and ``Watched`` rows (each country in
view and why). Declines: an as-of month no origin covers yet or any longer (one-line ``ConfigError``).

As of: every analysis uses only what was known at the end of its as-of month; the default is the last month
some origin covers (a news month some article reports in, an imported file's last month), said in the title.

Watchlist: the countries a user asks about, else the actor's countries of activity in the ``ACTIVE_MONTHS``
months up to the as-of month, their neighbours, and every country with a recorded support commitment. Every
one is a row of ``risk`` (country level), ``gaps``, the report and the dashboard: where no origin watches it
in the as-of month it gets no rate at all in risk and gaps, only "not covered since MONTH" (or "never covered").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from spillwatch.analysis.coverage import Coverage
from spillwatch.errors import ConfigError

ACTIVE_MONTHS = 12


def month_start(m: int) -> date:
    return date(m // 12, m % 12 + 1, 1)


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


@dataclass(frozen=True, slots=True)
class AsOf:
    """The month an analysis is judged at (what was known at its end) and why it is that month."""

    month: date  # its first day
    reason: str  # "asked" or "the last month some origin covers" (or "nothing is covered")

    @property
    def index(self) -> int:
        return month_index(self.month)

    @property
    def end(self) -> date:
        return month_start(self.index + 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        """'as of 2016-12 (asked)' for a title."""
        return f"as of {self.month:%Y-%m} ({self.reason})"


def as_of(cover: Coverage, asked: date | None) -> AsOf:
    """The as-of month: ``asked`` (checked against what the origins cover), else the last covered month."""
    last, first = cover.last_month(), cover.first_month()
    if asked is None:
        if last is None:
            today = date.today()
            return AsOf(date(today.year, today.month, 1), "nothing is covered")
        return AsOf(month_start(last), "the last month some origin covers")
    m = month_index(asked)
    if last is not None and m > last:
        raise ConfigError(f"as of {asked:%Y-%m}: no origin covers any month after {month_start(last):%Y-%m}; "
                          f"ask for {month_start(last):%Y-%m} or earlier")
    if first is not None and m < first:
        raise ConfigError(f"as of {asked:%Y-%m}: no origin covers any month before {month_start(first):%Y-%m}")
    if not 1 <= asked.year <= 9998:
        raise ConfigError(f"as of {asked:%Y-%m}: give a month between 0001-01 and 9998-12")
    return AsOf(month_start(m), "asked")


@dataclass(frozen=True, slots=True)
class RiskRow:
    """Next month's risk in one unit (``analysis.risk.forecast``'s row), or a watched country with no rate."""

    unit: str  # 'SYR' or 'SYR:SY-HL'
    country_iso3: str
    country_name: str | None
    adm1_code: str | None
    adm1_name: str | None
    month: date  # the month the risk is for
    risk: float | None  # None: no rate (not covered, or not plausible: ``drivers`` says which)
    onset_risk: float | None
    drivers: str  # in words
    coverage: str
    why: str | None  # why a watched country is in view (None: scored by the forecast alone)
    fit_note: str | None = None  # said when the model had too little to learn from
    fitted: bool = False  # True: ``risk`` is the fit model's forecast; False: a base rate (``basis``) or no rate
    basis: str = "no rate"  # what ``risk`` is: "forecast: ...", "base rate, not a forecast (...): ...", "no rate"
    trained_positives: int = 0
    trained_rows: int = 0
    log_own_1: float | None = None
    log_own_3: float | None = None
    log_own_12: float | None = None
    ever: float | None = None
    months_quiet: float | None = None
    log_nb_1: float | None = None
    log_nb_3: float | None = None
    nb_active: float | None = None
    log_km_to_active: float | None = None


@dataclass(frozen=True, slots=True)
class BacktestScore:
    """One model's scores on one target over the backtest months (None where too few positives to judge)."""

    target: str  # "any" or "onset"
    model: str  # "model", "last month", "neighbours last month", "lags LR", "own base rate"
    positives: int
    negatives: int
    average_precision: float | None
    auc: float | None
    brier: float | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Backtest:
    """A rolling monthly backtest (``analysis.risk.backtest``): what it counted, its months and its scores."""

    actor: str
    roles_label: str
    level: str
    test_from: date
    test_to: date
    units: int
    scores: tuple[BacktestScore, ...]


@dataclass(frozen=True, slots=True)
class Watched:
    """A country in view and why: 'active', 'neighbour of Syria, Iraq', 'support recipient', 'asked'."""

    country_iso3: str
    why: str


def watchlist(active: Iterable[str], graph: Mapping[str, frozenset[str]], recipients: Iterable[str],
              asked: Iterable[str] = (), names: Mapping[str, str] | None = None) -> list[Watched]:
    """The countries in view, in code order (``asked`` alone when given)."""
    label = names or {}
    chosen = sorted(set(asked))
    if chosen:
        return [Watched(c, "asked") for c in chosen]
    why: dict[str, list[str]] = {}
    active = sorted(set(active))
    for c in active:
        why.setdefault(c, []).append("active")
    for c in active:
        for n in sorted(graph.get(c, frozenset())):
            if n not in active:
                why.setdefault(n, []).append(f"neighbour of {label.get(c, c)}")
    for c in sorted(set(recipients)):
        why.setdefault(c, []).append("support recipient")
    return [Watched(c, "; ".join(_merge(reasons))) for c, reasons in sorted(why.items())]


def _merge(reasons: list[str]) -> list[str]:
    """'neighbour of Syria', 'neighbour of Iraq' -> 'neighbour of Syria, Iraq'."""
    near = [r.removeprefix("neighbour of ") for r in reasons if r.startswith("neighbour of ")]
    rest = [r for r in reasons if not r.startswith("neighbour of ")]
    return rest[:1] + ([f"neighbour of {', '.join(near)}"] if near else []) + rest[1:]
