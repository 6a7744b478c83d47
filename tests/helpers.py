"""Test helpers: run the CLI in a subprocess, query a store into plain Python values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from kg.project import Project
from kg.query import resolve_query, run_query


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
