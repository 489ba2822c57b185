"""Line vocabularies for the text-line cleaner: what page furniture looks like, outlet-agnostic.

Input: one line (or joined paragraph) of already-scraped text. Output: a furniture reason, a
related-link headline, a split-off credit or dateline, or ``None``. Declines: any decision that
needs the rest of the page (position, repetition, body region); those live in ``text.py``.

Each vocabulary collects the wording several outlets use for the same thing (ads, newsletter
pitches, video embeds, share buttons, cookie notices, copyright lines), never one page's strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE

# Whole-line furniture, by reason. Each pattern must match the entire (stripped) line.
_FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, _I))
    for reason, pattern in (
        (
            "advertisement",
            r"(advertisements?|advertising|ads?|adchoices|ad choices|ad feedback|report (this )?ad"
            r"|sponsored( content| links?| stories| post)?|paid (content|post|partner content)"
            r"|promoted( content| stories)?|partner content|presented by\b.{0,40}"
            r"|(the )?(story|article|text) continues (below|after)( (the )?(advertisement|ad))?"
            r"|continue reading( below| the (main )?(story|article))?|scroll (down )?to continue.{0,30}"
            r"|skip (the )?(advertisement|ad)|remove ads?|advertise with us|ad(vertisement)? [-–—:] scroll.{0,30})"
            r"\W*",
        ),
        (
            "newsletter",
            r"(?=.{0,240}$)(?:(sign up|subscribe) (for|to)\b.*"
            r"|.*\b(sign(ing)? up|subscrib\w*|get|receive|join)\b.{0,60}\b(our|free|daily|weekly"
            r"|your|this|the) ([\w'’-]+ ){0,3}(newsletters?|inbox|e-?mail (updates|alerts|briefing))\b.*"
            r"|.*\b(our|free|daily|weekly|this|the) (\w+ ){0,3}(newsletters?)\b.{0,40}\b(sign(ing)? up|subscrib\w*"
            r"|delivered|sent)\b.*|.*\b(sent|delivered) (straight |directly )?to your (e-?mail|inbox|phone)\b.*"
            r"|.*\benter your e-?mail( address)?\b.*|.*\bby (signing up|subscribing),? you agree\b.*"
            r"|(thank(s| you) for (signing up|subscribing)|(you('ve| have)|you're) (now )?(successfully )?"
            r"(subscribed|signed up)).*)",
        ),
        (
            "video-embed",
            r"(click|tap) to (play|watch|view|expand)\b.{0,200}|(watch|video|watch live|live video|listen"
            r"|audio|play video|now playing|up next)\s*[:|–—]\s*.{1,160}|(watch|watch live|play|pause|mute"
            r"|unmute|replay|play video|watch video|video|listen( live)?|live|now playing|up next"
            r"|full screen|closed captions?|(video )?duration:? ?\d{1,2}:\d{2}(:\d{2})?|\d{1,2}:\d{2}(:\d{2})?)"
            r"|(this|the) video (is|has been) (no longer available|removed).{0,40}"
            r"|your browser does not support.{0,60}",
        ),
        (
            "social-share",
            r"((share|tweet|e-?mail|print|pin|save|bookmark|copy( the)? link|link copied|whatsapp|facebook"
            r"|twitter|x|linkedin|reddit|pinterest|messenger|flipboard|telegram|threads|instagram|youtube"
            r"|rss|comments?|reply|like|like this|like loading\W*|loading\W*)"
            r"(\s*(this|the)? *(article|story|page|post|on \w+( \w+)?|via \w+|link))?"
            r"(\s*[|/·•,:]\s*|\s+)?){1,8}"
            r"|(share|follow)( \w+){0,4} on (facebook|twitter|x|linkedin|instagram|whatsapp|email|flipboard"
            r"|rss|youtube|tiktok|threads)\b.{0,60}|click to (share|email|print)\b.{0,60}|opens in (a )?new window"
            r"|\d+\s+(comments?|shares?|replies|responses)|(view|show|read|load|join the|add a) comments?.{0,20}"
            r"|(leave|post) a (comment|reply).{0,30}|comments?\s*\(\d+\)",
        ),
        (
            "cookie-notice",
            r".{0,200}\b(we use cookies|(this|our) (web)?site uses cookies|accept (all )?cookies"
            r"|cookie (policy|settings|preferences|notice)|by continuing to (use|browse))\b.{0,200}",
        ),
        (
            "copyright",
            r"(©|\(c\)|copyright\s*(©|\(c\))?\s*(\d{4}|©)|all rights reserved).{0,200}"
            r"|.{0,200}\b(all rights reserved|may not be (re)?published, broadcast, rewritten or "
            r"redistributed)\W*",
        ),
        (
            "navigation",
            r"(skip to (main )?(content|navigation)|back to top|read more|load more|show more|see more|more"
            r"|menu|main menu|search|home|log ?in|sign ?in|sign up|subscribe( now| today)?|register"
            r"|privacy( policy)?|terms (of|and) (use|service|conditions)|contact us|about us|close"
            r"|next( article| story)?|previous( article| story)?|(next|previous|prev) page|open|toggle.{0,30}"
            r"|you are here:?.{0,80}|breadcrumbs?)\W*"
            r"|([\w&'’.-]+( [\w&'’.-]+){0,3}\s*[>›»]\s*){1,6}[\w&'’.-]+( [\w&'’.-]+){0,3}",  # Home > World > Asia
        ),
        (
            "tags",
            r"(tags?|topics?|filed under|categor(y|ies)|keywords|more about)\s*:\s*.{1,200}",
        ),
        (
            "press-release",
            r"(for (immediate|release|publication)|embargoed?)\b.{0,60}|(news|press|media) release\W*"
            r"|#{3,}|-{1,2}\s*30\s*-{1,2}|-\s*ends?\s*-|ends|\*{3,}|_{3,}|[-=~]{4,}",
        ),
        (
            "contact",
            r"(media |press )?(contacts?|phone|tel|telephone|fax|e-?mail|mobile|web(site)?)\s*[:.]\s*.{2,80}"
            r"|(media|press) (contacts?|enquiries|inquiries)\W*|[\w.+-]+@[\w-]+\.[\w.-]+|\+?[\d ()./-]{7,20}",
        ),
        (
            "timestamp",
            r"((updated|posted|published)\s*:?\s*)?(about |just )?(\d+|an?|one) (sec(ond)?|min(ute)?|h(ou)?r|day|week"
            r"|month|year)s? ago\b.{0,40}|(yesterday|today) at \d{1,2}[:.]\d\d.{0,20}|just now",
        ),
        (
            "page-number",
            r"(page\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(\s*(of|/)\s*\d{1,3})?|page \d{1,3}\b.{0,60}",
        ),
    )
)

_LONGEST_FURNITURE = 480  # no pattern above can match a longer line

# Headers that open a list of other stories; what follows them is not this article.
_RELATED_HEADER = re.compile(
    r"(related( articles?| stories| content| coverage| news| posts| links| reading| topics)?"
    r"|read (more|also|next)|see also|also read|more (stories|news|from\b.{0,40}|on this( story| topic)?"
    r"|in\b.{0,30}|like this)|recommended( for you| reading| stories)?|you (may|might) (also )?(like|enjoy)"
    r"|most (popular|read|viewed|shared|recent)|trending( now| stories)?|editor'?s? picks?"
    r"|top stories|latest (news|stories|headlines)|further reading|don'?t miss|popular (now|stories|posts)"
    r"|what to read next|around the web|from (our|the) (partners|web)|also on\b.{0,30}|in (other|case you"
    r" missed).{0,20}|tags?|topics?|filed under|categor(y|ies)|about the author|(\d+ )?comments?( \(\d+\))?"
    r"|discussion|(leave|post) a (reply|comment)|comments are closed|join the (discussion|conversation)"
    r"|\d+ (thoughts|responses|replies|comments) (on|to) .{1,160}|about (the )?(author|company|ministry"
    r"|department|agency|organi[sz]ation|office|us|\w+ (inc|ltd|llc|corp|group)\.?)"
    r"|more( [\w'’]+){0,3} (stories|news|articles|reads|coverage|videos|posts)"
    r"|(featured|related|top|latest|popular|recommended|trending|sponsored) (videos?|stories|articles|posts|reads)"
    r"|what do you think|(reader|top|top rated|latest|newest|all|view all|show|hide) comments"
    r"|(leia|veja) (também|mais)|você (pode|também pode) gostar.{0,5}|(lee|ver|vea) también|relacionad[oa]s"
    r"|te puede interesar|(à )?lire aussi|voir aussi|sur le même sujet|lesen sie auch|mehr zum thema"
    r"|weitere artikel|kommentare|commentaires|comentarios|comentários|\d+ (kommentare|commentaires"
    r"|comentarios|comentários))( today| now| this week| right now| on \S+( \S+)?)?\s*[:.?]?",
    _I,
)
# The head of one reader comment: "Jane on May 3, 2019 at 4:47 pm said:", "Sam says:".
_COMMENT_HEAD = re.compile(r"(?=.{3,120}$).{1,80}\b(said|says|wrote|commented( on)?|replied)\s*:", _I)
_CLOCK_OR_YEAR = re.compile(r"\d{1,2}:\d{2}|\b(19|20)\d{2}\b|\bago\b", _I)
# A related-link line in one: "READ MORE: <headline>", "Related: <headline>".
_RELATED_INLINE = re.compile(
    r"(?:read more|related(?: stories| articles| coverage| content)?|see also|also see|also read|read also|more"
    r"|also on \w+|more from \w+(?: \w+)?|recommended|read next|watch next|(?:editor'?s )?pick|don'?t miss"
    r"|listen|in case you missed it|more on this|you (?:may|might) (?:also )?(?:like|enjoy)|further reading"
    r"|trending|most read|popular)\s*[:|»›>–—]\s*(?P<h>.{3,})",
    _I,
)

_CREDIT_WORDS = (
    r"(?:(?:AP|AFP|Reuters|EPA|Getty|Getty Images|Shutterstock|Bloomberg|Xinhua|ANP|dpa|PA|CP|UPI"
    r"|Anadolu|NurPhoto|SOPA|Alamy|iStock)\b(?: ?Photos?| Images)?"
    r"|(?:The )?Canadian Press|Associated Press|Agence France-Presse|Handout|Courtesy\b.{0,40}"
    r"|Supplied|File)"
)
# A line that is only a credit: "Photo: Jane Roe/Wire", "(Reuters)", "Getty Images".
_CREDIT_LINE = re.compile(
    r"\(?(?:(?:photo(?:graph)?s?|images?|pictures?|illustration|graphic|video|credits?|file photo"
    r"|photo credit|image credit|source)\s*(?:by|[:/]|credit:?|copyright:?)\s*.{2,80}"
    + r"|(?:[\w.’' -]{1,40}\s*[/|]\s*)?"
    + _CREDIT_WORDS
    + r"(?:\s*[/|]\s*[\w.’' -]{1,40}|\s+via\s+.{2,40})?)\)?",
    _I,
)
# A wire story's closing credit: "(Reporting by Jane Roe; editing by Sam Lee)".
_STAFF_CREDIT = re.compile(
    r"\(?\s*((additional )?reporting|writing|editing|compiled|translated|research|graphics?) by\b.{2,250}\)?"
    # One space between name words (an optional space let a word split many ways: catastrophic backtracking).
    r"|(the )?([\w.]+ ){0,3}(writers?|correspondents?|reporters?|staff) [A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,7}"
    r"(?:(?: and|,) [A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})*"
    r" contributed( to)?( this)? (report|story|reporting|article)\.?",
    _I,
)
# A credit appended after a caption's last sentence: "... falls. AP Photo/Manu Brabo".
_TRAILING_CREDIT = re.compile(
    r"(?P<caption>.*[.!?”\"’)])\s+(?P<credit>\(?(?:[\w.’' -]{1,40}\s*/\s*)?"
    + _CREDIT_WORDS
    + r"(?:\s*[/|]\s*[\w.’' -]{1,40})?\)?|\(?(?:photo|image|picture|credit)s?\s*(?:by|:)\s*.{2,60})",
    _I,
)
_BYLINE = re.compile(
    r"(?i:by|written by|posted by|story by|words by|reporting by|von|par)\s+"
    r"(?P<who>[A-Z][\w.’'-]*(?: (?:and |& )?[A-Z][\w.’'-]*){0,6})(?:\s*[,|•·–—-]\s*.{0,80})?",
)
_BYLINE_INSIDE = re.compile(r"\b(?i:by)\s+(?P<who>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})\W*$")
_AGENCY_DATELINE = r"(?:\s*\((?P<agency>[^)]{2,40})\))?"
_DATED = re.compile(r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*(?:19|20)\d\d)?"  # "Dec. 30", "Dec. 30, 2019"
                    r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+(?:19|20)\d\d)?")  # "30 Dec", "30 December 2019"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z’'.\-]{2,}(?:\s+[A-Z][A-Z’'.\-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?)"
    r"(?:,?\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    + _AGENCY_DATELINE
    + r"\s*(?P<sep>[–—]|--?|:)\s*(?P<rest>[\"“‘'A-Z0-9].*)",
    re.DOTALL,
)


def furniture_reason(line: str) -> str | None:
    """The kind of page furniture a whole line is, or ``None`` if it may be article text."""
    text = line.strip()
    if len(text) > _LONGEST_FURNITURE:
        return None
    for reason, pattern in _FURNITURE:
        if pattern.fullmatch(text):
            return reason
    return None


def related_header(line: str) -> bool:
    """True for a header that opens a list of other stories ("Related", "Most popular", "[ 12 comments ]")."""
    return bool(_RELATED_HEADER.fullmatch(line.strip(" \t[](){}<>|-–—•·")))


def comment_head(line: str) -> bool:
    """True for the header line of a reader comment (an end-of-article marker)."""
    text = line.strip()
    if not _COMMENT_HEAD.fullmatch(text) or len(text.split()) > 16:
        return False
    # "Sam Reyes says:" or "Sam on May 3, 2019 at 4:47 pm said:", never "The minister said:"
    short = len(text.split()) <= 4 and not re.search(r"\bsaid\s*:$", text, _I)
    return short or bool(_CLOCK_OR_YEAR.search(text))


def related_headline(line: str) -> str | None:
    """The headline of a one-line related link ("READ MORE: headline"), else ``None``."""
    found = _RELATED_INLINE.fullmatch(line.strip())
    if not found:
        return None
    headline = found.group("h").strip()
    return headline if len(headline.split()) >= 2 and len(headline) <= 200 else None


def is_credit_line(line: str) -> bool:
    """True for a line that is only a photo/agency credit or a wire story's staff credit."""
    text = line.strip()
    if len(text) <= 300 and _STAFF_CREDIT.fullmatch(text) and (text.startswith("(") or _names_only(text)):
        return True
    return len(text) <= 100 and bool(_CREDIT_LINE.fullmatch(text))


