"""The clause of an event mention: its predicate, arguments, status and attached phrases.

Input: the article's dependency graph (``DepGraph``) and a trigger token index. Output: a
``records.Clause``: the predicate the trigger belongs to (the trigger itself when it is a verb,
else the verb a nominal trigger hangs from: "carried out an attack"), the clause's extent, its
subject and object, what its grammar says of the event (happened, ongoing, negated, hypothetical,
planned, habitual) with the cue word, tense and aspect, the time and place phrases attached to
this clause (nearest on the dependency path first), and the statement frame it is reported under
("condemned the attack", "called for an investigation into the attack").

Each rule names its reason; the word lists are grammatical (auxiliaries, frequency adverbs,
quantifiers, statement verbs), not drawn from any corpus. The date, place and attribution stages
read the phrases off the clause instead of scanning the sentence, so a date or place that belongs
to a neighbouring clause ("in 1981 she published a book") is not taken for the event's.
"""

from __future__ import annotations

from collections.abc import Callable

from spillwatch.coding.modality import verdict
from spillwatch.coding.patterns import OBJ, STATEMENT_WORDS, DepGraph
from spillwatch.records import Clause, ClauseStatus, Span

# Dependencies that open another predicate's clause: a phrase below them is not this clause's.
CLAUSE_BOUNDARY = ("ccomp", "advcl", "relcl", "parataxis", "csubj", "acl")
# How a nominal trigger reaches its predicate: as an argument, or inside a PP ("killed in an attack").
NOMINAL_UP = ("dobj", "obj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "oprd", "compound", "conj", "appos")
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
TIME_ENTS = ("DATE", "TIME")
PLACE_ENTS = ("GPE", "LOC", "FAC")
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "on", "along",
     "into", "onto", "from", "over", "off", "north", "south", "east", "west", "towards", "toward"}
)  # fmt: skip
# Words that carry time without a DATE entity ("yesterday", "overnight", "on Thursday"): spaCy's
# small model misses some of them as entities.
TIME_WORDS = frozenset(
    {"today", "yesterday", "tonight", "overnight", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday", "morning", "afternoon", "evening", "night", "dawn", "week", "month", "year",
     "weekend", "earlier", "recently", "ago"}
)  # fmt: skip
# Habitual or aggregate readings: frequency adverbs, quantity words over a plural trigger, sums.
FREQUENCY_ADVERBS = frozenset(
    {"often", "frequently", "regularly", "routinely", "usually", "repeatedly", "sometimes", "always",
     "typically", "generally", "commonly", "occasionally", "constantly", "continually", "periodically",
     "daily", "nightly", "weekly", "fortnightly", "monthly", "yearly", "annually"}
)  # fmt: skip
# "every week", "each year": a period noun under every/each, attached to the trigger, is a habit
EVERY_PERIOD = frozenset({"day", "night", "morning", "evening", "week", "weekend", "month", "year", "time"})
# "deployed numerous times" (but "shelled three times on Monday" can be one day's strikes)
MANY_TIMES = frozenset({"numerous", "many", "countless", "multiple"})
AGGREGATE_QUANTIFIERS = frozenset(
    {"numerous", "many", "several", "multiple", "countless", "various", "dozens", "hundreds",
     "thousands", "scores", "frequent", "repeated", "regular", "past"}
)  # fmt: skip
LONG_UNITS = ("week", "month", "year", "decade")  # "a two-day battle" can be one ACLED event; longer spans are not
AGGREGATE_NOUNS = frozenset({"total", "tally", "number", "string", "history", "campaign", "years", "record"})

