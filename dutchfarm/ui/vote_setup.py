"""Setting up a crop vote: the question, the way of voting, and the crops as picture cards."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.terms import BallotMethod
from dutchfarm.services.catalogue import CropInfo, list_crops
from dutchfarm.services.vote_seasons import VoteSeason, create_ballot_for_season
from dutchfarm.services.voting import (
    MAX_CROPS,
    MAX_DOTS,
    METHOD_HOW,
    METHOD_ICONS,
    METHOD_WORDS,
    TIE_RULES,
    BallotDraft,
    BallotInfo,
    delete_ballot,
    open_ballot,
    return_to_draft,
    update_ballot,
)
from dutchfarm.ui import icons, keyboard
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.theme import TARGET_LARGE, text_scale
from dutchfarm.ui.vote_cards import CardGrid
from dutchfarm.ui.widgets import PictureButton, label, scaled, scroll_area, two_lines
from dutchfarm.words import _, ngettext


class CropChoice(QToolButton):
    """A crop from the library as a picture card that can be ticked for the vote."""

    def __init__(self, crop: CropInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.crop = crop
        self.setIcon(icons.icon(crop.icon))
        self.setIconSize(QSize(scaled(48), scaled(48)))
        # Two words go on two lines, so that the card stays narrow and no name is cut short.
        self.setText(two_lines(crop.plural))
        self.setAccessibleName(crop.plural)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setCheckable(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(max(TARGET_LARGE, scaled(140)), max(TARGET_LARGE, scaled(100)))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


def _spin(name: str, low: int, high: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setAccessibleName(name)
    box.setMinimumWidth(max(TARGET_LARGE, scaled(120)))
    box.setMaximumWidth(scaled(220))
    return box


class BallotForm(QWidget):
    """The set-up of one vote, new or still a draft; staff save it or start it."""

    cancelled = Signal()
    # The ballot saved, and True when it was started too.
    saved = Signal(object, bool)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editing: BallotInfo | None = None
        self.order: list[int] = []
        wide = text_scale() < 1.3
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = label(_("A new vote"), "heading")
        outer.addWidget(self.heading)
        self.season_words = label("", "muted")
        outer.addWidget(self.season_words)
        # A new vote can be for next season, which starts when the vote is set up.
        self.season_row = QHBoxLayout()
        self.season_row.addWidget(_icon("season", 32, _("Season")))
        self.season_row.addWidget(label(_("Which season is it for?")))
        self.season_group = QButtonGroup(self)
        self.season_group.buttonToggled.connect(self._season_changed)
        self.season_buttons: dict[int, PictureButton] = {}
        self.season_row.addStretch(1)
        outer.addLayout(self.season_row)
        self.year: int | None = None
        columns = QHBoxLayout() if wide else QVBoxLayout()
        settings = QWidget()
        form = QVBoxLayout(settings)
        form.setContentsMargins(0, 0, scaled(8), 0)
        form.addWidget(label(_("The question")))
        self.question = QLineEdit()
        self.question.setAccessibleName(_("The question"))
        self.question.setPlaceholderText(_("For example: What shall we grow in 2027?"))
        form.addWidget(self.question)
        form.addWidget(label(_("How do we vote?")))
        methods = QGridLayout()
        self.method_group = QButtonGroup(self)
        self.method_buttons: dict[BallotMethod, PictureButton] = {}
        for index, method in enumerate(BallotMethod):
            button = PictureButton(
                METHOD_ICONS[method], METHOD_WORDS[method], icon_size=40, large=True
            )
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.method_group.addButton(button)
            self.method_buttons[method] = button
            methods.addWidget(button, *(divmod(index, 2) if wide else (index, 0)))
        self.method_group.buttonToggled.connect(self._method_changed)
        form.addLayout(methods)
        self.method_how = label("")
        form.addWidget(self.method_how)
        numbers = QFormLayout()
        numbers.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.DontWrapRows
            if wide
            else QFormLayout.RowWrapPolicy.WrapAllRows
        )
        self.seats = _spin(_("How many crops will win?"), 1, MAX_CROPS - 1)
        numbers.addRow(label(_("How many crops will win?")), self.seats)
        self.dots = _spin(_("Dots for each person"), 1, MAX_DOTS)
        self.dots_label = label(_("Dots for each person"))
        numbers.addRow(self.dots_label, self.dots)
        self.cap = _spin(_("Most dots on one crop"), 0, MAX_DOTS)
        self.cap.setSpecialValueText(_("No limit"))
        self.cap_label = label(_("Most dots on one crop"))
        numbers.addRow(self.cap_label, self.cap)
        form.addLayout(numbers)
        self.fair_shares = QCheckBox(_("Fair shares: a smaller group still gets one of its crops"))
        self.fair_shares.setAccessibleName(_("Fair shares"))
        form.addWidget(self.fair_shares)
        form.addWidget(label(_("If there is a tie"), "heading"))
        self.tie_rule = label("", "muted")
        form.addWidget(self.tie_rule)
        form.addStretch(1)

        crops = QWidget()
        crop_layout = QVBoxLayout(crops)
        crop_layout.setContentsMargins(0, 0, 0, 0)
        self.chosen_words = label("", "heading")
        crop_layout.addWidget(self.chosen_words)
        search_row = QHBoxLayout()
        search_row.addWidget(_icon("search", 32, _("Search")))
        self.search = QLineEdit()
        self.search.setAccessibleName(_("Find a crop"))
        self.search.setPlaceholderText(_("Type to find a crop"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        search_row.addWidget(self.search, 1)
        crop_layout.addLayout(search_row)
        self.crop_grid = CardGrid(max(scaled(140), 60))
        self.choices: dict[int, CropChoice] = {}
        if wide:
            settings_scroll = scroll_area(settings)
            columns.addWidget(settings_scroll, 2)
            crop_layout.addWidget(scroll_area(self.crop_grid), 1)
            columns.addWidget(crops, 3)
            outer.addLayout(columns, 1)
        else:
            # With large text one column scrolls as a whole, so nothing is squeezed.
            crop_layout.addWidget(self.crop_grid)
            whole = QWidget()
            whole_layout = QVBoxLayout(whole)
            whole_layout.setContentsMargins(0, 0, 0, 0)
            whole_layout.addWidget(settings)
            whole_layout.addWidget(crops)
            outer.addWidget(scroll_area(whole), 1)

        actions = QHBoxLayout()
        self.cancel_button = PictureButton("cross", _("Cancel"), large=True)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        self.save_button = PictureButton("save", _("Save for later"), large=True)
        self.save_button.clicked.connect(lambda: self.save(start=False))
        actions.addWidget(self.save_button)
        self.start_button = PictureButton("vote", _("Start the vote"), large=True, primary=True)
        self.start_button.clicked.connect(lambda: self.save(start=True))
        actions.addWidget(self.start_button)
        outer.addLayout(actions)

    # --- filling ---------------------------------------------------------------------------

    def _load_crops(self) -> None:
        choices = [CropChoice(crop) for crop in list_crops(self.context.db)]
        for choice in choices:
            choice.toggled.connect(lambda on, c=choice: self._crop_toggled(c, on))
        self.choices = {choice.crop.id: choice for choice in choices}
        self.crop_grid.set_cards(list(choices))

    def start_new(self, seasons: list[VoteSeason], year: int) -> None:
        """Empty the form for a new vote, for one of ``seasons`` (``year`` chosen first)."""
        self._show_seasons(seasons)
        self.year = None
        self._fill(None, BallotDraft(_question(year), seats=4))
        self.season_buttons[year].setChecked(True)
        self._order_tabs()

    def edit(self, ballot: BallotInfo) -> None:
        """Fill the form with a draft ballot, to change it."""
        self._show_seasons([])
        self.year = ballot.year
        self.season_words.setText(_("This vote is for the {year} season.").format(year=ballot.year))
        self._fill(ballot, ballot.draft())
        self._order_tabs()

    def _order_tabs(self) -> None:
        # The season's and the crops' buttons are made again for each vote: Tab goes
        # through the form as it reads, top to bottom, the crops before the buttons below.
        keyboard.tab_order(
            [
                *self.season_buttons.values(),
                self.question,
                *self.method_buttons.values(),
                self.seats,
                self.dots,
                self.cap,
                self.fair_shares,
                self.search,
                *self.choices.values(),
                self.cancel_button,
                self.save_button,
                self.start_button,
            ]
        )

    def _show_seasons(self, seasons: list[VoteSeason]) -> None:
        for button in self.season_buttons.values():
            self.season_group.removeButton(button)
            button.deleteLater()
        self.season_buttons = {}
        for season in seasons:
            button = PictureButton("season", season.words, large=True)
            button.setCheckable(True)
            self.season_group.addButton(button)
            self.season_row.insertWidget(self.season_row.count() - 1, button)
            self.season_buttons[season.year] = button
        for index in range(self.season_row.count()):
            item = self.season_row.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in self.season_buttons.values():
                widget.setVisible(bool(seasons))
        self.season_words.setVisible(not seasons)

    def _season_changed(self, button: QAbstractButton, on: bool) -> None:
        if not on:
            return
        year = next(y for y, b in self.season_buttons.items() if b is button)
        # The question follows the season, unless someone has written their own.
        if self.year is None or self.question.text() == _question(self.year):
            self.question.setText(_question(year))
        self.year = year

    def _fill(self, ballot: BallotInfo | None, draft: BallotDraft) -> None:
        self.editing = ballot
        self._load_crops()
        self.heading.setText(_("Change the vote") if ballot else _("A new vote"))
        self.question.setText(draft.question)
        self.method_buttons[draft.method].setChecked(True)
        self.seats.setValue(draft.seats)
        self.dots.setValue(draft.dots_per_voter)
        self.cap.setValue(draft.cap_per_option or 0)
        self.fair_shares.setChecked(draft.fair_shares)
        self.search.clear()
        self.order = []
        for crop_id in draft.crop_ids:
            if crop_id in self.choices:
                self.choices[crop_id].setChecked(True)
        self._method_changed()
        self._count()
        self.question.setFocus()

    def _method_changed(self, *_: object) -> None:
        method = self.method()
        self.method_how.setText(METHOD_HOW[method])
        self.tie_rule.setText(TIE_RULES[method])
        dots = method is BallotMethod.DOTS
        for widget in (self.dots, self.dots_label, self.cap, self.cap_label):
            widget.setVisible(dots)
        self.fair_shares.setVisible(method is BallotMethod.APPROVAL)

    def _crop_toggled(self, choice: CropChoice, on: bool) -> None:
        crop_id = choice.crop.id
        if on and crop_id not in self.order:
            self.order.append(crop_id)
        elif not on and crop_id in self.order:
            self.order.remove(crop_id)
        self._count()

    def _count(self) -> None:
        chosen = len(self.order)
        crops = ngettext(
            "{chosen} crop",
            "{chosen} crops",
            chosen,
        ).format(chosen=chosen)
        self.chosen_words.setText(
            _("Crops to vote on: {crops} chosen. Tap a crop to choose it.").format(crops=crops)
        )

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for choice in self.choices.values():
            crop = choice.crop
            match = not wanted or wanted in crop.name.casefold() or wanted in crop.plural.casefold()
            choice.setVisible(match)

    def method(self) -> BallotMethod:
        """Return the way of voting chosen."""
        return next(m for m, b in self.method_buttons.items() if b.isChecked())

    def choose(self, *crop_ids: int) -> None:
        """Tick these crops (as tapping their cards does)."""
        for crop_id in crop_ids:
            self.choices[crop_id].setChecked(True)

    def draft(self) -> BallotDraft:
        """Return what the form holds now."""
        return BallotDraft(
            question=self.question.text(),
            method=self.method(),
            seats=self.seats.value(),
            crop_ids=tuple(self.order),
            dots_per_voter=self.dots.value(),
            cap_per_option=self.cap.value() or None,
            fair_shares=self.fair_shares.isChecked(),
        )

    # --- saving ----------------------------------------------------------------------------

    def save(self, *, start: bool) -> None:
        """Save the vote (new or changed), and start it when asked; each step can be undone."""
        if self.year is None:
            return
        db, actor, draft = self.context.db, self.context.actor, self.draft()
        before = self.editing
        if before is None:
            ballot = self.context.run(
                self,
                create_ballot_for_season,
                db,
                actor,
                self.year,
                draft,
                announce=(Topic.SEASONS, Topic.VOTES),
            )
        else:
            ballot = self.context.run(
                self, update_ballot, db, actor, before.id, draft, announce=(Topic.VOTES,)
            )
        if ballot is None:
            return
        self.editing = ballot
        if start:
            opened = self.context.run(
                self, open_ballot, db, actor, ballot.id, announce=(Topic.VOTES,)
            )
            if opened is None:
                return
            self.context.offer_undo(
                _("The vote has started."), lambda: self._undo(return_to_draft, ballot.id)
            )
            self.saved.emit(opened, True)
            return
        if before is None:
            self.context.offer_undo(
                _("The vote is saved for later."), lambda: self._undo(delete_ballot, ballot.id)
            )
        else:
            earlier = before.draft()
            self.context.offer_undo(
                _("The changes are saved."),
                lambda: self._undo(update_ballot, ballot.id, earlier),
            )
        self.saved.emit(ballot, False)

    def _undo(self, action: object, *args: object) -> None:
        self.context.run(
            self,
            action,  # type: ignore[arg-type]
            self.context.db,
            self.context.actor,
            *args,
            announce=(Topic.VOTES,),
        )


def _question(year: int) -> str:
    return _("What shall we grow in {year}?").format(year=year)


def _icon(name: str, size: int, words: str) -> QWidget:
    picture = QLabel()
    picture.setPixmap(icons.pixmap(name, scaled(size)))
    picture.setAccessibleName(words)
    return picture
