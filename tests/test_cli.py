"""kg.cli: commands run end to end; user mistakes give one line and a non-zero exit."""

from __future__ import annotations

import json

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
