"""What the rules see of one sentence, and what they produce.

Takes a sentence, the document's entity mentions and dates; gives the rules a :class:`View` with
helpers for the few syntactic notions they need (who is the subject before a verb, what follows a
preposition). Rules return :class:`Node` objects (new events, roles, agreements, speech acts) and
:class:`AutoFact` objects whose evidence is the sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from kg.extract.dates import DateMention
from kg.extract.linking import EntityMention
from kg.extract.signature import Signature
from kg.extract.text import Sentence

__all__ = ["PREPOSITIONS", "AutoFact", "Node", "View", "node_id"]


def _words(text: str) -> list[str]:
    return text.split()


Value = str | int | bool

PREPOSITIONS = frozenset(
    _words(
        "of by with to from against on at in for under between among including than "
        "into onto about over toward towards near after before like as"
    )
)
_DETERMINERS = frozenset(_words("the a an its their his her our this that these those"))
#: A name used as a modifier of a person noun ("a UN officer", "UNHCR shelter expert").
_MODIFIER = re.compile(
    r"^\s+(?:[a-z-]+\s+){0,2}(?:officers?|officials?|spokes(?:man|woman|person)|experts?|lawyers?|"
    r"observers?|staff|employees?|diplomats?|envoys?|delegates?|workers?|monitors?)\b"
)
_AS_PREPOSITION = re.compile(
    r"\b(?:described|known|recogni[sz]ed|regarded|seen|cited|such|designated|listed|same|served)"
    r"\s+(?:\w+\s+){0,3}?as\s+(?:the\s+|a\s+|an\s+)?$"
)
_BOUNDARY = re.compile(
    r"\b(?:that|which|who|whom|said|says|told|because|when|while|whilst|after|before|until|"
    r"although|if)\b|[;:]"
)


@dataclass(frozen=True)
class Node:
    """A node the rules create: an event, a position holding, an agreement, a speech act."""

    id: str
    types: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class AutoFact:
    """One automatic fact; its evidence is the document's text from ``start`` to ``end``."""

    subject: str
    predicate: str
    value: Value
    start: int
    end: int
    rule: str
    confidence: float
    qualifier: str | None = None


def node_id(kind: str, prefix: str, *parts: object) -> str:
    """A content-derived id: ``kind/prefix-<hash of parts>``.

    >>> node_id("event", "attack", "abc", 12)
    'event/attack-d4cecefc62'
    """
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:10]
    return f"{kind}/{prefix}-{digest}"


@dataclass(frozen=True)
class View:
    """One sentence of a document, with its mentions and dates (offsets into the document)."""

    doc: str
    sentence: Sentence
    mentions: tuple[EntityMention, ...]
    dates: tuple[DateMention, ...]
    types: Callable[[str], tuple[str, ...]]
    signature: Signature
    doc_key: str  # the document's SHA-256: new node ids derive from it
    countries: Mapping[str, str] = field(default_factory=dict)  # government → its country
    homes: Mapping[str, str] = field(default_factory=dict)  # residents' group → their camp

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def text(self) -> str:
        return self.sentence.text

    def is_a(self, entity: str, cls: str) -> bool:
        return self.signature.is_a(self.types(entity), cls)

    def place(self, m: EntityMention) -> str | None:
        """The place *m* names: a government's country where the text names a state as a place."""
        if self.is_a(m.entity, "Location"):
            return m.entity
        return self.countries.get(m.entity)

    def of(
        self, cls: str | tuple[str, ...], mentions: Iterable[EntityMention] | None = None
    ) -> list[EntityMention]:
        """The mentions (of the sentence, or *mentions*) of entities of class(es) *cls*."""
        classes = (cls,) if isinstance(cls, str) else cls
        pool = self.mentions if mentions is None else mentions
        return [m for m in pool if any(self.is_a(m.entity, c) for c in classes)]

    def word_before(self, pos: int) -> str:
        """The word before document offset *pos*, lower-cased, skipping determiners and
        possessives ("against the Guards", "against Iran’s Guards": "against")."""
        words = re.findall(r"[\w’'-]+|[,;:(“”\"–]", self.doc[max(self.start, pos - 60) : pos])
        while words and (
            words[-1].lower() in _DETERMINERS
            or (re.search(r"[’']s$", words[-1]) and len(words) > 1)
        ):
            words.pop()
        return words[-1].lower() if words else ""

    def subject_before(
        self,
        pos: int,
        cls: str | tuple[str, ...] = ("Actor", "Country"),
        *,
        exclude: str | None = None,
    ) -> EntityMention | None:
        """The nearest *cls* mention before *pos* that is not the object of a preposition."""
        for m in reversed([m for m in self.of(cls) if m.end <= pos and m.entity != exclude]):
            between = self.doc[m.end : pos]
            if ";" in between or "“" in between:
                return None
            word = self.word_before(m.start)
            if word == "as" and not _AS_PREPOSITION.search(self.doc[self.start : m.start]):
                word = ""  # "… expanded as MEK supporters travelled": a conjunction
            if word in PREPOSITIONS or re.match(r"['’]s\b", self.doc[m.end :]):
                continue
            if word == "(" or _MODIFIER.match(self.doc[m.end : pos]):
                continue  # "(UNAMI)", "a UN officer said": not the subject
            return m
        return None

    def clause_subject(
        self, pos: int, cls: str | tuple[str, ...] = ("Actor", "Country")
    ) -> EntityMention | None:
        """:meth:`subject_before`, if no clause boundary ("said that", "who") lies in between."""
        before = pos
        while True:
            m = self.subject_before(before, cls)
            if m is None:
                return None
            lead = self.doc[self.start : m.start]
            clause = lead[lead.rfind(",") + 1 :]
            gap = self.doc[m.end : pos]
            if _BOUNDARY.search(clause) and "," in gap:
                before = m.start  # "…, scared that the MEK would …, agreed": not the subject
                continue
            if re.fullmatch(r"\s*,[^;“”]*,\s*(?:\w+ly\s+)?", gap):
                return m  # an apposition: "X, the head of Y, banned …"
            if _BOUNDARY.search(gap) or len(gap.split()) > 8:
                return None
            return m

    def after(
        self, pos: int, pattern: str, cls: str | tuple[str, ...], *, span: int = 40
    ) -> EntityMention | None:
        """The first *cls* mention right after *pattern* (a regex) at or after *pos*."""
        match = re.compile(pattern, re.I).search(self.doc, pos, self.sentence.end)
        if not match:
            return None
        for m in self.of(cls):
            if match.end() <= m.start <= match.end() + span:
                gap = self.doc[match.end() : m.start]
                if not re.search(r"[,;.:]", gap) and len(gap.split()) <= 3:
                    return m
        return None

    def fact(
        self,
        subject: str,
        predicate: str,
        value: Value,
        rule: str,
        confidence: float,
        qualifier: str | None = None,
    ) -> AutoFact:
        return AutoFact(
            subject, predicate, value, self.start, self.sentence.end, rule, confidence, qualifier
        )
