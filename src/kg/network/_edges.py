"""Assembling projected edges: every edge carries its weight and the facts behind it.

Each projection reports *links* — one reason two nodes are tied, through one connecting node
(an event, an agreement, a speech act, a sentence) — and :class:`EdgeBuilder` merges them into
networkx edges with these attributes:

``weight``      number of distinct connecting nodes (events, agreements, sentences, …)
``distance``    ``1 / weight``, for path-based measures (strong ties are short)
``relations``   the kinds of link, sorted (``perpetrator-target``, ``co-party``, …)
``via``         the connecting nodes' IRIs (or passage ids), sorted
``via_labels``  their labels, in the same order
``links``       the :class:`Link` records, each with its direction
``statements``  the IRIs of the ``rdf:Statement`` nodes behind the edge, sorted
``statement_labels``  those facts in words (``Attack … perpetrator Iraqi Army``)
``evidence``    their :class:`~kg.network.facts.EvidenceRef` passages, sorted
``sources``     the source documents those passages come from, sorted
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

import networkx as nx

from kg.network.facts import Fact, Facts, Passage

__all__ = ["EdgeBuilder", "Link", "node_attributes"]


class Link(NamedTuple):
    """One reason for an edge: *source* and *target* are tied by *relation* through *via*."""

    relation: str
    via: str
    source: str
    target: str


class _Edge:
    """What one node pair has collected (a slotted class: a million of them are made)."""

    __slots__ = ("facts", "links", "passages")

    def __init__(self) -> None:
        self.links: set[Link] = set()
        self.facts: dict[str, Fact] = {}  # by statement IRI
        self.passages: set[Passage] = set()


def node_attributes(facts: Facts, node: str) -> dict[str, Any]:
    """The attributes every projected node carries: label, IRI, id, class, kind, names."""
    return {
        "label": facts.label(node),
        "iri": node,
        "id": facts.entity_id(node),
        "class": facts.cls(node),
        "kind": facts.kind(node),
        "names": facts.forms.get(node, ()),
    }


class EdgeBuilder:
    """Collects links and facts per node pair, then builds the graph (see the module docstring)."""

    def __init__(self, *, directed: bool = False) -> None:
        self.directed = directed
        self._edges: dict[tuple[str, str], _Edge] = defaultdict(_Edge)

    def add(
        self,
        link: Link,
        facts: Iterable[Fact],
        *,
        passages: Iterable[Passage] = (),
    ) -> None:
        """Record *link* between its source and target, backed by *facts* (self-loops ignored)."""
        u, v = link.source, link.target
        if u == v:
            return
        edge = self._edges[(u, v) if self.directed or u < v else (v, u)]
        edge.links.add(link)
        for fact in facts:
            edge.facts[fact.statement] = fact
        edge.passages.update(passages)

    def build(self, facts: Facts, *, nodes: Iterable[str] = (), name: str = "") -> nx.Graph:
        """The graph: nodes (sorted, with :func:`node_attributes`) and the merged edges."""
        graph: nx.Graph = nx.DiGraph(name=name) if self.directed else nx.Graph(name=name)
        every = set(nodes) | {n for pair in self._edges for n in pair}
        for node in sorted(every):
            graph.add_node(node, **node_attributes(facts, node))
        described: dict[str, str] = {}  # a statement backs many edges: describe it once

        def describe(node: str) -> str:
            text = described.get(node)
            if text is None:
                text = described[node] = facts.describe(node)
            return text

        for (u, v), edge in sorted(self._edges.items()):
            vias = sorted({link.via for link in edge.links})
            statements = sorted(edge.facts)
            evidence = sorted({e for f in edge.facts.values() for e in f.evidence})
            graph.add_edge(
                u,
                v,
                weight=len(vias),
                distance=1.0 / len(vias),
                relations=tuple(sorted({link.relation for link in edge.links})),
                via=tuple(vias),
                via_labels=tuple(describe(v) for v in vias),
                links=tuple(sorted(edge.links)),
                statements=tuple(statements),
                statement_labels=tuple(describe(st) for st in statements),
                evidence=tuple(evidence),
                sources=tuple(
                    sorted({e.source for e in evidence} | {p.source for p in edge.passages})
                ),
                **({"sentences": tuple(sorted(edge.passages))} if edge.passages else {}),
            )
        return graph
