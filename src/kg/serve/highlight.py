"""A source document's text cut into segments, each knowing which evidence passages cover it.

Takes the document text and the rows of ``passages.rq``; returns the passages (with the facts
each supports) and the segments the source page renders, passages highlighted and anchored.
Offsets are Unicode code points, as in the graph, which is how Python indexes ``str``.

>>> ev = [Evidence("a", 4, 9), Evidence("b", 6, 12)]
>>> [(s.text, s.covered_by, s.anchors) for s in segments("The quick fox jumps", ev)]
[('The ', (), ()), ('qu', ('a',), ('a',)), ('ick', ('a', 'b'), ('b',)), (' fo', ('b',), ()), \
('x jumps', (), ())]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from kg.serve.linked import Row, Term

__all__ = [
    "Evidence",
    "Segment",
    "Span",
    "SupportedFact",
    "evidence_from_rows",
    "segments",
    "spans",
]


@dataclass(frozen=True)
class SupportedFact:
    """A fact an evidence passage supports."""

    statement: str
    subject: str
    subject_label: str
    property: str
    property_label: str
    value: Term
    value_label: str


@dataclass
class Evidence:
    """An evidence passage of the document: its key (the hash of its IRI) and span."""

    key: str
    start: int
    end: int
    iri: str = ""
    facts: list[SupportedFact] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same passages; *anchors*: passages that start here."""

    text: str
    covered_by: tuple[str, ...]
    anchors: tuple[str, ...]


def evidence_from_rows(rows: list[Row]) -> list[Evidence]:
    """The passages of ``passages.rq`` rows, in text order, each with its facts."""
    found: dict[str, Evidence] = {}
    for row in rows:
        iri = row.text("evidence")
        evidence = found.get(iri)
        if evidence is None:
            key = iri.rsplit("/", 1)[-1]
            start, end = int(row.text("start", "0")), int(row.text("end", "0"))
            evidence = found[iri] = Evidence(key, start, end, iri)
        value = row.get("value") or Term("literal", "")
        evidence.facts.append(
            SupportedFact(
                row.text("statement"),
                row.text("subject"),
                row.text("slabel") or row.text("subject"),
                row.text("property"),
                row.text("plabel") or row.text("property").rsplit("#", 1)[-1],
                value,
                row.text("vlabel") or value.value,
            )
        )
    return sorted(found.values(), key=lambda e: (e.start, e.end, e.key))


def segments(text: str, evidence: list[Evidence]) -> list[Segment]:
    """*text* cut at every passage boundary (passages outside the text are ignored)."""
    inside = [e for e in evidence if 0 <= e.start < e.end <= len(text)]
    cuts = sorted({0, len(text), *(e.start for e in inside), *(e.end for e in inside)})
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    for e in inside:
        opening.setdefault(e.start, []).append(e.key)
        closing.setdefault(e.end, []).append(e.key)
    active: dict[str, None] = {}  # an ordered set: passages covering the current position
    out = []
    for a, b in itertools.pairwise(cuts):
        for key in closing.get(a, ()):
            active.pop(key, None)
        for key in opening.get(a, ()):
            active[key] = None
        out.append(Segment(text[a:b], tuple(active), tuple(opening.get(a, ()))))
    return out


@dataclass
class Span:
    """Passages with the same offsets, listed once: their keys and every fact they support."""

    start: int
    end: int
    keys: list[str] = field(default_factory=list)
    facts: list[SupportedFact] = field(default_factory=list)


def spans(evidence: list[Evidence]) -> list[Span]:
    """*evidence* (in text order) merged by offsets."""
    out: list[Span] = []
    for e in evidence:
        if not out or (out[-1].start, out[-1].end) != (e.start, e.end):
            out.append(Span(e.start, e.end))
        out[-1].keys.append(e.key)
        out[-1].facts.extend(e.facts)
    return out
