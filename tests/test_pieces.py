"""kg.backends.pieces: every piece parses on its own and together they hold the file's triples."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Identifier

from kg.backends.pieces import pieces
from kg.terms import to_rdflib

TURTLE, NTRIPLES = ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES

# Literal text chosen to look like the things the scanner must not be fooled by.
_TRAPS = [".\n", ' .\n', '"""', "'''", '"', "'", "#", "<", ">", "@prefix x: <urn:y> .\n",
          "PREFIX x: <urn:y>\n", "\\", "_:b", "\n\n", "é ☃", ". #", "\r\n"]  # fmt: skip
_TEXT = st.lists(st.sampled_from(_TRAPS) | st.text(max_size=5), max_size=6).map("".join)
_IRI = st.sampled_from(
    ["urn:x:a", "http://e.org/x#frag", "http://e.org/it's", "http://e.org/a.b", "urn:x:%23"]
)


def _graph(texts: list[str], iris: list[str], blank: bool) -> Graph:
    graph = Graph()
    graph.bind("e", "http://e.org/")
    for number, (text, iri) in enumerate(zip(texts, iris, strict=False)):
        subject = BNode(f"b{number % 3}") if blank and number % 4 == 0 else URIRef(iri)
        graph.add((subject, URIRef(f"http://e.org/p{number % 5}"), Literal(text)))
        graph.add((URIRef(iri), URIRef("http://e.org/n"), Literal(number)))
    return graph


def _term(term: object) -> Identifier:
    if isinstance(term, ox.Triple):  # RDF 1.2 triple terms, which rdflib has no term for
        return Literal(
            f"<<( {_term(term.subject)} {_term(term.predicate)} {_term(term.object)} )>>"
        )
    return to_rdflib(term)


def _parse(data: bytes, fmt: ox.RdfFormat) -> Graph:
    graph = Graph()
    for quad in ox.parse(data, fmt):
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


def _check(path: Path, fmt: ox.RdfFormat, size: int) -> int | None:
    """Parse the pieces of *path* one by one: how many there are, after checking that together
    they hold exactly the whole file's triples; None if one of them does not parse (the loader
    then loads the file whole). Never different triples."""
    cut = list(pieces(path, fmt, size))
    assert cut[0].start == 0 and cut[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in pairwise(cut))
    together = Graph()
    for piece in cut:
        try:
            together += _parse(piece.read(), fmt)
        except SyntaxError:
            return None
    assert isomorphic(together, _parse(path.read_bytes(), fmt))
    return len(cut)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(_TEXT, min_size=1, max_size=25),
    iris=st.lists(_IRI, min_size=25, max_size=25),
    blank=st.booleans(),
    size=st.integers(1, 400),
    serializer=st.sampled_from(["rdflib", "oxigraph", "ntriples"]),
)
def test_pieces_hold_exactly_the_triples_of_the_file(
    tmp_path: Path, texts: list[str], iris: list[str], blank: bool, size: int, serializer: str
) -> None:
    graph = _graph(texts, iris, blank)
    path = tmp_path / "g"
    if serializer == "rdflib":
        path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    else:
        store = ox.Store()
        store.bulk_load(graph.serialize(format="nt").encode(), NTRIPLES)
        fmt = NTRIPLES if serializer == "ntriples" else TURTLE
        dumped = store.dump(format=fmt, from_graph=ox.DefaultGraph())
        assert dumped is not None
        path.write_bytes(dumped)
    fmt = NTRIPLES if serializer == "ntriples" else TURTLE
    try:
        _parse(path.read_bytes(), fmt)
    except SyntaxError:  # rdflib writes a long string ending in a quote as """...\"""" (invalid)
        assume(False)
    _check(path, fmt, size)


