"""The raw entity graph: the data graph's own triples as edges, with predicate filtering.

Nodes are the subjects and objects of the triples; an edge is one or more triples between two
nodes, its ``relations`` the predicates (as CURIEs), its ``weight`` the number of triples and, for
reified triples, its ``statements``, ``evidence`` and ``sources`` those of the facts. By default
the triples that swamp centrality are left out: ``rdf:type`` and names (their objects would be
hubs), literal values, and the provenance layer — statement, evidence, selector, document and
activity nodes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx

from kg.errors import KgError
from kg.namespaces import DCTERMS, KG, PREFIXES, RDF, RDFS, SKOS
from kg.network._edges import EdgeBuilder, Link
from kg.network.facts import Facts, Lit, Term
from kg.network.filters import restrict

__all__ = ["DEFAULT_EXCLUDED", "curie", "entity_graph", "expand"]

#: Predicates left out of :func:`entity_graph` unless asked for.
DEFAULT_EXCLUDED = frozenset(
    str(p) for p in (RDF.type, RDFS.label, SKOS.altLabel, RDFS.comment, KG.note, DCTERMS.identifier)
)

_PROVENANCE_NAMESPACES = ("http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#")
_PROVENANCE_PREDICATES = frozenset(str(p) for p in (RDF.subject, RDF.predicate, RDF.object))


def curie(iri: str) -> str:
    """*iri* shortened with the project's prefixes.

    >>> curie("https://kg.example.org/ontology#perpetrator")
    'kg:perpetrator'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def expand(name: str) -> str:
    """A predicate IRI from a CURIE (``rdf:type``), a local name of the ontology or an IRI.

    >>> expand("perpetrator") == expand("kg:perpetrator") == str(KG.perpetrator)
    True
    """
    if "://" in name:
        return name
    prefix, sep, local = name.partition(":")
    if not sep:
        return str(KG._NS) + name
    if prefix not in PREFIXES:
        raise KgError(f"unknown prefix in {name!r}; known: {', '.join(PREFIXES)}")
    return PREFIXES[prefix] + local


def _literal_node(lit: Lit) -> str:
    return f'"{lit.value}"^^{curie(lit.datatype)}'


def _is_provenance_triple(facts: Facts, s: str, p: str, o: Term) -> bool:
    if p in _PROVENANCE_PREDICATES or p.startswith(_PROVENANCE_NAMESPACES):
        return True
    return facts.is_provenance(s) or (isinstance(o, str) and facts.is_provenance(o))


def entity_graph(
    facts: Facts,
    *,
    predicates: Iterable[str] | None = None,
    exclude: Iterable[str] = DEFAULT_EXCLUDED,
    provenance: bool = False,
    literals: bool = False,
    directed: bool = False,
    sources: Iterable[str] | None = None,
    methods: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    event_types: Iterable[str] | None = None,
) -> nx.Graph:
    """The data graph's triples between entities as a networkx graph.

    Parameters
    ----------
    facts : Facts
    predicates : iterable of str, optional
        Keep only these predicates (CURIEs such as ``"kg:perpetrator"``, ontology local names or
        IRIs); *exclude* is then ignored.
    exclude : iterable of str
        Predicates to leave out (default :data:`DEFAULT_EXCLUDED`: types, labels, names, notes).
    provenance : bool
        Keep statement, evidence, selector, document and activity nodes (default False).
    literals : bool
        Keep literal values as nodes (default False).
    directed : bool
        Return a :class:`networkx.DiGraph` (subject → object) instead of a Graph.
    sources, methods, start, end, event_types
        Filters, as in :func:`~kg.network.restrict`.

    Examples
    --------
    >>> from kg.network import load_facts
    >>> G = entity_graph(load_facts(), predicates=["kg:locatedIn"], directed=True)
    >>> G.has_edge("https://kg.example.org/id/place/camp-ashraf",
    ...            "https://kg.example.org/id/place/iraq")
    True
    """
    facts = restrict(
        facts, sources=sources, methods=methods, start=start, end=end, event_types=event_types
    )
    only = None if predicates is None else {expand(p) for p in predicates}
    skip = set() if only is not None else {expand(p) for p in exclude}
    builder = EdgeBuilder(directed=directed)
    values: dict[str, str] = {}
    for s, p, o in facts.triples:
        if (only is not None and p not in only) or p in skip:
            continue
        if isinstance(o, Lit) and not literals:
            continue
        if not provenance and _is_provenance_triple(facts, s, p, o):
            continue
        target = o if isinstance(o, str) else _literal_node(o)
        if isinstance(o, Lit):
            values[target] = o.value
        fact = facts.facts.get((s, p, o))
        via = fact.statement if fact else f"{s} {p} {target}"
        builder.add(Link(curie(p), via, s, target), (fact,) if fact else ())
    graph = builder.build(facts, name="entities")
    for node, value in values.items():
        graph.nodes[node].update(label=value, iri="", id="", kind="Literal")
    return graph
