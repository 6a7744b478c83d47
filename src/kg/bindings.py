"""Binding query parameters safely: RDF terms in a ``VALUES`` clause, never raw text.

Every store gets the same bound text. The ``VALUES`` clause opens the query's ``WHERE`` group, so
a bound variable is bound before anything else in the group is evaluated: ``BIND(COALESCE(?entity,
…))`` sees it, grouping and aggregates see it, and engines start their joins from it. Each value
is an rdflib term serialized in N3 (IRIs checked, literals escaped), so a value cannot change the
query's structure.

>>> from rdflib import Literal, URIRef
>>> print(with_values("SELECT ?x WHERE { ?x ?p ?n }", {"n": Literal('a" } DROP ALL')}))
SELECT ?x WHERE { VALUES (?n) { ("a\\" } DROP ALL") } ?x ?p ?n }
>>> print(with_values("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", {"s": URIRef("urn:x:a")}))
CONSTRUCT { ?s ?p ?o } { VALUES (?s) { (<urn:x:a>) } ?s ?p ?o }
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import URIRef
from rdflib.term import Identifier

from kg.errors import KgError

__all__ = ["check_bindings", "query_form", "where_position", "with_values"]

_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')
_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<brace>[{}])
    | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
    | (?P<other>[^\s])
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def query_form(text: str) -> str | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the form of the query *text* (``None``
    for anything else, such as an update), whatever comments and prefixes come first.

    >>> query_form("# Select the attacks.\\nPREFIX kg: <urn:x#> ask { ?s a kg:Attack }")
    'ASK'
    """
    previous = ""
    for match in _TOKENS.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "word" and previous not in ("?", "$") and _is_keyword(match, text, _FORMS):
            return token.upper()
        if kind != "comment":
            previous = token
    return None


def _is_keyword(match: re.Match[str], text: str, words: set[str]) -> bool:
    """Whether the word *match* is one of *words*, not a prefix (``ask:``) of a prefixed name."""
    return match.group().upper() in words and not text.startswith(":", match.end())


def where_position(text: str) -> int | None:
    """The offset just inside the brace that opens the query's ``WHERE`` group, or ``None`` when
    there is none to bind into (an update, or the short ``CONSTRUCT WHERE`` form).

    >>> text = 'PREFIX : <urn:x#> SELECT (CONCAT("{", ?a) AS ?b) WHERE { ?s :p ?a }'
    >>> text[where_position(text):]
    ' ?s :p ?a }'
    """
    form = query_form(text)
    if form is None:
        return None
    depth = groups = 0
    seen_form = False
    for match in _TOKENS.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "word" and _is_keyword(match, text, {form}):
            seen_form = True
        elif not seen_form or kind not in ("word", "brace"):
            continue
        elif form == "CONSTRUCT" and token.upper() == "WHERE" and groups == 0:
            return None  # CONSTRUCT WHERE { template }: no VALUES allowed in a template
        elif token == "{":
            if depth == 0 and (form != "CONSTRUCT" or groups == 1):
                return match.end()
            depth += 1
        elif token == "}":
            depth -= 1
            groups += depth == 0
    return None


def check_bindings(text: str, bindings: Mapping[str, Identifier], name: str = "inline") -> None:
    """Raise :class:`KgError` unless every binding names a variable of *text* and IRIs are valid.

    >>> from rdflib import Literal
    >>> check_bindings("SELECT ?x {}", {"y": Literal(1)})
    Traceback (most recent call last):
    kg.errors.KgError: query inline has no variable ?y to bind
    """
    for var, value in bindings.items():
        if not re.search(rf"[?$]{re.escape(var)}\b", text):
            raise KgError(f"query {name} has no variable ?{var} to bind")
        if isinstance(value, URIRef) and _BAD_IRI.search(value):
            raise KgError(f"parameter {var}: not a valid IRI: {value!r}")


def with_values(text: str, bindings: Mapping[str, Identifier], name: str = "inline") -> str:
    """*text* with *bindings* in a ``VALUES`` clause opening its ``WHERE`` group (after the whole
    query where it has none), on the same line so parser messages keep their line numbers."""
    if not bindings:
        return text
    check_bindings(text, bindings, name)
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(v.n3() for v in bindings.values())
    clause = f"VALUES ({names}) {{ ({values}) }}"
    at = where_position(text)
    if at is None:
        return f"{text.rstrip()}\n{clause}"
    return f"{text[:at]} {clause}{text[at:]}"
