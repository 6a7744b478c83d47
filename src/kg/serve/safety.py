"""What a query may reach: no outbound network unless allow-listed, no remote datasets.

Takes a query or update text and the server's :class:`Reach` policy; raises :class:`Refused`
(HTTP 403) when the text asks for ``SERVICE``, ``LOAD`` or ``FROM`` / ``FROM NAMED`` (and the
protocol's ``default-graph-uri`` / ``named-graph-uri``) with an IRI the policy does not allow.

The check is lexical, and deliberately errs towards refusing. Oxigraph's parser matches keywords
without a word boundary (``SERVICEex:x { … }`` is a SERVICE call to ``ex:x``), so any word, and
any prefix of a prefixed name, that *contains* a keyword counts as that keyword; comments,
strings, IRIs, variables and local names are skipped exactly as the SPARQL grammar delimits
them, with ``\\`` escapes outside strings never opening a comment. With an empty allow-list the
worker processes are also sandboxed so that they cannot open an IP socket at all
(:mod:`kg.serve.sandbox`); with an allow-list, any mention of ``SERVICE`` or ``LOAD`` the checker
cannot tie to an allowed IRI is refused too.

>>> reach = Reach(local=("https://kg.example.org/",))
>>> check_reach("SELECT * WHERE { ?s ?p ?o }", reach)
>>> check_reach("SELECT * WHERE { SERVICE <https://dbpedia.org/sparql> { ?s ?p ?o } }", reach)
Traceback (most recent call last):
kg.serve.safety.Refused: SERVICE <https://dbpedia.org/sparql>: this server makes no outbound \
requests (allow an endpoint with --allow-remote PREFIX)
>>> check_reach("SELECT * FROM <https://kg.example.org/graph/registry> { ?s ?p ?o }", reach)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from kg.errors import KgError

__all__ = ["Reach", "Refused", "check_dataset", "check_reach", "tokens"]

_KEYWORDS = ("SERVICE", "LOAD", "FROM")
_ESCAPE = r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})"
_TOKEN = re.compile(
    rf"""
      (?P<space>\s+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
    | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_ESCAPE})*>)
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    | (?P<pname>(?P<prefix>[^\W\d_][\w.\-\u00B7]*)?:
                (?P<local>(?:[\w:\-\u00B7]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?\#@%]
                           |\.(?=[\w:\-%\\]))*))
    | (?P<bnode>_:[\w\-.\u00B7]*)
    | (?P<langtag>@[A-Za-z0-9\-]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<escape>\\.?)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Refused(KgError):
    """A query or update that asks for something the server does not do (HTTP 403)."""


@dataclass(frozen=True)
class Reach:
    """Which IRIs a query may name in ``SERVICE``, ``LOAD`` and ``FROM``.

    *local*: prefixes of the served dataset's own graphs (its base IRI), allowed in ``FROM``;
    *remote*: allow-listed prefixes, allowed everywhere (``SERVICE`` and ``LOAD`` then make real
    requests to them).
    """

    local: tuple[str, ...] = ()
    remote: tuple[str, ...] = ()

    def allows(self, iri: str, *, fetch: bool) -> bool:
        prefixes = self.remote if fetch else self.remote + self.local
        return any(iri.startswith(prefix) for prefix in prefixes if prefix)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    prefix: str = ""


def tokens(text: str) -> Iterator[Token]:
    """The tokens of *text*, without white space and comments.

    >>> [t.text for t in tokens('SELECT ?x { ex:a\\\\#b "#" <#i> } # no')]
    ['SELECT', '?x', '{', 'ex:a\\\\#b', '"#"', '<#i>', '}']
    """
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        yield Token(kind, match.group(), match.group("prefix") or "")


def _keyword(token: Token) -> str | None:
    """The keyword *token* may be to Oxigraph's parser (see the module docstring)."""
    if token.kind == "word":
        name = token.text.upper()
    elif token.kind == "pname":
        name = token.prefix.upper()
    elif token.kind == "langtag":
        name = token.text.upper()
    else:
        return None
    for keyword in _KEYWORDS:
        if keyword in name:
            # ``FROM`` only opens a dataset clause as a word of its own, ``SERVICE`` and ``LOAD``
            # anywhere; a word like ``relocatedFrom`` is a local name and never reaches here.
            return keyword
    return None


