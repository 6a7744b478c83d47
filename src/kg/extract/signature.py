"""What the ontology allows: class hierarchy and property domains and ranges.

The rules only emit facts the ontology and the shapes accept (a place is never a perpetrator, only
a person holds a position), so an automatic statement can never make the graph inconsistent.

>>> sig = Signature.load(Path("ontology/kg.ttl"))
>>> sig.is_a(("Camp",), "Location"), sig.is_a(("Camp",), "Actor")
(True, False)
>>> sig.fits("perpetrator", ("Attack",), ("ArmedForce",))
True
>>> sig.fits("perpetrator", ("Attack",), ("Country",))
False
>>> sig.fits("target", ("Attack",), ("Camp",))
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection

from kg.errors import KgError
from kg.namespaces import KG, OWL, RDF, RDFS

__all__ = ["Signature"]


def _local(term: object) -> str | None:
    text = str(term)
    return text[len(KG._NS) :] if isinstance(term, URIRef) and text.startswith(KG._NS) else None


def _classes(graph: Graph, node: object) -> tuple[str, ...]:
    if isinstance(node, BNode):
        members = graph.value(node, OWL.unionOf)
        if members is not None:
            return tuple(c for m in Collection(graph, members) if (c := _local(m)))
    local = _local(node)
    return (local,) if local else ()


@dataclass(frozen=True)
class Signature:
    """Superclasses of every class; domain and range classes (a union) of every property."""

    ancestors: dict[str, frozenset[str]]
    domains: dict[str, tuple[str, ...]]
    ranges: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls, path: Path) -> Signature:
        graph = Graph()
        try:
            graph.parse(path, format="turtle")
        except (OSError, SyntaxError, ValueError) as exc:
            raise KgError(f"{path}: cannot read ontology: {str(exc).splitlines()[0]}") from None
        parents: dict[str, set[str]] = {}
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            a, b = _local(sub), _local(sup)
            if a and b:
                parents.setdefault(a, set()).add(b)
        for c in graph.subjects(RDF.type, OWL.Class):
            if name := _local(c):
                parents.setdefault(name, set())
        ancestors: dict[str, frozenset[str]] = {}
        for name in parents:
            seen, todo = {name}, [name]
            while todo:
                for parent in parents.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            ancestors[name] = frozenset(seen)
        domains: dict[str, tuple[str, ...]] = {}
        ranges: dict[str, tuple[str, ...]] = {}
        for prop, dom in graph.subject_objects(RDFS.domain):
            if (name := _local(prop)) and (classes := _classes(graph, dom)):
                domains[name] = classes
        for prop, rng in graph.subject_objects(RDFS.range):
            if (name := _local(prop)) and (classes := _classes(graph, rng)):
                ranges[name] = classes
        return cls(ancestors, domains, ranges)

    def is_a(self, types: Iterable[str], cls: str) -> bool:
        """Whether an entity of *types* is an instance of *cls*."""
        return any(cls in self.ancestors.get(t, frozenset({t})) for t in types)

    def fits(
        self, predicate: str, subject_types: Iterable[str], object_types: Iterable[str] | None
    ) -> bool:
        """Whether the fact ``s predicate o`` respects the property's domain and range.

        *object_types* is ``None`` for a literal value.
        """
        subject_types = tuple(subject_types)
        domain = self.domains.get(predicate)
        if domain and not any(self.is_a(subject_types, c) for c in domain):
            return False
        if object_types is None:
            return True
        object_types = tuple(object_types)
        rng = self.ranges.get(predicate)
        return not rng or any(self.is_a(object_types, c) for c in rng)
