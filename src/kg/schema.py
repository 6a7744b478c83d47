"""What the ontology says about its properties, for typing curated values.

Reads ``ontology/kg.ttl`` and answers: is this term a property of the ontology, does it take an
entity or a literal, which literal datatypes does it accept, is it single-valued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import KG, OWL, RDF, RDFS, SKOS, XSD

__all__ = ["Schema", "load_schema", "typed_literal"]

_DATE_PROPERTIES = {KG.date, KG.startDate, KG.endDate}
_DATE_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)


@dataclass(frozen=True)
class Schema:
    """Property and class names of the ontology."""

    classes: frozenset[URIRef]
    object_properties: frozenset[URIRef]
    datatype_ranges: dict[URIRef, URIRef]
    single_valued: frozenset[URIRef]

    def is_class(self, term: URIRef) -> bool:
        return term in self.classes

    def is_object_property(self, term: URIRef) -> bool:
        return term in self.object_properties or term == RDF.type

    def is_datatype_property(self, term: URIRef) -> bool:
        return term in self.datatype_ranges or term == SKOS.altLabel


def load_schema(path: Path) -> Schema:
    """Read the ontology at *path*."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"{path}: cannot read ontology: {str(exc).splitlines()[0]}") from None
    classes = frozenset(s for s in graph.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef))
    objects = frozenset(
        s for s in graph.subjects(RDF.type, OWL.ObjectProperty) if isinstance(s, URIRef)
    )
    ranges: dict[URIRef, URIRef] = {}
    for prop in graph.subjects(RDF.type, OWL.DatatypeProperty):
        rng = graph.value(prop, RDFS.range)
        if isinstance(prop, URIRef):
            ranges[prop] = rng if isinstance(rng, URIRef) else RDFS.Literal
    single = frozenset(
        s for s in graph.subjects(KG.singleValued, Literal(True)) if isinstance(s, URIRef)
    )
    return Schema(classes, objects, ranges, single)


def typed_literal(schema: Schema, predicate: URIRef, value: str | int | float | bool) -> Node:
    """Type a curated *value* for datatype property *predicate*.

    Dates take the datatype of their precision; counts are integers, or text for vague figures.

    >>> ranges = {KG.date: RDFS.Literal, KG.fatalities: RDFS.Literal}
    >>> s = Schema(frozenset(), frozenset(), ranges, frozenset())
    >>> typed_literal(s, KG.date, "2009-07").n3()
    '"2009-07"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    >>> typed_literal(s, KG.fatalities, 13).n3()
    '"13"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> typed_literal(s, KG.fatalities, "many others").n3()
    '"many others"'
    """
    if predicate in _DATE_PROPERTIES:
        text = str(value)
        for pattern, datatype in _DATE_FORMS:
            if pattern.match(text):
                return Literal(text, datatype=datatype)
        raise KgError(f"{predicate}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    rng = schema.datatype_ranges.get(predicate, XSD.string)
    if isinstance(value, bool) != (rng == XSD.boolean):
        raise KgError(
            f"{predicate}: {value!r} must be {'true/false' if rng == XSD.boolean else 'a value'}"
        )
    if rng == XSD.boolean:
        return Literal(value)
    if rng == XSD.integer or (rng == RDFS.Literal and isinstance(value, int)):
        if not isinstance(value, int):
            raise KgError(f"{predicate}: {value!r} must be a whole number")
        return Literal(value, datatype=XSD.integer)
    if rng == XSD.decimal:
        return Literal(str(value), datatype=XSD.decimal)
    if isinstance(value, float):
        raise KgError(f"{predicate}: {value!r} must be text here; quote it")
    return Literal(str(value))