def test_a_turtle_file_is_cut_after_statements_not_in_long_strings(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(
        '# a comment with a quote " and an end .\n'
        "@prefix e: <http://e.org/> .\n"
        "PREFIX f: <http://f.org/>\n"
        'e:a e:p """one .\n# not a comment\ntwo""" .\n'
        "<http://e.org/x#y> e:p 'it\\'s' , '''3 .\n4''' .\n"
        "e:c e:p 1. e:d e:p 2.5 .\n"
        "<http://e.org/it's> e:p e:e .\n",
        encoding="utf-8",
    )
    assert _check(path, TURTLE, 1) == 4  # "1. e:d" is no cut: no line break after the dot
    heads = [piece.header for piece in pieces(path, TURTLE, 1)]
    assert heads[0] == b"" and all(head.endswith(b"<http://f.org/>") for head in heads[1:])


def test_a_cut_inside_a_statement_does_not_parse_and_the_file_loads_whole(tmp_path: Path) -> None:
    from kg.backends.embedded import OxigraphStore

    path = tmp_path / "g.ttl"
    text = "e:a e:p 1 ; # a comment .\n e:q 2 .\ne:b e:p 3 .\n"
    path.write_text("@prefix e: <http://e.org/> .\n" + text * 60_000)  # over 1 MiB: pieces
    assert _check(path, TURTLE, 1) is None
    assert len(list(pieces(path, TURTLE, 1 << 20))) > 1
    store = OxigraphStore.cached(path, cache_dir=tmp_path / "cache", wait=True)
    assert len(store) == 3


# Documents a review found an earlier scanner cutting wrongly: comments inside directives, comments
# ending at a lone carriage return, an escaped dot ending a local name, a "<" in a string or in a
# triple term taken for the start of an IRI, \u escapes and quotes in IRIs.
_EX = "@prefix ex: <http://a/> .\n"
_TRICKY = [
    _EX + "ex:s ex:p ex:o .\n@prefix ex: #c\n<http://b/> .\nex:s ex:p ex:o .\n",
    "BASE <http://a/>\n<s> <p> <o> .\nBASE #c\n<http://b/>\n<s> <p> <o> .\n<t> <p> <o> .\n",
    "@prefix : <http://a/> .\n:s :p :o .\n@prefix: <http://b/> .\n:s :p :o .\n",
    _EX + "#c\r[] ex:p ex:o .\n@prefix e2: <http://b/> .\nex:s ex:p ex:o .\n",
    "@prefix ex: #c\n<http://a/> .\nex:s ex:p ex:o .\nex:t ex:p ex:o .\n",
    _EX + "ex:s ex:p ex:a\\.\n, ex:b .\nex:t ex:p ex:o .\n",
    _EX + "ex:s ex:p '<a'# note .\n; ex:q ex:r .\nex:t ex:p ex:o .\n",
    _EX + "ex:s ex:p <<(#x.\n ex:a ex:b ex:c )>> .\nex:t ex:p ex:o .\n",
    _EX + "ex:s ex:p '<a','\"', \"\"\"a .\nb\"\"\" .\nex:t ex:p ex:o .\n",
    _EX + '<http://e/\\u0041#x> ex:p """a .\nb""" , """c .\nd""" .\nex:t ex:p ex:o .\n',
    _EX + "<http://a/\'\'\'> ex:p ex:o .\nex:s ex:p \'\'\'a .\nb\'\'\' .\nex:t ex:p ex:o .\n",
    _EX + 'ex:s ex:p ex:o . #c\rex:t ex:p """a .\nb""" , """c .\nd""" .\nex:u ex:p ex:o .\n',
    _EX + "# prefix ex: <http://a/> \"\"\"\nex:s ex:p \"\"\"a .\nb\"\"\" .\nex:t ex:p ex:o .\n",
]  # fmt: skip


@pytest.mark.parametrize("text", _TRICKY)
def test_tricky_turtle_never_gives_other_triples(tmp_path: Path, text: str) -> None:
    path = tmp_path / "g.ttl"
    path.write_bytes(text.encode())
    for size in range(1, 60):
        _check(path, TURTLE, size)


def test_no_cut_after_a_late_directive(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(
        "@prefix e: <http://e.org/> .\ne:a e:p 1 .\ne:b e:p 2 .\n@prefix e: <http://other.org/> .\n"
        "e:c e:p 3 .\ne:d e:p 4 .\n<http://e.org/base> e:p 5 .\n"
    )
    assert _check(path, TURTLE, 1) == 3  # after e:a, after e:b; none after the redefinition
    assert list(pieces(path, TURTLE, 1))[-1].read().count(b"@prefix") == 2
    path.write_text("@prefix e: <http://e.org/> .\ne:a e:p 'base x' .\n<http://e/base> e:p 1 .\n")
    assert _check(path, TURTLE, 1) == 2  # "base" without an IRI after it declares nothing


def test_labelled_blank_nodes_stay_in_one_piece(tmp_path: Path) -> None:
    path = tmp_path / "g.nt"
    lines = [f"<urn:x:s{i}> <urn:x:p> <urn:x:o> .\n" for i in range(6)]
    lines[3] = "_:b <urn:x:p> <urn:x:o> .\n"
    lines.append("_:b <urn:x:q> <urn:x:o> .\n")
    path.write_text("".join(lines))
    cut = list(pieces(path, NTRIPLES, 1))
    assert len(cut) == 4 and b"_:b" not in cut[2].read() and cut[3].read().count(b"_:b") == 2
    assert _check(path, NTRIPLES, 1) == 4


def test_small_files_and_other_syntaxes_are_one_piece(tmp_path: Path) -> None:
    path = tmp_path / "g.rdf"
    path.write_text("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>" * 10)
    assert len(list(pieces(path, ox.RdfFormat.RDF_XML, 1))) == 1
    path = tmp_path / "g.ttl"
    path.write_text("<urn:x:a> <urn:x:p> 1 .\n<urn:x:b> <urn:x:p> 2 .\n")
    assert len(list(pieces(path, TURTLE, 1 << 20))) == 1
