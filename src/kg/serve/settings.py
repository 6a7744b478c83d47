"""What ``kg serve`` is told: limits, what may be reached, who may update, where the files are.

Safe by default: read-only, a 10 s query timeout, results up to 10 MB, requests up to 1 MB, no
outbound requests, no CORS headers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.iris import DEFAULT_BASE
from kg.project import Project
from kg.store import GraphStore

__all__ = ["Settings", "StoreOpener"]

#: Opens the store a query worker uses, in the worker process (so it must pickle).
StoreOpener = Callable[[], GraphStore]


@dataclass(frozen=True)
class Settings:
    """The server's settings; :meth:`check` says what is inconsistent, in one line."""

    project: Project
    #: the served graph file (for the downloadable dumps); the project's data/triples.ttl if unset.
    graph: Path | None = None
    #: base IRI the graph was built with: IRIs under it are answered as pages and data here.
    base: str = DEFAULT_BASE
    #: seconds a query may run before its worker is killed and it gets HTTP 503.
    timeout: float = 10.0
    #: largest serialized result, in bytes (HTTP 422 beyond).
    max_result_bytes: int = 10_000_000
    #: largest request body or query string, in bytes (HTTP 413 beyond).
    max_request_bytes: int = 1_000_000
    #: query worker processes; 0 runs queries in threads of the server (no hard timeout).
    workers: int = 2
    #: opens the store in each worker; ``None`` makes workers use the ``store`` given to the app
    #: only when *workers* is 0.
    opener: StoreOpener | None = None
    #: address-space cap of a worker, in MB (0: none).
    worker_memory_mb: int = 4096
    #: accept SPARQL Update from clients that send ``Authorization: Bearer <update_token>``.
    allow_update: bool = False
    update_token: str = field(default="", repr=False)
    #: IRI prefixes that SERVICE, LOAD and FROM may name (outbound requests to them are allowed).
    allow_remote: tuple[str, ...] = ()
    #: origins sent CORS headers (``*`` for any); none by default.
    cors_origins: tuple[str, ...] = ()

    def check(self) -> None:
        """Raise :class:`KgError` for settings that cannot work together."""
        if self.timeout <= 0:
            raise KgError("--timeout must be positive")
        if self.max_result_bytes <= 0 or self.max_request_bytes <= 0:
            raise KgError("size limits must be positive")
        if self.workers < 0:
            raise KgError("--workers must be 0 or more")
        if self.workers > 0 and self.opener is None:
            raise KgError("query workers need a store opener")
        if self.allow_update and len(self.update_token) < 16:
            raise KgError(
                "--allow-update needs a token of at least 16 characters in KG_UPDATE_TOKEN"
            )
        for prefix in self.allow_remote:
            if not prefix.startswith(("http://", "https://")):
                raise KgError(f"--allow-remote {prefix!r}: expected an http(s) IRI prefix")
