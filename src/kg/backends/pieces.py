"""Cut an RDF file into pieces that parse on their own, so several threads can bulk-load it.

Oxigraph's bulk loader parses a file on one thread and writes each batch of a million quads on
another, so a file of up to a million triples uses one core at a time. Cut into pieces, the same
file loads on every core (:func:`kg.backends.embedded.OxigraphStore.cached`). A piece is a byte
range of the file plus the directives it needs (``@prefix``, ``@base``): parsing every piece gives
exactly the triples of the whole file.

Pieces are only cut where that is certain:

- **N-Triples, N-Quads**: at line ends (a statement never spans lines);
- **Turtle**: after a ``.`` that ends a statement at the top level — outside strings, IRIs and
  comments, followed by a line break. The file's leading directives go before every piece; a
  file that declares a prefix or base anywhere later is not cut;
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

# A directive at the start of a Turtle file, after blank space and comments.
_SPACE = rb"(?:[ \t\r\n]|#[^\n]*)*"
_IRI = rb"<[^<>\"{}|^`\\\x00-\x20]*>"
_DIRECTIVE = re.compile(
    _SPACE
    + rb"(?:@prefix[ \t\r\n]+[^ \t\r\n:]*:[ \t\r\n]*"
    + _IRI
    + rb"[ \t\r\n]*\.|@base[ \t\r\n]*"
    + _IRI
    + rb"[ \t\r\n]*\.|(?i:prefix)[ \t\r\n]+[^ \t\r\n:]*:[ \t\r\n]*"
    + _IRI
    + rb"|(?i:base)[ \t\r\n]*"
    + _IRI
    + rb"|@version[ \t\r\n]*\"[^\"\n]*\"[ \t\r\n]*\.|(?i:version)[ \t\r\n]*\"[^\"\n]*\")"
)
# What could start a directive in lower-cased text, and what cannot come just before one.
_LATE_DIRECTIVE = re.compile(
    rb"prefix[ \t\r\n]+[^ \t\r\n:<>\"]*:[ \t\r\n]*<|base[ \t\r\n]*<|version[ \t\r\n]*[\"']"
)
_NAME_CHAR = re.compile(rb"[a-z0-9_:%\\-]")
# What the scanner stops at: quotes and comments, which hide statement ends; and those ends.
_QUOTE_OR_COMMENT = re.compile(rb"[\"'#]")
_END = re.compile(rb"\.[ \t\r]*\n")
# The rest of a string after its opening quotes, closing quotes included.
_STRING_ENDS = {
    b'"""': re.compile(rb'(?:[^"\\]+|\\.|"(?!""))*"""', re.S),
    b"'''": re.compile(rb"(?:[^'\\]+|\\.|'(?!''))*'''", re.S),
    b'"': re.compile(rb'(?:[^"\\\n\r]+|\\.)*"'),
    b"'": re.compile(rb"(?:[^'\\\n\r]+|\\.)*'"),
}
_IRI_SO_FAR = re.compile(rb"<[^<>\"{}|^`\\\x00-\x20]*")


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
        if _late_directive(data, header):
            yield Piece(path, 0, length)
            return
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


def _late_directive(data: mmap.mmap, start: int) -> bool:
    """Whether anything after *start* might declare a prefix, base or version (even in a string)."""
    text = data[start:].lower()
    for word in (b"prefix", b"base", b"version"):
        at = text.find(word)
        while at >= 0:
            before = _NAME_CHAR.match(text, at - 1) if at else None
            if before is None and _LATE_DIRECTIVE.match(text, at):
                return True
            at = text.find(word, at + 1)
    return False


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

    Stops early (the rest is one piece) at anything it cannot step over with certainty.
    """
    pos, target = start, start + size
    while target < len(data):
        match = _QUOTE_OR_COMMENT.search(data, pos)
        stop = match.start() if match is not None else len(data)  # top-level text up to here
        while target < stop and (end := _END.search(data, max(pos, target), stop)) is not None:
            yield end.end()
            target = end.end() + size
        if match is None:
            return
        token, pos = match.group(), match.end()
        if token != b"#" and data[pos : pos + 2] == token * 2:
            token, pos = token * 3, pos + 2  # a long string
        if token in (b"#", b"'") and _in_iri_or_name(data, match.start()):
            continue
        if token == b"#":
            newline = data.find(b"\n", pos)
            if newline < 0:
                return
            pos = newline + 1
        elif not (pos := _skip_string(data, token, pos)):
            return


def _skip_string(data: mmap.mmap, quotes: bytes, pos: int) -> int:
    """Where the string opened by *quotes* before *pos* ends, or 0 if it does not."""
    match = _STRING_ENDS[quotes].match(data, pos)
    return match.end() if match is not None else 0


def _in_iri_or_name(data: mmap.mmap, pos: int) -> bool:
    """Whether the ``#`` or ``'`` at *pos* belongs to an IRI or an escaped local name."""
    if pos > 0 and data[pos - 1 : pos] == b"\\":
        return True
    line = data.rfind(b"\n", 0, pos) + 1
    opening = data.rfind(b"<", line, pos)
    return opening >= 0 and _IRI_SO_FAR.fullmatch(data, opening, pos) is not None
