"""The Settings page: the farm's name and rotation, the seasons, and this PC's text and colours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.terms import MAX_ROTATION_YEARS, MIN_ROTATION_YEARS
from dutchfarm.services.auth import farm_can_be_managed_by
from dutchfarm.services.backups import back_up, list_backups, restore
from dutchfarm.services.farm import (
    SeasonInfo,
    get_farm,
    list_seasons,
    remove_empty_season,
    set_season_rotation,
    start_season,
    update_farm,
)
from dutchfarm.services.personal_data import audit_log, export_audit_log
from dutchfarm.settings import Settings
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.theme import TARGET, apply_theme, text_size, theme_choice
from dutchfarm.ui.widgets import Card, PictureButton, label, primary_button, scaled
from dutchfarm.words import _

TEXT_SIZE_WORDS = {
    "normal": _("Normal text"),
    "large": _("Large text"),
    "very_large": _("Very large text"),
}
# The colour themes a PC can choose: (setting, picture, words).
THEME_CHOICES = (
    ("default", "colours", _("Usual colours")),
    ("high_contrast", "high_contrast", _("High contrast")),
    ("system", "computer", _("Same as this computer")),
)
T = TypeVar("T")
AUDIT_HEADERS = (_("When"), _("Who"), _("What"), _("Details"))
BACKUP_REASONS = {
    "start": _("made when Dutch Farm started"),
    "by-hand": _("made by hand"),
    "before-migration": _("made before an update"),
    "before-restore": _("made before a backup was put back"),
    "before-erase": _("made before someone was erased"),
}
SEASON_HEADERS = (_("Year"), _("Rotation (years)"), _("Plantings"), _("Harvests"), _("Started"))


class NumberItem(QTableWidgetItem):
    """A table cell that sorts by its number, not its words."""

    def __init__(self, value: int, text: str | None = None) -> None:
        super().__init__(text if text is not None else str(value))
        self.setData(Qt.ItemDataRole.UserRole, value)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return int(self.data(Qt.ItemDataRole.UserRole)) < int(other.data(Qt.ItemDataRole.UserRole))


def _years_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(MIN_ROTATION_YEARS, MAX_ROTATION_YEARS)
    box.setSuffix(" years")
    box.setAccessibleName(name)
    box.setMinimumWidth(scaled(140))
    box.setMaximumWidth(scaled(220))
    return box


class SettingsPage(Page):
    """The farm's settings (coordinator only) and this PC's own text size and colours."""

    name = "settings"
    title = _("Settings")
    icon_name = "settings"
    topics = frozenset({Topic.FARM, Topic.SEASONS, Topic.USER})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.seasons: list[SeasonInfo] = []
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(16)
        scroll.setWidget(body)
        self.outer.addWidget(scroll, 1)

        column.addWidget(self._look_card())

        self.locked_note = label(
            _("Only the coordinator can change the farm and its seasons."), "warning"
        )
        column.addWidget(self.locked_note)

        farm_card = Card()
        farm_card.body.addWidget(label(_("The farm"), "heading"))
        form = QFormLayout()
        self.farm_name = QLineEdit()
        self.farm_name.setAccessibleName(_("Farm name"))
        form.addRow(_("Farm name"), self.farm_name)
        self.farm_years = _years_box(_("Crop rotation length for new seasons"))
        form.addRow(_("Crop rotation"), self.farm_years)
        farm_card.body.addLayout(form)
        farm_card.body.addWidget(
            label(_("A crop family comes back to the same bed after this many years."), "muted")
        )
        self.save_farm_button = primary_button("save", _("Save the farm's settings"))
        self.save_farm_button.clicked.connect(self.save_farm)
        farm_card.body.addWidget(self.save_farm_button, 0, Qt.AlignmentFlag.AlignRight)
        column.addWidget(farm_card)
        self.farm_card = farm_card

        season_card = Card()
        season_card.body.addWidget(label(_("Seasons"), "heading"))
        self.season_table = QTableWidget(0, len(SEASON_HEADERS))
        self.season_table.setAccessibleName(_("Seasons"))
        self.season_table.setHorizontalHeaderLabels(SEASON_HEADERS)
        self.season_table.verticalHeader().setVisible(False)
        self.season_table.verticalHeader().setDefaultSectionSize(max(TARGET, scaled(44)))
        self.season_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.season_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.season_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.season_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.season_table.setSortingEnabled(True)
        self.season_table.setMinimumHeight(scaled(220))
        self.season_table.itemSelectionChanged.connect(self._season_chosen)
        season_card.body.addWidget(self.season_table)
        change_row = QHBoxLayout()
        change_row.addWidget(label(_("Rotation for the chosen season"), wrap=False))
        self.season_years = _years_box(_("Rotation for the chosen season"))
        change_row.addWidget(self.season_years)
        self.change_season_button = PictureButton("save", _("Change it"))
        self.change_season_button.clicked.connect(self.change_season)
        change_row.addWidget(self.change_season_button)
        change_row.addStretch(1)
        season_card.body.addLayout(change_row)
        start_row = QHBoxLayout()
        start_row.addWidget(label(_("New season"), wrap=False))
        self.new_year = QSpinBox()
        self.new_year.setRange(1900, 2999)
        self.new_year.setAccessibleName(_("Year of the new season"))
        self.new_year.setMinimumWidth(scaled(120))
        start_row.addWidget(self.new_year)
        self.start_button = PictureButton("season", _("Start this season"))
        self.start_button.clicked.connect(self.start_new_season)
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        season_card.body.addLayout(start_row)
        column.addWidget(season_card)
        self.season_card = season_card
        column.addWidget(self._backups_card())
        column.addWidget(self._audit_card())
        column.addStretch(1)

    def _look_card(self) -> Card:
        card = Card()
        card.body.addWidget(label(_("Text size on this computer"), "heading"))
        self.size_buttons = self._choice_row(
            card,
            [(key, "search", words) for key, words in TEXT_SIZE_WORDS.items()],
            self.set_text_size,
        )
        card.body.addWidget(label(_("Colours on this computer"), "heading"))
        card.body.addWidget(
            label(
                _(
                    "High contrast is black on white. It can be easier to see. 'Same as "
                    "this computer' uses high contrast when this computer is set to it."
                ),
                "muted",
            )
        )
        self.theme_buttons = self._choice_row(card, list(THEME_CHOICES), self.set_theme)
        return card

    def _choice_row(
        self, card: Card, choices: list[tuple[str, str, str]], choose: Callable[[str], None]
    ) -> dict[str, PictureButton]:
        """Add a row of picture buttons of which one is chosen; return them by setting."""
        row = QHBoxLayout()
        group = QButtonGroup(self)
        buttons: dict[str, PictureButton] = {}
        for key, icon_name, words in choices:
            button = PictureButton(icon_name, words, vertical=True)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, value=key: choose(value))
            group.addButton(button)
            buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        card.body.addLayout(row)
        return buttons

    def _backups_card(self) -> Card:
        card = Card()
        card.body.addWidget(label(_("Backups"), "heading"))
        card.body.addWidget(
            label(
                _(
                    "Dutch Farm makes a backup every time it starts, and keeps the last "
                    "ten and the first of each month for a year."
                ),
                "muted",
            )
        )
        self.backup_list = QListWidget()
        self.backup_list.setAccessibleName(_("Backups, newest first"))
        self.backup_list.setIconSize(QSize(scaled(32), scaled(32)))
        self.backup_list.setMinimumHeight(scaled(200))
        card.body.addWidget(self.backup_list)
        row = QHBoxLayout()
        self.backup_button = PictureButton("backup", _("Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        self.restore_button = PictureButton("restore", _("Put this backup back"))
        self.restore_button.clicked.connect(self.restore_chosen)
        row.addWidget(self.restore_button)
        card.body.addLayout(row)
        self.backups_card = card
        return card

    def _audit_card(self) -> Card:
        card = Card()
        card.body.addWidget(label(_("What the coordinator changed (audit log)"), "heading"))
        self.audit_table = QTableWidget(0, len(AUDIT_HEADERS))
        self.audit_table.setAccessibleName(_("Audit log, newest first"))
        self.audit_table.setHorizontalHeaderLabels(AUDIT_HEADERS)
        self.audit_table.verticalHeader().setVisible(False)
        self.audit_table.verticalHeader().setDefaultSectionSize(max(TARGET, scaled(40)))
        self.audit_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.audit_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit_table.setSortingEnabled(True)
        self.audit_table.setMinimumHeight(scaled(240))
        card.body.addWidget(self.audit_table)
        row = QHBoxLayout()
        row.addStretch(1)
        self.audit_export_button = PictureButton("export", _("Save the log as a CSV file"))
        self.audit_export_button.clicked.connect(self.export_audit)
        row.addWidget(self.audit_export_button)
        card.body.addLayout(row)
        self.audit_card = card
        return card

    def _fill_audit(self, allowed: bool) -> None:
        actor = self.context.actor
        self.audit_card.setVisible(allowed)
        if not allowed:
            return
        lines = self.context.run(self, audit_log, self.context.db, actor, 200) or []
        table = self.audit_table
        table.setSortingEnabled(False)
        table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            cells = (
                NumberItem(int(line.at.timestamp()), f"{line.at:%d %b %Y %H:%M}"),
                QTableWidgetItem(line.who),
                QTableWidgetItem(line.action.replace("_", " ")),
                QTableWidgetItem(line.detail),
            )
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        table.setSortingEnabled(True)
        table.sortItems(0, Qt.SortOrder.DescendingOrder)

    def export_audit(self) -> None:
        """Save the whole audit log as a CSV file."""
        path = dialogs.save_file(
            self, _("Save the audit log"), "audit-log.csv", _("CSV files (*.csv)")
        )
        if path is None:
            return
        count = self.context.run(
            self, export_audit_log, self.context.db, self.context.actor, Path(path)
        )
        if count is not None:
            dialogs.tell(
                self, _("Saved"), _("Saved {count} lines to {path}.").format(count=count, path=path)
            )

    def _fill_backups(self, allowed: bool) -> None:
        self.backups_card.setVisible(self.context.db.is_sqlite)
        self.backups_card.setEnabled(allowed)
        self.backup_list.clear()
        for backup in list_backups(self.context.db):
            words = BACKUP_REASONS.get(backup.reason, backup.reason.replace("-", " "))
            item = QListWidgetItem(
                icons.icon("backup"),
                _("{made:%A %d %B %Y, %H:%M}: {words} ({0:,} KB)").format(
                    backup.size // 1024, made=backup.made, words=words
                ),
            )
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            item.setSizeHint(QSize(0, max(TARGET, scaled(44))))
            self.backup_list.addItem(item)
        self.restore_button.setEnabled(self.backup_list.count() > 0)

    def back_up_now(self) -> None:
        """Make a backup now."""
        if self.context.run(self, back_up, self.context.db) is not None:
            self._fill_backups(True)

    def restore_chosen(self) -> None:
        """Put the chosen backup back, after asking; what it replaces is kept as a backup."""
        item = self.backup_list.currentItem()
        if item is None:
            dialogs.tell(self, _("Choose a backup"), _("Tap a backup in the list first."))
            return
        if not dialogs.ask(
            self,
            _("Put this backup back?"),
            _(
                "Put back the backup from {0}? Changes made since then are kept in a "
                "new backup, so you can go back to them."
            ).format(item.text().split(":")[0]),
            yes=_("Put it back"),
        ):
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        if self.context.run(self, restore, self.context.db, self.context.actor, path) is not None:
            self.context.announce(*Topic)
            dialogs.tell(self, _("Backup put back"), _("The backup is back in place."))

    def refresh(self) -> None:
        """Load the farm, its seasons and this PC's text size."""
        db = self.context.db
        self.size_buttons[text_size()].setChecked(True)
        self.theme_buttons[theme_choice()].setChecked(True)
        farm = get_farm(db)
        self.farm_name.setText(farm.name)
        self.farm_years.setValue(farm.rotation_years)
        self.seasons = list_seasons(db)
        table = self.season_table
        table.setSortingEnabled(False)
        table.setRowCount(len(self.seasons))
        for row, season in enumerate(self.seasons):
            cells = (
                NumberItem(season.year),
                NumberItem(season.rotation_years),
                NumberItem(season.plantings),
                NumberItem(season.harvests),
                NumberItem(season.started_on.toordinal(), f"{season.started_on:%d %b %Y}"),
            )
            for column, cell in enumerate(cells):
                cell.setData(Qt.ItemDataRole.UserRole + 1, season.id)
                table.setItem(row, column, cell)
        table.setSortingEnabled(True)
        table.sortItems(0, Qt.SortOrder.DescendingOrder)
        newest = max((s.year for s in self.seasons), default=dt.date.today().year - 1)
        self.new_year.setValue(max(newest + 1, dt.date.today().year))
        allowed = farm_can_be_managed_by(db, self.context.actor)
        self.locked_note.setVisible(not allowed)
        self.farm_card.setEnabled(allowed)
        self.season_card.setEnabled(allowed)
        self._fill_backups(allowed)
        self._fill_audit(allowed)
        self._season_chosen()

    def _chosen_season(self) -> SeasonInfo | None:
        items = self.season_table.selectedItems()
        if not items:
            return None
        season_id = items[0].data(Qt.ItemDataRole.UserRole + 1)
        return next((s for s in self.seasons if s.id == season_id), None)

    def _season_chosen(self) -> None:
        season = self._chosen_season()
        self.change_season_button.setEnabled(season is not None)
        self.season_years.setEnabled(season is not None)
        if season is not None:
            self.season_years.setValue(season.rotation_years)

    def set_text_size(self, size: str) -> None:
        """Use ``size`` for text on this PC from now on."""
        self._change_look("text_size", size)

    def set_theme(self, theme: str) -> None:
        """Use the colours ``theme`` on this PC from now on ("system": the computer's)."""
        self._change_look("theme", theme)

    def _change_look(self, name: str, value: str) -> None:
        # Kept in this PC's settings file, not the farm's data: another PC may need other sizes.
        Settings().set(name, value)
        look = {"text_size": text_size(), "theme": theme_choice(), name: value}
        instance = QApplication.instance()
        if isinstance(instance, QApplication):
            apply_theme(instance, look["text_size"], look["theme"])
        self.context.announce(Topic.LOOK)

    def save_farm(self) -> None:
        """Save the farm's name and rotation length."""
        before = get_farm(self.context.db)
        saved = self.context.run(
            self,
            update_farm,
            self.context.db,
            self.context.actor,
            self.farm_name.text(),
            self.farm_years.value(),
            announce=(Topic.FARM,),
        )
        if saved is not None:
            self.context.offer_undo(
                _("The farm's settings were saved."),
                lambda: self.context.run(
                    self,
                    update_farm,
                    self.context.db,
                    self.context.actor,
                    before.name,
                    before.rotation_years,
                    announce=(Topic.FARM,),
                ),
            )

    def _call(self, action: Callable[..., T], *args: object) -> T | None:
        return self.context.run(
            self, action, self.context.db, self.context.actor, *args, announce=(Topic.SEASONS,)
        )

    def change_season(self) -> None:
        """Set the rotation length of the chosen season."""
        season = self._chosen_season()
        if season is None:
            return
        if self._call(set_season_rotation, season.id, self.season_years.value()) is not None:
            self.context.offer_undo(
                _("The {year} season now has a {0}-year rotation.").format(
                    self.season_years.value(), year=season.year
                ),
                lambda: self._call(set_season_rotation, season.id, season.rotation_years),
            )

    def start_new_season(self) -> None:
        """Start the season of the year chosen."""
        started = self._call(start_season, self.new_year.value())
        if started is not None:
            self.context.offer_undo(
                _("The {year} season has started.").format(year=started.year),
                lambda: self._call(remove_empty_season, started.id),
            )
