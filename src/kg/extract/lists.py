"""Lists: a sentence that announces items, and the items that follow it.

Takes the frames and facts of a sentence that is a list item ("• July 28-29, 2009 – …",
"• Impede deliveries …") and what the sentence before the list announced:

- :func:`series_parts`: "The residents suffered three major attacks …" then "• July 28-29, 2009
  – …", "• April 8, 2011 – …": each listed attack is ``partOf`` the series;
- :func:`widen_to_intro`: "the Iraqi government began to:" then "• Impede deliveries …": the
  items' facts about that government have their evidence start at the announcing sentence, which
  is what states them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.frames import Frame
from kg.extract.linking import EntityMention
from kg.extract.view import AutoFact, View

__all__ = ["ITEM", "series_parts", "widen_to_intro"]

#: A list item: a bullet, or a date and a dash ("July 28-29, 2009 – …").
ITEM = re.compile(r"^(?:[•·*–-]\s*|[A-Z][a-z]+\.?\s+\d{1,2}(?:[-–]\d{1,2})?,?\s+\d{4}\s+[–—-]\s)")

Series = tuple[str, int]  # the series node, the attacks still to be listed


def series_parts(
    view: View, frames: list[Frame], relations: list[AutoFact], series: Series | None
) -> tuple[Series | None, list[AutoFact]]:
    """The series still being listed after this sentence, and its ``partOf`` facts."""
    nodes = {frame.node.id for frame in frames}
    for f in relations:
        if f.predicate == "numberOfAttacks" and isinstance(f.value, int) and f.subject in nodes:
            return (f.subject, f.value), []
    if series is None:
        return None, []
    node, left = series
    parts = []
    for frame in frames:
        if frame.new and frame.node.types == ("Attack",) and ITEM.match(view.text):
            parts.append(view.fact(frame.node.id, "partOf", node, "attack-in-series", 0.6))
            left -= 1
    return ((node, left) if left > 0 else None), parts


def widen_to_intro(frames: list[Frame], named: tuple[EntityMention, ...], intro: int) -> None:
    """Let the facts naming the list's implicit subject (a mention of no width) start at *intro*."""
    implicit = {m.entity for m in named if m.start == m.end}
    for frame in frames:
        frame.facts[:] = [
            replace(f, start=intro) if isinstance(f.value, str) and f.value in implicit else f
            for f in frame.facts
        ]
