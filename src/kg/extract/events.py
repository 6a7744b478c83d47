"""The events of a sentence: attacks, relocations, transfers, agreements and other actions.

Takes a sentence :class:`~kg.extract.view.View` and the attack the text told last; returns the
sentence's :class:`~kg.extract.frames.Frame` objects — new event nodes (``attacks``,
``movements``, ``agreements``, ``actions``), or the earlier attack the sentence only adds to
("That day, 36 were killed.", "The rockets were launched by X."). A sentence can tell two events
in two clauses ("moved to Camp Liberty under a memorandum the UN signed with Iraq").
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.actions import action_frames
from kg.extract.agreements import AGREEMENT, agreement_act, agreement_frame
from kg.extract.attacks import VIOLENT, attack_frame, attack_trigger
from kg.extract.casualties import find_casualties
from kg.extract.frames import Actor, Frame, casualty_facts, slot
from kg.extract.movements import RELOCATION, relocation_frame
from kg.extract.view import View

__all__ = ["Frame", "find_frames"]

_ANAPHORA = re.compile(
    r"^(?:That\s+day|On\s+that\s+day|In\s+(?:that|the)\s+(?:attack|assault|strike|raid)|"
    r"The\s+(?:attack|assault|strike|raid|bombing|shelling)|During\s+the\s+(?:attack|assault)|It|They)\b"
)
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:\w+\s+)?(?:attacks?|assaults?|strikes?|raids?|"
    r"massacres?|rockets)\b",
    re.I,
)
#: Figures someone gives: "put the death toll at eight", "said 100 were injured".
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|stated|reported|according\s+to|put\s+the\s+(?:death\s+)?toll|estimated|claimed)\b"
)
#: Weapons used: a sentence that tells of them without a date goes on about the attack just told.
_WEAPONS = re.compile(
    r"\b(?:used|fired|threw|hurled|deployed)\s+(?:\w+\s+){0,4}?(?:grenades|tear\s+gas|bullets|"
    r"live\s+ammunition|rockets|mortars|missiles|snipers|guns|rifles|batons|bulldozers|vehicles)\b",
    re.I,
)
#: Facts a sentence about an earlier attack may add to it.
_MORE = frozenset({"attack-by", "attack-ordered-by", "attack-participants", "attack-claimed"})
#: "In a move into Ashraf, …": a manoeuvre, not a relocation.
_NOT_MOVING = re.compile(r"\b(?:a|the)\s+move\s+(?:into|against|on|to\s+\w+\s+(?:the|an?))\b", re.I)


def _more_on(view: View, previous: Frame, trigger: re.Match[str], actor: Actor) -> Frame:
    """ "The rockets were launched by X": the perpetrator of the attack already told."""
    more = attack_frame(view, trigger, [], actor)
    frame = Frame(previous.node, new=False)
    for f in more.facts:
        if f.rule in _MORE and (not previous.has(f.predicate) or f.predicate == "participant"):
            frame.facts.append(replace(f, subject=previous.node.id))
    return frame


def _attack(view: View, previous: Frame | None, actor: Actor) -> Frame | None:
    figures = find_casualties(view.text, view.start)
    trigger = attack_trigger(view.text)
    violent = bool(VIOLENT.search(view.text))
    window = view.text[max(0, trigger.start() - 30) : trigger.end() + 15] if trigger else ""
    if trigger and _DEFINITE.search(window) and not figures and not view.dates:
        return _more_on(view, previous, trigger, actor) if previous else None
    if (
        figures
        and previous is not None
        and previous.node.types == ("Attack",)
        and (_ANAPHORA.match(view.text) or (trigger is None and not view.dates))
    ):
        frame = Frame(previous.node, new=False)
        if _ATTRIBUTED.search(view.text):  # another count, by someone: both are kept
            casualty_facts(
                frame,
                view,
                [c for c in figures if c.quantity.value not in previous.values(c.predicate)],
            )
        else:
            casualty_facts(frame, view, [c for c in figures if not previous.has(c.predicate)])
        return frame
    if trigger or (figures and violent):
        frame = attack_frame(view, trigger, figures, actor)
        return _same_as(frame, previous, view) if not figures and not view.dates else frame
    weapons = _WEAPONS.search(view.text)
    if weapons and previous is not None and not figures and not view.dates:
        return _continued(view, previous, weapons, actor)
    return None


def _same_as(frame: Frame, previous: Frame | None, view: View) -> Frame:
    """An undated attack at the place of the attack just told ("more than 80 rockets were fired at
    the camp") is that attack, told again."""
    if previous is None or not frame.values("location"):
        return frame
    if set(frame.values("location")) != set(previous.values("location")):
        return frame
    return Frame(previous.node, [replace(f, subject=previous.node.id) for f in frame.facts], False)


def _continued(view: View, previous: Frame, weapons: re.Match[str], actor: Actor) -> Frame:
    """ "In a move into Ashraf, the army used tear gas": who and where, for the attack just told."""
    frame = Frame(previous.node, new=False)
    pos = view.start + weapons.start()
    if not previous.has("perpetrator"):
        slot(
            frame, view, "perpetrator", view.clause_subject(pos), "attack-weapons-user", 0.6, actor
        )
    place = view.after(
        view.start, r"\b(?:into|inside|at|entered)\s+(?:the\s+)?", "Location", span=5
    )
    if place is not None and not previous.has("location"):
        slot(frame, view, "location", place, "attack-weapons-place", 0.6, actor)
    return frame


def find_frames(view: View, previous: Frame | None, actor: Actor) -> list[Frame]:
    """The sentence's events (the main one first), or the earlier attack it adds to."""
    attack = _attack(view, previous, actor)
    frames: list[Frame] = []
    if attack is not None:
        frames.append(attack)
        trigger = attack_trigger(view.text)
        attack.at = view.start + (trigger.start() if trigger else 0)
        frames += action_frames(view, actor, skip=[attack.at])
        return [f for f in frames if f.facts]
    agreement = AGREEMENT.search(view.text)
    relocation = None
    for found in RELOCATION.finditer(view.text):
        if _NOT_MOVING.search(view.text) or (agreement and agreement.start() < found.start()):
            break
        moved = relocation_frame(view, found, actor)
        if moved:
            relocation, moved.at = found, view.start + found.start()
            frames.append(moved)
            break
    if agreement:
        after = view.start + relocation.start() if frames and relocation else None
        frames.append(agreement_frame(view, agreement, actor, after=after))
        frames[-1].at = view.start + agreement.start()
        act = agreement_act(view, frames[-1], actor)
        if act is not None:
            act.at = frames[-1].at
            frames.append(act)
    frames.extend(action_frames(view, actor, skip=[f.at for f in frames]))
    return [f for f in frames if f.facts]
