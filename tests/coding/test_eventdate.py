"""The event's own date, else the article's day for news, never for background (coding/eventdate.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from coding_support import SETTINGS, actor, one_sentence  # type: ignore[import-not-found,unused-ignore]

from spillwatch.coding.eventdate import better_date
from spillwatch.coding.events import code_events
from spillwatch.records import AnnotatedArticle, Article, Block, DateInfo, DateMention, EventMention, Span
from spillwatch.run import pipeline

DAY = date(2019, 5, 10)
REPORTED = DateMention(Span(0, 0), "2019-05-10", DAY, DAY, "day", "reported")
REBELS = {"Rebels": actor("REB", None, "rebels")}


def _coded(text: str, dates: dict[str, tuple[date, date, str]] | None = None,
           article_date: DateMention | None = REPORTED) -> EventMention:
    ann: AnnotatedArticle = one_sentence(text, REBELS, dates=dates or {})
    found = code_events(replace(ann, article_date=article_date), SETTINGS)
    return next(m for m in found if m.type == "ASSAULT")


def test_news_without_a_time_of_its_own_takes_the_article_day() -> None:
    m = _coded("Rebels attacked the army base near the town.")
    assert (m.date, m.date_source) == (REPORTED, "reported")
    assert all(a.role != "date" for a in m.arguments)  # no words of the sentence name it


def test_own_expression_beats_the_article_day() -> None:
    m = _coded("Rebels attacked the army base on Tuesday.", {"Tuesday": (date(2019, 5, 7), date(2019, 5, 7), "day")})
    assert (m.date and m.date.start, m.date_source) == (date(2019, 5, 7), "expression")


def test_background_event_never_takes_the_article_day() -> None:
    assert _coded("Rebels had attacked the army base near the town.").date is None


def test_period_start_is_not_the_event_date() -> None:
    m = _coded("Rebels attacked the army base since late April.", {"late April": (date(2019, 4, 1), date(2019, 4, 30),
                                                                                 "month")})
    assert m.date_source == "reported"


def test_an_own_date_after_the_article_is_refused() -> None:
    m = _coded("Rebels attacked the army base on Friday.", {"Friday": (date(2019, 5, 17), date(2019, 5, 17), "day")})
    assert m.date_source == "reported" and m.date is not None and m.date.start == DAY


def test_undated_article_keeps_the_expression_unresolved() -> None:
    m = _coded("Rebels attacked the army base 11 days ago.", article_date=None)
    assert m.date is None  # nothing given: no clock date
    ann = one_sentence("Rebels attacked the army base 11 days ago.", REBELS)
    unresolved = DateMention(Span(30, 41), "11 days ago", None, None, "day")
    found = code_events(replace(ann, dates=(unresolved,)), SETTINGS)
    m = next(x for x in found if x.type == "ASSAULT")
    assert m.date == unresolved and m.date_source is None


@pytest.mark.parametrize(("a", "b", "best"), [
    (REPORTED, replace(REPORTED, source="expression"), "expression"),
    (replace(REPORTED, source="dateline"), REPORTED, "dateline"),
    (replace(REPORTED, source="inferred-year"), replace(REPORTED, source="dateline"), "dateline"),
    (replace(REPORTED, start=None, end=None, source="expression"), REPORTED, "reported"),
])
def test_better_date(a: DateMention, b: DateMention, best: str) -> None:
    found = better_date(a, b)
    assert found is not None and found.source == best
    assert better_date(None, b) is b and better_date(a, None) is a


def _story(*paragraphs: str, published: date, method: str = "metadata") -> tuple[EventMention, ...]:
    article = Article(raw_id="lede", source="test", blocks=tuple(Block("body", p) for p in paragraphs),
                      published=DateInfo(published, method, published.isoformat()))  # type: ignore[arg-type]
    return code_events(pipeline.annotate_only(article, SETTINGS), SETTINGS)


def _burned(mentions: tuple[EventMention, ...]) -> EventMention:
    return next(m for m in mentions if m.trigger_text == "arrested")


WEDNESDAY = date(2019, 11, 20)
LEDE = "Gunmen attacked a police post in Kirkuk on Monday, police said."
LATER = "Security forces arrested three men in Basra."


def test_news_without_a_time_takes_the_day_its_story_lead_names() -> None:
    m = _burned(_story(LEDE, LATER, published=WEDNESDAY))
    assert m.date is not None and (m.date.start, m.date.end, m.date_source) == (date(2019, 11, 18),) * 2 + (
        "reported",)


def test_a_lead_day_older_than_a_week_is_not_the_news_day() -> None:
    m = _burned(_story("Gunmen attacked a police post in Kirkuk on Oct. 25, police said.", LATER,
                       published=WEDNESDAY))
    assert m.date is not None and (m.date.start, m.date_source) == (WEDNESDAY, "reported")


def test_a_day_that_opens_a_period_is_not_the_lead_day() -> None:
    """"shelling since Monday": the start of a stretch running up to the report, not the news day."""
    m = _burned(_story("After heavy shelling since Monday, rebels withdrew from the town, police said.", LATER,
                       published=WEDNESDAY))
    assert m.date is not None and (m.date.start, m.date_source) == (WEDNESDAY, "reported")


def test_an_estimated_article_date_gives_no_lead_day() -> None:
    m = _burned(_story(LEDE, LATER, published=WEDNESDAY, method="estimated"))
    assert m.date is not None and m.date.precision == "range"


def test_an_estimated_article_date_takes_a_full_date_its_lead_prints() -> None:
    """A full date needs no reference: in a page dated no earlier than Nov. 18, 2019, a lead that
    prints that day names the news day."""
    monday = date(2019, 11, 18)
    m = _burned(_story("Gunmen attacked a police post in Kirkuk on Nov. 18, 2019, police said.", LATER,
                       published=monday, method="estimated"))
    assert m.date is not None and (m.date.start, m.date.end, m.date_source) == (monday, monday, "reported")


@pytest.mark.parametrize(("text", "trigger"), [
    # a date in a relative clause about something else
    ("A gunman opened fire at the accounting firm where he was fired last week, police said.", "opened"),
    # a date deep inside a "since" phrase
    ("Airstrikes killed 40 fighters since the start of the operation in mid-September, monitors said.", "killed"),
    # "in 2019" bounds a superlative's comparison, it is not the day
    ("The death toll of the massacre in Zardana rises to 44, the largest massacre in the province in 2019.",
     "massacre"),
    # a stretch a toll is counted over dates the tally, not the news
    ("An airstrike killed 16 people in the town and raised the death toll to 193 in the last 27 days.", "killed"),
])
def test_a_date_that_is_not_the_events_leaves_it_the_news_day(text: str, trigger: str) -> None:
    m = next(m for m in _story(text, published=WEDNESDAY) if m.trigger_text == trigger)
    assert m.date is not None and (m.date.start, m.date_source) == (WEDNESDAY, "reported")


def test_a_conjoined_verb_shares_the_first_verbs_time() -> None:
    # "in March" scopes over both verbs; before this rule "attacked" took the article's day
    march = {"In March": (date(2019, 3, 1), date(2019, 3, 31), "month")}
    m = _coded("In March Rebels surrounded the army base and attacked it.", march)
    assert (m.trigger_text, m.date_source) == ("attacked", "expression")
    assert m.date is not None and (m.date.start, m.date.precision) == (date(2019, 3, 1), "month")


def test_a_conjoined_verb_with_its_own_time_keeps_it() -> None:
    days = {"on Tuesday": (date(2019, 5, 7), date(2019, 5, 7), "day"),
            "on Thursday": (date(2019, 5, 9), date(2019, 5, 9), "day")}
    m = _coded("Rebels surrounded the army base on Tuesday and attacked it on Thursday.", days)
    assert m.date is not None and m.date.start == date(2019, 5, 9)


def test_a_toll_verb_the_parse_split_from_its_after_phrase_shares_the_offset() -> None:
    # "after [a bombing at a wedding] [killed 50]": the parser may hang "killed" on "began" with no
    # subject; the bombing is its subject, four days before the news, and so is the toll
    ann = one_sentence("Rebels began the operation four days after a bombing at a wedding in the town killed "
                       "more than 50 people.", REBELS)
    found = code_events(replace(ann, article_date=REPORTED), SETTINGS)
    killed = next(m for m in found if m.trigger_text == "killed")
    assert killed.date is not None and killed.date.start == date(2019, 5, 6)


def test_a_stretch_with_no_toll_stays_the_events_date() -> None:
    found = _story("Airstrikes killed 85 civilians in Idlib during the past 48 hours, monitors said.",
                   published=WEDNESDAY)
    m = next(m for m in found if m.trigger_text == "killed")
    assert m.date is not None and (m.date.start, m.date.end, m.date.precision) == (
        date(2019, 11, 18), WEDNESDAY, "range")


def test_the_lead_skips_dateline_pieces_and_time_stamps() -> None:
    """The lead's day is read past short lines (a dateline the parser cut up, "10 p.m.", a subhead)
    to the story's first sentences of running text."""
    m = _burned(_story("HAYWARD, Calif.", "10 p.m.",
                       "The Latest on a deadly stabbing on a commuter train near the bay:",
                       "Authorities say a stabbing that killed a passenger happened after a fight between two men.",
                       "The fight broke out Monday afternoon on a train pulling into a station, police said.",
                       LATER, published=WEDNESDAY))
    assert m.date is not None and (m.date.start, m.date_source) == (date(2019, 11, 18), "reported")


