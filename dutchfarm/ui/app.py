"""Starting the program: the Qt application, the main window, and kind handling of errors."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication

from dutchfarm.db.database import DatabaseError, open_database
from dutchfarm.settings import Settings
from dutchfarm.ui import dialogs
from dutchfarm.ui.context import AppContext
from dutchfarm.ui.main_window import MainWindow
from dutchfarm.ui.theme import apply_theme

log = logging.getLogger(__name__)


def application() -> QApplication:
    """Return the one QApplication, creating it with Dutch Farm's look if needed."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Dutch Farm")
    app.setOrganizationName("Dutch Farm")
    return app


def build_main_window(database_url: str, *, text_size: str | None = None) -> MainWindow:
    """Open the database and return the main window, neither shown nor running."""
    app = application()
    settings = Settings()
    apply_theme(app, text_size or settings.get("text_size"), settings.get("theme"))
    db = open_database(database_url)
    context = AppContext(db)
    window = MainWindow(context, settings)
    window.destroyed.connect(db.close)
    return window


def _report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    # An error we did not foresee: keep the program running, tell the person kindly, and
    # keep the details in the log for whoever helps.
    log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
    app = QApplication.instance()
    parent = app.activeWindow() if isinstance(app, QApplication) else None
    dialogs.warn(
        parent,
        "Something went wrong",
        "Sorry, something went wrong. Nothing you saved is lost.\n"
        "You can carry on. If it happens again, tell the coordinator.",
    )


def run(database_url: str) -> int:
    """Start the program on ``database_url`` and return when the window is closed."""
    app = application()
    try:
        window = build_main_window(database_url)
    except DatabaseError as error:
        apply_theme(app)
        dialogs.warn(None, "Dutch Farm cannot open its data", str(error))
        print(f"dutchfarm: {error}", file=sys.stderr)
        return 2
    sys.excepthook = _report_unexpected
    window.show()
    return app.exec()
