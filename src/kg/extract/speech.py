"""Reported speech: who said, stated, declared or described what, about what.

Takes a sentence :class:`~kg.extract.view.View` (with its anaphors resolved, so "he said" names
the last person) and the events the text told before; returns a speech act (a new
``event/statement-…`` node of class ``SpeechAct``) with

- ``statedBy``: the subject of a verb of saying ("X said", "X and Y declared", "X, which
  publicly declared"), "according to X", "described by X as", "X lied, stating …", "X issued a
  statement / distributed a press release that …", the subject of "… , he said" after a quote;
- ``wording``: the longest quotation of the sentence;
- ``about``: the event the sentence tells (its frame), the earlier event a definite description
  names ("shocked by the attack", "opposed the transfer"), and the places, agreements, persons and
  groups named in the reported words;
- ``date``: the sentence's date when the speech act is its only event.
"""

from __future__ import annotations

import re

from kg.extract.dates import DateMention
from kg.extract.linking import EntityMention
from kg.extract.view import AutoFact, Node, View, node_id

__all__ = ["find_speech", "still_quoting"]

_CLAUSE = (
    r"(?=\s+(?:to\s+(?:the\s+)?\w+\s+)?(?:that\b|[“\":]|(?:[\w’'()-]+\s+){0,8}?"
    r"(?:would|will|was|were|is|are|had|has|have|could|should|must|did|wanted)\b))"
)
_VERBS = (
    r"said|says|stated|states|announced|told|added|noted|warned|wrote|explained|insisted|"
    r"pledged|confirmed|accused|condemned|urged|called\s+on|called\s+for|rejected|"
    r"complained|argued|testified|acknowledged|admitted|claimed\s+responsibility|"
    rf"(?:declared|claimed|claims|reported|described){_CLAUSE}|"
    r"described(?=[^.]{0,80}\bas\b)"
)
_PARTICIPLES = r"stating|saying|claiming|adding|arguing|insisting|warning|declaring"
_ISSUED = (
    r"(?:issued|distributed|released|published|sent|delivered|wrote)\s+(?:a|an|its)\s+(?:\w+\s+)?"
    r"(?:press\s+release|statement|report|communiqu[eé]|letter|declaration)"
)
_VERB = re.compile(rf"\b(?:{_VERBS}|{_PARTICIPLES}|{_ISSUED})\b")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?", re.I)
_DESCRIBED_BY = re.compile(r"\bdescribed\s+by\s+", re.I)
_QUOTE = re.compile(r"“([^”]{2,600})(?:”|$)|\"([^\"]{2,600})(?:\"|$)")
_RELATIVE = re.compile(r",\s*(?:which|who)\s+(?:(?:also|then|later|\w+ly)\s+)*$")
_SPEAKERS = ("Actor", "Country")
_ABOUT = ("Camp", "City", "Facility", "Agreement", "Person")
#: Verbs whose speaker must be written right before them ("X called for", not "X signed a
#: declaration that called for").
_CLOSE = re.compile(r"called|urged|condemned|rejected|accused")


def _wording(view: View) -> str | None:
    quotes = [m.group(1) or m.group(2) for m in _QUOTE.finditer(view.text)]
    quotes = [q.strip(" ,.") for q in quotes if q and q.strip(" ,.")]
    return max(quotes, key=len) if quotes else None


def _by_phrase(view: View, start: int) -> EntityMention | None:
    """The speaker named after "described by" / "according to": a person before its titles."""
    end = min(view.sentence.end, start + 90)
    stop = re.search(r",\s*as\b|\s+as\s+|[;“]", view.doc[start:end])
    end = start + stop.start() if stop else end
    found = [m for m in view.of(_SPEAKERS) if start <= m.start < end]
    persons = [m for m in found if view.is_a(m.entity, "Person")]
    if persons:
        return persons[0]
    first = next(
        (m for m in found if re.fullmatch(r"[\w\s-]{0,30}", view.doc[start : m.start])), None
    )
    return first


