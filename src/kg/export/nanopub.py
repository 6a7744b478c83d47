"""Nanopublications: each statement as its own small, citable publication.

For a statement node ``{base}id/statement/{hash}`` the nanopublication is ``{base}np/{hash}``
with four named graphs (the nanopub.org schema)::

    np/{hash}#head        np a np:Nanopublication ; np:hasAssertion …#assertion ;
                          np:hasProvenance …#provenance ; np:hasPublicationInfo …#pubinfo .
    np/{hash}#assertion   the fact: s p o .
    np/{hash}#provenance  …#assertion prov:wasDerivedFrom <evidence> ; prov:wasGeneratedBy <act> ,
                          and, as in the built graph, the statement node, its evidence nodes and
                          their selectors.
    np/{hash}#pubinfo     np dcterms:isPartOf <{base}dataset> ; prov:wasAttributedTo <software> .

Everything else (entity registry, source documents, activities) is in ``{base}graph/registry``.
So the export is lossless: drop the triples *about* nanopublications (head and pubinfo, and the
assertion's provenance links) and the union of the graphs is the built graph again
(:func:`from_nanopublications`).
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from rdflib import Graph, Namespace, URIRef
from rdflib.term import Node

from kg.iris import IriKind, IriMinter
from kg.namespaces import DCTERMS, OA, PROV, RDF

__all__ = ["NP", "from_nanopublications", "nanopublications"]

NP = Namespace("http://www.nanopub.org/nschema#")

Triple = tuple[Node, Node, Node]


def _evidence_triples(graph: Graph, ev: Node) -> list[Triple]:
    out: list[Triple] = list(graph.triples((ev, None, None)))
    for selector in graph.objects(ev, OA.hasSelector):
        out.extend(graph.triples((selector, None, None)))
    return out


def nanopublications(graph: Graph, minter: IriMinter) -> dict[URIRef, set[Triple]]:
    """Named graphs of the nanopublication export of *graph* (see the module docstring)."""
    graphs: dict[URIRef, set[Triple]] = {}
    used: set[Triple] = set()
    for st in sorted(graph.subjects(RDF.type, RDF.Statement), key=str):
        if not isinstance(st, URIRef):
            continue
        np, assertion, provenance, pubinfo = (
            minter.nanopub(st),
            minter.nanopub(st, "assertion"),
            minter.nanopub(st, "provenance"),
            minter.nanopub(st, "pubinfo"),
        )
        graphs[minter.nanopub(st, "head")] = {
            (np, RDF.type, NP.Nanopublication),
            (np, NP.hasAssertion, assertion),
            (np, NP.hasProvenance, provenance),
            (np, NP.hasPublicationInfo, pubinfo),
        }
        s, p, o = (graph.value(st, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        fact = (s, p, o) if s is not None and p is not None and o is not None else None
        graphs[assertion] = {fact} if fact is not None and fact in graph else set()
        prov: set[Triple] = set(graph.triples((st, None, None)))
        for ev in graph.objects(st, PROV.wasDerivedFrom):
            prov.add((assertion, PROV.wasDerivedFrom, ev))
            prov.update(_evidence_triples(graph, ev))
        info: set[Triple] = {(np, DCTERMS.isPartOf, minter.dataset())}
        for activity in graph.objects(st, PROV.wasGeneratedBy):
            prov.add((assertion, PROV.wasGeneratedBy, activity))
            for agent in graph.objects(activity, PROV.wasAssociatedWith):
                info.add((np, PROV.wasAttributedTo, agent))
        graphs[provenance] = prov
        graphs[pubinfo] = info
        used |= graphs[assertion] | prov
    graphs[minter.graph("registry")] = {t for t in graph if t not in used}
    return graphs


def from_nanopublications(graphs: Mapping[URIRef, Set[Triple]], minter: IriMinter) -> Graph:
    """The built graph back from nanopublication *graphs*: their union, less the triples whose
    subject is a nanopublication or one of its graphs."""
    graph = Graph()
    for triples in graphs.values():
        for s, p, o in triples:
            resource = minter.classify(str(s)) if isinstance(s, URIRef) else None
            if resource is None or resource.kind is not IriKind.NANOPUB:
                graph.add((s, p, o))
    return graph
