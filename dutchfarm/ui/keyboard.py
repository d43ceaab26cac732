"""Keyboard use everywhere: Enter presses the focused button, arrows cross picture grids.

One application-wide helper, so that every button, grid and list behaves the same without
each widget having to remember it::

    install(app)                      # once, when the application is made
    focus_first(container)            # put the keyboard on the first control inside
    tab_order([first, second, ...])   # Tab visits these in this order
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QPushButton,
    QScrollArea,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
UP_DOWN = (Qt.Key.Key_Up, Qt.Key.Key_Down)
TABS = {
    Qt.Key.Key_Tab: Qt.FocusReason.TabFocusReason,
    Qt.Key.Key_Backtab: Qt.FocusReason.BacktabFocusReason,
}


def takes_tab(widget: QWidget) -> bool:
    """Return True if Tab can stop on ``widget`` now (shown, usable, taking Tab focus)."""
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
        and not isinstance(widget, QScrollArea)
    )


def first_control(container: QWidget) -> QWidget | None:
    """Return the first control inside ``container`` that Tab would stop on, or None."""
    # Controls just put on a page that is showing are shown by a queued call: run it now,
    # or they would not count as shown yet.
    QApplication.sendPostedEvents(None, QEvent.Type.MetaCall.value)
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container:
        if container.isAncestorOf(widget) and takes_tab(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_first(container: QWidget) -> bool:
    """Put the keyboard on the first control inside ``container``; False if it has none."""
    control = first_control(container)
    if control is None:
        return False
    give_focus(control)
    return True


def keep_focus(container: QWidget, held: QWidget, order: list[QWidget], place: int) -> None:
    """If ``held`` had the keyboard and is gone, give it to ``order[place]`` (or the next)."""
    if container.isAncestorOf(held) and held.isVisible():
        return
    control = first_control(container)
    for candidate in order[place:]:
        if container.isAncestorOf(candidate) and takes_tab(candidate):
            control = candidate
            break
    if control is not None:
        give_focus(control)


def give_focus(widget: QWidget) -> None:
    """Focus ``widget`` and scroll it into view if it sits in a scroll area."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


def tab_order(widgets: Iterable[QWidget | None]) -> None:
    """Make Tab visit ``widgets`` in the order given (None and missing ones are skipped)."""
    # Only controls inside one window can share a chain; one not placed on it is left out.
    placed = [widget for widget in widgets if widget is not None and not widget.isWindow()]
    chain = [widget for widget in placed if widget.window() is placed[0].window()]
    for before, after in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(before, after)


