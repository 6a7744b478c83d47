"""Cut an RDF file into pieces that parse on their own, so several threads can bulk-load it.

Oxigraph's bulk loader parses a file on one thread and writes each batch of a million quads on
another, so a file of up to a million triples uses one core at a time. Cut into pieces, the same
file loads on every core (:func:`kg.backends.embedded.OxigraphStore.cached`). A piece is a byte
range of the file plus the directives it needs (``@prefix``, ``@base``). Either every piece parses
and together they hold exactly the triples of the whole file, or a piece does not parse — never
other triples.

Where pieces are cut:

- **N-Triples, N-Quads**: at line ends, where statements end (they never span lines);
- **Turtle**: after a ``.`` followed by a line break, about every *size* bytes; the file's
  leading directives go before every piece. Such a dot may also sit in a long string, a comment
  or an escaped local name (``ex:a\\.``). The pieces do not need to know: a piece cut there ends
  inside a string or inside a statement, so it does not parse, and the loader then loads the file
  whole (:mod:`kg.backends.embedded`) — the parser checks every cut. A cut that parses is between
  two statements, since up to it the piece reads exactly as the file does. To make that rare, a
  dot after an odd number of ``\"\"\"`` or ``\'\'\'`` since the last cut (inside a long string,
  most likely) is passed over. What a parser could not catch, the cutting avoids: it stops at the
  first word after the leading directives that might declare a prefix, base or version
  (``prefix``, ``base`` or ``version`` in any case, followed by what such a declaration needs,
  even in a string or a comment), as the pieces after it would not know that declaration;
- never between two labelled blank nodes (``_:x``), whose labels the loader renames per piece:
  from the first piece with one (or with ``_:`` in a string), the rest of the file is one piece;
- never in other syntaxes.

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
# Words that start a directive (any case), what must follow them in a declaration (possibly after
# a comment), and what they may not touch: a name of which they would be part.
_DECLARATIONS = {
    b"prefix": re.compile(rb"[ \t\r\n]*(?:#|[^ \t\r\n:#<>\"]*:)"),
    b"base": re.compile(rb"[ \t\r\n]*[<#]"),
    b"version": re.compile(rb"[ \t\r\n]*[\"'#]"),
}
_NAME_BEFORE = re.compile(rb"[A-Za-z0-9_:%\\\-\x80-\xff]")
_NAME_AFTER = re.compile(rb"[A-Za-z0-9_%\\\-\x80-\xff]")
_WINDOW = 64 << 20  # bytes lower-cased at a time when looking for those words
# A dot and a line break: the end of a statement, or of a line in a long string or a comment.
_END = re.compile(rb"\.[ \t\r]*\n")


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


def pieces(path: Path, fmt: ox.RdfFormat, size: int) -> Iterator[Piece]:
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
    """Where to cut a Turtle file, about every *size* bytes from *start* (module docstring)."""
    declaration = _first_declaration(data, start)
    target, quotes = start + size, 0  # quotes: long-string quotes from *start* to *target*
    counted = start
    while target < len(data):
        end = _END.search(data, target)
        if end is None or end.start() > declaration:
            return
        target = end.end()
        between = data[counted:target]
        quotes += between.count(b'"""') + between.count(b"'''")
        counted = target
        if quotes % 2 == 0:
            yield target
            target += size


def _first_declaration(data: mmap.mmap, start: int) -> int:
    """Where a prefix, base or version might first be declared after *start* (the file's length
    if nowhere); the file is lower-cased a window at a time."""
    for low in range(start, len(data), _WINDOW):
        text = data[low : min(len(data), low + _WINDOW + 8)].lower()
        found = []
        for word in _DECLARATIONS:
            at = text.find(word)
            while 0 <= at < _WINDOW:  # a word starting in the overlap is the next window's
                if _declares(data, low + at, word):
                    found.append(low + at)
                    break  # the first of this word is enough
                at = text.find(word, at + 1)
        if found:
            return min(found)
    return len(data)


def _declares(data: mmap.mmap, at: int, word: bytes) -> bool:
    """Whether *word* at *at* stands alone and is followed by what a declaration needs."""
    after = at + len(word)
    if (at and _NAME_BEFORE.match(data, at - 1)) or _NAME_AFTER.match(data, after):
        return False
    return _DECLARATIONS[word].match(data, after) is not None
