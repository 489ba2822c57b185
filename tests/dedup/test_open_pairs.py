"""Issue 25, second round: what keeps two reports of one kind in one region apart, and what joins the
reports of one event that name it differently (dedup/fitted.py, dedup/score.py), on invented mentions."""

from __future__ import annotations

from dataclasses import replace

from dedup_toys import DAY0, mention

from spillwatch.dedup import fitted
from spillwatch.dedup.cluster import cluster
from spillwatch.dedup.score import contradicts, features, trigger_word
from spillwatch.records import Argument, Clause, DateMention, EventMention, Span


def named(m: EventMention, *names: str) -> EventMention:
    return replace(m, arguments=tuple(Argument("entity", Span(0, 0), n) for n in names))


def undated(article: str, **kw: object) -> EventMention:
    return mention(article, day=None, sources=(), **kw)


def test_the_same_word_in_the_same_country_alone_is_no_evidence() -> None:
    a, b = features(undated("a1", country_only="IRQ")), features(undated("a2", country_only="IRQ"))
    assert a.lemma == b.lemma and a.country == b.country == "IRQ" and not (a.names or b.names)
    assert fitted.vector(a, b, 3) is None
    assert len(cluster([undated("a1", country_only="IRQ"), undated("a2", country_only="IRQ")])) == 2
    # nor in the same ADM1 ("murder" in California: two deputies' murders four years apart, one undated);
    # the same word at two located places within reach of each other is still a candidate
    assert fitted.vector(features(undated("a1", adm1_only=True)), features(undated("a2", adm1_only=True)), 3) is None
    assert fitted.declined(features(undated("a1", adm1_only=True)), features(mention("a2", adm1_only=True)), 3)
    assert fitted.vector(features(undated("a1")), features(undated("a2")), 3)  # both in Mosul


def test_an_article_cannot_report_what_happened_after_it_was_written() -> None:
    reported = DateMention(Span(0, 0), "", DAY0, DAY0, "day", source="reported")
    then = features(replace(undated("a1"), date=reported))  # dated only by its article's day
    later = features(mention("a2", day=30))  # a month later, in the report's own words
    earlier = features(mention("a3", day=-30))  # a month before: the article may retell it
    assert then.reported and not later.reported
    assert contradicts(then, later) and contradicts(later, then)
    assert not contradicts(then, earlier)
    near = features(mention("a4", day=3))  # within the window: a date the dater may have got a few days off
    assert not contradicts(then, near)


def test_two_reports_naming_different_specifics_are_two_happenings() -> None:
    church = features(named(undated("a1"), "Sarah Palin", "Wasilla Bible Church", "Mosul"))
    dairy = features(named(undated("a2"), "Mat-Maid", "Palmer Dairy", "Mosul"))
    assert fitted.vector(church, dairy, 3) is None  # the place's own name is not a specific
    same_dairy = features(named(undated("a3"), "Mat Maid", "Alaska State Troopers"))
    assert fitted.vector(dairy, same_dairy, 3) is not None  # "Mat-Maid" and "Mat Maid": one name
    one_name = features(named(undated("a4"), "Sarah Palin"))
    assert fitted.vector(dairy, one_name, 3) is not None  # one name on a side is too little to tell
    assert not contradicts(church, dairy)  # unknown, not a contradiction


def test_a_name_inside_a_longer_name_is_shared() -> None:
    got = fitted.shared_names(frozenset({"n:kraft", "n:jerry ortiz"}), frozenset({"n:kraft foods", "n:ortiz"}))
    assert got == {"n:kraft", "n:kraft foods", "n:jerry ortiz", "n:ortiz"}
    assert not fitted.shared_names(frozenset({"a:ISL", "p:1"}), frozenset({"a:ISL_X", "p:12"}))
    assert not fitted.shared_names(frozenset({"n:kraft"}), frozenset({"n:krafts"}))


def test_opened_fire_is_shooting_and_opened_talks_is_not() -> None:
    m = mention("a1")
    opened = replace(m, trigger_text="opened", clause=Clause(m.trigger, m.trigger, "open", m.trigger))
    shot = replace(m, trigger_text="shot", clause=Clause(m.trigger, m.trigger, "shoot", m.trigger))
    assert trigger_word(opened) == trigger_word(shot) == "shoot"
    assert trigger_word(replace(opened, clause=None)) == "shoot"
    assert trigger_word(replace(opened, type="CONSULT")) == "open"


def test_an_articles_day_never_contradicts_a_date_in_words() -> None:
    def dated(article: str, day: int, source: str) -> EventMention:
        m = mention(article, "Mosul", day)
        assert m.date is not None
        d = m.date
        return replace(m, date=DateMention(d.span, d.text, d.start, d.end, "day", source))  # type: ignore[arg-type]

    told = features(dated("a1", 0, "expression"))  # "on 1 March": its own words
    follow_up = features(dated("a2", 40, "reported"))  # a trial story's "the murder", dated on its day
    assert not contradicts(told, follow_up)
    assert contradicts(told, features(dated("a3", 40, "expression")))  # two dates in words, 40 days apart


def test_reports_whose_unknown_people_differ_are_two_happenings() -> None:
    from spillwatch.records import Actor

    def arrest(article: str, *people: str) -> EventMention:
        m = undated(article, etype="COERCE")
        named = tuple(Actor("unresolved:" + p.lower(), p, None, None, resolved=False) for p in people)
        return replace(m, targets=named)

    jackson, williams = features(arrest("a1", "Vincent Jackson")), features(arrest("a2", "Jamal Williams"))
    assert jackson.named == {"n:vincent jackson"}
    assert fitted.vector(jackson, williams, 3) is None  # one player's arrest is not his team-mate's
    assert fitted.vector(jackson, features(arrest("a3", "Jackson")), 3) is not None  # "Jackson" is in "Vincent Jackson"
    assert fitted.vector(jackson, features(arrest("a4")), 3) is not None  # a side naming nobody: unknown
    assert not contradicts(jackson, williams)


def test_a_declined_open_pair_says_which_rule_declined_it() -> None:
    """``fitted.declined`` names the rule that keeps a pair from the model (what ``eval/ecb_pairs.py --why`` counts)."""
    alike = features(undated("a1")), features(undated("a2"))
    assert fitted.declined(*alike, 3) is None and fitted.vector(*alike, 3) is not None
    same_word = features(undated("a1", country_only="IRQ")), features(undated("a2", country_only="IRQ"))
    assert fitted.declined(*same_word, 3) == "nothing in common"
    church = features(named(undated("a1"), "Sarah Palin", "Wasilla Bible Church"))
    dairy = features(named(undated("a2"), "Mat-Maid", "Palmer Dairy"))
    assert fitted.declined(church, dairy, 3) == "different specifics"
    other_country = features(undated("a3", country_only="SYR"))
    assert fitted.declined(same_word[0], other_country, 3) == "contradiction"
    far = features(undated("a4", city="Baghdad")), features(undated("a5", city="Mosul"))
    assert fitted.declined(*far, 3) == "places apart"
    for a, b in (same_word, (church, dairy), (same_word[0], other_country), far):
        assert fitted.vector(a, b, 3) is None
