"""Minting of every IRI the graph uses, in one place.

IRIs are readable where people meet them (entities: ``{base}id/person/martin-kobler``; source
documents: ``{base}source/001_dd6600ad609501c8``) and content-derived where they are bookkeeping
(statements and evidence: a hash of what they say), so they are stable across builds. The base is
configurable for publication under a persistent domain.

>>> m = IriMinter("https://example.org/")
>>> m.entity("person/martin-kobler")
rdflib.term.URIRef('https://example.org/id/person/martin-kobler')
>>> m.source("001_dd6600ad609501c8.txt")
rdflib.term.URIRef('https://example.org/source/001_dd6600ad609501c8')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from kg.errors import KgError

__all__ = ["DEFAULT_BASE", "ENTITY_ID", "IriMinter", "slugify"]

DEFAULT_BASE = "https://kg.example.org/"

#: Curated entity identifiers: a kind and a slug, e.g. ``event/attack-ashraf-2009-07``.
ENTITY_ID = re.compile(r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """Lower-case ASCII slug of *text*.

    >>> slugify("Kata’eb Hezbollah")
    'kataeb-hezbollah'
    >>> slugify("Nouri al-Maliki")
    'nouri-al-maliki'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class IriMinter:
    """Mints the IRIs of one graph under *base* (which must end with ``/`` or ``#``)."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://\S+[/#]$", self.base):
            raise KgError(f"base IRI must be an http(s) IRI ending in / or #: {self.base!r}")

    def entity(self, entity_id: str) -> URIRef:
        """IRI of a curated entity (actor, place, event, agreement, position holding)."""
        if not ENTITY_ID.match(entity_id):
            raise KgError(
                f"bad entity id {entity_id!r}: expected kind/slug, e.g. person/martin-kobler"
            )
        return URIRef(f"{self.base}id/{entity_id}")

    def source(self, identifier: str) -> URIRef:
        """IRI of a source document, from its file name under ``data/sources/``."""
        stem = identifier.rsplit(".", 1)[0]
        return URIRef(f"{self.base}source/{stem}")

    def statement(self, subject: str, predicate: str, obj: str) -> URIRef:
        """IRI of the statement node of one fact (N3 forms of its terms)."""
        return URIRef(f"{self.base}id/statement/{_digest(subject, predicate, obj)}")

    def evidence(self, statement: URIRef, source: str, start: int, end: int) -> URIRef:
        """IRI of one evidence passage of a statement."""
        return URIRef(f"{self.base}id/evidence/{_digest(statement, source, str(start), str(end))}")

    def selector(self, evidence: URIRef, kind: str) -> URIRef:
        """IRI of an evidence node's ``quote`` or ``position`` selector."""
        return URIRef(f"{evidence}-{kind}")

    def activity(self, method: str, version: str) -> URIRef:
        """IRI of the extraction activity of a method run by a software version."""
        return URIRef(f"{self.base}id/activity/{slugify(method)}-{slugify(version)}")

    def software(self, version: str) -> URIRef:
        """IRI of the software agent (this package at a version)."""
        return URIRef(f"{self.base}id/software/kg-{slugify(version)}")