def _in_exclusive_group(button: QAbstractButton) -> bool:
    group = button.group()
    return button.autoExclusive() or (group is not None and group.exclusive())


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def button_beside(button: QAbstractButton, key: Qt.Key) -> QAbstractButton | None:
    """Return the nearest button straight above (Up) or below (Down) ``button``, or None.

    The search starts among the button's neighbours and widens one parent at a time, so
    in a grid of pictures Down goes to the picture under this one, not to the page's end.
    """
    down = key == Qt.Key.Key_Down
    area = button.parentWidget()
    while area is not None:
        here = _rect_in(button, area)
        best: tuple[int, int] | None = None
        found: QAbstractButton | None = None
        for other in area.findChildren(QAbstractButton):
            if other is button or not takes_tab(other):
                continue
            there = _rect_in(other, area)
            if there.right() < here.left() or there.left() > here.right():
                continue  # not in the same column
            gap = there.top() - here.bottom() if down else here.top() - there.bottom()
            if gap < -2:
                continue  # not below (or above) this one
            score = (gap // 8, abs(there.center().x() - here.center().x()))
            if best is None or score < best:
                best, found = score, other
        if found is not None:
            return found
        if area.isWindow():
            return None
        area = area.parentWidget()
    return None


class KeyboardHelp(QObject):
    """Follows the keyboard's focus: Enter presses the focused button, the arrows cross a grid
    of pictures, and Tab lands on a group's chosen button and passes over scroll areas.

    It watches only the widget that has the focus, moving with it. Watching the whole
    application put each of the thousands of events a page makes through Python first and
    made every page a tenth to a quarter slower to open. It never swallows typing.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.watched: QWidget | None = None
        # Tab or Shift+Tab while Qt moves the focus for it, else None.
        self.tabbing: Qt.FocusReason | None = None
        app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        self._watch(new)
        if isinstance(new, QAbstractItemView):
            # Tab leaves a table or list instead of walking its cells; arrows move inside it.
            new.setTabKeyNavigation(False)
        elif isinstance(new, QScrollArea | QAbstractButton):
            # Qt is still giving ``new`` the focus: moving it on waits until it is done.
            reason = self.tabbing
            QTimer.singleShot(0, lambda: self._move_on(old, new, reason))

    def _move_on(self, old: QWidget | None, new: QWidget, reason: Qt.FocusReason | None) -> None:
        if new is not QApplication.focusWidget():
            return
        if isinstance(new, QScrollArea):
            # A scroll area is no stop for Tab: Qt scrolls to whatever control has focus, and
            # an invisible stop is a lost press for a keyboard user.
            new.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if reason is not None:
                _pass_on(new, reason)
            elif old is not None and isValid(old) and old.isVisible():
                old.setFocus(Qt.FocusReason.OtherFocusReason)
        elif isinstance(new, QAbstractButton) and reason is not None:
            _to_the_chosen_one(new, reason)

    def _watch(self, widget: QWidget | None) -> None:
        # One deleted since has taken its filters with it.
        if self.watched is not None and isValid(self.watched):
            self.watched.removeEventFilter(self)
        self.watched = widget
        if widget is not None:
            widget.installEventFilter(self)

    def _tabbed(self) -> None:
        self.tabbing = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Press the focused button on Enter; move up and down a grid with the arrows."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in TABS:
            # Qt moves the focus while it handles this press; what moved it is known until then.
            self.tabbing = TABS[key]
            QTimer.singleShot(0, self._tabbed)
            return False
        if not isinstance(watched, QAbstractButton) or watched is not QApplication.focusWidget():
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        if key in ENTER and isinstance(watched, QToolButton | QPushButton):
            # Qt presses a focused button with Space only; people expect Enter to work too.
            if watched.isEnabled():
                watched.click()
            return True
        if key in UP_DOWN and not _in_exclusive_group(watched):
            target = button_beside(watched, Qt.Key(key))
            if target is not None:
                give_focus(target)
                return True
        return False


def _to_the_chosen_one(button: QAbstractButton, reason: Qt.FocusReason) -> None:
    # Tab into a group of buttons where one is chosen lands on the chosen one, as with
    # radio buttons; the arrows then move the choice.
    if button.isChecked():
        return
    group = button.group()
    chosen = group.checkedButton() if group is not None and group.exclusive() else None
    # Qt has just taken Tab from the group's other buttons, the chosen one too: it gets it
    # back with the focus.
    if chosen is not None and chosen is not button and chosen.isVisible() and chosen.isEnabled():
        chosen.setFocus(reason)


def _pass_on(area: QScrollArea, reason: Qt.FocusReason) -> None:
    """Give the focus to the control after (Shift+Tab: before) ``area`` in the Tab order."""
    backwards = reason == Qt.FocusReason.BacktabFocusReason
    widget = area.previousInFocusChain() if backwards else area.nextInFocusChain()
    while widget is not None and widget is not area:
        if takes_tab(widget):
            widget.setFocus(reason)
            return
        widget = widget.previousInFocusChain() if backwards else widget.nextInFocusChain()


def install(app: QApplication) -> None:
    """Help ``app``'s keyboard users (once per application)."""
    if app.findChild(KeyboardHelp) is None:
        KeyboardHelp(app)
