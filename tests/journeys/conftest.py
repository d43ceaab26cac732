"""The journeys' shared steps: the demo farm's window, and doing things as a person would.

A journey finds what it touches the way a person does, by the words on it (its text or
its accessible name), taps it with the mouse, types on the pads and drags with the mouse.
Dutch Farm's own dialogs are shown for real and driven the same way; only the operating
system's file and print choosers are answered, as a person would answer them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QScrollArea,
    QTabBar,
    QWidget,
)

from dutchfarm.ui import dialogs
from dutchfarm.ui.context import Topic

LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier
# Where each journey's last screen is saved, when asked; CI leaves it unset.
SHOTS_VARIABLE = "DUTCHFARM_JOURNEY_SHOTS"


def words_of(widget: QWidget) -> str:
    """Return the words a person reads on a button (without its keyboard-shortcut mark)."""
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def seen(widget: QWidget) -> bool:
    """Whether a person could see ``widget`` now (it and all its parents are shown)."""
    return widget.isVisible() and widget.window().isVisible()


def buttons(root: QWidget, words: str | None = None) -> list[QAbstractButton]:
    """Return the buttons on show inside ``root`` whose words (or accessible name) match."""
    found = [b for b in root.findChildren(QAbstractButton) if seen(b)]
    if words is None:
        return found
    return [b for b in found if words in (words_of(b), b.accessibleName())]


def button(root: QWidget, words: str) -> QAbstractButton:
    """Return the one button on show inside ``root`` that says ``words``."""
    found = buttons(root, words)
    if len(found) == 1:
        return found[0]
    shown = sorted({words_of(b) or b.accessibleName() for b in buttons(root)})
    problem = "No button" if not found else f"{len(found)} buttons"
    raise AssertionError(f"{problem} saying {words!r}; on show: {shown}")


def settle() -> None:
    """Let the screen finish laying itself out, as it has by the time a person looks."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def bring_into_view(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` so that it is in view, as a person would."""
    settle()
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            parent.ensureWidgetVisible(widget, 8, 8)
        parent = parent.parentWidget()


def tap(qtbot, widget: QWidget) -> None:
    """Tap ``widget`` with the mouse, after checking a person could see and use it."""
    assert seen(widget), f"{widget.accessibleName() or widget} is not on show"
    assert widget.isEnabled(), f"{widget.accessibleName() or widget} cannot be tapped now"
    bring_into_view(widget)
    qtbot.mouseClick(widget, LEFT, pos=widget.rect().center())
    settle()


def tap_button(qtbot, root: QWidget, words: str) -> QAbstractButton:
    """Tap the one button on show inside ``root`` that says ``words``; return it."""
    found = button(root, words)
    tap(qtbot, found)
    return found


def in_window(widget: QWidget, point: QPoint | None = None) -> QPoint:
    """Return a point of ``widget`` (its middle by default) in its window's coordinates."""
    return widget.mapTo(widget.window(), point if point is not None else widget.rect().center())


def _drop_target(window: QWidget, point: QPoint) -> QWidget | None:
    widget = window.childAt(point)
    while widget is not None and not widget.acceptDrops():
        widget = widget.parentWidget()
    return widget


def _stand_in_for_drag_loop(window: QWidget, end: QPoint) -> Callable[..., Qt.DropAction]:
    """Do what the platform's drag loop does: carry the drag to ``end`` and drop it there.

    Under the headless platform QDrag.exec returns at once without a drop; everything else
    (the press, the move that starts the drag, the data it carries, the drop target's
    answer) is Dutch Farm's own code.
    """

    def exec_(drag: QDrag, *_args: object) -> Qt.DropAction:
        data: QMimeData = drag.mimeData()
        target = _drop_target(window, end)
        if target is None:
            return Qt.DropAction.IgnoreAction
        spot = QPointF(target.mapFrom(window, end))
        action = Qt.DropAction.MoveAction
        enter = QDragEnterEvent(spot.toPoint(), action, data, LEFT, NO_KEYS)
        QApplication.sendEvent(target, enter)
        if not enter.isAccepted():
            return Qt.DropAction.IgnoreAction
        move = QDragMoveEvent(spot.toPoint(), action, data, LEFT, NO_KEYS)
        QApplication.sendEvent(target, move)
        drop = QDropEvent(spot, action, data, LEFT, NO_KEYS)
        QApplication.sendEvent(target, drop)
        return drop.dropAction() if drop.isAccepted() else Qt.DropAction.IgnoreAction

    return exec_


