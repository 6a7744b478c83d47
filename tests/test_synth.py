"""kg.synth: synthetic graphs keep the provenance contract and the ontology's shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import KgError
from kg.project import Project
from kg.query import run_query, shipped_queries
from kg.sources import load_sources
from kg.store import connect
from kg.synth import SynthReport, synthesize
from kg.validate import check_provenance, check_shacl, load_graph


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> SynthReport:
    return synthesize(40, tmp_path_factory.mktemp("synth") / "synthetic.nt", seed=7)


@pytest.fixture(scope="module")
def graph(synthetic: SynthReport) -> Graph:
    return Graph().parse(synthetic.out, format="nt")


def test_every_evidence_quote_is_at_its_offsets(synthetic: SynthReport, graph: Graph) -> None:
    report = check_provenance(graph, load_sources(synthetic.sources_dir))
    assert report.ok, report.failures[:3]
    assert report.statements == synthetic.statements and report.evidence > report.statements
    assert len(graph) == synthetic.triples  # no triple written twice


def test_it_conforms_to_the_shapes(project: Project, graph: Graph) -> None:
    shacl = check_shacl(graph, load_graph(project.shapes_path), load_graph(project.ontology_path))
    assert shacl.conforms, shacl.messages[:3]


def test_facts_have_several_sources_and_some_values_are_disputed(
    project: Project, synthetic: SynthReport
) -> None:
    store = connect(project, "oxigraph", graph=synthetic.out, location=synthetic.out.parent)
    disputed = run_query(store, shipped_queries(project)["disputed"]).records()
    assert synthetic.disputes > 0 and len(disputed) >= 2 * synthetic.disputes
    multi = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?st <http://www.w3.org/ns/prov#wasDerivedFrom> ?a , ?b ."
        " FILTER(STR(?a) < STR(?b)) }"
    )
    assert int(str(multi.rows[0][0])) > synthetic.events


def test_the_same_seed_gives_the_same_files(tmp_path: Path, synthetic: SynthReport) -> None:
    again = synthesize(40, tmp_path / "again.nt", seed=7)
    assert again.out.read_bytes() == synthetic.out.read_bytes()
    first = sorted(p.read_text(encoding="utf-8") for p in synthetic.sources_dir.iterdir())
    assert sorted(p.read_text(encoding="utf-8") for p in again.sources_dir.iterdir()) == first
    other = synthesize(40, tmp_path / "other.nt", seed=8)
    assert other.out.read_bytes() != synthetic.out.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["again.nt", "again.sources", "other.nt", "other.sources"]
    )  # no temporary files left


def test_bad_arguments_are_errors(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="at least 1"):
        synthesize(0, tmp_path / "x.nt")
    with pytest.raises(KgError, match="does not exist"):
        synthesize(5, tmp_path / "missing" / "x.nt")
