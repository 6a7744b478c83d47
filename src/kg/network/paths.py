"""Finding nodes by name, shortest paths with their evidence, and ego networks.

Entity names map back to IRIs: :func:`resolve_node` accepts an IRI, a curated id
(``person/martin-kobler``), a label or one of the names the texts use.

>>> from kg.network import actor_graph, load_facts
>>> G = actor_graph(load_facts())
>>> resolve_node(G, "person/martin-kobler")
'https://kg.example.org/id/person/martin-kobler'
>>> resolve_node(G, "Nuri al-Maliki")
'https://kg.example.org/id/person/nouri-al-maliki'
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable

import networkx as nx

from kg.errors import KgError
from kg.network.evidence import EdgeEvidence, edge_evidence

__all__ = ["ego_network", "path_evidence", "resolve_node", "shortest_path"]


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def resolve_node(G: nx.Graph, name: Hashable) -> str:
    """The node of *G* that *name* names: an IRI, a curated id, a label or a name in the texts
    (case-insensitive); then a unique part of a label.

    Raises
    ------
    KgError
        When nothing or more than one node matches.
    """
    if name in G:
        return str(name)
    text = _fold(str(name))
    for key in ("id", "label", "names"):
        hits = sorted(
            str(n)
            for n, data in G.nodes(data=True)
            if any(_fold(str(x)) == text for x in _values(data.get(key)))
        )
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise KgError(f"{name!r} is ambiguous: {_describe(G, hits)}")
    hits = sorted(str(n) for n, d in G.nodes(data=True) if text in _fold(str(d.get("label", n))))
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise KgError(f"{name!r} is ambiguous: {_describe(G, hits)}")
    raise KgError(f"no node named {name!r} in the {G.name or 'graph'} network")


def _values(value: object) -> tuple[object, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def _describe(G: nx.Graph, nodes: list[str]) -> str:
    shown = [f"{G.nodes[n].get('label', n)} ({G.nodes[n].get('id') or n})" for n in nodes[:5]]
    more = f" and {len(nodes) - 5} more" if len(nodes) > 5 else ""
    return "; ".join(shown) + more


def shortest_path(
    G: nx.Graph, source: Hashable, target: Hashable, *, distance: str | None = None
) -> list[str]:
    """The nodes of a shortest path from *source* to *target* (names resolved), fewest hops
    unless *distance* names an edge length attribute (``"distance"``: strong ties are short).

    Examples
    --------
    >>> from kg.network import actor_graph, load_facts
    >>> G = actor_graph(load_facts())
    >>> path = shortest_path(G, "Nouri al-Maliki", "org/iraqi-army")
    >>> [G.nodes[n]["label"] for n in path]
    ['Nouri al-Maliki', 'Iraqi Army']
    """
    a, b = resolve_node(G, source), resolve_node(G, target)
    try:
        return [str(n) for n in nx.shortest_path(G, a, b, weight=distance)]
    except nx.NetworkXNoPath:
        la, lb = G.nodes[a].get("label", a), G.nodes[b].get("label", b)
        raise KgError(f"no path between {la} and {lb} in the {G.name or 'graph'} network") from None


def path_evidence(G: nx.Graph, path: list[str]) -> list[EdgeEvidence]:
    """Each step of *path* explained: relations, connecting occurrences, statements, quotes."""
    return [edge_evidence(G, u, v) for u, v in itertools.pairwise(path)]


def ego_network(G: nx.Graph, node: Hashable, *, radius: int = 1) -> nx.Graph:
    """The subgraph of *node* (names resolved) and the nodes within *radius* steps of it.

    Examples
    --------
    >>> from kg.network import actor_graph, load_facts
    >>> ego = ego_network(actor_graph(load_facts()), "Martin Kobler")
    >>> "https://kg.example.org/id/org/unami" in ego
    True
    """
    center = resolve_node(G, node)
    ego: nx.Graph = nx.ego_graph(G, center, radius=radius, undirected=True)
    ego.name = f"ego network of {G.nodes[center].get('label', center)}"
    return ego
