"""A readable picture of a projected network (PNG, SVG or PDF) with matplotlib.

Node size follows a centrality measure, colour the node's kind, class or community; the most
central nodes are labelled, edge width follows the edge weight. matplotlib is imported only when
a picture is drawn, and no global pyplot state is touched.
"""

from __future__ import annotations

import io
import math
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from kg.errors import KgError
from kg.network.communities import communities, community_map
from kg.network.export import KIND_COLOURS, write_file
from kg.network.measures import Measure, centrality, rank

__all__ = ["ColourBy", "draw_network", "layout", "picture_format"]

ColourBy = Literal["kind", "class", "community"]
# matplotlib's tab10 then the light half of tab20
_PALETTE = (
    *("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"),
    *("#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"),
    *("#aec7e8", "#ff9896", "#98df8a", "#ffbb78", "#c5b0d5"),
    *("#c49c94", "#f7b6d2", "#9edae5", "#dbdb8d", "#c7c7c7"),
)
_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def picture_format(path: Path) -> str:
    """``png``, ``svg`` or ``pdf``, from *path*'s suffix; anything else is a :class:`KgError`."""
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KgError(f"{path}: give a .png, .svg or .pdf file name")
    return fmt


def layout(G: nx.Graph, *, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """Positions: the largest component by Kamada–Kawai (even spacing, seeded by a spring
    layout), the small ones in a ring around it, so no component hides another."""
    if len(G) == 0:
        return {}
    undirected = G.to_undirected(as_view=True)
    parts = sorted(nx.connected_components(undirected), key=len, reverse=True)
    main = undirected.subgraph(parts[0])
    start = nx.spring_layout(main, weight=None, seed=seed)
    inner = nx.kamada_kawai_layout(main, pos=start, weight=None) if len(main) > 2 else start
    pos = {n: (float(x), float(y)) for n, (x, y) in inner.items()}
    rest = parts[1:]
    for i, part in enumerate(rest):
        angle = 2 * math.pi * (i + 0.5) / max(len(rest), 1)
        cx, cy = 1.3 * math.cos(angle), 1.3 * math.sin(angle)
        small = nx.spring_layout(undirected.subgraph(part), seed=seed, scale=0.1 * len(part) ** 0.5)
        pos.update({n: (cx + float(x), cy + float(y)) for n, (x, y) in small.items()})
    return pos


def _colours(
    G: nx.Graph, colour_by: ColourBy, seed: int
) -> tuple[dict[Hashable, str], dict[str, str]]:
    """Node → colour, and the legend (name → colour)."""
    if colour_by == "kind":
        kinds = {n: str(d.get("kind", "Other")) for n, d in G.nodes(data=True)}
        legend = {
            k: KIND_COLOURS.get(k, KIND_COLOURS["Other"]) for k in sorted(set(kinds.values()))
        }
        return {n: legend[k] for n, k in kinds.items()}, legend
    if colour_by == "class":
        names = {n: str(d.get("class") or "Other") for n, d in G.nodes(data=True)}
        counts = sorted(set(names.values()), key=lambda c: (-list(names.values()).count(c), c))
        legend = {c: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(counts)}
        return {n: legend[c] for n, c in names.items()}, legend
    if colour_by == "community":
        parts = communities(G, seed=seed)
        groups = community_map(parts)
        legend = {}
        for i, part in enumerate(parts):  # named after the member with most ties
            hub = min(part, key=lambda n: (-G.degree(n), str(G.nodes[n].get("label", n))))
            name = str(G.nodes[hub].get("label", hub))
            legend[f"{i + 1}: {name[:28]} …" if len(part) > 1 else f"{i + 1}: {name[:28]}"] = (
                _PALETTE[i % len(_PALETTE)]
            )
        return {n: _PALETTE[groups[n] % len(_PALETTE)] for n in G}, legend
    raise KgError(f"unknown colouring {colour_by!r}; choose kind, class or community")


def _separate(
    pos: dict[Hashable, tuple[float, float]],
    sizes: Mapping[Hashable, float],
    *,
    width_points: float = 1100.0,
    rounds: int = 200,
) -> dict[Hashable, tuple[float, float]]:
    """Push apart markers that would overlap (hubs of a dense core), keeping the layout's shape.
    Marker areas are in points²; *width_points* is about the drawing's width in points."""
    nodes = list(pos)
    if not 1 < len(nodes) <= 2000:
        return pos
    xs = [p[0] for p in pos.values()]
    scale = (max(xs) - min(xs) or 1.0) / width_points  # data units per point
    radius = {n: (math.sqrt(sizes[n]) / 2 + 6) * scale for n in nodes}
    at = {n: list(pos[n]) for n in nodes}
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx, dy = at[b][0] - at[a][0], at[b][1] - at[a][1]
                dist, need = math.hypot(dx, dy), radius[a] + radius[b]
                if dist >= need:
                    continue
                if dist == 0:
                    dx, dy, dist = 1e-3, 0.0, 1e-3
                push = (need - dist) / 2 / dist
                at[a][0] -= dx * push
                at[a][1] -= dy * push
                at[b][0] += dx * push
                at[b][1] += dy * push
                moved = True
        if not moved:
            break
    return {n: (x, y) for n, (x, y) in at.items()}


def _sizes(scores: Mapping[Hashable, float], G: nx.Graph) -> dict[Hashable, float]:
    low = min(scores.values(), default=0.0)
    span = (max(scores.values(), default=0.0) - low) or 1.0
    return {n: 60.0 + 2400.0 * (scores.get(n, low) - low) / span for n in G}


def draw_network(
    G: nx.Graph,
    path: str | Path,
    *,
    size_by: Measure | str = "pagerank",
    colour_by: ColourBy = "kind",
    labels: int = 40,
    seed: int = 0,
    title: str | None = None,
) -> Path:
    """Draw *G* to *path* (``.png``, ``.svg`` or ``.pdf``), atomically; return *path*.

    Parameters
    ----------
    G : networkx.Graph
        A projection (nodes with ``label`` and ``kind``/``class``; edges with ``weight``).
    size_by : str
        The centrality measure node areas follow (default ``"pagerank"``).
    colour_by : {"kind", "class", "community"}
        Colour by broad kind (person, organisation, group …), by most specific class, or by
        Louvain community.
    labels : int
        Label the *labels* most central nodes (0: none).
    seed : int
        Seed of the layout and of the community detection (same seed, same picture).
    title : str, optional

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "star.svg"
    >>> draw_network(nx.star_graph(4), out).stat().st_size > 1000
    True
    """
    path = Path(path)
    fmt = picture_format(path)
    if len(G) == 0:
        raise KgError("the network is empty: nothing to draw (are the filters too narrow?)")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    measure = Measure.parse(size_by)
    scores = centrality(G, measure)
    sizes = _sizes(scores, G)
    pos = _separate(layout(G, seed=seed), sizes)
    colours, legend = _colours(G, colour_by, seed)
    fig = Figure(figsize=(16, 12), dpi=110, layout="constrained")
    ax = fig.subplots()
    ax.set_axis_off()
    weights = [float(d.get("weight", 1)) for _, _, d in G.edges(data=True)]
    heaviest = math.log1p(max(weights, default=1.0))
    for (u, v), weight in zip(G.edges(), weights, strict=True):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.plot(
            [x1, x2], [y1, y2], color="#888888", zorder=1,
            linewidth=0.6 + 3.4 * math.log1p(weight) / heaviest, alpha=0.35 + 0.3 * (weight > 1),
        )  # fmt: skip
    nodes = list(G)
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[sizes[n] for n in nodes],
        c=[colours[n] for n in nodes],
        edgecolors="white",
        linewidths=1.2,
        zorder=2,
    )
    _label(ax, G, pos, scores, sizes, labels)
    handles = [Patch(color=c, label=name) for name, c in legend.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=11, frameon=False, title=colour_by)
    heading = title or f"{G.name or 'network'}: {len(G)} nodes, {G.number_of_edges()} edges"
    ax.set_title(f"{heading}\nnode size: {measure.value}; edge width: weight", fontsize=15)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, facecolor="white")
    write_file(buffer.getvalue(), path)
    return path


