"""kg.cli: commands run end to end; user mistakes give one line and a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        pytest.param(["query", "no-such-query"], "neither a query file", id="unknown-query"),
        pytest.param(["query", "missing.rq"], "query file not found", id="missing-file"),
        pytest.param(["query", "SELECT ?s WHERE { ?s ?p }"], "SPARQL syntax error", id="syntax"),
        pytest.param(
            ["query", "disputed", "--format", "xml"], "unknown output format", id="format"
        ),
        pytest.param(["query", "disputed", "--param", "x"], "expected name=value", id="param"),
        pytest.param(["--project", "/nonexistent", "stats"], "is not a kg project", id="project"),
        pytest.param(["validate", "--graph", "/nonexistent.ttl"], "not found", id="graph"),
        pytest.param(["query", "disputed", "--store", "nope"], "unknown store", id="store"),
        pytest.param(["query", "disputed", "--store", "remote"], "needs an endpoint", id="remote"),
        pytest.param(
            ["query", "disputed", "--endpoint", "localhost:7878"], "http(s) URL", id="endpoint"
        ),
        pytest.param(
            ["query", "disputed", "--format", "turtle"], "for CONSTRUCT/DESCRIBE", id="rdf-format"
        ),
        pytest.param(
            ["query", "disputed", "--graph", "/nonexistent.ttl"], "not found", id="query-graph"
        ),
        pytest.param(["push"], "give --endpoint URL", id="push-target"),
        pytest.param(["synth", "--events", "0", "--out", "x.nt"], "at least 1", id="synth"),
    ],
)
def test_user_mistakes_give_one_clear_line(args: list[str], fragment: str) -> None:
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and fragment in proc.stderr


def test_query_json_output_and_list() -> None:
    proc = run_cli("query", "cq03-july-2009-deaths-per-source", "--format", "json")
    assert proc.returncode == 0
    assert {r["fatalities"] for r in json.loads(proc.stdout)} == {11, 13}
    listing = run_cli("query", "--list").stdout
    assert "disputed" in listing and "cq01" in listing


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_query_with_each_embedded_store(store: str) -> None:
    proc = run_cli("query", "cq04-july-2009-disputed-figures", "--store", store, "--format", "tsv")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "figure\tvalue\tsources" and any("\t11\t" in x for x in lines)


def test_a_query_on_a_fresh_cache_leaves_the_store_saved(tmp_path: Path) -> None:
    proc = run_cli("query", "cq03-july-2009-deaths-per-source", "--location", str(tmp_path))
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert "13" in proc.stdout
    saved = [p.name for p in tmp_path.iterdir()]
    assert len(saved) == 1 and not saved[0].startswith(".")  # compacted, saved, work folder gone
    again = run_cli("query", "cq03-july-2009-deaths-per-source", "--location", str(tmp_path))
    assert again.stdout == proc.stdout and [p.name for p in tmp_path.iterdir()] == saved


def test_query_sparql_json_with_a_parameter() -> None:
    attack = "https://kg.example.org/id/event/attack-ashraf-2009-07"
    args = ["--param", f"entity={attack}", "--format", "sparql-json"]
    proc = run_cli("query", "facts-with-evidence", *args)
    assert proc.returncode == 0, proc.stderr
    bindings = json.loads(proc.stdout)["results"]["bindings"]
    assert {b["property"]["value"] for b in bindings} >= {"fatalities", "date"}


def test_synth_writes_a_graph_and_its_texts(tmp_path: Path) -> None:
    proc = run_cli("synth", "--events", "5", "--out", str(tmp_path / "s.nt"), "--seed", "3")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"wrote {tmp_path / 's.nt'}: ") and "triples" in proc.stdout
    assert len(list((tmp_path / "s.sources").glob("*.txt"))) == 6
    count = run_cli(
        "query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--graph", str(tmp_path / "s.nt")
    )
    assert count.returncode == 0, count.stderr


def test_stats_prints_counts() -> None:
    proc = run_cli("stats")
    assert proc.returncode == 0
    assert "statements" in proc.stdout and "disputed values" in proc.stdout


def test_validate_reports_zero_violations_and_full_verification() -> None:
    proc = run_cli("validate")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(0 violations)" in proc.stdout
    assert "verified (100.0 %), 0 failures" in proc.stdout
    assert proc.stdout.strip().endswith("valid")


def test_python_dash_m_and_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("kg ")
