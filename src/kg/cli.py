"""The ``kg`` command line: parses arguments, calls the library, formats output.

User mistakes raise :class:`~kg.errors.KgError`; :func:`main` prints its one-line message to
stderr and returns exit status 2 (1 for a failed validation), never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg._version import __version__
from kg.errors import KgError
from kg.iris import DEFAULT_BASE
from kg.project import Project, find_project

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.backends.http import Credentials
    from kg.backends.remote import Endpoint
    from kg.store import GraphStore

__all__ = ["main"]

Handler = Callable[[argparse.Namespace, Project], int]


def _cmd_build(args: argparse.Namespace, project: Project) -> int:
    from kg.build import build, write_graph

    result = build(project, base=args.base)
    out = Path(args.out) if args.out else project.triples_path
    void = _void_bytes(project, result.graph, args.base)
    write_graph(result.graph, out)
    print(
        f"built {out}: {len(result.graph)} triples, {len(result.statements)} statements "
        f"from {len(result.sources)} sources and {len(result.curation.entities)} entities"
    )
    _write_void(void, out.with_name("void.ttl"))
    return 0


def _void_bytes(project: Project, graph: Graph, base: str) -> bytes:
    """The dataset description (VoID/DCAT) of a build, written next to the graph."""
    from kg.void import project_void

    return project_void(project, graph, base=base)


def _write_void(data: bytes, path: Path) -> None:
    from kg.build import write_atomic

    write_atomic(data, path)
    print(f"described in {path} (VoID/DCAT)")


def _cmd_export(args: argparse.Namespace, project: Project) -> int:
    from kg.export import ExportFormat, export

    out = Path(args.out)
    fmt = ExportFormat.parse(args.format) if args.format else ExportFormat.from_path(out)
    result = export(
        project,
        fmt,
        out,
        graph_path=Path(args.graph) if args.graph else None,
        base=args.base,
        validate=not args.no_validate,
    )
    graphs = f" in {result.graphs} named graphs" if result.graphs else ""
    print(f"wrote {result.path}: {fmt.title}, {result.triples} triples{graphs}, {result.size} B")
    return 0


def _cmd_docs(args: argparse.Namespace, project: Project) -> int:
    from kg.ontodoc import write_generated

    for path in write_generated(project):
        print(f"wrote {path}")
    return 0


def _cmd_validate(args: argparse.Namespace, project: Project) -> int:
    from kg.validate import validate

    report = validate(
        project, Path(args.graph) if args.graph else None, reason=not args.no_reasoner
    )
    shacl, reasoner, prov = report.shacl, report.reasoner, report.provenance
    print(
        f"SHACL:      {'conforms' if shacl.conforms else 'FAILS'} ({shacl.violations} violations)"
    )
    for message in shacl.messages[: args.show]:
        print(f"  - {message}")
    if not reasoner.ran:
        print(f"HermiT:     not run: {reasoner.reason}")
    elif reasoner.consistent:
        print(
            f"HermiT:     consistent, 0 unsatisfiable classes "
            f"({reasoner.axioms} triples, {reasoner.seconds:.1f} s)"
        )
    else:
        print(f"HermiT:     INCONSISTENT ({', '.join(reasoner.unsatisfiable) or reasoner.reason})")
    share = 100.0 * prov.verified / prov.evidence if prov.evidence else 0.0
    print(
        f"Provenance: {prov.statements} statements, {prov.evidence} evidence passages, "
        f"{prov.verified} verified ({share:.1f} %), {len(prov.failures)} failures"
    )
    for failure in prov.failures[: args.show]:
        print(f"  - {failure}")
    print("valid" if report.ok else "INVALID")
    return 0 if report.ok else 1


def _cmd_query(args: argparse.Namespace, project: Project) -> int:
    from kg.query import parse_param, resolve_query, run_query, shipped_queries
    from kg.results import OutputFormat, format_result
    from kg.store import connect

    if args.list:
        for name, q in shipped_queries(project).items():
            print(f"{name:24} {q.description}")
        return 0
    if not args.query:
        raise KgError(
            "give a query: a .rq file, a shipped query name (kg query --list) or SPARQL text"
        )
    fmt = OutputFormat.parse(args.format)
    query = resolve_query(project, args.query)
    params = dict(parse_param(p) for p in args.param)
    store = connect(
        project,
        args.store,
        graph=Path(args.graph) if args.graph else None,
        location=Path(args.location) if args.location else None,
        endpoint=_endpoint(args),
    )
    print(format_result(run_query(store, query, params), fmt, width=args.width), flush=True)
    _finish_saving(store)
    return 0


def _finish_saving(store: GraphStore) -> None:
    """Wait, with a note on a terminal, until a freshly built store is saved for the next run."""
    from rich.console import Console

    from kg.backends.embedded import OxigraphStore

    if not isinstance(store, OxigraphStore) or not store.saving:
        return
    console = Console(stderr=True)
    try:
        if console.is_terminal:
            with console.status("compacting the store and saving it for the next queries …"):
                store.wait_saved()
        else:
            store.wait_saved()
    except KgError as exc:
        print(f"kg: note: {exc} (it is built again next time)", file=sys.stderr)


def _credentials(user: str | None) -> Credentials | None:
    import os

    from kg.backends.http import Credentials

    return Credentials(user, os.environ.get("KG_ENDPOINT_PASSWORD", "")) if user else None


def _endpoint(args: argparse.Namespace) -> Endpoint | None:
    from kg.backends.remote import Endpoint

    if not args.endpoint:
        return None
    return Endpoint(args.endpoint, args.default_graph, _credentials(args.user), args.timeout)


@contextlib.contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int, str], None]]:
    """A progress bar on stderr (none when stderr is not a terminal): update(done, total, note)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (TextColumn(label), BarColumn(), TextColumn("{task.description}"))
    with Progress(
        *columns,
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, note: str) -> None:
            bar.update(task, completed=done, total=total, description=note)

        yield update