def _label(
    ax: Any,
    G: nx.Graph,
    pos: Mapping[Hashable, tuple[float, float]],
    scores: Mapping[Hashable, float],
    sizes: Mapping[Hashable, float],
    count: int,
) -> None:
    """Label the *count* most central nodes, the most central first, each at the spot around
    its marker (above, below, right, left, diagonal) that covers the fewest labels already
    placed and other markers."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import Bbox

    renderer = FigureCanvasAgg(ax.figure).get_renderer()  # type: ignore[no-untyped-call]
    ax.figure.draw_without_rendering()
    pixels = ax.figure.dpi / 72.0
    markers = {}
    for node in G:
        x, y = ax.transData.transform(pos[node])
        r = math.sqrt(sizes[node]) / 2 * pixels
        markers[node] = Bbox.from_extents(x - r, y - r, x + r, y + r)
    placed: list[Any] = []
    top = rank(scores, top=count) if count > 0 else []
    low = min(scores.values(), default=0.0)
    span = (top[0][1] - low) if top and top[0][1] > low else 1.0
    for node, score in top:
        text = str(G.nodes[node].get("label", node))
        text = text if len(text) <= 34 else text[:32] + "…"
        gap = math.sqrt(sizes[node]) / 2 + 2  # points: the marker's radius and a little
        others = [b for n, b in markers.items() if n != node]
        best: tuple[int, Any] | None = None
        for dx, dy, ha, va in _SPOTS:
            label = ax.annotate(
                text,
                pos[node],
                xytext=(dx * gap, dy * gap),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=9 + 5 * (score - low) / span,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
            box = label.get_window_extent(renderer)
            cost = 3 * sum(box.overlaps(b) for b in placed) + sum(box.overlaps(b) for b in others)
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, label)
            else:
                label.remove()
            if cost == 0:
                break
        if best is not None:
            placed.append(best[1].get_window_extent(renderer))


# Label spots around a marker: offset direction (in marker radii) and text alignment.
_SPOTS = (
    (0, 1, "center", "bottom"),
    (0, -1, "center", "top"),
    (1, 0, "left", "center"),
    (-1, 0, "right", "center"),
    (0.8, 0.8, "left", "bottom"),
    (-0.8, 0.8, "right", "bottom"),
    (0.8, -0.8, "left", "top"),
    (-0.8, -0.8, "right", "top"),
    (0, 1.8, "center", "bottom"),
    (0, -1.8, "center", "top"),
)
