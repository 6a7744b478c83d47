"""The state one running server shares between its handlers: settings, the job runner, the
templates, and what it reads once at start (the single-valued properties).

Built by :func:`kg.serve.app.create_app`; there is no module-level graph or site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jinja2
from starlette.responses import HTMLResponse

from kg.iris import IriMinter
from kg.namespaces import KG_NAMESPACE
from kg.serve.engine import Job, Outcome
from kg.serve.linked import Row, bound_query, parse_rows
from kg.serve.negotiation import ResultFormat
from kg.serve.pool import Runner
from kg.serve.safety import Reach
from kg.serve.settings import Settings

__all__ = ["PageError", "Site"]


class PageError(Exception):
    """A page query that failed (timed out, say): the page answers with its status."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.body.decode("utf-8", "replace").strip())
        self.outcome = outcome


@dataclass
class Site:
    settings: Settings
    runner: Runner
    triples: int
    single_valued: frozenset[str] = frozenset()
    sandboxed: bool = False
    #: downloadable exports already made, by file name (made on first request, then kept).
    dumps: dict[str, bytes] = field(default_factory=dict)
    templates: jinja2.Environment = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("kg.serve", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        self.templates.filters["href"] = self.href
        self.templates.globals["site"] = self

    @property
    def minter(self) -> IriMinter:
        return IriMinter(self.settings.base)

    @property
    def reach(self) -> Reach:
        return Reach(local=(self.settings.base,), remote=self.settings.allow_remote)

    def href(self, iri: str) -> str:
        """Where a link to *iri* goes: this server for IRIs it answers, else the IRI itself."""
        base = self.settings.base
        if iri.startswith(KG_NAMESPACE):
            return "/ontology#" + iri[len(KG_NAMESPACE) :]
        if iri.startswith(base):
            return "/" + iri[len(base) :]
        return iri

    async def run(self, job: Job) -> Outcome:
        return await self.runner.run(job)

    async def select(self, name: str, **values: Any) -> list[Row]:
        """The rows of the page query *name* with *values* bound; :class:`PageError` if it fails."""
        job = Job(
            bound_query(name, **values),
            accept=(ResultFormat.JSON.value,),
            max_bytes=max(self.settings.max_result_bytes, 50_000_000),
        )
        outcome = await self.runner.run(job)
        if outcome.status != 200:
            raise PageError(outcome)
        return parse_rows(outcome.body)

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status, headers=_PAGE_HEADERS)


#: Pages load nothing from elsewhere: scripts, styles and fetches stay on this server.
_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Vary": "Accept",
}
