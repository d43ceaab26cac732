"""A show of hands: the facilitator types how many hands went up for each crop."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.services.voting import MAX_HANDS, BallotInfo, OptionInfo, hands_counts, record_hands
from dutchfarm.ui import icons
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.theme import TARGET_LARGE
from dutchfarm.ui.vote_cards import CardGrid
from dutchfarm.ui.widgets import PictureButton, label, scaled
from dutchfarm.words import _


def _picture(name: str, size: int, description: str) -> QLabel:
    picture = QLabel()
    picture.setPixmap(icons.pixmap(name, size))
    picture.setFixedSize(size, size)
    picture.setAccessibleName(description)
    return picture


class HandsCard(QFrame):
    """A crop with a big number box, for the facilitator to type the hands counted."""

    def __init__(self, option: OptionInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.option = option
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(scaled(8), scaled(8), scaled(8), scaled(8))
        top = QHBoxLayout()
        top.addWidget(
            _picture(option.icon, scaled(64), _("Picture of {plural}").format(plural=option.plural))
        )
        top.addWidget(label(option.plural, "heading"), 1)
        layout.addLayout(top)
        row = QHBoxLayout()
        row.addWidget(_picture("hands", scaled(32), _("Hands")))
        self.count = QSpinBox()
        self.count.setRange(0, MAX_HANDS)
        self.count.setAccessibleName(_("Hands for {plural}").format(plural=option.plural))
        self.count.setMinimumSize(max(TARGET_LARGE, scaled(120)), TARGET_LARGE)
        row.addWidget(self.count, 1)
        layout.addLayout(row)


class HandsCount(QWidget):
    """Every crop of a show-of-hands vote with a box for its count; saved, then closed."""

    back_requested = Signal()
    close_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ballot: BallotInfo | None = None
        self.cards: dict[int, HandsCard] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, scaled(8), 0)
        self.question = label("", "title")
        layout.addWidget(self.question)
        layout.addWidget(
            label(_("Ask who wants each crop. Count the hands. Type the number in the box."))
        )
        tie = QHBoxLayout()
        tie.addWidget(_picture("help", scaled(28), _("About ties")), 0, Qt.AlignmentFlag.AlignTop)
        self.tie_rule = label("", "muted")
        tie.addWidget(self.tie_rule, 1)
        layout.addLayout(tie)
        self.saved_words = label("", "heading")
        layout.addWidget(self.saved_words)
        self.grid = CardGrid(max(scaled(240), 60))
        layout.addWidget(self.grid)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        back = PictureButton("back", _("All votes"), large=True)
        back.clicked.connect(self.back_requested.emit)
        bottom.addWidget(back)
        bottom.addStretch(1)
        self.save_button = PictureButton("save", _("Save the hands"), large=True, primary=True)
        self.save_button.clicked.connect(self.save)
        bottom.addWidget(self.save_button)
        self.close_button = PictureButton("lock", _("Close the vote"), large=True)
        self.close_button.setToolTip(_("Stop the vote and show the results"))
        self.close_button.clicked.connect(self.close_requested.emit)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)

    def load(self, ballot: BallotInfo) -> None:
        """Show the crops of ``ballot`` with the hands saved so far."""
        self.ballot = ballot
        self.saved_words.clear()
        self.question.setText(ballot.question)
        self.tie_rule.setText(ballot.tie_rule)
        cards = [HandsCard(option) for option in ballot.options]
        self.cards = {card.option.crop_id: card for card in cards}
        self.grid.set_cards(list(cards))
        self._show(hands_counts(self.context.db, ballot.id))

    def allow(self, staff: bool) -> None:
        """Let only a volunteer or the coordinator type, save and close."""
        for button in (self.save_button, self.close_button):
            button.setVisible(staff)
        for card in self.cards.values():
            card.count.setEnabled(staff)

    def counts(self) -> dict[int, int]:
        """Return the hands typed for each crop (crop id -> hands)."""
        return {crop_id: card.count.value() for crop_id, card in self.cards.items()}

    def _show(self, counts: dict[int, int]) -> None:
        for crop_id, card in self.cards.items():
            card.count.setValue(counts.get(crop_id, 0))

    def save(self) -> None:
        """Keep the hands typed in; Undo puts back the count before, if there was one."""
        ballot = self.ballot
        if ballot is None:
            return
        before = hands_counts(self.context.db, ballot.id)
        saved = self.context.run(
            self,
            record_hands,
            self.context.db,
            self.context.actor,
            ballot.id,
            self.counts(),
            announce=(Topic.VOTES,),
        )
        if saved is None:
            return
        self.saved_words.setText(_("The hands are saved."))
        if before:
            self.context.offer_undo(
                _("The hands were saved."), lambda: self._put_back(ballot.id, before)
            )

    def _put_back(self, ballot_id: int, counts: dict[int, int]) -> None:
        if self.context.run(
            self,
            record_hands,
            self.context.db,
            self.context.actor,
            ballot_id,
            counts,
            announce=(Topic.VOTES,),
        ):
            self._show(counts)
