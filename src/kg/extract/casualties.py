"""Casualty figures: killed, dead, murdered, wounded, injured, taken prisoner.

Takes a sentence :class:`~kg.extract.view.View`; returns :class:`Casualty` figures with the
property they fill (``fatalities``, ``injured``, ``prisoners``), the count and its approximation,
and the offsets of the victims' noun phrase (so the rules can tell who was targeted).

>>> from kg.extract.text import Sentence
>>> def figures(text):
...     found = find_casualties(text, 0)
...     return [(c.predicate, c.quantity.value, c.quantity.qualifier) for c in found]
>>> figures("launched an attack that left 11 MEK members dead and a further 500 wounded.")
[('fatalities', 11, None), ('injured', 500, None)]
>>> figures("Thirty-six residents were murdered and 318 wounded.")
[('fatalities', 36, None), ('injured', 318, None)]
>>> figures("killing nearly 50 people and wounding many others")
[('fatalities', 50, 'nearly'), ('injured', 'many others', None)]
>>> figures("Dozens of rockets hit the camp, killing two residents and injuring 71 others.")
[('fatalities', 2, None), ('injured', 71, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.quantities import QUANTITY, Quantity, parse_quantity

__all__ = ["Casualty", "find_casualties"]

_Q = rf"(?P<q>(?i:{QUANTITY}))"
_NOUN = r"(?P<noun>(?:(?!(?:and|or|but|while|with|from|in|at|by)\b)[A-Za-z()’'-]+\s+){0,4}?)"
_NOT_PEOPLE = re.compile(
    r"\b(?:rockets?|missiles?|mortars?|rounds?|shells?|days?|weeks?|months?|years?|miles?|"
    r"kilomet\w+|trailers?|loudspeakers?|T-walls?|walls?|tanks?|vehicles?|bombs?|percent|"
    r"times|attacks?|million|dollars?|km)\b",
    re.I,
)

_KILLED = r"(?:killed|murdered|dead|slain|executed|massacred|died|lost their lives)"
_INJURED = r"(?:wounded|injured|hurt)"
_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "fatalities",
        "casualty-left-dead",
        re.compile(rf"\bleft\s+{_Q}\s+{_NOUN}dead\b"),
    ),
    (
        "fatalities",
        "casualty-killing",
        re.compile(
            rf"\b(?:killing|killed|murdering|murdered|massacring|executing|the\s+deaths?\s+of|claim(?:ed|ing)\s+the\s+"
            rf"lives\s+of|death\s+toll\s+(?:of|to|at|rose\s+to|stood\s+at))\s+{_Q}(?P<tail>\s+{_NOUN})?"
        ),
    ),
    (
        "fatalities",
        "casualty-were-killed",
        re.compile(
            rf"(?<![\w$.,])\b{_Q}\s+{_NOUN}(?:(?:were|was|have\s+been|had\s+been|are|being)\s+)?"
            rf"{_KILLED}\b"
        ),
    ),
    (
        "injured",
        "casualty-wounding",
        re.compile(rf"\b(?:wounding|injuring|wounded|injured|hurting)\s+{_Q}(?P<tail>\s+{_NOUN})?"),
    ),
    (
        "injured",
        "casualty-were-wounded",
        re.compile(
            rf"(?<![\w$.,])\b{_Q}\s+{_NOUN}(?:(?:were|was|have\s+been|had\s+been|are)\s+)?"
            rf"{_INJURED}\b"
        ),
    ),
    (
        "prisoners",
        "casualty-prisoners",
        re.compile(
            rf"(?<![\w$.,])\b{_Q}\s+{_NOUN}(?:(?:were|was|had\s+been)\s+)?(?:taken,?\s+prisoners?|"
            rf"captured|taken\s+captive)"
        ),
    ),
]


@dataclass(frozen=True)
class Casualty:
    """A casualty figure at ``start:end`` (offsets of the text given to :func:`find_casualties`)."""

    predicate: str
    quantity: Quantity
    start: int
    end: int
    victims: tuple[int, int]
    rule: str


def find_casualties(text: str, offset: int) -> list[Casualty]:
    """Casualty figures in *text* (a sentence starting at document offset *offset*)."""
    found: list[Casualty] = []
    for predicate, rule, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            quantity = parse_quantity(match.group("q"))
            if quantity is None or _is_year(match.group("q")):
                continue
            if isinstance(quantity.value, int) and quantity.value > 10_000_000:
                continue
            noun = (match.groupdict().get("noun") or "").strip()
            if noun and _NOT_PEOPLE.search(noun):
                continue
            q_start = match.start("q")
            if any(c.predicate == predicate and c.start <= q_start < c.end for c in found):
                continue
            if any(c.start - offset == q_start for c in found):
                continue
            victims = (offset + q_start, offset + match.end())
            if match.groupdict().get("noun") is not None and match.start("noun") >= 0:
                victims = (offset + q_start, offset + match.end("noun"))
            found.append(
                Casualty(
                    predicate,
                    quantity,
                    offset + q_start,
                    offset + match.end("q"),
                    victims,
                    rule,
                )
            )
    return sorted(found, key=lambda c: c.start)


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", text.strip()))
