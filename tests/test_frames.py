"""kg.frames: kg.query(...) returns pandas DataFrames of Python values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import kg
from kg.errors import KgError
from kg.project import Project
from kg.store import GraphStore, connect

ATTACK = "https://kg.example.org/id/event/attack-ashraf-2009-07"


@pytest.fixture(scope="module")
def store(project: Project, tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    return connect(project, location=tmp_path_factory.mktemp("frames"))


def test_a_shipped_query_is_a_dataframe_of_python_values(store: GraphStore) -> None:
    df = kg.query("cq03-july-2009-deaths-per-source", store=store)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["source", "fatalities", "qualifier", "quote", "attack"]
    assert set(df["fatalities"]) == {11, 13} and set(df["attack"]) == {ATTACK}


def test_parameters_are_python_values(store: GraphStore) -> None:
    df = kg.query("facts-with-evidence", {"entity": ATTACK}, store=store)
    assert {"fatalities", "date"} <= set(df["property"])
    assert (df["end"] > df["start"]).all()
    dates = kg.query(
        "SELECT ?d WHERE { ?e <https://kg.example.org/ontology#startDate> ?d } LIMIT 1",
        {"e": ATTACK},
        store=store,
    )
    assert isinstance(dates["d"][0], dt.date)


def test_ask_and_construct_have_their_own_columns(store: GraphStore) -> None:
    ask = kg.query("ASK { ?s a <https://kg.example.org/ontology#Attack> }", store=store)
    assert ask.to_dict("records") == [{"boolean": True}]
    triples = kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": ATTACK}, store=store)
    assert list(triples.columns) == ["subject", "predicate", "object"] and len(triples) > 3


def test_store_by_name_and_errors(project: Project, tmp_path: Path) -> None:
    df = kg.query(
        "cq17-resettlement-countries", store="oxigraph", location=tmp_path, project=project
    )
    assert len(df) > 3
    with pytest.raises(KgError, match="unknown store"):
        kg.query("disputed", store="nope")
    with pytest.raises(KgError, match="no variable"):
        kg.query("disputed", {"nope": 1}, store="oxigraph", location=tmp_path)


def test_the_example_script_runs(project: Project) -> None:
    import runpy

    namespace = runpy.run_path(str(project.root / "examples" / "query_from_python.py"))
    assert "disputes" in namespace
