"""``kg serve`` as a running server on loopback: real SPARQL clients, the timeout with other
clients served meanwhile, no outbound network, fuzzing, and the CLI's one-line errors."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from helpers import run_cli
from serve_helpers import Server, counting_endpoint, get, query, request, running_server

KG = "https://kg.example.org/ontology#"
ATTACK = URIRef("https://kg.example.org/id/event/attack-ashraf-2009-07")
TOLLS = f"SELECT ?n WHERE {{ <{ATTACK}> <{KG}fatalities> ?n }} ORDER BY ?n"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server("--timeout", str(TIMEOUT), "--max-result-bytes", "2000000") as server:
        yield server


def _alive(server: Server) -> None:
    status, body = query(server, "ASK { ?s ?p ?o }")
    assert (status, body) == (200, b'{"head":{},"boolean":true}')


def test_sparqlwrapper(server: Server) -> None:
    client = SPARQLWrapper(server.sparql)
    client.setQuery(TOLLS)
    client.setReturnFormat(JSON)
    answer: Any = client.queryAndConvert()
    assert [b["n"]["value"] for b in answer["results"]["bindings"]] == ["11", "13"]
    client.setReturnFormat(XML)
    assert b"<literal datatype" in client.query().response.read()
    client.setReturnFormat(CSV)
    assert client.queryAndConvert() == b"n\r\n11\r\n13\r\n"
    client.setMethod("POST")
    client.setQuery(f"ASK {{ <{ATTACK}> a <{KG}Attack> }}")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index, call-overload]
    client.setQuery(f"DESCRIBE <{ATTACK}>")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert (ATTACK, URIRef(f"{KG}fatalities"), Literal(13)) in graph


def test_rdflib_sparqlstore(server: Server) -> None:
    graph = Graph(store=SPARQLStore(server.sparql, returnFormat="json"))
    rows = graph.query(TOLLS)
    assert sorted(int(str(row[0])) for row in rows) == [11, 13]  # type: ignore[index]
    assert graph.query(f"ASK {{ <{ATTACK}> ?p ?o }}").askAnswer is True
    # rdflib's default (XML) asks for SPARQL XML results and RDF/XML graphs alike.
    xml = Graph(store=SPARQLStore(server.sparql))
    assert len(list(xml.query(TOLLS))) == 2
    constructed = xml.query(f"CONSTRUCT {{ <{ATTACK}> ?p ?o }} WHERE {{ <{ATTACK}> ?p ?o }}")
    assert constructed.graph is not None
    assert (ATTACK, URIRef(f"{KG}fatalities"), Literal(11)) in constructed.graph
    assert (ATTACK, URIRef(f"{KG}fatalities"), Literal(13)) in xml


def test_runaway_query_times_out_while_others_are_served(server: Server) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["status"], outcome["body"] = query(server, RUNAWAY)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.2)
    latencies = []
    while thread.is_alive():
        started = time.monotonic()
        status, _body = query(server, TOLLS, timeout=10)
        latencies.append(time.monotonic() - started)
        assert status == 200
        time.sleep(0.05)
    thread.join()
    assert outcome["status"] == 503 and b"timeout" in outcome["body"]  # type: ignore[operator]
    assert float(outcome["seconds"]) < TIMEOUT + 1  # type: ignore[arg-type]
    assert len(latencies) >= 5 and max(latencies) < 1.0
    for _ in range(4):  # the killed worker's replacement serves too
        _alive(server)


def test_result_size_limit(server: Server) -> None:
    status, body = query(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and b"2,000,000 bytes" in body


def test_no_outbound_network(server: Server) -> None:
    with counting_endpoint() as (url, hits):
        prefix = url.rsplit("/", 1)[0] + "/"
        for text in (
            f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
            f"PREFIX e: <{prefix}> SELECT * WHERE {{ SERVICEe:sparql {{ ?s ?p ?o }} }}",
        ):
            status, body = query(server, text)
            assert status == 403, body
        # A query the lexical check cannot see through (``<`` read as an IRI's start): the
        # worker's sandbox stops the call instead.
        hidden = (
            f"PREFIX : <{prefix}> SELECT * WHERE {{ BIND(1 AS ?a) BIND(2 AS ?b) "
            "FILTER(?a<?b)SERVICE:sparql#>\n{ ?s ?p ?o } }"
        )
        status, body = query(server, hidden)
        assert status == 500 and b"Permission denied" in body
        assert hits == []
    _alive(server)


def test_update_refused(server: Server) -> None:
    data = urllib.parse.urlencode({"update": "DELETE WHERE { ?s ?p ?o }"}).encode()
    status, _headers, body = request(
        server.sparql, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 403 and b"read-only" in body
    _alive(server)


def test_no_cors_headers(server: Server) -> None:
    _status, headers, _body = get(
        server.sparql + "?query=ASK%7B%7D", headers={"Origin": "https://elsewhere.example"}
    )
    assert not any(name.lower().startswith("access-control") for name in headers)


_WORDS = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "WHERE",
        "FILTER",
        "OPTIONAL",
        "UNION",
        "MINUS",
        "GRAPH",
        "SERVICE",
        "BIND",
        "VALUES",
        "LIMIT",
        "OFFSET",
        "ORDER",
        "BY",
        "GROUP",
        "COUNT",
        "DISTINCT",
        "REGEX",
        "STR",
        "LANG",
        "?s",
        "?p",
        "?o",
        "*",
        "{",
        "}",
        "(",
        ")",
        ".",
        ";",
        ",",
        "<urn:x>",
        "<https://kg.example.org/id/person/martin-kobler>",
        "'a'",
        '"b"',
        "1",
        "2.5",
        "true",
        "a",
        "PREFIX",
        "kg:",
        "kg:Attack",
        "<https://kg.example.org/ontology#>",
        "#",
        "\\",
        "\n",
    ]
)
_QUERIES = st.lists(_WORDS, max_size=25).map(" ".join)
_MEDIA = st.sampled_from(
    ["application/x-www-form-urlencoded", "application/sparql-query", "text/plain", "", "x/y"]
)
_ACCEPT = st.sampled_from(["", "*/*", "text/csv", "image/png", "text/turtle", "q=;;,,/"])


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_QUERIES | st.text(max_size=200), accept=_ACCEPT)
def test_fuzz_queries(server: Server, text: str, accept: str) -> None:
    status, body = query(server, text, accept=accept)
    assert status in (200, 400, 403, 406, 422, 500, 503)
    if status == 500:  # only the errors the server words itself, never an unhandled one
        assert body.startswith((b"query failed:", b"the query ended its worker")), body


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=300), media=_MEDIA, path=st.sampled_from(["sparql", "", "id/x"]))
def test_fuzz_bytes(server: Server, body: bytes, media: str, path: str) -> None:
    headers = {"Content-Type": media} if media else {}
    status, _headers, _body = request(server.url + path, data=body, headers=headers, timeout=10)
    assert 200 <= status < 500 or status == 503


def test_garbage_on_the_socket(server: Server) -> None:
    host, port = urllib.parse.urlsplit(server.url).netloc.split(":")
    for garbage in (
        b"\x00\xff" * 100,
        b"GET / HTTP/9.9\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\n" * 50,
    ):
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(garbage)
            sock.shutdown(socket.SHUT_WR)
            with contextlib.suppress(OSError):
                sock.recv(1024)
    _alive(server)


def test_cli_errors(server: Server, tmp_path: Path) -> None:
    port = urllib.parse.urlsplit(server.url).port
    done = run_cli("serve", "--port", str(port))
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"kg: error: 127.0.0.1:{port} is already in use: choose another --port"
    )
    done = run_cli("serve", "--port", "0", "--graph", str(tmp_path / "missing.ttl"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "not found" in done.stderr
    done = run_cli("serve", "--port", "0", "--allow-update", env={"KG_UPDATE_TOKEN": ""})
    assert done.returncode == 2 and "KG_UPDATE_TOKEN" in done.stderr
