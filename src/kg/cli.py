"""The ``kg`` command line: parses arguments, calls the library, formats output.

User mistakes raise :class:`~kg.errors.KgError`; :func:`main` prints its one-line message to
stderr and returns exit status 2 (1 for a failed validation), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg._version import __version__
from kg.errors import KgError
from kg.iris import DEFAULT_BASE
from kg.project import Project, find_project

__all__ = ["main"]

Handler = Callable[[argparse.Namespace, Project], int]


def _cmd_build(args: argparse.Namespace, project: Project) -> int:
    from kg.build import build, write_graph

    result = build(project, base=args.base)
    out = Path(args.out) if args.out else project.triples_path
    write_graph(result.graph, out)
    print(
        f"built {out}: {len(result.graph)} triples, {len(result.statements)} statements "
        f"from {len(result.sources)} sources and {len(result.curation.entities)} entities"
    )
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
    from kg.store import open_store

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
    store = open_store(project, Path(args.graph) if args.graph else None)
    print(format_result(run_query(store, query, params), fmt, width=args.width))
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
    p.add_argument("--format", default="table", help="table (default), csv, tsv or json")
    p.add_argument("--width", type=int, default=70, help="table cell width, 0 for no limit")
    p.add_argument(
        "--graph", metavar="FILE", help="query this Turtle file instead of data/triples.ttl"
    )
    p.add_argument("--list", action="store_true", help="list the shipped queries")
    p.set_defaults(handler=_cmd_query)

    p = sub.add_parser("stats", help="counts per class, statements, evidence, sources, disputes")
    p.set_defaults(handler=_cmd_stats)
    return parser


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
