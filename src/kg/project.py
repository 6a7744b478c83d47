"""Where a ``kg`` project keeps its files.

A project is a folder with ``ontology/kg.ttl`` and ``data/``. :func:`find_project` looks for one
from the current directory upwards (or takes the ``KG_PROJECT`` environment variable), falling back
to the checkout this package was installed from in development mode.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError

__all__ = ["Project", "find_project"]


@dataclass(frozen=True)
class Project:
    """The paths of one project.

    >>> p = Project(Path("/srv/kg"))
    >>> p.triples_path
    PosixPath('/srv/kg/data/triples.ttl')
    """

    root: Path

    @property
    def sources_dir(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def curation_dir(self) -> Path:
        return self.root / "data" / "curation"

    @property
    def extracted_dir(self) -> Path:
        """Machine-written claims of ingested documents (``kg ingest``)."""
        return self.root / "data" / "extracted"

    @property
    def triples_path(self) -> Path:
        return self.root / "data" / "triples.ttl"

    @property
    def ontology_path(self) -> Path:
        return self.root / "ontology" / "kg.ttl"

    @property
    def shapes_path(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    # --- linked-data publication (kg.void, kg.links, kg.ontodoc, kg.export) ---

    @property
    def void_path(self) -> Path:
        return self.root / "data" / "void.ttl"

    @property
    def dataset_meta_path(self) -> Path:
        return self.root / "data" / "dataset.yaml"

    @property
    def links_path(self) -> Path:
        return self.root / "data" / "links.yaml"

    @property
    def context_path(self) -> Path:
        return self.root / "ontology" / "context.jsonld"

    @property
    def ontology_docs_path(self) -> Path:
        return self.root / "docs" / "ontology.html"


def _is_project(path: Path) -> bool:
    return (path / "ontology" / "kg.ttl").is_file() and (path / "data").is_dir()


def find_project(start: Path | None = None, *, explicit: bool = False) -> Project:
    """Return the project that contains *start* (default: the current directory).

    With *explicit*, *start* itself must be the project folder. Raises :class:`KgError` when no
    project is found.
    """
    if explicit and start is not None:
        if not _is_project(start):
            raise KgError(f"{start} is not a kg project (no ontology/kg.ttl and data/)")
        return Project(start.resolve())
    env = os.environ.get("KG_PROJECT")
    if env:
        root = Path(env).resolve()
        if not _is_project(root):
            raise KgError(f"KG_PROJECT={env} is not a kg project (no ontology/kg.ttl and data/)")
        return Project(root)
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if _is_project(candidate):
            return Project(candidate)
    checkout = Path(__file__).resolve().parents[2]
    if _is_project(checkout):
        return Project(checkout)
    raise KgError(f"no kg project found in {here} or its parents (looked for ontology/kg.ttl)")
