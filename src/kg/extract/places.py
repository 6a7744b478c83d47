"""Place rules: where places lie, what they are near, who is based where, nationalities.

Takes a sentence :class:`~kg.extract.view.View` and the registry's nationality adjectives; returns
facts between entities the sentence names:

- ``locatedIn``: "Camp Ashraf, Iraq", "City of Ashraf, Iraq-Diyala", "Camp Ashraf and Camp Liberty
  in Iraq", "European countries, including Albania, Germany and Spain", "Albania and other parts of
  Europe" — the container must be a bigger kind of place (camp < city < province < country <
  region);
- ``near``: "Camp Liberty, an abandoned base near the Baghdad airport", "X lies near Y", "X's close
  proximity to Y", "near the Iranian border" (of the sentence's place);
- ``basedAt``: "the MEK lived in Camp Ashraf", "the MEK at Camp Ashraf", "residence of the MEK";
- ``nationality``: "Martin Kobler, a high-ranking German politician", "Italian lawyer X".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.lexicon import Demonyms
from kg.extract.linking import EntityMention
from kg.extract.view import AutoFact, View

__all__ = ["find_places"]

_RANK = (("Camp", 0), ("Facility", 0), ("City", 1), ("Province", 2), ("Country", 3), ("Region", 4))
_CHAIN = re.compile(r"\s*(?:,\s*(?:in\s+)?|[-–]\s*)$")
_IN = re.compile(r"\s+(?:in|inside|within)\s+(?:the\s+)?(?:(?:province|country|region)\s+of\s+)?")
_AND = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?$", re.I)
_COUNTRIES = r"(?:countries|nations|states)"
_LIVED = re.compile(
    r"\b(?:lived|lives|living|live|based|stationed|housed|resided|resides|residing|settled|"
    r"remained|remain|stayed|camped|headquartered)\s+(?:\w+\s+){0,2}?(?:in|at|inside)\s+"
    r"(?:the\s+)?$",
    re.I,
)
_PEOPLE = r"(?:members|residents|supporters|fighters|exiles|refugees|leadership|leaders)"
_AND_LATER = re.compile(r"\s+and\s+(?:later\s+|then\s+|also\s+)?(?:in\s+|at\s+)?", re.I)
_NEAR = re.compile(
    r"\b(?:near(?:\s+to)?|close\s+to|next\s+to|adjacent\s+to|outside|(?:close\s+)?proximity\s+to|"
    r"not\s+far\s+from)\s+(?:the\s+)?$",
    re.I,
)
_APPOSITION = re.compile(r"^\s*,\s*(?:(?:a|an|the)\s+)?(?:[\w’'-]+\s+){0,6}?$")
_PLACE_VERB = re.compile(
    r"^\s*(?:(?:is|was|lies|lay|sits|sat|stands|stood)\s+)?(?:located|situated|based|built)?\s*$",
    re.I,
)


def _rank(view: View, m: EntityMention) -> int | None:
    return next((r for cls, r in _RANK if view.is_a(m.entity, cls)), None)


def _between(view: View, a: EntityMention, b: EntityMention) -> str:
    return view.doc[a.end : b.start]


def _located(view: View) -> Iterator[AutoFact]:
    places = [m for m in view.of("Location") if _rank(view, m) is not None]
    for i, head in enumerate(places):
        # a chain "X, Y, Z" / "X, Y-Z": X lies in each bigger place of the chain
        prev = head
        for m in places[i + 1 :]:
            if not _CHAIN.fullmatch(" " + _between(view, prev, m)):
                break
            if (_rank(view, m) or 0) > (_rank(view, head) or 0):
                yield view.fact(head.entity, "locatedIn", m.entity, "place-apposition", 0.8)
            prev = m
    for j, container in enumerate(places):
        if j == 0 or not _IN.fullmatch(view.doc[places[j - 1].end : container.start]):
            continue
        members = [places[j - 1]]
        for k in range(j - 2, -1, -1):  # "Camp Ashraf And Camp Liberty in Iraq"
            if not _AND.search(_between(view, places[k], members[-1])):
                break
            members.append(places[k])
        for m in members:
            if (_rank(view, m) or 0) < (_rank(view, container) or 0):
                yield view.fact(m.entity, "locatedIn", container.entity, "place-in", 0.75)


def _region_lists(view: View, demonyms: Demonyms) -> Iterator[AutoFact]:
    countries = view.of("Country")
    for adjective in demonyms.adjectives():
        region = demonyms.place(adjective)
        if region is None or not view.is_a(region, "Region"):
            continue
        listed = re.compile(
            rf"\b{adjective}\s+{_COUNTRIES}[,:]?\s+(?:including|such\s+as|like|namely|notably)\s+",
            re.I,
        )
        for match in listed.finditer(view.doc, view.start, view.sentence.end):
            yield from _list_from(view, countries, match.end(), region)
        trailing = re.compile(
            rf"\s*,?\s+and\s+(?:other|several|many)\s+(?:{adjective}\s+{_COUNTRIES}|"
            rf"parts\s+of\s+(?:the\s+)?\S+)",
            re.I,
        )
        for m in countries:
            tail = trailing.match(view.doc, m.end, view.sentence.end)
            if tail and (adjective in tail.group() or _names(view, region, tail.group())):
                yield from _list_back(view, countries, m, region)


def _names(view: View, entity: str, text: str) -> bool:
    return any(m.entity == entity for m in view.mentions if text in view.doc[m.start : m.end + 40])


def _list_from(
    view: View, countries: list[EntityMention], pos: int, region: str
) -> Iterator[AutoFact]:
    prev_end = pos
    for m in countries:
        if m.start < pos:
            continue
        gap = view.doc[prev_end : m.start]
        if prev_end != pos and not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", gap, re.I):
            break
        if prev_end == pos and gap.strip(" the"):
            break
        yield view.fact(m.entity, "locatedIn", region, "place-region-list", 0.75)
        prev_end = m.end


def _list_back(
    view: View, countries: list[EntityMention], last: EntityMention, region: str
) -> Iterator[AutoFact]:
    chain = [last]
    for m in reversed([c for c in countries if c.end <= last.start]):
        if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", _between(view, m, chain[-1])):
            break
        chain.append(m)
    for m in chain:
        if m.entity != region:
            yield view.fact(m.entity, "locatedIn", region, "place-region-list", 0.7)


def _near(view: View, demonyms: Demonyms) -> Iterator[AutoFact]:
    places = view.of("Location")
    for match in re.finditer(r"\b(?:near|close|next|adjacent|outside|proximity|far)\b", view.text):
        pos = view.start + match.start()
        subject = next(
            (
                m
                for m in reversed(places)
                if m.end <= pos
                and (
                    _APPOSITION.match(view.doc[m.end : pos])
                    or _PLACE_VERB.match(view.doc[m.end : pos])
                    or re.fullmatch(r"[’']s\s+(?:close\s+)?", view.doc[m.end : pos])
                )
            ),
            None,
        )
        if subject is None:
            continue
        rest = view.doc[pos : view.sentence.end]
        prefix = re.match(
            r"(?:near(?:\s+to)?|close\s+to|next\s+to|adjacent\s+to|outside|proximity\s+to|"
            r"not\s+far\s+from)\s+(?:the\s+)?",
            rest,
            re.I,
        )
        if not prefix:
            continue
        at = pos + prefix.end()
        obj = next((m for m in places if m.start == at and m.entity != subject.entity), None)
        if obj is None:
            border = re.match(r"([A-Z][a-z]+)\s+border\b", view.doc[at : view.sentence.end])
            country = demonyms.place(border.group(1)) if border else None
            if country and country != subject.entity:
                yield view.fact(subject.entity, "near", country, "place-near-border", 0.7)
            continue
        yield view.fact(subject.entity, "near", obj.entity, "place-near", 0.75)


def _based(view: View) -> Iterator[AutoFact]:
    camps = [m for m in view.of("Location") if _rank(view, m) in (0, 1)]
    actors = view.of(("Organisation", "Group"))
    found: list[tuple[EntityMention, EntityMention, str]] = []
    for place in camps:
        lived = _LIVED.search(view.doc[view.start : place.start])
        if lived:
            at = view.start + lived.start()
            who = next((a for a in actors if re.fullmatch(r"\s+", view.doc[a.end : at])), None)
            who = who or view.subject_before(at, ("Organisation", "Group"))
            if who is not None:
                found.append((who, place, "based-verb"))
            continue
        for actor in actors:
            gap = view.doc[actor.end : place.start]
            if re.fullmatch(rf"(?:\s+{_PEOPLE})?\s+(?:at|in)\s+", gap) and _rank(view, place) == 0:
                found.append((actor, place, "based-at"))
    for match in re.finditer(
        r"\b(?:residence|home|base|headquarters)\s+(?:of|to|for)\s+(?:the\s+)?", view.text
    ):
        end = view.start + match.end()
        home = next((m for m in actors if m.start == end), None)
        camp = next((m for m in reversed(camps) if m.end <= view.start + match.start()), None)
        if home is not None and camp is not None:
            found.append((home, camp, "based-residence"))
    for match in re.finditer(
        r"\b(?:houses|housed|hosts|hosted)\s+(?:\w+\s+){0,3}?(?:members\s+of\s+)?(?:the\s+)?",
        view.text,
    ):
        end = view.start + match.end()
        housed = next((m for m in actors if m.start == end), None)
        host = view.subject_before(view.start + match.start(), "Location")
        if housed is not None and host is not None and _rank(view, host) in (0, 1):
            found.append((housed, host, "based-houses"))
    for who, place, rule in found:
        yield view.fact(who.entity, "basedAt", place.entity, rule, 0.65)
        for more in camps:  # "the MEK at Camp Ashraf and (later) Camp Liberty"
            if more.start > place.end and _AND_LATER.fullmatch(view.doc[place.end : more.start]):
                yield view.fact(who.entity, "basedAt", more.entity, rule, 0.6)
                place = more


def _nationality(view: View, demonyms: Demonyms) -> Iterator[AutoFact]:
    for person in view.of("Person"):
        after = re.match(
            r",\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?([A-Z][a-z]+)\s+[a-z]",
            view.doc[person.end : view.sentence.end],
        )
        before = re.search(
            r"\b([A-Z][a-z]+)\s+(?:[a-z]+\s+){1,2}$", view.doc[view.start : person.start]
        )
        for found, rule in ((after, "nationality-apposition"), (before, "nationality-title")):
            country = demonyms.place(found.group(1)) if found else None
            if country and view.is_a(country, "Country"):
                yield view.fact(person.entity, "nationality", country, rule, 0.7)


def find_places(view: View, demonyms: Demonyms) -> list[AutoFact]:
    """Place facts stated in the sentence."""
    return [
        *_located(view),
        *_region_lists(view, demonyms),
        *_near(view, demonyms),
        *_based(view),
        *_nationality(view, demonyms),
    ]
