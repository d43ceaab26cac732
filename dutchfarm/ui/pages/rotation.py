"""The Rotation page: what grew where over the seasons, and the planner for the next one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QSize, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.rotation import GROUP_NAMES
from dutchfarm.domain.terms import MAX_ROTATION_YEARS, MIN_ROTATION_YEARS
from dutchfarm.services.auth import farm_can_be_managed_by
from dutchfarm.services.beds import CropBadge, list_beds
from dutchfarm.services.catalogue import list_crops, list_rotation_groups
from dutchfarm.services.farm import list_seasons
from dutchfarm.services.rotation import (
    Proposal,
    accept_plan,
    check_placement,
    chosen_crops,
    propose_plan,
    rotation_grid,
    set_rotation_years,
    upcoming_year,
    withdraw_plan,
)
from dutchfarm.ui import icons
from dutchfarm.ui.bed_map import BedMapView
from dutchfarm.ui.chart_words import rotation_words
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.rotation_model import SORT_ROLE, RotationCellDelegate, RotationGridModel
from dutchfarm.ui.theme import TARGET, colours, text_scale
from dutchfarm.ui.widgets import (
    PictureButton,
    clear_layout,
    label,
    picture,
    primary_button,
    scaled,
)
from dutchfarm.words import _

COL_CROP, COL_BED, COL_REASON = range(3)


class HistoryTab(QWidget):
    """The grid of beds by seasons, its key, the conflicts in words, and the rule's length."""

    def __init__(self, page: RotationPage) -> None:
        super().__init__()
        self.page = page
        layout = QVBoxLayout(self)
        rule = QHBoxLayout()
        rule.addWidget(label(_("A crop family comes back to the same bed after"), wrap=False))
        self.years = QSpinBox()
        self.years.setRange(MIN_ROTATION_YEARS, MAX_ROTATION_YEARS)
        self.years.setSuffix(" years")
        self.years.setAccessibleName(_("Rotation length in years"))
        self.years.setMinimumHeight(TARGET)
        rule.addWidget(self.years)
        self.save_years = PictureButton("save", _("Save"))
        self.save_years.clicked.connect(self.save_rotation)
        rule.addWidget(self.save_years)
        rule.addStretch(1)
        layout.addLayout(rule)
        self.legend = QGridLayout()
        self.legend.setHorizontalSpacing(6)
        layout.addLayout(self.legend)
        self.model = RotationGridModel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName(_("What grew in each bed, season by season"))
        self.table.setModel(self.proxy)
        self.delegate = RotationCellDelegate(self.model, self.proxy)
        self.table.setItemDelegate(self.delegate)
        self.table.setSortingEnabled(True)
        # The corner "select all" button does nothing useful here.
        self.table.setCornerButtonEnabled(False)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.setIconSize(QSize(scaled(32) * 4, scaled(32)))
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(scaled(84))
        self.table.setMinimumHeight(scaled(84) * 4 + scaled(48))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 3)
        layout.addWidget(label(_("Crops in the wrong place"), "heading"))
        self.conflicts = QListWidget()
        self.conflicts.setAccessibleName(_("Crops in the wrong place"))
        self.conflicts.setIconSize(QSize(scaled(32), scaled(32)))
        self.conflicts.setMaximumHeight(scaled(160))
        layout.addWidget(self.conflicts, 1)

    def refresh(self, manager: bool) -> None:
        """Load the grid and the conflicts."""
        db = self.page.context.db
        today = dt.date.today()
        grid = rotation_grid(db, today)
        groups = list_rotation_groups(db)
        self.model.set_grid(grid, {g.id: g.colour for g in groups}, today.year)
        self.table.setAccessibleDescription(rotation_words(grid, today.year))
        self.years.setValue(grid.rotation_years)
        self.years.setEnabled(manager)
        self.save_years.setVisible(manager)
        clear_layout(self.legend)
        per_row = 4 if text_scale() < 1.3 else 3
        theme = colours()
        for index, group in enumerate(groups):
            chip = label(f" {GROUP_NAMES.get(group.id, group.name)} ", wrap=False)
            chip.setStyleSheet(
                f"background: {group.colour}; color: {theme.text};"
                f" border: 2px solid {theme.border}; border-radius: 8px; padding: 4px;"
            )
            row, column = divmod(index, per_row)
            self.legend.addWidget(picture(group.icon, 32, group.name), row, column * 2)
            self.legend.addWidget(chip, row, column * 2 + 1)
        self.legend.setColumnStretch(per_row * 2, 1)
        self.conflicts.clear()
        messages = grid.conflicts() or [_("No crop is in the wrong place.")]
        sign = "warning" if grid.conflicts() else "tick"
        for message in messages:
            entry = QListWidgetItem(icons.icon(sign), message)
            entry.setSizeHint(QSize(0, max(TARGET, scaled(44))))
            self.conflicts.addItem(entry)

    def save_rotation(self) -> None:
        """Save the farm's rotation length."""
        context = self.page.context
        before = self.model.grid.rotation_years
        years = self.years.value()
        done = context.run(
            self, set_rotation_years, context.db, context.actor, years, announce=(Topic.BEDS,)
        )
        if done is not None:
            context.offer_undo(
                _("The rotation is now {years} years.").format(years=years),
                lambda: context.run(
                    self,
                    set_rotation_years,
                    context.db,
                    context.actor,
                    before,
                    announce=(Topic.BEDS,),
                ),
            )


