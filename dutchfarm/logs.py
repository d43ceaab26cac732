"""The log file: where unexpected errors go, with their tracebacks, for whoever helps later."""

from __future__ import annotations

import logging
from pathlib import Path

from dutchfarm.paths import log_dir

LOG_NAME = "dutchfarm.log"
LARGEST_LOG = 1_000_000  # bytes; a larger log is moved aside when the program starts
OLD_LOGS_KEPT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)


def setup_logging(level: int = logging.INFO) -> Path:
    """Send Dutch Farm's log to a file in the data folder; return its path.

    The log is moved aside as it starts once it is over ``LARGEST_LOG`` bytes, and only
    the ``OLD_LOGS_KEPT`` newest old logs (``dutchfarm.log.1`` newest) are kept, so the
    folder never fills. (The standard library's rotating handler does the same while
    writing, but loading it brings sockets and pickling along: 5 ms of every start.)
    """
    path = log_dir() / LOG_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    moved = _move_aside(path)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    if moved is not None:
        log.warning("The log could not be moved aside, so it goes on growing: %s", moved)
    return path


def _move_aside(path: Path) -> OSError | None:
    """Move a log that has grown too large to ``.1`` (and older ones one along)."""
    try:
        if path.stat().st_size <= LARGEST_LOG:
            return None
        for number in range(OLD_LOGS_KEPT - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{number + 1}"))
        path.replace(path.with_name(f"{path.name}.1"))
    except FileNotFoundError:
        return None
    except OSError as error:  # another program holding it open, on Windows say
        return error
    return None
