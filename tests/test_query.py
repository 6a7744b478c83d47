"""kg.query: resolving queries, binding parameters safely, reporting syntax errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.errors import KgError
from kg.project import Project
from kg.query import bind_values, parse_param, resolve_query, run_query, shipped_queries


def test_every_shipped_query_has_a_description_and_runs(store: ox.Store, project: Project) -> None:
    queries = shipped_queries(project)
    assert "disputed" in queries and len(queries) >= 7
    for name, query in queries.items():
        assert query.description, f"{name}.rq has no leading comment"
        if "?entity" in query.text:
            continue  # parametrised; run in the test below
        run_query(store, query)


def test_resolve_by_name_file_and_text(project: Project, tmp_path: Path) -> None:
    assert resolve_query(project, "disputed").name == "disputed"
    path = tmp_path / "mine.rq"
    path.write_text("# Mine.\nASK {}\n", encoding="utf-8")
    assert resolve_query(project, str(path)).description == "Mine."
    assert resolve_query(project, "  select * { ?s ?p ?o }").name == "inline"


@pytest.mark.parametrize("arg", ["no-such-query", "missing.rq"])
def test_unknown_query_is_a_clear_error(project: Project, arg: str) -> None:
    with pytest.raises(KgError):
        resolve_query(project, arg)


def test_syntax_error_reports_line_and_column(store: ox.Store, project: Project) -> None:
    with pytest.raises(KgError, match=r"error at 2:\d+"):
        run_query(store, resolve_query(project, "SELECT ?s\nWHERE { ?s ?p }"))


def test_parameter_binding_restricts_results(store: ox.Store, project: Project) -> None:
    query = resolve_query(project, "facts-with-evidence")
    attack = URIRef("https://kg.example.org/id/event/attack-ashraf-2009-07")
    rows = run_query(store, query, {"entity": attack}).records()
    assert rows and {str(r["property"]) for r in rows} >= {"fatalities", "date"}


def test_injection_through_a_parameter_is_inert(store: ox.Store, project: Project) -> None:
    query = resolve_query(project, "SELECT ?x WHERE { ?x ?p ?n }")
    evil = Literal('x" } } UNION { ?x ?p ?n } #')
    assert run_query(store, query, {"n": evil}).rows == ()


def test_unknown_parameter_and_bad_iri_are_errors(project: Project) -> None:
    query = resolve_query(project, "SELECT ?x WHERE { ?x ?p ?o }")
    with pytest.raises(KgError, match="no variable"):
        bind_values(query, {"nope": Literal(1)})
    with pytest.raises(KgError, match="not a valid IRI"):
        bind_values(query, {"x": URIRef("http://a> <b")})
    with pytest.raises(KgError, match="expected name=value"):
        parse_param("novalue")
