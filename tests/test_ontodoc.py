"""kg.ontodoc: docs/ontology.html documents every term and is in sync with the ontology."""

from __future__ import annotations

from html import escape

import pytest
from rdflib import Graph, URIRef

from kg.namespaces import KG, KG_NAMESPACE, RDFS
from kg.ontodoc import generated_files
from kg.project import Project
from kg.validate import load_graph


@pytest.fixture(scope="module")
def ontology(project: Project) -> Graph:
    return load_graph(project.ontology_path)


@pytest.fixture(scope="module")
def page(project: Project) -> str:
    return project.ontology_docs_path.read_text(encoding="utf-8")


def section(page: str, name: str) -> str:
    start = page.index(f'<section id="{name}" class="term">')
    return page[start : page.index("</section>", start)]


def test_generated_files_are_committed_and_in_sync(project: Project) -> None:
    for path, data in generated_files(project).items():
        assert path.read_bytes() == data, f"{path} is stale: run `kg docs` and commit"


@pytest.mark.parametrize("name", sorted(KG.__annotations__))
def test_every_term_is_documented_with_label_comment_and_alignment(
    name: str, page: str, ontology: Graph
) -> None:
    term = URIRef(KG_NAMESPACE + name)
    text = section(page, name)
    assert escape(str(ontology.value(term, RDFS.label))) in text
    assert escape(str(ontology.value(term, RDFS.comment))) in text
    for prop in (RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf):
        for target in ontology.objects(term, prop):
            if isinstance(target, URIRef):
                local = str(target).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                assert f":{local}</code>" in text, (name, prop, target)


def test_union_ranges_and_alignment_table(page: str) -> None:
    assert '<a href="#Actor"><code>kg:Actor</code></a> or' in section(page, "target")
    alignments = page[page.index("<h2 id=alignments>") :]
    for vocabulary in ("PROV-O", "SEM", "W3C ORG", "FOAF", "schema.org", "OWL-Time"):
        assert vocabulary in alignments, vocabulary


def test_page_is_self_contained(page: str) -> None:
    assert "<script" not in page and "<link" not in page and "@import" not in page
