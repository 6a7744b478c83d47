"""Reports for people and programs: ranked nodes with the evidence behind their top edges,
communities and paths, as an aligned table, CSV or JSON. Used by ``kg network``.

>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> print(format_ranking(ranking(G, "degree", top=1, edges=0), "degree", "csv").strip())
rank,node,id,label,class,degree,neighbours
1,b,,b,,1.0,2
"""

from __future__ import annotations

import csv
import enum
import io
import json
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.network.evidence import EdgeEvidence, top_edges
from kg.network.measures import Engine, Measure, centrality, rank

__all__ = [
    "ReportFormat",
    "format_communities",
    "format_path",
    "format_ranking",
    "ranking",
]


class ReportFormat(enum.Enum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"

    @classmethod
    def parse(cls, name: str | ReportFormat) -> ReportFormat:
        try:
            return cls(name)
        except ValueError:
            choices = ", ".join(f.value for f in cls)
            raise KgError(f"unknown output format {name!r}; choose one of {choices}") from None


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def ranking(
    G: nx.Graph,
    measure: Measure | str,
    *,
    top: int | None = 10,
    edges: int = 1,
    k: int | None = None,
    seed: int | None = None,
    engine: Engine = "auto",
    scores: Mapping[Hashable, float] | None = None,
) -> list[dict[str, Any]]:
    """The *top* nodes by *measure* (or by precomputed *scores*), each with its *edges*
    strongest edges explained."""
    if scores is None:
        scores = centrality(G, measure, k=k, seed=seed, engine=engine)
    name = Measure.parse(measure).value
    rows = []
    shown: set[Hashable] = set()  # each edge is explained once, under its first ranked end
    for i, (node, score) in enumerate(rank(scores, top=top), start=1):
        data = G.nodes[node]
        explained = top_edges(G, node, n=edges, skip=shown) if edges > 0 else []
        shown.add(node)
        rows.append(
            {
                "rank": i,
                "node": str(node),
                "id": data.get("id", ""),
                "label": data.get("label", str(node)),
                "class": data.get("class", ""),
                name: score,
                "neighbours": G.degree(node),
                "top_edges": explained,
            }
        )
    return rows


def _edge_lines(edge: EdgeEvidence, passages: int, width: int) -> list[str]:
    via = ", ".join(_short(v, 60) for v in edge.via_labels[:3])
    more = f" and {len(edge.via) - 3} more" if len(edge.via) > 3 else ""
    sources = ", ".join(s.split("_", 1)[0] for s in edge.sources)
    lines = [
        f"  {edge.u_label} — {edge.v_label}: weight {edge.weight} "
        f"({', '.join(edge.relations)}; sources {sources})",
        f"      via {via}{more}",
    ]
    for p in edge.passages[:passages]:
        lines.append(f"      {p.source}:{p.start}-{p.end}  “{_short(p.quote, width)}”")
    return lines


def format_ranking(
    rows: Sequence[dict[str, Any]],
    measure: Measure | str,
    fmt: ReportFormat | str,
    *,
    passages: int = 2,
    width: int = 90,
) -> str:
    """*rows* of :func:`ranking` as a table (with an evidence section), CSV or JSON."""
    name, kind = Measure.parse(measure).value, ReportFormat.parse(fmt)
    columns = ["rank", "node", "id", "label", "class", name, "neighbours"]
    if kind is ReportFormat.JSON:
        data = [
            {
                **{c: r[c] for c in columns},
                "top_edges": [e.as_dict(passages=passages) for e in r["top_edges"]],
            }
            for r in rows
        ]
        return json.dumps(data, ensure_ascii=False, indent=2)
    if kind is ReportFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([r[c] for c in columns] for r in rows)
        return buffer.getvalue().rstrip("\n")
    head = ("rank", "label", "class", name, "neighbours")
    body = [
        (str(r["rank"]), _short(r["label"], 44), r["class"], f"{r[name]:.4f}", str(r["neighbours"]))
        for r in rows
    ]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]
    lines = [
        "  ".join(x.ljust(w) for x, w in zip(line, widths, strict=True)).rstrip()
        for line in (head, *body)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    edges = [e for r in rows for e in r["top_edges"]]
    if edges:
        lines += [
            "",
            "Evidence behind the top edges (weight: occurrences shared; quotes: source:start-end):",
        ]
        for edge in edges:
            lines += _edge_lines(edge, passages, width)
    return "\n".join(lines)


def format_communities(
    G: nx.Graph,
    parts: Sequence[frozenset[Hashable]],
    fmt: ReportFormat | str,
    *,
    modularity: float,
    members: int = 12,
) -> str:
    """Communities, largest first, members by degree; *members* names shown per community."""
    kind = ReportFormat.parse(fmt)
    ordered = [
        sorted(part, key=lambda n: (-G.degree(n), str(G.nodes[n].get("label", n))))
        for part in parts
    ]
    if kind is ReportFormat.JSON:
        data = {
            "modularity": modularity,
            "communities": [
                {
                    "community": i,
                    "size": len(nodes),
                    "members": [
                        {"node": str(n), "label": G.nodes[n].get("label", str(n))} for n in nodes
                    ],
                }
                for i, nodes in enumerate(ordered, start=1)
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    if kind is ReportFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["community", "node", "label", "class", "neighbours"])
        for i, nodes in enumerate(ordered, start=1):
            for n in nodes:
                d = G.nodes[n]
                writer.writerow([i, n, d.get("label", n), d.get("class", ""), G.degree(n)])
        return buffer.getvalue().rstrip("\n")
    lines = []
    for i, nodes in enumerate(ordered, start=1):
        names = ", ".join(str(G.nodes[n].get("label", n)) for n in nodes[:members])
        more = f", … ({len(nodes) - members} more)" if len(nodes) > members else ""
        lines.append(f"{i:>2}. ({len(nodes)}) {names}{more}")
    lines.append(f"{len(parts)} communities, modularity {modularity:.3f}")
    return "\n".join(lines)


def format_path(
    steps: Sequence[EdgeEvidence], fmt: ReportFormat | str, *, passages: int = 2, width: int = 90
) -> str:
    """A path's steps, each with its relations, connecting occurrences, statements and quotes."""
    kind = ReportFormat.parse(fmt)
    if kind is ReportFormat.JSON:
        return json.dumps(
            [s.as_dict(passages=passages) for s in steps], ensure_ascii=False, indent=2
        )
    if kind is ReportFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["step", "from", "to", "weight", "relations", "statements", "sources"])
        for i, s in enumerate(steps, start=1):
            writer.writerow(
                [
                    i,
                    s.u,
                    s.v,
                    s.weight,
                    "; ".join(s.relations),
                    "; ".join(s.statements),
                    "; ".join(s.sources),
                ]
            )
        return buffer.getvalue().rstrip("\n")
    if not steps:
        return "(the two names are the same node)"
    names = [steps[0].u_label, *(s.v_label for s in steps)]
    lines = [" → ".join(names) + f"  ({len(steps)} step{'s' * (len(steps) != 1)})"]
    for i, step in enumerate(steps, start=1):
        lines.append(f"step {i}:")
        lines += _edge_lines(step, passages, width)
        lines.append("      statements:")
        for iri, fact in list(zip(step.statements, step.statement_labels, strict=True))[:6]:
            lines.append(f"      {iri.rsplit('/', 1)[-1]}  {_short(fact, 2 * width)}")
        if len(step.statements) > 6:
            lines.append(f"      … and {len(step.statements) - 6} more statements")
    return "\n".join(lines)
