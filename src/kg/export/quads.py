"""TriG and N-Quads: the named-graph layout (:mod:`kg.export.layout`) written out.

Both are deterministic: graphs in IRI order, triples sorted within each graph.

>>> from rdflib import Literal
>>> g, s, p = URIRef("https://e.org/g"), URIRef("https://e.org/s"), URIRef("https://e.org/p")
>>> print(nquads({g: {(s, p, Literal("x"))}}).decode(), end="")
<https://e.org/s> <https://e.org/p> "x" <https://e.org/g> .
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.export._turtle import body, flat, namespace_manager, prefix_block, term

__all__ = ["nquads", "trig"]

Triple = tuple[Node, Node, Node]


def trig(
    graphs: Mapping[URIRef, Set[Triple]],
    header: str = "",
    *,
    prefixes: Mapping[str, str] | None = None,
    pretty: bool = True,
) -> bytes:
    """TriG text of *graphs* (graph IRI → triples), preceded by the comment *header*; one line
    per triple unless *pretty* (Turtle's grouping by subject, slower for many small graphs)."""
    nsm = namespace_manager(prefixes)
    blocks = []
    for name in sorted(graphs):
        text = (body if pretty else flat)(graphs[name], nsm) if graphs[name] else ""
        blocks.append(f"{term(name, nsm)} {{\n{text}}}\n")
    return (header + prefix_block(nsm) + "\n" + "\n".join(blocks)).encode("utf-8")


def nquads(graphs: Mapping[URIRef, Set[Triple]]) -> bytes:
    """N-Quads text of *graphs*, one sorted block of lines per graph."""
    lines: list[str] = []
    for name in sorted(graphs):
        graph = Graph()
        for triple in graphs[name]:
            graph.add(triple)
        nt = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        suffix = f" <{name}> .\n"
        lines.extend(sorted(line[: -len(" .")] + suffix for line in nt.splitlines() if line))
    return "".join(lines).encode("utf-8")