FRAME_UP = (
    "ccomp",
    "xcomp",
    "dobj",
    "obj",
    "pobj",
    "pcomp",
    "prep",
    "acl",
    "relcl",
    "advcl",
    "conj",
    "nsubj",
    "nsubjpass",
    "compound",
    "amod",
)
MAX_FRAME_DEPTH = 5
REPORTING = frozenset({"say", "tell", "announce", "state", "add", "report", "confirm", "statement"})
OCCASION_PREPS = frozenset({"at", "during", "after", "before", "ahead", "on"})
# verbs whose "to" complement did not happen when they did ("failed to retake", "refused to attend")
NOT_DONE_VERBS = frozenset({"fail", "neglect", "forget", "refuse", "decline"})
FUTURE_MARKS = frozenset({"until", "till", "once", "unless"})  # a present verb after them is a future act
# Modifiers that make a nominal event possible or expected rather than reported ("a pending invasion").
IRREALIS_MODIFIERS: dict[str, ClauseStatus] = {
    "pending": "hypothetical",
    "possible": "hypothetical",
    "potential": "hypothetical",
    "imminent": "hypothetical",
    "threatened": "hypothetical",
    "feared": "hypothetical",
    "expected": "hypothetical",
    "likely": "hypothetical",
    "future": "planned",
    "planned": "planned",
    "proposed": "planned",
    "upcoming": "planned",
    "intended": "planned",
}


def find_clause(g: DepGraph, i: int, first: int, last: int, is_place: Callable[[int], bool] | None = None) -> Clause:
    """The clause of the trigger at token ``i`` in the sentence of tokens ``first``..``last``-1.
    ``is_place`` tells whether a token lies in a place the geo stage found (a gazetteer name the
    NER missed); without it only GPE/LOC/FAC entities count as place names."""
    place_word = _place_test(is_place)
    head = predicate(g, i, first, last)
    inside = _extent(g, head, i)
    frame, frame_subj = _frame(g, head, first, last)
    status, cue = _status(g, i, head, g[frame].lemma.lower() if frame is not None else "")
    tense, aspect = _tense_aspect(g, head)
    subj = next(iter(g.children(head, *SUBJECTS)), None)
    obj = next(iter(g.children(head, *OBJ)), None)
    return Clause(
        trigger=g[i].span,
        head=g[head].span,
        head_lemma=g[head].lemma.lower(),
        extent=g.span(inside),
        status=status,
        cue=cue,
        tense=tense,
        aspect=aspect,
        subject=g.span(g.np_tokens(subj)) if subj is not None else None,
        object=g.span(g.np_tokens(obj)) if obj is not None else None,
        temporal=tuple(_phrases(g, i, head, inside, _is_time)),
        shared_temporal=tuple(_conjunct_times(g, head)),
        places=tuple(_phrases(g, i, head, inside, place_word)),
        frame=g[frame].lemma.lower() if frame is not None else "",
        frame_subject=g.span(g.subtree(frame_subj, ("relcl",))) if frame_subj is not None else None,
        reference=_definite_reference(g, i),
    )


def predicate(g: DepGraph, i: int, first: int, last: int) -> int:
    """The verb the trigger's clause is built on: ``i`` when verbal, else the verb a nominal
    trigger is an argument of ("carried out an attack", "killed in an attack"), staying in the
    sentence. A nominal trigger heads its own phrase when it hangs from a noun ("a book about the
    1974 bombing") or is the topic of a statement word ("condemned the attack"): that verb is
    the frame, not the event's predicate."""
    j = i
    for _ in range(6):
        if g.is_verbal(j) or g[j].head == j or g[j].dep not in NOMINAL_UP:
            break
        up = g[j].head
        if not first <= up < last:
            break
        if g[j].dep == "prep" and not g.is_verbal(up):
            return i  # the PP modifies a noun: "an investigation into the attack"
        j = up
    if not g.is_verbal(j) or (j != i and g[j].lemma.lower() in STATEMENT_WORDS):
        return i
    return j


def _extent(g: DepGraph, head: int, i: int) -> list[int]:
    """The head's subtree without the clauses of other predicates; always holds the trigger's own
    subtree (a nominal trigger's "the attack on Tuesday in Mosul")."""
    if head == i and not g.is_verbal(i):  # a nominal event: its relative clause describes it
        return g.subtree(i, ("ccomp", "parataxis"))
    words = set(g.subtree(head, CLAUSE_BOUNDARY)) | set(g.subtree(i, CLAUSE_BOUNDARY))
    return sorted(words)


def _definite_reference(g: DepGraph, i: int) -> bool:
    """ "the attack", "this bombing", "the deadly blast": a nominal trigger with a definite or
    demonstrative determiner and no place or date phrase of its own, taking up an event already
    told (a first report names it: "an attack", "a suicide bombing in X on Monday")."""
    if g.is_verbal(i):
        return False
    dets = {g[d].lemma.lower() for d in g.children(i, "det")}
    if not dets & {"the", "this", "that", "these", "those"}:
        return False
    return not any(g[j].ent_type in (*TIME_ENTS, *PLACE_ENTS) for j in g.subtree(i) if j != i)


