"""What the pages show, read from the store: an entity's facts with their passages, a source
document's passages, search hits. Takes query rows (:class:`Row`); returns plain dataclasses
that the templates render.

The page queries live in ``kg/serve/queries/*.rq`` and get their values bound in a ``VALUES``
clause (:func:`kg.bindings.with_values`), never pasted into the text.

>>> group_facts([Row({"property": Term("uri", "urn:p"), "value": Term("literal", "13"),
...     "statement": Term("uri", "urn:st")})], single_valued=frozenset({"urn:p"}))[0].disputed
False
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from rdflib import Literal, URIRef

from kg.bindings import with_values

__all__ = [
    "Fact",
    "Hit",
    "Passage",
    "PropertyGroup",
    "Row",
    "Term",
    "bound_query",
    "group_facts",
    "parse_rows",
    "search_hits",
]


@dataclass(frozen=True)
class Term:
    """An RDF term as SPARQL JSON gives it: ``uri``, ``literal`` or ``bnode``, and its value."""

    kind: str
    value: str
    datatype: str = ""

    @property
    def is_iri(self) -> bool:
        return self.kind == "uri"


@dataclass(frozen=True)
class Row:
    """One query solution, by variable name."""

    values: dict[str, Term]

    def get(self, name: str) -> Term | None:
        return self.values.get(name)

    def text(self, name: str, default: str = "") -> str:
        term = self.values.get(name)
        return term.value if term is not None else default


def parse_rows(body: bytes) -> list[Row]:
    """The rows of a SPARQL JSON results document."""
    data: dict[str, Any] = json.loads(body)
    rows = []
    for binding in data.get("results", {}).get("bindings", []):
        rows.append(
            Row(
                {
                    name: Term(b.get("type", ""), b.get("value", ""), b.get("datatype", ""))
                    for name, b in binding.items()
                }
            )
        )
    return rows


@cache
def _query_text(name: str) -> str:
    return resources.files("kg.serve").joinpath("queries", f"{name}.rq").read_text("utf-8")


def bound_query(name: str, **values: str | URIRef | Literal) -> str:
    """The page query *name* with *values* bound (``str`` values are literals)."""
    terms = {k: v if isinstance(v, URIRef | Literal) else Literal(v) for k, v in values.items()}
    return with_values(_query_text(name), terms, name)


@dataclass(frozen=True)
class Passage:
    """One evidence passage: where it is and what it says."""

    evidence: str
    document: str
    identifier: str
    quote: str
    start: int
    end: int


@dataclass
class Fact:
    """One value of a property, with the statement that records it and its passages."""

    value: Term
    label: str
    statement: str
    inferred: bool = False
    passages: list[Passage] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({p.identifier for p in self.passages})


@dataclass
class PropertyGroup:
    """A property and its values; *disputed* when it is single-valued and has several."""

    property: str
    label: str
    facts: list[Fact] = field(default_factory=list)
    disputed: bool = False


def group_facts(rows: list[Row], *, single_valued: frozenset[str]) -> list[PropertyGroup]:
    """The rows of ``facts.rq`` grouped by property, then by value, passages in order."""
    groups: dict[str, PropertyGroup] = {}
    facts: dict[tuple[str, str], Fact] = {}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        prop, value = row.text("property"), row.get("value")
        if value is None:
            continue
        group = groups.get(prop)
        if group is None:
            group = groups[prop] = PropertyGroup(prop, row.text("plabel") or _local(prop))
        key = (prop, row.text("statement"))
        fact = facts.get(key)
        if fact is None:
            label = row.text("vlabel") or value.value
            fact = facts[key] = Fact(value, label, row.text("statement"))
            group.facts.append(fact)
        fact.inferred = fact.inferred or row.text("inferred") == "true"
        evidence = row.text("evidence")
        if evidence and (key[1], evidence) not in seen:
            seen.add((key[1], evidence))
            fact.passages.append(
                Passage(
                    evidence,
                    row.text("doc"),
                    row.text("docid") or _local(row.text("doc")),
                    row.text("quote"),
                    int(row.text("start", "0")),
                    int(row.text("end", "0")),
                )
            )
    for group in groups.values():
        values = {f.value for f in group.facts}
        group.disputed = group.property in single_valued and len(values) > 1
    for group in groups.values():
        group.label = _LABELS.get(group.property, group.label)
    return sorted(groups.values(), key=_group_order)


#: Properties the ontology does not label.
_LABELS = {
    "http://www.w3.org/2004/02/skos/core#altLabel": "names in the texts",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
}


def _group_order(group: PropertyGroup) -> tuple[int, str]:
    """Disputed values first, the names an entity goes by last."""
    rank = 0 if group.disputed else 2 if group.property in _LABELS else 1
    return rank, group.label.lower()


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1] or iri
    return iri


@dataclass
class Hit:
    """A search result: an entity, its label, its classes and the names that matched."""

    entity: str
    label: str
    classes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def search_hits(rows: list[Row]) -> list[Hit]:
    """The rows of ``search.rq``, one :class:`Hit` per entity, in the query's order."""
    hits: dict[str, Hit] = {}
    for row in rows:
        entity = row.text("entity")
        hit = hits.setdefault(entity, Hit(entity, row.text("label")))
        cls = _local(row.text("class"))
        if cls and cls not in hit.classes:
            hit.classes.append(cls)
        name = row.text("matched")
        if name and name != hit.label and name not in hit.names:
            hit.names.append(name)
    return list(hits.values())
