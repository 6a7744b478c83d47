"""Centrality measures: degree, betweenness, closeness, eigenvector and PageRank.

Each function takes a graph first and returns a dict node → score, as networkx does; options are
keywords. Edge ``weight`` (tie strength: the number of shared occurrences) is used by the
spectral measures; path-based measures take a *distance* attribute instead — projected edges
carry ``distance = 1 / weight`` — and count hops by default.

>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> betweenness_centrality(G)
{'a': 0.0, 'b': 1.0, 'c': 0.0}
>>> rank(degree_centrality(G))
[('b', 1.0), ('a', 0.5), ('c', 0.5)]
"""

from __future__ import annotations

import enum
import random
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Literal

import networkx as nx

from kg.errors import KgError
from kg.network import _igraph

__all__ = [
    "Engine",
    "Measure",
    "annotate",
    "betweenness_centrality",
    "centrality",
    "centrality_frame",
    "centrality_table",
    "closeness_centrality",
    "degree_centrality",
    "eigenvector_centrality",
    "pagerank",
    "rank",
]

Engine = Literal["auto", "networkx", "igraph"]

#: Graphs with at least this many edges go to igraph under ``engine="auto"`` (when installed).
AUTO_IGRAPH_EDGES = 50_000


class Measure(enum.Enum):
    DEGREE = "degree"
    BETWEENNESS = "betweenness"
    CLOSENESS = "closeness"
    EIGENVECTOR = "eigenvector"
    PAGERANK = "pagerank"

    @classmethod
    def parse(cls, name: str | Measure) -> Measure:
        try:
            return cls(name)
        except ValueError:
            choices = ", ".join(m.value for m in cls)
            raise KgError(f"unknown measure {name!r}; choose one of {choices}") from None


def _use_igraph(G: nx.Graph, engine: Engine) -> bool:
    if engine not in ("auto", "networkx", "igraph"):
        raise KgError(f"unknown engine {engine!r}; choose auto, networkx or igraph")
    if engine == "auto":
        return G.number_of_edges() >= AUTO_IGRAPH_EDGES and _igraph.available()
    return engine == "igraph"


def degree_centrality(G: nx.Graph, *, weight: str | None = None) -> dict[Hashable, float]:
    """The fraction of other nodes each node is tied to; with *weight*, the sum of its edges'
    weights (its strength) instead.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1})])
    >>> degree_centrality(G), degree_centrality(G, weight="weight")["b"]
    ({'a': 0.5, 'b': 1.0, 'c': 0.5}, 4.0)
    """
    if weight is None:
        return dict(nx.degree_centrality(G)) if len(G) > 1 else dict.fromkeys(G, 0.0)
    return {n: float(d) for n, d in G.degree(weight=weight)}


def betweenness_centrality(
    G: nx.Graph,
    *,
    k: int | None = None,
    seed: int | None = None,
    distance: str | None = None,
    normalized: bool = True,
    engine: Engine = "auto",
) -> dict[Hashable, float]:
    """The share of shortest paths between other nodes that pass through each node.

    Parameters
    ----------
    G : networkx.Graph
    k : int, optional
        Estimate from *k* sampled source nodes instead of all (for large graphs); *k* ≥ the
        number of nodes computes the exact value.
    seed : int, optional
        Seed of the sample: the same seed draws the same sources, with either engine.
    distance : str, optional
        Edge attribute to use as length (``"distance"``); default: every edge is one hop.
    normalized : bool
        Divide by the number of node pairs (default True), as networkx does.
    engine : {"auto", "networkx", "igraph"}
        igraph computes the same values in C; ``auto`` uses it for graphs of 50,000 edges or
        more when it is installed.

    Examples
    --------
    >>> G = nx.star_graph(4)  # node 0 in the middle
    >>> betweenness_centrality(G)[0], betweenness_centrality(G, k=5, seed=1)[0]
    (1.0, 1.0)
    """
    if k is not None and k < 1:
        raise KgError(f"k must be a positive number of sample nodes, not {k}")
    sample = None
    if k is not None and k < len(G):
        sample = random.Random(seed).sample(list(G), k)
    if _use_igraph(G, engine):
        return _igraph.betweenness(G, sample, distance=distance, normalized=normalized)
    if sample is None:
        return dict(nx.betweenness_centrality(G, normalized=normalized, weight=distance))
    return dict(
        nx.betweenness_centrality(
            G, k=k, seed=random.Random(seed), normalized=normalized, weight=distance
        )
    )


