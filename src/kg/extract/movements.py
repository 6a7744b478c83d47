"""Relocations (people moving from one place to another) and transfers of responsibility.

Takes a sentence :class:`~kg.extract.view.View` with a verb or noun of moving and returns its
:class:`~kg.extract.frames.Frame`:

- a ``Relocation``: ``relocatedFrom`` ("from X", "left X", "the residents of X", "the MEK in X"),
  ``relocatedTo`` ("to / for / into Y" and the places listed with it: "to several European
  countries, including Albania, Germany and Spain"), ``participant`` (who moved: the subject, "the
  relocation of X"), ``numberOfPeople`` ("about 1,000 MEK members"), a date;
- a ``TransferOfResponsibility`` when actors, not places, are on both ends ("transferred the
  responsibility for the MEK from the US to the Iraqi government"): ``transferredFrom`` (also the
  subject who transfers), ``transferredTo``, ``responsibilityFor``, a date.

A person travelling is a trip, not a relocation; "would be relocated" is not a move that happened.
"""

from __future__ import annotations

import re

from kg.extract.frames import Actor, Frame, date_facts, nearest_date, new_frame, slot
from kg.extract.linking import EntityMention
from kg.extract.quantities import QUANTITY, parse_quantity
from kg.extract.view import View

__all__ = ["PEOPLE", "RELOCATION", "count_of_people", "relocation_frame"]

