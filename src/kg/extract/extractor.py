"""One document in, its automatic claims out.

Takes a document's text, the entity index (the registry) and the ontology signature; reads the
text sentence by sentence — names resolved (``linking``, ``names``) and anaphors with them
(``discourse``), then the rules: events (``events``), positions (``roles``), places (``places``),
relations (``relations``), reported speech (``speech``), reference notes (``notes``) — and
returns an :class:`~kg.extract.records.Extraction`: candidate entities and new nodes (events,
position holdings, agreements, speech acts, documents) marked as candidates, and one
:class:`~kg.extract.records.AutoClaim` per fact, whose quote is the passage it was read from.
Every fact is checked against the ontology's domains and ranges before it is kept.

>>> from kg.curation import EntityRecord
>>> from pathlib import Path
>>> index = EntityIndex([EntityRecord("place/camp-liberty", ("Camp",), "Camp Liberty",
...                                   ("Camp Liberty", "Camp Hurriya"))])
>>> sig = Signature.load(Path("ontology/kg.ttl"))
>>> ex = extract_document("On 29 October 2015, rockets hit Camp Hurriya, killing 24 residents.",
...                       index, sig, source="a.txt", origin="a.txt")
>>> sorted((c.predicate, c.value) for c in ex.claims)  # doctest: +NORMALIZE_WHITESPACE
[('date', '2015-10-29'), ('fatalities', 24), ('location', 'place/camp-liberty'),
 ('target', 'place/camp-liberty')]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from kg.curation import EntityRecord
from kg.extract.context import DocContext, government_of, residents_of
from kg.extract.dates import DateMention, find_dates
from kg.extract.discourse import Salience, event_nouns
from kg.extract.events import Frame, find_frames
from kg.extract.linking import EntityIndex
from kg.extract.lists import Series, series_parts, widen_to_intro
from kg.extract.names import find_names
from kg.extract.notes import NOTE_LINE, Note, find_notes, footnote_markers
from kg.extract.places import find_places
from kg.extract.records import AutoClaim, Extraction
from kg.extract.relations import find_relations
from kg.extract.roles import find_roles
from kg.extract.signature import Signature
from kg.extract.speech import find_speech, still_quoting
from kg.extract.text import Sentence, split_sentences
from kg.extract.view import AutoFact, Node, View

__all__ = ["EntityIndex", "Signature", "extract_document", "government_of", "residents_of"]

#: A line of a reference list (numbered or not from 1): a source cited, not the text's claim.
_REFERENCE = re.compile(r"^(?:\d{1,3}\)|\[\d{1,3}\])\s")
#: "BAGHDAD, October 30, 2015 —": the report's date, not the event's.
_DATELINE = re.compile(r"^[A-Z][A-Z .’'-]+,\s+[^—–]{4,30}?\s+[—–-]\s")
#: Where a sentence that tells two dated events splits: "…: in July 2009 …, and on April 8, 2011 …"
_CLAUSE = re.compile(r"(?:[:;]|,\s+and)\s+(?=(?:in|on|by|since)\s|[A-Z])")


def _clauses(sentences: Iterable[Sentence]) -> Iterator[Sentence]:
    for s in sentences:
        found = list(_CLAUSE.finditer(s.text))
        starts = [0, *(m.end() for m in found)]
        ends = [*(m.start() for m in found), len(s.text)]
        pieces = list(zip(starts, ends, strict=True))
        if len(pieces) < 2 or sum(1 for a, b in pieces if find_dates(s.text[a:b])) < 2:
            yield s
            continue
        for a, b in pieces:
            chunk = s.text[a:b].rstrip(" ,;:")
            if chunk.strip():
                yield Sentence(s.start + a, s.start + a + len(chunk), chunk, s.block)


class _Reader:
    """Reads a document sentence by sentence, remembering what the next sentences may refer to."""

    def __init__(self, doc: DocContext, key: str, notes: dict[int, Note]) -> None:
        self.doc, self.key, self.notes = doc, key, notes
        self.salience = Salience(doc.signature, doc.types, doc.residents, doc.state_of)
        self.previous: Frame | None = None  # the last attack told, for "That day, 36 were killed"
        self.last: Frame | None = None  # the main event of the sentence before
        self.events: dict[str, str] = {}  # noun ("attack") → the last event it can refer to
        self.series: Series | None = None  # an attack series announced, attacks still to list
        self.open_quote: str | None = None  # a speech act whose quotation goes on
        self.cited: list[tuple[str, int, int, int]] = []  # speech act, note number, its span
        self.block = -1

    def _dates(self, sentence: Sentence) -> tuple[DateMention, ...]:
        dateline = _DATELINE.match(sentence.text)
        return tuple(
            DateMention(
                d.start + sentence.start, d.end + sentence.start, d.start_value, d.end_value
            )
            for d in find_dates(sentence.text)
            if not (dateline and d.end <= dateline.end())
        )

    def read(self, sentence: Sentence) -> None:
        doc = self.doc
        if sentence.block > self.block + 1:
            self.previous = None  # a new section: "the attack" is no longer the last one
        self.block = sentence.block
        dates = self._dates(sentence)
        named = self.salience.resolve(doc.text, sentence, doc.mentions_in(sentence))
        self.salience.update(doc.text, sentence, named)
        view = View(
            doc.text, sentence, named, dates, doc.types, doc.signature, self.key, doc.countries,
            doc.homes,
        )  # fmt: skip
        frames = find_frames(view, self.previous, doc.actor)
        if self.salience.list_intro is not None:
            widen_to_intro(frames, named, self.salience.list_intro)
        for frame in frames:
            if frame.new:
                doc.nodes[frame.node.id] = _labelled(doc, frame)
                if frame.node.types == ("Attack",):
                    self.previous = frame
            doc.add(frame.facts)
        doc.add(find_roles(view, doc.state_of))
        doc.add(find_places(view, doc.demonyms))
        relations = find_relations(view, frames, self.events, self.last)
        doc.add(relations)
        self.series, parts = series_parts(view, frames, relations, self.series)
        doc.add(parts)
        about = frames[0].node.id if frames else None
        date = dates[0] if len(dates) == 1 and not frames else None
        speech = find_speech(view, about, date, doc.governments, self.events)
        doc.add(speech)
        self._remember(view, frames, speech)

    def _remember(self, view: View, frames: list[Frame], speech: list[Node | AutoFact]) -> None:
        for frame in frames:
            for nouns in event_nouns(self.doc.signature, frame.node.types):
                self.events[nouns] = frame.node.id
        self.last = frames[0] if frames else None
        spoken = next((n.id for n in speech if isinstance(n, Node)), None)
        quoting = spoken or self.open_quote
        if quoting:
            for number in footnote_markers(view.text):
                self.cited.append((quoting, number, view.start, view.sentence.end))
        self.open_quote = still_quoting(view.text, spoken, self.open_quote)
        for m in view.mentions:  # names other than a curated form: how this text names them
            if (
                m.how not in ("form", "candidate", "anaphora")
                and m.entity in self.doc.index.records
            ):
                exact = self.doc.text[m.start : m.end]
                rule = f"link-{m.how}"
                self.doc.facts.append(
                    AutoFact(m.entity, "altLabel", exact, m.start, m.end, rule, m.confidence)
                )

    def cite(self) -> None:
        """``citesDocument`` for the speech acts whose sentences end with a footnote marker."""
        for speech, number, start, end in self.cited:
            note = self.notes.get(number)
            if note is not None and note.document:
                self.doc.facts.append(
                    AutoFact(speech, "citesDocument", note.document, start, end, "footnote", 0.8)
                )


def _labelled(doc: DocContext, frame: Frame) -> Node:
    node = frame.node
    where = next((f.value for f in frame.facts if f.predicate == "location"), None)
    when = next((f.value for f in frame.facts if f.predicate in ("date", "startDate")), None)
    label = node.label
    if where:
        label += f" at {doc.index.label(str(where))}"
    if when:
        label += f", {when}"
    return Node(node.id, node.types, label + " (automatic)")


def extract_document(
    text: str,
    index: EntityIndex,
    signature: Signature,
    *,
    source: str,
    origin: str,
    content_end: int | None = None,
) -> Extraction:
    """Extract the automatic claims of *text* (up to *content_end*)."""
    body = text[: len(text) if content_end is None else content_end]
    doc = DocContext(text, find_names(index, body), index, signature)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    notes, note_facts = find_notes(body, doc.names.mentions, doc.types, 0, is_a=signature.is_a)
    doc.add(note_facts)
    note_lines = [(m.start(), m.end()) for m in NOTE_LINE.finditer(body)] if notes else []
    reader = _Reader(doc, key, notes)
    for sentence in _clauses(split_sentences(body)):
        if not _REFERENCE.match(sentence.text) and not any(
            a <= sentence.start < b for a, b in note_lines
        ):
            reader.read(sentence)
    reader.cite()
    return _extraction(doc, source, origin, key)


def _extraction(doc: DocContext, source: str, origin: str, key: str) -> Extraction:
    facts = [f for f in doc.facts if doc.fits(f)]
    used = {f.subject for f in facts} | {str(f.value) for f in facts}
    records = [c.record() for c in doc.names.candidates.values()]
    named = {r.id for r in records}
    records += [
        EntityRecord(n.id, n.types, n.label, (), candidate=True)
        for n in doc.nodes.values()
        if n.id in used and n.id not in named and n.id not in doc.index.records
    ]
    seen: set[tuple[str, str, str, int]] = set()
    claims = []
    for f in sorted(facts, key=lambda f: (f.start, f.subject, f.predicate, str(f.value))):
        dedupe = (f.subject, f.predicate, str(f.value), f.start)
        if dedupe in seen:
            continue
        seen.add(dedupe)
        claims.append(
            AutoClaim(
                source,
                source,
                doc.text[f.start : f.end],
                f.start,
                f.subject,
                f.predicate,
                f.value,
                f.rule,
                round(f.confidence, 2),
                qualifier=f.qualifier,
            )
        )
    return Extraction(source, origin, key, tuple(records), tuple(claims))
