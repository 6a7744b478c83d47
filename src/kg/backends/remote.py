"""The ``remote`` store: any SPARQL 1.1 endpoint (Oxigraph server, Fuseki, Virtuoso, GraphDB,
QLever), queried through SPARQLWrapper.

Queries go by POST with only content negotiation (no ``format=`` parameters some servers
reject): SELECT and ASK ask for SPARQL JSON results, CONSTRUCT and DESCRIBE for Turtle. Bound
parameters are in the text, in the same ``VALUES`` clause the embedded stores get. A server that
cannot be reached, refuses the login or answers with an HTTP error gives one line.

>>> Endpoint("http://127.0.0.1:7878/query", default_graph="https://kg.example.org/graph")
Endpoint(url='http://127.0.0.1:7878/query', default_graph='https://kg.example.org/graph', \
credentials=None, timeout=60.0)
>>> Endpoint("localhost:7878")
Traceback (most recent call last):
kg.errors.KgError: endpoint must be an http(s) URL, not 'localhost:7878'
"""

from __future__ import annotations

import ast
import json
import re
import urllib.error
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.term import Identifier
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from kg.backends.http import Credentials, http_error
from kg.bindings import query_form, with_values
from kg.errors import KgError
from kg.store import QueryResult, QuerySyntaxError, StoreKind
from kg.terms import to_rdflib

__all__ = ["Endpoint", "RemoteStore"]

_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL query endpoint; *default_graph* restricts queries to one named graph
    (``default-graph-uri``), as ``kg push --graph IRI`` loads it."""

    url: str
    default_graph: str | None = None
    credentials: Credentials | None = None
    timeout: float = 60.0

    def __post_init__(self) -> None:
        if not re.match(r"^https?://[^\s/]+\S*$", self.url):
            raise KgError(f"endpoint must be an http(s) URL, not {self.url!r}")


def _server_message(exc: SPARQLWrapperException) -> str:
    """The first line of the server's answer, which SPARQLWrapper keeps only as a ``repr``."""
    _, _, raw = str(exc).partition("Response:\n")
    try:
        body = ast.literal_eval(raw.strip()) if raw else b""
    except (ValueError, SyntaxError):
        body = raw
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0][:300] if lines else exc.msg


_STATUS = {EndPointNotFound: 404, URITooLong: 414, EndPointInternalError: 500}


class RemoteStore:
    """A :class:`~kg.store.GraphStore` over a SPARQL 1.1 endpoint."""

    def __init__(self, endpoint: Endpoint) -> None:
        self._endpoint = endpoint

    @property
    def kind(self) -> StoreKind:
        return StoreKind.REMOTE

    @property
    def description(self) -> str:
        graph = f", graph <{self._endpoint.default_graph}>" if self._endpoint.default_graph else ""
        return f"SPARQL endpoint {self._endpoint.url}{graph}"

    @property
    def endpoint(self) -> Endpoint:
        return self._endpoint

    def __len__(self) -> int:
        row = self.query(_COUNT).rows[0]
        return int(str(row[0]))

    def _wrapper(self, text: str, form: str) -> SPARQLWrapper:
        ep = self._endpoint
        sparql = SPARQLWrapper(ep.url)
        sparql.setOnlyConneg(True)
        sparql.setMethod(POST)
        sparql.setTimeout(int(ep.timeout))
        sparql.setQuery(text)
        sparql.queryType = form  # ours knows comments and BASE; SPARQLWrapper's guess may not
        sparql.setReturnFormat(TURTLE if form in ("CONSTRUCT", "DESCRIBE") else JSON)
        if ep.default_graph:
            sparql.addDefaultGraph(ep.default_graph)
        if ep.credentials is not None:
            sparql.setCredentials(ep.credentials.user, ep.credentials.password)
        return sparql

    def _fetch(self, sparql: SPARQLWrapper) -> bytes:
        url = self._endpoint.url
        try:
            body: bytes = sparql.query().response.read()
            return body
        except QueryBadFormed as exc:
            raise QuerySyntaxError(_server_message(exc)) from None
        except Unauthorized:
            raise KgError(
                f"{url} refused the login (HTTP 401): give --user NAME and set "
                "KG_ENDPOINT_PASSWORD, or check them"
            ) from None
        except SPARQLWrapperException as exc:
            status = _STATUS.get(type(exc))
            prefix = f"{url} answered HTTP {status}" if status else url
            raise KgError(f"{prefix}: {_server_message(exc)}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise http_error(url, exc) from None

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Send *text*, with *bindings* in a ``VALUES`` clause, and read the answer."""
        from kg.sparqlresults import from_json

        form = query_form(text)
        if form is None:
            raise QuerySyntaxError("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")
        body = self._fetch(self._wrapper(with_values(text, bindings or {}), form))
        url = self._endpoint.url
        if form in ("CONSTRUCT", "DESCRIBE"):
            try:
                quads = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
            except (SyntaxError, ValueError) as exc:
                raise KgError(f"{url} did not answer with Turtle: {exc}") from None
            return QueryResult(
                triples=tuple(
                    (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
                    for q in quads
                )
            )
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise KgError(f"{url} did not answer with SPARQL JSON results") from None
        return from_json(data)
