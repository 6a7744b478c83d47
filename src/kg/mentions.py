"""Stage 2b — mentions: where quotes and entity names occur in the source texts.

Takes :class:`~kg.sources.Source` texts, curated quotes and entity surface forms; returns
:class:`Span` objects with Unicode code-point offsets such that ``text[start:end] == exact``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from kg.errors import KgError
from kg.sources import Source

__all__ = ["CONTEXT", "FormMatcher", "Mention", "Span", "locate"]

#: Characters of context kept before and after a quote (oa:prefix / oa:suffix).
CONTEXT = 32


@dataclass(frozen=True)
class Span:
    """A passage of a source: ``source.text[start:end] == exact``.

    >>> src = Source("a.txt", "In July 2009, 11 were killed.")
    >>> span = locate(src, "11 were killed")
    >>> span.start, span.end, span.prefix
    (14, 28, 'In July 2009, ')
    """

    source: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end or self.end - self.start != len(self.exact):
            raise KgError(f"{self.source}: bad span {self.start}-{self.end} for {self.exact!r}")

    @classmethod
    def of(cls, source: Source, start: int, end: int) -> Span:
        text = source.text
        return cls(
            source.identifier,
            start,
            end,
            text[start:end],
            text[max(0, start - CONTEXT) : start],
            text[end : end + CONTEXT],
        )


@dataclass(frozen=True)
class Mention:
    """An occurrence of one of an entity's curated surface forms."""

    entity: str
    span: Span


def _short(quote: str) -> str:
    return quote if len(quote) <= 60 else quote[:57] + "..."


def locate(source: Source, quote: str, occurrence: int | None = None) -> Span:
    """Find *quote* verbatim in *source*; *occurrence* (from 1) picks one of several.

    Raises :class:`KgError` when the quote is missing, ambiguous, or lies in boilerplate.

    >>> locate(Source("a.txt", "x y x"), "x")
    Traceback (most recent call last):
    kg.errors.KgError: a.txt: quote occurs 2 times, add 'occurrence: N' (1-2): 'x'
    """
    starts = [m.start() for m in re.finditer(re.escape(quote), source.text)]
    if not starts:
        raise KgError(f"{source.identifier}: quote not found verbatim: {_short(quote)!r}")
    if occurrence is None and len(starts) > 1:
        raise KgError(
            f"{source.identifier}: quote occurs {len(starts)} times, "
            f"add 'occurrence: N' (1-{len(starts)}): {_short(quote)!r}"
        )
    index = (occurrence or 1) - 1
    if index >= len(starts):
        raise KgError(
            f"{source.identifier}: quote occurs {len(starts)} times, "
            f"not {occurrence}: {_short(quote)!r}"
        )
    start = starts[index]
    if start + len(quote) > source.content_end:
        raise KgError(f"{source.identifier}: quote lies in page boilerplate: {_short(quote)!r}")
    return Span.of(source, start, start + len(quote))


class FormMatcher:
    """Finds every occurrence of the curated surface forms of entities in a text.

    Matching is case-sensitive, on word boundaries, longest form first and non-overlapping, so
    "Nouri al-Maliki" is one mention, not also one of "al-Maliki".

    >>> m = FormMatcher({"person/maliki": ("Nouri al-Maliki", "al-Maliki")})
    >>> [(x.entity, x.span.exact) for x in m.find(Source("a.txt", "Nouri al-Maliki; al-Maliki"))]
    [('person/maliki', 'Nouri al-Maliki'), ('person/maliki', 'al-Maliki')]
    """

    def __init__(self, forms: Mapping[str, tuple[str, ...]]) -> None:
        self._owner: dict[str, str] = {}
        for entity, entity_forms in forms.items():
            for form in entity_forms:
                other = self._owner.setdefault(form, entity)
                if other != entity:
                    raise KgError(f"surface form {form!r} belongs to both {other} and {entity}")
        ordered = sorted(self._owner, key=lambda f: (-len(f), f))
        alternation = "|".join(re.escape(f) for f in ordered)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)") if ordered else None

    def find(self, source: Source) -> Iterator[Mention]:
        """Yield the mentions in *source*'s own text (boilerplate excluded), in text order."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(source.text, 0, source.content_end):
            yield Mention(self._owner[match.group()], Span.of(source, match.start(), match.end()))
