"""Long work done away from the screen, with a "please wait" window if it takes a while."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QDialog, QProgressBar, QVBoxLayout, QWidget

from dutchfarm.ui.widgets import label, scaled
from dutchfarm.words import _

T = TypeVar("T")
# Work shorter than this passes without a word; longer work shows the waiting window.
SHOW_AFTER_MS = 1000


class BusyDialog(QDialog):
    """Says what is being done, with a moving bar; it closes itself when the work is done."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Please wait"))
        self.setAccessibleName(message)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(scaled(24), scaled(24), scaled(24), scaled(24))
        layout.addWidget(label(message, "heading"))
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setAccessibleName(_("Working"))
        bar.setMinimumHeight(scaled(24))
        layout.addWidget(bar)
        self.setMinimumWidth(scaled(420))


def run_while_waiting(
    parent: QWidget | None, message: str, work: Callable[[], T], show_after_ms: int = SHOW_AFTER_MS
) -> T:
    """Run ``work`` on another thread and return its result (or raise its error).

    The window keeps drawing meanwhile but takes no taps, so nothing else changes the data;
    after ``show_after_ms`` a window says what is going on.
    """
    outcome: dict[str, object] = {}
    finished = threading.Event()

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed back to the caller below
            outcome["error"] = error
        finally:
            finished.set()

    loop = QEventLoop()
    box = BusyDialog(message, parent)
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(lambda: loop.quit() if finished.is_set() else None)
    reveal = QTimer()
    reveal.setSingleShot(True)
    reveal.timeout.connect(lambda: None if finished.is_set() else box.show())
    thread = threading.Thread(target=run, name="dutchfarm-work", daemon=True)
    thread.start()
    poll.start()
    reveal.start(show_after_ms)
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    poll.stop()
    reveal.stop()
    thread.join()
    box.close()
    box.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
