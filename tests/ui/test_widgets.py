"""Shared widgets: a chosen picture button has room for its words in bold."""

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import QApplication, QStyleOption

from dutchfarm.ui import icons
from dutchfarm.ui.widgets import PictureButton


def test_a_choosable_button_leaves_room_for_its_bold_words(qtbot):
    words = "Next season: 2027 (planned)"
    plain = PictureButton("season", words)
    choosable = PictureButton("season", words)
    choosable.setCheckable(True)
    for button in (plain, choosable):
        qtbot.addWidget(button)
    bold = QFont(choosable.font())
    bold.setBold(True)
    extra = QFontMetrics(bold).horizontalAdvance(words) - choosable.fontMetrics().horizontalAdvance(
        words
    )
    assert extra > 0
    assert choosable.sizeHint().width() == plain.sizeHint().width() + extra
    assert choosable.sizeHint().height() == plain.sizeHint().height()


@pytest.fixture
def fresh_icons():
    """Forget the icons made so far, before and after the test."""
    icons.icon.cache_clear()
    yield
    icons.icon.cache_clear()


def test_an_icon_is_drawn_at_the_size_it_is_shown_and_only_then(qtbot, monkeypatch, fresh_icons):
    drawn = []
    draw = icons.pixmap

    def counted(name, size):
        drawn.append((name, size))
        return draw(name, size)

    monkeypatch.setattr(icons, "pixmap", counted)
    farm = icons.icon("farm")
    button = PictureButton("farm", "Farm")
    qtbot.addWidget(button)
    assert drawn == [] and not farm.isNull()
    shown = farm.pixmap(QSize(40, 40)).toImage()
    assert drawn == [("farm", 40)] and shown == draw("farm", 40).toImage()
    grey = farm.pixmap(QSize(40, 40), QIcon.Mode.Disabled).toImage()
    expected = QApplication.style().generatedIconPixmap(
        QIcon.Mode.Disabled, draw("farm", 40), QStyleOption()
    )
    assert grey == expected.toImage() != shown
