"""The remote store and ``kg push`` against a real Oxigraph server on 127.0.0.1.

The server comes from the ``oxigraph`` package (dev extra); it runs for the session on a free
port of the loopback interface, in a temporary folder, and is stopped afterwards. Failures that
need a misbehaving server (a refused login, an internal error) use a tiny stub server, also on
127.0.0.1. Nothing here leaves the machine.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import URIRef

from helpers import canonical_rows, run_cli
from kg.backends.http import Credentials
from kg.backends.remote import Endpoint
from kg.errors import KgError
from kg.project import Project, find_project
from kg.push import PushProtocol, PushTarget, push
from kg.query import resolve_query, run_query, shipped_queries
from kg.store import GraphStore, connect

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted(shipped_queries(find_project(ROOT, explicit=True)))
ATTACK = URIRef("https://kg.example.org/id/event/attack-ashraf-2009-07")
NAMED = "https://kg.example.org/graph/test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph server did not answer at {url} within {seconds} s")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a fresh Oxigraph server, stopped at the end of the session."""
    binary = shutil.which("oxigraph") or str(
        Path(__import__("sys").executable).with_name("oxigraph")
    )
    if not Path(binary).is_file():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def remote(server: str, project: Project) -> GraphStore:
    """The remote store, holding the project's graph and ontology pushed by the Graph Store
    Protocol in several batches."""
    report = push(
        [project.triples_path, project.ontology_path],
        PushTarget(f"{server}/store"),
        batch_size=10_000,
        replace=True,
    )
    assert report.batches >= 4
    return connect(project, endpoint=f"{server}/query")


@pytest.fixture(scope="session")
def embedded(project: Project, tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    return connect(project, location=tmp_path_factory.mktemp("embedded"))


@pytest.mark.parametrize("name", QUERIES)
def test_every_shipped_query_gives_the_same_answer_remotely(
    name: str, project: Project, remote: GraphStore, embedded: GraphStore
) -> None:
    query = shipped_queries(project)[name]
    for params in [{}, {"entity": ATTACK}] if "?entity" in query.text else [{}]:
        expected = run_query(embedded, query, params)
        got = run_query(remote, query, params)
        assert got.variables == expected.variables
        assert canonical_rows(got, query.text) == canonical_rows(expected, query.text), params


def test_the_remote_store_holds_everything_pushed(remote: GraphStore, embedded: GraphStore) -> None:
    assert len(remote) == len(embedded)
    ask = "ASK { ?s a <https://kg.example.org/ontology#Attack> }"
    assert remote.query(ask).boolean is True
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert set(remote.query(construct, {"s": ATTACK}).triples) == set(
        embedded.query(construct, {"s": ATTACK}).triples
    )


def test_push_by_sparql_update_into_a_named_graph(
    server: str, project: Project, embedded: GraphStore
) -> None:
    target = PushTarget(f"{server}/update", PushProtocol.UPDATE, graph=NAMED)
    report = push([project.triples_path, project.ontology_path], target, batch_size=20_000)
    assert report.triples == len(embedded) and report.batches >= 2
    named = connect(project, endpoint=Endpoint(f"{server}/query", default_graph=NAMED))
    assert len(named) == len(embedded)
    again = push([project.ontology_path], target, replace=True)  # replace empties it first
    assert len(named) == again.triples < len(embedded)


def test_a_remote_syntax_error_has_the_servers_line_and_column(
    remote: GraphStore, project: Project
) -> None:
    with pytest.raises(KgError, match=r"SPARQL syntax error in inline: error at 2:\d+"):
        run_query(remote, resolve_query(project, "SELECT ?s\nWHERE { ?s ?p }"))


def test_cli_push_and_query_against_the_server(server: str) -> None:
    pushed = run_cli("push", "--endpoint", f"{server}/store", "--graph", f"{NAMED}/cli")
    assert pushed.returncode == 0, pushed.stderr
    assert "pushed" in pushed.stdout and "triples" in pushed.stdout
    args = ["--endpoint", f"{server}/query", "--default-graph", f"{NAMED}/cli"]
    proc = run_cli("query", "cq03-july-2009-deaths-per-source", "--format", "csv", *args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "source,fatalities,qualifier,quote,attack"
    assert {line.split(",")[1] for line in proc.stdout.splitlines()[1:]} == {"11", "13"}


# --- failures: one line each -------------------------------------------------------------------


class _Stub(BaseHTTPRequestHandler):
    """Answers every request with the status in its path: /401, /403, /500 …"""

    def _answer(self) -> None:
        status = int(self.path.strip("/").split("?")[0] or 200)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = b"Internal failure\nsecond line\n" if status >= 500 else b""
        self.send_response(status)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def stub() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param("/401", "refused the login (HTTP 401)", id="401"),
        pytest.param("/403", "refused the login (HTTP 403)", id="403"),
        pytest.param("/500", "answered HTTP 500: Internal failure", id="500"),
        pytest.param("/404", "answered HTTP 404", id="404"),
    ],
)
def test_http_failures_are_one_line(stub: str, project: Project, path: str, fragment: str) -> None:
    credentials = Credentials("reader", "wrong")
    store = connect(project, endpoint=Endpoint(stub + path, credentials=credentials))
    with pytest.raises(KgError, match=re.escape(fragment)) as query_error:
        run_query(store, resolve_query(project, "disputed"))
    target = PushTarget(stub + path, credentials=credentials)
    with pytest.raises(KgError, match=re.escape(fragment)) as push_error:
        push([project.ontology_path], target)
    for error in (query_error.value, push_error.value):
        assert "\n" not in str(error) and "wrong" not in str(error)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["query", "disputed", "--endpoint", "{closed}/query"], id="query"),
        pytest.param(["push", "--endpoint", "{closed}/store"], id="push"),
        pytest.param(["push", "--update-endpoint", "{closed}/update"], id="push-update"),
    ],
)
def test_an_unreachable_endpoint_is_one_line_in_the_cli(args: list[str]) -> None:
    closed = f"http://127.0.0.1:{_free_port()}"
    proc = run_cli(*(a.format(closed=closed) for a in args))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert f"cannot reach {closed}" in proc.stderr


def test_cli_refused_login_is_one_line(stub: str) -> None:
    proc = run_cli(
        "query", "disputed", "--endpoint", f"{stub}/401", "--user", "reader",
        env={"KG_ENDPOINT_PASSWORD": "secret"},
    )  # fmt: skip
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "refused the login" in proc.stderr and "secret" not in proc.stderr