class PlannerTab(QWidget):
    """Choose the season's crops, see a bed for each on the map, change it, accept it."""

    def __init__(self, page: RotationPage) -> None:
        super().__init__()
        self.page = page
        self.proposal: Proposal | None = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        season_row = QHBoxLayout()
        season_row.addWidget(label(_("Plan the season"), wrap=False))
        self.season = QComboBox()
        self.season.setAccessibleName(_("Season to plan"))
        self.season.setMinimumHeight(TARGET)
        self.season.currentIndexChanged.connect(lambda *_: self.load_crops())
        season_row.addWidget(self.season, 1)
        left.addLayout(season_row)
        self.crops_note = label("", "muted")
        left.addWidget(self.crops_note)
        self.crop_list = QListWidget()
        self.crop_list.setAccessibleName(_("Crops to plan: tick them"))
        self.crop_list.setIconSize(QSize(scaled(32), scaled(32)))
        left.addWidget(self.crop_list, 1)
        self.plan_button = primary_button("rotation", _("Make a plan"))
        self.plan_button.clicked.connect(self.make_plan)
        left.addWidget(self.plan_button)
        layout.addLayout(left, 2)

        right = QVBoxLayout()
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(_("The plan: a bed for each crop"))
        self.table.setHorizontalHeaderLabels((_("Crop"), _("Bed"), _("Why")))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(max(TARGET + 8, scaled(52)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_CROP, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_BED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(scaled(250))
        self.table.setIconSize(QSize(scaled(32), scaled(32)))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        right.addWidget(self.table, 3)
        self.map_view = BedMapView()
        self.map_view.setAccessibleName(_("The plan on the map"))
        self.map_view.setMinimumHeight(scaled(200))
        right.addWidget(self.map_view, 3)
        buttons = QHBoxLayout()
        self.reject_button = PictureButton("cross", _("Start again"))
        self.reject_button.clicked.connect(self.reject)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        self.accept_button = primary_button("tick", _("Accept the plan"))
        self.accept_button.clicked.connect(self.accept)
        buttons.addWidget(self.accept_button)
        right.addLayout(buttons)
        layout.addLayout(right, 3)
        self.bed_boxes: dict[int, QComboBox] = {}
        # Where each crop of the plan is now (None: no bed), and its rotation problem.
        self.where: dict[int, int | None] = {}
        self.warnings: dict[int, str] = {}

    def refresh(self, manager: bool) -> None:
        """Fill the seasons; only the coordinator can plan."""
        this_year = dt.date.today().year
        years = sorted({s.year for s in list_seasons(self.page.context.db) if s.year >= this_year})
        # The season being planned for, or a later one the group has already voted for.
        db = self.page.context.db
        wanted = max([upcoming_year(), *(year for year in years if chosen_crops(db, year))])
        self.season.blockSignals(True)
        self.season.clear()
        for year in years:
            self.season.addItem(str(year), year)
        self.season.setCurrentIndex(max(0, self.season.findData(wanted)))
        self.season.blockSignals(False)
        self.setEnabled(manager)
        self.load_crops()

    def year(self) -> int | None:
        """Return the season being planned."""
        data = self.season.currentData()
        return int(data) if data is not None else None

    def load_crops(self) -> None:
        """Tick the crops the group chose for the season; all others can be ticked by hand."""
        year = self.year()
        db = self.page.context.db
        chosen = chosen_crops(db, year) if year else []
        chosen_ids = [crop.id for crop in chosen]
        self.crops_note.setText(
            _("The vote chose {chosen} crops. You can change the ticks.").format(chosen=len(chosen))
            if chosen
            else _("No vote has chosen crops for this season. Tick the crops to plan.")
        )
        entries = [(crop.id, crop.name, crop.icon) for crop in chosen]
        entries += [(c.id, c.name, c.icon) for c in list_crops(db) if c.id not in chosen_ids]
        self.crop_list.clear()
        for crop_id, name, icon_name in entries:
            item = QListWidgetItem(icons.icon(icon_name), name)
            item.setData(Qt.ItemDataRole.UserRole, crop_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if crop_id in chosen_ids else Qt.CheckState.Unchecked
            )
            item.setSizeHint(QSize(0, max(TARGET, scaled(44))))
            self.crop_list.addItem(item)
        self.reject()

    def ticked(self) -> list[int]:
        """Return the ticked crops, in the list's order (the vote's order first)."""
        return [
            int(self.crop_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.crop_list.count())
            if self.crop_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def make_plan(self) -> None:
        """Ask the planner for a bed for each ticked crop."""
        year = self.year()
        if year is None:
            return
        proposal = self.page.context.run(
            self, propose_plan, self.page.context.db, year, self.ticked()
        )
        if proposal is not None:
            self.show_proposal(proposal)

    def show_proposal(self, proposal: Proposal) -> None:
        """Show the plan in the table and on the map."""
        self.proposal = proposal
        self.table.setRowCount(len(proposal.crops))
        self.bed_boxes = {}
        for row, crop in enumerate(proposal.crops):
            self.table.setItem(row, COL_CROP, QTableWidgetItem(icons.icon(crop.icon), crop.name))
            box = QComboBox()
            box.setAccessibleName(_("Bed for the {name}").format(name=crop.name.lower()))
            box.setMinimumHeight(TARGET)
            box.addItem(_("No bed"), None)
            for bed_id, bed_name in proposal.beds:
                box.addItem(bed_name, bed_id)
            box.setCurrentIndex(max(0, box.findData(proposal.placed.get(crop.id))))
            box.currentIndexChanged.connect(lambda _i, crop_id=crop.id: self.moved_by_hand(crop_id))
            self.table.setCellWidget(row, COL_BED, box)
            self.bed_boxes[crop.id] = box
            reason = proposal.reasons.get(crop.id, _("No bed was free for it."))
            self._set_reason(row, reason, crop.id in proposal.conflicts)
        self.where = {crop.id: proposal.placed.get(crop.id) for crop in proposal.crops}
        self.warnings = dict(proposal.conflicts)
        self.accept_button.setEnabled(True)
        self.reject_button.setEnabled(True)
        self._show_on_map()

    def _set_reason(self, row: int, text: str, warning: bool) -> None:
        item = QTableWidgetItem(icons.icon("warning" if warning else "tick"), text)
        item.setToolTip(text)
        self.table.setItem(row, COL_REASON, item)

    def placements(self) -> dict[int, int]:
        """Return crop -> bed as the table holds it now."""
        return {
            crop_id: int(box.currentData())
            for crop_id, box in self.bed_boxes.items()
            if box.currentData() is not None
        }

    def moved_by_hand(self, crop_id: int) -> None:
        """Move a crop to the bed chosen; a crop already there swaps to the bed it left.

        Each crop moved is checked at once, and a rotation problem is said in its row and
        marked on the map.
        """
        if self.proposal is None:
            return
        bed_id = self.bed_boxes[crop_id].currentData()
        left = self.where.get(crop_id)
        other = next(
            (
                c
                for c, b in self.where.items()
                if bed_id is not None and b == bed_id and c != crop_id
            ),
            None,
        )
        self.where[crop_id] = bed_id
        if other is not None:
            box = self.bed_boxes[other]
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(left)))
            box.blockSignals(False)
            self.where[other] = left
        names = {crop.id: crop.plural.lower() for crop in self.proposal.crops}
        self._check_row(
            crop_id, _("Swapped with the {names}.").format(names=names[other]) if other else None
        )
        if other is not None:
            self._check_row(other, _("Swapped with the {names}.").format(names=names[crop_id]))
        self._show_on_map()

    def _check_row(self, crop_id: int, swapped: str | None) -> None:
        """Say why a crop is in its bed now: the planner's reason, or the check of a move."""
        year, proposal = self.year(), self.proposal
        if proposal is None or year is None:
            return
        row = [crop.id for crop in proposal.crops].index(crop_id)
        bed_id = self.where.get(crop_id)
        self.warnings.pop(crop_id, None)
        if bed_id is None:
            self._set_reason(row, _("Not planted this season."), False)
            return
        if bed_id == proposal.placed.get(crop_id):
            reason = proposal.reasons.get(crop_id, "")
            if crop_id in proposal.conflicts:
                self.warnings[crop_id] = proposal.conflicts[crop_id]
            self._set_reason(row, reason, crop_id in proposal.conflicts)
            return
        how = swapped or _("You moved it here by hand.")
        warning = check_placement(self.page.context.db, year, crop_id, int(bed_id))
        if warning:
            self.warnings[crop_id] = warning
            self._set_reason(row, f"{warning} {how}", True)
        else:
            self._set_reason(row, _("{how} No rotation problem.").format(how=how), False)

    def _show_on_map(self) -> None:
        if self.proposal is None:
            self.map_view.set_beds([], movable=False)
            return
        crops: dict[int, CropBadge] = {crop.id: crop for crop in self.proposal.crops}
        planned: dict[int, list[CropBadge]] = {}
        warned: dict[int, list[str]] = {}
        for crop_id, bed_id in self.placements().items():
            planned.setdefault(bed_id, []).append(crops[crop_id])
            if crop_id in self.warnings:
                warned.setdefault(bed_id, []).append(self.warnings[crop_id])
        beds = [
            dataclasses.replace(
                bed, crops=tuple(planned.get(bed.id, ())), warnings=tuple(warned.get(bed.id, ()))
            )
            for bed in list_beds(self.page.context.db)
        ]
        self.map_view.set_beds(beds, movable=False)
        self.map_view.zoom_to_fit()

    def reject(self) -> None:
        """Throw the proposal away."""
        self.proposal = None
        self.table.setRowCount(0)
        self.bed_boxes = {}
        self.where = {}
        self.warnings = {}
        self._show_on_map()
        self.accept_button.setEnabled(False)
        self.reject_button.setEnabled(False)

    def accept(self) -> None:
        """Create the planned plantings, and offer to take them back."""
        year = self.year()
        if self.proposal is None or year is None:
            return
        context = self.page.context
        made = context.run(
            self,
            accept_plan,
            context.db,
            context.actor,
            year,
            self.placements(),
            announce=(Topic.BEDS,),
        )
        if made is None:
            return
        self.reject()
        context.offer_undo(
            _("The plan for {year} is saved: {made} crops are planned.").format(
                year=year, made=len(made)
            ),
            lambda: context.run(
                self, withdraw_plan, context.db, context.actor, made, announce=(Topic.BEDS,)
            ),
        )

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Fit the map once the tab has its size."""
        super().showEvent(event)
        self.map_view.zoom_to_fit()


class RotationPage(Page):
    """Crop rotation: the grid of beds by seasons, and the planner."""

    name = "rotation"
    title = _("Crop rotation")
    icon_name = "rotation"
    topics = frozenset({Topic.BEDS, Topic.SEASONS, Topic.USER, Topic.FARM, Topic.VOTES})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Rotation pages"))
        self.tabs.tabBar().setAccessibleName(_("Choose a rotation page"))
        self.history = HistoryTab(self)
        self.planner = PlannerTab(self)
        # Each tab scrolls, so that at very large text nothing is squeezed to nothing.
        for tab, icon_name, words in (
            (self.history, "rotation", _("What grew where")),
            (self.planner, "beds", _("Plan a season")),
        ):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(tab)
            self.tabs.addTab(scroll, icons.icon(icon_name), words)
        self.tabs.setIconSize(QSize(scaled(32), scaled(32)))
        # The tabs themselves are what the keyboard lands on (arrows change the tab).
        self.tabs.tabBar().setAccessibleName(_("Rotation pages: What grew where, Plan a season"))
        self.outer.addWidget(self.tabs, 1)
        # Each tab loads when it is shown; a change marks both to be loaded again.
        self.manager = False
        self.stale_tabs: set[int] = set()
        self.tabs.currentChanged.connect(self._tab_shown)

    def show_planner(self) -> None:
        """Bring the planner's tab to the front."""
        self.tabs.setCurrentIndex(1)

    def refresh(self) -> None:
        """Load the tab shown (the grid or the planner); the other loads when it is shown."""
        self.manager = farm_can_be_managed_by(self.context.db, self.context.actor)
        self.stale_tabs = {0, 1}
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        if index not in self.stale_tabs:
            return
        self.stale_tabs.discard(index)
        (self.history if index == 0 else self.planner).refresh(self.manager)