def closeness_centrality(G: nx.Graph, *, distance: str | None = None) -> dict[Hashable, float]:
    """Inverse mean distance to the nodes a node reaches, scaled by the share it reaches
    (Wasserman–Faust, so small components do not look central).

    Examples
    --------
    >>> closeness_centrality(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    return dict(nx.closeness_centrality(G, distance=distance))


def eigenvector_centrality(
    G: nx.Graph, *, weight: str | None = "weight", max_iter: int = 1000, tol: float = 1e-06
) -> dict[Hashable, float]:
    """Centrality from being tied to central nodes (the leading eigenvector).

    Examples
    --------
    >>> scores = eigenvector_centrality(nx.star_graph(3))
    >>> max(scores, key=scores.__getitem__)
    0
    """
    if G.number_of_edges() == 0:
        return dict.fromkeys(G, 0.0)
    try:
        return dict(nx.eigenvector_centrality(G, max_iter=max_iter, tol=tol, weight=weight))
    except nx.PowerIterationFailedConvergence:
        raise KgError(f"eigenvector centrality did not converge in {max_iter} iterations") from None


def pagerank(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    alpha: float = 0.85,
    tol: float = 1e-10,
    engine: Engine = "auto",
) -> dict[Hashable, float]:
    """PageRank with damping *alpha*; scores sum to 1.

    networkx iterates until the summed change is below ``len(G) * tol``; its default
    ``tol=1e-6`` leaves a 100,000-node graph's scores a few per cent off, so the default here is
    1e-10 (a few more iterations), which agrees with igraph's exact solver to about 1e-7.

    Examples
    --------
    >>> scores = pagerank(nx.star_graph(3))
    >>> round(sum(scores.values()), 6), max(scores, key=scores.__getitem__)
    (1.0, 0)
    """
    if len(G) == 0:
        return {}
    if _use_igraph(G, engine):
        return _igraph.pagerank(G, weight=weight, alpha=alpha)
    return dict(nx.pagerank(G, alpha=alpha, weight=weight, tol=tol, max_iter=1000))


def centrality(
    G: nx.Graph,
    measure: Measure | str,
    *,
    weight: str | None = "weight",
    distance: str | None = None,
    k: int | None = None,
    seed: int | None = None,
    engine: Engine = "auto",
) -> dict[Hashable, float]:
    """The centrality *measure* (``degree``, ``betweenness``, ``closeness``, ``eigenvector``,
    ``pagerank``); *weight* serves eigenvector and PageRank, *distance* the path measures.

    Examples
    --------
    >>> centrality(nx.path_graph(3), "betweenness")
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    kind = Measure.parse(measure)
    if kind is Measure.DEGREE:
        return degree_centrality(G)
    if kind is Measure.BETWEENNESS:
        return betweenness_centrality(G, k=k, seed=seed, distance=distance, engine=engine)
    if kind is Measure.CLOSENESS:
        return closeness_centrality(G, distance=distance)
    if kind is Measure.EIGENVECTOR:
        return eigenvector_centrality(G, weight=weight)
    return pagerank(G, weight=weight, engine=engine)


def rank(scores: Mapping[Hashable, float], *, top: int | None = None) -> list[tuple[Any, float]]:
    """``(node, score)`` pairs, highest first; ties in node order (rounded to 12 digits, so
    float noise does not reorder them).

    >>> rank({"a": 0.2, "b": 0.5, "c": 0.2}, top=2)
    [('b', 0.5), ('a', 0.2)]
    """
    ordered = sorted(scores.items(), key=lambda item: (-round(item[1], 12), str(item[0])))
    return ordered if top is None else ordered[:top]


def centrality_table(
    G: nx.Graph,
    measures: Iterable[Measure | str] = ("degree", "betweenness", "pagerank"),
    *,
    sort_by: Measure | str | None = None,
    top: int | None = None,
    k: int | None = None,
    seed: int | None = None,
    engine: Engine = "auto",
) -> list[dict[str, Any]]:
    """One row per node: ``rank``, ``node`` (the IRI), ``label``, ``class`` and each measure,
    sorted by *sort_by* (default the first measure).

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> [(r["rank"], r["node"], r["betweenness"]) for r in centrality_table(G, ["betweenness"])]
    [(1, 'b', 1.0), (2, 'a', 0.0), (3, 'c', 0.0)]
    """
    kinds = [Measure.parse(m) for m in measures]
    if not kinds:
        raise KgError("give at least one measure")
    key = Measure.parse(sort_by) if sort_by is not None else kinds[0]
    if key not in kinds:
        kinds.insert(0, key)
    scores = {m: centrality(G, m, k=k, seed=seed, engine=engine) for m in kinds}
    rows = []
    for i, (node, _) in enumerate(rank(scores[key], top=top), start=1):
        data = G.nodes[node]
        row: dict[str, Any] = {
            "rank": i,
            "node": node,
            "label": data.get("label", str(node)),
            "class": data.get("class", ""),
        }
        row.update({m.value: scores[m][node] for m in kinds})
        rows.append(row)
    return rows


def centrality_frame(
    G: nx.Graph,
    measures: Iterable[Measure | str] = ("degree", "betweenness", "pagerank"),
    *,
    sort_by: Measure | str | None = None,
    top: int | None = None,
    k: int | None = None,
    seed: int | None = None,
) -> Any:
    """:func:`centrality_table` as a :class:`pandas.DataFrame` indexed by node (needs pandas).

    Examples
    --------
    >>> frame = centrality_frame(nx.path_graph(["a", "b", "c"]), ["degree"])
    >>> frame.loc["b", "degree"]
    np.float64(1.0)
    """
    try:
        import pandas as pd
    except ImportError:
        raise KgError("centrality_frame needs pandas: pip install pandas") from None
    rows = centrality_table(G, measures, sort_by=sort_by, top=top, k=k, seed=seed)
    return pd.DataFrame(rows).set_index("node")


def annotate(
    G: nx.Graph,
    measures: Iterable[Measure | str] = ("degree", "betweenness", "pagerank"),
    *,
    k: int | None = None,
    seed: int | None = None,
) -> nx.Graph:
    """Store each measure as a node attribute of the same name (in place) and return *G*.

    Examples
    --------
    >>> G = annotate(nx.path_graph(3), ["betweenness"])
    >>> G.nodes[1]["betweenness"]
    1.0
    """
    for measure in measures:
        kind = Measure.parse(measure)
        nx.set_node_attributes(G, centrality(G, kind, k=k, seed=seed), kind.value)
    return G
