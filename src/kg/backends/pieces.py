"""Cut an RDF file into pieces that parse on their own, so several threads can bulk-load it.

Oxigraph's bulk loader parses a file on one thread and writes each batch of a million quads on
another, so a file of up to a million triples uses one core at a time. Cut into pieces, the same
file loads on every core (:func:`kg.backends.embedded.OxigraphStore.cached`). A piece is a byte
range of the file plus the directives it needs (``@prefix``, ``@base``): parsing every piece gives
exactly the triples of the whole file.

Pieces are only cut where that is certain:

- **N-Triples, N-Quads**: at line ends (a statement never spans lines);
- **Turtle**: after a ``.`` that ends a statement at the top level — outside strings, IRIs and
  comments, followed by a line break. The file's leading directives go before every piece; the
  cutting stops at the first word after them that might start another directive (``prefix``,
  ``base`` or ``version`` in any case, outside strings, comments and IRIs);
- never between two labelled blank nodes (``_:x``), whose labels the loader renames per piece:
  from the first piece with one, the rest of the file is one piece; never in other syntaxes.
  Anything the scanner does not understand ends the cutting the same way: the worst case is the
  speed of a single bulk load, never different triples.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "graph.ttl"
>>> _ = path.write_text("@prefix e: <http://e/> .\\ne:a e:p 'x. y' .\\ne:b e:p '''1.\\n2''' .\\n")
>>> for piece in pieces(path, ox.RdfFormat.TURTLE, size=1):
...     print(piece.read().decode(), end="---\\n")
@prefix e: <http://e/> .
e:a e:p 'x. y' .
---
@prefix e: <http://e/> .
e:b e:p '''1.
2''' .
---
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

__all__ = ["Piece", "pieces"]

#: Bytes per piece unless the caller says otherwise.
PIECE_SIZE = 8 << 20

_LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)

# A directive at the start of a Turtle file, after blank space and comments (which end at a line
# feed or a carriage return). Possessive, so that nothing inside a comment can match.
_SPACE = rb"(?:[ \t\r\n]++|#[^\r\n]*+)*+"
_IRI = rb"<[^<>\"{}|^`\\\x00-\x20]*>"
_DIRECTIVE = re.compile(
    _SPACE
    + rb"(?:@prefix[ \t\r\n]+[^ \t\r\n:#]*:[ \t\r\n]*"
    + _IRI
    + rb"[ \t\r\n]*\.|@base[ \t\r\n]*"
    + _IRI
    + rb"[ \t\r\n]*\.|(?i:prefix)[ \t\r\n]+[^ \t\r\n:#]*:[ \t\r\n]*"
    + _IRI
    + rb"|(?i:base)[ \t\r\n]*"
    + _IRI
    + rb"|@version[ \t\r\n]*\"[^\"\r\n]*\"[ \t\r\n]*\.|(?i:version)[ \t\r\n]*\"[^\"\r\n]*\")"
)
# The words that start a directive (any case); what may not touch one that is a directive.
_KEYWORDS = (b"prefix", b"base", b"version")
_NAME_BEFORE = re.compile(rb"[A-Za-z0-9_:%\\\-\x80-\xff]")
_NAME_AFTER = re.compile(rb"[A-Za-z0-9_%\\\-\x80-\xff]")
_WINDOW = 64 << 20  # bytes lower-cased at a time when looking for those words
# What the scanner stops at: quotes and comments, which hide statement ends; and those ends (a
# dot escaped in a local name, ``ex:a\.``, ends nothing).
_QUOTE_OR_COMMENT = re.compile(rb"[\"'#]")
_END = re.compile(rb"(?<!\\)\.[ \t\r]*\n")
_LINE_END = re.compile(rb"[\r\n]")
# The rest of a string after its opening quotes, closing quotes included.
_STRING_ENDS = {
    b'"""': re.compile(rb'(?:[^"\\]+|\\.|"(?!""))*"""', re.S),
    b"'''": re.compile(rb"(?:[^'\\]+|\\.|'(?!''))*'''", re.S),
    b'"': re.compile(rb'(?:[^"\\\n\r]+|\\.)*"'),
    b"'": re.compile(rb"(?:[^'\\\n\r]+|\\.)*'"),
}
# The start of an IRI up to some point: characters allowed in IRIs, and \u or \U escapes.
_IRI_SO_FAR = re.compile(rb"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*")


@dataclass(frozen=True)
class Piece:
    """Bytes *start* to *end* of *path*, to be parsed after *header* (the file's directives)."""

    path: Path
    start: int
    end: int
    header: bytes = b""

    def read(self) -> bytes:
        """The piece as a document of its own."""
        with self.path.open("rb") as f:
            f.seek(self.start)
            body = f.read(self.end - self.start)
        return self.header + b"\n" + body if self.header else body


def pieces(path: Path, fmt: ox.RdfFormat, size: int = PIECE_SIZE) -> Iterator[Piece]:
    """Cut *path* (in syntax *fmt*) into pieces of about *size* bytes, yielded as they are found.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "graph.nt"
    >>> _ = path.write_text('<http://a> <http://p> "1" .\\n<http://b> <http://p> "2" .\\n')
    >>> [(piece.start, piece.end) for piece in pieces(path, ox.RdfFormat.N_TRIPLES, size=10)]
    [(0, 28), (28, 56)]
    """
    length = path.stat().st_size
    if length <= size or fmt not in (*_LINE_FORMATS, ox.RdfFormat.TURTLE):
        yield Piece(path, 0, length)
        return
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if fmt in _LINE_FORMATS:
            yield from _cut(data, path, _line_ends(data, size))
            return
        header = _directives_end(data)
        directives = bytes(data[:header])
        ends = _statement_ends(data, header, size)
        for number, piece in enumerate(_cut(data, path, ends)):
            yield piece if number == 0 else Piece(path, piece.start, piece.end, directives)


def _directives_end(data: mmap.mmap) -> int:
    """Where the directives at the start of a Turtle file end."""
    end = 0
    while (match := _DIRECTIVE.match(data, end)) is not None:
        end = match.end()
    return end


def _cut(data: mmap.mmap, path: Path, ends: Iterator[int]) -> Iterator[Piece]:
    """Pieces of *path* between *ends*; from the first that holds a labelled blank node (or
    might: ``_:`` in a string counts too), the rest of the file as one piece, so that all the
    nodes of one label are parsed together."""
    start, length = 0, len(data)
    for end in ends:
        if data.find(b"_:", start, end) >= 0:
            break
        yield Piece(path, start, end)
        start = end
    if start < length:
        yield Piece(path, start, length)


def _line_ends(data: mmap.mmap, size: int) -> Iterator[int]:
    """Line ends about every *size* bytes."""
    target = size
    while target < len(data):
        end = data.find(b"\n", target)
        if end < 0:
            return
        yield end + 1
        target = end + 1 + size


def _statement_ends(data: mmap.mmap, start: int, size: int) -> Iterator[int]:
    """Ends of top-level Turtle statements, about every *size* bytes from *start*.

    Steps over strings and comments, and stops (the rest is one piece) at anything it cannot
    step over with certainty, and at any word that might start a directive outside a string,
    a comment or an IRI: the pieces after it would not know that directive.
    """
    keywords = _keywords(data, start)
    keyword = next(keywords, None)
    top = pos = start  # top: where the last string or comment ended (no IRI reaches back past it)
    target = start + size
    while target < len(data):
        match = _QUOTE_OR_COMMENT.search(data, pos)
        stop = match.start() if match is not None else len(data)  # text outside strings up to here
        while keyword is not None and keyword[0] < pos:  # in a string or a comment
            keyword = next(keywords, None)
        while keyword is not None and keyword[0] < stop and not _directive_at(data, top, keyword):
            keyword = next(keywords, None)
        limit = stop if keyword is None or keyword[0] >= stop else keyword[0]
        while target < limit and (end := _END.search(data, max(pos, target), limit)) is not None:
            yield end.end()
            target = end.end() + size
        if match is None or limit < stop:
            return
        at = match.start()
        char = data[at : at + 1]
        if char != b'"' and (data[at - 1 : at] == b"\\" or _in_iri(data, top, at)):
            pos = at + 1  # ex:a\#b, ex:it\'s, <http://e.org/x#y>
            continue
        if char == b"#":
            line_end = _LINE_END.search(data, at)
            if line_end is None:
                return
            top = pos = line_end.end()
            continue
        quotes = char * 3 if data[at : at + 3] == char * 3 else char
        end = _STRING_ENDS[quotes].match(data, at + len(quotes))
        if end is None:
            return
        top = pos = end.end()


def _keywords(data: mmap.mmap, start: int) -> Iterator[tuple[int, int]]:
    """Where the words that start directives occur after *start*, in any case and anywhere
    (strings included), as (position, length), in order; a window of the file at a time."""
    for low in range(start, len(data), _WINDOW):
        high = min(len(data), low + _WINDOW + 8)
        text = data[low:high].lower()
        found = []
        for word in _KEYWORDS:
            at = text.find(word)
            while at >= 0:
                if at < _WINDOW:  # the overlap with the next window is the next window's
                    found.append((low + at, len(word)))
                at = text.find(word, at + 1)
        yield from sorted(found)


def _directive_at(data: mmap.mmap, top: int, keyword: tuple[int, int]) -> bool:
    """Whether the word at *keyword*, outside strings and comments, might start a directive:
    it is not part of a longer name and not inside an IRI."""
    at, length = keyword
    if at > 0 and _NAME_BEFORE.match(data, at - 1) is not None:
        return False
    if _NAME_AFTER.match(data, at + length) is not None:
        return False
    return not _in_iri(data, top, at)


def _in_iri(data: mmap.mmap, top: int, pos: int) -> bool:
    """Whether *pos* is inside an IRI that starts after *top* (where a string or comment ended).

    In ``<<`` (a triple term) the ``<`` are not the start of an IRI.
    """
    opening = data.rfind(b"<", top, pos)
    if opening < 0:
        return False
    run = opening
    while run > top and data[run - 1 : run] == b"<":
        run -= 1
    if (opening - run) % 2 == 1:  # an even run of < : only triple-term brackets
        return False
    return _IRI_SO_FAR.fullmatch(data, opening, pos) is not None
