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
STATIVE_LEMMAS = frozenset((
    "be", "have", "lie", "sit", "border", "remain", "become", "see", "host", "experience", "suffer",
    "face", "contain", "include", "cover", "stretch", "share", "receive", "lose", "get", "need",
))  # fmt: skip
ADDRESS_LEMMAS = frozenset((
    "accuse", "blame", "order", "urge", "ask", "sanction", "criticize", "criticise", "support",
    "back", "help", "pressure", "persuade", "invite", "thank", "warn", "condemn", "beat", "defeat",
    "outlast", "join", "fund", "arm",
))  # fmt: skip
SPATIAL_NOUNS = frozenset((
    "border", "borders", "territory", "capital", "city", "cities", "north", "south", "east", "west",
    "coast", "coastline", "region", "province", "soil", "airspace", "waters", "shore", "interior",
    "countryside", "mountain", "mountains", "desert", "frontier", "outskirts", "heartland", "part",
    "side", "area", "town", "village", "province", "state", "street", "streets", "center", "centre",
))  # fmt: skip
# nouns of unrest a place's possessive names the scene of, not an actor ("Hong Kong's street battles",
# "Iran's unrest"); acts with an agent ("Russia's strikes", "China's crackdown") are left out
UNREST_NOUNS = frozenset((
    "protest", "unrest", "riot", "demonstration", "battle", "fighting", "clash", "violence", "uprising",
    "turmoil", "insurgency", "bloodshed",
))  # fmt: skip
ADMIN_WORDS = frozenset((
    "governorate", "province", "district", "region", "state", "county", "oblast", "prefecture",
    "municipality", "department", "emirate",
))  # fmt: skip
OF_PLACE_NOUNS = frozenset((
    "city", "town", "village", "province", "district", "region", "state", "capital", "suburb",
    "outskirts", "part", "area", "centre", "center", "battle", "siege", "fall", "liberation", "port",
))  # fmt: skip  # lemmas whose "of X" names a place ("the city of Marawi", "the battle of Mosul")
VENUE_WORDS = frozenset((
    "arena", "stadium", "airport", "station", "terminal", "mall", "market", "square", "cathedral",
    "mosque", "church", "synagogue", "university", "hospital", "hotel", "port", "harbour", "bridge",
))  # fmt: skip  # a place's name then one of these names a venue in that place ("Manchester Arena")
PLACE_PREPOSITIONS = frozenset(("in", "near", "at", "outside", "around", "from", "into", "toward", "towards"))
ASSAULT_LEMMAS = frozenset((
    "attack", "raid", "strike", "shell", "bomb", "storm", "capture", "seize", "retake", "recapture",
    "besiege", "hit", "overrun", "enter", "liberate", "target", "ambush", "occupy", "surround",
))  # fmt: skip
GENERIC_GEO_WORDS = frozenset((
    "delta", "lakes", "lake", "river", "coast", "valley", "bay", "island", "islands", "mountain",
    "mountains", "hills", "park", "point", "harbour", "harbor", "beach", "springs", "falls", "oak",
    "red", "green", "capital", "city", "union", "plains", "desert", "forest", "lagoon", "centre",
    "center", "federal", "national", "north", "south", "east", "west", "central", "upper", "lower",
    "plateau", "hill", "camp", "strait", "straits", "canal", "dam",
))  # fmt: skip
NAME_ELEMENTS = frozenset((
    "bir", "bi'r", "tal", "tall", "tell", "tel", "ain", "ayn", "ein", "wadi", "oued", "ras", "deir",
    "dayr", "dair", "kafr", "kfar", "umm", "abu", "jabal", "jebel", "djebel", "beit", "bayt", "khan",
    "sidi", "qasr", "ksar", "nahr", "jisr", "hay", "souk", "suq", "bab", "dar", "sheikh", "shaykh",
    "mina", "bandar", "qala", "qalat", "tepe", "koh", "chak", "dera", "hassi", "bordj", "san", "santa",
    "sao", "são", "port", "fort", "mount", "saint", "st", "new", "old", "al", "el", "ad", "as", "ar",
))  # fmt: skip  # generic words that open a place name ("Bir al-Abed", "Tal Abyad"): never a place alone
PERSON_WORDS = frozenset((
    "son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "uncle", "aunt",
    "cousin", "nephew", "niece", "grandson", "granddaughter", "widow", "spokesman", "spokeswoman",
    "spokesperson", "commander", "leader", "chief", "general", "colonel", "major", "captain",
    "lieutenant", "sergeant", "sheikh", "sheik", "imam", "mullah", "emir", "mr", "mr.", "mrs", "mrs.", "ms",
    "ms.", "dr", "dr.", "president", "minister", "senator", "governor", "mayor", "judge", "prince",
    "king", "queen", "pastor", "father", "rev", "rev.", "sen.", "gen.", "col.", "capt.", "lt.",
    "miss", "girlfriend", "boyfriend", "fiance", "fiancee", "fiancé", "fiancée", "sons", "daughters",
    "brothers", "sisters",
))  # fmt: skip  # words that put a person's name right after them ("spokesman Mujahid")
