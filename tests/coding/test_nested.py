"""One mention per act: a reference back by the actor's name, the same word told twice in one
sentence (the headline run into the first sentence). Sentences written for these tests."""

from __future__ import annotations

from coding_support import one_sentence  # type: ignore[import-not-found,unused-ignore]

from spillwatch.coding.events import code_events, code_events_explained


def _triggers(text: str, etype: str) -> list[str]:
    return [m.trigger_text for m in code_events(one_sentence(text)) if m.type == etype]


def test_an_actors_named_act_told_before_is_a_reference_back() -> None:
    text = ("Russian Defence Minister Sergei Shoigu visited Hanoi on Tuesday for talks with his Vietnamese "
            "counterpart. The Party chief said the outcomes of Minister Shoigu's visit would deepen the partnership.")
    ms, declined = code_events_explained(one_sentence(text))
    consults = [m.trigger_text for m in ms if m.type == "CONSULT"]
    assert "visit" not in consults and consults, consults
    assert any(d.trigger_text == "visit" and "repeats" in d.reason for d in declined), declined


def test_a_named_act_is_a_reference_back_only_to_an_act_whose_sentence_names_that_actor() -> None:
    from spillwatch.coding.earlier import EarlierMentions
    from spillwatch.records import EventMention, Span

    text = "President Erdogan visited Berlin. Minister Shoigu's visit was short."
    earlier = EarlierMentions()
    earlier.add(EventMention("a", "CONSULT", Span(18, 25), "visited", Span(0, 33)))
    assert earlier.names("CONSULT", "Erdogan", text) is not None
    assert earlier.names("CONSULT", "Shoigu", text) is None  # nobody told Shoigu's visit before
    assert earlier.names("ASSAULT", "Erdogan", text) is None


def test_the_same_word_twice_in_a_sentence_is_one_act() -> None:
    text = ("Soldier killed by roadside bomb in Helmand The soldier was on patrol near Lashkar Gah "
            "yesterday when he was killed by an improvised explosive device.")
    assert len(_triggers(text, "ASSAULT")) == 1, _triggers(text, "ASSAULT")


def test_the_same_word_for_two_tolls_stays_two_acts() -> None:
    # coordinated: the second "killed" hangs on the first, yet its own count makes it another attack
    text = "Gunmen killed four villagers near Maiduguri, and on Sunday suicide bombers killed twelve worshippers."
    tolls = {"four villagers": ("killed", 4.0, None), "twelve worshippers": ("killed", 12.0, None)}
    coded = [m for m in code_events(one_sentence(text, quantities=tolls)) if m.type == "ASSAULT"]
    assert len(coded) == 2, coded
    # each keeps its own weapon: the second clause's suicide bombers are not the first's
    assert "suicide-attack" not in coded[0].modes and "suicide-attack" in coded[1].modes, [m.modes for m in coded]


def test_a_killed_and_a_wounded_count_are_one_attacks() -> None:
    text = "Gunmen killed four villagers near Maiduguri and wounded twelve others."
    tolls = {"four villagers": ("killed", 4.0, None), "twelve others": ("injured", 12.0, None)}
    assert len([m for m in code_events(one_sentence(text, quantities=tolls)) if m.type == "ASSAULT"]) == 1


def test_backing_a_festival_or_an_expo_is_sponsorship_not_support() -> None:
    assert not _triggers("The Digital Week is supported by the Dubai Police and the Ministry of Interior.", "SUPPORT")
    assert _triggers("The United States strongly supported the Iraqi government's offensive against the Islamic "
                     "State in Mosul on Monday.", "SUPPORT")


def test_one_act_of_a_series_is_a_member_not_a_repeat() -> None:
    text = ("The attack is the latest in a series of bombings in Turkey attributed to Islamic State, including a "
            "suicide bombing in Sultanahmet in January that killed more than ten foreign tourists.")
    assert {"bombings", "bombing"} <= set(_triggers(text, "ASSAULT")), _triggers(text, "ASSAULT")


def test_what_a_past_implicative_verb_made_happen_happened() -> None:
    # "forced ... to withdraw" says the withdrawal was done: the mention model's "planned" reading of
    # the infinitive does not decline it; "could force ... to withdraw" and "urged ... to withdraw" do not say so
    from spillwatch.coding.modality import implied_done
    from spillwatch.coding.patterns import DepGraph

    def done(text: str) -> bool:
        ann = one_sentence(text)
        g = DepGraph(ann.tokens)
        return implied_done(g, next(t.i for t in ann.tokens if t.text == "withdraw"))

    assert done("Heavy shelling forced the rebels to withdraw from the town on Monday.")
    assert done("The rebels were forced to withdraw from the town on Monday.")
    assert done("The row prompted several newspapers to withdraw their reporters.")
    assert not done("The shelling could force Syrian rebels to withdraw from the town.")
    assert not done("The UN urged Syrian rebels to withdraw from the town.")
    assert not done("The shelling did not force the rebels to withdraw from the town.")
