"""RDF 1.2 (RDF-star): every statement node as the reifier of an annotated triple term.

The classic reification of the built graph::

    st a rdf:Statement ; rdf:subject s ; rdf:predicate p ; rdf:object o ;
       prov:wasDerivedFrom ev ; prov:wasGeneratedBy act .
    s p o .

becomes, in Turtle 1.2, one annotated triple whose reifier is the same statement IRI::

    s p o ~ st {| prov:wasDerivedFrom ev ; prov:wasGeneratedBy act |} .

that is ``s p o`` asserted, ``st rdf:reifies <<( s p o )>>`` and the annotations on ``st``.
Nothing is lost: :func:`from_rdf12` turns ``rdf:reifies`` back into the four reification
triples, and the result is isomorphic to the built graph. rdflib does not model triple terms,
so the reading side uses pyoxigraph (0.5 reads and writes RDF 1.2).

>>> from rdflib import Graph, Literal
>>> from kg.namespaces import PROV
>>> e = "https://e.org/"
>>> g = Graph()
>>> s, p, st = URIRef(e + "s"), URIRef(e + "p"), URIRef(e + "st")
>>> for t in [(s, p, Literal(13)), (st, RDF.type, RDF.Statement), (st, RDF.subject, s),
...           (st, RDF.predicate, p), (st, RDF.object, Literal(13)),
...           (st, PROV.wasDerivedFrom, URIRef(e + "ev"))]:
...     _ = g.add(t)
>>> text = turtle12(g)
>>> print(text.decode().split("provenance.\\n")[1], end="")
<https://e.org/s> <https://e.org/p> "13"^^xsd:integer ~ <https://e.org/st> {|
    prov:wasDerivedFrom <https://e.org/ev> |} .
>>> import pyoxigraph as ox
>>> from rdflib.compare import isomorphic
>>> isomorphic(from_rdf12(ox.parse(text, format=ox.RdfFormat.TURTLE)), g)
True
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.export._turtle import body, namespace_manager, prefix_block, term
from kg.namespaces import RDF

__all__ = ["REIFIES", "from_rdf12", "turtle12"]

REIFIES = URIRef(str(RDF) + "reifies")
_REIFICATION = (RDF.subject, RDF.predicate, RDF.object)

Triple = tuple[Node, Node, Node]


def _statements(graph: Graph) -> dict[Node, Triple]:
    """Statement node → its (s, p, o); each must have exactly one of each."""
    out: dict[Node, Triple] = {}
    for st in graph.subjects(RDF.type, RDF.Statement):
        parts = [list(graph.objects(st, prop)) for prop in _REIFICATION]
        if any(len(values) != 1 for values in parts):
            raise KgError(f"{st}: a statement needs one rdf:subject, rdf:predicate and rdf:object")
        out[st] = (parts[0][0], parts[1][0], parts[2][0])
    return out


def turtle12(graph: Graph, header: str = "") -> bytes:
    """Turtle 1.2 text of *graph*: statements as annotated triple terms (see the module doc)."""
    nsm = namespace_manager()
    statements = _statements(graph)
    annotations: dict[Node, list[tuple[Node, Node]]] = {st: [] for st in statements}
    facts = {fact for st, fact in statements.items() if fact in graph}
    rest: list[Triple] = []
    for s, p, o in graph:
        if s in statements:
            if not (p == RDF.type and o == RDF.Statement) and p not in _REIFICATION:
                annotations[s].append((p, o))
        elif (s, p, o) not in facts:
            rest.append((s, p, o))
    lines = []
    for st, (s, p, o) in sorted(statements.items(), key=lambda item: (item[1], item[0])):
        triple = f"{term(s, nsm)} {term(p, nsm)} {term(o, nsm)}"
        grouped: dict[Node, list[str]] = {}
        for ap, ao in sorted(annotations[st]):
            grouped.setdefault(ap, []).append(term(ao, nsm))
        notes = " ;\n".join(f"    {term(ap, nsm)} {', '.join(os_)}" for ap, os_ in grouped.items())
        if (s, p, o) in facts:
            block = f" {{|\n{notes} |}}" if notes else ""
            lines.append(f"{triple} ~ {term(st, nsm)}{block} .\n")
        else:  # a claim the graph does not assert: the reifier of an unasserted triple term
            more = f" ;\n{notes}" if notes else ""
            lines.append(f"{term(st, nsm)} {term(REIFIES, nsm)} <<( {triple} )>>{more} .\n")
    rest_text = body(rest, nsm) if rest else ""
    text = (
        header
        + 'VERSION "1.2"\n'
        + prefix_block(nsm)
        + "\n"
        + rest_text
        + "\n# Facts, each with its statement node as reifier and the statement's provenance.\n"
        + "\n".join(lines)
    )
    return text.encode("utf-8")


def _ntriples(term_: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term_, ox.Triple):
        raise KgError(f"unexpected triple term {term_} outside rdf:reifies")
    return str(term_)


def from_rdf12(quads: Iterable[ox.Quad | ox.Triple]) -> Graph:
    """The classic-reification graph of parsed RDF 1.2 *quads* (the inverse of :func:`turtle12`).

    ``r rdf:reifies <<( s p o )>>`` becomes ``r a rdf:Statement ; rdf:subject s ;
    rdf:predicate p ; rdf:object o``; every other triple is kept as it is.
    """
    lines = []
    for quad in quads:
        s, p, o = quad.subject, quad.predicate, quad.object
        if p.value == str(REIFIES) and isinstance(o, ox.Triple):
            r = _ntriples(s)
            lines.append(f"{r} <{RDF.type}> <{RDF.Statement}> .")
            lines.append(f"{r} <{RDF.subject}> {_ntriples(o.subject)} .")
            lines.append(f"{r} <{RDF.predicate}> {_ntriples(o.predicate)} .")
            lines.append(f"{r} <{RDF.object}> {_ntriples(o.object)} .")
        else:
            lines.append(f"{_ntriples(s)} {_ntriples(p)} {_ntriples(o)} .")
    graph = Graph()
    graph.parse(data="\n".join(lines), format="nt")
    return graph
