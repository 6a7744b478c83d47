"""kg.export: every format round-trips and independent parsers (pyoxigraph, rapper) accept it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from export_helpers import (
    RAPPER,
    RAPPER_CANNOT,
    RDFLIB,
    Quads,
    dataset,
    graph_of,
    oxigraph_nquads,
    parse_graph,
    parse_quads,
    parsed_dataset,
    rapper,
    same_quads,
)
from helpers import run_cli
from kg.errors import KgError
from kg.export import ExportFormat, Layout, export, from_rdf12, layout, serialize
from kg.export.nanopub import from_nanopublications, nanopublications
from kg.iris import IriMinter
from kg.namespaces import KG, OA, PROV, RDF, XSD
from kg.project import Project
from kg.validate import load_graph

SINGLE = [ExportFormat.TURTLE, ExportFormat.NTRIPLES, ExportFormat.RDFXML, ExportFormat.JSONLD]
QUADS = [ExportFormat.TRIG, ExportFormat.NQUADS, ExportFormat.NANOPUB]
MINTER = IriMinter()


@pytest.fixture(scope="module")
def ontology(project: Project) -> Graph:
    return load_graph(project.ontology_path)


@pytest.fixture(scope="module")
def exports(
    committed_graph: Graph, ontology: Graph, tmp_path_factory: pytest.TempPathFactory
) -> dict[ExportFormat, Path]:
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for fmt in ExportFormat:
        path = folder / f"kg{fmt.suffix}"
        path.write_bytes(serialize(committed_graph, fmt, ontology=ontology))
        out[fmt] = path
    return out


@pytest.fixture(scope="module")
def parts(committed_graph: Graph, ontology: Graph) -> Layout:
    return layout(committed_graph, ontology)


@pytest.fixture(scope="module")
def expected_quads(committed_graph: Graph, parts: Layout) -> dict[ExportFormat, Quads]:
    """What each export must hold, graph by graph (None: the default graph)."""
    nanopubs: Quads = dict(nanopublications(committed_graph, MINTER))
    quads: dict[ExportFormat, Quads] = {fmt: {None: set(committed_graph)} for fmt in SINGLE}
    quads.update({ExportFormat.TRIG: dict(parts.graphs), ExportFormat.NQUADS: dict(parts.graphs)})
    quads[ExportFormat.NANOPUB] = nanopubs
    return quads


@pytest.fixture(scope="module")
def expected_datasets(expected_quads: dict[ExportFormat, Quads]) -> dict[ExportFormat, ox.Dataset]:
    return {fmt: dataset(quads) for fmt, quads in expected_quads.items()}


# --- round trips (rdflib) ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", SINGLE, ids=lambda f: f.value)
def test_single_graph_export_parses_back_isomorphic(
    fmt: ExportFormat, exports: dict[ExportFormat, Path], committed_graph: Graph
) -> None:
    assert isomorphic(parse_graph(exports[fmt], RDFLIB[fmt]), committed_graph)


@pytest.mark.parametrize("fmt", QUADS, ids=lambda f: f.value)
def test_quad_export_parses_back_graph_by_graph(
    fmt: ExportFormat,
    exports: dict[ExportFormat, Path],
    expected_datasets: dict[ExportFormat, ox.Dataset],
) -> None:
    parsed = parse_quads(exports[fmt].read_bytes(), RDFLIB[fmt])
    assert None not in parsed, "nothing may land in the default graph"
    assert dataset(parsed) == expected_datasets[fmt]


def test_turtle12_parses_back_to_the_graph(
    exports: dict[ExportFormat, Path], committed_graph: Graph
) -> None:
    quads = list(ox.parse(path=str(exports[ExportFormat.TURTLE12]), format=ox.RdfFormat.TURTLE))
    reifiers = [q for q in quads if isinstance(q.object, ox.Triple)]
    assert len(reifiers) == len(set(committed_graph.subjects(RDF.type, RDF.Statement)))
    assert all(q.predicate.value.endswith("#reifies") for q in reifiers)
    assert isomorphic(from_rdf12(quads), committed_graph)


def test_turtle12_writes_statements_as_annotated_triples(
    exports: dict[ExportFormat, Path],
) -> None:
    text = exports[ExportFormat.TURTLE12].read_text(encoding="utf-8")
    assert text.count(" {|\n") > 1000 and "rdf:Statement" not in text
    assert "rdf:subject" not in text and 'VERSION "1.2"' in text


def test_nanopublications_give_back_the_graph(
    expected_quads: dict[ExportFormat, Quads], committed_graph: Graph
) -> None:
    graphs = {k: v for k, v in expected_quads[ExportFormat.NANOPUB].items() if k is not None}
    assert len(graphs) == len(expected_quads[ExportFormat.NANOPUB])
    heads = [name for name in graphs if str(name).endswith("#head")]
    assert len(heads) == len(set(committed_graph.subjects(RDF.type, RDF.Statement)))
    assert isomorphic(from_nanopublications(graphs, MINTER), committed_graph)


# --- independent parsers -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [*SINGLE, *QUADS], ids=lambda f: f.value)
def test_pyoxigraph_reads_every_export(
    fmt: ExportFormat,
    exports: dict[ExportFormat, Path],
    expected_datasets: dict[ExportFormat, ox.Dataset],
) -> None:
    """(Turtle 1.2 is read by pyoxigraph in test_turtle12_parses_back_to_the_graph.)"""
    assert parsed_dataset(oxigraph_nquads(exports[fmt], fmt)) == expected_datasets[fmt]


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=lambda f: f.value)
def test_rapper_reads_every_export_it_can(
    fmt: ExportFormat,
    exports: dict[ExportFormat, Path],
    expected_datasets: dict[ExportFormat, ox.Dataset],
) -> None:
    if fmt in RAPPER_CANNOT:
        pytest.skip(RAPPER_CANNOT[fmt])
    if shutil.which("rapper") is None:
        if os.environ.get("CI"):
            pytest.fail("rapper missing in CI: .ci/run installs raptor2-utils")
        pytest.skip("rapper not installed: apt-get install raptor2-utils")
    assert parsed_dataset(rapper(exports[fmt], fmt)) == expected_datasets[fmt]


# --- layout --------------------------------------------------------------------------------------


def test_named_graphs_union_is_the_graph_and_sources_keep_their_evidence(
    committed_graph: Graph, ontology: Graph, parts: Layout
) -> None:
    assert parts.union() == set(committed_graph)  # no blank nodes: sets are isomorphism
    assert isomorphic(graph_of(parts.graphs[MINTER.graph("ontology")]), ontology)
    assert len(parts.sources) == 5
    for name, document in parts.sources.items():
        triples = parts.graphs[name]
        sources = {o for s, p, o in triples if p == OA.hasSource}
        assert sources == {document}, f"{name} holds evidence of another source"
        evidence = {o for s, p, o in triples if p == PROV.wasDerivedFrom}
        assert evidence and all((e, OA.hasSource, document) in triples for e in evidence)


def test_disputed_toll_is_told_differently_by_each_source(parts: Layout) -> None:
    attack = MINTER.entity("event/attack-ashraf-2009-07")

    def tolls(stem: str) -> set[int]:
        triples = parts.graphs[MINTER.source_graph(stem + ".txt")]
        return {o.toPython() for s, p, o in triples if s == attack and p == KG.fatalities}

    assert 11 in tolls("001_dd6600ad609501c8") and 13 not in tolls("001_dd6600ad609501c8")
    assert 13 in tolls("002_6f8cc6376ad1e593") and 13 in tolls("003_78d5d9760ad759e2")


# --- JSON-LD context -----------------------------------------------------------------------------


def test_jsonld_embeds_the_published_context(
    exports: dict[ExportFormat, Path], project: Project
) -> None:
    exported = json.loads(exports[ExportFormat.JSONLD].read_text(encoding="utf-8"))
    published = json.loads(project.context_path.read_text(encoding="utf-8"))
    assert exported["@context"] == published["@context"]
    attack = next(n for n in exported["@graph"] if n["@id"].endswith("attack-ashraf-2009-07"))
    assert attack["@type"] == "Attack" and sorted(attack["fatalities"]) == [11, 13]


# --- tricky literals through every format --------------------------------------------------------

TRICKY = [
    Literal('quote " backslash \\ newline\n tab\t return\r end'),
    Literal("Nouri al-Mālikī — “quoted” ’ ä 日本"),
    Literal('ends with a quote "'),
    Literal('three """ quotes'),
    Literal(""),
    Literal("Camp Ashraf", lang="en"),
    Literal("0.85", datatype=XSD.decimal),
    Literal("true", datatype=XSD.boolean),
    Literal("-13", datatype=XSD.integer),
    Literal("2009", datatype=XSD.gYear),
    Literal("2009-07-28", datatype=XSD.date),
]


