"""The ``memory`` store: rdflib's in-memory graph and SPARQL engine, the reference implementation.

rdflib evaluates a basic graph pattern one triple pattern at a time, ordered by the number of
bound terms alone, so two unconnected patterns (``?q a oa:TextQuoteSelector`` and
``?p a oa:TextPositionSelector``) can be joined as a cross product: minutes for
``facts-with-evidence`` on the corpus graph. Before evaluating, :func:`plan` orders each pattern
greedily — connected to what is already bound first, then the fewest unbound terms — and chains
the patterns as lazy joins so rdflib keeps that order. It changes nothing but the time. (It also
works around rdflib failing on ``GROUP_CONCAT(DISTINCT ?v)`` when ``?v`` is unbound.) Bound
parameters arrive in a ``VALUES`` clause opening the group (:mod:`kg.bindings`), so the planner
counts them as bound.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("urn:x:a"), URIRef("urn:x:n"), Literal(13)))
>>> RdflibStore(g).query("SELECT ?s WHERE { ?s ?p ?n }", {"n": Literal(13)}).rows
((rdflib.term.URIRef('urn:x:a'),),)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from rdflib import BNode, Graph, Variable
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue, Expr
from rdflib.plugins.sparql.sparql import NotBoundError
from rdflib.query import ResultRow
from rdflib.term import Identifier

from kg.bindings import with_values
from kg.errors import KgError
from kg.store import QueryResult, QuerySyntaxError, StoreKind

__all__ = ["RdflibStore", "order_triples", "plan"]

_FORMATS = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".rdf": "xml", ".owl": "xml"}

Pattern = tuple[Identifier, Identifier, Identifier]


def _first_line(message: object) -> str:
    lines = str(message).strip().splitlines()
    return lines[0] if lines else type(message).__name__


def _is_var(term: object) -> bool:
    return isinstance(term, Variable | BNode)


def order_triples(triples: Sequence[Pattern], known: Iterable[object] = ()) -> list[Pattern]:
    """*triples* in a join order: connected to the bound variables first, then fewest unbound.

    >>> from rdflib import URIRef
    >>> s, q, p = Variable("st"), Variable("q"), Variable("p")
    >>> quote = (q, RDF.type, URIRef("urn:x:Quote"))
    >>> link = (s, URIRef("urn:x:selector"), q)
    >>> order_triples([quote, link], known=[s]) == [link, quote]
    True
    """
    bound = set(known)
    remaining = list(enumerate(triples))
    ordered: list[Pattern] = []

    def cost(item: tuple[int, Pattern]) -> tuple[bool, int, bool, int]:
        index, triple = item
        unbound = sum(1 for t in triple if _is_var(t) and t not in bound)
        connected = any(_is_var(t) and t in bound for t in triple)
        return (bool(bound) and not connected, unbound, triple[1] == RDF.type, index)

    while remaining:
        best = min(remaining, key=cost)
        remaining.remove(best)
        ordered.append(best[1])
        bound.update(t for t in best[1] if _is_var(t))
    return ordered


def _bgp(triples: list[Pattern]) -> CompValue:
    return CompValue("BGP", triples=triples, _vars={t for x in triples for t in x if _is_var(t)})


def _chain(node: CompValue, triples: list[Pattern]) -> None:
    """Turn the BGP *node* into lazy joins of one pattern each, in the order of *triples*: rdflib
    sorts the patterns of one BGP again when it evaluates it, by bound terms alone."""
    if len(triples) < 2:
        node["triples"] = triples
        return
    left = _bgp(triples[:1])
    for i in range(1, len(triples) - 1):
        left = CompValue("Join", p1=left, p2=_bgp(triples[i : i + 1]), lazy=True)
    node.name = "Join"
    node.clear()
    node.update(p1=left, p2=_bgp(triples[-1:]), lazy=True)


def _unbound_skipped(var: Variable) -> Expr:
    """*var* as an expression whose unbound value GROUP_CONCAT(DISTINCT …) skips: rdflib's
    DISTINCT test reads the variable directly and fails on an unbound one (an OPTIONAL that did
    not match), which an expression turns into the error value GROUP_CONCAT ignores."""

    def value(expr: Expr, ctx: Any) -> Any:
        try:
            return ctx[var]
        except KeyError:
            raise NotBoundError(f"variable {var} is not bound") from None

    return Expr("KgVariable", value, _vars={var})


def plan(node: object, known: frozenset[object] = frozenset()) -> frozenset[object]:
    """Reorder every basic graph pattern under the algebra *node* in place; return the variables
    bound after it. Variables bound on the left of a join, an OPTIONAL or a FILTER are bound when
    rdflib evaluates the right side, so they count as known there. ``GROUP_CONCAT(DISTINCT ?v)``
    gets ``?v`` as an expression, so that an unbound ``?v`` is skipped rather than an error."""
    if isinstance(node, list | tuple):
        out = known
        for child in node:
            out |= plan(child, known)
        return out
    if not isinstance(node, CompValue):
        return known
    if node.name == "Aggregate_GroupConcat" and dict.get(node, "distinct"):
        var = dict.get(node, "vars")
        if isinstance(var, Variable):
            node["vars"] = _unbound_skipped(var)
        return known
    if node.name == "BGP":
        triples = order_triples(dict.__getitem__(node, "triples"), known)
        _chain(node, triples)
        return known | {t for triple in triples for t in triple if _is_var(t)}
    if node.name in ("Join", "LeftJoin") and "p1" in node:
        left = plan(dict.__getitem__(node, "p1"), known)
        lazy = node.name == "LeftJoin" or dict.get(node, "lazy", False)
        right = plan(dict.__getitem__(node, "p2"), left if lazy else known)
        if "expr" in node:
            plan(dict.__getitem__(node, "expr"), right)
        return right if node.name == "Join" else left
    if node.name == "Filter" and "p" in node:
        inner = plan(dict.__getitem__(node, "p"), known)
        plan(dict.__getitem__(node, "expr"), inner)
        return inner
    out = known
    for value in dict.values(node):
        out |= plan(value, known)
    if node.name == "values":
        out |= {var for row in dict.get(node, "res", ()) for var in row}
    elif node.name == "Extend":
        out |= {dict.__getitem__(node, "var")}
    return out


class RdflibStore:
    """A :class:`~kg.store.GraphStore` over an :class:`rdflib.Graph`."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph

    @classmethod
    def from_files(cls, *paths: Path) -> RdflibStore:
        """A graph holding the RDF files *paths*, parsed by rdflib."""
        graph = Graph()
        for path in paths:
            try:
                graph.parse(path, format=_FORMATS.get(path.suffix.lower(), "turtle"))
            except OSError as exc:
                raise KgError(f"{path}: cannot read: {exc.strerror}") from None
            except Exception as exc:  # rdflib's parsers raise many exception types
                raise KgError(f"{path}: cannot load: {_first_line(exc)}") from None
        return cls(graph)

    @property
    def kind(self) -> StoreKind:
        return StoreKind.MEMORY

    @property
    def description(self) -> str:
        return "rdflib, in memory"

    @property
    def graph(self) -> Graph:
        """The underlying :class:`rdflib.Graph`."""
        return self._graph

    def __len__(self) -> int:
        return len(self._graph)

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run *text* with *bindings* in a ``VALUES`` clause (:func:`kg.bindings.with_values`)."""
        try:
            prepared = prepareQuery(with_values(text, bindings or {}))
        except Exception as exc:  # pyparsing's ParseException, or a translation error
            line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
            where = f"error at {line}:{col}: " if line is not None else ""
            raise QuerySyntaxError(where + _first_line(getattr(exc, "msg", None) or exc)) from None
        plan(prepared.algebra)
        try:
            result = self._graph.query(prepared)
        except Exception as exc:  # rdflib's evaluator raises anything from its operators
            raise KgError(f"query failed: {_first_line(exc)}") from None
        if result.type == "ASK":
            return QueryResult(boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            graph = result.graph if result.graph is not None else Graph()
            return QueryResult(triples=cast("tuple[Pattern, ...]", tuple(graph)))
        variables = tuple(str(v) for v in result.vars or ())
        rows = tuple(tuple(cast("ResultRow", r)) for r in result)
        return QueryResult(variables=variables, rows=cast("tuple[tuple[Identifier], ...]", rows))
