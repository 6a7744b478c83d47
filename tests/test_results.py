"""kg.results: table, CSV, TSV and JSON output."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Literal, URIRef

from kg.errors import KgError
from kg.query import QueryResult
from kg.results import format_result

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
