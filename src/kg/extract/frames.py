"""What the event rules share: the :class:`Frame` of a sentence's event and how slots are filled.

Takes a sentence :class:`~kg.extract.view.View`; gives the event rules (``attacks``,
``movements``, ``agreements``, ``actions``) a new event node with a content-derived id, slot
filling that keeps only what the ontology allows (a country is never a perpetrator; its
government may be), dates at their precision and casualty figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.extract.casualties import Casualty
from kg.extract.dates import DateMention
from kg.extract.linking import EntityMention
from kg.extract.view import AutoFact, Node, View, node_id

__all__ = [
    "ACTOR_SLOTS",
    "PLACE_SLOTS",
    "Actor",
    "Frame",
    "casualty_facts",
    "date_facts",
    "nearest_date",
    "new_frame",
    "slot",
]

#: Resolves a mention to the entity that can act (a country → its government), or None.
Actor = Callable[[EntityMention], str | None]

ACTOR_SLOTS = frozenset(
    {"perpetrator", "orderedBy", "participant", "party", "signatory", "preventedBy", "opposedBy"}
)
PLACE_SLOTS = frozenset({"location", "relocatedFrom", "relocatedTo"})


@dataclass
class Frame:
    """The main event of a sentence: a new node, or an earlier one the sentence adds to."""

    node: Node
    facts: list[AutoFact] = field(default_factory=list)
    new: bool = True
    at: int = -1  # where its trigger word is (-1: not known)

    def has(self, predicate: str) -> bool:
        return any(f.predicate == predicate for f in self.facts)

    def values(self, predicate: str) -> list[object]:
        return [f.value for f in self.facts if f.predicate == predicate]


def new_frame(view: View, cls: str, label: str | None = None, *, at: int | None = None) -> Frame:
    """A new event node of class *cls* for the sentence (*at*: its trigger, where a sentence
    tells two events of one class)."""
    words = re.sub(r"(?<!^)([A-Z])", r" \1", cls)
    parts: tuple[object, ...] = (view.doc_key, view.start, cls) + (() if at is None else (at,))
    return Frame(
        Node(node_id("event", words.lower().replace(" ", "-"), *parts), (cls,), label or words)
    )


def date_facts(view: View, subject: str, date: DateMention, confidence: float) -> list[AutoFact]:
    """``date``, or ``startDate``/``endDate`` for a range or an open interval."""
    if date.single:
        return [view.fact(subject, "date", date.single, "date", confidence)]
    out = []
    if date.start_value:
        out.append(view.fact(subject, "startDate", date.start_value, "date-range", confidence))
    if date.end_value:
        out.append(view.fact(subject, "endDate", date.end_value, "date-range", confidence))
    return out


def nearest_date(view: View, pos: int) -> DateMention | None:
    """The sentence's date closest to *pos*, preferring one before it."""
    if not view.dates:
        return None
    return min(view.dates, key=lambda d: (d.start > pos, abs(d.start - pos)))


def slot(
    frame: Frame,
    view: View,
    predicate: str,
    m: EntityMention | None,
    rule: str,
    conf: float,
    actor: Actor,
) -> bool:
    """Fill *predicate* with the entity of *m* if the ontology allows it; whether it was."""
    if m is None:
        return False
    if predicate in ACTOR_SLOTS:
        entity = actor(m)
    elif predicate in PLACE_SLOTS:
        entity = view.place(m)
    else:
        entity = m.entity
    if entity is None:
        return False
    if not view.signature.fits(predicate, frame.node.types, view.types(entity)):
        return False
    if any(f.predicate == predicate and f.value == entity for f in frame.facts):
        return True
    frame.facts.append(
        view.fact(frame.node.id, predicate, entity, rule, round(conf * m.confidence, 2))
    )
    return True


def casualty_facts(frame: Frame, view: View, figures: list[Casualty]) -> None:
    """One fact per figure, the first figure of each kind only."""
    for c in figures:
        if frame.has(c.predicate):
            continue
        q = c.quantity
        conf = 0.85 if isinstance(q.value, int) else 0.7
        frame.facts.append(
            view.fact(frame.node.id, c.predicate, q.value, c.rule, conf, q.qualifier)
        )
