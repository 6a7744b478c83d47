"""Attacks: who attacked whom, where, when, on whose orders, with what losses.

Takes a sentence :class:`~kg.extract.view.View` whose text reports an attack (a verb or noun of
attack, or casualty figures with a violent verb) and returns its :class:`~kg.extract.frames.Frame`:

- ``perpetrator``: "by X", "X attacked / launched … / fired …", "airstrikes from X";
- ``orderedBy``: "under the (direct) order / command of X", "at the behest / direction of X",
  "ordered by X"; a person who "launched" an attack ordered it;
- ``target``: "attacked X", "against X", "on X" (an actor), the victims of the casualty figures,
  the undergoer ("X suffered attacks", "X was targeted / under attack", "X were the target of");
  a place attacked directly ("bombed Camp Ashraf") is target and location;
- ``location``: "on / at / in / into / near / entered" a place;
- ``participant``: "also participating … were X, Y and Z";
- the date nearest the trigger and the casualty figures.
"""

from __future__ import annotations

import re

from kg.extract.casualties import Casualty
from kg.extract.frames import (
    Actor,
    Frame,
    casualty_facts,
    date_facts,
    nearest_date,
    new_frame,
    slot,
)
from kg.extract.linking import EntityMention
from kg.extract.view import View

__all__ = ["ATTACK", "VIOLENT", "attack_frame", "attack_trigger"]

ATTACK = re.compile(
    r"(?<![\w-])(?:attack(?:s|ed|ing)?|assault(?:s|ed)?|(?:air)?strikes?|struck|bomb(?:ed|ing|ings|"
    r"arded|ardments?)|shell(?:ed|ing)|raid(?:s|ed)?|stormed|invaded|invasion|shot|shooting|"
    r"opened\s+fire|fired|ambush(?:ed)?|massacre[ds]?|offensives?|counter-?attacks?|barrage|"
    r"battled?|fought|clash(?:ed|es)?|"
    r"(?:rockets?|missiles?|mortars?)\s+(?:\w+\s+){0,3}?(?:hit|landed|fell|launched|slammed))\b",
    re.I,
)
VIOLENT = re.compile(r"\b(?:killed|killing|murder\w*|massacre\w*|shot|wounded|wounding)\b", re.I)
_VERB = re.compile(
    r"^(?:attacked|assaulted|struck|bombed|bombarded|shelled|raided|stormed|invaded|shot|opened|"
    r"fired|ambushed|massacred|battled|fought|clashed|rockets?|missiles?|mortars?)",
    re.I,
)
_ACTIVE = re.compile(
    r"\b(?:launched|carried\s+out|mounted|staged|conducted|perpetrated|initiated|instigated|"
    r"crossed|entered|followed\s+\w+\s+up|"
    r"(?<!were\s)(?<!was\s)(?<!been\s)(?:killed|murdered|massacred))\b",
    re.I,
)
_UNDERGOER = re.compile(
    r"\b(?:suffered|endured|survived|subject\s+to|faced|vulnerable|victims?)\b", re.I
)
_PASSIVE_TARGET = re.compile(
    r"^\s*(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being)\s+(?:(?:often|\w+ly)\s+)?"
    r"(?:under|targeted|attacked|the\s+targets?\s+of|hit|struck|bombed|shelled|raided|stormed|"
    r"assaulted)|(?:\w+ly\s+)?(?:suffered|endured|survived|faced|came\s+under)|"
    r"(?:were|was)\s+subject\s+to)\b",
    re.I,
)
_ORDERED = (
    r"\b(?:under|on|at|upon)\s+the\s+(?:direct\s+|personal\s+)?(?:orders?|command|behest|"
    r"instructions?|direction|request)\s+of\s+(?:\w+\s+){0,3}?|\bordered\s+by\s+"
)
_DIRECT = frozenset(
    {
        "attacked",
        "struck",
        "bombed",
        "shelled",
        "stormed",
        "invaded",
        "hit",
        "raided",
        "targeting",
    }
)
_LOCATED_AFTER = _DIRECT | frozenset(
    {
        "on",
        "at",
        "in",
        "into",
        "onto",
        "against",
        "near",
        "inside",
        "entered",
        "across",
    }
)
_TARGET_AFTER = frozenset(
    {
        "on",
        "against",
        "attacked",
        "targeting",
        "targeted",
        "ambushed",
        "attack",
        "battled",
        "fought",
        "shot",
    }
)
#: "… to annihilate the MEK", "with the intention of destroying the MEK": whom the attack was for.
_AIM = re.compile(
    r"\b(?:to|of)\s+(?:annihilat|destroy|eliminat|exterminat|crush|wip(?:e|ing)\s+out|kill|"
    r"defeat)\w*\s+(?:the\s+)?$",
    re.I,
)
_ENTERED = frozenset(
    {
        "entered",
        "stormed",
        "raided",
        "attacked",
        "bombed",
        "shelled",
        "invaded",
        "struck",
        "into",
    }
)
_AND = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?")
_INTO = re.compile(r"\b(?:slammed|crashed|smashed|fired|ploughed|rammed)\s+into\s+(?:the\s+)?$")


