"""The main window: the bar with who is using the program, the pages, and the undo bar."""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.terms import Role
from dutchfarm.services.auth import NOBODY, farm_can_be_managed_by
from dutchfarm.services.people import ROLE_WORDS, get_person
from dutchfarm.settings import Settings
from dutchfarm.ui import dialogs, icons, keyboard
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.help_content import COORDINATOR, STAFF, help_for
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.theme import apply_theme, text_size, theme_choice, watch_system_theme
from dutchfarm.ui.widgets import PictureButton, UndoBar, label, scaled
from dutchfarm.words import _

log = logging.getLogger(__name__)
# How many pages back Escape can go.
HISTORY = 20

# Stable page names -> where the page lives. Pages are imported and built the first time
# they are shown, so start-up pays only for the home page.
PAGES: dict[str, str] = {
    "today": "dutchfarm.ui.pages.today:TodayPage",
    "who": "dutchfarm.ui.pages.who:WhoPage",
    "beds": "dutchfarm.ui.pages.beds:BedsPage",
    "bed": "dutchfarm.ui.pages.bed:BedRecordPage",
    "rotation": "dutchfarm.ui.pages.rotation:RotationPage",
    "vote": "dutchfarm.ui.pages.vote:VotePage",
    "harvest": "dutchfarm.ui.pages.harvest:HarvestPage",
    "rota": "dutchfarm.ui.pages.rota:RotaPage",
    "people": "dutchfarm.ui.pages.people:PeoplePage",
    "settings": "dutchfarm.ui.pages.settings:SettingsPage",
    "welcome": "dutchfarm.ui.pages.welcome:WelcomePage",
    "first_steps": "dutchfarm.ui.pages.first_steps:FirstStepsPage",
}

# The areas on the home page, in order: (page, picture, words, shortcut).
AREAS: tuple[tuple[str, str, str, str], ...] = (
    ("bed", "bed", _("My bed"), "Ctrl+1"),
    ("beds", "map", _("Beds"), "Ctrl+2"),
    ("rotation", "rotation", _("Rotation"), "Ctrl+8"),
    ("vote", "vote", _("Vote"), "Ctrl+3"),
    ("rota", "rota", _("Rota"), "Ctrl+4"),
    ("harvest", "harvest", _("Harvest"), "Ctrl+5"),
    ("people", "people", _("People"), "Ctrl+6"),
    ("settings", "settings", _("Settings"), "Ctrl+7"),
)


def page_class(name: str) -> type[Page]:
    """Return the class of the page called ``name``."""
    module_name, _, class_name = PAGES[name].partition(":")
    cls: type[Page] = getattr(importlib.import_module(module_name), class_name)
    return cls


class UserBar(QFrame):
    """The bar across the top: the way home, who is using the program, and Help.

    It is the same on every page and keeps its height, so its buttons never move.
    """

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setProperty("role", "bar")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(12)
        self.home_button = PictureButton("home", _("Today"), icon_size=40, large=True)
        self.home_button.setToolTip(_("Go to the Today page (Alt+Home)"))
        self.home_button.clicked.connect(lambda: context.go("today"))
        layout.addWidget(self.home_button)
        layout.addStretch(1)
        self.user_picture = QLabel()
        layout.addWidget(self.user_picture)
        self.user_words = label("", wrap=False)
        layout.addWidget(self.user_words)
        self.switch_button = PictureButton(
            "switch_user", _("Change user"), icon_size=40, large=True
        )
        self.switch_button.setToolTip(_("Tap to choose who is using Dutch Farm"))
        self.switch_button.clicked.connect(lambda: context.go("who"))
        layout.addWidget(self.switch_button)
        self.help_button = PictureButton("help", _("Help"), icon_size=40, large=True)
        self.help_button.setToolTip(_("What this page is for, and how to use it (F1)"))
        layout.addWidget(self.help_button)
        context.changed.connect(self._on_changed)
        self.show_user()

    def _on_changed(self, topic: str) -> None:
        if topic in (Topic.USER, Topic.PEOPLE):
            self.show_user()

    def show_user(self) -> None:
        """Show the current user's picture and name, or ask who is there."""
        actor = self.context.actor
        size = scaled(44)
        if actor.person_id is None:
            self.user_picture.setPixmap(icons.pixmap("person", size))
            self.user_picture.setAccessibleName(_("Nobody has chosen their picture"))
            self.user_words.setText(_("Who are you?"))
            self.switch_button.set_label(_("Choose me"))
            return
        person = get_person(self.context.db, actor.person_id)
        self.user_picture.setPixmap(
            icons.person_pixmap(person.name, person.colour, person.avatar, person.photo, size)
        )
        self.user_picture.setAccessibleName(_("Picture of {name}").format(name=person.name))
        self.user_words.setText(f"{person.name} ({ROLE_WORDS[person.role]})")
        self.switch_button.set_label(_("Change user"))


