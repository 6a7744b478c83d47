"""Reference notes and the footnote markers that point to them.

Takes a document's text and its entity mentions; returns the numbered notes of its reference list
(``1) “Title,” by Author, Publisher, Date.``, ``[2] Ibid.``) as :class:`Note` objects, each with
the published document it names (a registry document whose name is the title, or a new candidate
``doc/<slug of the title>``) and that document's ``author``, ``publisher`` and ``date``; and the
footnote markers of a sentence (a number written right after its closing quote or full stop:
``…office.”2``, ``…according to the UN.5``), which the extractor turns into ``citesDocument``
facts of the sentence's speech act.

>>> notes, _ = find_notes('1) “The Long Road,” by Ann Lee, Harbour Press, 2013.\\n2) Ibid.', (),
...                       lambda e: (), 0)
>>> [(n.number, n.document) for n in notes.values()]
[(1, 'doc/the-long-road'), (2, 'doc/the-long-road')]
>>> footnote_markers("He said: “It was a crime.”3")
[3]
>>> footnote_markers("It covers 5.2 square miles")
[]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.extract.dates import find_dates
from kg.extract.linking import EntityMention
from kg.extract.view import AutoFact, Node
from kg.iris import slugify

__all__ = ["NOTE_LINE", "Note", "find_notes", "footnote_markers"]

#: A line of a reference list: "1) …" or "[1] …".
NOTE_LINE = re.compile(r"^[ \t]*(?:(\d{1,3})\)|\[(\d{1,3})\])[ \t]+(\S[^\n]*?)[ \t]*$", re.M)
_IBID = re.compile(r"^(?:ibid|idem|id)\b\.?", re.I)
_TITLE = re.compile(r"^[“\"‘]\s*(?P<title>[^”\"]{3,200}?)[\s,.;:]*[”\"’]\s*,?\s*")
_BYLINE = re.compile(r"^by\s+(?P<who>[^,]{3,80})(?:,\s*|$)", re.I)
#: A footnote marker: digits glued to a closing quote or full stop that follows a word.
_MARKER = re.compile(r"(?<=[^\d\s][.”\"’)\]])(\d{1,3})(?=\s|$)")
_GENRE = re.compile(
    r"^(?:press\s+release|news\s+release|report|statement|letter|book|op-?ed|interview|article|"
    r"editorial|transcript|video|blog(?:\s+post)?|speech|testimony|briefing|p\.?\s*\d+|pp\..*)$",
    re.I,
)
_YEAR_AT_END = re.compile(r"(?:^|,\s*)((?:1[89]|20)\d\d)\.?\s*$")
_NAME = re.compile(r"^(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*$")


@dataclass(frozen=True)
class Note:
    """A numbered note at ``start:end``; ``document`` is the document it cites (``Ibid.`` too)."""

    number: int
    start: int
    end: int
    document: str | None


def footnote_markers(sentence: str) -> list[int]:
    """The footnote numbers glued to the end of a sentence or of a quotation in it."""
    return [int(m.group(1)) for m in _MARKER.finditer(sentence)]


def _covering(mentions: Iterable[EntityMention], start: int, end: int) -> list[EntityMention]:
    return [m for m in mentions if start <= m.start and m.end <= end]


_IsA = Callable[[str, str], bool]


def find_notes(
    text: str,
    mentions: tuple[EntityMention, ...],
    types: Callable[[str], tuple[str, ...]],
    offset: int,
    *,
    is_a: Callable[[tuple[str, ...], str], bool] | None = None,
) -> tuple[dict[int, Note], list[Node | AutoFact]]:
    """The reference notes of *text* (document offsets start at *offset*) and their facts.

    A run of numbered lines counts as a reference list only if it is numbered from 1 without gaps.
    """

    def isa(entity: str, cls: str) -> bool:
        kinds = types(entity)
        return is_a(kinds, cls) if is_a else cls in kinds

    lines = list(NOTE_LINE.finditer(text))
    numbers = [int(m.group(1) or m.group(2)) for m in lines]
    if not numbers or numbers != list(range(1, len(numbers) + 1)):
        return {}, []
    notes: dict[int, Note] = {}
    out: list[Node | AutoFact] = []
    previous: str | None = None
    for number, line in zip(numbers, lines, strict=True):
        start, end = offset + line.start(), offset + line.end()
        if _IBID.match(line.group(3)):
            notes[number] = Note(number, start, end, previous)
            continue
        previous = _read_note(
            line.group(3), offset + line.start(3), (start, end), mentions, isa, out
        )
        notes[number] = Note(number, start, end, previous)
    return notes, out


def _read_note(
    body: str,
    body_start: int,
    span: tuple[int, int],
    mentions: tuple[EntityMention, ...],
    isa: _IsA,
    out: list[Node | AutoFact],
) -> str | None:
    """The document a note cites (None without a quoted title); its facts go to *out*."""
    title = _TITLE.match(body)
    if not title:
        return None
    t_start, t_end = body_start + title.start("title"), body_start + title.end("title")
    doc = _document(title.group("title"), _covering(mentions, t_start, t_end), isa, out)

    def fact(predicate: str, value: str, rule: str, confidence: float) -> None:
        out.append(AutoFact(doc, predicate, value, span[0], span[1], rule, confidence))

    rest_at = title.end()
    byline = _BYLINE.match(body[rest_at:])
    if byline:
        w_start = body_start + rest_at + byline.start("who")
        inside = _covering(mentions, w_start, w_start + len(byline.group("who")))
        who = _actor(byline.group("who"), inside, isa, "person")
        if who:
            out.extend(_candidate(who, "Person"))
            fact("author", who[0], "note-byline", 0.85)
        rest_at += byline.end()
    publisher = _publisher(body, rest_at, body_start, mentions, isa)
    if publisher:
        out.extend(_candidate(publisher, "Organisation"))
        fact("publisher", publisher[0], "note-publisher", 0.75)
    dates = find_dates(body[rest_at:])
    year = _YEAR_AT_END.search(body[rest_at:])
    if dates and dates[-1].single:
        fact("date", str(dates[-1].single), "note-date", 0.85)
    elif year:  # "…, New Generation Publishing, 2013."
        fact("date", year.group(1), "note-date", 0.8)
    return doc


def _document(
    title: str,
    inside: list[EntityMention],
    isa: _IsA,
    out: list[Node | AutoFact],
) -> str:
    known = [m for m in inside if isa(m.entity, "PublishedDocument")]
    if known and (known[0].end - known[0].start) >= 0.8 * len(title.strip()):
        return known[0].entity
    slug = slugify(title)[:60].rstrip("-") or "document"
    doc = f"doc/{slug}"
    out.append(Node(doc, ("PublishedDocument",), title.strip()))
    return doc


def _actor(
    segment: str, inside: list[EntityMention], isa: Callable[[str, str], bool], kind: str
) -> tuple[str, str | None] | None:
    """(entity, name of a new candidate or None) for the actor a note segment names."""
    segment = segment.strip(" .")
    actors = [m for m in inside if isa(m.entity, "Actor")]
    if actors:
        return actors[0].entity, None
    if _NAME.match(segment) and not _GENRE.match(segment) and not re.search(r"\d", segment):
        return f"{kind}/{slugify(segment)}", segment
    return None


def _candidate(found: tuple[str, str | None], cls: str) -> list[Node | AutoFact]:
    entity, name = found
    return [] if name is None else [Node(entity, (cls,), name)]


def _publisher(
    body: str,
    rest_at: int,
    body_start: int,
    mentions: tuple[EntityMention, ...],
    isa: Callable[[str, str], bool],
) -> tuple[str, str | None] | None:
    pos = rest_at
    for segment in re.split(r",\s*", body[rest_at:]):
        seg_start = body_start + pos
        pos += len(segment) + 2
        clean = segment.strip(" .")
        if not clean or _GENRE.match(clean) or find_dates(clean) or re.search(r"\d", clean):
            continue
        found = _actor(clean, _covering(mentions, seg_start, seg_start + len(segment)), isa, "org")
        if found:
            return found
    return None
