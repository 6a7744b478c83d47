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
from enum import Enum

from rdflib import URIRef

from kg.errors import KgError
from kg.namespaces import KG_NAMESPACE

__all__ = [
    "DEFAULT_BASE",
    "ENTITY_ID",
    "ONTOLOGY_IRI",
    "IriKind",
    "IriMinter",
    "Resource",
    "slugify",
]

DEFAULT_BASE = "https://kg.example.org/"

#: The ontology's own IRI (fixed: the vocabulary does not move with the data's base).
ONTOLOGY_IRI = KG_NAMESPACE.rstrip("#")

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


class IriKind(Enum):
    """What a minted IRI names (see :meth:`IriMinter.classify`)."""

    ENTITY = "entity"  #: a curated entity: ``id/{kind}/{slug}``
    STATEMENT = "statement"  #: a fact's statement node: ``id/statement/{hash}``
    EVIDENCE = "evidence"  #: an evidence passage: ``id/evidence/{hash}``
    SELECTOR = "selector"  #: its quote or position selector: ``id/evidence/{hash}-quote``
    ACTIVITY = "activity"  #: an extraction activity: ``id/activity/{method}-{version}``
    SOFTWARE = "software"  #: the software agent: ``id/software/kg-{version}``
    SOURCE = "source"  #: a source document: ``source/{stem}``
    GRAPH = "graph"  #: a named graph of the quad exports: ``graph/{name}``
    DATASET = "dataset"  #: the VoID/DCAT dataset and its parts: ``dataset``, ``dataset#{part}``
    VOID = "void"  #: the dataset description document: ``.well-known/void``
    SPARQL = "sparql"  #: the SPARQL endpoint: ``sparql``
    DUMP = "dump"  #: a downloadable export: ``dump/{file}``
    NANOPUB = "nanopub"  #: a nanopublication and its graphs: ``np/{hash}``, ``np/{hash}#head``…
    ONTOLOGY = "ontology"  #: the ontology or one of its terms (``…/ontology#Attack``)


#: Path kinds under ``id/`` that are bookkeeping, not curated entities.
_BOOKKEEPING = {"statement", "evidence", "activity", "software"}
_HASH = r"[0-9a-f]{20}"
_PATTERNS: tuple[tuple[IriKind, re.Pattern[str]], ...] = (
    (IriKind.STATEMENT, re.compile(rf"id/statement/({_HASH})")),
    (IriKind.SELECTOR, re.compile(rf"id/evidence/({_HASH}-(?:quote|position))")),
    (IriKind.EVIDENCE, re.compile(rf"id/evidence/({_HASH})")),
    (IriKind.ACTIVITY, re.compile(r"id/activity/([a-z0-9-]+)")),
    (IriKind.SOFTWARE, re.compile(r"id/software/(kg-[a-z0-9-]+)")),
    (IriKind.ENTITY, re.compile(r"id/([a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*)")),
    (IriKind.SOURCE, re.compile(r"source/([^/#?]+)")),
    (IriKind.GRAPH, re.compile(r"graph/(ontology|registry|source/[^/#?]+)")),
    (IriKind.DATASET, re.compile(r"dataset(?:#([^#?]+))?")),
    (IriKind.VOID, re.compile(r"\.well-known/void()")),
    (IriKind.SPARQL, re.compile(r"sparql()")),
    (IriKind.DUMP, re.compile(r"dump/([^/#?]+)")),
    (IriKind.NANOPUB, re.compile(rf"np/({_HASH}(?:#(?:head|assertion|provenance|pubinfo))?)")),
)


@dataclass(frozen=True)
class Resource:
    """What an IRI minted by :class:`IriMinter` names: its *kind* and a *key* within the kind.

    The key is what a server needs to look the resource up: the entity id for entities
    (``person/martin-kobler``), the hash for statements and evidence, the file stem for sources,
    the graph name for graphs, the fragment (or ``""``) for the dataset, the term name for the
    ontology (``""`` for the ontology itself).
    """

    kind: IriKind
    key: str


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

    # --- publication: named graphs, dataset description, endpoint, dumps, nanopublications -----

    def graph(self, name: str) -> URIRef:
        """IRI of a named graph of the quad exports: ``ontology`` or ``registry``."""
        if name not in ("ontology", "registry"):
            raise KgError(f"unknown graph name {name!r}: expected ontology or registry")
        return URIRef(f"{self.base}graph/{name}")

    def source_graph(self, identifier: str) -> URIRef:
        """IRI of the named graph of one source document (what that source tells)."""
        stem = identifier.rsplit(".", 1)[0]
        return URIRef(f"{self.base}graph/source/{stem}")

    def dataset(self, part: str | None = None) -> URIRef:
        """IRI of the dataset (VoID/DCAT), or of one of its described *part*s (a fragment)."""
        return URIRef(f"{self.base}dataset" + (f"#{part}" if part else ""))

    def void_document(self) -> URIRef:
        """IRI of the dataset description document, ``/.well-known/void`` (RFC 8615)."""
        return URIRef(f"{self.base}.well-known/void")

    def sparql_endpoint(self) -> URIRef:
        """IRI of the SPARQL endpoint that ``kg serve`` answers."""
        return URIRef(f"{self.base}sparql")

    def dump(self, filename: str) -> URIRef:
        """IRI of a downloadable export (``kg export`` output) named *filename*."""
        return URIRef(f"{self.base}dump/{filename}")

    def nanopub(self, statement: URIRef, part: str | None = None) -> URIRef:
        """IRI of the nanopublication of a statement node, or of its ``head``, ``assertion``,
        ``provenance`` or ``pubinfo`` graph."""
        if part not in (None, "head", "assertion", "provenance", "pubinfo"):
            raise KgError(f"unknown nanopublication part {part!r}")
        digest = str(statement).rsplit("/", 1)[-1]
        return URIRef(f"{self.base}np/{digest}" + (f"#{part}" if part else ""))

    def classify(self, iri: str) -> Resource | None:
        """Say what *iri* names, or ``None`` if this minter did not mint it.

        >>> m = IriMinter("https://example.org/kg/")
        >>> m.classify("https://example.org/kg/id/person/martin-kobler")
        Resource(kind=<IriKind.ENTITY: 'entity'>, key='person/martin-kobler')
        >>> m.classify(m.source_graph("001_dd6600ad609501c8.txt")).key
        'source/001_dd6600ad609501c8'
        >>> m.classify("https://kg.example.org/ontology#Attack")
        Resource(kind=<IriKind.ONTOLOGY: 'ontology'>, key='Attack')
        >>> m.classify("https://example.org/kg/id/nonsense/") is None
        True
        """
        text = str(iri)
        if text == ONTOLOGY_IRI or text.startswith(KG_NAMESPACE):
            return Resource(IriKind.ONTOLOGY, text[len(KG_NAMESPACE) :])
        if not text.startswith(self.base):
            return None
        path = text[len(self.base) :]
        for kind, pattern in _PATTERNS:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            key = match.group(1) or ""
            if kind is IriKind.ENTITY and key.split("/", 1)[0] in _BOOKKEEPING:
                return None
            return Resource(kind, key)
        return None
