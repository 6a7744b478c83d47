"""The SPARQL 1.1 Protocol endpoint, ``/sparql``: queries by GET and POST, updates by POST.

A request is read within the size limit (413 beyond), its operation found (``query=`` or
``update=`` in the URL or a form body, or the body itself for ``application/sparql-query`` and
``application/sparql-update``; 415 for any other body type), checked for what it may reach
(:mod:`kg.serve.safety`, 403), and run by a worker (:mod:`kg.serve.pool`). Updates need the
server started with ``--allow-update`` and the client's ``Authorization: Bearer <token>``; else
403. Without an operation, ``/sparql`` describes the service (Turtle), or sends browsers to the
query editor.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kg.bindings import query_form
from kg.serve.engine import Job, Outcome
from kg.serve.negotiation import choose, from_parameter, media_ranges, wants_html
from kg.serve.safety import Refused, check_dataset, check_reach
from kg.serve.site import Site

__all__ = ["sparql_endpoint"]

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


class _BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class _Operation:
    query: str | None = None
    update: str | None = None
    params: dict[str, list[str]] = field(default_factory=dict)

    def one(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _BadRequest(413, f"request larger than this server's limit of {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _BadRequest(413, f"request larger than this server's limit of {limit:,} bytes")
    return bytes(body)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _BadRequest(400, "the request is not UTF-8") from None


def _params(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, ValueError) as exc:
        raise _BadRequest(400, f"malformed parameters: {exc}") from None


async def _operation(request: Request, limit: int) -> _Operation:
    raw_query = request.scope.get("query_string", b"")
    if len(raw_query) > limit:
        raise _BadRequest(413, f"request larger than this server's limit of {limit:,} bytes")
    params = _params(_decode(raw_query))
    op = _Operation(params=params)
    if request.method == "GET":
        if "update" in params:
            raise _BadRequest(400, "SPARQL Update must be sent by POST")
        op.query = op.one("query")
        return op
    body = await _read_body(request, limit)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == _FORM:
        form = _params(_decode(body))
        op.params = {**params, **form}
        op.query, op.update = op.one("query"), op.one("update")
    elif media == _QUERY:
        op.query = _decode(body)
    elif media == _UPDATE:
        op.update = _decode(body)
    else:
        raise _BadRequest(
            415, f"POST a form ({_FORM}), {_QUERY} or {_UPDATE}, not {media or 'no type'}"
        )
    if op.query is not None and op.update is not None:
        raise _BadRequest(400, "give either a query or an update, not both")
    return op


def _respond(outcome: Outcome) -> Response:
    headers = {"Vary": "Accept", "Cache-Control": "no-store"}
    return Response(outcome.body, outcome.status, headers, media_type=outcome.media_type)


def _authorised(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)


async def sparql_endpoint(request: Request) -> Response:
    site: Site = request.app.state.site
    settings = site.settings
    try:
        op = await _operation(request, settings.max_request_bytes)
        if op.update is not None:
            return _respond(await _update(request, site, op.update))
        if op.query is None:
            return _describe_service(request, site)
        return _respond(await _query(request, site, op))
    except _BadRequest as exc:
        return _respond(Outcome.error(exc.status, str(exc)))
    except Refused as exc:
        return _respond(Outcome.error(403, f"refused: {exc}"))


async def _update(request: Request, site: Site, text: str) -> Outcome:
    settings = site.settings
    if not settings.allow_update:
        return Outcome.error(403, "this server is read-only: SPARQL Update is not accepted")
    if not _authorised(request, settings.update_token):
        return Outcome.error(403, "SPARQL Update needs the server's token (Authorization: Bearer)")
    check_reach(text, site.reach, strict=not site.sandboxed)
    return await site.run(Job(text, update=True, max_bytes=settings.max_result_bytes))


async def _query(request: Request, site: Site, op: _Operation) -> Outcome:
    text = op.query or ""
    defaults = tuple(op.params.get("default-graph-uri", ()))
    named = tuple(op.params.get("named-graph-uri", ()))
    check_reach(text, site.reach, strict=not site.sandboxed)
    check_dataset(defaults, named, site.reach)
    accept = from_parameter(op.one("format") or op.one("output"))
    if accept is None:
        accept = media_ranges(request.headers.get("accept"))
    form = query_form(text)
    if form is not None and choose(accept, graph=form in ("CONSTRUCT", "DESCRIBE")) is None:
        offered = "CONSTRUCT/DESCRIBE" if form in ("CONSTRUCT", "DESCRIBE") else "SELECT/ASK"
        return Outcome.error(406, f"no acceptable media type for {offered} results")
    job = Job(text, False, accept, defaults, named, site.settings.max_result_bytes)
    return await site.run(job)


def _describe_service(request: Request, site: Site) -> Response:
    if wants_html(media_ranges(request.headers.get("accept"))):
        return RedirectResponse("/", status_code=303)
    endpoint = site.minter.sparql_endpoint()
    body = (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
        f"<{endpoint}> a sd:Service ;\n"
        f"    sd:endpoint <{endpoint}> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query"
        + (" , sd:SPARQL11Update" if site.settings.allow_update else "")
        + " ;\n"
        "    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,\n"
        "        <http://www.w3.org/ns/formats/SPARQL_Results_XML> ,\n"
        "        <http://www.w3.org/ns/formats/SPARQL_Results_CSV> ,\n"
        "        <http://www.w3.org/ns/formats/SPARQL_Results_TSV> ,\n"
        "        <http://www.w3.org/ns/formats/Turtle> ,\n"
        "        <http://www.w3.org/ns/formats/N-Triples> ,\n"
        "        <http://www.w3.org/ns/formats/JSON-LD> ,\n"
        "        <http://www.w3.org/ns/formats/RDF_XML> .\n"
    )
    return Response(body, 200, {"Vary": "Accept"}, media_type="text/turtle; charset=utf-8")
