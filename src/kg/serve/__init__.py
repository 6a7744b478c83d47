"""Stage 8 — serve: the graph as a SPARQL 1.1 endpoint, a query editor and linked-data pages.

Takes a store (:mod:`kg.store`) and :class:`Settings`; :func:`create_app` returns the ASGI
application, :func:`serve` runs ``kg serve``. Modules: :mod:`~kg.serve.app` (the factory),
:mod:`~kg.serve.sparql` (the protocol), :mod:`~kg.serve.negotiation` (media types),
:mod:`~kg.serve.engine` and :mod:`~kg.serve.pool` (queries in killable worker processes),
:mod:`~kg.serve.safety` and :mod:`~kg.serve.sandbox` (what a query may reach),
:mod:`~kg.serve.pages`, :mod:`~kg.serve.linked` and :mod:`~kg.serve.highlight` (HTML pages),
:mod:`~kg.serve.server` (sockets and uvicorn).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.project import Project
from kg.serve.app import create_app, served_base
from kg.serve.server import StoreFiles, listen, run
from kg.serve.settings import Settings

__all__ = ["Settings", "StoreFiles", "create_app", "serve"]


def serve(
    project: Project,
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    graph: Path | None = None,
    location: Path | None = None,
    base: str | None = None,
) -> None:
    """Open the project's store, bind *host*:*port* and serve until interrupted.

    Every mistake (a missing graph, a port in use, inconsistent settings) is a one-line
    :class:`~kg.errors.KgError` raised before anything is served.
    """
    from kg.store import connect, default_cache_dir

    graph_path = graph or project.triples_path
    # Saved before serving: the worker processes open the saved store.
    store = connect(project, "oxigraph", graph=graph_path, location=location, wait=True)
    files = StoreFiles(
        graph_path.resolve(),
        project.ontology_path.resolve(),
        (location or default_cache_dir()).resolve(),
        writable=settings.allow_update,
    )
    settings = replace(settings, opener=files, base=base or served_base(store), graph=graph_path)
    app = create_app(store, settings)
    sock = listen(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    mode = "read-write (token required)" if settings.allow_update else "read-only"
    run(
        app,
        sock,
        banner=(
            f"kg serve: http://{shown}:{bound_port}/ — {len(store):,} triples, {mode}, "
            f"query timeout {settings.timeout:g} s, {settings.workers} workers "
            f"(SPARQL endpoint /sparql; Ctrl-C stops)"
        ),
    )