def _speakers(view: View) -> tuple[list[EntityMention], str, float, int] | None:
    """The speakers, the rule, its confidence and where the reported words begin."""
    text, start = view.text, view.start
    described = _DESCRIBED_BY.search(text)
    if described:
        m = _by_phrase(view, start + described.end())
        if m:
            return [m], "speech-described-by", 0.75, start
    according = _ACCORDING.search(text)
    if according:
        m = _by_phrase(view, start + according.end())
        if m:
            return [m], "speech-according-to", 0.75, start
    for verb in _VERB.finditer(text):
        pos = start + verb.start()
        lead = view.doc[start:pos]
        relative = _RELATIVE.search(lead)
        if relative:
            owner = [m for m in view.of(_SPEAKERS) if m.end == start + relative.start()]
            if owner:
                return owner, "speech-relative", 0.65, start + verb.end()
        m = view.subject_before(pos, _SPEAKERS)
        appositive = re.search(r",\s*(?:\w+\s+)?members\s+of\s+(?:the\s+)?([^,]{2,80}),\s*$", lead)
        if appositive:
            owner = [o for o in view.of(_SPEAKERS) if o.start == start + appositive.start(1)]
            if owner:
                return owner, "speech-members-of", 0.65, start + verb.end()
        gap = view.doc[m.end : pos] if m else ""
        participle = re.match(_PARTICIPLES, verb.group())
        apposition = re.fullmatch(r"\s*,[^;“”]*,\s*", gap)
        if m and _CLOSE.match(verb.group()) and len(gap.split()) > 1 and not apposition:
            continue
        if m and (
            len(gap.split()) <= 6
            or re.fullmatch(r"\s*,[^;“”]*,\s*", gap)
            or (participle and "," in gap and len(gap.split()) <= 12)
        ):
            return _with_coordinated(view, m), "speech-subject", 0.7, start + verb.end()
        after = view.after(pos, rf"\b{re.escape(verb.group())}\s+(?:the\s+)?", _SPEAKERS, span=5)
        if after and re.search(r"[”\",]\s*$", view.doc[max(start, pos - 3) : pos]):
            return [after], "speech-inverted", 0.7, start
    return None


def _with_coordinated(view: View, m: EntityMention) -> list[EntityMention]:
    """*m* and the speaker joined to it by "and" ("the UNAMI and US government declared")."""
    before = [
        o
        for o in view.of(_SPEAKERS)
        if o.end <= m.start and re.fullmatch(r"\s+and\s+(?:the\s+)?", view.doc[o.end : m.start])
    ]
    return [*before[-1:], m]


def _about(
    view: View, speakers: set[str], words_from: int, about: str | None, events: dict[str, str]
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if about:
        out.append((about, "speech-about-event"))
    for noun, node in events.items():
        if re.search(rf"\b(?:the|this|that|all\s+the)\s+(?:\w+\s+)?(?:{noun})\b", view.text):
            out.append((node, "speech-about-definite"))
    for m in view.of(_ABOUT):
        if (
            m.start >= words_from
            and m.entity not in speakers
            and not view.is_a(m.entity, "PublishedDocument")
        ):
            out.append((m.entity, "speech-about-named"))
    return out


def find_speech(
    view: View,
    about: str | None,
    date: DateMention | None,
    actor: dict[str, str],
    events: dict[str, str] | None = None,
) -> list[Node | AutoFact]:
    """The speech act the sentence reports, if it names (or points to) its speaker.

    *events* maps the nouns of earlier events ("attack", "transfer") to their nodes.
    """
    if not (_VERB.search(view.text) or _ACCORDING.search(view.text)):
        return []
    found = _speakers(view)
    if found is None:
        return []
    mentions, rule, confidence, words_from = found
    pairs = [(m, actor.get(m.entity, m.entity)) for m in mentions]
    pairs = [p for p in pairs if view.signature.fits("statedBy", ("SpeechAct",), view.types(p[1]))]
    if not pairs:
        return []
    speakers = [speaker for _, speaker in pairs]
    wording = _wording(view)
    sid = node_id("event", "statement", view.doc_key, view.start)
    label = f"Statement by {speakers[0].split('/', 1)[1].replace('-', ' ')}"
    if wording:
        label += f": “{wording[:60]}{'…' if len(wording) > 60 else ''}”"
    out: list[Node | AutoFact] = [Node(sid, ("SpeechAct",), label)]
    for m, speaker in pairs:
        conf = round(confidence * m.confidence, 2)
        out.append(view.fact(sid, "statedBy", speaker, rule, conf))
    if wording:
        out.append(view.fact(sid, "wording", wording, "speech-quote", 0.8))
    seen: set[str] = set()
    if about and rule in ("speech-according-to", "speech-described-by"):
        words_from = view.sentence.end  # what the sentence tells is the event: no other topic
    for value, how in _about(view, set(speakers), words_from, about, events or {}):
        if value not in seen:
            seen.add(value)
            out.append(view.fact(sid, "about", value, how, 0.6))
    if date and date.single:
        out.append(view.fact(sid, "date", date.single, "speech-date", 0.7))
    return out


def still_quoting(text: str, speech: str | None, open_quote: str | None) -> str | None:
    """The speech act whose words the next sentence may still be quoting: the sentence's own
    (*speech*) if it ends with "stated:" or leaves a quotation open, or the one whose quotation
    was open before (*open_quote*) until a sentence closes it."""
    balance = text.count("“") - text.count("”")
    if speech is not None:
        return speech if balance > 0 or text.rstrip().endswith(":") else None
    if open_quote is None or balance < 0 or (balance == 0 and "”" in text):
        return None
    return open_quote
