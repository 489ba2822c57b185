"""Word lists of the responsibility rules (``claims.py``) and what makes an actor generic.

Input: lemmas and actor mentions. Output: word classes and ``is_generic``. Declines nothing: a
word outside every list simply plays no part in a claim.
"""

from __future__ import annotations

from spillwatch.coding.patterns import ATTACK_NOUNS
from spillwatch.records import ActorMention

EVENT_NOUNS = ATTACK_NOUNS | frozenset(
    {"shooting", "killing", "massacre", "operation", "kidnapping", "abduction", "beheading", "execution",
     "murder", "assassination", "hijacking", "incident", "bombardment", "stabbing", "carnage", "atrocity"}
)  # fmt: skip
RESPONSIBILITY = frozenset({"responsibility", "credit", "authorship"})
TAKE_VERBS = frozenset({"take", "accept", "assume", "admit", "acknowledge"})
REPORT_VERBS = frozenset({"say", "announce", "state", "declare", "confirm", "boast", "assert", "insist", "claim"})
PERPETRATE = frozenset(
    {"carry", "conduct", "stage", "launch", "execute", "perpetrate", "commit", "mount", "orchestrate", "plan",
     "mastermind", "organise", "organize"}
)  # fmt: skip
BLAME_PREPS = {"blame": ("on", "for"), "attribute": ("to",), "ascribe": ("to",), "link": ("to",),
               "tie": ("to",), "pin": ("on",), "connect": ("to",)}  # fmt: skip
LINK_VERBS = frozenset({"link", "tie", "connect", "ascribe"})  # these need the event named
ACCUSE_VERBS = frozenset({"accuse", "suspect"})
WORK_NOUNS = frozenset({"work", "hallmark", "signature", "handiwork", "fingerprint", "trademark"})
DENY_VERBS = frozenset({"deny", "disavow", "reject"})
DENIED_NOUNS = frozenset({"involvement", "responsibility", "role", "link", "part", "participation", "claim"})
PUBLISH_VERBS = frozenset({"publish", "post", "issue", "release", "circulate", "carry", "put", "distribute"})
MEDIA_NOUNS = frozenset({"video", "footage", "image", "photo", "photograph", "picture", "recording", "film"})
GROUP_NOUNS = frozenset({"group", "organisation", "organization", "militia", "network", "movement", "faction"})
BACK_PRONOUNS = frozenset({"it", "they", "we", "its", "their", "our"})
WH_WORDS = frozenset({"which", "who", "that", "whom", "what"})
PERPETRATORS = frozenset({"attacker", "gunman", "bomber", "perpetrator", "assailant", "shooter", "killer", "driver"})
OWN_WORDS = frozenset({"it", "they", "we", "its", "their", "our", "itself", "themselves"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "going"})
OTHER_EVENTS = frozenset(
    {"similar", "previous", "past", "other", "earlier", "several", "many", "numerous", "most", "some", "such",
     "prior", "further", "more", "these", "those", "all", "dozens", "scores", "hundreds"}
)  # fmt: skip
NEGATORS = frozenset({"no", "not", "never", "n't", "none", "nobody", "yet"})
NOT_CLAIMANTS = frozenset({"CVL"})
GENERIC_WORDS = frozenset(
    {"gunman", "gunmen", "attacker", "assailant", "militant", "fighter", "bomber", "insurgent", "jihadist",
     "extremist", "terrorist", "man", "men", "rebel", "perpetrator", "suspect", "shooter", "militia",
     "individual", "group", "cell", "assailants", "attackers"}
)  # fmt: skip


def is_generic(mention: ActorMention) -> bool:
    """An actor that says nothing about who it is: "gunmen", "attackers", "Syrian militants"."""
    actor = mention.actor
    if actor.id.startswith("UNK_") or actor.id in ("UNK", "unresolved:unnamed"):
        return True
    words = mention.text.lower().replace("-", " ").split()
    last = words[-1] if words else ""
    generic_head = last in GENERIC_WORDS or last.rstrip("s") in GENERIC_WORDS
    if not actor.resolved:
        return generic_head
    demonym_only = len(actor.id) == 7 and actor.id.endswith("_REB") and actor.id[:3].isupper()
    return demonym_only and generic_head and len(words) <= 3
