"""Communities: groups of nodes more tied to each other than to the rest.

>>> import networkx as nx
>>> G = nx.barbell_graph(4, 0)  # two cliques joined by one edge
>>> [sorted(c) for c in communities(G)]
[[0, 1, 2, 3], [4, 5, 6, 7]]
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Literal

import networkx as nx

from kg.errors import KgError

__all__ = ["Algorithm", "communities", "community_map", "modularity"]

Algorithm = Literal["louvain", "greedy"]


def communities(
    G: nx.Graph,
    *,
    algorithm: Algorithm = "louvain",
    weight: str | None = "weight",
    resolution: float = 1.0,
    seed: int | None = 0,
) -> list[frozenset[Hashable]]:
    """Partition *G* into communities, largest first (ties: by smallest node).

    Parameters
    ----------
    G : networkx.Graph
    algorithm : {"louvain", "greedy"}
        Louvain modularity optimisation (randomised: *seed* fixes it) or Clauset–Newman–Moore
        greedy modularity (deterministic).
    weight : str or None
        Edge attribute of tie strength (default ``"weight"``).
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.
    seed : int or None
        Seed of Louvain's node order.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> communities(G, algorithm="greedy")
    [frozenset({0, 1, 2}), frozenset({3, 4, 5})]
    """
    if len(G) == 0:
        return []
    if algorithm == "louvain":
        parts = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
    elif algorithm == "greedy":
        parts = nx.community.greedy_modularity_communities(G, weight=weight, resolution=resolution)
    else:
        raise KgError(f"unknown community algorithm {algorithm!r}; choose louvain or greedy")
    found = [frozenset(p) for p in parts]
    return sorted(found, key=lambda c: (-len(c), min(str(n) for n in c)))


def community_map(parts: Sequence[frozenset[Hashable]]) -> dict[Hashable, int]:
    """Node → community number (0 is the largest community).

    >>> community_map([frozenset({"a", "b"}), frozenset({"c"})]) == {"a": 0, "b": 0, "c": 1}
    True
    """
    return {node: i for i, part in enumerate(parts) for node in part}


def modularity(
    G: nx.Graph, parts: Sequence[frozenset[Hashable]], *, weight: str | None = "weight"
) -> float:
    """Modularity of the partition *parts* (0: no better than chance; higher: clearer groups).

    >>> G = nx.barbell_graph(3, 0)
    >>> round(modularity(G, communities(G)), 3)
    0.357
    """
    if G.number_of_edges() == 0:
        return 0.0
    return float(nx.community.modularity(G, parts, weight=weight))
