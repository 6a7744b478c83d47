"""Running one query or update on a store and serializing what it returns, within a size limit.

Takes a :class:`Job` (the text, the client's acceptable media types, the protocol's dataset, the
byte limit) and a :class:`~kg.store.GraphStore`; returns an :class:`Outcome` (HTTP status,
media type, body). This is what a query worker process does (:mod:`kg.serve.pool`); it never
raises for anything a client sent. An Oxigraph store serializes natively, streaming into a
buffer that stops the query once the result passes the limit.

>>> from kg.project import find_project
>>> from kg.backends.embedded import OxigraphStore
>>> project = find_project()
>>> store = OxigraphStore.from_files(project.triples_path, project.ontology_path)
>>> execute(store, Job("ASK { ?s a <http://www.w3.org/ns/oa#TextQuoteSelector> }")).body
b'{"head":{},"boolean":true}'
>>> execute(store, Job("SELEC nothing")).status
400
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO, cast

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import PREFIXES
from kg.serve.negotiation import ResultFormat, choose
from kg.store import GraphStore, QueryResult, QuerySyntaxError

__all__ = ["RDF_FORMATS", "Job", "Outcome", "ResultTooLarge", "execute"]

_TEXT = "text/plain; charset=utf-8"
_RESULTS_FORMATS = {
    ResultFormat.JSON: ox.QueryResultsFormat.JSON,
    ResultFormat.XML: ox.QueryResultsFormat.XML,
    ResultFormat.CSV: ox.QueryResultsFormat.CSV,
    ResultFormat.TSV: ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    ResultFormat.TURTLE: ox.RdfFormat.TURTLE,
    ResultFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    ResultFormat.JSONLD: ox.RdfFormat.JSON_LD,
    ResultFormat.RDFXML: ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class Job:
    """One request for a worker."""

    text: str
    update: bool = False
    accept: tuple[str, ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_bytes: int = 10_000_000


@dataclass(frozen=True)
class Outcome:
    """What the client gets: an HTTP status, a media type and a body."""

    status: int
    body: bytes
    media_type: str = _TEXT

    @classmethod
    def error(cls, status: int, message: str) -> Outcome:
        return cls(status, (message.strip() + "\n").encode("utf-8"))


class ResultTooLarge(Exception):
    """Raised by :class:`_Bounded` once the result passes the byte limit."""


class _Bounded(io.RawIOBase):
    """A byte buffer that refuses to grow past *limit* (which stops Oxigraph's serializer)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self.data += chunk
        if len(self.data) > self.limit:
            raise ResultTooLarge
        return len(chunk)


def _too_large(limit: int) -> Outcome:
    return Outcome.error(
        422, f"the result is larger than this server's limit of {limit:,} bytes; add a LIMIT"
    )


def _not_acceptable(graph: bool) -> Outcome:
    kinds = "CONSTRUCT/DESCRIBE results" if graph else "SELECT/ASK results"
    offered = ", ".join(f.value for f in ResultFormat if f.for_graphs == graph)
    return Outcome.error(406, f"{kinds} are available as {offered}")


def execute(store: GraphStore, job: Job) -> Outcome:
    """Run *job* on *store*; every failure becomes an error :class:`Outcome`."""
    from kg.backends.embedded import OxigraphStore

    try:
        if isinstance(store, OxigraphStore):
            if job.update:
                store.store.update(job.text)
                return Outcome(200, b"update applied\n")
            return _native(store.store, job)
        if job.update:
            return Outcome.error(501, f"updates are not supported on the {store.kind.value} store")
        return _generic(store.query(job.text), job)
    except (SyntaxError, QuerySyntaxError) as exc:
        return Outcome.error(400, f"SPARQL syntax error: {str(exc).splitlines()[0]}")
    except ResultTooLarge:
        return _too_large(job.max_bytes)
    except (OSError, RuntimeError, ValueError, TypeError, KgError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Outcome.error(500, f"query failed: {message}")


def _native(store: ox.Store, job: Job) -> Outcome:
    dataset: dict[str, list[ox.NamedNode]] = {}
    if job.default_graphs:
        dataset["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    if job.named_graphs:
        dataset["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    result = store.query(job.text, **dataset)  # type: ignore[arg-type]
    graph = isinstance(result, ox.QueryTriples)
    fmt = choose(job.accept, graph=graph)
    if fmt is None:
        return _not_acceptable(graph)
    out = cast(IO[bytes], _Bounded(job.max_bytes))
    if isinstance(result, ox.QueryTriples):
        ox.serialize(result, out, RDF_FORMATS[fmt], prefixes=PREFIXES)
    else:
        result.serialize(out, _RESULTS_FORMATS[fmt])
    return Outcome(200, bytes(cast(_Bounded, out).data), fmt.content_type)


def _generic(result: QueryResult, job: Job) -> Outcome:
    """Any other store: its :class:`QueryResult`, written by :mod:`kg.results`."""
    from kg.results import OutputFormat, format_result

    graph = result.kind == "graph"
    fmt = choose(job.accept, graph=graph)
    if fmt is None:
        return _not_acceptable(graph)
    names = {
        ResultFormat.JSON: OutputFormat.SPARQL_JSON,
        ResultFormat.XML: OutputFormat.SPARQL_XML,
        ResultFormat.CSV: OutputFormat.CSV,
        ResultFormat.TSV: OutputFormat.TSV,
        ResultFormat.TURTLE: OutputFormat.TURTLE,
        ResultFormat.NTRIPLES: OutputFormat.NTRIPLES,
        ResultFormat.JSONLD: OutputFormat.JSON_LD,
    }
    if fmt not in names:
        return _not_acceptable(graph)
    body = format_result(result, names[fmt]).encode("utf-8")
    if len(body) > job.max_bytes:
        return _too_large(job.max_bytes)
    return Outcome(200, body, fmt.content_type)