def _unescape(iri: str) -> str:
    return re.sub(_ESCAPE, lambda m: chr(int(m.group()[2:], 16)), iri)


def _resolve(token: Token, prefixes: dict[str, str], base: str) -> str | None:
    """The absolute IRI *token* names, or ``None`` if it is no IRI or cannot be resolved."""
    if token.kind == "iri":
        return urljoin(base, _unescape(token.text[1:-1])) if base else _unescape(token.text[1:-1])
    if token.kind == "pname":
        namespace = prefixes.get(token.prefix)
        if namespace is None:
            return None
        local = re.sub(r"\\(.)", r"\1", token.text.split(":", 1)[1])
        return namespace + local
    return None


def check_reach(text: str, reach: Reach, *, strict: bool = False) -> None:
    """Raise :class:`Refused` unless every ``SERVICE``, ``LOAD`` and ``FROM`` of *text* names an
    IRI that *reach* allows (see the module docstring).

    *strict* also refuses mentions the checker cannot tie to an IRI, as with an allow-list: for
    workers that could not be sandboxed.
    """
    items = list(tokens(text))
    prefixes: dict[str, str] = {}
    base = ""
    verified = 0
    for i, token in enumerate(items):
        upper = token.text.upper()
        following = items[i + 1 : i + 4]
        if upper == "PREFIX" and len(following) >= 2 and following[1].kind == "iri":
            name = following[0].text.rstrip(":") if following[0].kind == "pname" else ""
            prefixes[name] = _resolve(following[1], {}, base) or ""
            continue
        if upper == "BASE" and following and following[0].kind == "iri":
            base = _resolve(following[0], {}, base) or ""
            continue
        keyword = _keyword(token)
        if keyword is None:
            continue
        target = _target(token, keyword, following)
        iri = _resolve(target, prefixes, base) if target is not None else None
        fetch = keyword != "FROM"
        if iri is None:
            what = target.text if target is not None else "(no IRI)"
            raise Refused(f"{keyword} {what}: {_why(keyword)}")
        if not reach.allows(iri, fetch=fetch):
            raise Refused(f"{keyword} <{iri}>: {_why(keyword)}")
        verified += fetch
    if reach.remote or strict:
        _check_mentions(text, verified)


def _target(token: Token, keyword: str, following: list[Token]) -> Token | None:
    """The token naming the IRI after *keyword* (``SILENT`` and ``NAMED`` skipped); ``None`` when
    the keyword is glued into another word, where what it calls cannot be told."""
    if token.kind == "pname":
        if token.prefix.upper() != keyword:
            return None
        return Token("pname", ":" + token.text.split(":", 1)[1], "")  # ``SERVICE:x``
    if token.text.upper() != keyword:
        return None
    rest = [t for t in following if t.text.upper() not in ("SILENT", "NAMED")]
    if not rest or rest[0].kind not in ("iri", "pname"):
        return None
    return rest[0]


def _why(keyword: str) -> str:
    if keyword == "FROM":
        return "only the graphs this server holds can be queried (allow others with --allow-remote)"
    return "this server makes no outbound requests (allow an endpoint with --allow-remote PREFIX)"


def _check_mentions(text: str, verified: int) -> None:
    """With an allow-list the workers may use the network: every raw mention of SERVICE or LOAD,
    wherever it hides, must be one the checker tied to an allowed IRI."""
    mentions = len(re.findall("SERVICE|LOAD", text, re.IGNORECASE))
    if mentions > verified:
        raise Refused(
            "the query mentions SERVICE or LOAD where the checker cannot tell what it calls "
            "(in a string, comment or name); remove the mention"
        )


def check_dataset(
    default_graphs: tuple[str, ...], named_graphs: tuple[str, ...], reach: Reach
) -> None:
    """Raise :class:`Refused` unless the protocol's ``default-graph-uri`` and ``named-graph-uri``
    name graphs *reach* allows."""
    for iri in (*default_graphs, *named_graphs):
        if not reach.allows(iri, fetch=False):
            raise Refused(f"graph <{iri}>: {_why('FROM')}")
