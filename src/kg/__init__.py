"""kg — a provenance-anchored RDF knowledge graph of a corpus of texts.

The pipeline runs one way: sources → mentions → statements → graph → store → query. The public
API is re-exported here.
"""

from __future__ import annotations

from kg._version import __version__
from kg.build import BuildResult, build, write_graph
from kg.errors import KgError
from kg.project import Project, find_project

__all__ = [
    "BuildResult",
    "KgError",
    "Project",
    "__version__",
    "build",
    "find_project",
    "write_graph",
]
