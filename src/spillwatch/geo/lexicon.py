"""Word lists the place recogniser uses (English): input none, output frozen sets of words."""

from __future__ import annotations

SPEECH_LEMMAS = frozenset((
    "say", "announce", "tell", "warn", "accuse", "condemn", "deny", "agree", "decide", "reject",
    "urge", "call", "demand", "insist", "sign", "impose", "claim", "respond", "threaten", "vow",
    "pledge", "confirm", "report", "state", "declare", "order", "refuse", "approve", "criticize",
    "criticise", "welcome", "protest", "summon", "expel", "dismiss", "argue", "propose", "offer",
    "seek", "want", "ask", "believe", "hope", "plan", "retaliate", "negotiate", "sanction",
))  # fmt: skip
DIRECTIONS = frozenset((
    "north", "northern", "south", "southern", "east", "eastern", "west", "western", "central",
    "northeast", "northeastern", "northwest", "northwestern", "southeast", "southeastern",
    "southwest", "southwestern", "north-east", "north-eastern", "north-west", "north-western",
    "south-east", "south-eastern", "south-west", "south-western", "upper", "lower",
))  # fmt: skip
NEAR_WORDS = frozenset((
    "near", "outside", "outskirts", "around", "nearby", "close", "edge", "suburbs", "suburb",
    "vicinity",
))  # fmt: skip
BORDER_WORDS = frozenset(("border", "borders", "frontier", "side", "border-crossing"))
STOP_CAPS = frozenset((
    "The", "A", "An", "In", "On", "At", "Of", "For", "And", "But", "Or", "If", "As", "By", "To",
    "From", "With", "I", "He", "She", "We", "They", "It", "This", "That", "Mr", "Mrs", "Ms", "Dr",
    "President", "Minister", "General", "Police", "Army", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
    "June", "July", "August", "September", "October", "November", "December",
))  # fmt: skip
