"""Compaction benchmark: query latency on the default store just loaded, then compacted.

The default store answers as soon as its pieces are bulk-loaded and compacts itself afterwards in
the background (``kg.backends.embedded``). This measures what the compaction buys: every shipped
query on the store as the load leaves it, then on the same store after ``Store.optimize()``, both
opened read-only as the saved store is (a writable store also compacts on its own while it is
queried, which would blur the first figure). Timed as ``bench_query.py`` does: median of 3 runs
after a warm-up, in milliseconds; a run over 10 s is not repeated.

    .venv/bin/python bench/bench_compaction.py --graph /tmp/kg-bench/synth-2545.nt   # about 1M
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from bench_query import time_query  # the same timing as the query benchmark

from kg.backends.embedded import OxigraphStore, _build
from kg.project import find_project
from kg.query import shipped_queries


def _latencies(store: OxigraphStore, graph: Path) -> dict[str, float]:
    names = shipped_queries(find_project())
    return {name: time_query(store, name, graph, repeat=3, budget=10.0)["median"] for name in names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=find_project().triples_path)
    args = parser.parse_args()
    paths = (args.graph, find_project().ontology_path)
    with tempfile.TemporaryDirectory() as work:
        start = time.perf_counter()
        raw = _build(paths, Path(work))
        loaded = time.perf_counter() - start
        del raw  # closed: the read-only store sees the files exactly as the load left them
        folder = str(Path(work) / "store")
        store = OxigraphStore(ox.Store.read_only(folder))
        triples, before = len(store), _latencies(store, args.graph)
        del store
        raw = ox.Store(folder)
        start = time.perf_counter()
        raw.optimize()
        compacted = time.perf_counter() - start
        del raw
        after = _latencies(OxigraphStore(ox.Store.read_only(folder)), args.graph)
    print(f"{args.graph.name}: {triples:,} triples; load {loaded:.2f} s, ", end="")
    print(f"compaction {compacted:.2f} s\n")
    print("| query | just loaded (ms) | compacted (ms) | speed-up |\n|---|---|---|---|")
    for name in before:
        ratio = before[name] / after[name] if after[name] else float("nan")
        cells = f"{before[name] * 1000:,.1f} | {after[name] * 1000:,.1f} | {ratio:.1f}×"
        print(f"| `{name}` | {cells} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
