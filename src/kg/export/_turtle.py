"""Turtle-family text: deterministic bodies, one prefix table, and single terms.

rdflib's serializers follow the store's insertion order, so a graph filled in sorted order
serializes the same way every time. TriG and Turtle 1.2 are assembled here from Turtle bodies
(rdflib) and hand-written lines (triple terms, which rdflib does not model), all sharing one
:class:`~rdflib.namespace.NamespaceManager` so every prefix a body uses is declared once, on top.

>>> nsm = namespace_manager()
>>> term(URIRef("https://kg.example.org/ontology#fatalities"), nsm)
'kg:fatalities'
>>> term(Literal('say "hi"\\n', lang="en"), nsm)
'"say \\\\"hi\\\\"\\\\n"@en'
>>> term(Literal("13", datatype=XSD.integer), nsm)
'"13"^^xsd:integer'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import PREFIXES, XSD

__all__ = ["body", "flat", "namespace_manager", "prefix_block", "sorted_graph", "term"]

Triple = tuple[Node, Node, Node]

_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b"}


def namespace_manager(extra: Mapping[str, str] | None = None) -> NamespaceManager:
    """A namespace manager with the project's prefixes (and *extra* ones) bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in {**PREFIXES, **(extra or {})}.items():
        graph.bind(prefix, namespace)
    return graph.namespace_manager


def _key(triple: Triple) -> tuple[str, str, str]:
    return triple[0].n3(), triple[1].n3(), triple[2].n3()


def sorted_graph(triples: Iterable[Triple], nsm: NamespaceManager | None = None) -> Graph:
    """A graph holding *triples*, inserted in sorted order (so serializers are deterministic)."""
    graph = Graph(namespace_manager=nsm or namespace_manager())
    for triple in sorted(triples, key=_key):
        graph.add(triple)
    return graph


def flat(triples: Iterable[Triple], nsm: NamespaceManager) -> str:
    """One ``s p o .`` line per triple, sorted: quicker than :func:`body` for many tiny graphs."""
    lines = sorted(f"{term(s, nsm)} {term(p, nsm)} {term(o, nsm)} .\n" for s, p, o in triples)
    return "".join(lines)


def body(triples: Iterable[Triple], nsm: NamespaceManager) -> str:
    """Turtle statements for *triples* without their ``@prefix`` lines (declared by the caller
    from *nsm*, which collects any prefix rdflib has to invent). rdflib's Turtle serializer
    sorts subjects, predicates and objects itself."""
    graph = Graph(namespace_manager=nsm)
    for triple in triples:
        graph.add(triple)
    text = graph.serialize(format="turtle")
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and (lines[start].startswith("@prefix ") or not lines[start].strip()):
        start += 1
    return "".join(lines[start:]).rstrip("\n") + "\n"


def prefix_block(nsm: NamespaceManager) -> str:
    """``@prefix`` lines for every namespace bound in *nsm*, sorted by prefix."""
    return "".join(
        f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(nsm.namespaces())
    )


def _iri(value: str, nsm: NamespaceManager) -> str:
    for prefix, namespace in sorted(nsm.namespaces(), key=lambda p: -len(str(p[1]))):
        if value.startswith(str(namespace)) and _PN_LOCAL.match(value[len(str(namespace)) :]):
            return f"{prefix}:{value[len(str(namespace)) :]}"
    if _IRI_FORBIDDEN.search(value):
        raise KgError(f"cannot write the IRI {value!r} in Turtle: it has forbidden characters")
    return f"<{value}>"


def _string(value: str) -> str:
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def term(node: Node, nsm: NamespaceManager) -> str:
    """One RDF term in Turtle syntax (prefixed names where the local part allows it)."""
    if isinstance(node, URIRef):
        return _iri(str(node), nsm)
    if isinstance(node, Literal):
        if node.language:
            return f"{_string(str(node))}@{node.language}"
        datatype = node.datatype
        if datatype is None or datatype == XSD.string:
            return _string(str(node))
        return f"{_string(str(node))}^^{_iri(str(datatype), nsm)}"
    if isinstance(node, BNode):
        return f"_:{node}"
    raise KgError(f"cannot write {node!r} in Turtle")
