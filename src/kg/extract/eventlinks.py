"""Events a new text tells that the graph already has: linked to the curated event node.

Takes what the curated claims say of the registry's events (their class, dates and places) and one
:class:`~kg.extract.records.Extraction`; returns the extraction with every new event node whose
class, date and place agree with exactly one curated event replaced by that event — "In July 2009
Iraqi forces killed 11 residents" at Camp Ashraf is ``event/attack-ashraf-2009-07``, so a new
source's figures sit beside the curated ones on one node. A linked fact keeps its rule with
``+event-link`` added and loses a tenth of its confidence: the link is itself a guess.

Agreement means: one class is the other or a subclass of it; a date of each agrees at the coarser
precision, which is at least a month (2009-07 and 2009-07-28 agree, 2009 and 2009-07 do not); a
place of each is the same.

>>> known = [KnownEvent("event/a", ("Attack",), frozenset({"2009-07-28"}), frozenset({"place/x"}))]
>>> agree(("Attack",), {"2009-07"}, {"place/x"}, known[0], lambda t, c: c in t)
True
>>> agree(("Attack",), {"2009"}, {"place/x"}, known[0], lambda t, c: c in t)
False
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from kg.curation import Claim, EntityRecord
from kg.extract.records import Extraction
from kg.extract.signature import Signature

__all__ = ["KnownEvent", "agree", "known_events", "link_events"]

_DATES = ("date", "startDate", "endDate")


@dataclass(frozen=True)
class KnownEvent:
    """A curated event: its classes, the dates and places the curated claims give it."""

    id: str
    types: tuple[str, ...]
    dates: frozenset[str]
    places: frozenset[str]


def known_events(entities: Mapping[str, EntityRecord], claims: Iterable[Claim]) -> list[KnownEvent]:
    """The registry's events with the dates and places the curated claims state."""
    dates: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    for claim in claims:
        if claim.predicate in _DATES:
            dates.setdefault(claim.subject, set()).add(str(claim.value))
        elif claim.predicate == "location":
            places.setdefault(claim.subject, set()).add(str(claim.value))
    return [
        KnownEvent(e.id, e.types, frozenset(dates[e.id]), frozenset(places[e.id]))
        for e in entities.values()
        if e.id.startswith("event/") and e.id in dates and e.id in places and not e.candidate
    ]


def _dates_agree(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return n >= 7 and a[:n] == b[:n]  # at least "YYYY-MM"


def agree(
    types: tuple[str, ...],
    dates: set[str],
    places: set[str],
    event: KnownEvent,
    is_a: Callable[[tuple[str, ...], str], bool],
) -> bool:
    """Whether an event of *types*, *dates* and *places* can be the curated *event*."""
    same_class = any(is_a(types, c) for c in event.types) or any(
        is_a(event.types, c) for c in types
    )
    same_time = any(_dates_agree(d, k) for d in dates for k in event.dates)
    return same_class and same_time and bool(places & event.places)


def link_events(
    extraction: Extraction, known: list[KnownEvent], signature: Signature
) -> Extraction:
    """*extraction* with its new events that are curated events replaced by them."""
    links: dict[str, str] = {}
    for entity in extraction.entities:
        if not entity.id.startswith("event/"):
            continue
        facts = [c for c in extraction.claims if c.subject == entity.id]
        dates = {str(c.value) for c in facts if c.predicate in _DATES}
        places = {str(c.value) for c in facts if c.predicate == "location"}
        found = [e for e in known if agree(entity.types, dates, places, e, signature.is_a)]
        if len(found) == 1:
            links[entity.id] = found[0].id
    if not links:
        return extraction
    claims = []
    for c in extraction.claims:
        subject, value = links.get(c.subject, c.subject), c.value
        if isinstance(value, str):
            value = links.get(value, value)
        if (subject, value) != (c.subject, c.value):
            c = replace(
                c,
                subject=subject,
                value=value,
                rule=f"{c.rule}+event-link",
                confidence=round(c.confidence * 0.9, 2),
            )
        claims.append(c)
    entities = tuple(e for e in extraction.entities if e.id not in links)
    return replace(extraction, entities=entities, claims=tuple(claims))
