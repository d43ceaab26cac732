"""Every page, with the demo farm: each control a person can use is named, focusable and big."""

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

from dutchfarm.services.auth import Actor
from dutchfarm.services.people import list_people
from dutchfarm.ui.main_window import PAGES
from dutchfarm.ui.theme import TARGET

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
)


def problems_on(window) -> list[str]:
    """Return a line for each visible, usable control that fails a check."""
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE):
            continue
        if not widget.isVisibleTo(window) or not widget.isEnabled() or not widget.isVisible():
            continue
        # Scroll bars and the inner buttons of item views are parts of a larger control.
        if type(widget).__name__ in {"QScrollBar", "QHeaderView"}:
            continue
        # The text box inside a spin box or combo box is part of that control.
        if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue
        words = widget.accessibleName() or getattr(widget, "text", lambda: "")()
        what = f"{type(widget).__name__} '{words}'"
        if not widget.accessibleName().strip():
            found.append(f"{what} has no accessible name")
        if widget.focusPolicy().value == 0:
            found.append(f"{what} cannot take keyboard focus")
        if widget.width() < TARGET or widget.height() < TARGET:
            found.append(f"{what} is {widget.width()}x{widget.height()}, under {TARGET} px")
    return found


@pytest.mark.parametrize("page_name", list(PAGES))
@pytest.mark.parametrize("text_size", ["normal", "very_large"])
def test_every_control_is_named_focusable_and_big_enough(
    make_window, demo_url, page_name, text_size, qtbot
):
    window = make_window(demo_url, text_size=text_size)
    coordinator = next(p for p in list_people(window.context.db) if p.role.value == "coordinator")
    window.context.set_actor(Actor(coordinator.id, coordinator.role, coordinator.name))
    window.show_page(page_name)
    qtbot.wait(10)
    assert problems_on(window) == []


def test_the_check_finds_a_nameless_tiny_button(make_window, qtbot):
    from PySide6.QtWidgets import QPushButton

    window = make_window()
    page = window.show_page("today")
    tiny = QPushButton(page)
    tiny.resize(20, 20)
    tiny.show()
    found = problems_on(window)
    assert any("no accessible name" in line for line in found)
    assert any("under 44 px" in line for line in found)