_GENERIC = re.compile(
    r"\b(?:each|every|any|no|further|future|additional|next|possible|not|never|would|could|might|"
    r"will)\s+(?:\w+\s+)?$|n[’']t\s+(?:\w+\s+)?$|\bto\s+$",
    re.I,
)


def attack_trigger(text: str) -> re.Match[str] | None:
    """The first word of *text* that reports an attack ("each new offensive" does not)."""
    return next(
        (
            m
            for m in ATTACK.finditer(text)
            if not _GENERIC.search(text[max(0, m.start() - 30) : m.start()])
        ),
        None,
    )


def _victims(view: View, figures: list[Casualty]) -> list[EntityMention]:
    """The actors the casualty figures count ("killing four residents", "11 MEK members dead")."""
    return [
        m
        for c in figures
        for m in view.of("Actor")
        if (c.victims[0] <= m.start and m.end <= c.victims[1] + 1)
        or (
            c.end <= m.start
            and re.fullmatch(r"\s+(?:[\w-]+\s+)?(?:of\s+the\s+)?", view.doc[c.end : m.start])
        )
    ]


def _perpetrator(
    view: View, frame: Frame, trigger: re.Match[str] | None, pos: int, actor: Actor
) -> EntityMention | None:
    by = view.after(pos, r"\bby\s+(?:the\s+)?", "Actor", span=30)
    if by is not None and re.search(r"[,;]", view.doc[pos : by.start]):
        by = None  # "…, fueling panic by the mullahs": another clause's agent
    if by is None and trigger is not None:  # "airstrikes from US and British air forces"
        by = view.after(pos, rf"{re.escape(trigger.group())}\s+from\s+(?:the\s+)?", "Actor", span=5)
    ordered = view.after(view.start, _ORDERED, "Actor", span=40)
    subject = view.subject_before(pos, exclude=ordered.entity if ordered else None)
    if subject is not None:
        length = trigger.end() - trigger.start() if trigger else 0
        between = view.doc[subject.end : pos + length]
        verb = trigger is not None and _VERB.match(trigger.group())
        if (
            _UNDERGOER.search(between)
            or _PASSIVE_TARGET.match(between)
            or not (verb or _ACTIVE.search(between + view.doc[pos : pos + 12]))
        ):
            subject = None
    slot(frame, view, "orderedBy", ordered, "attack-ordered-by", 0.8, actor)
    claimed = re.search(
        r"\bclaimed\s+(?:the\s+)?responsibility\s+for\s+(?:\w+\s+){0,3}$",
        view.doc[view.start : pos],
    )
    if claimed:
        who = view.clause_subject(view.start + claimed.start())
        slot(frame, view, "perpetrator", who, "attack-claimed", 0.6, actor)
        return None
    doer = by or subject
    launched = subject is not None and re.search(
        r"\b(?:launched|ordered|directed)\b", view.doc[subject.end : pos]
    )
    if doer is subject and doer is not None and launched and view.is_a(doer.entity, "Person"):
        slot(frame, view, "orderedBy", doer, "attack-launched-by-person", 0.7, actor)
        return by
    slot(
        frame,
        view,
        "perpetrator",
        doer,
        "attack-by" if by else "attack-subject",
        0.8 if by else 0.7,
        actor,
    )
    return by


