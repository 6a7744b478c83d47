"""The named-graph layout of the quad exports: the graph as each source tells it.

Takes the built graph (and the ontology); returns :class:`Layout`, one set of triples per named
graph. Every triple of the built graph lands in at least one named graph, so the union of the
source and registry graphs *is* the built graph:

``{base}graph/source/{stem}`` — one per source document
    What that document says: the document's own description; each fact it supports (the direct
    triple) with its statement node (``rdf:subject`` … ``prov:wasGeneratedBy``), but only the
    ``prov:wasDerivedFrom`` links to *its* evidence; those evidence nodes and their selectors.
    A fact three sources state is in three source graphs, each with its own evidence.
``{base}graph/registry``
    What no single source says: the entity registry (types, labels, notes), external links,
    the extraction activities and the software agent.
``{base}graph/ontology``
    ``ontology/kg.ttl``.

>>> infer_base_from_iri(URIRef("https://example.org/kg/source/001_x"), "001_x.txt")
'https://example.org/kg/'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.iris import IriMinter
from kg.namespaces import DCTERMS, KG, OA, PROV, RDF

__all__ = ["Layout", "infer_base", "infer_base_from_iri", "split"]

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Layout:
    """Named graph IRI → its triples, plus which names are source graphs."""

    graphs: dict[URIRef, set[Triple]] = field(default_factory=dict)
    sources: dict[URIRef, URIRef] = field(default_factory=dict)  #: graph name → document
    registry: URIRef | None = None
    ontology: URIRef | None = None

    def union(self, *, with_ontology: bool = False) -> set[Triple]:
        """Every triple of the layout (the built graph, plus the ontology if asked)."""
        out: set[Triple] = set()
        for name, triples in self.graphs.items():
            if with_ontology or name != self.ontology:
                out |= triples
        return out


def infer_base_from_iri(document: URIRef, identifier: str) -> str | None:
    """The base IRI under which *document* was minted for the file *identifier*, if any."""
    stem = identifier.rsplit(".", 1)[0]
    suffix = f"source/{stem}"
    text = str(document)
    return text[: -len(suffix)] if text.endswith(suffix) else None


def infer_base(graph: Graph) -> str:
    """The base IRI the graph was built with (``kg build --base``), read off its documents."""
    bases = set()
    for doc in graph.subjects(RDF.type, KG.SourceDocument):
        identifier = graph.value(doc, DCTERMS.identifier)
        base = (
            infer_base_from_iri(doc, str(identifier))
            if isinstance(doc, URIRef) and identifier
            else None
        )
        if base is None:
            raise KgError(f"{doc}: a source document IRI not of the form {{base}}source/{{stem}}")
        bases.add(base)
    if len(bases) != 1:
        found = ", ".join(sorted(bases)) or "no kg:SourceDocument"
        raise KgError(f"cannot tell the graph's base IRI ({found}): give --base")
    return bases.pop()


def split(graph: Graph, minter: IriMinter, ontology: Graph | None = None) -> Layout:
    """Share out the triples of *graph* (and *ontology*) to named graphs, as described above."""
    layout = Layout(
        registry=minter.graph("registry"),
        ontology=minter.graph("ontology") if ontology is not None else None,
    )
    assigned: set[Triple] = set()

    def put(name: URIRef, triples: Iterable[Triple]) -> None:
        bucket = layout.graphs.setdefault(name, set())
        for triple in triples:
            bucket.add(triple)
            assigned.add(triple)

    names: dict[Node, URIRef] = {}
    for doc in sorted(graph.subjects(RDF.type, KG.SourceDocument), key=str):
        name = minter.source_graph(str(graph.value(doc, DCTERMS.identifier)))
        names[doc] = name
        if isinstance(doc, URIRef):
            layout.sources[name] = doc
        put(name, graph.triples((doc, None, None)))
    evidence: dict[Node, URIRef] = {}
    for ev, _, doc in graph.triples((None, OA.hasSource, None)):
        if doc not in names:
            continue
        evidence[ev] = names[doc]
        put(names[doc], graph.triples((ev, None, None)))
        for selector in graph.objects(ev, OA.hasSelector):
            put(names[doc], graph.triples((selector, None, None)))
    for st in graph.subjects(RDF.type, RDF.Statement):
        fact = (
            graph.value(st, RDF.subject),
            graph.value(st, RDF.predicate),
            graph.value(st, RDF.object),
        )
        told_by = {evidence[e] for e in graph.objects(st, PROV.wasDerivedFrom) if e in evidence}
        for name in told_by:
            put(
                name,
                (
                    (s, p, o)
                    for s, p, o in graph.triples((st, None, None))
                    if p != PROV.wasDerivedFrom or evidence.get(o) == name
                ),
            )
            s, p, o = fact
            if s is not None and p is not None and o is not None and fact in graph:
                put(name, [(s, p, o)])
    registry = {t for t in graph if t not in assigned}
    layout.graphs[minter.graph("registry")] = registry
    if ontology is not None:
        layout.graphs[minter.graph("ontology")] = set(ontology)
    return layout
