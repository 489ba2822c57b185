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
GROUPS = ("Islamic State", "Hayat Tahrir al-Sham", "the Kurdistan Workers' Party", "al-Qaeda")


def _paragraph(rng: random.Random) -> str:
    p1, p2 = rng.sample(PLACES, 2)
    actor, target, victims, source = rng.choice(ACTORS), rng.choice(TARGETS), rng.choice(VICTIMS), rng.choice(SOURCES)
    killed, wounded, families = rng.randint(2, 60), rng.randint(3, 90), rng.randint(20, 900)
    kind = rng.randrange(7)
    if kind == 0:
        return (f"{actor} attacked {target} near {p1} on day {rng.randint(2, 90)} of the siege, killing {killed} "
                f"{victims} and wounding {wounded}, {source}, adding that {families} families fled toward {p2}.")
    if kind == 1:
        return (f"On {rng.choice(WEEKDAYS)}, {actor} shelled {p1}, "
                f"killing {killed} {victims}, {source}. Aid workers said {families} people had left for {p2}.")
    if kind == 2:
        return (f"An air strike hit {target} in {p1} on {rng.choice(MONTHS)} {rng.randint(1, 28)}, "
                f"{source}, and at least {killed} {victims} were killed. "
                f"{actor} later withdrew from {p2}.")
    if kind == 4:
        person, title = rng.choice(PEOPLE), rng.choice(TITLES)
        return (f"\u201cWe will not abandon {p1} to these criminals,\u201d said Syrian {title} {person}. "
                f"{person.split()[-1]} said {families} families had been moved to {p2} since {rng.choice(WEEKDAYS)}.")
    if kind == 5:
        return (f"{rng.choice(GROUPS)} claimed responsibility for the bombing in {p1}, which killed {killed} "
                f"{victims}, in a statement posted online. The group said it would strike {p2} next.")
    if kind == 6:
        return (f"The United Nations pledged ${rng.randint(2, 90)} million in aid for {families} families in {p1}, "
                f"and the minister said convoys would reach {p2} within {rng.randint(2, 9)} days.")
    return (f"{actor} clashed with {rng.choice(ACTORS)} outside {p1}, {source}. "
            f"The fighting left {killed} dead and forced {families} families to flee to {p2}.")


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
