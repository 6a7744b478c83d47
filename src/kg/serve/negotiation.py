"""Content negotiation: which serialization a client gets, from ``Accept`` or ``format=``.

SELECT and ASK results come as SPARQL JSON (the default), XML, CSV or TSV; CONSTRUCT and
DESCRIBE results, and linked-data descriptions, as Turtle (the default), N-Triples, JSON-LD or
RDF/XML; pages as HTML.

>>> accept = media_ranges("text/csv;q=0.5, application/sparql-results+json")
>>> accept
('application/sparql-results+json', 'text/csv')
>>> choose(accept, graph=False)
<ResultFormat.JSON: 'application/sparql-results+json'>
>>> choose(media_ranges("text/turtle"), graph=False) is None
True
>>> choose(media_ranges("*/*"), graph=True)
<ResultFormat.TURTLE: 'text/turtle'>
"""

from __future__ import annotations

import enum

__all__ = ["HTML", "ResultFormat", "choose", "from_parameter", "media_ranges", "wants_html"]

HTML = "text/html"


class ResultFormat(enum.Enum):
    """A serialization; its value is the media type sent in ``Content-Type``."""

    JSON = "application/sparql-results+json"
    XML = "application/sparql-results+xml"
    CSV = "text/csv"
    TSV = "text/tab-separated-values"
    TURTLE = "text/turtle"
    NTRIPLES = "application/n-triples"
    JSONLD = "application/ld+json"
    RDFXML = "application/rdf+xml"

    @property
    def for_graphs(self) -> bool:
        return self in _GRAPH

    @property
    def content_type(self) -> str:
        charset = "" if self in (ResultFormat.JSON, ResultFormat.JSONLD) else "; charset=utf-8"
        return self.value + charset


_RESULTS = (ResultFormat.JSON, ResultFormat.XML, ResultFormat.CSV, ResultFormat.TSV)
_GRAPH = (ResultFormat.TURTLE, ResultFormat.NTRIPLES, ResultFormat.JSONLD, ResultFormat.RDFXML)
#: media types clients use, beyond the canonical ones, for each kind of result.
_ALIASES: dict[str, tuple[ResultFormat, ResultFormat | None]] = {
    "application/json": (ResultFormat.JSON, ResultFormat.JSONLD),
    "application/xml": (ResultFormat.XML, ResultFormat.RDFXML),
    "text/xml": (ResultFormat.XML, ResultFormat.RDFXML),
    "application/x-turtle": (ResultFormat.TURTLE, None),
    "text/plain": (ResultFormat.NTRIPLES, None),
}
#: ``format=`` / ``output=`` values (SPARQLWrapper sends them next to ``Accept``).
_NAMES: dict[str, tuple[ResultFormat | None, ResultFormat | None]] = {
    "json": (ResultFormat.JSON, ResultFormat.JSONLD),
    "xml": (ResultFormat.XML, ResultFormat.RDFXML),
    "csv": (ResultFormat.CSV, None),
    "tsv": (ResultFormat.TSV, None),
    "turtle": (None, ResultFormat.TURTLE),
    "ttl": (None, ResultFormat.TURTLE),
    "ntriples": (None, ResultFormat.NTRIPLES),
    "nt": (None, ResultFormat.NTRIPLES),
    "json-ld": (None, ResultFormat.JSONLD),
    "jsonld": (None, ResultFormat.JSONLD),
    "rdfxml": (None, ResultFormat.RDFXML),
    "rdf+xml": (None, ResultFormat.RDFXML),
}


def media_ranges(header: str | None) -> tuple[str, ...]:
    """The media ranges of an ``Accept`` header, most preferred first (``q=0`` dropped)."""
    if not header:
        return ()
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, media))
    return tuple(media for _q, _p, media in sorted(ranked))


def _matches(media_range: str, fmt: ResultFormat, *, graph: bool) -> bool:
    if media_range == "*/*":
        return True
    kind, _, sub = media_range.partition("/")
    if sub == "*":
        return fmt.value.startswith(kind + "/")
    if media_range == fmt.value:
        return True
    alias = _ALIASES.get(media_range)
    return alias is not None and alias[1 if graph else 0] is fmt


def choose(accept: tuple[str, ...], *, graph: bool) -> ResultFormat | None:
    """The format to answer with, for a graph result or not; ``None``: nothing acceptable."""
    formats = _GRAPH if graph else _RESULTS
    if not accept:
        return formats[0]
    for media_range in accept:
        for fmt in formats:
            if _matches(media_range, fmt, graph=graph):
                return fmt
    return None


def from_parameter(value: str | None) -> tuple[str, ...] | None:
    """The media ranges a ``format=`` value stands for (``None``: absent or unknown, so
    ``Accept`` decides).

    >>> from_parameter("json")
    ('application/sparql-results+json', 'application/ld+json')
    """
    if not value:
        return None
    value = value.strip().lower()
    if "/" in value:
        return (value,)
    pair = _NAMES.get(value)
    if pair is None:
        return None
    return tuple(fmt.value for fmt in pair if fmt is not None)


def wants_html(accept: tuple[str, ...]) -> bool:
    """Whether a browser is asking: HTML ranks before every RDF syntax (or nothing is said)."""
    for media_range in accept:
        if media_range in (HTML, "application/xhtml+xml", "text/*"):
            return True
        if media_range == "*/*":
            return True
        if any(_matches(media_range, fmt, graph=True) for fmt in _GRAPH):
            return False
    return not accept
