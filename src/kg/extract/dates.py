"""Date expressions, normalised at the precision the text gives.

Takes a sentence; returns :class:`DateMention` objects whose values are ``YYYY`` (xsd:gYear),
``YYYY-MM`` (xsd:gYearMonth) or ``YYYY-MM-DD`` (xsd:date). A range ("July 28-29, 2009",
"from 2009-2012") has a start and an end; "since 2015" only a start.

>>> [(d.start_value, d.end_value) for d in find_dates("On July 28-29, 2009 and in March 1988")]
[('2009-07-28', '2009-07-29'), ('1988-03', '1988-03')]
>>> [d.start_value for d in find_dates("Kobler arrived on 31 January 2012.")]
['2012-01-31']
>>> [(d.start_value, d.end_value) for d in find_dates("monitored the camp from 2009-2012")]
[('2009', '2012')]
>>> [(d.start_value, d.end_value) for d in find_dates("starting in 2015, Congress acted")]
[('2015', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MONTHS", "DateMention", "find_dates"]

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``start:end`` of the sentence it was found in.

    ``start_value == end_value`` for a single date; ``end_value is None`` for an open start
    ("since 2015"), ``start_value is None`` for an open end ("until 2013").
    """

    start: int
    end: int
    start_value: str | None
    end_value: str | None

    @property
    def single(self) -> str | None:
        return self.start_value if self.start_value == self.end_value else None


_MONTH = (
    r"(?P<{n}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?P<{n}>(?:1[89]|20)\d\d)"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"\s*[-–—]\s*"


def _f(pattern: str, **names: str) -> str:
    return pattern.format(**names)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "mdd-y",  # July 28-29, 2009
        re.compile(
            _f(_MONTH, n="m")
            + r"\s+"
            + _f(_DAY, n="d")
            + _DASH
            + _f(_DAY, n="d2")
            + r",?\s+"
            + _f(_YEAR, n="y")
            + r"\b"
        ),
    ),
    (
        "dd-m-y",  # 28-29 July 2009
        re.compile(
            r"\b"
            + _f(_DAY, n="d")
            + _DASH
            + _f(_DAY, n="d2")
            + r"\s+"
            + _f(_MONTH, n="m")
            + r",?\s+"
            + _f(_YEAR, n="y")
            + r"\b"
        ),
    ),
    (
        "m-d-y",  # July 21, 2004
        re.compile(
            _f(_MONTH, n="m") + r"\s+" + _f(_DAY, n="d") + r",?\s+" + _f(_YEAR, n="y") + r"\b"
        ),
    ),
    (
        "d-m-y",  # 21 July 2004
        re.compile(
            r"\b"
            + _f(_DAY, n="d")
            + r"\s+"
            + _f(_MONTH, n="m")
            + r",?\s+"
            + _f(_YEAR, n="y")
            + r"\b"
        ),
    ),
    ("m-y", re.compile(_f(_MONTH, n="m") + r",?\s+(?:of\s+)?" + _f(_YEAR, n="y") + r"\b")),
    (
        "y-y",  # 2009-2012, from 2009 to 2012, between 2009 and 2012
        re.compile(
            r"\b(?:(?:from|between)\s+)?"
            + _f(_YEAR, n="y")
            + r"(?:\s*[-–]\s*|\s+(?:to|until|and)\s+)"
            + _f(_YEAR, n="y2")
            + r"\b"
        ),
    ),
    (
        "y",  # a year after a preposition or season: in 1986, early 2003, the summer of 1986
        re.compile(
            r"(?i:\b(?P<prep>in|on|since|by|until|till|from|during|early|mid|late|starting in|"
            r"beginning in|as of|of)\s+(?:the\s+)?)" + _f(_YEAR, n="y") + r"\b(?![-–]\d|,\d|\.\d)"
        ),
    ),
]

_OPEN_START = {"since", "starting in", "beginning in", "from"}
_OPEN_END = {"until", "till"}


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _value(match: re.Match[str], day: str | None = "d") -> str:
    y = match.group("y")
    groups = match.groupdict()
    if "m" not in groups or groups["m"] is None:
        return y
    m = groups["m"]
    month = int(m) if m.isdigit() else _month(m)
    if day is None or groups.get(day) is None:
        return f"{y}-{month:02d}"
    d = int(groups[day])
    return f"{y}-{month:02d}-{d:02d}" if 1 <= d <= 31 and 1 <= month <= 12 else f"{y}-{month:02d}"


def find_dates(text: str) -> list[DateMention]:
    """Every date expression of *text*, leftmost-longest, without overlaps."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if kind in ("mdd-y", "dd-m-y"):
                mention = DateMention(start, end, _value(match), _value(match, "d2"))
            elif kind == "y-y":
                y1, y2 = match.group("y"), match.group("y2")
                if int(y2) <= int(y1):
                    continue
                mention = DateMention(start, end, y1, y2)
            elif kind == "y":
                prep = match.group("prep").lower()
                year = match.group("y")
                start = match.start("y") if prep in ("of", "in", "on", "during", "by") else start
                if prep in _OPEN_START:
                    mention = DateMention(start, end, year, None)
                elif prep in _OPEN_END:
                    mention = DateMention(start, end, None, year)
                else:
                    mention = DateMention(start, end, year, year)
            else:
                value = _value(match)
                mention = DateMention(start, end, value, value)
            taken.append((start, end))
            found.append(mention)
    return sorted(found, key=lambda d: d.start)
