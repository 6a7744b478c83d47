"""Agreements: who signed, accepted or is party to an agreement, petition or declaration.

Takes a sentence :class:`~kg.extract.view.View` that reports an agreement ("signed / struck /
reached … an agreement", "a memorandum that X signed with Y", "accepted a ceasefire") and returns
its :class:`~kg.extract.frames.Frame` — the registry's agreement when the sentence names one, a
new node otherwise — with

- ``signatory``: who signed ("X signed", "signed by X and Y"); an organisation that signs is also a
  ``party``, a person who signs is not (persons sign on behalf of organisations);
- ``party``: "with X", "between X and Y", who accepted or agreed to it;
- ``signedOnBehalfOf``: "on behalf of X" (also a party);
- ``opposedBy``: "without the agreement / consent of X";
- ``numberOfPeople``: "over 5.2 million Iraqis signed a petition";
- ``about``: the organisations and groups a petition or declaration names;
- a date (a deadline, "by June 30, 2009", is not the agreement's date).
"""

from __future__ import annotations

import re

from kg.extract.frames import Actor, Frame, date_facts, new_frame, slot
from kg.extract.linking import EntityMention
from kg.extract.movements import count_of_people
from kg.extract.view import Node, View

__all__ = ["AGREEMENT", "agreement_act", "agreement_frame"]

_NOUN = (
    r"(?:memorandum(?:\s+of\s+understanding)?|MOU|agreements?|deal|accord|treaty|pact|"
    r"cease-?fire|petition|declaration|convention)"
)
_SIGN = r"(?:signed|signs|sign|struck|reached|concluded|made|negotiated)"
AGREEMENT = re.compile(
    rf"\b{_SIGN}\s+(?:\w+\s+){{0,5}}?{_NOUN}\b|"
    rf"\b{_NOUN}\s+(?:was\s+|were\s+|had\s+been\s+)?(?:signed|struck|reached)\b|"
    rf"\b{_NOUN}\s+(?:that|which)\s+(?:[\w’'-]+\s+){{1,4}}?(?:signed|struck|reached|concluded)\b|"
    rf"\b(?:accepted|agreed\s+to)\s+(?:\w+\s+){{0,3}}?{_NOUN}\b|"
    rf"\b{_NOUN}\s+between\b",
    re.I,
)
_CLASS = (
    ("memorandum|MOU", "MemorandumOfUnderstanding"),
    ("cease-?fire", "Ceasefire"),
    ("treaty|convention", "Treaty"),
    ("petition", "Petition"),
    ("declaration", "Declaration"),
)
_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", re.I)
_DEADLINE = re.compile(r"\b(?:by|until|before|no\s+later\s+than)\s+(?:the\s+end\s+of\s+)?$", re.I)


