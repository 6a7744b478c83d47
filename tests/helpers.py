"""Test helpers: run the CLI in a subprocess, query a store into plain Python values."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal

from kg.project import Project
from kg.query import QueryResult, resolve_query, run_query


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kg ARGS`` and capture its output."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def rows(
    store: ox.Store, project: Project, query: str, **params: object
) -> list[dict[str, object]]:
    """Run a shipped query (or SPARQL text) and return rows of Python values (IRIs as strings)."""
    from rdflib import Literal, URIRef

    bound = {k: v if isinstance(v, URIRef | Literal) else Literal(v) for k, v in params.items()}
    result = run_query(store, resolve_query(project, query), bound)
    out = []
    for record in result.records():
        out.append(
            {
                k: (v.toPython() if isinstance(v, Literal) else (None if v is None else str(v)))
                for k, v in record.items()
            }
        )
    return out


def canonical_rows(result: QueryResult, text: str) -> Counter[tuple[str, ...]]:
    """The rows of *result* as a multiset, comparable across stores.

    Engines may order the parts of a ``GROUP_CONCAT`` differently and name blank nodes as they
    like, so the parts of every cell are sorted (for the separators the query *text* uses) and
    blank nodes are all one name.
    """
    separators = re.findall(r'separator\s*=\s*"([^"]*)"', text, flags=re.IGNORECASE)

    def cell(term: object) -> str:
        if term is None:
            return ""
        if isinstance(term, BNode):
            return "_:b"
        lexical = str(term)
        for sep in separators:
            lexical = sep.join(sorted(lexical.split(sep)))
        datatype = term.datatype if isinstance(term, Literal) else None
        return f"{type(term).__name__}:{lexical}^^{datatype}"

    return Counter(tuple(cell(t) for t in row) for row in result.rows)
