"""kg.validate: SHACL, HermiT and the provenance check — on the real graph and on broken ones."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.namespaces import KG, OA
from kg.project import Project
from kg.sources import load_sources
from kg.validate import check_consistency, check_provenance, check_shacl, load_graph

JAVA = shutil.which("java") is not None
needs_java = pytest.mark.skipif(
    not JAVA, reason="Java is not installed: the HermiT reasoning test cannot run"
)


def test_built_graph_has_zero_shacl_violations(project: Project, committed_graph: Graph) -> None:
    report = check_shacl(
        committed_graph, load_graph(project.shapes_path), load_graph(project.ontology_path)
    )
    assert report.messages == ()
    assert report.conforms


def test_shapes_catch_a_statement_without_evidence(
    project: Project, committed_graph: Graph
) -> None:
    broken = Graph()
    broken += committed_graph
    st = URIRef("https://kg.example.org/id/statement/broken")
    broken.add((st, RDF.type, RDF.Statement))
    report = check_shacl(broken, load_graph(project.shapes_path), load_graph(project.ontology_path))
    assert not report.conforms
    assert any("broken" in m for m in report.messages)


def test_provenance_verifies_every_evidence(project: Project, committed_graph: Graph) -> None:
    report = check_provenance(committed_graph, load_sources(project.sources_dir))
    assert report.failures == ()
    assert report.verified == report.evidence > 500


def test_provenance_catches_a_shifted_offset(project: Project, committed_graph: Graph) -> None:
    broken = Graph()
    broken += committed_graph
    selector = next(broken.subjects(RDF.type, OA.TextPositionSelector))
    start = broken.value(selector, OA.start)
    broken.set((selector, OA.start, Literal(int(start) + 1)))
    report = check_provenance(broken, load_sources(project.sources_dir))
    assert not report.ok and any("does not equal the quote" in f for f in report.failures)


def test_provenance_catches_an_unreified_fact(project: Project, committed_graph: Graph) -> None:
    broken = Graph()
    broken += committed_graph
    broken.add(
        (
            URIRef("https://kg.example.org/id/event/attack-ashraf-2009-07"),
            KG.fatalities,
            Literal(99),
        )
    )
    report = check_provenance(broken, load_sources(project.sources_dir))
    assert any("without a statement node" in f for f in report.failures)


@needs_java
def test_ontology_and_entities_are_consistent_under_hermit(
    project: Project, committed_graph: Graph
) -> None:
    report = check_consistency(load_graph(project.ontology_path), committed_graph)
    assert report.ran and report.consistent and report.unsatisfiable == ()


@needs_java
def test_hermit_really_runs_and_detects_an_inconsistency(project: Project) -> None:
    data = Graph()
    thing = URIRef("https://kg.example.org/id/org/both")
    data.add((thing, RDF.type, KG.Person))
    data.add((thing, RDF.type, KG.Organisation))  # disjoint with Person in the ontology
    report = check_consistency(load_graph(project.ontology_path), data)
    assert report.ran and not report.consistent


@needs_java
def test_hermit_detects_a_place_as_perpetrator(project: Project) -> None:
    data = Graph()
    attack, camp = (
        URIRef("https://kg.example.org/id/event/a"),
        URIRef("https://kg.example.org/id/place/c"),
    )
    data.add((attack, RDF.type, KG.Attack))
    data.add((camp, RDF.type, KG.Camp))
    data.add((attack, KG.perpetrator, camp))  # range Actor, disjoint with Location
    assert not check_consistency(load_graph(project.ontology_path), data).consistent
