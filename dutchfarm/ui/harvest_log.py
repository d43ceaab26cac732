"""The harvest log for staff: filters, the sortable table with its totals, and the form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.harvest import describe_amount, totals_words
from dutchfarm.services.farm import SeasonInfo, list_seasons, season_of_year
from dutchfarm.services.harvest import HarvestInfo, harvest_choices
from dutchfarm.services.harvest_log import NONE, HarvestFilters, harvest_span
from dutchfarm.services.people import list_people
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.context import AppContext
from dutchfarm.ui.harvest_entry import save_harvest, take_out
from dutchfarm.ui.harvest_form import HarvestForm, from_qdate, select_data, to_qdate
from dutchfarm.ui.harvest_model import COL_DATE, HarvestTableModel
from dutchfarm.ui.theme import TARGET, text_scale
from dutchfarm.ui.widgets import Card, PictureButton, label, primary_button, scaled
from dutchfarm.words import _, ngettext

ALL = 0


def _filter_box(name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.setIconSize(QSize(scaled(24), scaled(24)))
    box.setMinimumWidth(scaled(150))
    return box


def _date_box(name: str) -> QDateEdit:
    box = QDateEdit()
    box.setAccessibleName(name)
    box.setCalendarPopup(True)
    box.setDisplayFormat("d MMM yyyy")
    box.setMinimumWidth(scaled(150))
    return box


class HarvestLog(QWidget):
    """Every harvest of a season, filtered and added up, with a form to log or change one."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.seasons: list[SeasonInfo] = []
        self.current: HarvestInfo | None = None
        self._keeping = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QGridLayout()
        filters.setHorizontalSpacing(12)
        self.season = _filter_box(_("Season"))
        self.first = _date_box(_("From"))
        self.last = _date_box(_("Until"))
        self.crop = _filter_box(_("Crop"))
        self.bed = _filter_box(_("Bed"))
        self.person = _filter_box(_("Picked by"))
        self.clear_button = PictureButton("cross", _("Show all"), icon_size=24)
        self.clear_button.clicked.connect(self.clear_filters)
        boxes = (
            (_("Season"), self.season),
            (_("From"), self.first),
            (_("Until"), self.last),
            (_("Crop"), self.crop),
            (_("Bed"), self.bed),
            (_("Picked by"), self.person),
        )
        per_row = 6 if text_scale() < 1.3 else 3
        for index, (words, box) in enumerate(boxes):
            row, column = divmod(index, per_row)
            filters.addWidget(label(words, wrap=False), row * 2, column)
            filters.addWidget(box, row * 2 + 1, column)
        filters.addWidget(self.clear_button, (len(boxes) - 1) // per_row * 2 + 1, per_row)
        layout.addLayout(filters)
        self.season.currentIndexChanged.connect(lambda *_: self.load())
        for box in (self.crop, self.bed, self.person):
            box.currentIndexChanged.connect(lambda *_: self.apply_filters())
        for date_box in (self.first, self.last):
            date_box.dateChanged.connect(lambda *_: self.apply_filters())

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = HarvestTableModel(context.db)
        self.table = QTableView()
        self.table.setAccessibleName(_("Harvests"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setIconSize(QSize(scaled(28), scaled(28)))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(max(TARGET, scaled(40)))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Columns fit the rows in view, not all of a season's thousands.
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.table.setMinimumHeight(scaled(260))
        left_layout.addWidget(self.table, 1)
        self.totals = label("", "heading")
        self.totals.setAccessibleName(_("Totals of the harvests shown"))
        left_layout.addWidget(self.totals)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        card = Card()
        self.form = HarvestForm()
        card.body.addWidget(self.form)
        card.body.addStretch(1)
        scroll.setWidget(card)
        scroll.setMinimumHeight(scaled(300))
        right_layout.addWidget(scroll, 1)
        actions = QHBoxLayout()
        self.new_button = PictureButton("add", _("New"))
        self.new_button.clicked.connect(self.new_harvest)
        actions.addWidget(self.new_button)
        self.delete_button = PictureButton("delete", _("Take out"))
        self.delete_button.clicked.connect(self.delete)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        self.save_button = primary_button("save", _("Save"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        actions.addWidget(self.save_button)
        right_layout.addLayout(actions)
        if text_scale() < 1.3:
            splitter = QSplitter(Qt.Orientation.Horizontal)
            splitter.addWidget(left)
            splitter.addWidget(right)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            splitter.setSizes([scaled(800), scaled(440)])
            layout.addWidget(splitter, 1)
        else:
            # With large text the page scrolls as one and the form goes under the table,
            # where it has the whole width; a layout, unlike a splitter, gives the totals
            # the height their wrapped words need.
            layout.addWidget(left, 3)
            layout.addWidget(right, 2)

    def season_id(self) -> int | None:
        """Return the season chosen, or None for every season."""
        data = self.season.currentData()
        return int(data) if data else None

    def season_year(self) -> int | None:
        """Return the year of the season chosen, or None for every season."""
        chosen = self.season_id()
        return next((s.year for s in self.seasons if s.id == chosen), None)

    def show_years(self, years: Sequence[int]) -> None:
        """Show the season of ``years`` (every season if they are several): a new import."""
        found = [s.id for s in self.seasons if s.year in years]
        select_data(self.season, found[0] if len(found) == 1 else ALL)

    def refresh(self) -> None:
        """Reload the seasons, the lists to choose from and the harvests."""
        db = self.context.db
        keep = self.season_id()
        self.seasons = list_seasons(db)
        if keep is None and self.season.count() == 0:
            # This year's season, from the list just read rather than read again.
            season = season_of_year(self.seasons, dt.date.today().year)
            keep = season.id if season else None
        self.season.blockSignals(True)
        self.season.clear()
        self.season.addItem(icons.icon("season"), _("All seasons"), ALL)
        for season in self.seasons:
            self.season.addItem(icons.icon("season"), str(season.year), season.id)
        select_data(self.season, keep if keep is not None else ALL)
        self.season.blockSignals(False)
        choices = harvest_choices(db, self.context.actor, self.season_id())
        people = list_people(db, include_archived=True)
        self.form.set_choices(choices, [p for p in people if not p.archived])
        self._fill(
            self.crop,
            _("Any crop"),
            [
                (c.id, c.name, icons.icon(c.icon))
                for c in sorted(choices.crops, key=lambda c: c.name)
            ],
        )
        self._fill(
            self.bed,
            _("Any bed"),
            [(NONE, _("No bed"), icons.icon("bed"))]
            + [(b.id, b.name, icons.icon("bed")) for b in choices.beds],
        )
        self._fill(
            self.person,
            _("Anyone"),
            [(NONE, _("Someone"), icons.icon("person"))]
            + [
                (
                    p.id,
                    p.name,
                    QIcon(icons.person_pixmap(p.name, p.colour, p.avatar, p.photo, scaled(24))),
                )
                for p in people
            ],
        )
        self.load()

    def _fill(self, box: QComboBox, anything: str, items: list[tuple[int, str, QIcon]]) -> None:
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(icons.icon("search"), anything, None)
        for value, words, picture in items:
            box.addItem(picture, words, value)
        select_data(box, keep)
        box.blockSignals(False)

    def load(self) -> None:
        """Show the harvests of the season chosen, a page at a time, with their totals."""
        year = self.season_year()
        for box in (self.first, self.last):
            box.blockSignals(True)
        if year is not None:
            self.first.setDate(to_qdate(dt.date(year, 1, 1)))
            self.last.setDate(to_qdate(dt.date(year, 12, 31)))
        else:
            today = dt.date.today()
            first, last = harvest_span(self.context.db) or (today, today)
            self.first.setDate(to_qdate(first))
            self.last.setDate(to_qdate(max(last, today)))
        for box in (self.first, self.last):
            box.blockSignals(False)
        self.model.set_filters(self._filters())
        self._show_totals()
        keep = self.current.id if self.current else None
        row = self.model.row_of(keep) if keep is not None else None
        if row is None:
            self.new_harvest()
        else:
            self.table.setCurrentIndex(self.model.index(row, COL_DATE))

    def _filters(self) -> HarvestFilters:
        return HarvestFilters(
            season_id=self.season_id(),
            first=from_qdate(self.first.date()),
            last=from_qdate(self.last.date()),
            crop_id=self.crop.currentData(),
            bed_id=self.bed.currentData(),
            person_id=self.person.currentData(),
        )

    def apply_filters(self) -> None:
        """Show only the harvests that match the filters, and add them up."""
        self.model.set_filters(self._filters())
        self._keep_chosen()
        self._show_totals()

    def _show_totals(self) -> None:
        shown = self.model.rowCount()
        figures = self.model.totals()
        self.totals.setText(
            ngettext(
                "Shown: {shown:,} harvest, {figures}.",
                "Shown: {shown:,} harvests, {figures}.",
                shown,
            ).format(shown=shown, figures=totals_words(figures))
        )

    def clear_filters(self) -> None:
        """Show every harvest of the season again."""
        for box in (self.crop, self.bed, self.person):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.load()

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._keeping:
            self.show_harvest(self.model.harvest(current.row()))

    def _keep_chosen(self) -> None:
        # Filtering resets the model; the harvest in the form stays chosen if still shown,
        # without filling the form again (which would lose what is being typed).
        row = self.model.row_of(self.current.id) if self.current else None
        if row is not None:
            self._keeping = True
            self.table.setCurrentIndex(self.model.index(row, COL_DATE))
            self._keeping = False

    def show_harvest(self, harvest: HarvestInfo | None) -> None:
        """Show ``harvest`` in the form, or an empty form."""
        self.current = harvest
        actor = self.context.actor
        choices = self.form.choices
        own_bed = choices.own_bed_id if choices else None
        self.form.show_harvest(harvest, actor.person_id, own_bed)
        self.delete_button.setVisible(harvest is not None)

    def new_harvest(self) -> None:
        """Empty the form for a new harvest."""
        self.table.clearSelection()
        self.show_harvest(None)

    def select_harvest(self, harvest_id: int) -> None:
        """Select the harvest with ``harvest_id`` in the table."""
        row = self.model.row_of(harvest_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, COL_DATE))

    def save(self) -> None:
        """Log the harvest in the form, or save the changes to the one shown."""
        draft = self.form.draft()
        saved = save_harvest(
            self.context, self, self.current, draft, _("Logged {}."), _("Saved: {}.")
        )
        if saved is None:
            return
        self.current = saved
        self.load()

    def delete(self) -> None:
        """Take the harvest shown out of the log (after asking), with Undo."""
        harvest = self.current
        if harvest is None:
            return
        words = describe_amount(
            harvest.quantity, harvest.unit, harvest.crop_name, harvest.crop_plural
        )
        if not dialogs.ask(
            self,
            _("Take this harvest out?"),
            _("Take {words} ({day}) out of the log?").format(words=words, day=harvest.day),
            yes=_("Take it out"),
        ):
            return
        self.current = None
        take_out(self.context, self, harvest)