def _cmd_push(args: argparse.Namespace, project: Project) -> int:
    from kg.push import PushProtocol, PushTarget, push

    if bool(args.endpoint) == bool(args.update_endpoint):
        raise KgError(
            "give --endpoint URL (Graph Store Protocol) or --update-endpoint URL (SPARQL Update)"
        )
    protocol = PushProtocol.UPDATE if args.update_endpoint else PushProtocol.GSP
    url = args.update_endpoint or args.endpoint
    target = PushTarget(url, protocol, args.graph, _credentials(args.user), args.timeout)
    paths = [Path(args.data) if args.data else project.triples_path]
    paths += [] if args.no_ontology else [project.ontology_path]
    with _progress_bar("pushing") as update:
        report = push(
            paths,
            target,
            batch_size=args.batch,
            replace=args.replace,
            progress=lambda read, total, sent: update(read, total, f"{sent:,} triples"),
        )
    rate = report.triples / report.seconds if report.seconds else 0.0
    graph = f"graph <{args.graph}>" if args.graph else "the default graph"
    print(
        f"pushed {report.triples:,} triples to {graph} of {url} in {report.batches} batches "
        f"({report.seconds:.1f} s, {rate:,.0f} triples/s)"
    )
    return 0


def _cmd_synth(args: argparse.Namespace, project: Project) -> int:
    from kg.synth import synthesize

    with _progress_bar("synthesizing") as update:
        report = synthesize(
            args.events,
            Path(args.out),
            seed=args.seed,
            sources_dir=Path(args.sources) if args.sources else None,
            progress=lambda done, total: update(done, total, f"{done:,} events"),
        )
    print(
        f"wrote {report.out}: {report.triples:,} triples, {report.statements:,} statements, "
        f"{report.disputes:,} disputed values, {report.events:,} events ({report.seconds:.1f} s); "
        f"source texts in {report.sources_dir}"
    )
    return 0


def _cmd_stats(args: argparse.Namespace, project: Project) -> int:
    from kg.stats import graph_stats
    from kg.store import open_store

    st = graph_stats(open_store(project), project)
    mean_ev, min_ev, max_ev = st.evidence_per_statement
    mean_src, max_src = st.sources_per_statement
    lines = [
        ("triples in store (graph + ontology)", str(st.triples)),
        ("entities", str(st.entities)),
        ("statements", f"{st.statements} ({st.label_statements} of them names: skos:altLabel)"),
        ("evidence passages", str(st.evidence)),
        ("evidence per statement", f"mean {mean_ev:.2f}, min {min_ev}, max {max_ev}"),
        ("sources per statement", f"mean {mean_src:.2f}, max {max_src}"),
        ("statements in 2+ sources", str(st.multi_source_statements)),
        ("disputed values", f"{st.disputes} (subject, property) pairs with differing values"),
        ("inferred statements", str(st.inferred)),
        ("qualified figures (evidence)", str(st.qualified)),
    ]
    for label, value in lines:
        print(f"{label:36} {value}")
    print("entities per class:")
    for name, n in st.classes:
        print(f"  {name:32} {n}")
    return 0