def drag(qtbot, source: QWidget, target: QWidget) -> None:
    """Press on ``source``, move the mouse to the middle of ``target`` and let go there."""
    window = source.window()
    bring_into_view(target)
    bring_into_view(source)
    start, end = in_window(source), in_window(target)
    for widget, point in ((source, start), (target, end)):
        under = window.childAt(point)
        assert under is not None and (under is widget or widget.isAncestorOf(under)), (
            f"{widget.accessibleName() or widget} is not in view where the mouse would be"
        )
    handle = window.windowHandle()
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        # Qt calls the drag events' QPoint constructors old, but a drop target gets them.
        warnings.simplefilter("ignore", DeprecationWarning)
        patch.setattr(QDrag, "exec", _stand_in_for_drag_loop(window, end))
        QTest.mousePress(handle, LEFT, NO_KEYS, start)
        step = QApplication.startDragDistance() + 2
        QTest.mouseMove(handle, start + QPoint(step, step))
        QTest.mouseMove(handle, end)
        QTest.mouseRelease(handle, LEFT, NO_KEYS, end)
    settle()


def mouse_drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 8) -> None:
    """Drag with the mouse inside ``widget`` (a map's view, say) from ``start`` to ``end``."""
    handle = widget.window().windowHandle()
    start_at, end_at = in_window(widget, start), in_window(widget, end)
    QTest.mousePress(handle, LEFT, NO_KEYS, start_at)
    for step in range(1, steps + 1):
        QTest.mouseMove(handle, start_at + (end_at - start_at) * step / steps)
    QTest.mouseRelease(handle, LEFT, NO_KEYS, end_at)


def save_last_screen(window: QWidget, name: str) -> Path | None:
    """Save the window as ``name``.png in the folder DUTCHFARM_JOURNEY_SHOTS names, if set."""
    folder = os.environ.get(SHOTS_VARIABLE)
    if not folder:
        return None
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(path))
    return path


