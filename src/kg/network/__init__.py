"""Network analysis of the knowledge graph on networkx, with the evidence behind every edge.

Takes the built graph (read once into a :class:`Facts` index by :func:`load_facts`) and returns
networkx graphs — projections of actors, events, co-mentions or raw triples — whose edges carry
their weight and the statements and sources behind them; measures return dicts node → score.

>>> import kg.network as kn
>>> G = kn.actor_graph(kn.load_facts(), methods=["curated"])
>>> top = kn.rank(kn.betweenness_centrality(G), top=1)[0][0]
>>> G.nodes[top]["label"]
'MEK'

Modules, one family each: :mod:`~kg.network.facts` (the records), :mod:`~kg.network.reading`,
:mod:`~kg.network.filters`, :mod:`~kg.network.projections`, :mod:`~kg.network.comention`,
:mod:`~kg.network.rawgraph`, :mod:`~kg.network.measures`, :mod:`~kg.network.communities`,
:mod:`~kg.network.paths`, :mod:`~kg.network.evidence`, :mod:`~kg.network.report`,
:mod:`~kg.network.export`, :mod:`~kg.network.plot`, :mod:`~kg.network.materialize`.
"""

from __future__ import annotations

from kg.network._edges import Link
from kg.network.comention import co_mention_graph
from kg.network.communities import communities, community_map, modularity
from kg.network.evidence import EdgeEvidence, edge_evidence, top_edges
from kg.network.export import ExportFormat, write_network
from kg.network.facts import EvidenceRef, Fact, Facts, Passage
from kg.network.filters import restrict
from kg.network.materialize import results_graph, write_results
from kg.network.measures import (
    Measure,
    annotate,
    betweenness_centrality,
    centrality,
    centrality_frame,
    centrality_table,
    closeness_centrality,
    degree_centrality,
    eigenvector_centrality,
    pagerank,
    rank,
)
from kg.network.paths import ego_network, path_evidence, resolve_node, shortest_path
from kg.network.plot import draw_network
from kg.network.projections import (
    ACTOR_RELATIONS,
    Projection,
    actor_event_graph,
    actor_graph,
    project,
)
from kg.network.rawgraph import entity_graph
from kg.network.reading import load_facts, read_facts

__all__ = [
    "ACTOR_RELATIONS",
    "EdgeEvidence",
    "EvidenceRef",
    "ExportFormat",
    "Fact",
    "Facts",
    "Link",
    "Measure",
    "Passage",
    "Projection",
    "actor_event_graph",
    "actor_graph",
    "annotate",
    "betweenness_centrality",
    "centrality",
    "centrality_frame",
    "centrality_table",
    "closeness_centrality",
    "co_mention_graph",
    "communities",
    "community_map",
    "degree_centrality",
    "draw_network",
    "edge_evidence",
    "ego_network",
    "eigenvector_centrality",
    "entity_graph",
    "load_facts",
    "modularity",
    "pagerank",
    "path_evidence",
    "project",
    "rank",
    "read_facts",
    "resolve_node",
    "restrict",
    "results_graph",
    "shortest_path",
    "top_edges",
    "write_network",
    "write_results",
]
