"""The founding document (../shared/seed): EXPECTED.md sections 2, 3 and 5.

The article is produced by the project's own cleaner (extract.clean) from the raw seed file.
"""

from __future__ import annotations

from datetime import date

import pytest

from spillwatch.extract.clean import clean
from spillwatch.records import AnnotatedArticle, RawItem
from spillwatch.settings import Settings
from tests.conftest import shared_path
from tests.nlp.conftest import Runner
from tests.nlp.golden import matching

pytestmark = pytest.mark.shared
_SEED: dict[str, AnnotatedArticle] = {}


@pytest.fixture
def seed(run_nlp: Runner, nlp_settings: Settings) -> AnnotatedArticle:
    if "seed" not in _SEED:
        path = shared_path("seed", "000_9b6fd5e0c168a157.txt")
        article = clean(RawItem(source=str(path), data=path.read_bytes(), kind="text"), nlp_settings)
        _SEED["seed"] = run_nlp(article)
    return _SEED["seed"]


def actor_of(ann: AnnotatedArticle, text: str, nth: int = 0) -> tuple[str, str | None]:
    found = matching(ann.article.text, text, ann.actors)
    assert len(found) > nth, (text, ann.actors)
    m = sorted(found, key=lambda m: m.span.start)[nth]
    return m.actor.id, m.person


def test_islamic_state_is_one_actor_under_all_its_names(seed: AnnotatedArticle) -> None:
    names = ["ISIS", "Islamic State group", "Daesh", "Islamic State militant", "Islamic State fighters"]
    for name in names:
        assert actor_of(seed, name)[0] == "ISL", name
    for m in seed.actors:
        if any(n in m.text for n in ("ISIS", "Daesh", "Islamic State")):
            assert m.actor.id == "ISL", m
    assert not [m for m in seed.actors if m.text == "Islamic"]


def test_states_and_people(seed: AnnotatedArticle) -> None:
    assert actor_of(seed, "Two Canadian military teams")[0] == "CAN_MIL"
    assert actor_of(seed, "Canadian troops")[0] == "CAN_MIL"
    assert actor_of(seed, "Canada is looking")[0] == "CAN_GOV"
    assert actor_of(seed, "Defence Minister Harjit Sajjan") == ("CAN_GOV", "Harjit Sajjan")
    assert actor_of(seed, "Sajjan said his biggest") == ("CAN_GOV", "Harjit Sajjan")
    assert actor_of(seed, "British Defence Secretary Michael Fallon") == ("GBR_GOV", "Michael Fallon")
    assert actor_of(seed, "Fallon said at the start") == ("GBR_GOV", "Michael Fallon")
    assert actor_of(seed, "French soldiers")[0] == "FRA_MIL"
    assert actor_of(seed, "Iraqi and Kurdish")[0] == "IRQ_MIL"
    assert actor_of(seed, "Kurdish forces")[0] == "KRD_MIL"
    assert actor_of(seed, "Lebanese military")[0] == "LBN_MIL"
    assert actor_of(seed, "Jordanian military unit")[0] == "JOR_MIL"
    assert actor_of(seed, "the government committed")[0] == "CAN_GOV"
    assert not [m for m in seed.actors if "OTTAWA" in m.text]  # dateline, not an actor


def test_all_five_quotes_attributed(seed: AnnotatedArticle) -> None:
    want = {
        "We need momentum across the Middle East": "Michael Fallon",
        "As they are pushed out of Iraq": "Michael Fallon",
        "We want to make sure that we solidify": "Harjit Sajjan",
        "committed to regional stability": "Harjit Sajjan",
        "Our troops are doing the analysis": "Harjit Sajjan",
    }
    direct = [q for q in seed.quotes if q.direct]
    assert len(direct) == 5, direct  # the scare quote “spillage” is not a quote
    for words, person in want.items():
        (q,) = [q for q in direct if words in q.text]
        assert q.speaker_person == person, q
        assert q.speaker is not None and q.speaker.country == ("GBR" if "Fallon" in person else "CAN")


def test_dates(seed: AnnotatedArticle) -> None:
    assert seed.article.published.method == "estimated"

    def one(text: str) -> tuple[date | None, date | None, str]:
        (d,) = matching(seed.article.text, text, seed.dates)
        return d.start, d.end, d.precision

    assert one("Saturday, Dec. 10, 2016") == (date(2016, 12, 10), date(2016, 12, 10), "day")
    assert one("Thursday") == (date(2016, 12, 15), date(2016, 12, 15), "day")
    assert one("last week") == (date(2016, 12, 5), date(2016, 12, 11), "week")
    assert one("In September") == (date(2016, 9, 1), date(2016, 9, 30), "month")


def test_quantities(seed: AnnotatedArticle) -> None:
    def one(text: str) -> tuple[str, float | None, str | None]:
        (q,) = matching(seed.article.text, text, seed.quantities)
        return q.kind, q.best, q.unit

    assert one("26 trucks") == ("equipment", 26, "truck")
    assert one("$1 million") == ("money", 1_000_000, "CAD")
    assert one("mountain-climbing and winter gear") == ("equipment", None, "gear")
