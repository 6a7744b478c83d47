"""The evidence behind projected edges: who is tied to whom, through what, said where.

>>> from kg.network import actor_graph, load_facts
>>> G = actor_graph(load_facts())
>>> best = top_edges(G, "https://kg.example.org/id/person/nouri-al-maliki", n=1)[0]
>>> best.u_label, best.weight > 0, best.passages[0].source.endswith(".txt")
('Nouri al-Maliki', True, True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.network._edges import Link
from kg.network.facts import EvidenceRef, Passage

__all__ = ["EdgeEvidence", "edge_evidence", "top_edges"]


@dataclass(frozen=True)
class EdgeEvidence:
    """One edge explained: its ends, weight, relations, connecting nodes and passages."""

    u: str
    v: str
    u_label: str
    v_label: str
    weight: int
    relations: tuple[str, ...]
    via: tuple[str, ...]
    via_labels: tuple[str, ...]
    links: tuple[Link, ...]
    statements: tuple[str, ...]
    statement_labels: tuple[str, ...]
    sources: tuple[str, ...]
    passages: tuple[Passage, ...]

    def as_dict(self, *, passages: int | None = None) -> dict[str, Any]:
        """Plain JSON-ready data (at most *passages* passages)."""
        shown = self.passages if passages is None else self.passages[:passages]
        return {
            "u": self.u,
            "v": self.v,
            "u_label": self.u_label,
            "v_label": self.v_label,
            "weight": self.weight,
            "relations": list(self.relations),
            "via": [
                {"iri": i, "label": lab} for i, lab in zip(self.via, self.via_labels, strict=True)
            ],
            "statements": [
                {"iri": i, "fact": f}
                for i, f in zip(self.statements, self.statement_labels, strict=True)
            ],
            "sources": list(self.sources),
            "evidence": [
                {"source": p.source, "start": p.start, "end": p.end, "quote": p.quote}
                for p in shown
            ],
        }


def _names(node: Mapping[str, Any]) -> list[str]:
    found = [str(node.get("label", "")), *map(str, node.get("names", ()))]
    return [n for n in found if n]


def _passages(
    data: Mapping[str, Any], ends: tuple[Mapping[str, Any], Mapping[str, Any]]
) -> tuple[Passage, ...]:
    """Sentences for co-mention edges, else the evidence passages, one per span, best first:
    those that name both ends, then those backing most of the edge's statements, then curated."""
    if data.get("sentences"):
        return tuple(data["sentences"])
    evidence: tuple[EvidenceRef, ...] = data.get("evidence", ())
    support: Counter[tuple[str, int, int]] = Counter()
    best: dict[tuple[str, int, int], EvidenceRef] = {}
    for ev in sorted(evidence, key=lambda e: (e.method != "CuratedAnnotation", e)):
        span = (ev.source, ev.start, ev.end)
        support[span] += 1
        best.setdefault(span, ev)
    names = [_names(end) for end in ends]

    def named(ev: EvidenceRef) -> int:
        return sum(any(n in ev.quote for n in forms) for forms in names)

    ordered = sorted(
        best.items(),
        key=lambda item: (
            -named(item[1]),
            -support[item[0]],
            item[1].method != "CuratedAnnotation",
            item[0],
        ),
    )
    return tuple(e.passage for _, e in ordered)


def edge_evidence(G: nx.Graph, u: Hashable, v: Hashable) -> EdgeEvidence:
    """The edge *u*–*v* of a projected graph, explained.

    Examples
    --------
    >>> from kg.network import actor_graph, load_facts
    >>> G = actor_graph(load_facts())
    >>> ev = edge_evidence(G, "https://kg.example.org/id/person/nouri-al-maliki",
    ...                    "https://kg.example.org/id/org/iraqi-army")
    >>> "orderer-perpetrator" in ev.relations and len(ev.statements) >= 2
    True
    """
    data = G.edges[u, v]
    return EdgeEvidence(
        u=str(u),
        v=str(v),
        u_label=str(G.nodes[u].get("label", u)),
        v_label=str(G.nodes[v].get("label", v)),
        weight=int(data.get("weight", 1)),
        relations=tuple(data.get("relations", ())),
        via=tuple(data.get("via", ())),
        via_labels=tuple(data.get("via_labels", data.get("via", ()))),
        links=tuple(data.get("links", ())),
        statements=tuple(data.get("statements", ())),
        statement_labels=tuple(data.get("statement_labels", data.get("statements", ()))),
        sources=tuple(data.get("sources", ())),
        passages=_passages(data, (G.nodes[u], G.nodes[v])),
    )


def top_edges(
    G: nx.Graph, node: Hashable, *, n: int = 3, skip: Iterable[Hashable] = ()
) -> list[EdgeEvidence]:
    """The *n* strongest edges of *node* (by weight, then neighbour label), explained; edges to
    the neighbours in *skip* are passed over."""
    passed = set(skip)
    neighbours = sorted(
        (m for m in G[node] if m not in passed),
        key=lambda m: (-G.edges[node, m].get("weight", 1), str(G.nodes[m].get("label", m))),
    )
    return [edge_evidence(G, node, m) for m in neighbours[:n]]