# --- kg network ---------------------------------------------------------------------------------


def _network_graph(args: argparse.Namespace, project: Project) -> Any:
    from kg.network import load_facts
    from kg.network import project as project_graph

    facts = load_facts(project, graph=Path(args.graph) if args.graph else None)
    return project_graph(
        facts,
        args.projection,
        sources=args.source or None,
        methods=args.method or None,
        start=args.date_from,
        end=args.date_to,
        event_types=args.event_type or None,
    )


def _network_materialize(
    args: argparse.Namespace, project: Project, values: dict[Any, float] | dict[Any, int]
) -> None:
    from kg.network import results_graph, write_results

    name = args.measure if args.network_command == "centrality" else "community"
    used = Path(args.graph) if args.graph else project.triples_path
    options = {
        "projection": args.projection,
        "measure": getattr(args, "measure", None),
        "k": getattr(args, "k", None),
        "algorithm": getattr(args, "algorithm", None),
        "resolution": getattr(args, "resolution", None),
        "seed": args.seed,
        "source": args.source,
        "method": args.method,
        "from": args.date_from,
        "to": args.date_to,
        "event-type": args.event_type,
    }
    given = [(k, v) for k, v in options.items() if v is not None]
    parts = [f"--{k} {x}" for k, v in given for x in (v if isinstance(v, list) else [v])]
    command = f"kg network {args.network_command} {' '.join(parts)}"
    graph = results_graph(values, name=name, command=command, used=used)
    write_results(graph, Path(args.materialize))
    print(f"kg: wrote {len(values)} {name} values to {args.materialize}", file=sys.stderr)


def _cmd_network_centrality(args: argparse.Namespace, project: Project) -> int:
    from kg.network import centrality
    from kg.network.report import ReportFormat, format_ranking, ranking

    ReportFormat.parse(args.format)
    if args.top < 1:
        raise KgError(f"--top must be at least 1, not {args.top}")
    graph = _network_graph(args, project)
    scores = centrality(graph, args.measure, k=args.k, seed=args.seed)
    rows = ranking(graph, args.measure, top=args.top, edges=args.evidence, scores=scores)
    print(format_ranking(rows, args.measure, args.format, passages=args.quotes))
    if args.materialize:
        _network_materialize(args, project, scores)
    return 0


def _cmd_network_communities(args: argparse.Namespace, project: Project) -> int:
    from kg.network import communities, community_map, modularity
    from kg.network.report import ReportFormat, format_communities

    ReportFormat.parse(args.format)
    graph = _network_graph(args, project)
    parts = communities(
        graph,
        algorithm=args.algorithm,
        resolution=args.resolution,
        seed=args.seed,
    )
    score = modularity(graph, parts)
    print(format_communities(graph, parts, args.format, modularity=score))
    if args.materialize:
        _network_materialize(args, project, {k: v + 1 for k, v in community_map(parts).items()})
    return 0


def _cmd_network_path(args: argparse.Namespace, project: Project) -> int:
    from kg.network import path_evidence, shortest_path
    from kg.network.report import ReportFormat, format_path

    ReportFormat.parse(args.format)
    graph = _network_graph(args, project)
    distance = "distance" if args.weighted else None
    path = shortest_path(graph, args.a, args.b, distance=distance)
    steps = path_evidence(graph, path)
    print(format_path(steps, args.format, passages=args.quotes))
    return 0


def _cmd_network_export(args: argparse.Namespace, project: Project) -> int:
    from kg.network import ExportFormat, annotate, communities, community_map, write_network

    out = Path(args.out)
    fmt = ExportFormat.parse(args.format) if args.format else ExportFormat.for_path(out)
    graph = _network_graph(args, project)
    annotate(graph, ["degree", "betweenness", "pagerank"])
    for node, number in community_map(communities(graph)).items():
        graph.nodes[node]["community"] = number + 1
    written = write_network(graph, out, format=fmt)
    size = f"{len(graph)} nodes, {graph.number_of_edges()} edges"
    print(f"wrote {', '.join(map(str, written))} ({fmt.value}: {size})")
    return 0


