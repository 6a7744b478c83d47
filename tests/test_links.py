"""kg.links: external identifiers only with a recorded check; none are guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.errors import KgError
from kg.iris import IriMinter
from kg.links import add_links, load_links
from kg.namespaces import FOAF, SKOS
from kg.project import Project

GOOD = """links:
  - entity: org/mek
    target: http://www.wikidata.org/entity/Q1
    checked_by: A. Curator
    checked_on: 2026-11-21
    how: test data, not a real check
  - entity: org/mek
    target: https://en.wikipedia.org/wiki/Example
    checked_by: A. Curator
    checked_on: 2026-11-21
    how: test data, not a real check
"""


def test_committed_links_are_empty_because_none_could_be_checked(project: Project) -> None:
    assert load_links(project.links_path) == []
    assert "no target could be opened" in project.links_path.read_text(encoding="utf-8")


def test_checked_links_become_triples(tmp_path: Path) -> None:
    path = tmp_path / "links.yaml"
    path.write_text(GOOD, encoding="utf-8")
    graph = Graph()
    add_links(graph, load_links(path, {"org/mek"}), IriMinter())
    mek = IriMinter().entity("org/mek")
    assert (mek, SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q1")) in graph
    assert (mek, FOAF.isPrimaryTopicOf, URIRef("https://en.wikipedia.org/wiki/Example")) in graph


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        pytest.param(
            ("    how: test data, not a real check\n", ""), "exactly the keys", id="no-how"
        ),
        pytest.param(("A. Curator", "''"), "empty field", id="unchecked"),
        pytest.param(
            ("http://www.wikidata.org/entity/Q1", "https://example.com/mek"),
            "not a Wiki",
            id="guessed-target",
        ),
        pytest.param(("2026-11-21", "yesterday"), "checked_on", id="date"),
        pytest.param(("org/mek", "org/nobody"), "unknown entity", id="entity"),
    ],
)
def test_unchecked_or_malformed_links_are_refused(
    tmp_path: Path, change: tuple[str, str], fragment: str
) -> None:
    path = tmp_path / "links.yaml"
    path.write_text(GOOD.replace(*change, 1), encoding="utf-8")
    with pytest.raises(KgError, match=fragment):
        load_links(path, {"org/mek"})
