"""Exports built once and kept on disk, in the background when they take long.

Snapshots are immutable, so an export is a file: built on first request, then served as is.
A build runs in a worker thread; the request waits for it up to `EXPORT_WAIT_SECONDS`, then
answers « en préparation » (the page reloads until the file is there). Builds are pure functions
of data read in the request (no database access in the worker). A file is written under a
temporary name and renamed: a reader never sees half a file, even with several processes.

The queue is bounded: at most `EXPORT_QUEUE_LIMIT` builds waiting or running in the process, at
most `EXPORT_QUEUE_PER_VISITOR` started by one visitor. Beyond, no build starts: the reader is
told « en préparation » and the reload asks again (a build already running for the same file is
always waited for, whoever started it).
"""

import os
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from django.conf import settings
from django.utils import translation

# One pool per format: a quick workbook never waits behind a press kit.
_executors: dict[str, ThreadPoolExecutor] = {}
_building: dict[Path, Future] = {}
_starters: dict[Path, str] = {}  # who started each build (the visitor's address)
_lock = threading.Lock()


def cache_dir() -> Path:
    return Path(settings.EXPORT_CACHE_DIR)


def obtain(
    path: Path, build: Callable[[], bytes], wait: float | None = None, visitor: str = ""
) -> Path | None:
    """`path` once built (starting the build if needed and the queue has room), or None if
    still building after `wait` seconds or not started. A failed build raises here, and the
    next request tries again. `visitor`: the client's address ("" for the site itself)."""
    if path.exists():
        return path
    with _lock:
        future = _building.get(path)
        if future is None:
            if not _has_room(visitor):
                return None
            pool = _executors.setdefault(
                path.suffix, ThreadPoolExecutor(max_workers=2, thread_name_prefix="export")
            )
            future = pool.submit(_build, path, build, translation.get_language())
            _building[path] = future
            _starters[path] = visitor
    try:
        future.result(timeout=settings.EXPORT_WAIT_SECONDS if wait is None else wait)
    except FutureTimeout:
        return None
    return path


def _has_room(visitor: str) -> bool:
    """Whether one more build may start (called under `_lock`)."""
    if len(_building) >= settings.EXPORT_QUEUE_LIMIT:
        return False
    mine = sum(1 for starter in _starters.values() if starter == visitor)
    return not visitor or mine < settings.EXPORT_QUEUE_PER_VISITOR


def pending() -> int:
    """How many builds are waiting or running."""
    with _lock:
        return len(_building)


def store(path: Path, content: bytes) -> Path:
    """Write `content` at `path` atomically (a temporary name, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    partial.write_bytes(content)
    os.replace(partial, path)
    return path


def _build(path: Path, build: Callable[[], bytes], language: str | None) -> None:
    try:
        with translation.override(language):
            store(path, build())
    finally:
        with _lock:
            _building.pop(path, None)
            _starters.pop(path, None)