def _cmd_network_plot(args: argparse.Namespace, project: Project) -> int:
    from kg.network import draw_network
    from kg.network.plot import picture_format

    out = Path(args.out)
    picture_format(out)
    graph = _network_graph(args, project)
    draw_network(
        graph,
        out,
        size_by=args.size_by,
        colour_by=args.colour_by,
        labels=args.labels,
        seed=args.seed,
        title=args.title,
    )
    print(f"wrote {out} ({len(graph)} nodes)")
    return 0


def _add_network_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--projection",
        default="actors",
        help="actors (default), actor-event, mentions or entities",
    )
    common.add_argument(
        "--source", action="append", metavar="FILE", help="only this source (repeatable)"
    )
    common.add_argument(
        "--method", action="append", metavar="NAME", help="only this extraction method: curated …"
    )
    common.add_argument("--from", dest="date_from", metavar="DATE", help="time window start")
    common.add_argument("--to", dest="date_to", metavar="DATE", help="time window end")
    common.add_argument(
        "--event-type", action="append", metavar="CLASS", help="only events of this class"
    )
    common.add_argument("--graph", metavar="FILE", help="read this Turtle file instead")
    net = sub.add_parser("network", help="network analysis: centrality, communities, paths, …")
    nsub = net.add_subparsers(dest="network_command", required=True, metavar="COMMAND")

    p = nsub.add_parser("centrality", parents=[common], help="rank nodes, with edge evidence")
    p.add_argument(
        "--measure",
        default="betweenness",
        help="degree, betweenness (default), closeness, eigenvector or pagerank",
    )
    p.add_argument("--top", type=int, default=10, help="how many nodes (default 10)")
    p.add_argument("--format", default="table", help="table (default), csv or json")
    p.add_argument(
        "--evidence", type=int, default=1, metavar="N", help="top edges per node (0: none)"
    )
    p.add_argument("--quotes", type=int, default=1, metavar="N", help="quotes per edge")
    p.add_argument("--k", type=int, help="sampled betweenness from K source nodes")
    p.add_argument("--seed", type=int, default=0, help="seed of the sample (default 0)")
    p.add_argument("--materialize", metavar="FILE", help="also write all scores as RDF")
    p.set_defaults(handler=_cmd_network_centrality)

    p = nsub.add_parser("communities", parents=[common], help="communities, largest first")
    p.add_argument("--algorithm", default="louvain", help="louvain (default) or greedy")
    p.add_argument("--resolution", type=float, default=1.0, help="above 1: smaller groups")
    p.add_argument("--seed", type=int, default=0, help="seed of Louvain (default 0)")
    p.add_argument("--format", default="table", help="table (default), csv or json")
    p.add_argument("--materialize", metavar="FILE", help="also write the partition as RDF")
    p.set_defaults(handler=_cmd_network_communities)

    p = nsub.add_parser("path", parents=[common], help="shortest path with its statements")
    p.add_argument("a", help="an IRI, an id (person/martin-kobler) or a name")
    p.add_argument("b", help="an IRI, an id or a name")
    p.add_argument("--weighted", action="store_true", help="prefer strong ties over few hops")
    p.add_argument("--format", default="table", help="table (default), csv or json")
    p.add_argument("--quotes", type=int, default=1, metavar="N", help="quotes per step")
    p.set_defaults(handler=_cmd_network_path)

    p = nsub.add_parser("export", parents=[common], help="GraphML, GEXF or CSV for Gephi")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--format", help="graphml, gexf or csv (default: from --out)")
    p.set_defaults(handler=_cmd_network_export)

    p = nsub.add_parser("plot", parents=[common], help="draw the network to PNG, SVG or PDF")
    p.add_argument("--out", required=True, metavar="FILE", help="a .png, .svg or .pdf file")
    p.add_argument(
        "--colour-by", "--color-by", dest="colour_by", default="kind", help="kind, class, community"
    )
    p.add_argument("--size-by", default="pagerank", help="the measure node size follows")
    p.add_argument("--labels", type=int, default=40, help="label the N most central nodes")
    p.add_argument("--seed", type=int, default=0, help="layout seed (default 0)")
    p.add_argument("--title", help="title of the picture")
    p.set_defaults(handler=_cmd_network_plot)


def _cmd_ingest(args: argparse.Namespace, project: Project) -> int:
    from kg.extract.ingest import Outcome, ingest
    from kg.extract.text import iter_input_files

    paths = [Path(p) for p in args.paths]
    total = sum(1 for p in paths for _ in (iter_input_files(p) if p.is_dir() else [p]))
    with _progress(total, enabled=total > 1 and not args.quiet) as advance:
        report = ingest(project, paths, progress=advance)
    for r in report.results:
        if r.outcome is Outcome.FAILED:
            print(f"kg: error: {r.message}", file=sys.stderr)
        elif not args.quiet:
            target = f"data/sources/{r.source}"
            print(f"{r.outcome.value:9} {r.path} → {target} ({r.statements} statements)")
    if report.built:
        print(f"built {project.triples_path}: {report.triples} triples")
    return 1 if report.failed else 0