class Journey:
    """A person at the cabin PC, on the demo farm's main window."""

    def __init__(self, qtbot, monkeypatch: pytest.MonkeyPatch, answers, window) -> None:
        self.qtbot = qtbot
        self.monkeypatch = monkeypatch
        self.answers = answers
        self.window = window
        self.context = window.context
        self.db = window.context.db
        self._pin = ""
        self._dialog_steps: list[Callable[[QDialog], None]] = []
        monkeypatch.setattr(dialogs, "ask_pin", self._enter_pin)
        monkeypatch.setattr(dialogs, "show_dialog", self._show_dialog)

    # --- seeing and tapping -------------------------------------------------------------

    def page(self, name: str | None = None) -> QWidget:
        """Return the page on show (or the page called ``name``, which must be on show)."""
        current = self.window.stack.currentWidget()
        if name is not None:
            assert self.window.current_page_name() == name, (
                f"the {self.window.current_page_name()} page is on show, not {name}"
            )
        return current

    def button(self, words: str, within: QWidget | None = None) -> QAbstractButton:
        """Return the one button on show saying ``words`` (on the page, or ``within``)."""
        settle()
        return button(within or self.window, words)

    def tap(self, words: str | QWidget, within: QWidget | None = None) -> QWidget:
        """Tap the button saying ``words`` (or the widget given); return what was tapped."""
        widget = words if isinstance(words, QWidget) else self.button(words, within)
        tap(self.qtbot, widget)
        return widget

    def tap_tab(self, words: str, within: QWidget | None = None) -> None:
        """Tap the tab that says ``words``."""
        settle()
        bars = [b for b in (within or self.window).findChildren(QTabBar) if seen(b)]
        found = [(b, i) for b in bars for i in range(b.count()) if b.tabText(i) == words]
        assert len(found) == 1, f"{len(found)} tabs saying {words!r}"
        bar, index = found[0]
        self.qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
        settle()
        assert bar.currentIndex() == index

    def open_area(self, words: str) -> QWidget:
        """Go home to Today and tap the tile of an area ("Vote", "Rotation" …)."""
        self.tap(self.window.user_bar.home_button)
        self.tap(words, self.page("today"))
        return self.page()

    def type_keys(self, widget: QWidget, text: str) -> None:
        """Type ``text`` on the keyboard into ``widget``."""
        tap(self.qtbot, widget)
        self.qtbot.keyClicks(widget, text)

    def tap_row(self, view: QAbstractItemView, words: str) -> None:
        """Tap the line of a list or table on show that says ``words``."""
        model = view.model()
        found = [
            model.index(row, column)
            for row in range(model.rowCount())
            for column in range(model.columnCount())
            if model.index(row, column).data() == words
        ]
        assert found, f"{view.accessibleName()} has no line saying {words!r}"
        view.scrollTo(found[0])
        settle()
        self.qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(found[0]).center())
        settle()

    def choose(self, box: QComboBox, words: str) -> None:
        """Open a drop-down list and tap the line that says ``words``."""
        tap(self.qtbot, box)
        view = box.view()
        self.qtbot.waitUntil(view.isVisible)
        found = view.model().match(view.model().index(0, 0), Qt.ItemDataRole.DisplayRole, words)
        assert found, f"{box.accessibleName()} has no line saying {words!r}"
        view.scrollTo(found[0])
        # A list that has just opened ignores a tap as quick as a double tap.
        self.qtbot.wait(QApplication.doubleClickInterval() + 50)
        self.qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(found[0]).center())
        assert box.currentText() == words, f"{box.accessibleName()} shows {box.currentText()!r}"

    def drag(self, source: QWidget, target: QWidget) -> None:
        """Drag ``source`` with the mouse and drop it on ``target``."""
        drag(self.qtbot, source, target)

    # --- who is using the program -------------------------------------------------------

    def sign_in(self, name: str, pin: str = "") -> None:
        """Tap "Change user", then one's own picture; a coordinator taps their PIN in."""
        bar = self.window.user_bar
        self.tap(bar.switch_button)
        self._pin = pin
        self.tap(name, self.page("who"))
        self._pin = ""
        assert bar.user_words.text().startswith(name), bar.user_words.text()

    def _enter_pin(self, parent: QWidget | None, name: str) -> str | None:
        from dutchfarm.ui.pin_pad import PinPad

        pad = PinPad(name, parent)
        self.qtbot.addWidget(pad)
        pad.show()
        for digit in self._pin:
            tap(self.qtbot, button(pad, f"Number {digit}"))
        tap(self.qtbot, button(pad, "Open" if self._pin else "Cancel"))
        return pad.pin() if pad.result() == QDialog.DialogCode.Accepted else None

    # --- Dutch Farm's own dialogs -------------------------------------------------------

    def next_dialog(self, steps: Callable[[QDialog], None]) -> None:
        """Do ``steps`` (taps, keys) on the next dialog Dutch Farm opens."""
        self._dialog_steps.append(steps)

    def _show_dialog(self, dialog: QDialog) -> bool:
        assert self._dialog_steps, f"a dialog opened that the journey did not expect: {dialog}"
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self._dialog_steps.pop(0)(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    def save_as(self, path: Path) -> None:
        """Answer the next "Save as" chooser with ``path``."""
        self.monkeypatch.setattr(dialogs, "save_file", lambda *_a: str(path))

    def print_to(self, path: Path) -> None:
        """Answer the next printer chooser with a printer that prints to the PDF ``path``."""
        from PySide6.QtPrintSupport import QPrinter

        def printer(*_args: object) -> QPrinter:
            chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
            chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            chosen.setOutputFileName(str(path))
            return chosen

        self.monkeypatch.setattr(dialogs, "choose_printer", printer)

    def folder_as(self, path: Path) -> None:
        """Answer the next folder chooser with ``path``."""
        self.monkeypatch.setattr(dialogs, "choose_folder", lambda *_a: str(path))

    def open_as(self, path: Path) -> None:
        """Answer the next "Open" chooser with ``path``."""
        self.monkeypatch.setattr(dialogs, "open_file", lambda *_a: str(path))

    # --- the end ------------------------------------------------------------------------

    def last_screen(self, name: str) -> Path | None:
        """Save the journey's last screen, if DUTCHFARM_JOURNEY_SHOTS asks for it."""
        self.qtbot.wait(50)
        return save_last_screen(self.window, name)

    def pdf_text(self, path: Path) -> str:
        """Return the words of a PDF file as pdftotext reads them, one space between words."""
        if shutil.which("pdftotext") is None:
            pytest.skip("poppler's pdftotext reads the PDF back")
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return " ".join(done.stdout.split())

    def messages(self) -> list[str]:
        """Return every message box's words shown so far, title and message together."""
        return [f"{title}: {message}" for title, message in self.answers.messages]


@pytest.fixture
def journey(make_window, demo_url, qtbot, monkeypatch, answers) -> Journey:
    """The demo farm's main window, as it opens, with a person in front of it."""
    window = make_window(demo_url)
    return Journey(qtbot, monkeypatch, answers, window)


# --- the group's vote for 2027 (journey 1), which journey 2 plans from --------------------

# The eight crops on the cards, as the cards name them.
VOTE_CROPS = (
    "Strawberries",
    "Tomatoes",
    "Potatoes",
    "Carrots",
    "Sweetcorn",
    "Pumpkins",
    "Runner beans",
    "Courgettes",
)
# Who put their three dots where. Strawberries 9, potatoes 7, carrots 6; tomatoes and
# sweetcorn 5 each from 3 people each: a tie for the fourth place that only a quick vote
# settles.
DOTS = {
    "Jackie": {"Strawberries": 3},
    "Marco": {"Sweetcorn": 2, "Strawberries": 1},
    "Tom": {"Carrots": 2, "Potatoes": 1},
    "Lee": {"Strawberries": 2, "Tomatoes": 1},
    "Aisha": {"Potatoes": 2, "Carrots": 1},
    "Ben": {"Potatoes": 2, "Sweetcorn": 1},
    "Chloe": {"Tomatoes": 2, "Strawberries": 1},
    "Dev": {"Carrots": 2, "Pumpkins": 1},
    "Ellie": {"Strawberries": 2, "Potatoes": 1},
    "Femi": {"Tomatoes": 2, "Pumpkins": 1},
    "Priya": {"Potatoes": 1, "Carrots": 1, "Runner beans": 1},
    "Rosa": {"Sweetcorn": 2, "Courgettes": 1},
}
# The quick vote on the tie: seven for tomatoes, five for sweetcorn, three dots each.
RUNOFF = {name: {"Tomatoes" if n < 7 else "Sweetcorn": 3} for n, name in enumerate(DOTS)}
CHOSEN = ("Strawberries", "Potatoes", "Carrots", "Tomatoes")


@pytest.fixture
def crops_chosen_for_2027(journey: Journey) -> int:
    """Before journey 2: the group's vote for 2027 as journey 1 holds it; the season's id."""
    from dutchfarm.services.auth import sign_in
    from dutchfarm.services.catalogue import list_crops
    from dutchfarm.services.people import list_people
    from dutchfarm.services.vote_closing import close_ballot, start_runoff
    from dutchfarm.services.vote_seasons import create_ballot_for_season
    from dutchfarm.services.voting import BallotDraft, cast_vote, open_ballot

    db = journey.db
    people = {person.name: person.id for person in list_people(db)}
    crops = {crop.plural: crop.id for crop in list_crops(db)}
    sam = sign_in(db, people["Sam"])
    year = dt.date.today().year + 1
    draft = BallotDraft(
        f"What shall we grow in {year}?", seats=4, crop_ids=tuple(crops[c] for c in VOTE_CROPS)
    )
    ballot = create_ballot_for_season(db, sam, year, draft)
    for plan, ballot_id in ((DOTS, ballot.id), (RUNOFF, None)):
        if ballot_id is None:
            ballot_id = start_runoff(db, sam, ballot.id).id
        else:
            open_ballot(db, sam, ballot_id)
        for name, dots in plan.items():
            marks = {crops[crop]: count for crop, count in dots.items()}
            cast_vote(db, sam, ballot_id, people[name], marks)
        close_ballot(db, sam, ballot_id)
    journey.context.announce(*Topic)
    return ballot.season_id


@pytest.fixture
def the_vote() -> SimpleNamespace:
    """The group's vote for next season: the cards, everyone's dots, the quick vote, winners."""
    return SimpleNamespace(crops=VOTE_CROPS, dots=DOTS, runoff=RUNOFF, chosen=CHOSEN)
