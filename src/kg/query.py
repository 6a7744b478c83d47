"""Stage 6 — query: shipped and ad-hoc SPARQL against a store, with parameters bound safely.

Shipped queries live in ``queries/*.rq``; their first comment lines describe them. Parameters are
bound through Oxigraph substitutions, never pasted into the query text.

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
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Identifier

from kg.errors import KgError
from kg.project import Project
from kg.terms import to_rdflib

__all__ = [
    "QueryResult",
    "SparqlQuery",
    "bind_values",
    "parse_param",
    "resolve_query",
    "run_query",
    "shipped_queries",
]

_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')
_SPARQL_START = re.compile(
    r"^\s*(#.*\n\s*)*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class SparqlQuery:
    """A query text, with its name and description when it is a shipped query."""

    text: str
    name: str = "inline"
    description: str = ""


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


def _syntax_error(query: SparqlQuery, exc: Exception) -> KgError:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return KgError(f"SPARQL syntax error in {query.name}: {message}")


def bind_values(query: SparqlQuery, params: Mapping[str, Identifier]) -> SparqlQuery:
    r"""Bind *params* through a trailing ``VALUES`` clause made of escaped RDF terms.

    The values never enter the text as raw user input: each is an rdflib term serialized in N3
    (IRIs checked, literals escaped), so a value cannot change the query's structure.

    >>> from rdflib import Literal
    >>> query = SparqlQuery("SELECT ?x WHERE { ?x ?p ?n }")
    >>> print(bind_values(query, {"n": Literal('a" } DROP ALL')}).text)
    SELECT ?x WHERE { ?x ?p ?n }
    VALUES (?n) { ("a\" } DROP ALL") }
    """
    if not params:
        return query
    for name, value in params.items():
        if not re.search(rf"[?$]{re.escape(name)}\b", query.text):
            raise KgError(f"query {query.name} has no variable ?{name} to bind")
        if isinstance(value, URIRef) and _BAD_IRI.search(value):
            raise KgError(f"parameter {name}: not a valid IRI: {value!r}")
    names = " ".join(f"?{n}" for n in params)
    values = " ".join(v.n3() for v in params.values())
    return SparqlQuery(
        f"{query.text.rstrip()}\nVALUES ({names}) {{ ({values}) }}", query.name, query.description
    )


def run_query(
    store: ox.Store, query: SparqlQuery, params: Mapping[str, Identifier] | None = None
) -> QueryResult:
    """Run *query* on *store*, with *params* bound to the variables of the same name."""
    query = bind_values(query, params or {})
    try:
        result = store.query(query.text)
    except SyntaxError as exc:
        raise _syntax_error(query, exc) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise KgError(f"query {query.name} failed: {str(exc).splitlines()[0]}") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows = tuple(
            tuple(None if s[v] is None else to_rdflib(s[v]) for v in variables) for s in result
        )
        return QueryResult(variables=variables, rows=rows)
    triples = tuple(
        (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result
    )
    return QueryResult(triples=triples)