def _progress(
    total: int, *, enabled: bool
) -> contextlib.AbstractContextManager[Callable[[Path], None]]:
    @contextlib.contextmanager
    def bar() -> Iterator[Callable[[Path], None]]:
        if not enabled:
            yield lambda _: None
            return
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("ingesting", total=total)
            yield lambda _: progress.advance(task)

    return bar()


def _cmd_eval(args: argparse.Namespace, project: Project) -> int:
    from kg.extract.evaluate import evaluate, format_report

    sources = Path(args.sources) if args.sources else None
    report = evaluate(project, [Path(p) for p in args.annotations], sources_dir=sources)
    print(format_report(report, errors=args.errors))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build, validate and query the provenance-anchored knowledge graph."
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("--project", metavar="DIR", help="project folder (default: found from cwd)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build data/triples.ttl from the sources and curation files")
    p.add_argument("--out", metavar="FILE", help="write here instead of data/triples.ttl")
    p.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI (default {DEFAULT_BASE})")
    p.set_defaults(handler=_cmd_build)

    p = sub.add_parser("validate", help="SHACL, HermiT consistency and provenance checks")
    p.add_argument("--graph", metavar="FILE", help="validate this file instead of data/triples.ttl")
    p.add_argument("--no-reasoner", action="store_true", help="skip the HermiT check")
    p.add_argument("--show", type=int, default=20, metavar="N", help="show at most N problems")
    p.set_defaults(handler=_cmd_validate)

    p = sub.add_parser("query", help="run a SPARQL query (file, shipped name or inline text)")
    p.add_argument("query", nargs="?", help="a .rq file, a shipped query name, or SPARQL text")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to VALUE (<iri>, number or text); repeatable",
    )
    p.add_argument(
        "--format",
        default="table",
        help="table (default), csv, tsv, json, sparql-json, sparql-xml; "
        "turtle, ntriples or json-ld for CONSTRUCT/DESCRIBE",
    )
    p.add_argument("--width", type=int, default=70, help="table cell width, 0 for no limit")
    p.add_argument(
        "--graph", metavar="FILE", help="query this RDF file instead of data/triples.ttl"
    )
    p.add_argument("--list", action="store_true", help="list the shipped queries")
    _add_store_options(p)
    p.set_defaults(handler=_cmd_query)

    p = sub.add_parser("stats", help="counts per class, statements, evidence, sources, disputes")
    p.set_defaults(handler=_cmd_stats)

    p = sub.add_parser("export", help="write the graph as Turtle, N-Triples, RDF/XML, JSON-LD, …")
    p.add_argument("--out", required=True, metavar="FILE", help="write here (atomically)")
    p.add_argument(
        "--format",
        metavar="FORMAT",
        help="turtle, ntriples, rdfxml, jsonld, trig, nquads, turtle12 or nanopub "
        "(default: from the --out suffix)",
    )
    p.add_argument("--graph", metavar="FILE", help="export this file instead of data/triples.ttl")
    p.add_argument("--base", help="base IRI the graph was built with (default: read off the graph)")
    p.add_argument(
        "--no-validate", action="store_true", help="skip the provenance and SHACL checks"
    )
    p.set_defaults(handler=_cmd_export)

    p = sub.add_parser("docs", help="docs/ontology.html and ontology/context.jsonld from kg.ttl")
    p.set_defaults(handler=_cmd_docs)

    p = sub.add_parser("ingest", help="add text or HTML documents and their automatic statements")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a .txt or .html file, or a folder")
    p.add_argument("--quiet", action="store_true", help="print errors and the summary only")
    p.set_defaults(handler=_cmd_ingest)

    p = sub.add_parser("eval", help="precision and recall of the extractor against annotations")
    p.add_argument("annotations", nargs="+", metavar="ANNOTATIONS", help="claims files or folders")
    p.add_argument("--sources", metavar="DIR", help="folder of the annotated texts")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="list N misses of each kind")
    p.set_defaults(handler=_cmd_eval)
    _add_network_parser(sub)
    _add_push_and_synth_parsers(sub)
    _add_serve_parser(sub)
    return parser


