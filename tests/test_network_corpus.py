"""kg.network on the corpus graph (data/triples.ttl): what the network of the five sources shows,
and that every edge leads back to statements, evidence and sources."""

from __future__ import annotations

import networkx as nx
import pytest

import kg.network as kn
from kg.network import Facts
from kg.project import Project

ID = "https://kg.example.org/id/"


@pytest.fixture(scope="module")
def facts(project: Project) -> Facts:
    return kn.load_facts(project)


@pytest.fixture(scope="module")
def actors(facts: Facts) -> nx.Graph:
    # Curated facts only: the five texts' network, whatever `kg ingest` adds to the graph later.
    return kn.actor_graph(facts, methods=["curated"])


def _top(G: nx.Graph, scores: dict[object, float], kind: str | None = None) -> str:
    ranked = [n for n, _ in kn.rank(scores) if kind is None or G.nodes[n]["kind"] == kind]
    return str(ranked[0])


def test_the_most_connected_organisation_is_the_mek(actors: nx.Graph) -> None:
    degree = dict(actors.degree())
    orgs = sorted(
        (n for n in actors if actors.nodes[n]["kind"] == "Organisation"), key=lambda n: -degree[n]
    )
    assert orgs[:3] == [f"{ID}org/mek", f"{ID}org/government-of-iraq", f"{ID}org/iranian-regime"]
    assert [degree[n] for n in orgs[:3]] == [16, 15, 13]
    assert _top(actors, kn.degree_centrality(actors), "Person") == f"{ID}person/nouri-al-maliki"


def test_the_mek_is_the_broker_of_the_actor_network(actors: nx.Graph) -> None:
    assert _top(actors, kn.betweenness_centrality(actors)) == f"{ID}org/mek"
    assert _top(actors, kn.pagerank(actors)) == f"{ID}org/mek"
    sampled = kn.betweenness_centrality(actors, k=20, seed=1)
    assert sampled == kn.betweenness_centrality(actors, k=20, seed=1)  # a seed repeats a sample


def test_every_edge_leads_back_to_statements_and_evidence(facts: Facts, actors: nx.Graph) -> None:
    for u, v, data in actors.edges(data=True):
        assert data["weight"] == len(data["via"]) >= 1
        assert data["statements"] and all(s in facts.by_statement for s in data["statements"])
        evidence = {e.source for s in data["statements"] for e in facts.by_statement[s].evidence}
        assert set(data["sources"]) == evidence, (u, v)
        assert all(e.quote for e in data["evidence"])


def test_maliki_ordered_the_iraqi_army(actors: nx.Graph) -> None:
    edge = actors.edges[f"{ID}person/nouri-al-maliki", f"{ID}org/iraqi-army"]
    assert "orderer-perpetrator" in edge["relations"]
    assert f"{ID}event/attack-ashraf-2009-07" in edge["via"]
    assert {"001_dd6600ad609501c8.txt", "002_6f8cc6376ad1e593.txt"} <= set(edge["sources"])


def test_entity_names_map_back_to_iris(actors: nx.Graph) -> None:
    for node, data in actors.nodes(data=True):
        assert kn.resolve_node(actors, data["id"]) == node
        assert kn.resolve_node(actors, data["label"]) == node
        assert all(kn.resolve_node(actors, name) == node for name in data["names"])
    assert kn.resolve_node(actors, "Nuri al-Maliki") == f"{ID}person/nouri-al-maliki"
    assert kn.resolve_node(actors, "MEK (PMOI)") == f"{ID}org/mek"


def test_the_network_as_one_source_tells_it(facts: Facts) -> None:
    one = kn.actor_graph(facts, sources=["001_dd6600ad609501c8.txt"])
    assert all(d["sources"] == ("001_dd6600ad609501c8.txt",) for _, _, d in one.edges(data=True))
    assert (f"{ID}person/nouri-al-maliki", f"{ID}org/iraqi-army") in one.edges
    assert one.number_of_nodes() < 20


def test_attacks_of_july_2009(facts: Facts) -> None:
    G = kn.actor_graph(facts, event_types=["Attack"], start="2009-07", end="2009-07")
    assert (f"{ID}person/nouri-al-maliki", f"{ID}org/iraqi-army") in G.edges
    vias = {v for _, _, d in G.edges(data=True) for v in d["via"]}
    assert all(facts.is_a(v, "https://kg.example.org/ontology#Attack") for v in vias)


def test_the_other_projections(facts: Facts) -> None:
    mentions = kn.co_mention_graph(facts, classes=["Actor"])
    assert _top(mentions, kn.degree_centrality(mentions)) == f"{ID}org/mek"
    raw = kn.entity_graph(facts)
    assert not any(facts.is_provenance(n) for n in raw)
    assert _top(raw, kn.degree_centrality(raw)) == f"{ID}org/mek"
    bipartite = kn.actor_event_graph(facts)
    assert nx.is_bipartite(bipartite)


def test_communities_separate_the_un_from_the_iranian_proxies(actors: nx.Graph) -> None:
    parts = kn.communities(actors)
    assert parts == kn.communities(actors)  # seeded: the same partition every run
    where = kn.community_map(parts)
    assert where[f"{ID}person/martin-kobler"] == where[f"{ID}org/unami"]
    assert where[f"{ID}org/quds-force"] != where[f"{ID}org/unami"]
    assert kn.modularity(actors, parts) > 0.3
