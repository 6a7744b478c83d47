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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    try:
        project = find_project(Path(args.project), explicit=True) if args.project else find_project()
        handler: Handler = args.handler
        return handler(args, project)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
