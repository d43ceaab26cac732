"""Shared widgets: a chosen picture button has room for its words in bold."""

from PySide6.QtGui import QFont, QFontMetrics

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
