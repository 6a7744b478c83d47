"""kg.serve.safety and kg.serve.sandbox: what a query may reach, checked without a server."""

from __future__ import annotations

import contextlib
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.serve.safety import Reach, Refused, check_dataset, check_reach, tokens
from kg.serve.sandbox import seccomp_supported

LOCAL = Reach(local=("https://kg.example.org/",))
ALLOWED = Reach(local=("https://kg.example.org/",), remote=("http://127.0.0.1:9999/",))
PREFIXES = "PREFIX : <http://evil.example/> PREFIX ex: <http://evil.example/> "


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("SELECT * { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }", id="plain"),
        pytest.param("select * { service silent <http://evil.example/> {} }", id="silent"),
        pytest.param("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", id="variable"),
        pytest.param(PREFIXES + "SELECT * { SERVICE:x { ?s ?p ?o } }", id="glued-colon"),
        pytest.param(PREFIXES + "SELECT * { SERVICEex:x { ?s ?p ?o } }", id="glued-prefix"),
        pytest.param("SELECT * { ?s ?p trueSERVICE<http://evil.example/>{} }", id="glued-word"),
        pytest.param("SELECT * { ?s ?p 1SERVICE<http://evil.example/>{} }", id="after-number"),
        pytest.param(PREFIXES + "SELECT * { ex:a\\#b ?p ?o . SERVICE ex:e {} }", id="escape-hash"),
        pytest.param("SELECT * {#c\rSERVICE <http://evil.example/> {} }", id="comment-cr"),
        pytest.param(
            "BASE <http://evil.example/> SELECT * { SERVICE <sparql> {} }", id="relative-iri"
        ),
        pytest.param("LOAD <http://evil.example/data.ttl>", id="load"),
        pytest.param(PREFIXES + "LOADex:x", id="load-glued"),
        pytest.param("SELECT * FROM <http://evil.example/g> { ?s ?p ?o }", id="from"),
        pytest.param("SELECT * FROM NAMED <http://evil.example/g> { ?s ?p ?o }", id="from-named"),
        pytest.param(PREFIXES + "SELECT * FROMex:g { ?s ?p ?o }", id="from-glued"),
    ],
)
def test_outbound_requests_are_refused(text: str) -> None:
    with pytest.raises(Refused):
        check_reach(text, LOCAL)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?s WHERE { ?s a <https://kg.example.org/ontology#Attack> }",
        'SELECT * { ?s ?p "SERVICE <http://evil.example/> {}" } # SERVICE <http://evil.example/>',
        "PREFIX kg: <https://kg.example.org/ontology#> SELECT ?f { ?e kg:relocatedFrom ?f }",
        "SELECT ?fromage ?serviceLevel { ?fromage ?serviceLevel ?o }",
        "SELECT * FROM <https://kg.example.org/graph/registry> { ?s ?p ?o }",
        "SELECT * { <http://example.org/services/a> ?p ?o }",
    ],
)
def test_local_queries_pass(text: str) -> None:
    check_reach(text, LOCAL)


def test_allow_list() -> None:
    check_reach("SELECT * { SERVICE <http://127.0.0.1:9999/sparql> { ?s ?p ?o } }", ALLOWED)
    check_reach("SELECT * FROM <http://127.0.0.1:9999/g> { ?s ?p ?o }", ALLOWED)
    with pytest.raises(Refused):
        check_reach("SELECT * { SERVICE <http://127.0.0.2:9999/sparql> {} }", ALLOWED)
    # With an allow-list, a mention the checker cannot tie to an IRI is refused too.
    hidden = "SELECT * { BIND(1 AS ?a) FILTER(?a<?b)SERVICE:x#>\n{ } }"
    with pytest.raises(Refused, match="cannot tell"):
        check_reach(PREFIXES + hidden, ALLOWED)
    with pytest.raises(Refused, match="cannot tell"):
        check_reach(PREFIXES + hidden, LOCAL, strict=True)


def test_protocol_dataset() -> None:
    check_dataset(("https://kg.example.org/graph/registry",), (), LOCAL)
    with pytest.raises(Refused):
        check_dataset((), ("http://evil.example/g",), LOCAL)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_checker_never_crashes(text: str) -> None:
    with contextlib.suppress(Refused):
        check_reach(text, ALLOWED)
    assert all(token.text for token in tokens(text))


@pytest.mark.skipif(not seccomp_supported(), reason="seccomp filter: Linux x86-64/AArch64 only")
def test_sandbox_forbids_ip_sockets() -> None:
    code = (
        "import socket\n"
        "from kg.serve.sandbox import deny_network\n"
        "assert deny_network()\n"
        "a, b = socket.socketpair(); a.close(); b.close()\n"
        "for family in (socket.AF_INET, socket.AF_INET6):\n"
        "    try:\n"
        "        socket.socket(family)\n"
        "    except PermissionError:\n"
        "        continue\n"
        "    raise SystemExit('an IP socket was opened')\n"
        "print('sandboxed')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "sandboxed"