def _verb_above(g: DepGraph, j: int, first: int, last: int) -> int:
    """``j`` when verbal, else the nearest verb above it in the sentence (else ``j``)."""
    for k in [j, *g.ancestors(j)]:
        if not first <= k < last:
            break
        if g.is_verbal(k):
            return k
    return j


def _irrealis_verb_form(g: DepGraph, head: int) -> bool:
    """The predicate is not a finished act: an infinitive ("pledged to send", "ready to fight"),
    a future ("will remain", "going to"), or a gerund or base form under another verb."""
    aux = {g[a].lemma.lower() for a in g.children(head, "aux", "auxpass")}
    if aux & {"to", "will", "shall", "'ll", "wo"}:
        return True
    if not g.is_verbal(head) or (g[head].tag == "VBG" and g[head].dep == "pcomp"):
        return False  # a noun ("announcing ... the shelling") or "after targeting": a done act, not a plan
    if g[head].tag in ("VBZ", "VBP") and any(g[m].lemma.lower() in FUTURE_MARKS for m in g.children(head, "mark")):
        return True  # English puts a future act in the present after "until", "once" ("fight until they retake")
    finite = g[head].tag in ("VBD", "VBZ", "VBP") or (g[head].tag == "VBN" and bool(aux & {"have", "be"}))
    return not finite  # a finite act happened (or happens), whatever governs it


def _conditional(g: DepGraph, head: int) -> bool:
    """An "if" or "unless" clause on the predicate or marking it."""
    marks = [*g.children(head, "mark"), *(m for c in g.children(head, "advcl") for m in g.children(c, "mark"))]
    return any(g[m].lemma.lower() in ("if", "unless") for m in marks)


def _status(g: DepGraph, i: int, head: int, frame: str = "") -> tuple[ClauseStatus, str]:
    """Negated, habitual, hypothetical, planned, ongoing or happened, with the word that says so."""
    negation = _negation(g, i, head)
    if negation:
        return "negated", negation
    habit = _habitual(g, i, head)
    if habit:
        return "habitual", habit
    for m in g.children(i, "amod") if head == i else ():  # "mounted its long-threatened invasion" happened
        word = g[m].text.lower()
        if (mood := IRREALIS_MODIFIERS.get(word, IRREALIS_MODIFIERS.get(g[m].lemma.lower()))) is not None:
            return mood, word
    v = verdict(g, i)
    if v.assessment is not None:
        return "hypothetical", v.assessment
    if v.modality == "denied":
        return "denied", ""  # a denial or refusal governs it: disputed, not negated by the text
    if v.modality == "hypothetical":
        aux = _aux_word(g, head)
        if aux == "would" and frame in REPORTING and not _conditional(g, head):
            return "planned", aux  # "said they would boycott": a reported intention, not a supposition
        return "hypothetical", aux
    if v.modality == "planned":
        if not _irrealis_verb_form(g, head):
            return "happened", ""  # "a jet shot down a helicopter" under "announced", "commit a massacre"
        return "planned", _aux_word(g, head)
    if v.modality == "ongoing":
        return "ongoing", _aux_word(g, head)
    return "happened", ""


def _aux_word(g: DepGraph, head: int) -> str:
    return next((g[a].text.lower() for a in g.children(head, "aux", "auxpass")), "")


def _negation(g: DepGraph, i: int, head: int) -> str:
    """ "did not attack", "no civilians were injured", "nobody was hurt", "never fired"."""
    for j in {i, head}:
        for n in g.children(j, "neg"):
            return g[n].text.lower()
        up = g[j].head
        if g[j].dep == "xcomp" and up != j and g[up].lemma.lower() in NOT_DONE_VERBS:
            return g[up].text.lower()  # "failed to recapture the town": the act did not happen
        for d in g.children(j, "det"):
            if g[d].lemma.lower() == "no":
                return "no"
    for o in g.children(head, *OBJ) if g.is_verbal(head) else ():
        if any(g[d].lemma.lower() == "no" for d in g.children(o, "det")):
            return "no"  # "gave no weapons": nothing was given
    for s in g.children(head, "nsubj", "nsubjpass"):
        if g[s].lemma.lower() in ("nobody", "none", "nothing", "no-one"):
            return g[s].text.lower()
        if any(g[d].lemma.lower() == "no" for d in g.children(s, "det")):
            return "no"  # "no one was injured", "no civilians were harmed"
    return ""


