"""kg — a provenance-anchored RDF knowledge graph of a corpus of texts.

The pipeline runs one way: sources → mentions → statements → graph → store → query. The public
API is re-exported here. ``kg.query(...)`` is the notebook entry point (a DataFrame out, see
:mod:`kg.frames`); the module of the same name stays importable as ``from kg.query import …``.
"""

from __future__ import annotations

from kg._version import __version__
from kg.build import BuildResult, build, write_graph
from kg.errors import KgError
from kg.frames import query
from kg.project import Project, find_project
from kg.store import connect

__all__ = [
    "BuildResult",
    "KgError",
    "Project",
    "__version__",
    "build",
    "connect",
    "find_project",
    "query",
    "write_graph",
]
