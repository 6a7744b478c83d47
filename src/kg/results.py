"""Formatting of query results for people (aligned table) and programs (CSV, TSV, JSON, SPARQL
results JSON and XML; Turtle, N-Triples or JSON-LD for CONSTRUCT and DESCRIBE).

>>> from rdflib import Literal, URIRef
>>> from kg.query import QueryResult
>>> r = QueryResult(("who", "n"), ((URIRef("https://kg.example.org/id/person/x"), Literal(13)),))
>>> print(format_result(r, "table"))
who          n
-----------  --
id:person/x  13
<BLANKLINE>
1 row
"""

from __future__ import annotations

import csv
import enum
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import KgError
from kg.iris import DEFAULT_BASE
from kg.namespaces import PREFIXES
from kg.query import QueryResult

__all__ = ["OutputFormat", "compact", "format_result"]


class OutputFormat(enum.Enum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    SPARQL_JSON = "sparql-json"
    SPARQL_XML = "sparql-xml"
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    JSON_LD = "json-ld"

    @property
    def for_graphs(self) -> bool:
        """Whether this is an RDF syntax, for CONSTRUCT and DESCRIBE results."""
        return self in (OutputFormat.TURTLE, OutputFormat.NTRIPLES, OutputFormat.JSON_LD)

    @classmethod
    def parse(cls, name: str) -> OutputFormat:
        try:
            return cls(name)
        except ValueError:
            choices = ", ".join(f.value for f in cls)
            raise KgError(f"unknown output format {name!r}; choose one of {choices}") from None


_DISPLAY_PREFIXES = {
    "id": f"{DEFAULT_BASE}id/",
    "source": f"{DEFAULT_BASE}source/",
    **PREFIXES,
}


def compact(term: Identifier | None) -> str:
    """A short human-readable form: prefixed IRIs, literal values without datatype.

    >>> compact(URIRef("https://kg.example.org/ontology#Attack"))
    'kg:Attack'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in _DISPLAY_PREFIXES.items():
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _plain(term: Identifier | None) -> str:
    return "" if term is None else str(term)


def _json_value(term: Identifier | None) -> object:
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float | str):
            return value
        return str(term)
    return None if term is None else str(term)


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if width <= 0 or len(text) <= width else text[: width - 1] + "…"


def _table(result: QueryResult, width: int) -> str:
    header = list(result.variables)
    body = [[_cell(compact(t), width) for t in row] for row in result.rows]
    widths = [max([len(h), 2, *(len(r[i]) for r in body)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    n = len(body)
    return "\n".join(lines) + f"\n\n{n} row{'s' if n != 1 else ''}"


def _delimited(result: QueryResult, delimiter: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.variables)
    writer.writerows([_plain(t) for t in row] for row in result.rows)
    return buf.getvalue().rstrip("\n")


def _graph_text(result: QueryResult, fmt: OutputFormat) -> str:
    if fmt in (OutputFormat.NTRIPLES, OutputFormat.JSON_LD):
        import pyoxigraph as ox

        from kg.terms import to_oxigraph

        syntax = ox.RdfFormat.N_TRIPLES if fmt is OutputFormat.NTRIPLES else ox.RdfFormat.JSON_LD
        triples = [
            ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
            for s, p, o in result.triples
        ]
        text = (ox.serialize(triples, format=syntax) or b"").decode("utf-8").rstrip("\n")
        if fmt is OutputFormat.JSON_LD:
            return json.dumps(json.loads(text), ensure_ascii=False, indent=2)
        return text
    from rdflib import Graph

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in result.triples:
        graph.add(triple)
    return graph.serialize(format="turtle").rstrip("\n")


def format_result(
    result: QueryResult, fmt: str | OutputFormat = "table", *, width: int = 70
) -> str:
    """Render *result* in *fmt*; *width* truncates table cells (0: never).

    A CONSTRUCT or DESCRIBE result is Turtle in a table; SELECT and ASK results have no RDF
    syntax (turtle, ntriples, json-ld), nor graph results a tabular one.
    """
    fmt = fmt if isinstance(fmt, OutputFormat) else OutputFormat.parse(fmt)
    if result.kind == "graph":
        if fmt is not OutputFormat.TABLE and not fmt.for_graphs:
            raise KgError(
                f"CONSTRUCT/DESCRIBE results come as turtle, ntriples or json-ld, not {fmt.value}"
            )
        return _graph_text(result, fmt)
    if fmt.for_graphs:
        raise KgError(f"{fmt.value} is for CONSTRUCT/DESCRIBE results; this is a {result.kind}")
    if fmt in (OutputFormat.SPARQL_JSON, OutputFormat.SPARQL_XML):
        from kg.sparqlresults import to_json, to_xml

        return to_json(result) if fmt is OutputFormat.SPARQL_JSON else to_xml(result)
    if result.kind == "ask":
        return (
            json.dumps({"boolean": result.boolean})
            if fmt is OutputFormat.JSON
            else str(result.boolean).lower()
        )
    if fmt is OutputFormat.TABLE:
        return _table(result, width)
    if fmt is OutputFormat.JSON:
        return json.dumps(
            [{k: _json_value(v) for k, v in r.items()} for r in result.records()],
            ensure_ascii=False,
            indent=2,
        )
    return _delimited(result, "," if fmt is OutputFormat.CSV else "\t")
