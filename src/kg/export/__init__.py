"""Stage 7 — export: the built graph in the formats linked-data consumers harvest.

Takes ``data/triples.ttl`` (or another built graph) and ``ontology/kg.ttl``; returns bytes in one
:class:`ExportFormat`, or writes them atomically (:func:`export`). Single-graph formats hold
exactly the built graph; the quad formats (TriG, N-Quads) hold it shared out into one named graph
per source document, a registry graph and the ontology graph (:mod:`kg.export.layout`); Turtle 1.2
writes statements as annotated triple terms (:mod:`kg.export.rdf12`); the nanopublication export
gives each statement its own assertion, provenance and publication-info graphs
(:mod:`kg.export.nanopub`). Each parses back to the graph it came from (the tests check, with
rdflib, pyoxigraph and Raptor's ``rapper``).

>>> from kg.project import find_project
>>> project = find_project()
>>> data = serialize(load_graph(project.triples_path), ExportFormat.NTRIPLES,
...                  ontology=load_graph(project.ontology_path))
>>> data.count(b"\\n") > 10_000
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.build import write_atomic
from kg.errors import KgError
from kg.export._turtle import namespace_manager, sorted_graph
from kg.export.formats import ExportFormat
from kg.export.jsonld import context, jsonld
from kg.export.layout import Layout, infer_base, split
from kg.export.nanopub import NP, from_nanopublications, nanopublications
from kg.export.quads import nquads, trig
from kg.export.rdf12 import from_rdf12, turtle12
from kg.iris import IriMinter
from kg.project import Project
from kg.sources import load_sources
from kg.validate import check_provenance, check_shacl, load_graph

__all__ = [
    "ExportFormat",
    "ExportResult",
    "Layout",
    "export",
    "from_nanopublications",
    "from_rdf12",
    "layout",
    "serialize",
    "validate_for_export",
]

_HEADER = (
    "# The Camp Ashraf / Camp Liberty knowledge graph, written by `kg export --format {fmt}`.\n"
    "# Every fact is also a statement with its evidence (source document, verbatim quote,\n"
    "# code-point offsets). Dataset description: data/void.ttl; ontology: ontology/kg.ttl.\n"
)


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export` wrote."""

    path: Path
    format: ExportFormat
    triples: int  #: triples of the built graph
    graphs: int  #: named graphs written (0 for single-graph formats)
    size: int  #: bytes written


def layout(graph: Graph, ontology: Graph | None = None, *, base: str | None = None) -> Layout:
    """The named-graph layout of *graph* (base IRI read off the graph unless given)."""
    return split(graph, IriMinter(base or infer_base(graph)), ontology)


def _render(
    graph: Graph, fmt: ExportFormat, ontology: Graph, base: str | None
) -> tuple[bytes, int]:
    """The bytes of *graph* as *fmt*, and how many named graphs they hold."""
    header = _HEADER.format(fmt=fmt.value)
    if fmt is ExportFormat.TURTLE:  # rdflib's Turtle is sorted already
        return (header + "\n" + graph.serialize(format="turtle")).encode(), 0
    if fmt is ExportFormat.NTRIPLES:
        lines = graph.serialize(format="nt", encoding="utf-8").splitlines(True)
        return b"".join(sorted(line for line in lines if line.strip())), 0
    if fmt is ExportFormat.RDFXML:
        # rdflib writes xml:lang through the namespace manager: "xml" must be bound.
        nsm = namespace_manager({"xml": "http://www.w3.org/XML/1998/namespace"})
        return sorted_graph(graph, nsm).serialize(format="pretty-xml", encoding="utf-8"), 0
    if fmt is ExportFormat.JSONLD:
        return jsonld(graph, context(ontology)), 0
    if fmt is ExportFormat.TURTLE12:
        return turtle12(graph, header), 0
    if fmt is ExportFormat.NANOPUB:
        graphs = nanopublications(graph, IriMinter(base or infer_base(graph)))
        return trig(graphs, header, prefixes={"np": str(NP)}, pretty=False), len(graphs)
    parts = layout(graph, ontology, base=base)
    data = trig(parts.graphs, header) if fmt is ExportFormat.TRIG else nquads(parts.graphs)
    return data, len(parts.graphs)


def serialize(
    graph: Graph, fmt: ExportFormat, *, ontology: Graph, base: str | None = None
) -> bytes:
    """*graph* in the format *fmt*, deterministic bytes (the same graph gives the same bytes).

    *ontology* goes into the quad formats' ontology graph and the JSON-LD context; *base* is
    the base IRI the graph was built with (read off its source documents by default).
    """
    return _render(graph, fmt, ontology, base)[0]


def validate_for_export(graph: Graph, project: Project, *, name: str) -> None:
    """Raise :class:`KgError` (one line) unless *graph* passes the provenance and SHACL checks."""
    problems = list(check_provenance(graph, load_sources(project.sources_dir)).failures)
    if not problems:
        ontology = load_graph(project.ontology_path)
        problems = list(check_shacl(graph, load_graph(project.shapes_path), ontology).messages)
    if problems:
        first = " ".join(problems[0].split())
        raise KgError(
            f"{name}: fails validation ({len(problems)} problem(s); first: {first}); "
            "see `kg validate`"
        )


def export(
    project: Project,
    fmt: ExportFormat,
    out: Path,
    *,
    graph_path: Path | None = None,
    base: str | None = None,
    validate: bool = True,
) -> ExportResult:
    """Validate the built graph, serialize it as *fmt* and write it to *out* atomically.

    On any error nothing is written (an existing *out* is left as it was).
    """
    if out.is_dir():
        raise KgError(f"{out}: is a folder, not a file")
    if not out.parent.is_dir():
        raise KgError(f"{out}: folder {out.parent} does not exist")
    source = graph_path or project.triples_path
    graph = load_graph(source)
    if validate:
        validate_for_export(graph, project, name=str(source))
    data, graphs = _render(graph, fmt, load_graph(project.ontology_path), base)
    try:
        write_atomic(data, out)
    except OSError as exc:
        raise KgError(f"{out}: cannot write: {exc.strerror or exc}") from None
    return ExportResult(out, fmt, len(graph), graphs, len(data))
