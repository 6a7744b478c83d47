"""Other events: what actors did — founded, banned, investigated, negotiated, resigned, fought.

Takes a sentence :class:`~kg.extract.view.View` without an attack, a relocation or an agreement
and returns a :class:`~kg.extract.frames.Frame` per clause whose verb is in a lexicon:

- hostile actions (``Blockade``: banned, blocked, besieged, harassed, deprived …; ``Abduction``:
  abducted, kidnapped, detained …): the subject is the ``perpetrator`` ("X banned …", "… harassed
  by X"), the actor or place acted on the ``target`` ("banned all visits to Camp Ashraf", "the
  residents are harassed");
- other actions (``Establishment``: formed, founded, established; ``Investigation``:
  investigation, monitored, visited; ``Negotiation``; ``Withdrawal``; ``Appointment``;
  ``Resignation``; ``War``: "X and Y were at war", "a war between X and Y"; ``PoliticalAction``:
  campaign, protested, arrived at, adopted measures …): the subject — and the subjects
  coordinated with it ("The European Parliament, the British Parliament … adopted") — are
  ``participant`` s; an investigation's object is its ``target``;
- ``location``: the place the clause puts the action at ("at / in / to / into / near X");
- a date.

A modal or negated verb ("would ban", "refused to investigate") is not an action that happened,
and a definite noun ("his reports on the blockade") refers to an action told before.
"""

from __future__ import annotations

import re

from kg.extract.frames import Actor, Frame, date_facts, nearest_date, new_frame, slot
from kg.extract.linking import EntityMention
from kg.extract.view import View

__all__ = ["action_frames"]

#: (class, trigger, whether the subject is the perpetrator rather than a participant)
_ACTIONS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        "Blockade",
        re.compile(
            r"\b(?:refused\s+to\s+(?:allow|let|permit)|did\s+not\s+(?:allow|let|permit)|"
            r"banned|bans|blocked|blocking|blockade|besieged|siege|barred|impeded|impede|block|"
            r"ban|surround(?:ed)?|subjected|"
            r"cut\s+(?:\w+\s+){0,3}off|harass(?:ed|ing|ment)|intimidat(?:ed|ion)|deprived|"
            r"confiscated|restricted|denied\s+(?:\w+\s+){0,2}(?:requests?|access|entry|visits?))\b",
            re.I,
        ),
        True,
    ),
    (
        "Abduction",
        re.compile(r"\b(?:abduct(?:ed|ion)|kidnapp(?:ed|ing)|detained|arrested)\b", re.I),
        True,
    ),
    (
        "Appointment",
        re.compile(r"\b(?:was|were|been|is)\s+appointed\b|\bappointment\s+of\b", re.I),
        False,
    ),
    (
        "Resignation",
        re.compile(
            r"\bresign(?:ed|s|ation)\b|\bleft\s+(?:the|their|his|her)\s+(?:organi[sz]ation|post|"
            r"job|office|mission)\b",
            re.I,
        ),
        False,
    ),
    (
        "Establishment",
        re.compile(r"\b(?:formed|founded|established|set\s+up)\b", re.I),
        False,
    ),
    (
        "Withdrawal",
        re.compile(r"\b(?:withdr[ae]w|withdrawal|pulled\s+out|handed\s+over)\b", re.I),
        False,
    ),
    (
        "Investigation",
        re.compile(
            r"\b(?:investigat(?:ion|ed)|inquiry|monitor(?:ed|ing)|visited|inspected|assessed)\b",
            re.I,
        ),
        False,
    ),
    ("Negotiation", re.compile(r"\bnegotiat(?:ed|ions?)\b", re.I), False),
    (
        "War",
        re.compile(
            r"\b(?:were|was)\s+(?:at|in)\s+(?:\w+\s+){0,5}?war\b|\bwar\s+(?:between|with)\b|"
            r"\bwar\s+(?:began|started|broke\s+out|erupted)\b",
            re.I,
        ),
        False,
    ),
    (
        "PoliticalAction",
        re.compile(
            r"\b(?:campaign|campaigned|protested|rallied|demonstrated|gathering|lobbied|"
            r"arrived\s+(?:at|in)|offered|proposed|consolidated|recogni[sz]ed|"
            r"granted|legislation|introduced\s+bills?|adopted|declared\s+(?:itself|themselves))\b",
            re.I,
        ),
        False,
    ),
)
_NOT_DONE = re.compile(
    r"\b(?:would|will|could|should|may|might|refused\s+to|failed\s+to|not|never|no)\s+(?:\w+\s+)?$",
    re.I,
)
_PLACE = re.compile(r"\b(?:at|in|to|into|inside|near|around|outside)\s+(?:the\s+)?", re.I)
_NOUN = re.compile(
    r"(?i:blockade|siege|harassment|intimidation|abduction|appointment|resignation|withdrawal|"
    r"investigation|inquiry|negotiations?|campaign|gathering|legislation)$"
)
_KNOWN = re.compile(r"\b(?:the|this|that|these|those|his|her|its|their)\s+(?:[\w-]+\s+)?$", re.I)
_PASSIVE = re.compile(
    r"^\s*(?:(?:has|have|had)\s+)?(?:(?:was|were|is|are|been|being)\s+)+(?:\w+ly\s+)?$", re.I
)
#: A verb that makes its subject the doer of a noun ("mounted a campaign", "imposed a siege").
_LIGHT = re.compile(
    r"\b(?:mounted|launched|imposed|began|started|conducted|carried\s+out|organi[sz]ed|held|"
    r"passed|introduced|led|staged|waged|opened|made|undergoing|underwent|undergo|undergoes)\s+"
    r"(?:[\w-]+\s+){0,3}$",
    re.I,
)
_CLAUSES = re.compile(
    r";|,\s+(?:and|but|while|whilst)\s+|,\s+(?=(?:when|after|before|until)\s)|"
    r"\s+and\s+(?=(?:then|later|also)?\s*[a-z]+ed\b)"
)
_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", re.I)


