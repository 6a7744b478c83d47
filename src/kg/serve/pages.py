"""The pages: the query editor, search by label, and every IRI the graph mints, dereferenced.

An IRI ``{base}path`` is answered at ``/path`` (:meth:`kg.iris.IriMinter.classify` says what it
names): HTML for browsers, or the resource's description as Turtle, N-Triples, JSON-LD or
RDF/XML by content negotiation (or a ``.ttl``, ``.nt``, ``.jsonld``, ``.rdf`` suffix). Entities
get a page of their facts grouped by property, each with its sources and quotes, disputed
values side by side; source documents a page with their full text, every evidence passage
highlighted and linked to the statements it supports. ``/.well-known/void`` is the dataset
description and ``/ontology`` the ontology's documentation.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from kg.errors import KgError
from kg.export.formats import ExportFormat
from kg.iris import ONTOLOGY_IRI, IriKind, Resource
from kg.namespaces import PREFIXES
from kg.query import shipped_queries
from kg.serve.engine import RDF_FORMATS, Job, Outcome
from kg.serve.highlight import evidence_from_rows, segments, spans
from kg.serve.linked import Row, bound_query, group_facts, search_hits
from kg.serve.negotiation import ResultFormat, choose, media_ranges, wants_html
from kg.serve.site import PageError, Site

__all__ = ["index", "ontology", "resource", "search", "void"]

_HAS_SOURCE = "http://www.w3.org/ns/oa#hasSource"
#: shown in the page head rather than among the other properties
_SHOWN = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
}
_SUFFIXES = {
    ".ttl": ResultFormat.TURTLE,
    ".nt": ResultFormat.NTRIPLES,
    ".jsonld": ResultFormat.JSONLD,
    ".rdf": ResultFormat.RDFXML,
}


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def _text(status: int, message: str) -> Response:
    return Response(message + "\n", status, media_type="text/plain; charset=utf-8")


def _not_found(site: Site, request: Request, message: str) -> Response:
    if wants_html(media_ranges(request.headers.get("accept"))):
        return site.render("error.html", 404, title="Not found", message=message)
    return _text(404, message)


async def index(request: Request) -> Response:
    site = _site(request)
    queries = [
        {"name": q.name, "description": q.description, "text": q.text}
        for q in shipped_queries(site.settings.project).values()
    ]
    return site.render(
        "index.html",
        title="Query",
        queries=queries,
        queries_json=json.dumps(
            {"queries": queries, "base": site.settings.base, "prefixes": PREFIXES}
        ).replace("</", "<\\/"),
    )


async def search(request: Request) -> Response:
    site = _site(request)
    text = request.query_params.get("q", "").strip()[:200]
    hits = []
    if text:
        rows = await site.select("search", text=text, under=site.settings.base + "id/")
        hits = search_hits(rows)
    title = f"Search: {text}" if text else "Search"
    return site.render("search.html", title=title, q=text, hits=hits)


async def void(request: Request) -> Response:
    from kg.void import MEDIA_TYPE, void_document

    site = _site(request)
    try:
        data = void_document(site.settings.project)
    except KgError as exc:
        return _not_found(site, request, str(exc))
    # Browsers show text/plain; programs get Turtle.
    browser = wants_html(media_ranges(request.headers.get("accept")))
    media = "text/plain; charset=utf-8" if browser else MEDIA_TYPE + "; charset=utf-8"
    return Response(data, 200, {"Vary": "Accept"}, media_type=media)


async def dump(request: Request) -> Response:
    """A downloadable export of the served graph (``dump/kg.ttl``, ``kg.nq`` …), as VoID lists."""
    from starlette.concurrency import run_in_threadpool

    site = _site(request)
    name = request.path_params["filename"]
    try:
        fmt = ExportFormat.from_path(Path(name))
    except KgError:
        return _not_found(site, request, f"no export named {name}")
    if name != f"kg{fmt.suffix}":
        return _not_found(site, request, f"no export named {name}; try kg{fmt.suffix}")
    data = site.dumps.get(name)
    if data is None:
        settings = site.settings
        graph = settings.graph or settings.project.triples_path
        data = await run_in_threadpool(_export_bytes, graph, settings.project.ontology_path, fmt)
        site.dumps[name] = data
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, 200, headers, media_type=fmt.media_type)


def _export_bytes(graph: Path, ontology: Path, fmt: ExportFormat) -> bytes:
    from kg.export import serialize
    from kg.validate import load_graph

    return serialize(load_graph(graph), fmt, ontology=load_graph(ontology))


async def ontology(request: Request) -> Response:
    site = _site(request)
    project = site.settings.project
    accept = media_ranges(request.headers.get("accept"))
    if wants_html(accept):
        path = project.ontology_docs_path
        if not path.is_file():
            return _not_found(site, request, f"{path.name}: not generated (run `kg docs`)")
        return FileResponse(path, media_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
    fmt = choose(accept, graph=True)
    if fmt is None:
        return _text(406, "the ontology is available as HTML, Turtle, N-Triples, JSON-LD, RDF/XML")
    return _ontology_data(project.ontology_path, fmt)


def _ontology_data(path: Path, fmt: ResultFormat) -> Response:
    import pyoxigraph as ox

    data = path.read_bytes()
    if fmt is not ResultFormat.TURTLE:
        triples = ox.parse(data, format=ox.RdfFormat.TURTLE)
        data = ox.serialize(triples, format=RDF_FORMATS[fmt]) or b""
    return Response(data, 200, {"Vary": "Accept"}, media_type=fmt.content_type)


async def resource(request: Request) -> Response:
    """Any other path: the IRI ``{base}{path}``, if the graph mints it."""
    site = _site(request)
    path = request.path_params["path"]
    forced = None
    for suffix, fmt in _SUFFIXES.items():
        if path.endswith(suffix):
            path, forced = path[: -len(suffix)], fmt
            break
    iri = site.settings.base + path
    found = site.minter.classify(iri)
    if found is None:
        return _not_found(site, request, f"{iri} is not an IRI this dataset mints")
    accept = (forced.value,) if forced else media_ranges(request.headers.get("accept"))
    try:
        if forced is None and wants_html(accept):
            return await _page(request, site, iri, found)
        return await _data(site, iri, found, accept)
    except PageError as exc:
        return _respond_error(site, request, exc.outcome)


def _respond_error(site: Site, request: Request, outcome: Outcome) -> Response:
    message = outcome.body.decode("utf-8", "replace").strip()
    if wants_html(media_ranges(request.headers.get("accept"))):
        return site.render("error.html", outcome.status, title="Error", message=message)
    return _text(outcome.status, message)


async def _data(site: Site, iri: str, found: Resource, accept: tuple[str, ...]) -> Response:
    redirect = _redirect(site, iri, found)
    if redirect is not None:
        return RedirectResponse(redirect, status_code=303)
    if choose(accept, graph=True) is None:
        return _text(406, "descriptions are available as Turtle, N-Triples, JSON-LD or RDF/XML")
    job = Job(
        bound_query("describe", resource=URIRef(iri)),
        accept=accept,
        max_bytes=max(site.settings.max_result_bytes, 50_000_000),
    )
    outcome = await site.run(job)
    return Response(outcome.body, outcome.status, {"Vary": "Accept"}, media_type=outcome.media_type)


def _redirect(site: Site, iri: str, found: Resource) -> str | None:
    """Where IRIs that name something served elsewhere go."""
    kind = found.kind
    if kind in (IriKind.VOID, IriKind.DATASET):
        return "/.well-known/void"
    if kind is IriKind.SPARQL:
        return "/sparql"
    if kind is IriKind.ONTOLOGY or iri == ONTOLOGY_IRI:
        return "/ontology" + (f"#{found.key}" if found.key else "")
    if kind is IriKind.NANOPUB:
        return site.href(str(site.minter.base) + "id/statement/" + found.key.split("#")[0])
    if kind is IriKind.GRAPH and found.key.startswith("source/"):
        return "/" + found.key
    if kind is IriKind.SELECTOR:
        return "/id/evidence/" + found.key.rsplit("-", 1)[0]
    return None


async def _page(request: Request, site: Site, iri: str, found: Resource) -> Response:
    redirect = _redirect(site, iri, found)
    if redirect is not None:
        return RedirectResponse(redirect, status_code=303)
    if found.kind is IriKind.SOURCE:
        return await _source_page(site, request, iri, found.key)
    about = await site.select("about", resource=URIRef(iri))
    if not about:
        return _not_found(site, request, f"{iri}: the graph says nothing about it")
    if found.kind is IriKind.EVIDENCE:  # a passage is best seen in its document
        for row in about:
            if row.text("property") == _HAS_SOURCE:
                return RedirectResponse(f"{site.href(row.text('value'))}#ev-{found.key}", 303)
    groups = group_facts(
        await site.select("facts", resource=URIRef(iri)), single_valued=site.single_valued
    )
    incoming = await site.select("incoming", resource=URIRef(iri))
    stated = _SHOWN | {g.property for g in groups}
    return site.render(
        "entity.html",
        title=_label(about) or found.key,
        iri=iri,
        path=iri[len(site.settings.base) :],
        kind=found.kind.value,
        about=about,
        direct=[r for r in about if r.text("property") not in stated],
        groups=groups,
        incoming=incoming,
    )


def _label(rows: list[Row]) -> str:
    for row in rows:
        if row.text("property") == "http://www.w3.org/2000/01/rdf-schema#label":
            return str(row.text("value"))
    return ""


async def _source_page(site: Site, request: Request, iri: str, stem: str) -> Response:
    about = await site.select("about", resource=URIRef(iri))
    if not about:
        return _not_found(site, request, f"{iri}: no such source document")
    identifier = next(
        (r.text("value") for r in about if r.text("property").endswith("/identifier")),
        f"{stem}.txt",
    )
    path = site.settings.project.sources_dir / Path(identifier).name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return _not_found(site, request, f"{path.name}: cannot read the text: {exc.strerror}")
    evidence = evidence_from_rows(await site.select("passages", resource=URIRef(iri)))
    return site.render(
        "source.html",
        title=identifier,
        iri=iri,
        identifier=identifier,
        about=about,
        evidence=evidence,
        spans=spans(evidence),
        segments=segments(text, evidence),
        characters=len(text),
    )
