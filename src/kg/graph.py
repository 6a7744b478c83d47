"""Stage 4 — graph: sources, entities and statements as RDF, under the provenance contract.

Takes :class:`~kg.sources.Source`, :class:`~kg.curation.EntityRecord` and
:class:`~kg.statements.Statement` objects; returns an :class:`rdflib.Graph` where every fact is a
direct triple ``s p o`` and an ``rdf:Statement`` node derived from one evidence node per passage,
each with an ``oa:TextQuoteSelector`` and an ``oa:TextPositionSelector`` into its document.
This is the one place statements become RDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Graph, Literal, URIRef

from kg._version import __version__
from kg.curation import EntityRecord
from kg.iris import IriMinter
from kg.namespaces import DCTERMS, FOAF, KG, OA, PREFIXES, PROV, RDF, RDFS, XSD
from kg.sources import Source
from kg.statements import Evidence, Method, Statement

__all__ = ["to_graph"]


def _new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _add_source(graph: Graph, minter: IriMinter, source: Source) -> None:
    doc = minter.source(source.identifier)
    for cls in (FOAF.Document, KG.SourceDocument, PROV.Entity):
        graph.add((doc, RDF.type, cls))
    graph.add((doc, DCTERMS.identifier, Literal(source.identifier)))
    graph.add((doc, RDFS.label, Literal(source.identifier)))
    graph.add((doc, KG.sha256, Literal(source.sha256)))
    graph.add((doc, KG.characterCount, Literal(len(source.text), datatype=XSD.integer)))
    graph.add((doc, DCTERMS.format, Literal("text/plain")))
    for prop, value in (
        (DCTERMS.title, source.title),
        (DCTERMS.creator, source.creator),
        (DCTERMS.publisher, source.publisher),
    ):
        if value:
            graph.add((doc, prop, Literal(value)))
    if source.boilerplate_start is not None:
        graph.add(
            (doc, KG.boilerplateStart, Literal(source.boilerplate_start, datatype=XSD.integer))
        )


def _add_entity(graph: Graph, minter: IriMinter, entity: EntityRecord) -> None:
    node = minter.entity(entity.id)
    for cls in entity.types:
        graph.add((node, RDF.type, URIRef(KG._NS + cls)))
    graph.add((node, RDFS.label, Literal(entity.label)))
    if entity.candidate:
        graph.add((node, KG.isCandidate, Literal(True)))
    if entity.note:
        graph.add((node, KG.note, Literal(entity.note)))


def _add_activity(graph: Graph, minter: IriMinter, method: Method) -> URIRef:
    activity = minter.activity(method.value, __version__)
    software = minter.software(__version__)
    graph.add((activity, RDF.type, KG.ExtractionActivity))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"{method.value} (kg {__version__})")))
    graph.add((activity, KG.method, method.term))
    graph.add((activity, KG.softwareVersion, Literal(__version__)))
    graph.add((activity, PROV.wasAssociatedWith, software))
    graph.add((software, RDF.type, PROV.SoftwareAgent))
    graph.add((software, RDFS.label, Literal(f"kg {__version__}")))
    return activity


def _add_evidence(
    graph: Graph, minter: IriMinter, statement: URIRef, evidence: Evidence, activity: URIRef
) -> URIRef:
    span = evidence.span
    node = minter.evidence(statement, span.source, span.start, span.end)
    quote, position = minter.selector(node, "quote"), minter.selector(node, "position")
    graph.add((node, RDF.type, KG.Evidence))
    graph.add((node, RDF.type, OA.SpecificResource))
    graph.add((node, OA.hasSource, minter.source(span.source)))
    graph.add((node, OA.hasSelector, quote))
    graph.add((node, OA.hasSelector, position))
    graph.add((node, PROV.wasGeneratedBy, activity))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.exact)))
    graph.add((quote, OA.prefix, Literal(span.prefix)))
    graph.add((quote, OA.suffix, Literal(span.suffix)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start, datatype=XSD.integer)))
    graph.add((position, OA.end, Literal(span.end, datatype=XSD.integer)))
    if evidence.qualifier:
        graph.add((node, KG.qualifier, Literal(evidence.qualifier)))
    if evidence.inferred:
        graph.add((node, KG.isInferred, Literal(True)))
    if evidence.note:
        graph.add((node, KG.note, Literal(evidence.note)))
    return node


def _add_statement(
    graph: Graph, minter: IriMinter, st: Statement, activities: Mapping[Method, URIRef]
) -> None:
    graph.add((st.subject, st.predicate, st.object))
    node = minter.statement(st.subject.n3(), st.predicate.n3(), st.object.n3())
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.subject, st.subject))
    graph.add((node, RDF.predicate, st.predicate))
    graph.add((node, RDF.object, st.object))
    graph.add((node, PROV.wasGeneratedBy, activities[st.method]))
    if st.confidence is not None:
        graph.add((node, KG.confidence, Literal(str(st.confidence), datatype=XSD.decimal)))
    if st.inferred:
        graph.add((node, KG.isInferred, Literal(True)))
    for evidence in st.evidence:
        ev = _add_evidence(graph, minter, node, evidence, activities[evidence.method])
        graph.add((node, PROV.wasDerivedFrom, ev))


def to_graph(
    sources: Iterable[Source],
    entities: Iterable[EntityRecord],
    statements: Iterable[Statement],
    minter: IriMinter,
) -> Graph:
    """Build the knowledge graph (without the ontology, which stays in ``ontology/kg.ttl``)."""
    graph = _new_graph()
    statements = list(statements)
    methods = sorted({e.method for st in statements for e in st.evidence}, key=lambda m: m.rank)
    activities = {m: _add_activity(graph, minter, m) for m in methods}
    for source in sources:
        _add_source(graph, minter, source)
    for entity in entities:
        _add_entity(graph, minter, entity)
    for st in statements:
        _add_statement(graph, minter, st, activities)
    return graph
