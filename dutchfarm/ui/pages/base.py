"""The base of every page: its stable name, title and picture, and refreshing on change."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from dutchfarm.ui import keyboard
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.widgets import PageHeader


class Page(QWidget):
    """A page of the main window, refreshed from the services when what it shows changes."""

    name: ClassVar[str]
    title: ClassVar[str]
    icon_name: ClassVar[str]
    # The kinds of change that make this page stale.
    topics: ClassVar[frozenset[Topic]] = frozenset()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName(self.title)
        self._stale = True
        context.changed.connect(self._on_changed)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(24, 16, 24, 16)
        self.outer.setSpacing(12)
        self.header = PageHeader(self.icon_name, self.title)
        self.outer.addWidget(self.header)

    def _on_changed(self, topic: str) -> None:
        if topic in self.topics:
            self._stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Refresh a stale page as it comes into view."""
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Load what the page shows from the services now, keeping the keyboard on it."""
        self._stale = False
        focus = QApplication.focusWidget()
        before = self.tab_sequence()
        place = before.index(focus) if focus in before else 0
        self.refresh()
        order = self.tab_sequence()
        keyboard.tab_order(order)
        if focus is not None and focus in before:
            # A control made again on refresh takes the keyboard with it when it goes:
            # the keyboard goes on to the control in its place.
            keyboard.keep_focus(self, focus, order, place)

    def tab_sequence(self) -> list[QWidget]:
        """Return the page's controls in the order Tab visits them (empty: as they were made)."""
        # Controls made again on a refresh join the end of the window's chain, so a page
        # that rebuilds any lists every one of its controls here, in order.
        return []

    def refresh(self) -> None:
        """Fill the page from the services; each page overrides this."""
        raise NotImplementedError

    def first_control(self) -> QWidget | None:
        """Return the control the keyboard starts on when the page is shown."""
        return keyboard.first_control(self)

    def go_back(self) -> bool:
        """Step back inside the page (Escape); False when the page has nowhere to go back to."""
        return False
