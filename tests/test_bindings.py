"""kg.bindings: parameters go in as escaped terms at the start of the WHERE group."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.bindings import query_form, where_position, with_values
from kg.errors import KgError

A = URIRef("urn:x:a")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "SELECT ?s WHERE { ?s ?p ?o }",
            "SELECT ?s WHERE { VALUES (?s) { (<urn:x:a>) } ?s",
            id="select",
        ),
        pytest.param("ASK { ?s ?p ?o }", "ASK { VALUES (?s) { (<urn:x:a>) } ?s", id="ask"),
        pytest.param(
            "# a comment with { braces }\nPREFIX select: <urn:x:>\nselect * { ?s ?p ?o }",
            "select * { VALUES (?s)",
            id="comment-and-iri",
        ),
        pytest.param(
            'SELECT (CONCAT("{", STR(?s)) AS ?t) WHERE { ?s ?p ?o }',
            "WHERE { VALUES (?s)",
            id="brace-in-string",
        ),
        pytest.param(
            "CONSTRUCT { ?s <urn:x:q> ?o } WHERE { ?s ?p ?o }",
            "WHERE { VALUES (?s)",
            id="construct",
        ),
        pytest.param(
            "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
            "SELECT ?s WHERE { VALUES (?s) { (<urn:x:a>) } { SELECT",
            id="subquery",
        ),
        pytest.param(
            "CONSTRUCT WHERE { ?s ?p ?o }", "{ ?s ?p ?o }\nVALUES (?s)", id="construct-where"
        ),
        pytest.param("DESCRIBE ?s", "DESCRIBE ?s\nVALUES (?s)", id="describe"),
    ],
)
def test_values_open_the_where_group(text: str, expected: str) -> None:
    bound = with_values(text, {"s": A})
    assert expected in bound
    ox.Store().query(bound)  # still a valid query


def test_query_form_skips_comments_prefixes_and_variables() -> None:
    assert query_form("# ASK me\nBASE <urn:x:>\nPREFIX ask: <urn:y:>\nDescribe <a>") == "DESCRIBE"
    assert query_form("SELECT ?construct { ?construct ?p ?o }") == "SELECT"
    assert query_form("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }") is None
    assert where_position("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }") is None


def test_a_hostile_value_stays_one_literal() -> None:
    evil = Literal('x" } } ; DROP ALL ; SELECT * { "')
    bound = with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": evil})
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:p"), ox.Literal(str(evil))))
    rows = list(store.query(bound))
    assert len(rows) == 1 and rows[0]["s"] == ox.NamedNode("urn:x:a")


def test_lines_keep_their_numbers_for_parser_messages() -> None:
    text = "SELECT ?s\nWHERE { ?s ?p ?o .\n ?s ?p }"
    bound = with_values(text, {"s": A})
    assert bound.count("\n") == text.count("\n")
    with pytest.raises(SyntaxError, match="error at 3:"):
        ox.Store().query(bound)


def test_bad_bindings_are_errors() -> None:
    with pytest.raises(KgError, match="no variable"):
        with_values("SELECT ?s {}", {"x": A})
    with pytest.raises(KgError, match="not a valid IRI"):
        with_values("SELECT ?s {}", {"s": URIRef("urn:x:a> <urn:x:b")})
