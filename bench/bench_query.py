"""Query benchmark: load time and query latency of the three stores, side by side.

For the corpus graph and synthetic graphs of about 100k, 1M and 10M triples (``kg synth``, made
once and kept in the work folder), it measures for each store:

- **oxigraph** (the default): building the on-disk cache from the graph file and the ontology —
  the load (the file cut into pieces bulk-loaded side by side), after which the store answers,
  then the compaction and save that follow in the background, timed apart (the median of up to
  5 builds within 10 s, one where a build takes longer) — and every query against the saved,
  read-only store; for comparison, one bulk load into an in-memory store;
- **memory** (rdflib): parsing the files into an in-memory graph, then every query. Where loading
  takes more than a minute it is not run, and a single query run over a minute is cut off;
- **remote**: an Oxigraph server (the ``oxigraph`` package) on 127.0.0.1, loaded with ``kg push``
  over the Graph Store Protocol, queried over HTTP through SPARQLWrapper.

Every shipped query (``queries/*.rq``) runs once to warm up, then up to ``--repeat`` times within
``--budget`` seconds (at least 3 runs unless one run exceeds the budget); the table gives the
median and the 95th percentile (nearest rank) in milliseconds. ``facts-with-evidence`` is bound to
one event (the July 2009 attack on the corpus, the first synthetic event otherwise), as it is
meant to be used. Each store and size runs in its own process.

    .venv/bin/python bench/bench_query.py                          # corpus, 100k, 1m, 10m
    .venv/bin/python bench/bench_query.py --sizes corpus,100k --repeat 10
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.project import find_project
from kg.query import run_query, shipped_queries
from kg.store import GraphStore

SIZES = {"corpus": 0, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
TRIPLES_PER_EVENT = 393  # what kg synth writes per event, on average
LOAD_RUNS, LOAD_BUDGET_S = 5, 10.0  # builds of the default store's cache: at most, within
MEMORY_LIMIT_S = 60
STORES = ("oxigraph", "memory", "remote")


class _Timeout(BaseException):  # not an Exception: the code it interrupts must not catch it
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _graph(size: str, workdir: Path, turtle: bool = False) -> Path:
    """The graph file of *size*: the corpus graph, or a synthetic one (made once), in N-Triples
    as ``kg synth`` writes it or, with *turtle*, the same graph in Turtle (written by Oxigraph)."""
    project = find_project()
    if SIZES[size] == 0:
        return project.triples_path
    from kg.synth import synthesize

    events = math.ceil(SIZES[size] / TRIPLES_PER_EVENT)
    path = workdir / f"synth-{events}.nt"
    if not path.exists():
        print(f"# writing {path} ({events} events) …", file=sys.stderr, flush=True)
        synthesize(events, path, seed=0)
    if not turtle:
        return path
    ttl = path.with_suffix(".ttl")
    if not ttl.exists():
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        prefixes = {"kg": "https://kg.example.org/ontology#", "prov": "http://www.w3.org/ns/prov#"}
        store.dump(str(ttl), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)
    return ttl


def _entity(graph: Path) -> URIRef:
    if graph == find_project().triples_path:
        return URIRef("https://kg.example.org/id/event/attack-ashraf-2009-07")
    return URIRef("https://kg.example.org/id/event/synth-00000000")


# --- the worker: one store, one graph, in its own process ---------------------------------------


def _open(
    store: str, graph: Path, endpoint: str | None, scratch: Path
) -> tuple[GraphStore, float, dict[str, float]]:
    project = find_project()
    files = (graph, project.ontology_path)
    start = time.perf_counter()
    if store == "oxigraph":
        return _build_cache(files, scratch)
    if store == "memory":
        from kg.backends.memory import RdflibStore

        signal.alarm(MEMORY_LIMIT_S)
        try:
            opened: GraphStore = RdflibStore.from_files(*files)
        finally:
            signal.alarm(0)
    else:
        from kg.backends.remote import Endpoint, RemoteStore
        from kg.push import PushTarget, push

        assert endpoint is not None
        push(files, PushTarget(f"{endpoint}/store"), replace=True)
        opened = RemoteStore(Endpoint(f"{endpoint}/query", timeout=3600))
    return opened, time.perf_counter() - start, {}


def _build_cache(
    files: tuple[Path, ...], scratch: Path
) -> tuple[GraphStore, float, dict[str, float]]:
    """Build the default store's cache from scratch, several times when that is quick: the
    median load (until the store answers) and the median compaction and save after it."""
    from kg.backends.embedded import OxigraphStore

    loads: list[float] = []
    compactions: list[float] = []
    deadline = time.perf_counter() + LOAD_BUDGET_S
    while True:
        folder = scratch / f"cache-{len(loads)}"
        start = time.perf_counter()
        cached = OxigraphStore.cached(*files, cache_dir=folder)
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        cached.wait_saved()  # the queries run on the saved store, as every later run does
        compactions.append(time.perf_counter() - start)
        if len(loads) == LOAD_RUNS or time.perf_counter() > deadline:
            break
        del cached
        shutil.rmtree(folder)
    extra = {"compact": statistics.median(compactions), "load_runs": len(loads)}
    return cached, statistics.median(loads), extra


def time_query(
    store: GraphStore, name: str, graph: Path, repeat: int, budget: float
) -> dict[str, Any]:
    project = find_project()
    query = shipped_queries(project)[name]
    params = {"entity": _entity(graph)} if name == "facts-with-evidence" else {}
    limit = MEMORY_LIMIT_S if store.kind.value == "memory" else 0
    times: list[float] = []
    rows = 0
    deadline = time.perf_counter() + budget
    try:
        for i in range(repeat + 1):
            signal.alarm(limit)
            start = time.perf_counter()
            rows = len(run_query(store, query, params).rows)
            elapsed = time.perf_counter() - start
            signal.alarm(0)
            if i > 0 or elapsed > budget:  # the first run warms up, unless it is all we can afford
                times.append(elapsed)
            if (len(times) >= 3 and time.perf_counter() > deadline) or elapsed > budget:
                break
    except _Timeout:
        return {"timeout": limit}
    times.sort()
    p95 = times[max(0, math.ceil(0.95 * len(times)) - 1)]
    return {"median": statistics.median(times), "p95": p95, "runs": len(times), "rows": rows}


def worker(args: argparse.Namespace) -> None:
    signal.signal(signal.SIGALRM, _alarm)
    graph = Path(args.graph)
    with tempfile.TemporaryDirectory(dir=args.workdir) as scratch:
        try:
            store, load, extra = _open(args.worker, graph, args.endpoint, Path(scratch))
        except _Timeout:
            print(json.dumps({"load": None, "note": f"load > {MEMORY_LIMIT_S} s"}))
            return
        triples = len(store)
        out: dict[str, Any] = {"load": load, "triples": triples, "queries": {}, **extra}
        for name in shipped_queries(find_project()):
            out["queries"][name] = time_query(store, name, graph, args.repeat, args.budget)
            print(f"#   {args.worker} {name}: {out['queries'][name]}", file=sys.stderr, flush=True)
        if args.worker == "oxigraph":  # the same loader without the disk, for comparison
            from kg.backends.embedded import OxigraphStore

            del store
            start = time.perf_counter()
            OxigraphStore.from_files(graph, find_project().ontology_path)
            out["load_in_memory"] = time.perf_counter() - start
        print(json.dumps(out))


# --- the driver --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _run_worker(store: str, graph: Path, args: argparse.Namespace, endpoint: str | None) -> Any:
    cmd = [sys.executable, __file__, "--worker", store, "--graph", str(graph)]
    cmd += ["--repeat", str(args.repeat), "--budget", str(args.budget), "--workdir", args.workdir]
    cmd += ["--endpoint", endpoint] if endpoint else []
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        return {"load": None, "note": f"failed (exit {proc.returncode})"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _with_server(graph: Path, args: argparse.Namespace) -> Any:
    binary = Path(sys.executable).with_name("oxigraph")
    port = _free_port()
    with tempfile.TemporaryDirectory(dir=args.workdir) as location:
        cmd = [str(binary), "serve", "--location", location, "--bind", f"127.0.0.1:{port}"]
        server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"{base}/", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            return _run_worker("remote", graph, args, base)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _cell(result: dict[str, Any] | None) -> str:
    if not result:
        return "–"
    if "timeout" in result:
        return f"> {result['timeout']} s"
    return f"{result['median'] * 1000:,.1f} / {result['p95'] * 1000:,.1f}"


def _load_cell(result: dict[str, Any]) -> str:
    if result.get("load") is None:
        return f"not run: {result.get('note', '')}"
    rate = result["triples"] / result["load"]
    text = f"{result['load']:,.2f} s ({rate / 1000:,.0f}k triples/s)"
    if result.get("load_runs", 1) > 1:
        text = f"{text[:-1]}; median of {result['load_runs']})"
    if "compact" in result:
        total = result["load"] + result["compact"]
        text += (
            f", then compaction {result['compact']:,.2f} s in the background"
            f" (in all {total:,.2f} s, {result['triples'] / total / 1000:,.0f}k/s)"
        )
    if "load_in_memory" in result:
        rate = result["triples"] / result["load_in_memory"]
        text += f"; in memory {result['load_in_memory']:,.1f} s ({rate / 1000:,.0f}k/s)"
    return text


def _table(size: str, results: dict[str, Any]) -> str:
    triples = max((r.get("triples") or 0) for r in results.values())
    names = sorted({n for r in results.values() for n in r.get("queries", {})})
    head = ["oxigraph (default)", "memory (rdflib)", "remote (Oxigraph server)"]
    lines = [
        f"**{size}**: {triples:,} triples in the store (graph + ontology)",
        "",
        "| | " + " | ".join(head) + " |",
        "|---|" + "---|" * len(head),
        "| load | " + " | ".join(_load_cell(results[s]) for s in STORES) + " |",
    ]
    for name in names:
        cells = [_cell(results[s].get("queries", {}).get(name)) for s in STORES]
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    import pyoxigraph
    import rdflib

    versions = f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}"
    return (
        f"{os.cpu_count()} cores ({model}), {mem_kb / 1024**2:.0f} GiB RAM, "
        f"Python {platform.python_version()}, {versions}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="corpus,100k,1m,10m", help="of corpus, 100k, 1m, 10m")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query (at most)")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per query and store")
    parser.add_argument("--turtle", action="store_true", help="synthetic graphs in Turtle")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "kg-bench"))
    parser.add_argument("--worker", choices=STORES, help=argparse.SUPPRESS)
    parser.add_argument("--graph", help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    args = parser.parse_args()
    Path(args.workdir).mkdir(parents=True, exist_ok=True)
    if args.worker:
        worker(args)
        return
    print(f"machine: {_machine()}\n")
    for size in args.sizes.split(","):
        graph = _graph(size, Path(args.workdir), args.turtle)
        results: dict[str, Any] = {}
        for store in STORES:
            print(f"# {size}: {store} …", file=sys.stderr, flush=True)
            if store == "remote":
                results[store] = _with_server(graph, args)
            else:
                results[store] = _run_worker(store, graph, args, None)
        print(_table(size, results) + "\n", flush=True)
    shutil.rmtree(Path(args.workdir) / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()