def tricky_graph() -> Graph:
    """A small graph in the built graph's shape, under another base, with awkward literals."""
    minter = IriMinter("https://data.example.net/kg/")
    graph = Graph()
    doc = minter.source("001_x.txt")
    graph.add((doc, RDF.type, KG.SourceDocument))
    graph.add((doc, URIRef("http://purl.org/dc/terms/identifier"), Literal("001_x.txt")))
    subject = minter.entity("event/test")
    for i, value in enumerate(TRICKY):
        st = minter.statement(subject.n3(), KG.wording.n3(), value.n3())
        ev = minter.evidence(st, "001_x.txt", i, i + 1)
        for triple in [
            (subject, KG.wording, value),
            (st, RDF.type, RDF.Statement),
            (st, RDF.subject, subject),
            (st, RDF.predicate, KG.wording),
            (st, RDF.object, value),
            (st, PROV.wasDerivedFrom, ev),
            (ev, OA.hasSource, doc),
            (ev, KG.note, value),
        ]:
            graph.add(triple)
    return graph


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=lambda f: f.value)
def test_awkward_literals_survive_every_format(
    fmt: ExportFormat, ontology: Graph, tmp_path: Path
) -> None:
    graph = tricky_graph()
    path = tmp_path / f"t{fmt.suffix}"
    path.write_bytes(serialize(graph, fmt, ontology=ontology))
    minter = IriMinter("https://data.example.net/kg/")
    if fmt is ExportFormat.TURTLE12:
        parsed = from_rdf12(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        assert isomorphic(parsed, graph)
        return
    expected: Quads = {None: set(graph)}
    if fmt in (ExportFormat.TRIG, ExportFormat.NQUADS):
        expected = dict(layout(graph, ontology).graphs)
        assert MINTER.source_graph("001_x.txt") not in expected
        assert minter.source_graph("001_x.txt") in expected
    if fmt is ExportFormat.NANOPUB:
        expected = dict(nanopublications(graph, minter))
    assert same_quads(expected, parse_quads(path.read_bytes(), RDFLIB[fmt]))
    assert same_quads(expected, parsed_dataset(oxigraph_nquads(path, fmt)))
    if fmt in RAPPER and shutil.which("rapper"):
        assert same_quads(expected, parsed_dataset(rapper(path, fmt)))


# --- the command ---------------------------------------------------------------------------------


def test_kg_export_validates_and_writes(tmp_path: Path) -> None:
    out = tmp_path / "kg.nq"
    proc = run_cli("export", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "N-Quads" in proc.stdout and "7 named graphs" in proc.stdout
    assert out.read_bytes().count(b"\n") > 30_000
    assert [p.name for p in tmp_path.iterdir()] == ["kg.nq"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        pytest.param(["--format", "yaml", "--out", "x.ttl"], "unknown export format", id="format"),
        pytest.param(["--out", "x.yaml"], "cannot tell the format", id="suffix"),
        pytest.param(["--out", "/nonexistent/x.ttl"], "does not exist", id="folder"),
        pytest.param(["--out", "/tmp", "--format", "ttl"], "is a folder", id="is-folder"),
        pytest.param(["--out", "x.ttl", "--graph", "/nonexistent.ttl"], "not found", id="graph"),
    ],
)
def test_export_mistakes_give_one_clear_line(args: list[str], fragment: str) -> None:
    proc = run_cli("export", *args)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and fragment in proc.stderr


def test_graph_failing_validation_is_not_exported(project: Project, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    text = project.triples_path.read_text(encoding="utf-8")
    broken.write_text(text.replace('oa:exact "', 'oa:exact "NOT IN THE TEXT ', 1), encoding="utf-8")
    out = tmp_path / "out.nt"
    out.write_bytes(b"previous export")
    proc = run_cli("export", "--graph", str(broken), "--out", str(out))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "fails validation" in proc.stderr and "does not equal the quote" in proc.stderr
    assert out.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.ttl", "out.nt"]


def test_export_api_reports_what_it_wrote(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "tricky.ttl"
    tricky_graph().serialize(source, format="turtle")
    result = export(
        project, ExportFormat.TRIG, tmp_path / "t.trig", graph_path=source, validate=False
    )
    assert result.graphs == 3 and result.size == (tmp_path / "t.trig").stat().st_size
    with pytest.raises(KgError, match="is a folder"):
        export(project, ExportFormat.NQUADS, tmp_path, graph_path=source, validate=False)


def test_jsonld_export_is_deterministic(
    committed_graph: Graph, ontology: Graph, exports: dict[ExportFormat, Path]
) -> None:
    fresh = serialize(committed_graph, ExportFormat.JSONLD, ontology=ontology)
    assert fresh == exports[ExportFormat.JSONLD].read_bytes()
