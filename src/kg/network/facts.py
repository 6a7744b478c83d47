"""The records projections are made from: facts with their evidence, and the :class:`Facts`
index of one built graph (every reified fact with its statement IRI and evidence passages, the
entities' classes, labels and names, the ontology's class hierarchy). :mod:`kg.network.reading`
builds it from RDF.

>>> from kg.network import load_facts
>>> facts = load_facts()
>>> mek = "https://kg.example.org/id/org/mek"
>>> facts.label(mek), facts.kind(mek), facts.entity_id(mek)
('MEK', 'Organisation', 'org/mek')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from kg.namespaces import KG, OA, PROV, RDF

__all__ = [
    "KINDS",
    "PROVENANCE_CLASSES",
    "EvidenceRef",
    "Fact",
    "Facts",
    "Lit",
    "Passage",
    "Term",
    "Triple",
    "local_name",
]


class Lit(NamedTuple):
    """A literal: its lexical value and datatype IRI (language-tagged strings keep the tag)."""

    value: str
    datatype: str = "http://www.w3.org/2001/XMLSchema#string"
    language: str | None = None


#: A node (IRI string, or ``_:id`` for a blank node) or a literal.
Term = str | Lit
Triple = tuple[str, str, Term]


class Passage(NamedTuple):
    """A span of a source document: the file name, code-point offsets and the text."""

    source: str
    start: int
    end: int
    quote: str


class EvidenceRef(NamedTuple):
    """One evidence node of the graph: its passage, IRI and method (a class local name)."""

    source: str
    start: int
    end: int
    quote: str
    iri: str = ""
    method: str = ""

    @property
    def passage(self) -> Passage:
        return Passage(self.source, self.start, self.end, self.quote)


@dataclass(frozen=True)
class Fact:
    """A reified fact: the triple, its ``rdf:Statement`` node and the evidence it derives from."""

    statement: str
    subject: str
    predicate: str
    object: Term
    evidence: tuple[EvidenceRef, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({e.source for e in self.evidence}))


#: The broad kinds an entity falls in, most specific first (used for colours and filters).
KINDS = (
    (KG.Person, "Person"),
    (KG.Organisation, "Organisation"),
    (KG.Group, "Group"),
    (KG.Actor, "Actor"),
    (KG.PositionHolding, "PositionHolding"),
    (KG.Event, "Event"),
    (KG.PublishedDocument, "PublishedDocument"),
    (KG.Agreement, "Agreement"),
    (KG.Location, "Location"),
)

#: Classes of bookkeeping nodes (statements, evidence, selectors, documents, activities).
PROVENANCE_CLASSES = frozenset(
    str(c)
    for c in (
        RDF.Statement,
        KG.Evidence,
        OA.SpecificResource,
        OA.TextQuoteSelector,
        OA.TextPositionSelector,
        KG.SourceDocument,
        PROV.Activity,
        KG.ExtractionActivity,
        PROV.SoftwareAgent,
    )
)

_OCCURRENCES = (str(KG.Event), str(KG.Agreement), str(KG.PositionHolding))
_ACTOR = str(KG.Actor)


def local_name(iri: str) -> str:
    """The part of *iri* after its last ``#`` or ``/``.

    >>> local_name("https://kg.example.org/ontology#perpetrator")
    'perpetrator'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Facts:
    """An index of one built graph (see the module docstring); build it with :func:`load_facts`.

    ``triples`` holds every triple of the data graph; ``facts`` the reified ones by triple;
    ``types`` and ``labels`` the entity registry; ``superclasses`` maps each ontology class to
    itself and its ancestors; ``sentences`` the sentence spans of each source document (empty
    when the texts were not at hand); ``forms`` each entity's names in the texts (its
    ``skos:altLabel`` values), which filters leave alone so names always resolve.
    """

    triples: tuple[Triple, ...]
    facts: Mapping[Triple, Fact]
    types: Mapping[str, frozenset[str]]
    labels: Mapping[str, str]
    superclasses: Mapping[str, frozenset[str]]
    sentences: Mapping[str, tuple[Passage, ...]] = field(default_factory=dict)
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def classes(self, node: str) -> frozenset[str]:
        """The asserted classes of *node* and all their superclasses."""
        known = self._classes.get(node)
        if known is None:
            out: set[str] = set()
            for cls in self.types.get(node, ()):
                out |= self.superclasses.get(cls, frozenset({cls}))
            known = self._classes[node] = frozenset(out)
        return known

    @cached_property
    def _classes(self) -> dict[str, frozenset[str]]:
        return {}  # filled by classes(): projections ask about the same nodes many times

    def is_a(self, node: str, cls: str) -> bool:
        return str(cls) in self.classes(node)

    def label(self, node: str) -> str:
        """``rdfs:label``, else the entity id, else the IRI's local name."""
        found = self.labels.get(node)
        return found if found is not None else self.entity_id(node) or local_name(node)

    @staticmethod
    def entity_id(node: str) -> str:
        """The curated id (``org/mek``) of an entity IRI, or ``""``."""
        return node.split("/id/", 1)[1] if "/id/" in node else ""

    def kind(self, node: str) -> str:
        """The broad kind of *node* (one of :data:`KINDS`), or ``"Other"``."""
        classes = self.classes(node)
        return next((name for cls, name in KINDS if str(cls) in classes), "Other")

    def cls(self, node: str) -> str:
        """The local name of *node*'s most specific asserted class (ties: alphabetical)."""
        asserted = self.types.get(node, frozenset())
        specific = [
            c
            for c in asserted
            if not any(c != o and c in self.superclasses.get(o, ()) for o in asserted)
        ]
        return min((local_name(c) for c in specific), default="")

    def is_actor(self, node: str) -> bool:
        return _ACTOR in self.classes(node)

    def is_occurrence(self, node: str) -> bool:
        """Events, agreements and position holdings: the things that have dates."""
        classes = self.classes(node)
        return any(c in classes for c in _OCCURRENCES)

    def is_provenance(self, node: str) -> bool:
        return not PROVENANCE_CLASSES.isdisjoint(self.types.get(node, ()))

    def objects(self, subject: str, predicate: str) -> Iterator[Fact]:
        """The reified facts ``subject predicate ?o``."""
        yield from self._by_subject.get((subject, str(predicate)), ())

    @cached_property
    def _by_subject(self) -> dict[tuple[str, str], list[Fact]]:
        out: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for fact in self.facts.values():
            out[(fact.subject, fact.predicate)].append(fact)
        return out

    @cached_property
    def by_statement(self) -> dict[str, Fact]:
        """Facts by the IRI of their statement node."""
        return {fact.statement: fact for fact in self.facts.values()}

    def describe(self, node: str) -> str:
        """A label for *node*; for a statement node, its fact in words (``MEK basedAt …``)."""
        fact = self.by_statement.get(node)
        if fact is None:
            return self.labels.get(node, node)
        obj = fact.object.value if isinstance(fact.object, Lit) else self.label(fact.object)
        return f"{self.label(fact.subject)} {local_name(fact.predicate)} {obj}"

    @cached_property
    def entities(self) -> frozenset[str]:
        """Nodes with a label or a class that are not provenance bookkeeping."""
        nodes = set(self.labels) | set(self.types)
        return frozenset(n for n in nodes if not self.is_provenance(n))