def _habitual(g: DepGraph, i: int, head: int) -> str:
    """A repeated or summed event rather than one happening: "often attacks", "numerous attacks",
    "a total of 563 strikes", "responsible for attacks over the years", "used to raid"."""
    for j in {i, head}:
        for a in g.children(j, "advmod"):
            if g[a].lemma.lower() in FREQUENCY_ADVERBS:
                return g[a].text.lower()
        for a in g.children(j, "dobj", "npadvmod"):  # the small parser reads a bare "weekly" as a noun
            if g[a].text.lower() in FREQUENCY_ADVERBS and not g.children(a, "det"):
                return g[a].text.lower()
        for n in g.children(j, "npadvmod"):
            words = {g[m].lemma.lower() for m in g.children(n, "det", "amod")}
            if g[n].lemma.lower() in EVERY_PERIOD and words & {"every", "each"}:
                return f"every {g[n].lemma.lower()}"
            if g[n].lemma.lower() == "time" and words & MANY_TIMES:
                return f"{sorted(words & MANY_TIMES)[0]} times"
    if g[i].tag in ("NNS", "NNPS"):
        for m in g.children(i, "amod", "det", "nummod", "quantmod"):
            if g[m].lemma.lower() in AGGREGATE_QUANTIFIERS:
                return g[m].text.lower()
        up = g[i].head
        if g[i].dep == "pobj" and g[up].lemma.lower() == "of" and g[g[up].head].lemma.lower() in AGGREGATE_NOUNS:
            return g[g[up].head].text.lower()  # "a total of 563 strikes", "dozens of attacks"
        if g[i].dep == "pobj" and g[up].lemma.lower() == "of" and g[g[up].head].lemma.lower() in AGGREGATE_QUANTIFIERS:
            return g[g[up].head].text.lower()
    for m in g.children(i, "amod", "compound"):  # "a months-long battle", "the four-year siege": a stretch
        long_ = g.children(m, "npadvmod") if g[m].lemma.lower() == "long" else []  # "months-long"
        units = [m] if g.children(m, "nummod") else long_  # "four-year"
        if any(g[n].lemma.lower() in LONG_UNITS for n in units):
            return f"{g[units[0]].lemma.lower()}-long"
    up = g[i].head  # "after weeks of bombing", "years of war": a stretch of them, not one happening
    span = g[g[up].head]
    if g[i].dep == "pobj" and g[up].lemma.lower() == "of" and span.tag == "NNS" and span.lemma.lower() in LONG_UNITS:
        return span.text.lower()
    if g[head].lemma.lower() == "use" and "to" in {g[a].lemma.lower() for a in g.children(i, "aux")}:
        return "used to"
    return ""


def _tense_aspect(g: DepGraph, head: int) -> tuple[str, str]:
    aux = {g[a].lemma.lower() for a in g.children(head, "aux", "auxpass")}
    tag = g[head].tag
    if aux & {"will", "shall"}:
        tense = "future"
    elif tag == "VBD" or any(g[a].tag == "VBD" for a in g.children(head, "aux", "auxpass")):
        tense = "past"
    elif tag in ("VBZ", "VBP") or any(g[a].tag in ("VBZ", "VBP") for a in g.children(head, "aux", "auxpass")):
        tense = "present"
    else:
        tense = ""
    if tag == "VBG" and "be" in aux:
        aspect = "progressive"
    elif tag == "VBN" and "have" in aux:
        aspect = "perfect"
    elif g.is_verbal(head):
        aspect = "simple"
    else:
        aspect = ""
    return tense, aspect


def _is_time(g: DepGraph, j: int) -> bool:
    tok = g[j]
    attached = tok.dep in ("npadvmod", "tmod", "pobj", "advmod")
    return tok.ent_type in TIME_ENTS or (tok.lemma.lower() in TIME_WORDS and attached)