COURT = "A judge on Saturday sentenced John Smith to life in prison for the crimes he committed on March 11, 2019."
RETOLD = "Smith shot and killed two guards at the courthouse in Atlanta."


def test_a_court_story_dates_the_violence_it_retells_by_the_crimes_stated_day() -> None:
    m = next(m for m in _story(COURT, RETOLD, published=WEDNESDAY) if m.trigger_text == "shot")
    assert m.date is not None and (m.date.start, m.date_source) == (date(2019, 3, 11), "expression")


def test_a_news_story_keeps_its_leads_day_for_the_same_sentence() -> None:
    m = next(m for m in _story(LEDE, RETOLD, published=WEDNESDAY) if m.trigger_text == "shot")
    assert m.date is not None and (m.date.start, m.date_source) == (date(2019, 11, 18), "reported")


def test_no_event_is_dated_after_the_run_even_on_a_misdated_page() -> None:
    """A page whose metadata says 2099 gives no date after the run's day: neither the article's day
    nor a weekday resolved against it dates an event."""
    future = date(2099, 3, 6)
    found = _story("Gunmen attacked a police post in Kirkuk on Monday, police said.", LATER, published=future)
    assert found
    today = date.today()
    assert all(m.date is None or m.date.start is None or m.date.start <= today for m in found)


