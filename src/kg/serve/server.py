"""Running the app: the store each worker opens, the listening socket, uvicorn.

The socket is bound here, before uvicorn starts, so that a port in use is one clear error
(:class:`~kg.errors.KgError`) and ``--port 0`` can say which port it got.
"""

from __future__ import annotations

import errno
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette

from kg.backends.embedded import OxigraphStore
from kg.errors import KgError
from kg.store import GraphStore

__all__ = ["StoreFiles", "listen", "run"]


@dataclass(frozen=True)
class StoreFiles:
    """How to open the served store, in the server and in each worker process (it pickles).

    Read-only, workers open the embedded store's on-disk cache (built once by the server);
    *writable* (updates allowed), each loads the files into a store of its own in memory.
    """

    graph: Path
    ontology: Path
    cache_dir: Path
    writable: bool = False

    def __call__(self) -> GraphStore:
        if self.writable:
            return OxigraphStore.from_files(self.graph, self.ontology)
        return OxigraphStore.cached(self.graph, self.ontology, cache_dir=self.cache_dir, wait=True)


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on *host*:*port*; :class:`KgError` if it cannot be had."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise KgError(f"cannot listen on {host}: {exc.strerror}") from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise KgError(f"{host}:{port} is already in use: choose another --port") from None
        raise KgError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock


def run(app: Starlette, sock: socket.socket, *, banner: str = "") -> None:
    """Serve *app* on *sock* until interrupted."""
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
        timeout_keep_alive=5,
        limit_concurrency=1000,
        server_header=False,
    )
    server = uvicorn.Server(config)
    if banner:
        print(banner, flush=True)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    if not server.started:
        print("kg: error: the server could not start (see the message above)", file=sys.stderr)
        raise SystemExit(2)
