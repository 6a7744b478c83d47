"""Helpers for the ``kg serve`` tests: a real server in a subprocess on a free loopback port,
a loopback HTTP listener that counts the requests it gets, and small HTTP calls."""

from __future__ import annotations

import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "a-test-token-of-some-length"


@dataclass(frozen=True)
class Server:
    url: str  #: e.g. http://127.0.0.1:41234/
    process: subprocess.Popen[str]

    @property
    def sparql(self) -> str:
        return self.url + "sparql"


@contextmanager
def running_server(*args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """``kg serve --port 0 ARGS`` until the block ends; waits until it answers queries."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "--project", str(ROOT), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
        assert match, f"no banner: {banner!r} {process.stderr.read() if process.stderr else ''}"
        server = Server(f"http://127.0.0.1:{match.group(1)}/", process)
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _h, _b = get(server.sparql + "?query=ASK%7B%7D", timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def request(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request (HTTP errors included, not raised)."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()
        return exc.code, dict(exc.headers), body


def get(url: str, **kwargs: object) -> tuple[int, dict[str, str], bytes]:
    return request(url, **kwargs)  # type: ignore[arg-type]


def query(server: Server, text: str, accept: str = "", **kwargs: object) -> tuple[int, bytes]:
    """POST *text* as a form; status and body."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    data = urllib.parse.urlencode({"query": text}).encode()
    status, _h, body = request(server.sparql, data=data, headers=headers, **kwargs)  # type: ignore[arg-type]
    return status, body


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def _answer(self) -> None:
        self.hits.append(self.path)
        body = (
            b'{"head":{"vars":["remote"]},"results":{"bindings":'
            b'[{"remote":{"type":"literal","value":"from the remote endpoint"}}]}}'
        )
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        return None


@contextmanager
def counting_endpoint() -> Iterator[tuple[str, list[str]]]:
    """A SPARQL-ish endpoint on loopback that records every request; (URL, hits)."""
    hits: list[str] = []
    handler = type("Handler", (_Counting,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
