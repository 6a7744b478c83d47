"""The optional igraph engine: the same numbers as networkx, computed in C.

Used by :func:`~kg.network.betweenness_centrality` and :func:`~kg.network.pagerank` when
``engine="igraph"`` (or ``"auto"`` on large graphs). Sampled betweenness draws the same source
nodes as networkx (``random.Random(seed).sample(list(G), k)``) and rescales the raw sums with the
same formula, so both engines agree to floating-point rounding; the benchmark checks this.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx

from kg.errors import KgError

__all__ = ["available", "betweenness", "pagerank"]


def available() -> bool:
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True


def _convert(G: nx.Graph, attribute: str | None) -> tuple[Any, list[Hashable], list[float] | None]:
    try:
        import igraph
    except ImportError:
        raise KgError("engine 'igraph' needs the igraph package: pip install igraph") from None
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in G.edges()]
    weights = None
    if attribute is not None:
        weights = [float(d.get(attribute, 1.0)) for _, _, d in G.edges(data=True)]
    graph = igraph.Graph(n=len(nodes), edges=edges, directed=G.is_directed())
    return graph, nodes, weights


def betweenness(
    G: nx.Graph,
    sources: Sequence[Hashable] | None,
    *,
    distance: str | None,
    normalized: bool,
) -> dict[Hashable, float]:
    """Betweenness from all nodes (*sources* None) or from a sample, scaled as networkx does."""
    graph, nodes, weights = _convert(G, distance)
    index = {n: i for i, n in enumerate(nodes)}
    chosen = None if sources is None else [index[s] for s in sources]
    raw = graph.betweenness(directed=G.is_directed(), weights=weights, sources=chosen)
    # igraph counts an undirected pair once, networkx's accumulation counts (s, t) and (t, s).
    factor = 1.0 if G.is_directed() else 2.0
    sums = {n: factor * float(b) for n, b in zip(nodes, raw, strict=True)}
    return rescale(
        sums, len(nodes), normalized=normalized, directed=G.is_directed(), sampled=sources
    )


def rescale(
    sums: dict[Hashable, float],
    n: int,
    *,
    normalized: bool,
    directed: bool,
    sampled: Sequence[Hashable] | None,
) -> dict[Hashable, float]:
    """networkx's scaling of raw ordered-pair sums (without endpoints), networkx ≥ 3.5."""
    pairs_end = n - 1  # a node on the path is never its own target
    if pairs_end < 2:
        return sums
    correction = 1 if directed else 2
    if sampled is None:
        scale = 1 / (pairs_end * (pairs_end - 1)) if normalized else 1 / correction
        return {v: b * scale for v, b in sums.items()}
    k = len(sampled)
    if normalized:
        on = 1 / ((k - 1) * (pairs_end - 1)) if k > 1 else float("nan")
        off = 1 / (k * (pairs_end - 1))
    else:
        on = pairs_end / ((k - 1) * correction) if k > 1 else float("nan")
        off = pairs_end / (k * correction)
    chosen = set(sampled)
    return {v: b * (on if v in chosen else off) for v, b in sums.items()}


def pagerank(G: nx.Graph, *, weight: str | None, alpha: float) -> dict[Hashable, float]:
    """PageRank by igraph's PRPACK solver (networkx iterates to a tolerance instead)."""
    graph, nodes, weights = _convert(G, weight)
    scores = graph.pagerank(directed=G.is_directed(), damping=alpha, weights=weights)
    return {n: float(s) for n, s in zip(nodes, scores, strict=True)}
