"""Writing projected graphs for Gephi, Cytoscape or a spreadsheet: GraphML, GEXF and CSV.

Labels and attributes are kept: tuple attributes (statements, sources, relations) become
``"; "``-joined text, evidence passages become ``file:start-end`` spans, and each edge gets
``n_evidence`` and its first ``quote``. The entity id is written as ``kg_id`` (GEXF reserves
``id``). GEXF files also carry Gephi colours (by kind) and sizes (by PageRank, when the nodes
have it). Files are written atomically.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.Graph([("a", "b", {"weight": 2, "sources": ("001.txt", "002.txt")})])
>>> out = pathlib.Path(tempfile.mkdtemp()) / "net.graphml"
>>> [p.name for p in write_network(G, out)]
['net.graphml']
>>> nx.read_graphml(out).edges["a", "b"]["sources"]
'001.txt; 002.txt'
"""

from __future__ import annotations

import csv
import enum
import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from kg.build import write_atomic as _write_atomic
from kg.errors import KgError
from kg.network._edges import Link
from kg.network.facts import EvidenceRef, Passage

__all__ = ["KIND_COLOURS", "ExportFormat", "exportable", "write_file", "write_network"]

#: Colours of the broad kinds of node (hex), shared by the GEXF export and the plots.
KIND_COLOURS = {
    "Person": "#1f77b4",
    "Organisation": "#d62728",
    "Group": "#2ca02c",
    "Actor": "#9467bd",
    "Event": "#ff7f0e",
    "Agreement": "#8c564b",
    "PublishedDocument": "#bcbd22",
    "Location": "#17becf",
    "PositionHolding": "#e377c2",
    "Literal": "#7f7f7f",
    "Other": "#7f7f7f",
}


def write_file(data: bytes, path: Path) -> Path:
    """Write *data* to *path* atomically, readable as any new file is (the umask's mode, not
    the temporary file's owner-only one)."""
    _write_atomic(data, path)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
    return path


class ExportFormat(enum.Enum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"

    @classmethod
    def parse(cls, name: str | ExportFormat) -> ExportFormat:
        try:
            return cls(name)
        except ValueError:
            choices = ", ".join(f.value for f in cls)
            raise KgError(f"unknown export format {name!r}; choose one of {choices}") from None

    @classmethod
    def for_path(cls, path: Path) -> ExportFormat:
        return cls.parse(path.suffix.lstrip(".").lower() or "(none)")


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    if value is None:
        return ""
    if isinstance(value, Passage | EvidenceRef):
        return f"{value.source}:{value.start}-{value.end}"
    if isinstance(value, Link):
        return f"{value.relation} {value.via}"
    if isinstance(value, tuple | list | set | frozenset):
        return "; ".join(str(_scalar(v)) for v in value)
    return str(value)


def _attributes(data: Mapping[str, Any]) -> dict[str, str | int | float | bool]:
    out = {("kg_id" if k == "id" else k): _scalar(v) for k, v in data.items() if k != "links"}
    passages = data.get("sentences") or data.get("evidence")
    if passages is not None:
        out["n_evidence"] = len(passages)
        out["quote"] = passages[0].quote[:300] if passages else ""
    return out


def exportable(G: nx.Graph) -> nx.Graph:
    """A copy of *G* whose node, edge and graph attributes are plain text or numbers."""
    out = G.__class__()
    out.graph.update({k: _scalar(v) for k, v in G.graph.items()})
    for node, data in G.nodes(data=True):
        out.add_node(node, **_attributes(data))
    for u, v, data in G.edges(data=True):
        out.add_edge(u, v, **_attributes(data))
    return out


def _graphml(G: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(exportable(G), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _gexf(G: nx.Graph) -> bytes:
    flat = exportable(G)
    ranks = [float(d.get("pagerank", 0.0)) for _, d in flat.nodes(data=True)]
    top = max(ranks, default=0.0) or 1.0
    for _, data in flat.nodes(data=True):
        hex_colour = KIND_COLOURS.get(str(data.get("kind", "Other")), KIND_COLOURS["Other"])
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        size = 5.0 + 45.0 * float(data.get("pagerank", 0.0)) / top
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": size}
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _csv(rows: list[dict[str, Any]]) -> bytes:
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _csv_tables(G: nx.Graph) -> tuple[bytes, bytes]:
    """Gephi's spreadsheet import: an edge table (Source, Target, Type, Weight, …) and a node
    table (Id, Label, …)."""
    flat = exportable(G)
    kind = "Directed" if G.is_directed() else "Undirected"
    edges = [
        {"Source": u, "Target": v, "Type": kind, "Weight": d.pop("weight", 1), **d}
        for u, v, d in flat.edges(data=True)
    ]
    nodes = [{"Id": n, "Label": d.pop("label", n), **d} for n, d in flat.nodes(data=True)]
    return _csv(edges), _csv(nodes)


def write_network(
    G: nx.Graph, path: str | Path, *, format: ExportFormat | str | None = None
) -> list[Path]:
    """Write *G* to *path* as GraphML, GEXF or CSV (default: from the file's suffix).

    CSV writes two files: the edges to *path* and the nodes beside it (``net.csv`` →
    ``net.nodes.csv``), the two tables Gephi's spreadsheet import asks for.

    Returns
    -------
    list of Path
        The files written.
    """
    path = Path(path)
    fmt = ExportFormat.parse(format) if format is not None else ExportFormat.for_path(path)
    if fmt is ExportFormat.GRAPHML:
        write_file(_graphml(G), path)
        return [path]
    if fmt is ExportFormat.GEXF:
        write_file(_gexf(G), path)
        return [path]
    edges, nodes = _csv_tables(G)
    node_path = path.with_name(f"{path.stem}.nodes{path.suffix or '.csv'}")
    write_file(nodes, node_path)
    write_file(edges, path)
    return [path, node_path]
