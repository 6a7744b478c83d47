"""kg.void: the committed VoID/DCAT description is in sync, counts right, and deterministic."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from helpers import run_cli
from kg.build import BuildResult
from kg.errors import KgError
from kg.iris import IriMinter
from kg.namespaces import DCAT, DCTERMS, KG, RDF, VOID, XSD
from kg.project import Project
from kg.void import describe, load_meta, project_void, void_document

MINTER = IriMinter()
DATASET = MINTER.dataset()


@pytest.fixture(scope="module")
def void(project: Project) -> Graph:
    return Graph().parse(project.void_path, format="turtle")


def test_committed_void_matches_a_fresh_build(project: Project, built: BuildResult) -> None:
    assert project_void(project, built.graph) == project.void_path.read_bytes(), (
        "data/void.ttl is stale: run `kg build` and commit"
    )


def test_counts_match_the_graph(void: Graph, committed_graph: Graph, built: BuildResult) -> None:
    def count(prop: URIRef, node: URIRef = DATASET) -> int:
        value = void.value(node, prop)
        assert isinstance(value, Literal), prop
        return int(value)

    assert count(VOID.triples) == len(committed_graph)
    assert count(VOID.documents) == 5
    assert count(VOID.entities) == len(built.curation.entities)  # the entity registry
    attack = MINTER.dataset("class-kg-Attack")
    assert count(VOID.entities, attack) == len(set(committed_graph.subjects(RDF.type, KG.Attack)))
    assert count(VOID.classes) == len(set(committed_graph.objects(None, RDF.type)))


def test_describes_what_consumers_need(void: Graph) -> None:
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created):
        assert void.value(DATASET, prop) is not None, prop
    assert void.value(DATASET, DCTERMS.created) == Literal("2026-11-21", datatype=XSD.date)
    assert void.value(DATASET, VOID.sparqlEndpoint) == MINTER.sparql_endpoint()
    assert len(set(void.objects(DATASET, DCTERMS.source))) == 5
    assert len(set(void.objects(DATASET, VOID.exampleResource))) >= 3
    vocabularies = {str(v) for v in void.objects(DATASET, VOID.vocabulary)}
    assert {"https://kg.example.org/ontology#", "http://www.w3.org/ns/prov#"} <= vocabularies
    assert (DATASET, RDF.type, DCAT.Dataset) in void
    assert len(set(void.objects(DATASET, DCAT.distribution))) == 9  # 8 dumps and SPARQL
    assert len(set(void.objects(DATASET, VOID.subset))) == 6  # 5 sources and the registry


def test_void_parses_in_pyoxigraph(project: Project) -> None:
    assert len(list(ox.parse(path=str(project.void_path), format=ox.RdfFormat.TURTLE))) > 500


def test_void_follows_the_base_and_a_build_writes_it_next_to_the_graph(
    scratch: Project, tmp_path: Path
) -> None:
    out = tmp_path / "g.ttl"
    base = "https://data.example.net/kg/"
    proc = run_cli("--project", str(scratch.root), "build", "--base", base, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "VoID/DCAT" in proc.stdout
    void = Graph().parse(tmp_path / "void.ttl", format="turtle")
    dataset = IriMinter(base).dataset()
    assert (dataset, RDF.type, VOID.Dataset) in void
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(base + "sparql")
    graph = Graph().parse(out, format="turtle")
    assert describe(graph, load_meta(scratch.dataset_meta_path)).isomorphic(void)


def test_dataset_metadata_mistakes_are_one_line(tmp_path: Path) -> None:
    meta = tmp_path / "dataset.yaml"
    meta.write_text("title: x\ncreated: last tuesday\n", encoding="utf-8")
    with pytest.raises(KgError, match="created must be a date"):
        load_meta(meta)
    meta.write_text("title: x\nmodified: 2026-01-01\n", encoding="utf-8")
    with pytest.raises(KgError, match="unknown keys"):
        load_meta(meta)
    assert load_meta(tmp_path / "missing.yaml").created is None


def test_void_document_for_the_server(project: Project, tmp_path: Path) -> None:
    assert void_document(project) == project.void_path.read_bytes()
    with pytest.raises(KgError, match="not found"):
        void_document(Project(tmp_path))
