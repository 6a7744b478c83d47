"""Position rules: who holds which post in which organisation.

Takes a sentence :class:`~kg.extract.view.View`; returns position holdings (new ``role/…`` nodes)
and their facts, from these patterns:

- apposition after the name: "Tahar Boumedra, former Chief of the Human Rights Office of UNAMI,";
- apposition before the name: "the Head of UNAMI, Martin Kobler", "a spokesman for the group, X";
- a possessive before the name: "Its leader, X" (the organisation "its" refers to);
- a title written before the name: "Prime Minister Nuri al-Maliki", "then-US Senator John Kerry"
  — a title that opens with a nationality adjective is a post of that country's government
  ("Iraqi Prime Minister Nouri al-Maliki");
- an appointment: "X was appointed A and B in August 2011" (a role per title, from that date).

A role node's id is derived from the person and the title, so the same post named twice is one
node. Only persons hold positions (the ontology's domain of ``kg:heldPosition``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.extract.linking import EntityMention
from kg.extract.names import PERSON_TITLES, title_before
from kg.extract.view import AutoFact, Node, View
from kg.iris import slugify

__all__ = ["find_roles"]

_TITLE_WORDS = (
    r"(?:head|chief|director|president|vice[- ]president|chairman|chairwoman|chair|minister|"
    r"prime\s+minister|spokes(?:man|woman|person)|ambassador|envoy|representative|"
    r"special\s+representative|commander|leader|secretary|secretary-general|adviser|advisor|"
    r"member|founder|coordinator|officer|official|senator|general|major|colonel|governor|"
    r"mayor|judge|deputy|high\s+commissioner|commissioner|president-elect)"
)
_AFTER_NAME = re.compile(
    rf"^,\s*(?:(?:the|a|an|its|his|her)\s+)?(?P<former>(?:former|then[- ]|ex-)\s*)?"
    rf"(?P<title>(?:[\w’'-]+\s+){{0,3}}?{_TITLE_WORDS}\b[^,;.()]*?(?:\([^)]*\)[^,;.]*?)?)\s*(?=[,;.]|$)",
    re.I,
)
_BEFORE_NAME = re.compile(
    rf"(?:^|[\s(])(?:the\s+|a\s+|an\s+)?(?P<former>(?:former|then[- ]|ex-)\s*)?"
    rf"(?P<title>{_TITLE_WORDS}\s+(?:of|for|at|in)\s+[^,;.]{{2,80}}?),\s*$",
    re.I,
)
#: "Its leader, X": the organisation is the possessive's referent.
_POSSESSIVE_TITLE = re.compile(
    rf"\b(?P<poss>its|their)\s+(?P<former>(?:former|then[- ]|ex-)\s*)?(?P<title>{_TITLE_WORDS})"
    rf"(?:\s+in\s+[A-Z][\w-]+)?,\s*$",
    re.I,
)


def _role(
    view: View,
    person: EntityMention,
    title: str,
    orgs: list[EntityMention],
    former: bool,
    rule: str,
    confidence: float,
    state: Callable[[str], str | None] | None = None,
) -> Iterator[Node | AutoFact]:
    title = re.sub(r"\s+", " ", title).strip(" ,")
    if not title or len(title) > 90:
        return
    org = orgs[-1] if orgs else None
    role_title = _strip_org(view, title, org)
    person_label = slugify(person.entity.split("/", 1)[1])
    rid = f"role/{person_label}-{slugify(role_title)}"[:80].rstrip("-")
    node = Node(rid, ("PositionHolding",), f"{role_title} ({person.entity.split('/', 1)[1]})")
    yield node
    yield view.fact(person.entity, "heldPosition", rid, rule, confidence)
    yield view.fact(rid, "roleTitle", role_title, rule, confidence)
    if org is not None and view.signature.fits(
        "inOrganisation", node.types, view.types(org.entity)
    ):
        yield view.fact(rid, "inOrganisation", org.entity, rule, round(confidence * 0.95, 2))
    elif org is None and state is not None:
        government = state(title.split()[0])  # "Iraqi Prime Minister": a post of Iraq's state
        if government is not None:
            yield view.fact(rid, "inOrganisation", government, f"{rule}-state", 0.65)
    if former:
        yield view.fact(rid, "isFormer", True, rule, confidence)
    took = re.search(
        r"\b(?:was|were|been)\s+(?:\w+ly\s+)?(?:appointed|named|elected|sworn\s+in)\b", view.text
    )
    if took and len(view.dates) == 1 and view.dates[0].single:  # "was appointed X in August 2011"
        yield view.fact(rid, "startDate", view.dates[0].single, f"{rule}-appointed", 0.65)


def _strip_org(view: View, title: str, org: EntityMention | None) -> str:
    """The title without the organisation it names last ("Chief of the Office of UNAMI" → …)."""
    if org is None:
        return title
    name = view.doc[org.start : org.end]
    index = title.rfind(name)
    if index <= 0:
        return title
    head = re.sub(r"\s+(?:of|for|at|in)(?:\s+the)?\s*$", "", title[:index].rstrip(" (")).strip()
    head = re.sub(r"^(?:the|a|an)\s+", "", head, flags=re.I)
    return head if head and not re.fullmatch(r"(?i:the|a|an|of)", head) else title


_APPOINTED = re.compile(
    r"\b(?:was|were|been|is)\s+(?:\w+ly\s+)?(?:appointed|named|elected|made)\s+(?:as\s+)?(?:the\s+)?"
    r"(?P<titles>[A-Z][^,;.]{2,120}?)(?=\s+(?:in|on|by|from|since)\s+(?:\w+\s+)?\d|\s*[,;.]|$)"
)


def _appointed(view: View, person: EntityMention) -> Iterator[Node | AutoFact]:
    """ "X was appointed Special Representative for Iraq and the Head of UNAMI in August 2011"."""
    match = _APPOINTED.search(view.doc, person.end, view.sentence.end)
    if match is None or view.subject_before(match.start(), "Person") is not person:
        return
    start = match.start("titles")
    for part in re.finditer(r"(?:(?!\s+and\s+)[^,;])+", match.group("titles")):
        title = re.sub(r"^\s*(?:and\s+)?(?:the\s+)?", "", part.group()).strip()
        p_start, p_end = start + part.start(), start + part.end()
        orgs = [m for m in view.of("Actor") if p_start <= m.start and m.end <= p_end]
        orgs = [m for m in orgs if not view.is_a(m.entity, "Person")]
        yield from _role(view, person, title, orgs, False, "position-appointed", 0.7)


def find_roles(
    view: View, state: Callable[[str], str | None] | None = None
) -> list[Node | AutoFact]:
    """Position holdings stated in the sentence.

    *state* maps a nationality adjective that opens a title ("Iraqi Prime Minister") to the
    government whose post it is.
    """
    out: list[Node | AutoFact] = []
    persons = view.of("Person")
    actors = view.of("Actor")
    for person in persons:
        out.extend(_appointed(view, person))
        rest = view.doc[person.end : view.sentence.end]
        after = _AFTER_NAME.match(rest)
        if after:
            t_start = person.end + after.start("title")
            t_end = person.end + after.end("title")
            orgs = [
                m for m in actors if t_start <= m.start and m.end <= t_end + 1 and m is not person
            ]
            orgs = [m for m in orgs if not view.is_a(m.entity, "Person")]
            title = view.doc[t_start:t_end]
            out.extend(
                _role(
                    view,
                    person,
                    title,
                    orgs,
                    bool(after.group("former")),
                    "position-apposition",
                    0.75,
                )
            )
        lead = view.doc[view.start : person.start]
        before = _BEFORE_NAME.search(lead)
        if before:
            t_start = view.start + before.start("title")
            t_end = view.start + before.end("title")
            orgs = [
                m
                for m in actors
                if t_start <= m.start and m.end <= t_end and not view.is_a(m.entity, "Person")
            ]
            for part in re.split(r"\s+and\s+(?:the\s+)?", view.doc[t_start:t_end]):
                part_orgs = [m for m in orgs if view.doc[m.start : m.end] in part]
                out.extend(
                    _role(
                        view,
                        person,
                        part,
                        part_orgs,
                        bool(before.group("former")),
                        "position-apposition-before",
                        0.7,
                    )
                )
            continue
        possessive = _POSSESSIVE_TITLE.search(lead)
        if possessive:
            p_start = view.start + possessive.start("poss")
            owner = [m for m in actors if m.start == p_start and m.how == "anaphora"]
            out.extend(
                _role(
                    view,
                    person,
                    possessive.group("title"),
                    owner,
                    bool(possessive.group("former")),
                    "position-possessive",
                    0.65,
                )
            )
            continue
        pre = title_before(view.doc[view.start : person.start], person.start - view.start)
        if pre is not None:
            title = pre
        if pre and any(w.rstrip(".") in PERSON_TITLES for w in title.split()[-2:]):
            t_start = person.start - len(title) - 1
            former = bool(
                re.search(
                    r"(?:former|then[- ]|ex-)\s*$",
                    view.doc[max(view.start, t_start - 8) : t_start],
                    re.I,
                )
            )
            orgs = [
                m
                for m in actors
                if t_start <= m.start and m.end <= person.start and m is not person
            ]
            out.extend(_role(view, person, title, orgs, former, "position-title", 0.7, state))
    return out
