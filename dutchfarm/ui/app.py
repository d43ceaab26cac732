"""Starting the program: the Qt application, the main window, and kind handling of errors."""

from __future__ import annotations

import gc
import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from dutchfarm.db.database import Database, DatabaseError, open_database
from dutchfarm.services.backups import back_up, backups_for, restore_unopened
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.farm_setup import start_page
from dutchfarm.settings import Settings
from dutchfarm.ui import dialogs, keyboard
from dutchfarm.ui.context import AppContext
from dutchfarm.ui.main_window import MainWindow
from dutchfarm.ui.theme import apply_theme
from dutchfarm.words import _, install

log = logging.getLogger(__name__)


def application() -> QApplication:
    """Return the one QApplication, creating it with Dutch Farm's look if needed."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Dutch Farm")
        app.setOrganizationName("Dutch Farm")
    keyboard.install(app)
    return app


def build_main_window(
    database_url: str, *, text_size: str | None = None, theme: str | None = None
) -> MainWindow:
    """Open the database and return the main window, neither shown nor running.

    ``text_size`` and ``theme`` override this PC's settings (for screenshots and tests).
    """
    app = application()
    settings = Settings()
    install(settings.get("language"))
    apply_theme(app, text_size or settings.get("text_size"), theme or settings.get("theme"))
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
    if isinstance(error, DatabaseError):
        # A change the database could not take (a full disk, say): its message says why in
        # plain words, and that nothing of it was saved.
        dialogs.warn(parent, _("That was not saved"), str(error))
        return
    dialogs.warn(
        parent,
        _("Something went wrong"),
        _(
            "Sorry, something went wrong. Nothing you saved is lost.\nYou can carry "
            "on. If it happens again, tell the coordinator."
        ),
    )


def open_window(database_url: str) -> MainWindow | None:
    """Open the main window on its first page, backing the data up beside it.

    A farm nobody has set up opens on the welcome; one that cannot open offers a backup.

    Returns None when the data cannot be opened and nothing was restored; the reason has
    then been shown in a dialog and written to stderr, never as a traceback.
    """
    app = application()
    while True:
        try:
            window = build_main_window(database_url)
        except DatabaseError as error:
            apply_theme(app)
            print(_("dutchfarm: {error}").format(error=error), file=sys.stderr)
            if not _offer_restore(database_url, str(error)):
                return None
            continue
        if window.context.db.is_sqlite:
            window.start_backup = StartBackup(window)
        # A new farm opens on the welcome, a farm being set up on its first steps.
        window.show_page(start_page(window.context.db))
        return window


class StartBackup(QObject):
    """Backs the farm's data up as the program starts, once its window has been painted.

    Copying a large farm's file competed with building and painting the window (on a
    two-core PC it made starting some 50 ms slower), so it begins when the window has
    first been painted, before anyone can have changed anything, in a thread of its own
    (SQLite copies without holding Python's lock). Its copy is of the data as it was when
    it began; the program waits for it before it ends.
    """

    failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.failed.connect(self._say)
        db = window.context.db
        self.copying = threading.Thread(target=self._back_up, args=(db,), name="start-backup")
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Begin the copy once the window's first paint has finished."""
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.begin)
        return False

    def begin(self) -> None:
        """Start copying, unless it has already started."""
        if self.copying.ident is None:
            self.copying.start()

    def done(self) -> bool:
        """Return True once the copy has been made (or has failed)."""
        return self.copying.ident is not None and not self.copying.is_alive()

    def _back_up(self, db: Database) -> None:
        try:
            back_up(db, "start")
        except ServiceError as error:
            self._tell(str(error))
        except Exception:
            log.exception("The backup at start failed")
            self._tell(_("The backup could not be made. The details are in the log."))

    def _tell(self, message: str) -> None:
        try:
            self.failed.emit(message)  # heard in the window's thread
        except RuntimeError:
            log.warning("No backup today, and the window had closed: %s", message)

    def _say(self, message: str) -> None:
        # A backup that cannot be made (a full disk, say) is said, not fatal.
        dialogs.warn(self.window, _("No backup today"), message)


def _offer_restore(database_url: str, problem: str) -> bool:
    backups = backups_for(database_url)
    if not backups:
        dialogs.warn(
            None,
            _("Dutch Farm cannot open its data"),
            _("{problem}\n\nThere is no backup.").format(problem=problem),
        )
        return False
    newest = backups[0]
    if not dialogs.ask(
        None,
        _("Dutch Farm cannot open its data"),
        _(
            "{problem}\n\nThe newest backup is from {made:%A %d %B %Y at %H:%M}. Put "
            "it back? The file that did not open is kept, so nothing is thrown "
            "away."
        ).format(problem=problem, made=newest.made),
        yes=_("Put the backup back"),
        no=_("Close Dutch Farm"),
    ):
        return False
    try:
        restore_unopened(database_url, newest.path)
    except ServiceError as error:
        dialogs.warn(None, _("The backup did not go back"), str(error))
        return False
    return True


def run(database_url: str) -> int:
    """Start the program on ``database_url`` and return when the window is closed."""
    app = application()
    window = open_window(database_url)
    if window is None:
        gc.enable()
        return 2
    sys.excepthook = _report_unexpected
    window.show()
    collect_from_now_on()
    try:
        return app.exec()
    finally:
        if isinstance(window.start_backup, StartBackup):
            # Closed before it was ever painted: the backup of this start is made now.
            window.start_backup.begin()


def collect_from_now_on() -> None:
    """Set what starting up made aside from the cyclic collector, and let it run again."""
    # The modules, models and widgets made so far live as long as the program: walking
    # them in every later collection would only slow the pages down.
    gc.freeze()
    gc.enable()
