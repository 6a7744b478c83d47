"""kg.serve.app in process (Starlette's TestClient): the protocol's edges, content negotiation,
linked-data pages, read-only by default, updates with a token, limits, CORS."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from kg.backends.embedded import OxigraphStore
from kg.iris import IriKind, IriMinter
from kg.project import Project
from kg.serve import Settings, StoreFiles, create_app
from serve_helpers import TOKEN, counting_endpoint

ATTACK = "/id/event/attack-ashraf-2009-07"
KOBLER = "/id/person/martin-kobler"
SELECT = "SELECT ?s WHERE { ?s a <https://kg.example.org/ontology#Attack> } LIMIT 2"
CONSTRUCT = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3"
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture(scope="module")
def served(project: Project) -> OxigraphStore:
    return OxigraphStore.from_files(project.triples_path, project.ontology_path)


@pytest.fixture(scope="module")
def client(served: OxigraphStore, project: Project) -> Iterator[TestClient]:
    settings = Settings(project, workers=0, max_result_bytes=300_000)
    with TestClient(create_app(served, settings)) as client:
        yield client


def _triples(data: bytes, content_type: str) -> int:
    """How many triples *data* holds, parsed by pyoxigraph in the syntax it is labelled with."""
    fmt = ox.RdfFormat.from_media_type(content_type.split(";")[0])
    assert fmt is not None, content_type
    return len(list(ox.parse(data, format=fmt)))


def _files(project: Project, tmp_path: Path, *, writable: bool = False) -> StoreFiles:
    return StoreFiles(project.triples_path, project.ontology_path, tmp_path, writable=writable)


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("", "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/turtle;q=0.9, text/csv;q=0.5", "text/csv"),
    ],
)
def test_select_negotiation(client: TestClient, accept: str, media: str) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert "attack" in response.text


@pytest.mark.parametrize(
    "accept",
    ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", "*/*"],
)
def test_construct_negotiation(client: TestClient, accept: str) -> None:
    response = client.post(
        "/sparql",
        content=CONSTRUCT,
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    assert response.status_code == 200, response.text
    assert _triples(response.content, response.headers["content-type"]) == 3


def test_protocol_errors(client: TestClient) -> None:
    bad = client.get("/sparql", params={"query": "SELEC ?x WHERE {"})
    assert bad.status_code == 400 and "syntax error" in bad.text and "1:" in bad.text
    wrong = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert wrong.status_code == 406
    graph = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert graph.status_code == 406
    body = client.post("/sparql", content=b"\xff\xfe", headers={"Content-Type": "text/plain"})
    assert body.status_code == 415
    both = client.post("/sparql", data={"query": SELECT, "update": "CLEAR ALL"})
    assert both.status_code == 400
    assert client.put("/sparql").status_code == 405


def test_read_only_by_default(client: TestClient) -> None:
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        response = client.post("/sparql", data={"update": "CLEAR ALL"}, headers=headers)
        assert response.status_code == 403 and "read-only" in response.text
    response = client.post(
        "/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
    )
    assert response.status_code == 403
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_result_size_limit(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 422 and "300,000 bytes" in response.text


def test_request_size_limit(served: OxigraphStore, project: Project) -> None:
    padding = "#" + "x" * 10_000 + "\nASK {}"
    settings = Settings(project, workers=0, max_request_bytes=10_000)
    sparql_query = {"Content-Type": "application/sparql-query"}
    with TestClient(create_app(served, settings)) as client:
        assert client.post("/sparql", content=padding, headers=sparql_query).status_code == 413
        assert client.get("/sparql", params={"query": padding}).status_code == 413
        chunks = (padding[i : i + 1000].encode() for i in range(0, len(padding), 1000))
        assert client.post("/sparql", content=chunks, headers=sparql_query).status_code == 413
        assert client.post("/sparql", content="ASK {}", headers=sparql_query).status_code == 200


def test_remote_dataset_refused(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": SELECT, "default-graph-uri": "http://evil.example/g"}
    )
    assert response.status_code == 403
    response = client.get("/sparql", params={"query": "SELECT * { SERVICE <http://x/> {} }"})
    assert response.status_code == 403 and "outbound" in response.text


def test_cors_off_unless_asked(served: OxigraphStore, project: Project, client: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    response = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert "access-control-allow-origin" not in response.headers
    settings = Settings(project, workers=0, cors_origins=("https://elsewhere.example",))
    with TestClient(create_app(served, settings)) as cors:
        response = cors.get("/sparql", params={"query": "ASK {}"}, headers=origin)
        assert response.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_entity_page(client: TestClient) -> None:
    page = client.get(ATTACK, headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert "Attack on Camp Ashraf, July 2009" in text
    assert "disputed: 2 values" in text  # 11 (001) and 13 (002, 003), side by side
    assert "killing 13 people" in text and "001_dd6600ad609501c8.txt" in text
    assert 'href="/source/002_6f8cc6376ad1e593#ev-' in text
    assert 'href="/id/person/nouri-al-maliki"' in text  # a related entity, linked
    assert "script-src" not in page.headers["content-security-policy"]


def test_source_page(client: TestClient) -> None:
    page = client.get("/source/001_dd6600ad609501c8", headers=HTML)
    assert page.status_code == 200
    assert page.text.count('class="ev ') > 20
    text = html.unescape(re.sub(r"<[^>]+>", "", page.text))
    assert "the Iraqi Army under the direct order of Prime Minister Nuri al-Maliki" in text
    assert 'id="ev-' in page.text and "#st-" in page.text


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json", "application/n-triples"])
def test_entity_as_data(client: TestClient, accept: str) -> None:
    response = client.get(KOBLER, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["vary"] == "Accept"
    # its triples, statements, evidence and selectors
    assert _triples(response.content, response.headers["content-type"]) > 20
    assert client.get(KOBLER + ".ttl").headers["content-type"].startswith("text/turtle")
    assert client.get(KOBLER, headers={"Accept": "image/png"}).status_code == 406


def test_every_kind_of_minted_iri_dereferences(client: TestClient, served: OxigraphStore) -> None:
    minter = IriMinter()
    seen: dict[IriKind, str] = {}
    for quad in served.store.quads_for_pattern(None, None, None):
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode):
                found = minter.classify(term.value)
                if found is not None and found.kind not in seen:
                    seen[found.kind] = term.value
    assert {IriKind.ENTITY, IriKind.STATEMENT, IriKind.EVIDENCE, IriKind.SOURCE} <= set(seen)
    for kind, iri in seen.items():
        path = "/" + iri.removeprefix(minter.base) if kind is not IriKind.ONTOLOGY else "/ontology"
        for headers in (HTML, {"Accept": "text/turtle"}):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (kind, iri, headers, response.text[:200])
    assert client.get("/id/person/nobody-at-all", headers=HTML).status_code == 404
    assert client.get("/no/such/thing").status_code == 404


def test_search_void_ontology_index(client: TestClient, project: Project) -> None:
    found = client.get("/search", params={"q": "maliki"})
    assert found.status_code == 200 and 'href="/id/person/nouri-al-maliki"' in found.text
    void = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert void.headers["content-type"].startswith("text/turtle")
    assert void.content == project.void_path.read_bytes()
    docs = client.get("/ontology", headers=HTML)
    assert docs.text == project.ontology_docs_path.read_text(encoding="utf-8")
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert _triples(turtle.content, "text/turtle") > 100
    index = client.get("/")
    assert (
        "/static/yasgui/yasgui.min.js" in index.text
        and "cq03-july-2009-deaths-per-source" in index.text
    )
    config = index.text.split('id="kg-config">', 1)[1].split("</script>", 1)[0]
    assert len(json.loads(config)["queries"]) >= 10
    assert client.get("/static/yasgui/yasgui.min.js").status_code == 200


def test_updates_with_flag_and_token(project: Project, tmp_path: Path) -> None:
    """Two workers, each with its own copy: an update reaches both (journal replay)."""
    store = OxigraphStore.from_files(project.triples_path, project.ontology_path)
    settings = Settings(
        project,
        workers=2,
        opener=_files(project, tmp_path, writable=True),
        allow_update=True,
        update_token=TOKEN,
    )
    insert = "INSERT DATA { <https://kg.example.org/id/x> <urn:p> 'new' }"
    ask = "ASK { <https://kg.example.org/id/x> <urn:p> 'new' }"
    with TestClient(create_app(store, settings)) as client:
        assert client.post("/sparql", data={"update": insert}).status_code == 403
        wrong = {"Authorization": "Bearer not-the-token-at-all"}
        assert client.post("/sparql", data={"update": insert}, headers=wrong).status_code == 403
        right = {"Authorization": f"Bearer {TOKEN}"}
        assert client.post("/sparql", data={"update": insert}, headers=right).status_code == 200
        answers = {client.get("/sparql", params={"query": ask}).json()["boolean"] for _ in range(6)}
        assert answers == {True}
        load = client.post(
            "/sparql", data={"update": "LOAD <http://evil.example/x>"}, headers=right
        )
        assert load.status_code == 403


def test_allow_listed_endpoint_is_called(project: Project, tmp_path: Path) -> None:
    store = OxigraphStore.from_files(project.triples_path, project.ontology_path)
    with counting_endpoint() as (url, hits):
        prefix = url.rsplit("/", 1)[0] + "/"
        settings = Settings(project, workers=1, opener=_files(project, tmp_path))
        allowed = replace(settings, allow_remote=(prefix,))
        query = f"SELECT ?remote WHERE {{ SERVICE <{url}> {{ ?x ?y ?remote }} }}"
        with TestClient(create_app(store, settings)) as client:
            assert client.get("/sparql", params={"query": query}).status_code == 403
        assert hits == []
        with TestClient(create_app(store, allowed)) as client:
            response = client.get("/sparql", params={"query": query})
        assert response.status_code == 200, response.text
        assert "from the remote endpoint" in response.text and len(hits) == 1


def test_settings_are_checked(project: Project, served: OxigraphStore) -> None:
    from kg.errors import KgError

    with pytest.raises(KgError, match="token"):
        create_app(served, Settings(project, workers=0, allow_update=True, update_token="short"))
    with pytest.raises(KgError, match="allow-remote"):
        create_app(served, Settings(project, workers=0, allow_remote=("ftp://x/",)))


@pytest.mark.parametrize("name", ["kg.ttl", "kg.nq"])
def test_dumps_listed_in_void_are_served(client: TestClient, name: str) -> None:
    response = client.get(f"/dump/{name}")
    assert response.status_code == 200
    assert _triples(response.content, response.headers["content-type"]) > 10_000
    assert client.get("/dump/other.ttl").status_code == 404
