"""Load benchmark of ``kg serve`` (not a test): concurrent clients on loopback, bounded in count
and time, asking one simple shipped query; prints requests/s, p50/p99 latency and errors.

    .venv/bin/python bench/bench_serve.py [--clients 8] [--seconds 20] [--query cq17-...]

The server runs in a subprocess (``kg serve --port 0``, its default two query workers); the
clients are threads with one keep-alive connection each, so the machine's two cores are shared
by the server, its workers and the clients, as on a small real deployment.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_REQUESTS_PER_CLIENT = 100_000


def _start(extra: list[str]) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "--project", str(ROOT), "serve", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
    if match is None:
        process.kill()
        raise SystemExit("the server did not start")
    return process, int(match.group(1))


def _client(
    port: int, body: bytes, until: float, latencies: list[float], errors: list[str]
) -> None:
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= until:
            break
        started = time.perf_counter()
        try:
            connection.request("POST", "/sparql", body, headers)
            response = connection.getresponse()
            data = response.read()
            if response.status != 200 or not data.startswith(b'{"head"'):
                errors.append(f"HTTP {response.status}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--query", default="cq17-resettlement-countries")
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 0 < args.seconds <= 300:
        raise SystemExit("keep it bounded: 1-64 clients, at most 300 s")
    text = (ROOT / "queries" / f"{args.query}.rq").read_text(encoding="utf-8")
    body = urllib.parse.urlencode({"query": text}).encode()
    process, port = _start([])
    try:
        time.sleep(1.0)
        warm: list[float] = []
        _client(port, body, time.monotonic() + args.warmup, warm, [])
        latencies: list[float] = []
        errors: list[str] = []
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=_client, args=(port, body, until, latencies, errors))
            for _ in range(args.clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(20)
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan")
    print(f"query {args.query}: {len(text)} characters, {os.cpu_count()} cores")
    print(f"{args.clients} clients for {elapsed:.1f} s: {len(latencies):,} requests answered")
    print(f"throughput  {len(latencies) / elapsed:,.0f} requests/s")
    print(f"latency     p50 {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    print(f"errors      {len(errors)}" + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))


if __name__ == "__main__":
    main()
