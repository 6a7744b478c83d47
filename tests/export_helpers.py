"""Test helpers for the exports: parse with rdflib, pyoxigraph and Raptor's ``rapper``."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.export import ExportFormat

Triple = tuple[Node, Node, Node]
Quads = dict[URIRef | None, set[Triple]]

RDFLIB = {
    ExportFormat.TURTLE: "turtle",
    ExportFormat.NTRIPLES: "nt",
    ExportFormat.RDFXML: "xml",
    ExportFormat.JSONLD: "json-ld",
    ExportFormat.TRIG: "trig",
    ExportFormat.NQUADS: "nquads",
    ExportFormat.NANOPUB: "trig",
}
OXIGRAPH = {
    ExportFormat.TURTLE: ox.RdfFormat.TURTLE,
    ExportFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    ExportFormat.RDFXML: ox.RdfFormat.RDF_XML,
    ExportFormat.JSONLD: ox.RdfFormat.JSON_LD,
    ExportFormat.TRIG: ox.RdfFormat.TRIG,
    ExportFormat.NQUADS: ox.RdfFormat.N_QUADS,
    ExportFormat.TURTLE12: ox.RdfFormat.TURTLE,
    ExportFormat.NANOPUB: ox.RdfFormat.TRIG,
}
RAPPER = {
    ExportFormat.TURTLE: "turtle",
    ExportFormat.NTRIPLES: "ntriples",
    ExportFormat.RDFXML: "rdfxml",
    ExportFormat.TRIG: "trig",
    ExportFormat.NQUADS: "nquads",
    ExportFormat.NANOPUB: "trig",
}
#: Why rapper (Raptor 2.0.15, Debian's raptor2-utils) is not asked to read some formats.
RAPPER_CANNOT = {
    ExportFormat.JSONLD: (
        "Raptor 2 has no JSON-LD parser (its 'json' parser reads RDF/JSON only); "
        "the JSON-LD export is read by pyoxigraph and rdflib instead"
    ),
    ExportFormat.TURTLE12: (
        "Raptor 2 implements Turtle 1.1: no VERSION directive, triple terms or annotation "
        "syntax ({| |}); the RDF 1.2 export is read by pyoxigraph 0.5 instead"
    ),
}


def graph_of(triples: Iterable[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def quads_of(dataset: Dataset) -> Quads:
    """Named graph IRI (None for the default graph) → its triples."""
    out: Quads = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        key = name if isinstance(name, URIRef) and name != DATASET_DEFAULT_GRAPH_ID else None
        out.setdefault(key, set()).add((s, p, o))
    return out


@contextlib.contextmanager
def rdflib_internals_quiet() -> Iterator[None]:
    """rdflib 7.6's own dataset and JSON-LD parsers call its deprecated ConjunctiveGraph API;
    those warnings are about rdflib's code, not ours (pytest turns warnings into errors)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
        yield


def parse_graph(path: Path, fmt: str) -> Graph:
    with rdflib_internals_quiet():
        return Graph().parse(path, format=fmt)


def parse_quads(data: bytes | str, fmt: str) -> Quads:
    with rdflib_internals_quiet():
        dataset = Dataset()
        dataset.parse(data=data, format=fmt)
        return quads_of(dataset)


def _ox(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    assert isinstance(node, Literal)
    if node.language:
        return ox.Literal(str(node), language=node.language)
    datatype = ox.NamedNode(str(node.datatype)) if node.datatype else None
    return ox.Literal(str(node), datatype=datatype)


def dataset(quads: Quads) -> ox.Dataset:
    """*quads* as a canonicalized pyoxigraph dataset (RDFC-1.0), for exact comparison."""
    out = ox.Dataset()
    for name, triples in quads.items():
        graph_name = ox.NamedNode(str(name)) if name is not None else ox.DefaultGraph()
        for s, p, o in triples:
            out.add(ox.Quad(_ox(s), _ox(p), _ox(o), graph_name))
    out.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return out


def parsed_dataset(data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> ox.Dataset:
    """What pyoxigraph reads from *data*, canonicalized."""
    out = ox.Dataset(ox.parse(data, format=fmt))
    out.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return out


def same_quads(expected: Quads, actual: Quads | ox.Dataset) -> bool:
    """Graph-by-graph isomorphism (graph names compared exactly), through RDFC-1.0."""
    return dataset(expected) == (actual if isinstance(actual, ox.Dataset) else dataset(actual))


def oxigraph_nquads(path: Path, fmt: ExportFormat) -> bytes:
    """Parse *path* with pyoxigraph; return what it read as N-Quads."""
    return ox.serialize(ox.parse(path=str(path), format=OXIGRAPH[fmt]), format=ox.RdfFormat.N_QUADS)


def rapper(path: Path, fmt: ExportFormat) -> bytes:
    """Parse *path* with rapper; return what it read as N-Quads (N-Triples for triples)."""
    assert shutil.which("rapper"), "rapper not installed (apt-get install raptor2-utils)"
    proc = subprocess.run(
        ["rapper", "--quiet", "-i", RAPPER[fmt], "-o", "nquads", str(path)],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()[:500]
    return proc.stdout
