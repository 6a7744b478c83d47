"""Stage 5 — store: the graph and its ontology behind one small interface, chosen by name.

Takes ``data/triples.ttl`` (or another graph file) and ``ontology/kg.ttl``; returns a
:class:`GraphStore` that answers SPARQL with a :class:`QueryResult`. Three kinds exist:

- ``oxigraph`` (the default): an embedded Oxigraph store kept on disk in a cache folder and
  reloaded when the graph file or the ontology changes (:mod:`kg.backends.embedded`);
- ``memory``: rdflib's in-memory graph and SPARQL engine, the reference (:mod:`kg.backends.memory`);
- ``remote``: any SPARQL 1.1 endpoint, through SPARQLWrapper (:mod:`kg.backends.remote`).

Both embedded stores hold the ontology too, so queries can follow ``rdfs:subClassOf`` and read
``kg:singleValued``. :func:`open_store` keeps returning a plain in-memory :class:`pyoxigraph.Store`
for callers that want Oxigraph's own API.

>>> StoreKind.parse("memory")
<StoreKind.MEMORY: 'memory'>
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox
from rdflib.term import Identifier

from kg.errors import KgError
from kg.project import Project

if TYPE_CHECKING:
    from kg.backends.remote import Endpoint

__all__ = [
    "GraphStore",
    "QueryResult",
    "QuerySyntaxError",
    "StoreKind",
    "connect",
    "default_cache_dir",
    "load_into",
    "load_store",
    "open_store",
    "rdf_format",
]

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


class StoreKind(enum.Enum):
    """The kinds of store, by the name users give them."""

    OXIGRAPH = "oxigraph"
    MEMORY = "memory"
    REMOTE = "remote"

    @classmethod
    def parse(cls, name: str | StoreKind) -> StoreKind:
        if isinstance(name, StoreKind):
            return name
        try:
            return cls(name)
        except ValueError:
            choices = ", ".join(k.value for k in cls)
            raise KgError(f"unknown store {name!r}; choose one of {choices}") from None


@dataclass(frozen=True)
class QueryResult:
    """What a query returned: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Identifier | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Identifier, Identifier, Identifier], ...] = field(default=())

    @property
    def kind(self) -> str:
        if self.boolean is not None:
            return "ask"
        return "select" if self.variables or not self.triples else "graph"

    def records(self) -> list[dict[str, Identifier | None]]:
        """Rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


class QuerySyntaxError(KgError):
    """A query the store's parser rejects; the message is the parser's, with line and column."""


class GraphStore(Protocol):
    """What every store offers: SPARQL queries with bound parameters, and its size."""

    @property
    def kind(self) -> StoreKind: ...

    @property
    def description(self) -> str:
        """Where the data lives, for people (a cache folder, a URL, "in memory")."""
        ...

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run *text* with the variables of *bindings* bound to their values."""
        ...

    def __len__(self) -> int:
        """The number of triples the store holds."""
        ...


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of *path*, from its suffix (``.ttl``, ``.nt``, ``.n3``, ``.rdf``, ``.owl``).

    >>> rdf_format(Path("synthetic.nt"))
    <RdfFormat N-Triples>
    """
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KgError(f"{path}: unknown RDF syntax; use .ttl, .nt, .n3, .rdf or .owl")
    return fmt


def default_cache_dir() -> Path:
    """Where the embedded store lives unless told otherwise: ``$KG_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "kg"


def connect(
    project: Project,
    kind: str | StoreKind | None = None,
    *,
    graph: Path | None = None,
    location: Path | None = None,
    endpoint: str | Endpoint | None = None,
    wait: bool = False,
) -> GraphStore:
    """Open a store of *kind* on the project's graph (or *graph*) and ontology.

    *kind* defaults to ``remote`` when an *endpoint* is given and to ``oxigraph`` otherwise.
    *location* is the cache folder of the ``oxigraph`` store (default :func:`default_cache_dir`);
    *endpoint* the URL (or :class:`~kg.backends.remote.Endpoint`) of the ``remote`` store, which
    holds whatever was pushed to it (``kg push``), so *graph* does not apply to it. A freshly
    loaded ``oxigraph`` store answers at once and is compacted and saved in the background; with
    *wait*, this returns once it is saved, for other processes to open.
    """
    if kind is None:
        kind = StoreKind.REMOTE if endpoint is not None else StoreKind.OXIGRAPH
    kind = StoreKind.parse(kind)
    if kind is StoreKind.REMOTE:
        from kg.backends.remote import Endpoint, RemoteStore

        if endpoint is None:
            raise KgError("the remote store needs an endpoint URL (--endpoint URL)")
        if graph is not None:
            raise KgError("a remote store holds what was pushed to it: `kg push` the file first")
        return RemoteStore(endpoint if isinstance(endpoint, Endpoint) else Endpoint(endpoint))
    if endpoint is not None:
        raise KgError(f"--endpoint is for the remote store, not {kind.value!r}")
    paths = (graph or project.triples_path, project.ontology_path)
    for path in paths:
        if not path.is_file():
            raise KgError(f"{path}: not found (run `kg build` first?)")
    if kind is StoreKind.MEMORY:
        from kg.backends.memory import RdflibStore

        return RdflibStore.from_files(*paths)
    from kg.backends.embedded import OxigraphStore

    return OxigraphStore.cached(*paths, cache_dir=location or default_cache_dir(), wait=wait)


def load_store(*paths: Path) -> ox.Store:
    """An in-memory Oxigraph store holding the RDF files *paths*."""
    return load_into(ox.Store(), *paths)


def load_into(store: ox.Store, *paths: Path) -> ox.Store:
    """Bulk-load the RDF files *paths* into *store*, one after the other, and return it."""
    for path in paths:
        if not path.is_file():
            raise KgError(f"{path}: not found (run `kg build` first?)")
        try:
            store.bulk_load(path=str(path), format=rdf_format(path))
        except (OSError, SyntaxError, ValueError) as exc:
            raise KgError(f"{path}: cannot load: {str(exc).splitlines()[0]}") from None
    return store


def open_store(project: Project, graph: Path | None = None) -> ox.Store:
    """The project's graph (or *graph*) and its ontology in a writable in-memory Oxigraph store."""
    return load_store(graph or project.triples_path, project.ontology_path)