def _place(view: View, start: int, stop: int) -> EntityMention | None:
    """The first place right after "at / in / to / into / near" (an adjective may come between,
    but not after "to": "to bomb Camp Ashraf" is not where)."""
    for match in _PLACE.finditer(view.doc, start, stop):
        gap_ok = r"" if match.group().lower().startswith("to") else r"(?:[a-z]+(?:ern|ed|al)\s+)?"
        for m in view.of("Location"):
            gap = view.doc[match.end() : m.start]
            if match.end() <= m.start < stop and re.fullmatch(gap_ok, gap):
                return m
    return None


def _coordinated(view: View, subject: EntityMention) -> list[EntityMention]:
    """*subject* and the actors listed before it ("A, B, and C adopted …")."""
    out = [subject]
    for m in reversed(view.of(("Actor", "Country"))):
        if m.end <= out[-1].start and _LIST_GAP.fullmatch(view.doc[m.end : out[-1].start]):
            out.append(m)
        elif m.end <= out[-1].start:
            break
    return out


def _war(view: View, frame: Frame, pos: int, word: str, actor: Actor) -> None:
    if re.match(r"war\s+(?:began|started|broke|erupted)", word, re.I):
        return
    if word.lower().startswith("war"):
        after = pos + len(word)
        sides = [m for m in view.of(("Actor", "Country")) if after <= m.start < after + 60]
    else:
        subject = view.subject_before(pos)
        sides = _coordinated(view, subject) if subject else []
    for m in sides:
        slot(frame, view, "participant", m, "war-sides", 0.6, actor)


