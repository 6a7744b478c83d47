"""Network analysis at scale: projection and measures on synthetic graphs up to 100k actors and
1M edges, with the networkx and igraph engines side by side.

A synthetic :class:`~kg.network.Facts` index is made of attacks, each with one or two
perpetrators, one or two targets and sometimes an orderer, drawn half uniformly and half
preferentially (so there are hubs, as in real actor networks), every fact with one evidence
passage. Each size runs in its own process, so the peak memory (maximum resident set size) is
that size's own. Per size it prints the seconds of:

- *facts*: making the synthetic index; *projection*: :func:`~kg.network.actor_graph`;
- *degree*; *PageRank* with networkx (scipy) and igraph, their largest difference (relative
  to the top score) and whether they rank the same top 10 (so for betweenness below);
- *sampled betweenness* (k = 200, seed 1) with igraph, and with networkx where it fits in the
  time budget — on the largest graph networkx runs the same sample at k = 10 to check that the
  engines agree and to measure the speedup (its k = 200 time is that × 20, marked "est.");
- *communities* (Louvain, networkx).

    .venv/bin/python bench/bench_network.py                # 1k/10k, 10k/100k, 100k/1M
    .venv/bin/python bench/bench_network.py --sizes 1000:10000 --nx-k 200
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from kg.namespaces import KG
from kg.network import EvidenceRef, Fact, Facts, load_facts, rank
from kg.network.facts import Triple

BASE = "https://bench.example.org/id/"
CLASSES = ("ArmedForce", "Government", "Militia", "Group", "Person", "PoliticalMovement")


def synthetic_facts(actors: int, edges: int, *, seed: int = 1) -> Facts:
    """About *edges* actor–actor ties among *actors* actors, through attacks."""
    rng = random.Random(seed)
    superclasses = load_facts().superclasses
    names = [f"{BASE}actor/{i}" for i in range(actors)]
    types = {n: frozenset({f"{KG._NS}{CLASSES[i % len(CLASSES)]}"}) for i, n in enumerate(names)}
    labels = {n: f"Actor {i}" for i, n in enumerate(names)}
    facts: dict[Triple, Fact] = {}
    count = iter(range(1 << 62))

    def pick() -> str:  # half uniform, half preferential (a few hubs)
        u = rng.random()
        return names[int(actors * u * u) if rng.random() < 0.5 else int(actors * u)]

    def add(event: str, prop: str, actor: str) -> None:
        n = next(count)
        st = f"{BASE}statement/{n}"
        ev = EvidenceRef(
            "synthetic.txt", n, n + 10, "a quote", f"{BASE}evidence/{n}", "CuratedAnnotation"
        )
        facts[(event, prop, actor)] = Fact(st, event, prop, actor, (ev,))

    # perpetrators × targets + co-perpetrators + orderer × perpetrators ≈ 3.4 ties per attack
    for e in range(int(edges / 3.4)):
        event = f"{BASE}event/{e}"
        types[event] = frozenset({str(KG.Attack)})
        roles = [(KG.perpetrator, pick()) for _ in range(rng.choice((1, 2)))]
        roles += [(KG.target, pick()) for _ in range(rng.choice((1, 2)))]
        if rng.random() < 0.5:
            roles.append((KG.orderedBy, pick()))
        for prop, actor in roles:
            add(event, str(prop), actor)
    return Facts(triples=(), facts=facts, types=types, labels=labels, superclasses=superclasses)


def _timed(stage: str, fn: Callable[[], Any]) -> tuple[Any, float]:
    print(f"  {stage} …", end="", flush=True, file=sys.stderr)
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    print(f" {seconds:.1f} s", file=sys.stderr)
    return result, seconds


def _max_diff(a: dict[Any, float], b: dict[Any, float]) -> float:
    """The largest difference between the engines, relative to the top score."""
    return max(abs(a[n] - b[n]) for n in a) / (max(abs(x) for x in a.values()) or 1.0)


def _same_top(a: dict[Any, float], b: dict[Any, float], n: int = 10) -> bool:
    return [x for x, _ in rank(a, top=n)] == [x for x, _ in rank(b, top=n)]


def run_one(actors: int, edges: int, nx_k: int | None) -> dict[str, Any]:
    """Everything for one size, in this process."""
    import igraph  # noqa: F401  (imported here, so its import time is not timed below)

    import kg.network as kn

    out: dict[str, Any] = {"actors": actors, "target_edges": edges}
    facts, out["facts_s"] = _timed("facts", lambda: synthetic_facts(actors, edges))
    G, out["projection_s"] = _timed("projection", functools.partial(kn.actor_graph, facts))
    out["nodes"], out["edges"] = G.number_of_nodes(), G.number_of_edges()
    del facts
    _, out["degree_s"] = _timed("degree", lambda: kn.degree_centrality(G))
    pr_nx, out["pagerank_nx_s"] = _timed(
        "pagerank networkx", lambda: kn.pagerank(G, engine="networkx")
    )
    pr_ig, out["pagerank_ig_s"] = _timed("pagerank igraph", lambda: kn.pagerank(G, engine="igraph"))
    out["pagerank_max_diff"] = _max_diff(pr_nx, pr_ig)
    out["pagerank_same_top10"] = _same_top(pr_nx, pr_ig)
    bc_ig, out["betweenness_ig_s"] = _timed(
        "betweenness k=200 igraph",
        lambda: kn.betweenness_centrality(G, k=200, seed=1, engine="igraph"),
    )
    k = 200 if nx_k is None else nx_k
    if k != 200:  # check the engines on a smaller sample of the same seed
        bc_ig, out["betweenness_ig_small_s"] = _timed(
            f"betweenness k={k} igraph",
            lambda: kn.betweenness_centrality(G, k=k, seed=1, engine="igraph"),
        )
    bc_nx, seconds = _timed(
        f"betweenness k={k} networkx",
        lambda: kn.betweenness_centrality(G, k=k, seed=1, engine="networkx"),
    )
    out["betweenness_nx_k"] = k
    out["betweenness_nx_s"] = seconds
    out["betweenness_nx_200_s"] = seconds * 200 / k
    out["betweenness_max_diff"] = _max_diff(bc_nx, bc_ig)
    out["betweenness_same_top10"] = _same_top(bc_nx, bc_ig)
    _, out["louvain_s"] = _timed("communities (Louvain)", lambda: kn.communities(G))
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _row(r: dict[str, Any]) -> str:
    est = "" if r["betweenness_nx_k"] == 200 else " est."
    speedup = r["betweenness_nx_200_s"] / r["betweenness_ig_s"]
    return (
        f"| {r['nodes']:,} | {r['edges']:,} | {r['facts_s']:.1f} | {r['projection_s']:.1f} "
        f"| {r['degree_s']:.2f} | {r['pagerank_nx_s']:.1f} / {r['pagerank_ig_s']:.2f} "
        f"| {r['betweenness_nx_200_s']:.0f}{est} / {r['betweenness_ig_s']:.1f} ({speedup:.0f}×) "
        f"| {r['pagerank_max_diff']:.0e} / {r['betweenness_max_diff']:.0e} "
        f"| {'yes' if r['pagerank_same_top10'] and r['betweenness_same_top10'] else 'NO'} "
        f"| {r['louvain_s']:.1f} "
        f"| {r['peak_rss_mb']:,.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000:10000,10000:100000,100000:1000000",
        help="actors:edges pairs, comma-separated",
    )
    parser.add_argument(
        "--nx-k",
        type=int,
        default=None,
        help="networkx's betweenness sample on graphs of 500k edges or more (default 10)",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        actors, edges, nx_k = (int(x) for x in args.one.split(":"))
        print(json.dumps(run_one(actors, edges, nx_k or None)))
        return
    results = []
    for size in args.sizes.split(","):
        actors, edges = (int(x) for x in size.split(":"))
        nx_k = args.nx_k if args.nx_k is not None else (10 if edges >= 500_000 else 200)
        print(f"{actors:,} actors, ~{edges:,} edges:", file=sys.stderr)
        proc = subprocess.run(
            [sys.executable, __file__, "--one", f"{actors}:{edges}:{nx_k}"],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        results.append(json.loads(proc.stdout))
    print(
        "| nodes | edges | facts (s) | projection (s) | degree (s) | PageRank nx / igraph (s) "
        "| betweenness k=200 nx / igraph (s) | max diff PR / BC | same top 10 | Louvain (s) "
        "| peak RSS (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(_row(r))


if __name__ == "__main__":
    main()
