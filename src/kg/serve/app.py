"""The web application: :func:`create_app` builds it from a store and :class:`Settings`.

Starlette (routing, requests, responses) on an ASGI server (uvicorn, :mod:`kg.serve.server`).
Queries run in worker processes (:class:`~kg.serve.pool.WorkerPool`) started with the app and
stopped with it; with ``workers=0`` they run in threads on the *store* given.

>>> from kg.project import find_project
>>> from kg.backends.embedded import OxigraphStore
>>> from starlette.testclient import TestClient
>>> project = find_project()
>>> store = OxigraphStore.from_files(project.triples_path, project.ontology_path)
>>> app = create_app(store, Settings(project, workers=0))
>>> with TestClient(app) as client:
...     client.get("/sparql", params={"query": "ASK {}"}).json()
{'head': {}, 'boolean': True}
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from kg.errors import KgError
from kg.export.layout import infer_base_from_iri
from kg.serve import pages
from kg.serve.engine import Job
from kg.serve.linked import bound_query, parse_rows
from kg.serve.negotiation import ResultFormat
from kg.serve.pool import InlineRunner, Runner, WorkerPool
from kg.serve.settings import Settings
from kg.serve.site import Site
from kg.serve.sparql import sparql_endpoint
from kg.store import GraphStore

__all__ = ["create_app", "served_base"]


def _runner(store: GraphStore, settings: Settings) -> Runner:
    if settings.workers == 0 or settings.opener is None:
        return InlineRunner(store, timeout=settings.timeout)
    return WorkerPool(
        settings.opener,
        size=settings.workers,
        timeout=settings.timeout,
        memory_mb=settings.worker_memory_mb,
        sandbox=not settings.allow_remote,
    )


class _RequestLimit:
    """Refuses any request whose declared body is over the limit before a handler reads it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for name, value in scope.get("headers", ()):
                if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                    message = f"request larger than this server's limit of {self.limit:,} bytes\n"
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 413,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
                        }
                    )
                    await send({"type": "http.response.body", "body": message.encode()})
                    return
        await self.app(scope, receive, send)


def create_app(store: GraphStore, settings: Settings) -> Starlette:
    """The server of *store* with *settings* (checked first: :class:`KgError` if inconsistent)."""
    settings.check()
    runner = _runner(store, settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await runner.start()
        site = Site(settings, runner, len(store))
        site.sandboxed = isinstance(runner, WorkerPool) and runner.sandboxed
        rows = await site.select("single-valued")
        site.single_valued = frozenset(r.text("property") for r in rows)
        app.state.site = site
        try:
            yield
        finally:
            await runner.close()

    routes = [
        Route("/", pages.index, methods=["GET"]),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/search", pages.search, methods=["GET"]),
        Route("/.well-known/void", pages.void, methods=["GET"]),
        Route("/ontology", pages.ontology, methods=["GET"]),
        Route("/dump/{filename}", pages.dump, methods=["GET"]),
        Mount("/static", StaticFiles(packages=[("kg.serve", "static")]), name="static"),
        Route("/{path:path}", pages.resource, methods=["GET"]),
    ]
    middleware = [Middleware(_RequestLimit, limit=settings.max_request_bytes)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Accept", "Authorization"],
            )
        )
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def served_base(store: GraphStore) -> str:
    """The base IRI the graph in *store* was built with, read off one of its source documents."""
    from kg.serve.engine import execute

    outcome = execute(store, Job(bound_query("base"), accept=(ResultFormat.JSON.value,)))
    rows = parse_rows(outcome.body) if outcome.status == 200 else []
    for row in rows:
        base = infer_base_from_iri(row.text("document"), row.text("identifier"))  # type: ignore[arg-type]
        if base:
            return base
    raise KgError("cannot tell the graph's base IRI (no kg:SourceDocument): give --base")
