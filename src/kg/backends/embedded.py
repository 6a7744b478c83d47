"""The ``oxigraph`` store: an embedded Oxigraph store, in memory or on disk in a cache folder.

On disk, the cache folder holds one store per set of input files, named by a digest of their
paths, sizes and modification times: a changed graph file gets a fresh store, an unchanged one
opens read-only in milliseconds, which any number of processes may do at once.

A fresh store is built in a temporary folder in two steps:

1. **load** — the files are cut into pieces (:mod:`kg.backends.pieces`) that Oxigraph's bulk
   loader writes side by side on every core; the store answers queries as soon as this is done;
2. **compact** — in a background thread, RocksDB merges the files the bulk loads left into one
   sorted run per index (queries get 1.5–5× faster), then the store is saved into the cache
   folder by one rename (of a checkpoint: hard links, no copy), so nobody sees a half-built
   store. The process keeps running until this is done; from then on it queries the saved store.

Older stores of the same files are removed once a newer one is in place.

>>> from kg.project import find_project
>>> project = find_project()
>>> store = OxigraphStore.from_files(project.triples_path, project.ontology_path)
>>> store.query("ASK { ?s a <http://www.w3.org/ns/oa#TextQuoteSelector> }").boolean
True
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Identifier

from kg.backends.pieces import Piece, pieces
from kg.bindings import with_values
from kg.errors import KgError
from kg.store import (
    QueryResult,
    QuerySyntaxError,
    StoreKind,
    load_into,
    load_store,
    rdf_format,
)
from kg.terms import to_rdflib

__all__ = ["OxigraphStore", "cache_key"]

#: Bumped whenever the way a cached store is built changes, so old caches are not reused.
_LAYOUT = 2
_STALE_TEMP_SECONDS = 3600.0
#: Bounds on the size of the pieces a file is cut into for loading (bytes).
_PIECE_MIN, _PIECE_MAX = 1 << 20, 8 << 20


def cache_key(paths: tuple[Path, ...]) -> str:
    """The folder name of the cached store of *paths*: ``<which files>-<which versions>``.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".nt") as f:
    ...     key = cache_key((Path(f.name),))
    >>> len(key), key[12]
    (25, '-')
    """
    which = hashlib.sha256("\0".join(str(p.resolve()) for p in paths).encode()).hexdigest()
    state = hashlib.sha256(f"{_LAYOUT}\0{ox.__version__}".encode())
    for path in paths:
        st = path.stat()
        state.update(f"\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}".encode())
    return f"{which[:12]}-{state.hexdigest()[:12]}"


def _load_pieces(folder: Path, paths: tuple[Path, ...], workers: int) -> ox.Store | None:
    """A new store in *folder* holding *paths*, bulk-loaded in pieces on *workers* threads.

    Each piece is a bulk load of its own, which Oxigraph runs without the GIL, so the pieces
    load side by side while this thread is still cutting the next ones (and the database is
    created meanwhile). None if a piece failed to parse: the file has an error, which the caller
    reports by loading the files again whole, for the parser's message about the whole file.
    """
    total = sum(path.stat().st_size for path in paths)
    size = max(_PIECE_MIN, min(_PIECE_MAX, total // (2 * workers)))
    with ThreadPoolExecutor(workers, thread_name_prefix="kg-load") as pool:
        created = pool.submit(ox.Store, str(folder))

        def load(piece: Piece, fmt: ox.RdfFormat) -> None:
            created.result().bulk_load(piece.read(), format=fmt)

        running: deque[Future[None]] = deque()
        try:
            for path in paths:
                fmt = rdf_format(path)
                for piece in pieces(path, fmt, size):
                    running.append(pool.submit(load, piece, fmt))
                    if len(running) > 2 * workers:  # keeps at most that many pieces in memory
                        running.popleft().result()
            for future in running:
                future.result()
        except (SyntaxError, ValueError):
            for future in running:
                future.cancel()
            return None
        return created.result()


def _workers() -> int:
    """Threads for loading: one more than the cores this process may use (a bulk load waits
    for its disk writes part of the time)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


def _build(paths: tuple[Path, ...], work: Path) -> ox.Store:
    """A new writable store in the folder *work* holding *paths*, not yet compacted."""
    store = _load_pieces(work / "store", paths, _workers())
    if store is None:  # a syntax error: load again whole, in a new store, for the message
        store = load_into(ox.Store(str(work / "whole")), *paths)
    return store


def _save(store: ox.Store, work: Path, target: Path) -> None:
    """Compact *store* and put a checkpoint of it (hard links, made in *work*) at *target*."""
    store.optimize()
    store.flush()
    checkpoint = work / "saved"
    store.backup(str(checkpoint))
    try:
        checkpoint.rename(target)
    except OSError:
        if not target.is_dir():  # not a concurrent build of the same files that won
            raise