def _listed(view: View, start: int, stop: int) -> list[EntityMention]:
    """The actors (or countries) listed from *start*: "with X", "between X and Y"."""
    out: list[EntityMention] = []
    for m in view.of(("Actor", "Country")):
        if m.start < start or m.start >= stop:
            continue
        gap = view.doc[out[-1].end if out else start : m.start]
        if out and not _LIST_GAP.fullmatch(gap):
            break
        if not out and not re.fullmatch(r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?", gap):
            break
        out.append(m)
    return out


def _clause_end(view: View, pos: int) -> int:
    stop = re.search(
        r"[;.]|,\s+(?!and\b)|\b(?:to|that|which|pledging|requiring|who)\b",
        view.doc[pos : view.sentence.end],
    )
    return pos + stop.start() if stop else view.sentence.end


def _frame(view: View, trigger: re.Match[str]) -> Frame:
    pos = view.start + trigger.start()
    known = [m for m in view.of("Agreement") if not view.is_a(m.entity, "PublishedDocument")]
    if known:
        m = min(known, key=lambda m: abs(m.start - pos))
        return Frame(Node(m.entity, view.types(m.entity), m.entity), new=False)
    words = trigger.group().lower()
    cls = next((c for p, c in _CLASS if re.search(p, words, re.I)), "Agreement")
    if cls == "Agreement" and re.search(r"\b(?:with|between)\b", view.text):
        cls = "BilateralAgreement"
    return new_frame(view, cls)


def agreement_frame(
    view: View, trigger: re.Match[str], actor: Actor, *, after: int | None = None
) -> Frame:
    """The agreement the sentence reports.

    *after* is where the trigger of an event told earlier in the sentence is: a date between it
    and this trigger is that event's.
    """
    pos = view.start + trigger.start()
    frame = _frame(view, trigger)
    collective = view.signature.is_a(frame.node.types, "Petition") or view.signature.is_a(
        frame.node.types, "Declaration"
    )
    signers: list[EntityMention] = []
    for signed in re.finditer(
        r"\b(?:signed|signs|sign)\b", view.doc[view.start : view.sentence.end]
    ):
        at = view.start + signed.start()
        by = re.match(r"\s+by\s+", view.doc[view.start + signed.end() :])
        if by:
            start = view.start + signed.end() + by.end()
            signers += _listed(view, start, _clause_end(view, start))
        else:
            subject = view.clause_subject(at)
            signers += [subject] if subject else []
    for m in signers:
        slot(frame, view, "signatory", m, "agreement-signatory", 0.75, actor)
        if not collective and not view.is_a(m.entity, "Person"):
            slot(frame, view, "party", m, "agreement-signatory-party", 0.75, actor)
    accepted = re.search(r"\b(?:accepted|agreed\s+to)\b", view.doc[view.start : view.sentence.end])
    if accepted:
        who = view.clause_subject(view.start + accepted.start())
        slot(frame, view, "party", who, "agreement-accepted-by", 0.7, actor)
    if not signers and not accepted:
        made = re.search(rf"\b{_SIGN}\b", view.doc[view.start : view.sentence.end])
        if made:
            who = view.clause_subject(view.start + made.start())
            slot(frame, view, "party", who, "agreement-party", 0.7, actor)
    for word in re.finditer(r"\b(?:with|between)\s+", view.doc[pos : view.sentence.end]):
        start = pos + word.end()
        for m in _listed(view, start, _clause_end(view, start)):
            slot(frame, view, "party", m, "agreement-with", 0.7, actor)
    behalf = view.after(view.start, r"\bon\s+behalf\s+of\s+(?:the\s+)?", "Actor", span=5)
    if behalf is not None and re.search(r"\bsign", view.text):
        slot(frame, view, "signedOnBehalfOf", behalf, "agreement-on-behalf", 0.7, actor)
        slot(frame, view, "party", behalf, "agreement-on-behalf", 0.7, actor)
    against = view.after(
        view.start,
        r"\bwithout\s+the\s+(?:agreement|consent|approval)\s+of\s+(?:the\s+)?",
        "Actor",
        span=5,
    )
    slot(frame, view, "opposedBy", against, "agreement-without-consent", 0.65, actor)
    if collective and frame.new:
        named = {f.value for f in frame.facts}
        for m in view.of(("Organisation", "Group")):
            if m.start > pos and m.entity not in named:
                frame.facts.append(
                    view.fact(frame.node.id, "about", m.entity, "agreement-about", 0.6)
                )
                named.add(m.entity)
    count = count_of_people(view, view.start, pos)
    if count and frame.new:
        value, qualifier = count
        frame.facts.append(
            view.fact(frame.node.id, "numberOfPeople", value, "agreement-count", 0.7, qualifier)
        )
    dates = [
        d
        for d in view.dates
        if not _DEADLINE.search(view.doc[view.start : d.start])
        and not (after is not None and after < d.start < pos)
    ]
    year = re.search(rf"\b((?:19|20)\d\d)\s+(?:[\w-]+\s+)?{_NOUN}", view.text)
    if dates:
        date = min(dates, key=lambda d: abs(d.start - pos))
        frame.facts.extend(date_facts(view, frame.node.id, date, 0.75))
    elif year:  # "the 2004 agreement between the US and the MEK"
        frame.facts.append(view.fact(frame.node.id, "date", year.group(1), "agreement-year", 0.7))
    return frame


def agreement_act(view: View, agreement: Frame, actor: Actor) -> Frame | None:
    """Accepting or negotiating an agreement, as an event of its own: "Khomeini accepted a UN
    ceasefire", "Kobler negotiated and signed an MOU with the Iraqi government" — the actors are
    its ``participant`` s, the agreement what it is ``about``."""
    verb = re.search(r"\b(?:accepted|agreed\s+to|negotiated)\b", view.text)
    if verb is None:
        return None
    pos = view.start + verb.start()
    frame = new_frame(view, "PoliticalAction", "Acceptance or negotiation of an agreement")
    slot(frame, view, "participant", view.clause_subject(pos), "agreement-act-by", 0.6, actor)
    for word in re.finditer(r"\bwith\s+", view.doc[pos : view.sentence.end]):
        start = pos + word.end()
        for m in _listed(view, start, _clause_end(view, start)):
            slot(frame, view, "participant", m, "agreement-act-with", 0.6, actor)
    if frame.facts:
        frame.facts.append(
            view.fact(frame.node.id, "about", agreement.node.id, "agreement-act-about", 0.6)
        )
    return frame
