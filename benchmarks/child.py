"""What the benchmarks run in a new process: ``python -m benchmarks.child KIND URL``.

``bare``, ``stack`` and ``program`` print the monotonic clock once their window has been
painted, then end at once (closing down is not part of starting up); ``memory`` visits
every page signed in as the coordinator and prints the peak resident size in megabytes.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any


def _report_when_painted(window: Any) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                # Called once this paint (and all of the window's) has finished.
                QTimer.singleShot(0, _painted)
            return False

    window._first_paint = FirstPaint(window)
    window.installEventFilter(window._first_paint)


def _painted() -> None:
    print(f"{time.monotonic():.6f}", flush=True)
    os._exit(0)


def bare_window(_url: str = "") -> None:
    """Paint an empty PySide6 main window: the floor of any Qt program."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    _report_when_painted(window)
    window.show()
    app.exec()


def stack(url: str) -> None:
    """Open the database with the SQLAlchemy ORM, run one query, then paint a bare window."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    with Session(create_engine(url)) as session:
        session.execute(text("SELECT count(*) FROM person")).scalar_one()
    bare_window()


def program(url: str) -> None:
    """Start Dutch Farm itself, as the ``dutchfarm`` command does."""
    # Nothing of Dutch Farm is imported here before the command imports it (the order of
    # its imports and what runs around them are part of starting up): the main window is
    # watched from the moment its module has been loaded.
    sys.meta_path.insert(0, _WatchMainWindow())
    from dutchfarm.cli import main

    main(["--database", url])


class _WatchMainWindow:
    """Finds nothing itself; once the main window's module loads, its windows are watched."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "dutchfarm.ui.main_window":
            return None
        sys.meta_path.remove(self)
        from importlib.util import find_spec

        spec = find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            load(module)
            built = module.MainWindow.__init__

            def watched(window: Any, *args: Any, **kwargs: Any) -> None:
                built(window, *args, **kwargs)
                _report_when_painted(window)

            module.MainWindow.__init__ = watched

        spec.loader.exec_module = exec_module
        return spec


def memory(url: str) -> None:
    """Visit every page of the large farm as the coordinator; print the peak size in MB."""
    import resource

    from benchmarks.gui import sign_in_coordinator, until_painted
    from dutchfarm.ui.app import build_main_window
    from dutchfarm.ui.main_window import PAGES

    window = build_main_window(url)
    until_painted(lambda: (window.show(), window)[1])
    sign_in_coordinator(window)
    for name in PAGES:
        until_painted(lambda name=name: window.show_page(name))
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{peak / (1024 * 1024 if sys.platform == 'darwin' else 1024):.1f}", flush=True)
    os._exit(0)


KINDS = {"bare": bare_window, "stack": stack, "program": program, "memory": memory}

if __name__ == "__main__":
    KINDS[sys.argv[1]](sys.argv[2])