class IdleWatch(QObject):
    """Returns a staff session to the pictures screen after 20 minutes without input.

    A gardener's session never times out: nothing in Dutch Farm hurries a service user.
    Every press, key and wheel turn reaches a window (the main window, a dialog or a popup)
    before the widget it is for, so the watch listens to the windows, not to the whole
    application: an application-wide filter would run Python for each of the thousands of
    events a page makes as it is built and painted.
    """

    LIMIT_SECONDS = 20 * 60
    INPUT = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.KeyPress,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, context: AppContext, parent: QObject) -> None:
        super().__init__(parent)
        self.context = context
        self.last_input = time.monotonic()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusWindowChanged.connect(self.watch)
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def watch(self, window: QWindow | None) -> None:
        """Hear the input of ``window`` (a window that came to the front) from now on."""
        if window is not None:
            # Installing the same filter again only moves it to the front: it runs once.
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Note the time of every press, key or wheel turn; never swallow it."""
        if event.type() in self.INPUT:
            self.last_input = time.monotonic()
        return False

    def check(self) -> None:
        """Sign a volunteer or coordinator out when they have been away too long."""
        if self.context.actor.role not in (Role.VOLUNTEER, Role.COORDINATOR):
            return
        if time.monotonic() - self.last_input >= self.LIMIT_SECONDS:
            self.context.set_actor(NOBODY)
            self.context.go("who")


class MainWindow(QMainWindow):
    """Dutch Farm's one window: pages are switched by their stable names."""

    def __init__(self, context: AppContext, settings: Settings) -> None:
        super().__init__()
        self.context = context
        self.settings = settings
        self.setWindowTitle(_("Dutch Farm"))
        self.setWindowIcon(icons.icon("farm"))
        self.setMinimumSize(QSize(640, 480))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.user_bar = UserBar(context)
        layout.addWidget(self.user_bar)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.undo_bar = UndoBar()
        layout.addWidget(self.undo_bar)
        self.setCentralWidget(central)
        self.pages: dict[str, Page] = {}
        # The pages shown before this one, most recent last, for Escape to go back through.
        self.history: list[str] = []
        # The backup made as the program starts (see app.StartBackup), when there is one.
        self.start_backup: QObject | None = None
        self._shortcuts = [
            self._shortcut("Alt+Home", lambda: self.show_page("today")),
            self._shortcut("F1", self.show_help),
            self._shortcut(_("Escape"), self.go_back),
        ]
        self.user_bar.help_button.clicked.connect(self.show_help)
        for page, _icon, _words, keys in AREAS:
            self._shortcuts.append(self._shortcut(keys, partial(context.go, page)))
        self.idle = IdleWatch(context, self)
        context.navigate.connect(self.show_page)
        context.changed.connect(self._on_changed)
        context.undo_offered.connect(self.undo_bar.offer)
        self._restore_geometry()
        watch_system_theme(self._on_system_contrast)
        self.show_page("today")

    def _shortcut(self, keys: str, action: Callable[[], object]) -> QShortcut:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(action)
        return shortcut

    def page(self, name: str) -> Page:
        """Return the page called ``name``, building it the first time."""
        if name not in self.pages:
            page = page_class(name)(self.context, self)
            self.pages[name] = page
            self.stack.addWidget(page)
        return self.pages[name]

    def show_page(self, name: str, *, remember: bool = True) -> Page:
        """Switch to the page called ``name``, put the keyboard on it, and return it."""
        current = self.stack.currentWidget()
        if remember and isinstance(current, Page) and current.name != name:
            self.history = [*self.history[-(HISTORY - 1) :], current.name]
        page = self.page(name)
        self.stack.setCurrentWidget(page)
        control = page.first_control()
        if control is not None:
            keyboard.give_focus(control)
        else:
            page.setFocus(Qt.FocusReason.OtherFocusReason)
        return page

    def help_audiences(self) -> tuple[str, ...]:
        """Return whose help the current user reads, most specific first."""
        actor = self.context.actor
        # Whoever may do the coordinator's work (on a new farm, anyone) reads their help.
        if farm_can_be_managed_by(self.context.db, actor):
            return (COORDINATOR, STAFF)
        if actor.role is Role.VOLUNTEER:
            return (STAFF,)
        return ()

    def show_help(self) -> None:
        """Show the help of the page on show, as the current user needs it."""
        page_help = help_for(self.current_page_name(), self.help_audiences())
        dialogs.show_help(self, page_help)

    def go_back(self) -> None:
        """Escape: step back inside the page, or else to the page shown before it."""
        page = self.stack.currentWidget()
        if isinstance(page, Page) and page.go_back():
            return
        while self.history:
            earlier = self.history.pop()
            if earlier in PAGES and earlier != self.current_page_name():
                self.show_page(earlier, remember=False)
                return
        if self.current_page_name() != "today":
            self.show_page("today", remember=False)

    def _on_changed(self, topic: str) -> None:
        if topic == Topic.LOOK:
            self.rebuild_pages()

    def _on_system_contrast(self, _preference: object = None) -> None:
        # Only a PC set to follow the computer changes its colours when the computer does.
        app = QApplication.instance()
        if theme_choice() == "system" and isinstance(app, QApplication):
            apply_theme(app, text_size(), "system")
            self.context.announce(Topic.LOOK)

    def rebuild_pages(self) -> None:
        """Build every page again, so that sizes taken from the text size follow it."""
        current = self.current_page_name()
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.user_bar.show_user()
        self.show_page(current, remember=False)

    def current_page_name(self) -> str:
        """Return the stable name of the page on show."""
        current = self.stack.currentWidget()
        return next(name for name, page in self.pages.items() if page is current)

    def _restore_geometry(self) -> None:
        saved = self.settings.get("window_geometry")
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode())):
            return
        self.resize(1280, 800)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Start hearing the input of the window once it is on screen."""
        super().showEvent(event)
        self.idle.watch(self.windowHandle())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Remember the window's size and place for next time."""
        geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.set("window_geometry", geometry)
        super().closeEvent(event)
