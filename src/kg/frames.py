"""Query results as pandas DataFrames, for notebooks: ``kg.query("disputed")``.

Takes a query (a shipped query's name, a ``.rq`` file or SPARQL text), parameters as plain Python
values and a store; returns a :class:`pandas.DataFrame` with one column per variable. Values are
Python values: IRIs as strings, numbers as numbers, ``xsd:date`` as :class:`datetime.date`,
unbound as ``None``. An ASK query gives one ``boolean`` column, CONSTRUCT and DESCRIBE the columns
``subject``, ``predicate`` and ``object``.

>>> import kg
>>> df = kg.query("cq03-july-2009-deaths-per-source", store="memory")
>>> sorted(set(df["fatalities"]))
[11, 13]
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal
from rdflib.term import Identifier

from kg.project import Project, find_project
from kg.query import parse_param, resolve_query, run_query
from kg.store import GraphStore, QueryResult, StoreKind, connect

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["python_value", "query", "to_frame"]


def python_value(term: Identifier | None) -> object:
    """The Python value of an RDF term: a literal's value, an IRI's or blank node's string.

    >>> from rdflib import URIRef
    >>> python_value(Literal(13)), python_value(URIRef("urn:x:a")), python_value(None)
    (13, 'urn:x:a', None)
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def to_frame(result: QueryResult) -> pd.DataFrame:
    """*result* as a DataFrame (see the module docstring for the columns)."""
    import pandas as pd

    if result.kind == "ask":
        return pd.DataFrame({"boolean": [result.boolean]})
    if result.kind == "graph":
        rows = [tuple(python_value(t) for t in triple) for triple in result.triples]
        return pd.DataFrame(rows, columns=["subject", "predicate", "object"], dtype=object)
    rows = [tuple(python_value(t) for t in row) for row in result.rows]
    return pd.DataFrame(rows, columns=list(result.variables), dtype=object).infer_objects()


def _term(name: str, value: object) -> Identifier:
    if isinstance(value, Identifier):
        return value
    if isinstance(value, bool | float):
        return Literal(value)
    return parse_param(f"{name}={value}")[1]


def query(
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    store: str | StoreKind | GraphStore | None = None,
    project: Project | None = None,
    endpoint: str | None = None,
    graph: Path | None = None,
    location: Path | None = None,
) -> pd.DataFrame:
    """Run a query and return its result as a DataFrame.

    Parameters
    ----------
    text
        A shipped query's name (``"disputed"``), a ``.rq`` file, or SPARQL text.
    params
        Values for the query's variables: rdflib terms, or Python values read as on the command
        line (``"https://…"`` is an IRI, ``13`` an integer, other text a string).
    store
        ``"oxigraph"`` (default), ``"memory"`` or ``"remote"``, or an open store (from
        :func:`kg.store.connect`) to reuse between queries.
    project, endpoint, graph, location
        Passed to :func:`kg.store.connect` when *store* is a name.

    Examples
    --------
    >>> import kg
    >>> attack = "https://kg.example.org/id/event/attack-ashraf-2009-07"
    >>> df = kg.query("facts-with-evidence", {"entity": attack}, store="memory")
    >>> {"fatalities", "date"} <= set(df["property"])
    True
    """
    project = project or find_project()
    if store is None or isinstance(store, str | StoreKind):
        store = connect(project, store, endpoint=endpoint, graph=graph, location=location)
    bound = {name: _term(name, value) for name, value in (params or {}).items()}
    return to_frame(run_query(store, resolve_query(project, text), bound))
