"""Stage 6 — query: shipped and ad-hoc SPARQL against a store, with parameters bound safely.

Shipped queries live in ``queries/*.rq``; their first comment lines describe them. Parameters are
bound as escaped RDF terms in a ``VALUES`` clause (:mod:`kg.bindings`), never pasted into the query
text as they were typed; every store receives the same bound text.

>>> from kg.project import find_project
>>> from kg.store import open_store
>>> project = find_project()
>>> q = resolve_query(project, "ASK { ?s a <http://www.w3.org/ns/oa#TextQuoteSelector> }")
>>> run_query(open_store(project), q).boolean
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Identifier

from kg.bindings import check_bindings, with_values
from kg.errors import KgError
from kg.project import Project
from kg.store import GraphStore, QueryResult, QuerySyntaxError

__all__ = [
    "QueryResult",
    "SparqlQuery",
    "bind_values",
    "parse_param",
    "resolve_query",
    "run_query",
    "shipped_queries",
]

_SPARQL_START = re.compile(
    r"^\s*(#.*\n\s*)*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class SparqlQuery:
    """A query text, with its name and description when it is a shipped query."""

    text: str
    name: str = "inline"
    description: str = ""


def _description(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(x for x in lines if x)


def shipped_queries(project: Project) -> dict[str, SparqlQuery]:
    """The queries of ``queries/``, by name (file stem)."""
    if not project.queries_dir.is_dir():
        return {}
    out = {}
    for path in sorted(project.queries_dir.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = SparqlQuery(text, path.stem, _description(text))
    return out


def resolve_query(project: Project, arg: str) -> SparqlQuery:
    """A query from a ``.rq`` file path, a shipped query's name, or inline SPARQL text."""
    if _SPARQL_START.match(arg):
        return SparqlQuery(arg)
    shipped = shipped_queries(project)
    if arg in shipped:
        return shipped[arg]
    path = Path(arg)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise KgError(f"query file not found: {arg}")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KgError(f"{arg}: cannot read: {exc}") from None
        return SparqlQuery(text, path.stem, _description(text))
    names = ", ".join(shipped) or "none"
    raise KgError(f"{arg!r} is neither a query file, a shipped query ({names}) nor SPARQL text")


def parse_param(text: str) -> tuple[str, Identifier]:
    """Parse ``name=value``: ``<iri>`` or ``http(s)://…`` is an IRI, a whole number an integer,
    anything else a string.

    >>> parse_param("attack=<https://kg.example.org/id/event/x>")
    ('attack', rdflib.term.URIRef('https://kg.example.org/id/event/x'))
    >>> parse_param("n=13")[1].n3()
    '"13"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise KgError(f"bad parameter {text!r}: expected name=value")
    if value.startswith("<") and value.endswith(">"):
        return name, URIRef(value[1:-1])
    if re.match(r"^https?://\S+$", value):
        return name, URIRef(value)
    if re.fullmatch(r"-?\d+", value):
        return name, Literal(value, datatype=XSD.integer)
    return name, Literal(value)


def bind_values(query: SparqlQuery, params: Mapping[str, Identifier]) -> SparqlQuery:
    r"""Bind *params* through a ``VALUES`` clause of escaped RDF terms opening the ``WHERE`` group.

    The values never enter the text as raw user input: each is an rdflib term serialized in N3
    (IRIs checked, literals escaped), so a value cannot change the query's structure. This is the
    text every store receives (see :func:`kg.bindings.with_values`).

    >>> from rdflib import Literal
    >>> query = SparqlQuery("SELECT ?x WHERE { ?x ?p ?n }")
    >>> print(bind_values(query, {"n": Literal('a" } DROP ALL')}).text)
    SELECT ?x WHERE { VALUES (?n) { ("a\" } DROP ALL") } ?x ?p ?n }
    """
    if not params:
        return query
    return SparqlQuery(with_values(query.text, params, query.name), query.name, query.description)


def run_query(
    store: GraphStore | ox.Store,
    query: SparqlQuery,
    params: Mapping[str, Identifier] | None = None,
) -> QueryResult:
    """Run *query* on *store* (any :class:`~kg.store.GraphStore`, or a :class:`pyoxigraph.Store`),
    with *params* bound to the variables of the same name."""
    if isinstance(store, ox.Store):
        from kg.backends.embedded import OxigraphStore

        store = OxigraphStore(store)
    params = params or {}
    check_bindings(query.text, params, query.name)
    try:
        return store.query(query.text, params)
    except QuerySyntaxError as exc:
        raise KgError(f"SPARQL syntax error in {query.name}: {exc}") from None