def _targets(view: View, frame: Frame, pos: int, by: EntityMention | None, actor: Actor) -> None:
    placed: EntityMention | None = None
    for m in view.mentions:
        if re.match(r"['’]s\b", view.doc[m.end :]):
            continue
        before = view.word_before(m.start)
        if m.start < pos:
            between = view.doc[m.end : pos + 40]
            if _PASSIVE_TARGET.match(between) and m is view.subject_before(
                pos + 1, ("Actor", "Location")
            ):
                slot(frame, view, "target", m, "attack-undergoer", 0.7, actor)
                if view.is_a(m.entity, "Location"):
                    slot(frame, view, "location", m, "attack-undergoer", 0.7, actor)
            elif view.is_a(m.entity, "Location") and before in _ENTERED:
                placed = m  # "armed men entered Camp Ashraf and shot …"
                slot(frame, view, "location", m, "attack-location", 0.7, actor)
            continue
        if view.is_a(m.entity, "Location") and (
            before in _LOCATED_AFTER
            or (placed is not None and _AND.fullmatch(view.doc[placed.end : m.start]))
        ):
            if before == "near" and any(
                view.is_a(o.entity, "Location") for o in view.mentions if o.end <= m.start
            ):
                continue  # "Camp Liberty, a base near Baghdad airport": where the camp lies
            slot(frame, view, "location", m, "attack-location", 0.75, actor)
            lead = view.doc[max(view.start, m.start - 25) : m.start]
            if before in _DIRECT or _INTO.search(lead):
                slot(frame, view, "target", m, "attack-object", 0.7, actor)
            placed = m
        elif (
            view.is_a(m.entity, "Actor")
            and m is not by
            and (
                before in _TARGET_AFTER
                or _AIM.search(view.doc[max(view.start, m.start - 40) : m.start])
            )
        ):
            slot(frame, view, "target", m, "attack-target", 0.7, actor)
            placed = None


def _participants(view: View, frame: Frame, actor: Actor) -> None:
    """ "Also participating in the attack … were A, B and C"."""
    match = re.search(r"\b(?:also\s+)?(?:participating|taking\s+part|involved)\b", view.text, re.I)
    if not match:
        return
    tail = re.search(r"\bwere\b", view.text[match.end() :])
    if not tail:
        return
    start = view.start + match.end() + tail.end()
    for m in view.of("Actor"):
        if m.start >= start and view.word_before(m.start) not in ("of", "under", "by"):
            slot(frame, view, "participant", m, "attack-participants", 0.65, actor)


def attack_frame(
    view: View, trigger: re.Match[str] | None, figures: list[Casualty], actor: Actor
) -> Frame:
    """The attack the sentence reports."""
    pos = view.start + (trigger.start() if trigger else (figures[0].start - view.start))
    frame = new_frame(view, "Attack")
    by = _perpetrator(view, frame, trigger, pos, actor)
    _targets(view, frame, pos, by, actor)
    for m in _victims(view, figures):
        slot(frame, view, "target", m, "casualty-victims", 0.7, lambda x: x.entity)
    homes = {view.homes[str(g)] for g in frame.values("target") if str(g) in view.homes}
    if len(homes) == 1 and not frame.has("location"):
        # "attacked Camp Ashraf residents", "killed 11 residents": at the residents' camp
        frame.facts.append(view.fact(frame.node.id, "location", homes.pop(), "attack-home", 0.6))
    _participants(view, frame, actor)
    foiled = re.search(
        r"\b(?:prevented|foiled|thwarted|stopped)\s+(?:the\s+|an?\s+)?$", view.doc[view.start : pos]
    )
    if foiled:
        who = view.clause_subject(view.start + foiled.start())
        slot(frame, view, "preventedBy", who, "attack-prevented-by", 0.65, actor)
    date = nearest_date(view, pos)
    if date:
        frame.facts.extend(date_facts(view, frame.node.id, date, 0.85))
    casualty_facts(frame, view, figures)
    return frame
