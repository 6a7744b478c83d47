"""kg.iris: every IRI the graph and its publication use can be told apart (for kg serve)."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg.iris import IriKind, IriMinter

BASE = "https://kg.example.org/"
MINTER = IriMinter(BASE)


@pytest.mark.parametrize(
    ("iri", "kind", "key"),
    [
        ("id/person/martin-kobler", IriKind.ENTITY, "person/martin-kobler"),
        ("id/statement/0123456789abcdef0123", IriKind.STATEMENT, "0123456789abcdef0123"),
        ("id/evidence/0123456789abcdef0123", IriKind.EVIDENCE, "0123456789abcdef0123"),
        ("id/evidence/0123456789abcdef0123-quote", IriKind.SELECTOR, "0123456789abcdef0123-quote"),
        ("id/activity/curated-annotation-0-1-0", IriKind.ACTIVITY, "curated-annotation-0-1-0"),
        ("id/software/kg-0-1-0", IriKind.SOFTWARE, "kg-0-1-0"),
        ("source/001_dd6600ad609501c8", IriKind.SOURCE, "001_dd6600ad609501c8"),
        ("graph/registry", IriKind.GRAPH, "registry"),
        ("graph/source/001_dd6600ad609501c8", IriKind.GRAPH, "source/001_dd6600ad609501c8"),
        ("dataset", IriKind.DATASET, ""),
        ("dataset#class-kg-Attack", IriKind.DATASET, "class-kg-Attack"),
        (".well-known/void", IriKind.VOID, ""),
        ("sparql", IriKind.SPARQL, ""),
        ("dump/kg.ttl", IriKind.DUMP, "kg.ttl"),
        ("np/0123456789abcdef0123#assertion", IriKind.NANOPUB, "0123456789abcdef0123#assertion"),
    ],
)
def test_classify_names_kind_and_key(iri: str, kind: IriKind, key: str) -> None:
    resource = MINTER.classify(BASE + iri)
    assert resource is not None and (resource.kind, resource.key) == (kind, key)


@pytest.mark.parametrize(
    "iri",
    ["id/statement/short", "id/person/", "elsewhere", "https://other.org/id/person/x"],
)
def test_classify_rejects_what_was_not_minted(iri: str) -> None:
    assert MINTER.classify(iri if iri.startswith("http") else BASE + iri) is None


def test_every_iri_of_the_graph_is_classified(committed_graph: Graph) -> None:
    iris = {t for triple in committed_graph for t in triple if isinstance(t, URIRef)}
    ours = {i for i in iris if str(i).startswith(BASE)}
    assert ours and all(MINTER.classify(i) is not None for i in ours), sorted(
        i for i in ours if MINTER.classify(i) is None
    )[:5]