def _remove_stale(target: Path) -> None:
    """Remove older stores of the same files and temporary folders left by crashed builds."""
    which = target.name.split("-")[0]
    now = time.time()
    for entry in target.parent.iterdir():
        older = entry.name.startswith(f"{which}-") and entry != target
        abandoned = entry.name.startswith(".") and now - entry.stat().st_mtime > _STALE_TEMP_SECONDS
        if older or abandoned:
            shutil.rmtree(entry, ignore_errors=True)


class _Handle:
    """An open store, and the temporary folder it lives in, removed once nobody uses it.

    Queries hold the handle while they run, so a store being replaced by its saved copy is
    closed and removed only after the last query on it has finished.
    """

    def __init__(self, store: ox.Store, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder

    def __del__(self) -> None:
        folder = self.folder
        del self.store  # closes the database unless the caller kept OxigraphStore.store
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


class OxigraphStore:
    """A :class:`~kg.store.GraphStore` over a :class:`pyoxigraph.Store`."""

    def __init__(self, store: ox.Store, description: str = "Oxigraph, in memory") -> None:
        self._handle = _Handle(store)
        self._description = description
        self._saving: threading.Thread | None = None
        self._waited = threading.Event()  # someone will hear about a failure to save
        self._save_error = ""

    @classmethod
    def from_files(cls, *paths: Path) -> OxigraphStore:
        """An in-memory store holding the RDF files *paths*."""
        return cls(load_store(*paths))

    @classmethod
    def cached(cls, *paths: Path, cache_dir: Path, wait: bool = False) -> OxigraphStore:
        """The on-disk store of *paths* under *cache_dir*, loaded first if the files changed.

        A fresh store answers queries at once and is compacted and saved in the background
        (the module's docstring says how); with *wait*, this returns only once it is saved, so
        that other processes can open it.
        """
        try:
            target = cache_dir / cache_key(paths)
        except OSError as exc:
            raise KgError(f"{exc.filename}: cannot read: {exc.strerror}") from None
        try:
            if target.is_dir():
                return cls(ox.Store.read_only(str(target)), f"Oxigraph, on disk at {target}")
            cache_dir.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=cache_dir))
            try:
                store = _build(paths, work)
            except BaseException:
                shutil.rmtree(work, ignore_errors=True)
                raise
        except OSError as exc:
            raise KgError(f"store cache {cache_dir}: {str(exc).splitlines()[0]}") from None
        opened = cls(store, f"Oxigraph, on disk at {target}")
        opened._handle = _Handle(store, work)
        opened._saving = threading.Thread(target=opened._save, args=(target,), name="kg-compact")
        opened._saving.start()
        if wait:
            opened.wait_saved()
        return opened

    def _save(self, target: Path) -> None:
        """Compact and save the store being built, then query the saved copy (in a thread)."""
        building = self._handle
        assert building.folder is not None
        try:
            _save(building.store, building.folder, target)
            saved = ox.Store.read_only(str(target))
        except Exception as exc:  # any failure leaves a working store, only not saved
            self._save_error = f"store cache {target.parent}: cannot save: {exc}"
            if not self._waited.is_set():
                print(f"kg: {self._save_error} (it is built again next time)", file=sys.stderr)
            return
        self._handle = _Handle(saved)
        del building  # the last query on the built store removes its folder
        _remove_stale(target)

    def wait_saved(self) -> None:
        """Return once a freshly built store is compacted and saved in the cache folder.

        :class:`KgError` if it could not be saved (the store still answers queries).
        """
        self._waited.set()
        if self._saving is not None:
            self._saving.join()
        if self._save_error:
            raise KgError(self._save_error)

    @property
    def saving(self) -> bool:
        """Whether a freshly built store is still being compacted and saved."""
        return self._saving is not None and self._saving.is_alive()

    @property
    def kind(self) -> StoreKind:
        return StoreKind.OXIGRAPH

    @property
    def description(self) -> str:
        return self._description

    @property
    def store(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`, for Oxigraph's own API."""
        return self._handle.store

    def __len__(self) -> int:
        return len(self._handle.store)

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run *text*; *bindings* go in a ``VALUES`` clause (:func:`kg.bindings.with_values`).

        Oxigraph's own substitutions would need each bound variable in the SELECT clause.
        """
        handle = self._handle  # the store stays open until the rows are read
        try:
            result = handle.store.query(with_values(text, bindings or {}))
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc).splitlines()[0] or "invalid query") from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise KgError(f"query failed: {str(exc).splitlines()[0]}") from None
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows = tuple(
                tuple(None if s[v] is None else to_rdflib(s[v]) for v in variables) for s in result
            )
            return QueryResult(variables=variables, rows=rows)
        triples = tuple(
            (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result
        )
        return QueryResult(triples=triples)
