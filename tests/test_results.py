"""kg.results: table, CSV, TSV, JSON, SPARQL results JSON/XML and RDF output."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import KgError
from kg.query import QueryResult
from kg.results import format_result
from kg.sparqlresults import from_json
from kg.terms import to_rdflib

RESULT = QueryResult(
    ("attack", "n", "quote"),
    (
        (URIRef("https://kg.example.org/id/event/a"), Literal(13), Literal("killing 13, people")),
        (URIRef("https://kg.example.org/id/event/b"), None, Literal("x" * 200)),
    ),
)


def test_table_is_aligned_truncated_and_counts_rows() -> None:
    text = format_result(RESULT, "table", width=30)
    lines = text.splitlines()
    assert lines[0].split() == ["attack", "n", "quote"]
    assert "id:event/a" in lines[2] and lines[3].endswith("…")
    assert lines[-1] == "2 rows"


def test_csv_keeps_full_iris_and_quotes_commas() -> None:
    parsed = list(csv.reader(io.StringIO(format_result(RESULT, "csv"))))
    assert parsed[1] == ["https://kg.example.org/id/event/a", "13", "killing 13, people"]
    assert parsed[2][1] == ""


def test_json_gives_typed_values() -> None:
    data = json.loads(format_result(RESULT, "json"))
    assert data[0] == {
        "attack": "https://kg.example.org/id/event/a",
        "n": 13,
        "quote": "killing 13, people",
    }


def test_ask_and_unknown_format() -> None:
    assert format_result(QueryResult(boolean=True)) == "true"
    with pytest.raises(KgError, match="unknown output format"):
        format_result(RESULT, "xml")


GRAPH = QueryResult(
    triples=((URIRef("https://kg.example.org/id/event/a"), URIRef("urn:x:killed"), Literal(13)),)
)
TYPED = QueryResult(
    ("x", "label", "b"),
    (
        (URIRef("urn:x:a"), Literal("Ashraf", lang="en"), BNode("n1")),
        (URIRef("urn:x:b"), None, Literal("2009-07", datatype=XSD.gYearMonth)),
    ),
)


def test_sparql_json_round_trips_every_kind_of_term() -> None:
    data = json.loads(format_result(TYPED, "sparql-json"))
    assert data["head"]["vars"] == ["x", "label", "b"]
    assert data["results"]["bindings"][0]["label"] == {
        "type": "literal",
        "value": "Ashraf",
        "xml:lang": "en",
    }
    assert "label" not in data["results"]["bindings"][1]  # unbound
    assert from_json(data) == TYPED
    assert json.loads(format_result(QueryResult(boolean=False), "sparql-json")) == {
        "head": {},
        "boolean": False,
    }


def test_sparql_xml_is_well_formed_and_complete() -> None:
    root = ElementTree.fromstring(format_result(TYPED, "sparql-xml"))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["x", "label", "b"]
    results = root.findall("r:results/r:result", ns)
    assert len(results) == 2 and len(results[1].findall("r:binding", ns)) == 2
    literal = results[1].find("r:binding[@name='b']/r:literal", ns)
    assert literal is not None and literal.get("datatype") == str(XSD.gYearMonth)


@pytest.mark.parametrize("fmt", ["table", "turtle", "ntriples", "json-ld"])
def test_graph_results_come_as_rdf(fmt: str) -> None:
    text = format_result(GRAPH, fmt)
    syntax = {"json-ld": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES}
    quads = ox.parse(text, format=syntax.get(fmt, ox.RdfFormat.TURTLE))
    assert {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads} == (
        set(GRAPH.triples)
    )


def test_formats_that_do_not_fit_the_result_are_errors() -> None:
    with pytest.raises(KgError, match="not csv"):
        format_result(GRAPH, "csv")
    with pytest.raises(KgError, match="turtle is for CONSTRUCT/DESCRIBE"):
        format_result(RESULT, "turtle")