def _add_remote_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", metavar="NAME", help="HTTP user; password from KG_ENDPOINT_PASSWORD")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="HTTP timeout (s)")


def _add_store_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        metavar="NAME",
        help="oxigraph (default: embedded, cached on disk), memory (rdflib) or remote",
    )
    p.add_argument(
        "--location", metavar="DIR", help="cache folder of the oxigraph store (default ~/.cache/kg)"
    )
    p.add_argument("--endpoint", metavar="URL", help="query this SPARQL endpoint (store: remote)")
    p.add_argument("--default-graph", metavar="IRI", help="with --endpoint: query this named graph")
    _add_remote_options(p)


def _add_push_and_synth_parsers(sub: Any) -> None:
    p = sub.add_parser("push", help="load the graph into a running SPARQL server, in batches")
    p.add_argument("--endpoint", metavar="URL", help="Graph Store Protocol endpoint (…/store)")
    p.add_argument(
        "--update-endpoint", metavar="URL", help="or a SPARQL Update endpoint (…/update)"
    )
    p.add_argument("--graph", metavar="IRI", help="into this named graph (default: default graph)")
    p.add_argument("--data", metavar="FILE", help="push this RDF file instead of data/triples.ttl")
    p.add_argument("--no-ontology", action="store_true", help="do not push ontology/kg.ttl too")
    p.add_argument("--replace", action="store_true", help="empty the target graph first")
    p.add_argument("--batch", type=int, default=50_000, metavar="N", help="triples per request")
    _add_remote_options(p)
    p.set_defaults(handler=_cmd_push)

    p = sub.add_parser("synth", help="write a synthetic graph of any size, with source texts")
    p.add_argument("--events", type=int, required=True, metavar="N", help="number of events")
    p.add_argument("--out", required=True, metavar="FILE", help="N-Triples file to write")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same files)")
    p.add_argument("--sources", metavar="DIR", help="folder for the texts (default FILE.sources)")
    p.set_defaults(handler=_cmd_synth)


def _cmd_serve(args: argparse.Namespace, project: Project) -> int:
    import os

    from kg.serve import Settings, serve

    settings = Settings(
        project,
        timeout=args.timeout,
        max_result_bytes=args.max_result_bytes,
        max_request_bytes=args.max_request_bytes,
        workers=args.workers,
        worker_memory_mb=args.worker_memory,
        allow_update=args.allow_update,
        update_token=os.environ.get("KG_UPDATE_TOKEN", "") if args.allow_update else "",
        allow_remote=tuple(args.allow_remote),
        cors_origins=tuple(args.cors),
    )
    serve(
        project,
        settings,
        host=args.host,
        port=args.port,
        graph=Path(args.graph) if args.graph else None,
        location=Path(args.location) if args.location else None,
        base=args.base,
    )
    return 0


def _add_serve_parser(sub: Any) -> None:
    p = sub.add_parser("serve", help="SPARQL endpoint, query editor and linked-data pages")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free one)")
    p.add_argument("--graph", metavar="FILE", help="serve this file instead of data/triples.ttl")
    p.add_argument("--location", metavar="DIR", help="cache folder of the embedded store")
    p.add_argument("--base", metavar="IRI", help="base IRI of the graph (default: read off it)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="per-query timeout")
    p.add_argument(
        "--max-result-bytes", type=int, default=10_000_000, metavar="N", help="result size limit"
    )
    p.add_argument(
        "--max-request-bytes", type=int, default=1_000_000, metavar="N", help="request size limit"
    )
    p.add_argument("--workers", type=int, default=2, metavar="N", help="query worker processes")
    p.add_argument(
        "--worker-memory", type=int, default=4096, metavar="MB", help="memory cap per worker"
    )
    p.add_argument(
        "--allow-update",
        action="store_true",
        help="accept SPARQL Update from clients sending the token in $KG_UPDATE_TOKEN",
    )
    p.add_argument(
        "--allow-remote",
        action="append",
        default=[],
        metavar="PREFIX",
        help="IRI prefix SERVICE, LOAD and FROM may name (outbound requests); repeatable",
    )
    p.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="send CORS headers to this origin (* for any); repeatable",
    )
    p.set_defaults(handler=_cmd_serve)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    try:
        project = (
            find_project(Path(args.project), explicit=True) if args.project else find_project()
        )
        handler: Handler = args.handler
        return handler(args, project)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a reader that stopped early (`| head`)
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