_CREDIT_GLUE = re.compile(
    r"by|and|in|the|a|desk|staff|reporting|editing|writing|additional|compiled|translated|research|graphics"
    r"|from|at|of|with|for|contributed|to|this|report|story|article|writers?|correspondents?|reporters?"
)


def _names_only(text: str) -> bool:
    """True when every lowercase word is credit glue ("by", "and", "desk"), so the rest are names."""
    return all(_CREDIT_GLUE.fullmatch(w) for w in re.findall(r"\b[a-z][\w’'-]*", text))


def split_credit(line: str) -> tuple[str, str | None]:
    """Split a trailing photo credit off a caption: (caption, credit or None)."""
    found = _TRAILING_CREDIT.fullmatch(line.strip())
    if not found:
        return line.strip(), None
    return found.group("caption").strip(), found.group("credit").strip()


def byline_name(line: str, *, inside: bool = False) -> str | None:
    """The author a byline names ("By Jane Roe, Staff Writer"), else ``None``.

    With ``inside`` the byline may follow other words ("Posted on May 3, 2023 by Jane Roe").
    """
    text = line.strip()
    if len(text) > 120:
        return None
    found = _BYLINE_INSIDE.search(text) if inside else _BYLINE.fullmatch(text)
    return found.group("who").strip(" ,") if found else None


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str | None
    rest: str
    when: str | None = None  # the dateline's own date ("Dec. 30"): wire style dates the story there

    @property
    def label(self) -> str:
        """The dateline block's text: the place, then its date when it gives one (the dates stage
        reads it; the place stays first, before any comma, for the places stage)."""
        return f"{self.place}, {self.when}" if self.when else self.place


def split_dateline(paragraph: str) -> Dateline | None:
    """A leading ALL-CAPS dateline ("OTTAWA –", "BEIRUT (Wire) —") split off a paragraph."""
    found = _DATELINE.match(paragraph.strip())
    if not found:
        return None
    place = found.group("place").strip()
    if found.group("sep") == ":" and not found.group("agency"):
        return None  # "NOTE: ..." or "UPDATE: ..." is a label, not a dateline
    if len(found.group("rest").split()) < 4:
        return None
    agency, when = found.group("agency"), found.group("date")
    if agency and _DATED.fullmatch(agency.strip()):  # "KABUL, Afghanistan (Dec. 30) —": a date, no agency
        when = agency.strip()
        agency = None
    return Dateline(place=place, agency=agency, rest=found.group("rest").strip(), when=when)
