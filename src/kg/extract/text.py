"""Documents to plain text and sentences.

Takes a path (plain text or HTML); returns a :class:`Document` whose ``text`` is what will be
stored under ``data/sources/`` (so every offset the extractor records points into it), and
:class:`Sentence` spans of that text. Bad input raises :class:`~kg.errors.KgError` with one line.

>>> doc = document_from_html("a.html", "<html><title>T</title><p>One.  Two&amp;three.</p></html>")
>>> doc.title, doc.text
('T', 'One. Two&three.')
>>> [s.text for s in split_sentences("Mr. Kobler arrived. He said: no.\\nNext line")]
['Mr. Kobler arrived.', 'He said: no.', 'Next line']
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import KgError

__all__ = [
    "MAX_BYTES",
    "Document",
    "Sentence",
    "document_from_html",
    "iter_input_files",
    "read_document",
    "split_sentences",
]


def _words(text: str) -> list[str]:
    return text.split()


#: Largest input file accepted (a long news page is well under 1 MB).
MAX_BYTES = 10 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md")


@dataclass(frozen=True)
class Document:
    """A document to ingest: its origin file name, its text and what it says about itself."""

    origin: str
    text: str
    title: str | None = None
    creator: str | None = None
    converted_from_html: bool = False

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``text`` equals the document's text from ``start`` to ``end``."""

    start: int
    end: int
    text: str
    block: int  # index of the paragraph (blank-line separated block) it belongs to


_BLOCK_TAGS = frozenset(
    _words(
        "p div h1 h2 h3 h4 h5 h6 li ul ol tr table section article blockquote header "
        "footer figure figcaption main aside nav dd dt pre address hr"
    )
)
_SKIP_TAGS = frozenset(_words("script style noscript template svg iframe head"))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_h1 = False
        self.title: str | None = None
        self.h1: str | None = None
        self.author: str | None = None

    def _flush(self) -> None:
        line = re.sub(r"\s+", " ", "".join(self._current)).strip()
        if line:
            self.blocks.append(line)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = dict(attrs)
            if (values.get("name") or "").lower() == "author" and values.get("content"):
                self.author = (values["content"] or "").strip() or None
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "br":
            self._flush()
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            if tag == "h1" and self.h1 is None and self._current:
                self.h1 = re.sub(r"\s+", " ", "".join(self._current)).strip() or None
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = ((self.title or "") + data).strip() or None
        elif not self._skip:
            self._current.append(data)


def document_from_html(origin: str, html: str) -> Document:
    """Strip *html* to text: one paragraph per block element, white space collapsed."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    text = "\n\n".join(parser.blocks)
    title = re.sub(r"\s+", " ", parser.title).strip() if parser.title else parser.h1
    return Document(origin, text, title or None, parser.author, converted_from_html=True)


def _looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def read_document(path: Path) -> Document:
    """Read one input file; one-line :class:`KgError` for anything that is not usable text."""
    if not path.exists():
        raise KgError(f"{path}: no such file")
    if not path.is_file():
        raise KgError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise KgError(
            f"{path}: too large ({size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KgError(f"{path}: cannot read: {exc.strerror}") from None
    if b"\x00" in data[:8192]:
        raise KgError(f"{path}: binary file, not text")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KgError(
            f"{path}: not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8"
        ) from None
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_like_html(path, raw):
        doc = document_from_html(path.name, raw)
    else:
        doc = Document(path.name, raw)
    if not re.search(r"\w", doc.text):
        raise KgError(f"{path}: empty document (no text to extract from)")
    if re.search(r"[\x00-\x08\x0e-\x1f]", doc.text):
        raise KgError(f"{path}: binary file, not text (control characters)")
    return doc


def iter_input_files(path: Path) -> Iterator[Path]:
    """*path* itself, or the text and HTML files under a directory (sorted, hidden ones skipped)."""
    if not path.is_dir():
        yield path
        return
    for child in sorted(path.rglob("*")):
        hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
        if child.is_file() and not hidden and child.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES:
            yield child


_ABBREVIATIONS = frozenset(
    _words(
        "mr mrs ms dr st gen col lt maj sen rep gov prof jr sr vs no nos u.s u.n e.g "
        "i.e etc inc co corp ltd mt ft capt sgt cmdr adm rev hon pres jan feb mar apr "
        "aug sept sep oct nov dec"
    )
)
_END = re.compile(r"[.!?][”’\"')\]]*(?:\d{1,2}(?=\s))?(?=\s+[“‘\"'(\[]?[A-Z0-9•–-]|\s*$)")


def _sentence_ends(line: str) -> Iterator[int]:
    for match in _END.finditer(line):
        if line[match.start()] == ".":
            word = re.search(r"([\w.]+)$", line[: match.start()])
            token = word.group(1).lower() if word else ""
            if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
                continue
        yield match.end()


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of *text*: never across a line break; blank lines separate blocks."""
    out: list[Sentence] = []
    block = 0
    pos = 0
    for line in text.split("\n"):
        if not line.strip():
            block += 1
        piece_start = 0
        for end in [*_sentence_ends(line), len(line)]:
            chunk = line[piece_start:end]
            stripped = chunk.strip()
            if stripped and re.search(r"\w", stripped):
                lead = len(chunk) - len(chunk.lstrip())
                start = pos + piece_start + lead
                out.append(Sentence(start, start + len(stripped), stripped, block))
            piece_start = end
        pos += len(line) + 1
    return out
