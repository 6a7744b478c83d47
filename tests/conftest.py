"""Shared fixtures: the project, one build per session, the store, and throw-away project copies."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.build import BuildResult, build
from kg.curation import load_curation
from kg.extract.linking import EntityIndex
from kg.extract.signature import Signature
from kg.project import Project, find_project
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _store_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The embedded store's cache folder: a temporary one, for this process and the CLI runs."""
    previous = os.environ.get("KG_CACHE_DIR")
    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("kg-cache"))
    yield Path(os.environ["KG_CACHE_DIR"])
    if previous is None:
        os.environ.pop("KG_CACHE_DIR", None)
    else:
        os.environ["KG_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def project() -> Project:
    return find_project(ROOT, explicit=True)


@pytest.fixture(scope="session")
def built(project: Project) -> BuildResult:
    """A fresh build from sources and curation (not the committed file)."""
    return build(project)


@pytest.fixture(scope="session")
def committed_graph(project: Project) -> Graph:
    """data/triples.ttl as committed."""
    graph = Graph()
    graph.parse(project.triples_path, format="turtle")
    return graph


@pytest.fixture(scope="session")
def store(project: Project) -> ox.Store:
    return open_store(project)


@pytest.fixture()
def scratch(tmp_path: Path, project: Project) -> Project:
    """A writable copy of the project (ontology, sources, curation, queries)."""
    for part in ("ontology", "data/sources", "data/curation", "queries"):
        shutil.copytree(project.root / part, tmp_path / part)
    return Project(tmp_path)


@pytest.fixture(scope="session")
def index(project: Project) -> EntityIndex:
    """The extractor's entity index over the curated registry."""
    return EntityIndex(load_curation(project.curation_dir).entities.values())


@pytest.fixture(scope="session")
def signature(project: Project) -> Signature:
    """The ontology's domains and ranges, as the extractor checks them."""
    return Signature.load(project.ontology_path)
