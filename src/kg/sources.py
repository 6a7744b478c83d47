"""Stage 1 — sources: the corpus texts and what their metadata files say about them.

Takes ``data/sources/*.txt`` (UTF-8, kept byte for byte) and the metadata file beside each
(``<name>.meta.yaml``: title, creator, publisher only where the text states them, and where
unrelated page boilerplate begins). Returns :class:`Source` objects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.errors import KgError

__all__ = ["SOURCE_SUFFIXES", "Source", "load_source", "load_sources"]

SOURCE_SUFFIXES = (".txt",)
_META_KEYS = {"title", "creator", "publisher", "boilerplate_from", "note"}


@dataclass(frozen=True)
class Source:
    """One source document.

    ``content_end`` is where the document's own text ends: the offset of its boilerplate, or its
    length. Offsets are Unicode code points into ``text``.

    >>> s = Source("a.txt", "Hello. Latest news", boilerplate_start=7)
    >>> s.content_end, s.content
    (7, 'Hello. ')
    """

    identifier: str
    text: str
    title: str | None = None
    creator: str | None = None
    publisher: str | None = None
    boilerplate_start: int | None = None

    def __post_init__(self) -> None:
        if self.boilerplate_start is not None and not 0 <= self.boilerplate_start <= len(self.text):
            raise KgError(f"{self.identifier}: boilerplate offset outside the text")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def content_end(self) -> int:
        return len(self.text) if self.boilerplate_start is None else self.boilerplate_start

    @property
    def content(self) -> str:
        return self.text[: self.content_end]


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KgError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KgError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def _read_meta(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise KgError(f"{path}: invalid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(meta, dict) or not set(meta) <= _META_KEYS:
        extra = sorted(set(meta) - _META_KEYS) if isinstance(meta, dict) else meta
        raise KgError(f"{path}: unknown metadata keys {extra}; allowed: {sorted(_META_KEYS)}")
    return {str(k): str(v) for k, v in meta.items()}


def load_source(path: Path) -> Source:
    """Read one source file and its metadata file (``<name>.meta.yaml``) if there is one."""
    text = _read_text(path)
    meta = _read_meta(path.with_name(path.name + ".meta.yaml"))
    start = None
    if "boilerplate_from" in meta:
        start = text.find(meta["boilerplate_from"])
        if start < 0:
            raise KgError(f"{path}: boilerplate marker not found: {meta['boilerplate_from']!r}")
    return Source(
        identifier=path.name,
        text=text,
        title=meta.get("title"),
        creator=meta.get("creator"),
        publisher=meta.get("publisher"),
        boilerplate_start=start,
    )


def iter_source_paths(directory: Path) -> Iterator[Path]:
    yield from sorted(p for p in directory.iterdir() if p.suffix in SOURCE_SUFFIXES)


def load_sources(directory: Path) -> dict[str, Source]:
    """Load every source of *directory*, keyed by file name, in file-name order."""
    if not directory.is_dir():
        raise KgError(f"{directory}: sources folder not found")
    return {p.name: load_source(p) for p in iter_source_paths(directory)}