def _frame(
    view: View, cls: str, pos: int, word: str, hostile: bool, end: int, actor: Actor
) -> Frame:
    frame = new_frame(view, cls, at=pos)
    frame.at = pos
    if cls == "War":
        _war(view, frame, pos, word, actor)
        began = re.search(r"\b(?:began|started|broke\s+out|erupted)\b", word)
        date = nearest_date(view, pos) if began else None
        if date is not None and date.single:  # "The war began on September 20, 1980"
            frame.facts.append(view.fact(frame.node.id, "startDate", date.single, "war-began", 0.7))
        return frame
    subject = view.clause_subject(pos)
    passive = subject is not None and _PASSIVE.match(view.doc[subject.end : pos])
    agent = view.after(pos, r"\bby\s+(?:the\s+)?", "Actor", span=25)
    place = _place(view, pos, end)
    if _NOUN.match(word) and not _LIGHT.search(view.doc[view.start : pos]):
        # a noun without a verb making the subject its doer: only "MEK gathering", "by X"
        subject = next(
            (m for m in view.mentions if re.fullmatch(r"\s+", view.doc[m.end : pos])), None
        )
        passive = False
    if hostile:
        doer = agent if passive or subject is None else subject
        slot(frame, view, "perpetrator", doer, f"{cls.lower()}-agent", 0.65, actor)
        if passive and subject is not None:
            slot(frame, view, "target", subject, f"{cls.lower()}-undergoer", 0.6, actor)
            home = view.homes.get(subject.entity)
            if home is not None and place is None:
                frame.facts.append(
                    view.fact(frame.node.id, "location", home, "residents-home", 0.55)
                )
        if place is not None:
            if re.search(r"\b(?:to|into|on|against)\s+(?:the\s+)?$", view.doc[pos : place.start]):
                slot(frame, view, "target", place, f"{cls.lower()}-object", 0.6, actor)
            slot(frame, view, "location", place, f"{cls.lower()}-location", 0.6, actor)
        cut = re.match(r"cut\s+(?:the\s+)?", word)
        victim = view.after(
            pos, rf"{re.escape(word[: cut.end()] if cut else word)}\s*(?:the\s+)?", "Actor", span=5
        )
        victim = victim or view.after(pos, r"\b(?:to|against|on)\s+(?:the\s+)?", "Actor", span=5)
        if victim is not None and victim.start < end:
            slot(frame, view, "target", victim, f"{cls.lower()}-object", 0.6, actor)
        return frame
    if passive and cls != "Appointment":
        who = [agent] if agent else []
        if agent is not None:  # "recognized as asylum seekers by the UNHRC"
            slot(frame, view, "target", subject, f"{cls.lower()}-undergoer", 0.55, actor)
    else:
        who = _coordinated(view, subject) if subject else []
    if cls == "Negotiation":
        who += [
            m for m in [view.after(pos, r"\bwith\s+(?:the\s+)?", ("Actor", "Country"), span=5)] if m
        ]
    for m in who:
        slot(frame, view, "participant", m, f"{cls.lower()}-subject", 0.6, actor)
    if cls == "Investigation":
        of = view.after(pos, r"\b(?:of|into)\s+(?:the\s+)?", "Actor", span=5)
        slot(frame, view, "target", of, "investigation-of", 0.6, actor)
    if cls == "Withdrawal" and place is None:  # "withdrew from Iraq"
        place = view.after(pos, r"\bfrom\s+(?:the\s+)?", "Location", span=5)
    slot(frame, view, "location", place, f"{cls.lower()}-location", 0.6, actor)
    return frame


def action_frames(view: View, actor: Actor, *, skip: list[int] | None = None) -> list[Frame]:
    """The actions the sentence reports, one per clause whose verb is in the lexicon.

    Clauses holding a position of *skip* (the triggers of the sentence's other events) are left.
    """
    out: list[Frame] = []
    bounds = [view.start, *(view.start + m.end() for m in _CLAUSES.finditer(view.text))]
    ends = [*(view.start + m.start() for m in _CLAUSES.finditer(view.text)), view.sentence.end]
    for c_start, c_end in zip(bounds, ends, strict=True):
        if any(c_start <= at < c_end for at in skip or ()):
            continue
        clause = view.doc[c_start:c_end]
        for cls, pattern, hostile in _ACTIONS:
            trigger = pattern.search(clause)
            if trigger is None:
                continue
            pos = c_start + trigger.start()
            lead = view.doc[max(view.start, pos - 30) : pos]
            if (_NOT_DONE.search(lead) and cls != "Blockade") or (
                _NOUN.match(trigger.group()) and _KNOWN.search(lead)
            ):
                continue  # "would ban", "his reports on the blockade": not an action told here
            frame = _frame(view, cls, pos, trigger.group(), hostile, c_end, actor)
            date = nearest_date(view, pos) if cls != "War" else None
            if date:
                frame.facts.extend(date_facts(view, frame.node.id, date, 0.75))
            if any(f.predicate != "date" for f in frame.facts):
                out.append(frame)
                break
    return out
