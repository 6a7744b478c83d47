"""Who are the central actors of the corpus, and what ties them? A script to copy and adapt.

    .venv/bin/python examples/central_actors.py                 # the whole corpus
    .venv/bin/python examples/central_actors.py --source 002    # as one source tells it
    .venv/bin/python examples/central_actors.py --from 2009 --to 2013 --out /tmp/net

It reads the built graph (run ``make run`` or ``kg build`` first), projects the actor network
from curated facts, ranks the actors by betweenness (who links otherwise separate parts) and
PageRank (who is tied to the well-tied), prints each top actor's strongest ties with a quote and
its source, lists the communities, and writes a Gephi file and a picture.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import kg.network as kn


def main() -> None:
    parser = argparse.ArgumentParser(description="Central actors and the evidence behind them.")
    parser.add_argument("--source", action="append", help="only this source (e.g. 002)")
    parser.add_argument("--from", dest="start", help="time window start (YYYY, YYYY-MM, …)")
    parser.add_argument("--to", dest="end", help="time window end")
    parser.add_argument("--top", type=int, default=10, help="how many actors to show")
    parser.add_argument("--out", type=Path, default=Path("network-out"), help="output folder")
    args = parser.parse_args()

    # 1. The actor network: actors tied through shared events, agreements and statements.
    facts = kn.load_facts()
    G = kn.actor_graph(
        facts, methods=["curated"], sources=args.source, start=args.start, end=args.end
    )
    print(f"{G.number_of_nodes()} actors, {G.number_of_edges()} ties\n")

    # 2. Rank them: plain dicts node -> score, like networkx; the table adds labels and ranks.
    table = kn.centrality_table(G, ["betweenness", "pagerank", "degree"], top=args.top)
    for row in table:
        print(
            f"{row['rank']:>2}. {row['label']:<28} betweenness {row['betweenness']:.3f}  "
            f"pagerank {row['pagerank']:.3f}  ({row['class']})"
        )
        # 3. The evidence behind each top actor's two strongest ties.
        for edge in kn.top_edges(G, row["node"], n=2):
            quote = edge.passages[0]
            print(f"      — {edge.v_label} ({', '.join(edge.relations)}, weight {edge.weight})")
            print(f"        {quote.source}:{quote.start}-{quote.end} “{quote.quote[:100]}”")

    # 4. Communities: who clusters with whom.
    parts = kn.communities(G, seed=0)
    print(f"\n{len(parts)} communities (modularity {kn.modularity(G, parts):.2f}):")
    for i, part in enumerate(parts[:5], start=1):
        names = sorted(G.nodes[n]["label"] for n in part)
        print(f"  {i}. {', '.join(names[:8])}{' …' if len(names) > 8 else ''}")

    # 5. A Gephi file with the scores as node attributes, and a picture.
    args.out.mkdir(parents=True, exist_ok=True)
    kn.annotate(G, ["degree", "betweenness", "pagerank"])
    for node, number in kn.community_map(parts).items():
        G.nodes[node]["community"] = number + 1
    kn.write_network(G, args.out / "actors.gexf")
    kn.draw_network(G, args.out / "actors.png", colour_by="community", size_by="betweenness")
    print(f"\nwrote {args.out / 'actors.gexf'} and {args.out / 'actors.png'}")


if __name__ == "__main__":
    main()
