"""Timing what a person sees: a widget counts as shown once Qt has painted it."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


class PaintWatch(QObject):
    """Notes when a widget receives a paint event; it never swallows one."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Note a paint event and let it through."""
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def until_painted(action: Callable[[], QWidget], limit_seconds: float = 60.0) -> QWidget:
    """Call ``action`` (which returns the widget it shows) and run Qt until that is painted.

    The paint event is delivered inside ``processEvents``, and the whole window's paint
    ends before it returns, so the time after the loop is when the widget is on screen.
    """
    app = QApplication.instance()
    assert app is not None
    shown = action()
    watch = PaintWatch(shown)
    shown.update()
    give_up = time.monotonic() + limit_seconds
    while not watch.painted:
        app.processEvents()
        if time.monotonic() > give_up:
            raise RuntimeError(f"{type(shown).__name__} was never painted")
    watch.deleteLater()
    return shown


def sign_in_coordinator(window: QWidget) -> None:
    """Make the farm's first coordinator the window's user, so that every page has content."""
    from dutchfarm.domain.terms import Role
    from dutchfarm.services.auth import Actor
    from dutchfarm.services.people import list_people

    context = window.context  # type: ignore[attr-defined]
    boss = next(p for p in list_people(context.db) if p.role is Role.COORDINATOR)
    context.set_actor(Actor(boss.id, boss.role, boss.name))