def test_an_undated_story_keeps_relative_days_unresolved_through_the_pipeline() -> None:
    """No publication date at all: "11 days ago" stays as stated, with no start, and nothing takes the run's day."""
    article = Article(raw_id="undated", source="test", blocks=(Block("body", "Rebels attacked the army base in Goma "
                                                                             "11 days ago, officials said."),),
                      published=DateInfo(None, "none"))
    found = code_events(pipeline.annotate_only(article, SETTINGS), SETTINGS)
    m = next(x for x in found if x.trigger_text == "attacked")
    assert m.date is not None and m.date.text == "11 days ago" and m.date.start is None
    assert all(x.date is None or x.date.start is None for x in found)


def test_a_court_story_takes_the_day_of_the_crime_its_trigger_names() -> None:
    """Two crimes with stated days: "the 2019 murder" is the murder's day (June 24), not the
    shooting's (June 20), and the year is made that day."""
    found = _story("A jury on Tuesday convicted John Smith of the 2019 murder of Deputy Jerry Ortiz.",
                   "Ortiz was assigned to track Smith down the day before his June 24, 2019 murder.",
                   "That task stemmed from the June 20, 2019 shooting of a man in Hawaiian Gardens.",
                   published=WEDNESDAY)
    m = next(m for m in found if m.trigger_text == "murder")
    assert m.date is not None and (m.date.start, m.date.precision) == (date(2019, 6, 24), "day")


