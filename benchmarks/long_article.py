"""A generated long news article (for bench_long_document.py and the linear-work tests).

Paragraphs like "Gunmen attacked a checkpoint near Hama on day 17 of the siege, killing 12
soldiers and wounding 40, a monitoring group said, adding that 300 families fled toward Homs.",
drawn from seven templates (attacks, shelling, air strikes, clashes, quotes of titled officials
who are later named again, claims of responsibility, pledges of money) with varied actors,
people, places, numbers and days (a seeded generator, so
the same size always gives the same text), so the article is not one repeated string.
"""

from __future__ import annotations

import random

PLACES = (
    "Hama", "Homs", "Aleppo", "Idlib", "Raqqa", "Deir ez-Zor", "Palmyra", "Daraa", "Latakia", "Tartus",
    "Mosul", "Tikrit", "Ramadi", "Fallujah", "Kirkuk", "Baiji", "Samarra", "Tal Afar", "Sinjar", "Qayyarah",
    "Manbij", "Kobani", "Afrin", "Jarabulus", "Azaz", "Bukamal", "Mayadin", "Suwayda", "Quneitra", "Douma",
)
ACTORS = (
    "Gunmen", "Islamic State fighters", "Syrian government forces", "Iraqi troops", "Kurdish militiamen",
    "Rebels", "Hezbollah fighters", "Turkish-backed fighters", "Militants", "Al-Nusra Front fighters",
)
TARGETS = ("a checkpoint", "an army post", "a police station", "a convoy", "a village", "a market",
           "an air base", "a hospital", "a bridge", "a military camp")
VICTIMS = ("soldiers", "civilians", "policemen", "fighters", "militiamen", "guards")
SOURCES = ("a monitoring group said", "officials said", "the Syrian Observatory for Human Rights said",
           "local residents said", "a military spokesman said", "state media reported")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PEOPLE = ("Ahmad Khalil", "Omar Haddad", "Samir Nasser", "Yusuf Karim", "Hassan Saleh", "Ali Mansour",
          "Karim Aziz", "Fadi Rahman")
TITLES = ("Defence Minister", "Interior Minister", "Governor", "Foreign Minister", "army spokesman")
GROUPS = ("Islamic State", "Hayat Tahrir al-Sham", "The Kurdistan Workers' Party", "al-Qaeda")


TEMPLATES = (
    "{actor} attacked {target} near {p1} on day {day} of the siege, killing {killed} {victims} and wounding "
    "{wounded}, {source}, adding that {families} families fled toward {p2}.",
    "{actor} shelled {p1} on {weekday}, killing {killed} {victims}, {source}. Aid workers said {families} people "
    "had left for {p2}.",
    "An air strike hit {target} in {p1} on {month} {date}, {source}, and at least {killed} {victims} were killed. "
    "{actor} later withdrew from {p2}.",
    "{actor} clashed with {other} outside {p1}, {source}. The fighting left {killed} dead and forced {families} "
    "families to flee to {p2}.",
    "\u201cWe will not abandon {p1} to these criminals,\u201d said Syrian {title} {person}. {surname} said {families} "
    "families had been moved to {p2} since {weekday}.",
    "{group} claimed responsibility for the bombing in {p1}, which killed {killed} {victims}, in a statement posted "
    "online. The group said it would strike {p2} next.",
    "The United Nations pledged ${millions} million in aid for {families} families in {p1}, and the minister said "
    "convoys would reach {p2} within {days} days.",
)


def _paragraph(rng: random.Random) -> str:
    p1, p2 = rng.sample(PLACES, 2)
    person = rng.choice(PEOPLE)
    values = {
        "p1": p1, "p2": p2, "actor": rng.choice(ACTORS), "other": rng.choice(ACTORS), "target": rng.choice(TARGETS),
        "victims": rng.choice(VICTIMS), "source": rng.choice(SOURCES), "killed": rng.randint(2, 60),
        "wounded": rng.randint(3, 90), "families": rng.randint(20, 900), "day": rng.randint(2, 90),
        "weekday": rng.choice(WEEKDAYS), "month": rng.choice(MONTHS), "date": rng.randint(1, 28),
        "title": rng.choice(TITLES), "person": person, "surname": person.split()[-1], "group": rng.choice(GROUPS),
        "millions": rng.randint(2, 90), "days": rng.randint(2, 9),
    }  # fmt: skip
    return rng.choice(TEMPLATES).format(**values)


def paragraphs(chars: int, seed: int = 18) -> list[str]:
    """Body paragraphs of about ``chars`` characters in all (joined by blank lines)."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < chars:
        para = _paragraph(rng)
        out.append(para)
        total += len(para) + 2
    return out


def article_text(chars: int, seed: int = 18) -> str:
    """A plain-text article (a title line, then the paragraphs), about ``chars`` characters long."""
    title = "Fighting spreads across northern Syria and Iraq"
    return "\n\n".join([title, *paragraphs(chars - len(title) - 2, seed)]) + "\n"
