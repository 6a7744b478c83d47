"""Entity linking: names in a text resolved to the registry's entities.

Takes the entity registry (labels and surface forms of ``data/curation/entities*.yaml``) and a
document's text; returns :class:`EntityMention` spans, longest match first. Matching tolerates what
varies between texts and is not a different name:

- case, for names of two or more words with a capital ("Iraqi army" / "Iraqi Army");
- possessives ("Kobler’s"), hyphens and apostrophe shapes ("al-Maliki" / "al Maliki",
  "Kata’eb" / "Kata'eb"), diacritics ("Nūri");
- transliteration variants ("Nouri" / "Nuri", "Mojahedin" / "Mujahideen", "Quds" / "Qods");
- a leading "al-" dropped ("Maliki");
- acronyms introduced in parentheses: "National Liberation Army (NLA)" makes "NLA" a name of the
  entity for the rest of the document, and "People’s Mojahedin Organization of Iran (PMOI)" makes
  the long name one of the entity the acronym names.

Single-word names match case-sensitively, so "us" is never the US and "liberty" never the camp.

>>> from kg.curation import EntityRecord
>>> index = EntityIndex([EntityRecord("person/maliki", ("Person",), "Nouri al-Maliki")])
>>> [(m.entity, m.how) for m in index.find("Nuri Al-Maliki’s office and Maliki")]
[('person/maliki', 'transliteration'), ('person/maliki', 'variant')]
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.curation import EntityRecord

__all__ = ["EntityIndex", "EntityMention", "Token", "fold", "normalise_token", "tokenize"]


def _words(text: str) -> list[str]:
    return text.split()


_TOKEN = re.compile(r"[^\W_]+(?:['’‘`´][^\W_]+)*")
_CONNECTORS = frozenset(_words("of for the and al el e de la bin ibn ul on in"))
#: Kinds whose labels are names (event and role labels are descriptions, not names).
_NAMED_KINDS = ("person", "org", "group", "place", "agreement", "doc")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    norm: str  # diacritics and apostrophes normalised, possessive dropped, case kept

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()


@dataclass(frozen=True)
class EntityMention:
    """A name in the text at ``start:end`` that names registry (or document-local) *entity*."""

    start: int
    end: int
    entity: str
    how: str  # form, case, variant, transliteration, acronym
    confidence: float


def normalise_token(token: str) -> str:
    """Diacritics off, apostrophes unified and dropped, possessive ’s removed; case kept.

    >>> normalise_token("Kobler’s"), normalise_token("Kata’eb"), normalise_token("Nūri")
    ('Kobler', 'Kataeb', 'Nuri')
    """
    text = unicodedata.normalize("NFKD", token)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’‘`´]", "'", text)
    text = re.sub(r"'[sS]$", "", text)
    return text.replace("'", "")


def fold(word: str) -> str:
    """A transliteration key: vowels and doubled letters that vary between spellings merged.

    >>> fold("nouri") == fold("nuri"), fold("mojahedin") == fold("mujahideen")
    (True, True)
    >>> fold("iran") == fold("iraq")
    False
    """
    w = word.lower()
    if len(w) < 4:
        return w
    for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ey", "i"), ("q", "k"), ("ph", "f")):
        w = w.replace(a, b)
    w = w.translate(str.maketrans("oey", "uii"))
    return re.sub(r"(.)\1+", r"\1", w)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), normalise_token(m.group()))
        for m in _TOKEN.finditer(text, start, end)
    ]


def _gap(text: str) -> str | None:
    """How two tokens are joined: '' for space or hyphen, punctuation kept, None across lines."""
    if "\n" in text:
        return None
    stripped = re.sub(r"\s+", "", text)
    return "" if stripped in ("", "-", "‐", "–") else stripped


def _key(words: list[str], gaps: list[str]) -> str:
    out = words[0]
    for gap, word in zip(gaps, words[1:], strict=True):
        out += f" {gap} {word}" if gap else f" {word}"
    return out


def _form_key(form: str) -> tuple[list[str], list[str]] | None:
    tokens = tokenize(form)
    if not tokens:
        return None
    gaps = [_gap(form[a.end : b.start]) or "" for a, b in itertools.pairwise(tokens)]
    return [t.norm for t in tokens], gaps


@dataclass
class _Level:
    """One matching level: key → entity (``None`` when two entities share the key)."""

    keys: dict[str, str | None] = field(default_factory=dict)

    def add(self, key: str, entity: str) -> None:
        if self.keys.get(key, entity) != entity:
            self.keys[key] = None
        else:
            self.keys[key] = entity


class EntityIndex:
    """The registry's names, ready to be found in texts."""

    def __init__(self, records: Iterable[EntityRecord]) -> None:
        self.records = {r.id: r for r in records}
        self._exact, self._lower, self._fold = _Level(), _Level(), _Level()
        self._variant = _Level()
        self._first: dict[str, int] = {}  # first word (any level's key) → longest name's length
        self.max_tokens = 1
        records = sorted(self.records.values(), key=lambda r: r.id)
        # a surface form says which entity a text means by a name; a label that is another
        # entity's form ("United States": the government acting, the country as a place) is left
        # to the form
        claimed = {form: r.id for r in records for form in r.forms}
        for record in records:
            names = list(record.forms)
            named = record.id.split("/")[0] in _NAMED_KINDS
            if named and claimed.get(record.label, record.id) == record.id:
                names.append(record.label)
            for name in names:
                self.add_name(name, record.id, person=record.id.startswith("person/"))

    def add_name(self, name: str, entity: str, *, person: bool = False) -> None:
        """Make *name* (and its variants) a name of *entity*; a person is also named by surname."""
        parsed = _form_key(name)
        if parsed is None:
            return
        words, gaps = parsed
        self.max_tokens = max(self.max_tokens, len(words))
        for first in {words[0], words[0].lower(), fold(words[0])}:
            self._first[first] = max(self._first.get(first, 0), len(words))
        if len(words) > 1 and words[0].lower() == "al":
            self._first[words[1]] = max(self._first.get(words[1], 0), len(words) - 1)
        self._exact.add(_key(words, gaps), entity)
        if len(words) > 1:
            self._lower.add(_key([w.lower() for w in words], gaps), entity)
            self._fold.add(_key([fold(w) for w in words], gaps), entity)
        elif len(words[0]) >= 5:
            self._fold.add(fold(words[0]), entity)
        if len(words) > 1 and words[0].lower() != "al" and "al" in (w.lower() for w in words):
            keep = [i for i, w in enumerate(words) if w.lower() != "al"]
            short = [words[i] for i in keep]
            if len(short) > 1 or len(short[0]) >= 5:
                self._variant.add(_key(short, [""] * (len(short) - 1)), entity)
        surname = words[-1]
        short_name = len(words) == 2 and words[0].lower() == "al"
        if (
            (short_name or (person and len(words) > 1))
            and len(surname) >= 4
            and surname[0].isupper()
        ):
            self._variant.add(surname, entity)
            self._first[surname] = max(self._first.get(surname, 0), 1)

    def types(self, entity: str) -> tuple[str, ...]:
        record = self.records.get(entity)
        return record.types if record else ()

    def label(self, entity: str) -> str:
        record = self.records.get(entity)
        return record.label if record else entity

    def _lookup(self, tokens: list[Token], gaps: list[str]) -> tuple[str, str, float] | None:
        words = [t.norm for t in tokens]
        entity = self._exact.keys.get(_key(words, gaps))
        if entity:
            return entity, "form", 0.95
        has_capital = any(t.capitalised and t.norm.lower() not in _CONNECTORS for t in tokens)
        if not has_capital:
            return None
        if len(words) > 1:
            entity = self._lower.keys.get(_key([w.lower() for w in words], gaps))
            if entity:
                return entity, "case", 0.9
        entity = self._variant.keys.get(_key(words, gaps))
        if entity and tokens[0].capitalised:
            return entity, "variant", 0.8
        if len(words) > 1 or len(words[0]) >= 5:
            entity = self._fold.keys.get(_key([fold(w) for w in words], gaps))
            if entity:
                return entity, "transliteration", 0.8
        return None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[EntityMention]:
        """The registry names in ``text[start:end]``, longest match first, without overlaps."""
        tokens = tokenize(text, start, end)
        gaps = [_gap(text[a.end : b.start]) for a, b in itertools.pairwise(tokens)]
        return list(self._scan(tokens, gaps))

    def _scan(self, tokens: list[Token], gaps: list[str | None]) -> Iterator[EntityMention]:
        i = 0
        while i < len(tokens):
            best = None
            word = tokens[i].norm
            longest = max(
                self._first.get(word, 0),
                self._first.get(word.lower(), 0),
                self._first.get(fold(word), 0),
            )
            for n in range(min(longest, len(tokens) - i), 0, -1):
                window = gaps[i : i + n - 1]
                if any(g is None for g in window):
                    continue
                found = self._lookup(tokens[i : i + n], [g or "" for g in window])
                if found:
                    best = (n, *found)
                    break
            if best is None:
                i += 1
                continue
            n, entity, how, confidence = best
            last = tokens[i + n - 1]
            end = last.end - 2 if re.search(r"['’][sS]$", last.text) else last.end
            yield EntityMention(tokens[i].start, end, entity, how, confidence)
            i += n
