"""Query workers: separate processes that can be killed when a query runs too long.

pyoxigraph cannot cancel a running query from another thread, so every query runs in a worker
process of its own store (:func:`_worker_main`). The server waits for the answer at most the
timeout; a worker that has not answered by then is killed (SIGKILL), its client gets HTTP 503
at once, and a fresh worker is started in the background while the others go on serving. A
worker that dies (out of memory, say) is replaced the same way. Workers come from a fork server
that has the query modules loaded already, so a replacement is ready in well under a second.

Updates (when allowed) run on one worker and are then journaled: every other worker, and every
replacement, replays the journal before it takes its next job, so all of them hold the same data.

:class:`InlineRunner` runs jobs in threads of the server instead (no processes): for tests and
embedding; it answers in time but cannot stop a query that runs on.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Protocol

from kg.errors import KgError
from kg.serve.engine import Job, Outcome, execute
from kg.serve.settings import StoreOpener
from kg.store import GraphStore

__all__ = ["InlineRunner", "Runner", "WorkerPool"]

_LOG = logging.getLogger("kg.serve")
_STARTUP_SECONDS = 120.0
_PRELOAD = ["kg.serve.engine", "kg.backends.embedded", "kg.serve.sandbox"]


class Runner(Protocol):
    """What runs jobs for the app: a pool of worker processes, or threads."""

    async def start(self) -> None: ...

    async def run(self, job: Job) -> Outcome: ...

    async def close(self) -> None: ...


def _timed_out(timeout: float) -> Outcome:
    return Outcome.error(
        503, f"the query did not finish within this server's timeout of {timeout:g} s"
    )


class InlineRunner:
    """Runs jobs on *store* in threads of this process."""

    def __init__(self, store: GraphStore, *, timeout: float) -> None:
        self._store = store
        self._timeout = timeout
        self._lock = asyncio.Lock()

    async def start(self) -> None:
        return None

    async def run(self, job: Job) -> Outcome:
        try:
            if job.update:
                async with self._lock:
                    return await asyncio.wait_for(
                        asyncio.to_thread(execute, self._store, job), self._timeout
                    )
            return await asyncio.wait_for(
                asyncio.to_thread(execute, self._store, job), self._timeout
            )
        except TimeoutError:
            return _timed_out(self._timeout)

    async def close(self) -> None:
        return None


def _worker_main(
    conn: Connection,
    opener: StoreOpener,
    journal: tuple[str, ...],
    sandbox: bool,
    memory_mb: int,
) -> None:
    """A worker: open the store, replay the journal, then answer jobs until the pipe closes."""
    from kg.serve.sandbox import deny_network, limit_memory

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    limit_memory(memory_mb)
    sandboxed = deny_network() if sandbox else False
    try:
        store = opener()
        for text in journal:
            execute(store, Job(text, update=True))
    except Exception as exc:  # reported to the server, which says it in one line
        conn.send(("error", str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        return
    conn.send(("ready", sandboxed))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(execute(store, job))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    applied: int  #: journal entries this worker holds
    sandboxed: bool = False


class _WorkerDied(Exception):
    pass


@dataclass
class WorkerPool:
    """*size* worker processes, each with the store *opener* opens."""

    opener: StoreOpener
    size: int = 2
    timeout: float = 10.0
    memory_mb: int = 4096
    #: forbid the workers IP sockets (no remote endpoint is allow-listed)
    sandbox: bool = True
    _idle: asyncio.Queue[_Worker] = field(init=False, repr=False)
    _journal: list[str] = field(default_factory=list, init=False, repr=False)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set, init=False, repr=False)
    _update_lock: asyncio.Lock = field(init=False, repr=False)
    _closed: bool = field(default=False, init=False)
    sandboxed: bool = field(default=False, init=False)

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        self._update_lock = asyncio.Lock()
        workers = await asyncio.gather(
            *(asyncio.to_thread(self._spawn) for _ in range(self.size)), return_exceptions=True
        )
        for worker in workers:
            if isinstance(worker, _Worker):
                self._idle.put_nowait(worker)
        errors = [w for w in workers if isinstance(w, BaseException)]
        if errors:
            await self.close()
            raise KgError(f"query workers could not start: {errors[0]}")
        self.sandboxed = all(isinstance(w, _Worker) and w.sandboxed for w in workers)

    def _spawn(self) -> _Worker:
        """Start one worker and wait until it is ready (blocking: run in a thread)."""
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        parent, child = context.Pipe()
        journal = tuple(self._journal)
        process = context.Process(
            target=_worker_main,
            args=(child, self.opener, journal, self.sandbox, self.memory_mb),
            name="kg-serve-worker",
            daemon=True,
        )
        process.start()
        child.close()
        try:
            if not parent.poll(_STARTUP_SECONDS):
                raise KgError("a query worker did not start in time")
            status, detail = parent.recv()
        except (EOFError, OSError):
            status, detail = "error", "the worker process ended while starting"
        except KgError:
            status, detail = "error", "a query worker did not start in time"
        if status != "ready":
            process.kill()
            process.join()
            parent.close()
            raise KgError(str(detail))
        return _Worker(process, parent, len(journal), bool(detail))

    async def run(self, job: Job) -> Outcome:
        """Run *job* on an idle worker (waiting at most the timeout for one)."""
        if job.update:
            async with self._update_lock:
                outcome = await self._run(job)
                if outcome.status == 200:
                    self._journal.append(job.text)
                return outcome
        return await self._run(job)

    async def _run(self, job: Job) -> Outcome:
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout)
        except TimeoutError:
            return Outcome.error(503, "every query worker is busy; try again shortly")
        outcome: Outcome | None = None
        try:
            for text in self._journal[worker.applied :]:
                if await self._ask(worker, Job(text, update=True)) is None:
                    break
                worker.applied += 1
            else:
                outcome = await self._ask(worker, job)
        except _WorkerDied:
            self._replace(worker)
            return Outcome.error(
                500, "the query ended its worker process (out of memory?); it was replaced"
            )
        except BaseException:  # cancelled while the worker was busy: its state is unknown
            self._replace(worker)
            raise
        if outcome is None:
            self._replace(worker)
            return _timed_out(self.timeout)
        if job.update and outcome.status == 200:
            worker.applied += 1
        self._idle.put_nowait(worker)
        return outcome

    async def _ask(self, worker: _Worker, job: Job) -> Outcome | None:
        """Send *job* and wait for the answer; ``None`` if the timeout passed."""
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = worker.conn.fileno()

        def readable() -> None:
            if not ready.done():
                ready.set_result(None)

        try:
            worker.conn.send(job)
            loop.add_reader(fd, readable)
            try:
                await asyncio.wait_for(ready, self.timeout)
            except TimeoutError:
                return None
            finally:
                loop.remove_reader(fd)
            outcome = worker.conn.recv()
        except (EOFError, OSError) as exc:
            raise _WorkerDied from exc
        if not isinstance(outcome, Outcome):
            raise _WorkerDied
        return outcome

    def _replace(self, worker: _Worker) -> None:
        """Kill *worker* now; start its replacement in the background."""
        worker.process.kill()
        worker.conn.close()
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._respawn(worker))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _respawn(self, dead: _Worker) -> None:
        await asyncio.to_thread(dead.process.join, 5.0)
        for attempt in range(5):
            try:
                worker = await asyncio.to_thread(self._spawn)
            except KgError as exc:
                _LOG.error("kg serve: cannot replace a query worker: %s", exc)
                await asyncio.sleep(2.0**attempt)
                continue
            if self._closed:
                worker.process.kill()
                worker.conn.close()
                await asyncio.to_thread(worker.process.join, 5.0)
            else:
                self._idle.put_nowait(worker)
            return

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        workers: list[_Worker] = []
        while not self._idle.empty():
            workers.append(self._idle.get_nowait())
        for worker in workers:
            worker.conn.close()  # the worker sees EOF and returns
        for worker in workers:
            await asyncio.to_thread(worker.process.join, 5.0)
            if worker.process.is_alive():
                worker.process.kill()
                await asyncio.to_thread(worker.process.join, 5.0)
