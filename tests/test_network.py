"""kg.network on a tiny hand-checkable corpus (tests/network_data.py): projections, filters,
edge evidence, measures computed by hand, communities, paths and the igraph engine."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest

import kg.network as kn
from kg.errors import KgError
from kg.network import Facts
from network_data import iri, mini_facts

A, B, C, D, E = (
    iri(x) for x in ("org/alpha", "org/bravo", "group/charlie", "person/delta", "org/echo")
)


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> Facts:
    return mini_facts(tmp_path_factory.mktemp("mini"))


@pytest.fixture(scope="module")
def actors(facts: Facts) -> nx.Graph:
    return kn.actor_graph(facts)


def _edges(G: nx.Graph) -> dict[frozenset[str], tuple[str, ...]]:
    return {frozenset((u, v)): d["relations"] for u, v, d in G.edges(data=True)}


def test_actor_graph_draws_each_relation_through_shared_occurrences(actors: nx.Graph) -> None:
    assert _edges(actors) == {
        frozenset((A, B)): ("co-perpetrator",),
        frozenset((A, C)): ("perpetrator-target",),
        frozenset((B, C)): ("perpetrator-target",),
        frozenset((D, A)): ("orderer-perpetrator",),
        frozenset((D, B)): ("orderer-perpetrator",),
        frozenset((E, C)): ("co-party",),
        frozenset((E, A)): ("speaker-subject",),
    }
    assert actors.nodes[A] | {"names": ()} == {
        "label": "Alpha",
        "iri": A,
        "id": "org/alpha",
        "class": "ArmedForce",
        "kind": "Organisation",
        "names": (),
    }


def test_every_edge_carries_weight_statements_and_sources(facts: Facts, actors: nx.Graph) -> None:
    ac = actors.edges[A, C]
    assert ac["weight"] == 2 and ac["distance"] == 0.5
    assert ac["via"] == (iri("event/attack"), iri("event/attack-2"))
    assert ac["sources"] == ("a.txt", "b.txt")
    by_iri = facts.by_statement
    described = {(by_iri[s].predicate.rsplit("#")[-1], by_iri[s].object) for s in ac["statements"]}
    assert described == {("perpetrator", A), ("target", C)}
    ab = actors.edges[A, B]  # Alpha's perpetration is told by a.txt only, Bravo's by both
    assert ab["weight"] == 1 and ab["sources"] == ("a.txt", "b.txt")
    assert {p.quote for p in kn.edge_evidence(actors, D, A).passages} == {
        "on orders of Delta",
        "Alpha and Bravo attacked Charlie",
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param(
            {"sources": ["b.txt"]},
            {frozenset((B, C)), frozenset((A, C)), frozenset((E, A))},
            id="source",
        ),
        pytest.param({"start": "2010", "end": "2015"}, {frozenset((A, C))}, id="window"),
        pytest.param(
            {"start": "2009-03", "end": "2009-03"},
            {
                frozenset((A, B)),
                frozenset((A, C)),
                frozenset((B, C)),
                frozenset((D, A)),
                frozenset((D, B)),
            },
            id="month",
        ),
        pytest.param({"event_types": ["Agreement"]}, {frozenset((E, C))}, id="event-type"),
        pytest.param({"methods": ["surface-form"]}, set(), id="method"),
    ],
)
def test_filters(facts: Facts, filters: dict[str, object], expected: set[frozenset[str]]) -> None:
    G = kn.actor_graph(facts, **filters)  # type: ignore[arg-type]
    assert set(_edges(G)) == expected


def test_source_filter_keeps_only_that_sources_evidence(facts: Facts) -> None:
    G = kn.actor_graph(facts, sources=["b"])
    assert all(d["sources"] == ("b.txt",) for _, _, d in G.edges(data=True))
    assert G.edges[A, C]["weight"] == 1  # the 2009 attack on Charlie is Alpha's only in a.txt


def test_curated_only_is_the_whole_actor_graph_here(facts: Facts, actors: nx.Graph) -> None:
    assert set(_edges(kn.actor_graph(facts, methods=["curated"]))) == set(_edges(actors))


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"sources": ["c.txt"]}, "is not a source of the graph"),
        ({"methods": ["guessing"]}, "unknown extraction method"),
        ({"start": "July 2009"}, "not a date"),
        ({"start": "2012", "end": "2010"}, "empty time window"),
        ({"event_types": ["Attak"]}, "unknown class"),
        ({"relations": ["friends"]}, "unknown relation"),
    ],
)
def test_bad_filters_raise_one_line(facts: Facts, filters: dict[str, object], message: str) -> None:
    with pytest.raises(KgError, match=message):
        kn.actor_graph(facts, **filters)  # type: ignore[arg-type]


def test_measures_by_hand(actors: nx.Graph) -> None:
    assert kn.degree_centrality(actors) == {A: 1.0, B: 0.75, C: 0.75, D: 0.5, E: 0.5}
    # Pairs not tied: D–C (via A or B), D–E (via A), B–E (via A or C); 6 pairs in all.
    between = kn.betweenness_centrality(actors, engine="networkx")
    assert between == pytest.approx({A: 2 / 6, B: 0.5 / 6, C: 0.5 / 6, D: 0.0, E: 0.0})
    assert kn.closeness_centrality(actors) == pytest.approx(
        {A: 1.0, B: 0.8, C: 0.8, D: 4 / 6, E: 4 / 6}
    )
    assert kn.degree_centrality(actors, weight="weight")[C] == 4.0  # A–C counts twice
    rank = kn.rank(kn.pagerank(actors, engine="networkx"))
    assert rank[0][0] == A and sum(s for _, s in rank) == pytest.approx(1.0)
    assert max(kn.eigenvector_centrality(actors).items(), key=lambda x: x[1])[0] == A
    assert kn.centrality(actors, "betweenness", engine="networkx") == between


def test_weighted_path_measures_use_distance(actors: nx.Graph) -> None:
    # With A–C at distance 0.5, D–C goes only through A (1.5 < 2); B–E still splits (2 = 2).
    between = kn.betweenness_centrality(actors, distance="distance", engine="networkx")
    assert between[A] == pytest.approx((1 + 1 + 0.5) / 6)


def test_centrality_table_and_frame(actors: nx.Graph) -> None:
    rows = kn.centrality_table(actors, ["degree", "closeness"], top=2)
    assert [(r["rank"], r["label"], r["degree"]) for r in rows] == [
        (1, "Alpha", 1.0),
        (2, "Charlie", 0.75),  # ties in IRI order: group/charlie < org/bravo
    ]
    frame = kn.centrality_frame(actors, ["degree"])
    assert frame.loc[A, "label"] == "Alpha" and list(frame.index)[:1] == [A]


def test_communities_of_two_cliques() -> None:
    G = nx.barbell_graph(5, 0)
    for algorithm in ("louvain", "greedy"):
        parts = kn.communities(G, algorithm=algorithm)
        assert parts == [frozenset(range(5)), frozenset(range(5, 10))]
    assert kn.community_map(kn.communities(G))[9] == 1
    with pytest.raises(KgError, match="unknown community algorithm"):
        kn.communities(G, algorithm="magic")  # type: ignore[arg-type]


def test_names_map_back_to_iris(actors: nx.Graph) -> None:
    for name in ("Alpha", "alpha", "org/alpha", A, "ALP"):
        assert kn.resolve_node(actors, name) == A
    with pytest.raises(KgError, match="ambiguous"):
        kn.resolve_node(actors, "a")
    with pytest.raises(KgError, match="no node named 'Zulu'"):
        kn.resolve_node(actors, "Zulu")


def test_shortest_path_with_its_statements(facts: Facts, actors: nx.Graph) -> None:
    path = kn.shortest_path(actors, "Delta", "Echo")
    assert path == [D, A, E]
    steps = kn.path_evidence(actors, path)
    assert [s.relations for s in steps] == [("orderer-perpetrator",), ("speaker-subject",)]
    assert all(st in facts.by_statement for s in steps for st in s.statements)
    assert steps[1].statement_labels == (
        "Echo's statement about Alpha",
        "Echo's statement statedBy Echo",
    )
    ego = kn.ego_network(actors, "Delta")
    assert set(ego) == {D, A, B}


def test_no_path_is_one_clear_error(facts: Facts) -> None:
    G = kn.actor_graph(facts, relations=["co-party", "co-perpetrator"])
    with pytest.raises(KgError, match="no path between Alpha and Echo"):
        kn.shortest_path(G, "Alpha", "Echo")


def test_actor_event_graph_is_bipartite(facts: Facts) -> None:
    B_ = kn.actor_event_graph(facts)
    actors = {n for n, d in B_.nodes(data=True) if d["bipartite"] == 0}
    assert actors == {A, B, C, D, E}
    assert nx.is_bipartite(B_)
    assert B_.edges[A, iri("event/attack")]["relations"] == ("perpetrator",)
    only = kn.actor_event_graph(facts, roles=["target"])
    assert {frozenset(e) for e in only.edges()} == {
        frozenset((C, iri("event/attack"))),
        frozenset((C, iri("event/attack-2"))),
    }


def test_co_mention_graph_counts_sentences(facts: Facts) -> None:
    G = kn.co_mention_graph(facts)
    assert G.edges[B, C]["weight"] == 2  # a.txt's first sentence and b.txt's second
    assert [s.quote for s in G.edges[E, A]["sentences"]] == ["Echo said Alpha lied."]
    assert G.number_of_edges() == 6 + 1 + 1  # A, B, C, D pairwise; E–C; E–A (A–C, B–C shared)
    only_b = kn.co_mention_graph(facts, sources=["b"])
    assert {frozenset(e) for e in only_b.edges()} == {
        frozenset((E, A)),
        frozenset((B, C)),
        frozenset((A, C)),
    }


def test_entity_graph_leaves_out_types_labels_and_provenance(facts: Facts) -> None:
    G = kn.entity_graph(facts)
    assert all(not facts.is_provenance(n) for n in G)
    assert G.edges[iri("event/attack"), A]["relations"] == ("kg:perpetrator",)
    assert not any(n.startswith('"') for n in G)
    full = kn.entity_graph(facts, provenance=True, literals=True)
    assert any(facts.is_provenance(n) for n in full) and any(n.startswith('"2009"') for n in full)
    only = kn.entity_graph(facts, predicates=["kg:orderedBy"], directed=True)
    assert list(only.edges()) == [(iri("event/attack"), D)]


def test_igraph_engine_gives_networkx_results() -> None:
    pytest.importorskip("igraph")
    G = nx.gnm_random_graph(120, 400, seed=7)
    rng = random.Random(1)
    for u, v in G.edges():
        G.edges[u, v]["distance"] = rng.choice((0.5, 1.0, 2.0))
    for k, distance in ((None, None), (30, None), (30, "distance"), (None, "distance")):
        ours = kn.betweenness_centrality(G, k=k, seed=3, distance=distance, engine="igraph")
        theirs = kn.betweenness_centrality(G, k=k, seed=3, distance=distance, engine="networkx")
        assert ours == pytest.approx(theirs, abs=1e-12), (k, distance)
    fast, slow = kn.pagerank(G, engine="igraph"), kn.pagerank(G, engine="networkx")
    assert fast == pytest.approx(slow, abs=1e-9)


def test_export_keeps_labels_and_attributes(actors: nx.Graph, tmp_path: Path) -> None:
    G = kn.annotate(actors.copy(), ["degree"])
    kn.write_network(G, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.nodes[A]["label"] == "Alpha" and back.nodes[A]["kg_id"] == "org/alpha"
    assert back.nodes[A]["degree"] == 1.0 and back.edges[A, C]["weight"] == 2
    assert back.edges[A, C]["sources"] == "a.txt; b.txt"
    kn.write_network(G, tmp_path / "g.gexf")
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert gexf.nodes[A]["label"] == "Alpha"
    written = kn.write_network(G, tmp_path / "g.csv")
    assert [p.name for p in written] == ["g.csv", "g.nodes.csv"]
    assert (tmp_path / "g.csv").read_text().startswith("Source,Target,Type,Weight,")
    assert (tmp_path / "g.nodes.csv").read_text().startswith("Id,Label,")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "g.csv",
        "g.gexf",
        "g.graphml",
        "g.nodes.csv",
    ]
    with pytest.raises(KgError, match="unknown export format"):
        kn.write_network(G, tmp_path / "g.txt")


def test_public_names_are_exported() -> None:
    import importlib

    assert all(hasattr(kn, name) for name in kn.__all__)
    for module in ("projections", "measures", "communities", "paths", "export", "plot"):
        mod = importlib.import_module(f"kg.network.{module}")
        assert all(hasattr(mod, name) for name in mod.__all__), module
    assert sorted(kn.__all__) == kn.__all__
