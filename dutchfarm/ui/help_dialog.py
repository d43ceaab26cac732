"""The Help window: what a page is for and its main job in numbered steps, with pictures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from dutchfarm.ui.help_content import PageHelp
from dutchfarm.ui.theme import text_scale
from dutchfarm.ui.widgets import Card, PictureButton, label, picture, scaled, scrolling_column
from dutchfarm.words import _


class HelpDialog(QDialog):
    """A page's help in Easy Read: one idea a line, a picture beside each step.

    It stays until it is closed (with "Close" or Escape): nothing here hurries anyone.
    """

    def __init__(self, page_help: PageHelp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_help = page_help
        title = _("Help: {title}").format(title=page_help.title)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(scaled(16), scaled(16), scaled(16), scaled(16))
        layout.setSpacing(scaled(8))

        top = QHBoxLayout()
        top.addWidget(picture(page_help.picture, 48, page_help.title))
        top.addWidget(label(title, "title", wrap=True), 1)
        # Close sits at the top, beside the title, so that the steps get all the height.
        self.close_button = PictureButton(
            "tick", _("Close"), icon_size=40, large=True, primary=True
        )
        self.close_button.setToolTip(_("Close the help (Escape)"))
        self.close_button.clicked.connect(self.accept)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        # Very large text may need more room than the screen has: it scrolls, never clips.
        area, body_layout = scrolling_column(scaled(12))
        body_layout.setContentsMargins(0, 0, scaled(8), 0)
        body_layout.addWidget(label(page_help.purpose))
        card = Card()
        card.body.addWidget(label(page_help.job, "heading"))
        steps = QGridLayout()
        steps.setHorizontalSpacing(scaled(16))
        steps.setVerticalSpacing(scaled(8))
        steps.setColumnStretch(2, 1)
        # Big pictures where there is room; with very large text the words need it more.
        step_picture = 56 if text_scale() < 1.3 else 44
        for row, step in enumerate(page_help.steps):
            number = label(f"{row + 1}.", "heading", wrap=False)
            steps.addWidget(number, row, 0, Qt.AlignmentFlag.AlignVCenter)
            steps.addWidget(
                picture(step.picture, step_picture, _("Picture for step {0}").format(row + 1)),
                row,
                1,
                Qt.AlignmentFlag.AlignVCenter,
            )
            words = label(step.words)
            words.setAccessibleName(_("Step {0}: {words}").format(row + 1, words=step.words))
            steps.addWidget(words, row, 2)
        card.body.addLayout(steps)
        body_layout.addWidget(card)
        body_layout.addStretch(1)
        layout.addWidget(area, 1)

        self.close_button.setFocus()
        self._fit(parent, top.sizeHint().height(), area.widget())

    def _fit(self, parent: QWidget | None, top: int, content: QWidget) -> None:
        # As wide as the words need at this size and as tall as the steps, but never larger
        # than the window: then the steps scroll.
        width, tallest = scaled(760), scaled(640)
        if parent is not None:
            window = parent.window()
            width = min(width, max(window.width() - 40, 480))
            tallest = max(window.height() - 40, 360)
        margins = self.layout().contentsMargins()
        inside = width - margins.left() - margins.right() - scaled(24)
        needed = top + content.heightForWidth(inside) + self.layout().spacing()
        needed += margins.top() + margins.bottom() + scaled(8)
        self.resize(width, min(needed, tallest))
