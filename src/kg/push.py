"""``kg push``: load the graph and its ontology into a running SPARQL server, in batches.

Takes RDF files (``data/triples.ttl`` and ``ontology/kg.ttl`` by default) and a
:class:`PushTarget`; returns a :class:`PushReport`. Two protocols, both streaming the files in
batches of N-Triples so that any size goes through with bounded memory and a progress report:

- **Graph Store Protocol** (``GSP``): each batch is POSTed to the store endpoint, into the default
  graph (``?default``) or a named graph (``?graph=IRI``) — Oxigraph ``/store``, Fuseki
  ``/DATASET/data``, GraphDB ``/repositories/ID/rdf-graphs/service``;
- **SPARQL Update** (``UPDATE``): each batch is an ``INSERT DATA`` sent to the update endpoint.

Triples with blank nodes go together in one last batch, so a blank node is never split across two
requests (where the server would make two nodes of it).

>>> target = PushTarget("http://127.0.0.1:7878/store", graph="https://kg.example.org/graph")
>>> target.batch_url()
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fkg.example.org%2Fgraph'
"""

from __future__ import annotations

import enum
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, cast

import pyoxigraph as ox

from kg.backends.http import Credentials, request
from kg.errors import KgError
from kg.store import rdf_format

__all__ = ["PushProtocol", "PushReport", "PushTarget", "push"]

#: Called with (bytes of the input read so far, bytes in all, triples sent so far).
Progress = Callable[[int, int, int], None]


class PushProtocol(enum.Enum):
    GSP = "gsp"
    UPDATE = "update"


@dataclass(frozen=True)
class PushTarget:
    """Where to push: a Graph Store Protocol or SPARQL Update endpoint, and which graph."""

    url: str
    protocol: PushProtocol = PushProtocol.GSP
    graph: str | None = None
    credentials: Credentials | None = None
    timeout: float = 300.0

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise KgError(f"endpoint must be an http(s) URL, not {self.url!r}")
        if self.graph is not None and not self.graph.startswith(("http://", "https://", "urn:")):
            raise KgError(f"--graph must be an absolute IRI, not {self.graph!r}")

    def batch_url(self) -> str:
        """The Graph Store Protocol URL of the target graph."""
        sep = "&" if "?" in self.url else "?"
        if self.graph is None:
            return f"{self.url}{sep}default"
        return f"{self.url}{sep}graph={urllib.parse.quote(self.graph, safe='')}"


@dataclass(frozen=True)
class PushReport:
    """What a push sent."""

    triples: int
    batches: int
    seconds: float


class _CountingReader:
    """A binary reader that counts the bytes the parser has taken, for the progress report."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.count += len(data)
        return data


def _has_blank(quad: ox.Quad) -> bool:
    return type(quad.subject) is ox.BlankNode or type(quad.object) is ox.BlankNode


def _batches(
    paths: Sequence[Path], size: int, progress: Callable[[int], None]
) -> Iterator[list[ox.Quad]]:
    blank: list[ox.Quad] = []
    batch: list[ox.Quad] = []
    done = 0
    for path in paths:
        with path.open("rb") as raw:
            reader = _CountingReader(raw)
            try:
                for quad in ox.parse(cast("IO[bytes]", reader), format=rdf_format(path)):
                    (blank if _has_blank(quad) else batch).append(quad)
                    if len(batch) >= size:
                        progress(done + reader.count)
                        yield batch
                        batch = []
            except (SyntaxError, ValueError) as exc:
                raise KgError(f"{path}: cannot load: {str(exc).splitlines()[0]}") from None
            done += reader.count
    progress(done)
    for last in (batch, blank):
        if last:
            yield last


def _send(target: PushTarget, body: bytes, *, first: bool, replace: bool) -> None:
    """Send one batch of N-Triples."""
    if target.protocol is PushProtocol.GSP:
        # PUT replaces the graph with the first batch; later batches are added by POST.
        method = "PUT" if first and replace else "POST"
        headers = {"Content-Type": "application/n-triples"}
        request(
            target.batch_url(),
            method=method,
            data=body,
            headers=headers,
            credentials=target.credentials,
            timeout=target.timeout,
        )
        return
    where = f"GRAPH <{target.graph}> {{ " if target.graph else ""
    clear = ""
    if first and replace:
        clear = f"DROP SILENT GRAPH <{target.graph}> ;\n" if target.graph else "CLEAR DEFAULT ;\n"
    text = f"{clear}INSERT DATA {{ {where}\n{body.decode('utf-8')}{' }' if where else ''} }}"
    request(
        target.url,
        data=text.encode("utf-8"),
        headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        credentials=target.credentials,
        timeout=target.timeout,
    )


def push(
    paths: Sequence[Path],
    target: PushTarget,
    *,
    batch_size: int = 50_000,
    replace: bool = False,
    progress: Progress | None = None,
) -> PushReport:
    """Send the triples of *paths* to *target* in batches of *batch_size*; with *replace*, the
    target graph is emptied first. *progress* is told how far the input has been read.

    The next batch is parsed while the server stores the last one (one request at a time, in
    order), so the client's parsing and the server's indexing overlap.
    """
    if batch_size < 1:
        raise KgError("--batch must be at least 1")
    for path in paths:
        if not path.is_file():
            raise KgError(f"{path}: not found (run `kg build` first?)")
    total = sum(p.stat().st_size for p in paths)
    start = time.perf_counter()
    sent = batches = read = 0

    def parsed(count: int) -> None:
        nonlocal read
        read = count

    with ThreadPoolExecutor(max_workers=1) as sender:
        pending: Future[None] | None = None
        for batch in _batches(paths, batch_size, parsed):
            body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
            if pending is not None:
                pending.result()  # the previous batch arrived (or its error is raised here)
                if progress is not None:
                    progress(read, total, sent)
            pending = sender.submit(_send, target, body, first=batches == 0, replace=replace)
            sent += len(batch)
            batches += 1
        if pending is not None:
            pending.result()
    if progress is not None:
        progress(total, total, sent)
    return PushReport(sent, batches, time.perf_counter() - start)
