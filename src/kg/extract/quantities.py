"""Counts of people: numbers in digits or words, approximations and vague figures.

Takes the text of a number phrase; returns a :class:`Quantity`: a whole number with the
approximation word as qualifier ("nearly 50" → 50, "nearly"), or the text's own words for a vague
figure ("hundreds", "many others"). :data:`QUANTITY` is the regular-expression fragment the rules
embed to find such phrases.

>>> parse_quantity("nearly 50")
Quantity(value=50, qualifier='nearly')
>>> parse_quantity("Thirty-six")
Quantity(value=36, qualifier=None)
>>> parse_quantity("over 5.2 million")
Quantity(value=5200000, qualifier='over')
>>> parse_quantity("more than 1,300")
Quantity(value=1300, qualifier='more than')
>>> parse_quantity("many others")
Quantity(value='many others', qualifier=None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QUALIFIERS", "QUANTITY", "Quantity", "parse_quantity"]


def _words(text: str) -> list[str]:
    return text.split()


#: Approximation words kept as ``kg:qualifier`` (the values ontology/shapes.ttl allows).
QUALIFIERS = (
    "more than",
    "at least",
    "less than",
    "fewer than",
    "up to",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "over",
    "some",
)
_UNITS = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"), 2)
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = (
    "many others",
    "many more",
    "several others",
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "several",
    "many",
)

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|thousand|billion))?"
    rf"|(?:{_WORD})(?:[-\s](?:{_WORD}))?(?:\s+(?:hundred|thousand|million|dozen))?"
    r"|an?\s+(?:hundred|thousand|million|dozen)|another\s+thousand|a\s+further\s+\d[\d,]*"
)
#: A count phrase: optional approximation, then a number or a vague figure.
QUANTITY = (
    rf"(?:(?:{'|'.join(QUALIFIERS)})\s+)?(?:{_NUMBER})(?![\w-])"
    rf"|(?:{'|'.join(_VAGUE)})(?!\w)"
)


@dataclass(frozen=True)
class Quantity:
    value: int | str
    qualifier: str | None = None


def _words_to_int(words: str) -> int | None:
    total, current = 0, 0
    for word in re.split(r"[-\s]+", words.lower()):
        if word in ("a", "an"):
            current = max(current, 1)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
    return total + current


def parse_quantity(text: str) -> Quantity | None:
    """The count *text* states, or ``None`` when it is not a count."""
    phrase = re.sub(r"\s+", " ", text.strip().lower())
    qualifier = None
    for q in QUALIFIERS:
        if phrase.startswith(q + " "):
            qualifier, phrase = q, phrase[len(q) + 1 :]
            break
    if phrase in _VAGUE:
        return Quantity(phrase, None) if qualifier is None else None
    phrase = re.sub(r"^(?:a further|another)\s+", "", phrase)
    digits = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s+(million|thousand|billion))?", phrase)
    if digits:
        number = float(digits.group(1).replace(",", ""))
        scale = _SCALES.get(digits.group(2) or "", 1)
        value = round(number * scale)
        if scale == 1 and not number.is_integer():
            return None
        return Quantity(value, qualifier)
    value_words = _words_to_int(phrase)
    if value_words is None:
        return None
    return Quantity(value_words, qualifier)