RELOCATION = re.compile(
    r"\b(?:relocat(?:ed|ion|e|es|ing)|moved|move|transferred|transfer|travell?ed|ventured|"
    r"journeyed|evacuated|resettled|resettlement|deported|departure|left|leaves|leaving|"
    r"arrived|arrive|arrives|arrival|convoy|bused|bussed|transported|fled|flew)\b",
    re.I,
)
PEOPLE = (
    r"(?:members|people|residents|persons|refugees|exiles|supporters|individuals|families|"
    r"fighters|soldiers|civilians|[A-Z][a-z]+(?:is|ians|ites|ans|ese))"
)
_COUNT = re.compile(
    rf"(?P<q>(?i:{QUANTITY}))\s+(?:(?:[A-Z(][\w()’'-]*|of\s+the|of)\s+){{0,4}}?{PEOPLE}\b"
)
_MODAL = re.compile(
    r"\b(?:would|will|could|should|may|might|(?<!forced\s)(?<!had\s)(?<!began\s)"
    r"(?<!started\s)(?<!managed\s)to|prevent|expedite|attempted\s+to)\s+(?:\w+\s+){0,2}?$",
    re.I,
)
_LIST_GAP = re.compile(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?", re.I)
#: "to prevent 1,000 members from leaving": a move that did not happen.
_PREVENTED = re.compile(
    r"\b(?:prevent|stop|bar|ban|block|forbid|keep)\w*\s+(?:[\w(),’'-]+\s+){0,6}?from\s+$", re.I
)
_CLAUSE_BREAK = re.compile(r"\b(?:until|when|whereas|because|although|which|who)\b|[;]")
_HANDOVER = re.compile(r"\b(?:responsibility|protection|control|custody|security)\b", re.I)


def count_of_people(
    view: View, start: int, end: int, trigger: int | None = None
) -> tuple[int, str | None] | None:
    """The first head count ("about 1,000 MEK (PMOI) members") between *start* and *end*, in the
    clause of the *trigger* word if one is given."""
    for match in _COUNT.finditer(view.doc, start, view.sentence.end):
        if match.start() >= end:
            break
        if trigger is not None and _CLAUSE_BREAK.search(
            view.doc[min(match.end(), trigger) : max(match.end(), trigger)]
        ):
            continue  # "was home to 3,400 members until they were relocated": another clause
        q = parse_quantity(match.group("q"))
        if re.search(
            r"\b(?:all\s+but|except|but)\s+$", view.doc[match.start() - 10 : match.start()]
        ):
            continue  # "all but 100 residents": not the count of those who moved
        if (
            q
            and isinstance(q.value, int)
            and not re.fullmatch(r"(?:1[89]|20)\d\d", match.group("q"))
        ):
            return q.value, q.qualifier
    return None


def _listed(view: View, first: EntityMention, stop: int) -> list[EntityMention]:
    """*first* and the places listed after it ("to Albania, Germany and Spain")."""
    out = [first]
    for m in view.mentions:
        if m.start <= out[-1].start or m.start >= stop or view.place(m) is None:
            continue
        if not _LIST_GAP.fullmatch(view.doc[out[-1].end : m.start]):
            break
        out.append(m)
    return out


def _after_word(
    view: View, words: str, cls: str, start: int, stop: int, *, span: int = 30
) -> EntityMention | None:
    """The first *cls* mention right after one of *words* (an adjective may come between)."""
    pattern = re.compile(
        rf"\b(?:{words})\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
        rf"(?:(?:several|other|various|\w+ern)\s+)?",
        re.I,
    )
    for match in pattern.finditer(view.doc, start, stop):
        for m in view.of(cls):
            gap = view.doc[match.end() : m.start]
            if match.end() <= m.start < min(stop, match.end() + span) and re.fullmatch(
                r"(?:[\w-]+\s+)?", gap
            ):
                return m
    return None


def _place_after(
    view: View, words: str, start: int, stop: int, *, span: int = 30
) -> EntityMention | None:
    """The first place (or state named as a place) right after one of *words*."""
    found = _after_word(view, words, "Location", start, stop, span=span)
    state = _after_word(view, words, "Government", start, stop, span=span)
    if state is not None and view.place(state) and (found is None or state.start < found.start):
        return state
    return found


def _destinations(view: View, pos: int, stop: int) -> list[EntityMention]:
    first = _place_after(view, "to|for|into|including", pos, stop)
    return [] if first is None else _listed(view, first, stop)


def _transfer(
    view: View, pos: int, end: int, src: EntityMention | None, dst: EntityMention, actor: Actor
) -> Frame:
    frame = new_frame(view, "TransferOfResponsibility", "Transfer of responsibility")
    giver = src or view.subject_before(pos, ("Organisation", "Group"))
    slot(frame, view, "transferredFrom", giver, "transfer-from", 0.75, actor)
    slot(frame, view, "transferredTo", dst, "transfer-to", 0.75, actor)
    what = _after_word(
        view,
        r"(?:responsibility|protection|control|custody|security)\s+(?:for|of)",
        "Actor",
        view.start,
        end,
    )
    slot(frame, view, "responsibilityFor", what, "transfer-for", 0.65, actor)
    return frame


def relocation_frame(view: View, trigger: re.Match[str], actor: Actor) -> Frame | None:
    """The relocation or transfer of responsibility the sentence reports, if any."""
    pos = view.start + trigger.start()
    end = view.sentence.end
    stop = re.search(r"[;]|\b(?:where|when|which|who)\b", view.doc[pos:end])
    if stop:
        end = pos + stop.start()
    dst_actor = _after_word(view, "to", "Actor", pos, end, span=20)
    src_actor = _after_word(view, "from", "Actor", pos, end, span=20)
    handover = _HANDOVER.search(view.doc[view.start : end])
    if dst_actor and (handover or (src_actor and view.place(dst_actor) is None)):
        frame = _transfer(view, pos, end, src_actor, dst_actor, actor)
        return _dated(view, frame, pos)
    if _MODAL.search(view.doc[view.start : pos]) or _PREVENTED.search(view.doc[view.start : pos]):
        return None
    mover = view.subject_before(pos)
    owner = next(
        (
            m
            for m in view.of(("Organisation", "Group"))
            if re.fullmatch(r"[’']s\s+(?:[\w-]+\s+)?", view.doc[m.end : pos])
        ),
        None,
    )
    mover = owner or mover  # "the MEK's forced relocation"
    if mover is not None and view.is_a(mover.entity, "Person"):
        return None  # a person's trip, not a relocation
    origins = _origins(view, pos, end, mover)
    targets = [m for m in _destinations(view, pos, end) if m not in origins]
    if not targets and not origins:
        return None
    frame = new_frame(view, "Relocation")
    if not origins and mover is not None and mover.entity in view.homes:
        home = view.homes[mover.entity]  # "the Ashraf residents moved to …": from their camp
        if home not in {m.entity for m in targets}:
            frame.facts.append(
                view.fact(frame.node.id, "relocatedFrom", home, "relocation-home", 0.6)
            )
    for m in origins:
        slot(frame, view, "relocatedFrom", m, "relocation-from", 0.8, actor)
    for m in targets:
        slot(frame, view, "relocatedTo", m, "relocation-to", 0.8, actor)
    who = mover or view.after(
        pos, rf"\b{re.escape(trigger.group())}\s+of\s+(?:the\s+)?", "Actor", span=25
    )
    slot(frame, view, "participant", who, "relocation-participant", 0.7, actor)
    count = count_of_people(view, view.start, end, pos)
    if count:
        value, qualifier = count
        frame.facts.append(
            view.fact(frame.node.id, "numberOfPeople", value, "relocation-count", 0.7, qualifier)
        )
    return _dated(view, frame, pos)


def _origins(view: View, pos: int, end: int, mover: EntityMention | None) -> list[EntityMention]:
    first = _place_after(view, r"from|left|leave|leaving|out\s+of", pos, end)
    if first is None and mover is not None:
        # "MEK supporters from the US and the EU travelled …", "the MEK in Iraq were evacuated"
        first = _place_after(view, "from|in", mover.end, mover.end + 12)
    return [] if first is None else _listed(view, first, end)


def _dated(view: View, frame: Frame, pos: int) -> Frame:
    date = nearest_date(view, pos)
    if date:
        frame.facts.extend(date_facts(view, frame.node.id, date, 0.8))
    return frame
