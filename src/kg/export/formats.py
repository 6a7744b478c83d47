"""The export formats, by name: an enum rather than strings, with aliases and file suffixes.

>>> ExportFormat.parse("ttl")
<ExportFormat.TURTLE: 'turtle'>
>>> ExportFormat.from_path(Path("out/kg.nq"))
<ExportFormat.NQUADS: 'nquads'>
>>> ExportFormat.TRIG.is_dataset, ExportFormat.TURTLE.media_type
(True, 'text/turtle')
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from kg.errors import KgError

__all__ = ["ExportFormat"]


class ExportFormat(Enum):
    """An export format; its value is the name ``kg export --format`` takes."""

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    RDFXML = "rdfxml"
    JSONLD = "jsonld"
    TRIG = "trig"
    NQUADS = "nquads"
    TURTLE12 = "turtle12"
    NANOPUB = "nanopub"

    @classmethod
    def parse(cls, name: str) -> ExportFormat:
        """The format called *name* (or one of its aliases); :class:`KgError` if unknown."""
        key = name.strip().lower()
        for fmt in cls:
            if key == fmt.value or key in _INFO[fmt][3]:
                return fmt
        raise KgError(f"unknown export format {name!r}: expected one of {', '.join(cls.names())}")

    @classmethod
    def from_path(cls, path: Path) -> ExportFormat:
        """The format a file name's suffix stands for (``.ttl12`` is Turtle 1.2)."""
        name = path.name.lower()
        for fmt in sorted(cls, key=lambda f: -len(f.suffix)):
            if name.endswith(fmt.suffix):
                return fmt
        raise KgError(
            f"cannot tell the format from the file name {path.name!r}: give --format "
            f"({', '.join(cls.names())})"
        )

    @classmethod
    def names(cls) -> list[str]:
        return [fmt.value for fmt in cls]

    @property
    def suffix(self) -> str:
        """The usual file suffix, with its dot."""
        return _INFO[self][0]

    @property
    def media_type(self) -> str:
        return _INFO[self][1]

    @property
    def title(self) -> str:
        """The format's name as people write it."""
        return _INFO[self][2]

    @property
    def is_dataset(self) -> bool:
        """True for the formats with named graphs (TriG, N-Quads, nanopublications)."""
        return self in (ExportFormat.TRIG, ExportFormat.NQUADS, ExportFormat.NANOPUB)


#: suffix, media type, title, aliases. Turtle 1.2 and nanopublications get suffixes of their own
#: (``.ttl12``, ``.np.trig``) so that from_path stays unambiguous.
_INFO: dict[ExportFormat, tuple[str, str, str, tuple[str, ...]]] = {
    ExportFormat.TURTLE: (".ttl", "text/turtle", "Turtle", ("ttl",)),
    ExportFormat.NTRIPLES: (".nt", "application/n-triples", "N-Triples", ("nt", "n-triples")),
    ExportFormat.RDFXML: (
        ".rdf",
        "application/rdf+xml",
        "RDF/XML",
        ("rdf", "xml", "rdf/xml", "rdf-xml"),
    ),
    ExportFormat.JSONLD: (".jsonld", "application/ld+json", "JSON-LD", ("json-ld", "json")),
    ExportFormat.TRIG: (".trig", "application/trig", "TriG", ()),
    ExportFormat.NQUADS: (".nq", "application/n-quads", "N-Quads", ("nq", "n-quads")),
    ExportFormat.TURTLE12: (
        ".ttl12",
        "text/turtle",
        "Turtle 1.2 (RDF 1.2 / RDF-star)",
        ("rdf12", "rdf-star", "turtle-star", "ttl12"),
    ),
    ExportFormat.NANOPUB: (".np.trig", "application/trig", "Nanopublications (TriG)", ("np",)),
}