def _place_test(is_place: Callable[[int], bool] | None) -> Callable[[DepGraph, int], bool]:
    def test(g: DepGraph, j: int) -> bool:
        named = g[j].ent_type in PLACE_ENTS or (is_place is not None and g[j].pos == "PROPN" and is_place(j))
        return named and _locative(g, j)

    return test


def _locative(g: DepGraph, j: int) -> bool:
    """A name in a locative position: under a locative preposition, or the object or subject of
    the clause ("captured Mosul", "Mosul was shelled")."""
    k = j
    while g[k].dep in ("compound", "amod", "conj", "appos", "poss", "nmod") and g[k].head != k:
        k = g[k].head
    if g[k].dep == "pobj":
        return g[g[k].head].lemma.lower() in LOCATIVE_PREPS
    return g[k].dep in ("dobj", "obj", "npadvmod", "ROOT", "nsubj", "nsubjpass")


def _phrases(g: DepGraph, i: int, head: int, inside: list[int], keep: Callable[[DepGraph, int], bool]) -> list[Span]:
    """Maximal runs of tokens in the clause that ``keep`` accepts (an entity's words together),
    ordered by their distance to the trigger on the dependency path, then in the text."""
    hits = [j for j in inside if keep(g, j)]
    runs: list[list[int]] = []
    for j in hits:
        if runs and j == runs[-1][-1] + 1 and (g[j].ent_iob != "B" or not g[j].ent_type):
            runs[-1].append(j)
        else:
            runs.append([j])
    order = sorted(runs, key=lambda run: (min(_distance(g, i, head, j) for j in run), run[0]))
    return [g.span(run) for run in order]


def _conjunct_times(g: DepGraph, head: int) -> list[Span]:
    """The time phrases of the verb ``head`` is conjoined to, outside ``head``'s own branch: in "on
    March 11 he overpowered a guard and seized her weapon" the time of the first verb holds for the
    second, which names none (a conjunct with a time of its own keeps it: ``clause_date`` reads
    these last). Only the first conjunct's own clause words, not its other clauses'."""
    if g[head].dep != "conj" or g[head].head == head or not g.is_verbal(g[head].head):
        return []
    first = g[head].head
    words = [j for j in g.subtree(first, (*CLAUSE_BOUNDARY, "conj")) if j != head]
    return _phrases(g, first, first, words, _is_time)


def _distance(g: DepGraph, i: int, head: int, j: int) -> int:
    """Edges between token ``j`` and the trigger (through the predicate when that is shorter)."""
    up_j = [j, *g.ancestors(j)]
    best = len(g.tokens)
    for anchor, extra in ((i, 0), (head, 1)):
        up_a = [anchor, *g.ancestors(anchor)]
        common = next((k for k in up_j if k in up_a), None)
        if common is not None:
            best = min(best, up_j.index(common) + up_a.index(common) + extra)
    return best


def _frame(g: DepGraph, head: int, first: int, last: int) -> tuple[int | None, int | None]:
    """The statement word the clause is embedded under, and its subject: "X condemned the attack",
    "a group called for an investigation into the attack that killed 13", "police said ... fired"."""
    j = head
    for _ in range(MAX_FRAME_DEPTH):
        if g[j].head == j or g[j].dep not in FRAME_UP:
            return None, None
        j = g[j].head
        if not first <= j < last:
            return None, None
        if g[j].dep == "prep" and g[j].lemma.lower() in OCCASION_PREPS:
            return None, None  # "said at the meeting": the event is the statement's occasion, not its topic
        if g[j].lemma.lower() in STATEMENT_WORDS:
            verb = _verb_above(g, j, first, last)
            subj = next(iter(g.children(verb, "nsubj", "nsubjpass")), None)
            return j, subj
    return None, None


def status_reason(clause: Clause) -> str:
    """One line saying why a clause's status keeps its mention out of the events."""
    what = {
        "negated": "negated",
        "habitual": "habitual or aggregate",
        "hypothetical": "hypothetical or forecast",
        "planned": "planned or intended, not yet done",
        "denied": "denied by its own actor",
    }.get(clause.status, clause.status)
    return f"{what} ('{clause.cue}')" if clause.cue else what
