"""Restricting a :class:`~kg.network.facts.Facts` index before it is projected.

Two kinds of filter:

- **Evidence filters** (``sources``, ``methods``) keep the evidence passages from those source
  documents and made by those extraction methods; a fact none of whose evidence is left is
  dropped. Triples that are not reified (the entity registry's classes and labels, provenance
  bookkeeping) are kept. ``sources=["002"]`` is the network as document 002 tells it.
- **Occurrence filters** (``start``/``end``, ``event_types``) select *occurrences* — events,
  agreements and position holdings. With either given, a fact survives only if it involves a
  selected occurrence and no unselected one: ``event_types=["Attack"]`` is the network of the
  attacks. An occurrence is in a time window when its dates (``kg:date``, ``kg:startDate``,
  ``kg:endDate``, at the text's precision) overlap it; an undated occurrence is never in one.

>>> from kg.network import load_facts
>>> facts = load_facts()
>>> attacks = restrict(facts, event_types=["Attack"], start="2009", end="2011")
>>> 0 < len(attacks.facts) < len(facts.facts)
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable

from kg.errors import KgError
from kg.namespaces import KG
from kg.network.facts import EvidenceRef, Fact, Facts, Lit, Triple

__all__ = ["date_interval", "match_sources", "parse_method", "restrict"]

_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_METHODS = {
    "CuratedAnnotation": "curated annotation",
    "SurfaceFormMatch": "surface-form match",
    "PatternRule": "pattern rule",
    "StatisticalModel": "statistical model",
}


def date_interval(value: str | dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a date at the text's precision covers.

    >>> date_interval("2009-02")
    (datetime.date(2009, 2, 1), datetime.date(2009, 2, 28))
    >>> date_interval("2011")[1]
    datetime.date(2011, 12, 31)
    """
    if isinstance(value, dt.date):
        return value, value
    match = _DATE.match(value.strip())
    if not match:
        raise KgError(f"not a date: {value!r}; expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            d = dt.date(year, int(month), int(day))
            return d, d
        if month:
            first = dt.date(year, int(month), 1)
            following = dt.date(year + int(month) // 12, int(month) % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        raise KgError(f"not a date: {value!r}") from None


def parse_method(name: str) -> str:
    """The class local name of an extraction method given as ``curated``, ``pattern rule``, …

    >>> parse_method("curated"), parse_method("SurfaceFormMatch")
    ('CuratedAnnotation', 'SurfaceFormMatch')
    """
    key = re.sub(r"[^a-z]", "", name.lower())
    hits = [
        cls
        for cls, words in _METHODS.items()
        if key
        and any(
            n.startswith(key)
            for n in (cls.lower(), re.sub(r"[^a-z]", "", words), *re.split(r"[ -]", words))
        )
    ]
    if len(hits) == 1:
        return hits[0]
    raise KgError(f"unknown extraction method {name!r}; choose from {', '.join(_METHODS.values())}")


def match_sources(facts: Facts, names: Iterable[str]) -> frozenset[str]:
    """The source file names *names* refer to: a file name, a path or a unique prefix (``002``)."""
    known = {e.source for f in facts.facts.values() for e in f.evidence} | set(facts.sentences)
    out = set()
    for name in names:
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        hits = [k for k in known if k == base] or sorted(k for k in known if k.startswith(base))
        if len(hits) != 1:
            problem = "is ambiguous" if hits else "is not a source of the graph"
            raise KgError(f"source {name!r} {problem}; sources: {', '.join(sorted(known))}")
        out.add(hits[0])
    return frozenset(out)


def _event_classes(facts: Facts, names: Iterable[str]) -> frozenset[str]:
    out = set()
    for name in names:
        iri = name if "://" in name else str(KG._NS) + name
        if iri not in facts.superclasses:
            raise KgError(f"unknown class {name!r} (a class of ontology/kg.ttl, e.g. Attack)")
        out.add(iri)
    return frozenset(out)


def _dates(facts: Facts) -> dict[str, tuple[dt.date, dt.date]]:
    spans: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for prop in (KG.date, KG.startDate, KG.endDate):
        for (s, p, o), _ in facts.facts.items():
            if p == str(prop) and isinstance(o, Lit):
                try:
                    spans[s].append(date_interval(o.value))
                except KgError:
                    continue
    return {n: (min(a for a, _ in v), max(b for _, b in v)) for n, v in spans.items()}


def _keep_evidence(
    fact: Fact, sources: frozenset[str] | None, methods: frozenset[str] | None
) -> Fact | None:
    kept: tuple[EvidenceRef, ...] = tuple(
        e
        for e in fact.evidence
        if (sources is None or e.source in sources) and (methods is None or e.method in methods)
    )
    if not kept:
        return None
    return fact if len(kept) == len(fact.evidence) else dataclasses.replace(fact, evidence=kept)


def restrict(
    facts: Facts,
    *,
    sources: Iterable[str] | None = None,
    methods: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    event_types: Iterable[str] | None = None,
) -> Facts:
    """*facts* restricted to some sources, methods, a time window or event types.

    Parameters
    ----------
    facts : Facts
    sources : iterable of str, optional
        Source documents: file names, paths or unique prefixes (``"002"``).
    methods : iterable of str, optional
        Extraction methods (``"curated"``, ``"surface-form"``, ``"pattern"``, ``"model"``).
    start, end : str or datetime.date, optional
        The time window, at any precision (``"2009"``, ``"2009-07"``, ``"2009-07-28"``).
    event_types : iterable of str, optional
        Classes of the ontology (``"Attack"`` or a full IRI); subclasses count.

    Returns
    -------
    Facts
        A new index; *facts* is unchanged.
    """
    src = match_sources(facts, sources) if sources is not None else None
    meth = frozenset(parse_method(m) for m in methods) if methods is not None else None
    kept: dict[Triple, Fact] = {}
    for key, fact in facts.facts.items():
        survivor = _keep_evidence(fact, src, meth) if src or meth else fact
        if survivor is not None:
            kept[key] = survivor
    dropped = set(facts.facts) - set(kept)
    triples = tuple(t for t in facts.triples if t not in dropped)
    out = dataclasses.replace(facts, triples=triples, facts=kept)
    types = _event_classes(facts, event_types) if event_types is not None else None
    if start is None and end is None and types is None:
        return out
    return _select_occurrences(out, start, end, types)


def _select_occurrences(
    facts: Facts,
    start: str | dt.date | None,
    end: str | dt.date | None,
    types: frozenset[str] | None,
) -> Facts:
    lo = date_interval(start)[0] if start is not None else dt.date.min
    hi = date_interval(end)[1] if end is not None else dt.date.max
    if lo > hi:
        raise KgError(f"empty time window: {start} is after {end}")
    dates = _dates(facts) if start is not None or end is not None else {}

    def selected(node: str) -> bool:
        if types is not None and types.isdisjoint(facts.classes(node)):
            return False
        if start is None and end is None:
            return True
        span = dates.get(node)
        return span is not None and span[0] <= hi and lo <= span[1]

    def keep(triple: Triple) -> bool:
        s, _, o = triple
        nodes = [n for n in (s, o) if isinstance(n, str) and facts.is_occurrence(n)]
        return bool(nodes) and all(selected(n) for n in nodes)

    return dataclasses.replace(
        facts,
        triples=tuple(t for t in facts.triples if keep(t)),
        facts={k: f for k, f in facts.facts.items() if keep(k)},
    )
