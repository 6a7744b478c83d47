"""SPARQL 1.1 Query Results in JSON and XML: writing a :class:`~kg.store.QueryResult`, and reading
the JSON a remote endpoint answers with.

>>> from rdflib import Literal, URIRef
>>> from kg.store import QueryResult
>>> result = QueryResult(("x", "n"), ((URIRef("urn:x:a"), Literal(13)),))
>>> data = json.loads(to_json(result))
>>> data["results"]["bindings"][0]["n"]
{'type': 'literal', 'value': '13', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
>>> from_json(data) == result
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import KgError
from kg.store import QueryResult

__all__ = ["from_json", "term_from_json", "term_to_json", "to_json", "to_xml"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_NS = "http://www.w3.org/2005/sparql-results#"


def term_to_json(term: Identifier) -> dict[str, str]:
    """One RDF term as a SPARQL JSON results binding."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
            out["datatype"] = str(term.datatype)
        return out
    raise KgError(f"unsupported RDF term {term!r}")


def term_from_json(binding: Mapping[str, Any]) -> Identifier:
    """The RDF term of one SPARQL JSON results binding (``typed-literal`` too, which older
    endpoints still send)."""
    kind, value = binding.get("type"), binding.get("value")
    if not isinstance(value, str):
        raise KgError(f"malformed SPARQL JSON binding: {binding!r}")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang, datatype = binding.get("xml:lang"), binding.get("datatype")
        if lang:
            return Literal(value, lang=lang)
        if datatype and datatype != _XSD_STRING:
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    raise KgError(f"unsupported SPARQL JSON binding type {kind!r}")


def from_json(data: Mapping[str, Any]) -> QueryResult:
    """The :class:`QueryResult` of a SPARQL JSON results document (SELECT or ASK)."""
    if "boolean" in data:
        return QueryResult(boolean=bool(data["boolean"]))
    try:
        variables = tuple(str(v) for v in data["head"].get("vars", ()))
        bindings = data["results"]["bindings"]
    except (KeyError, TypeError, AttributeError):
        raise KgError("malformed SPARQL JSON results: no head/vars or results/bindings") from None
    rows = tuple(
        tuple(term_from_json(b[v]) if v in b else None for v in variables) for b in bindings
    )
    return QueryResult(variables=variables, rows=rows)


def to_json(result: QueryResult) -> str:
    """*result* (SELECT or ASK) as a SPARQL 1.1 Query Results JSON document."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [
        {var: term_to_json(term) for var, term in record.items() if term is not None}
        for record in result.records()
    ]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1)


def _xml_term(term: Identifier) -> str:
    data = term_to_json(term)
    if data["type"] == "uri":
        return f"<uri>{escape(data['value'])}</uri>"
    if data["type"] == "bnode":
        return f"<bnode>{escape(data['value'])}</bnode>"
    attrs = ""
    if "xml:lang" in data:
        attrs = f" xml:lang={quoteattr(data['xml:lang'])}"
    elif "datatype" in data:
        attrs = f" datatype={quoteattr(data['datatype'])}"
    return f"<literal{attrs}>{escape(data['value'])}</literal>"


def to_xml(result: QueryResult) -> str:
    """*result* (SELECT or ASK) as a SPARQL Query Results XML document.

    >>> from kg.store import QueryResult
    >>> print(to_xml(QueryResult(boolean=True)))
    <?xml version="1.0"?>
    <sparql xmlns="http://www.w3.org/2005/sparql-results#">
      <head/>
      <boolean>true</boolean>
    </sparql>
    """
    lines = ['<?xml version="1.0"?>', f'<sparql xmlns="{_NS}">']
    if result.kind == "ask":
        lines += ["  <head/>", f"  <boolean>{str(result.boolean).lower()}</boolean>"]
    else:
        lines.append("  <head>")
        lines += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
        lines += ["  </head>", "  <results>"]
        for record in result.records():
            lines.append("    <result>")
            lines += [
                f"      <binding name={quoteattr(var)}>{_xml_term(term)}</binding>"
                for var, term in record.items()
                if term is not None
            ]
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines)