def test_a_lead_day_of_an_act_an_after_clause_sets_apart_is_not_the_news_day() -> None:
    """A headline: its "3 days ago" dates the failed attack, not the new bombing it reports."""
    title = ("After the suicide attack in Shaddadi 3 days ago failed, a new suicide bomber detonates himself "
             "with a booby-trapped motorcycle in Tal Tamr area")
    article = Article(raw_id="headline", source="test", blocks=(Block("title", title),),
                      published=DateInfo(WEDNESDAY, "metadata", WEDNESDAY.isoformat()))
    found = code_events(pipeline.annotate_only(article, SETTINGS), SETTINGS)
    m = next(m for m in found if m.trigger_text == "detonates")
    assert m.date is not None and (m.date.start, m.date_source) == (WEDNESDAY, "reported")


@pytest.mark.parametrize(("between", "later", "trigger"), [
    ("In 1981 the governor published a book about the war.",
     "Troops were sent to the town after rebels shelled a checkpoint.", "shelled"),
    ("The town was first captured by rebels in 2014.", "Residents fled to escape the shelling of the village.",
     "shelling"),
])
def test_a_neighbouring_sentences_date_does_not_date_a_new_event(between: str, later: str, trigger: str) -> None:
    """A date carried over from a sentence about something else: the new event is the news' (its lead's day)."""
    m = next(m for m in _story(LEDE, between, later, published=WEDNESDAY) if m.trigger_text == trigger)
    assert m.date is not None and (m.date.start, m.date_source) == (date(2019, 11, 18), "reported")


def test_an_own_period_running_past_the_article_ends_on_its_day() -> None:
    m = _coded("Rebels attacked the army base this week.", {"this week": (date(2019, 5, 6), date(2019, 5, 12), "week")})
    assert m.date is not None and (m.date.start, m.date.end, m.date.precision) == (date(2019, 5, 6), DAY, "range")


def test_a_named_speakers_earlier_dated_statement_dates_the_event_told_in_the_next() -> None:
    """One occasion: the speaker said it Thursday; the meeting he spoke at is that day's, not the article's."""
    found = _story("Coalition jets struck Islamic State positions near Mosul on Saturday, the army said.",
                   "British Defence Secretary Michael Fallon said Thursday that the group will try to spread.",
                   "\u201cWe need momentum across the region,\u201d Fallon said at the start of an anti-ISIS meeting "
                   "in London.", published=date(2016, 12, 19))
    m = next(m for m in found if m.trigger_text == "meeting")
    assert m.date is not None and m.date.start == date(2016, 12, 15)


def test_a_court_story_dates_the_crime_by_the_one_older_day_it_states() -> None:
    """No crime word stands over the day ("grabbed the girl ... on Saturday, May 18"), but it is the
    one day the sentencing story states before the week of its news: the crime's, not the sentence's."""
    found = _story("A man who kidnapped a girl in Fort Worth was sentenced on Tuesday to life in federal prison.",
                   "According to evidence presented at trial, Webb grabbed the girl as she walked down the "
                   "avenue on Saturday, May 18.", published=WEDNESDAY)
    m = next(m for m in found if m.trigger_text == "kidnapped")
    assert m.date is not None and (m.date.start, m.date.precision) == (date(2019, 5, 18), "day")


def test_a_court_story_gives_the_crime_its_month_not_the_hearing_day() -> None:
    """The story states only the crime's month: violence retold at the hearing takes that month,
    never the hearing's day."""
    found = _story("The woman who shot and killed two co-workers in September at the plant will face trial, "
                   "a judge ruled at a hearing on Tuesday.",
                   "At one point the defendant ordered a worker away, and then she shot Latoya Brown, "
                   "the prosecutor says.",
                   published=WEDNESDAY)
    m = next(m for m in found if m.trigger_text == "shot" and m.trigger.start > 100)
    assert m.date is not None and (m.date.start, m.date.end) == (date(2019, 9, 1), date(2019, 9, 30))
