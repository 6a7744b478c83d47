"""JSON-LD: the ``@context`` published in ``ontology/context.jsonld`` and compact exports.

The context is generated from ``ontology/kg.ttl``: the project's prefixes, one term per
ontology term (``"Attack"``, ``"fatalities"``; object properties coerce their values to IRIs)
and short names for the provenance vocabulary the graph uses (``wasDerivedFrom``,
``hasSource``, ``exact`` …). Exports embed the same context, so they parse offline; a
publisher may replace it by a reference to the published file.

>>> from rdflib import Graph
>>> ontology = Graph().parse(data='''
...     @prefix owl: <http://www.w3.org/2002/07/owl#> .
...     <https://kg.example.org/ontology#target> a owl:ObjectProperty .''', format="turtle")
>>> context(ontology)["target"]
{'@id': 'kg:target', '@type': '@id'}
>>> context(ontology)["wasDerivedFrom"]
{'@id': 'prov:wasDerivedFrom', '@type': '@id'}
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import KG_NAMESPACE, OWL, PREFIXES, RDF, XSD

__all__ = ["context", "context_document", "jsonld"]

#: Terms of other vocabularies the graph uses, by short name: (CURIE, values are IRIs).
_EXTERNAL: dict[str, tuple[str, bool]] = {
    "label": ("rdfs:label", False),
    "comment": ("rdfs:comment", False),
    "altLabel": ("skos:altLabel", False),
    "exactMatch": ("skos:exactMatch", True),
    "isPrimaryTopicOf": ("foaf:isPrimaryTopicOf", True),
    "Statement": ("rdf:Statement", False),
    "subject": ("rdf:subject", True),
    "predicate": ("rdf:predicate", True),
    "object": ("rdf:object", False),
    "wasDerivedFrom": ("prov:wasDerivedFrom", True),
    "wasGeneratedBy": ("prov:wasGeneratedBy", True),
    "wasAssociatedWith": ("prov:wasAssociatedWith", True),
    "Activity": ("prov:Activity", False),
    "SoftwareAgent": ("prov:SoftwareAgent", False),
    "Entity": ("prov:Entity", False),
    "Document": ("foaf:Document", False),
    "SpecificResource": ("oa:SpecificResource", False),
    "TextQuoteSelector": ("oa:TextQuoteSelector", False),
    "TextPositionSelector": ("oa:TextPositionSelector", False),
    "hasSource": ("oa:hasSource", True),
    "hasSelector": ("oa:hasSelector", True),
    "exact": ("oa:exact", False),
    "prefix": ("oa:prefix", False),
    "suffix": ("oa:suffix", False),
    "start": ("oa:start", False),
    "end": ("oa:end", False),
    "identifier": ("dcterms:identifier", False),
    "title": ("dcterms:title", False),
    "creator": ("dcterms:creator", False),
    "format": ("dcterms:format", False),
}


def _definition(curie: str, iri_values: bool) -> str | dict[str, str]:
    return {"@id": curie, "@type": "@id"} if iri_values else curie


def context(ontology: Graph) -> dict[str, Any]:
    """The JSON-LD context for graphs that use *ontology* (prefixes and terms, sorted)."""
    ctx: dict[str, Any] = dict(PREFIXES)
    for name, (curie, iri_values) in _EXTERNAL.items():
        ctx[name] = _definition(curie, iri_values)
    for subject in sorted({s for s in ontology.subjects() if isinstance(s, URIRef)}):
        if not str(subject).startswith(KG_NAMESPACE):
            continue
        name = str(subject)[len(KG_NAMESPACE) :]
        if name in ctx:
            raise KgError(f"JSON-LD context: the ontology term {name!r} clashes with a term")
        ctx[name] = _definition(f"kg:{name}", (subject, RDF.type, OWL.ObjectProperty) in ontology)
    return dict(sorted(ctx.items()))


def context_document(ontology: Graph) -> bytes:
    """The bytes of ``ontology/context.jsonld``."""
    return _dump({"@context": context(ontology)})


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _dump(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


class _Compactor:
    """Compaction for the flat node objects of a graph without lists (all ``kg`` writes)."""

    def __init__(self, ctx: dict[str, Any]) -> None:
        self.prefixes = sorted(
            ((k, v) for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/"))),
            key=lambda kv: -len(kv[1]),
        )
        self.terms: dict[str, tuple[str, bool]] = {}  # IRI → (term, values are IRIs)
        for name, definition in ctx.items():
            curie = definition["@id"] if isinstance(definition, dict) else definition
            if curie.endswith(("#", "/")):
                continue
            self.terms[self.expand(curie)] = (name, isinstance(definition, dict))

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return dict(self.prefixes)[prefix] + local

    def curie(self, iri: str) -> str:
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace) :]}"
        return iri

    def vocab(self, iri: str) -> str:
        """A class or property: its term if the context has one, else a compact IRI."""
        return self.terms[iri][0] if iri in self.terms else self.curie(iri)

    def key(self, predicate: str, node: Node) -> str:
        term, iri_values = self.terms.get(predicate, ("", False))
        if term and iri_values == isinstance(node, URIRef | BNode):
            return term
        return self.curie(predicate)

    def value(self, predicate: str, node: Node) -> Any:
        if isinstance(node, BNode):
            return {"@id": f"_:{node}"}
        if isinstance(node, URIRef):
            coerced = self.terms.get(predicate, ("", False))[1]
            return self.curie(str(node)) if coerced else {"@id": self.curie(str(node))}
        assert isinstance(node, Literal)
        text, datatype = str(node), node.datatype
        if node.language:
            return {"@value": text, "@language": node.language}
        if datatype is None or datatype == XSD.string:
            return text
        if datatype == XSD.integer and text.lstrip("-").isdigit() and str(int(text)) == text:
            return int(text)
        if datatype == XSD.boolean and text in ("true", "false"):
            return text == "true"
        return {"@value": text, "@type": self.curie(str(datatype))}


def jsonld(graph: Graph, ctx: dict[str, Any]) -> bytes:
    """Compact JSON-LD of *graph* with the context *ctx* embedded; nodes in ``@id`` order.

    Written here rather than by rdflib's serializer, which drops an empty string when a
    property has several values (rdflib 7.6), and which does not order its output.
    """
    compactor = _Compactor(ctx)
    nodes: dict[Node, dict[str, list[Any]]] = {}
    for s, p, o in graph:
        node = nodes.setdefault(s, {})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(compactor.vocab(str(o)))
        else:
            node.setdefault(compactor.key(str(p), o), []).append(compactor.value(str(p), o))
    out = []
    for subject, properties in nodes.items():
        ident = f"_:{subject}" if isinstance(subject, BNode) else str(subject)
        obj: dict[str, Any] = {"@id": ident}
        for key, values in properties.items():
            values = sorted(values, key=_sort_key)
            obj[key] = values[0] if len(values) == 1 else values
        out.append(obj)
    out.sort(key=lambda n: str(n["@id"]))
    return _dump({"@context": ctx, "@graph": out})
