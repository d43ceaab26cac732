"""The Beds page: the allotment map, a list of beds, and (for the coordinator) bed editing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.services.auth import farm_can_be_managed_by
from dutchfarm.services.beds import (
    BED_SIDE_M,
    BedDraft,
    BedInfo,
    add_bed,
    list_beds,
    move_bed,
    planned_season,
    set_bed_archived,
    update_bed,
)
from dutchfarm.services.farm import current_season
from dutchfarm.services.people import list_people
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.bed_map import BedMapView
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.theme import TARGET, text_scale
from dutchfarm.ui.widgets import (
    Card,
    PictureButton,
    VerticalScroll,
    button_rows,
    label,
    primary_button,
    scaled,
)
from dutchfarm.words import _


def _metres(name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(*BED_SIDE_M)
    box.setDecimals(1)
    box.setSingleStep(0.1)
    box.setSuffix(" m")
    box.setAccessibleName(name)
    box.setMinimumHeight(max(TARGET, scaled(TARGET)))
    return box


class BedsPage(Page):
    """Every bed where it stands; tap one to see it, open it to see its record."""

    name = "beds"
    title = _("Beds")
    icon_name = "map"
    topics = frozenset({Topic.BEDS, Topic.PEOPLE, Topic.USER, Topic.SEASONS})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.beds: dict[int, BedInfo] = {}
        self.manager = False
        body = QHBoxLayout()
        self.outer.addLayout(body, 1)

        left = QVBoxLayout()
        self.map_view = BedMapView()
        buttons = []
        for icon_name, words, action in (
            ("zoom_in", _("Bigger"), lambda: self.map_view.zoom(1.25)),
            ("zoom_out", _("Smaller"), lambda: self.map_view.zoom(0.8)),
            ("zoom_fit", _("Whole map"), self.map_view.zoom_to_fit),
        ):
            button = PictureButton(icon_name, words, vertical=text_scale() > 1.2)
            button.clicked.connect(action)
            buttons.append(button)
        self.add_button = PictureButton("add", _("Add a bed"), vertical=text_scale() > 1.2)
        self.add_button.clicked.connect(self.add_new_bed)
        if text_scale() < 1.5:
            tools = QHBoxLayout()
            for button in buttons:
                tools.addWidget(button)
            tools.addStretch(1)
            tools.addWidget(self.add_button)
            left.addLayout(tools)
        else:
            # Very large text: two to a row, so the map keeps its width beside the list.
            left.addLayout(button_rows([*buttons, self.add_button], 2))
        # Once next season is planned, the map can show it: the plan, bed by bed.
        self.season_row = QHBoxLayout()
        self.season_group = QButtonGroup(self)
        self.this_season_button = PictureButton("season", _("This season"))
        self.next_season_button = PictureButton("season", _("Next season"))
        for button in (self.this_season_button, self.next_season_button):
            button.setCheckable(True)
            self.season_group.addButton(button)
            self.season_row.addWidget(button)
        self.this_season_button.setChecked(True)
        self.season_group.buttonClicked.connect(lambda *_: self.reload())
        self.season_row.addStretch(1)
        left.addLayout(self.season_row)
        left.addWidget(self.map_view, 1)
        self.map_view.bed_chosen.connect(self._bed_chosen_on_map)
        self.map_view.bed_opened.connect(self.context.open_bed)
        self.map_view.bed_moved.connect(self.bed_moved)
        body.addLayout(left, 7)

        # The side panel scrolls, so that at very large text nothing is squeezed.
        side_host = QWidget()
        right = QVBoxLayout(side_host)
        right.setContentsMargins(0, 0, 8, 0)
        side = VerticalScroll(side_host)
        self.bed_list = QListWidget()
        self.bed_list.setMinimumHeight(scaled(200))
        self.bed_list.setAccessibleName(_("Beds"))
        self.bed_list.setIconSize(QSize(scaled(40), scaled(40)))
        self.bed_list.currentItemChanged.connect(self._bed_chosen_in_list)
        self.bed_list.itemActivated.connect(
            lambda item: self.context.open_bed(item.data(Qt.ItemDataRole.UserRole))
        )
        right.addWidget(self.bed_list, 1)
        self.show_archived = QCheckBox(_("Show archived beds"))
        self.show_archived.setAccessibleName(_("Show archived beds"))
        self.show_archived.toggled.connect(lambda *_: self.reload())
        right.addWidget(self.show_archived, 0, Qt.AlignmentFlag.AlignLeft)
        self.open_button = primary_button("bed", _("Open this bed"))
        self.open_button.clicked.connect(self._open_chosen)
        right.addWidget(self.open_button)

        self.editor = Card()
        self.editor.body.addWidget(label(_("Change this bed"), "heading"))
        form = QFormLayout()
        self.bed_name = QLineEdit()
        self.bed_name.setAccessibleName(_("Bed name"))
        self.bed_name.setMinimumHeight(max(TARGET, scaled(TARGET)))
        form.addRow(_("Name"), self.bed_name)
        self.owner = QComboBox()
        self.owner.setAccessibleName(_("Whose bed"))
        self.owner.setIconSize(QSize(scaled(32), scaled(32)))
        self.owner.setMinimumHeight(TARGET)
        form.addRow(_("Whose bed"), self.owner)
        self.bed_width = _metres(_("Width"))
        form.addRow(_("Width"), self.bed_width)
        self.bed_length = _metres(_("Length"))
        form.addRow(_("Length"), self.bed_length)
        self.editor.body.addLayout(form)
        buttons = QHBoxLayout()
        self.archive_button = PictureButton("archive", _("Archive"))
        self.archive_button.clicked.connect(self.toggle_archived)
        buttons.addWidget(self.archive_button)
        buttons.addStretch(1)
        self.save_button = PictureButton("save", _("Save"), primary=True)
        self.save_button.clicked.connect(self.save_bed)
        buttons.addWidget(self.save_button)
        self.editor.body.addLayout(buttons)
        right.addWidget(self.editor)
        body.addWidget(side, 3)
        self._zoomed = False

    def refresh(self) -> None:
        """Load the beds and draw them; the coordinator gets the editor."""
        db = self.context.db
        self.manager = farm_can_be_managed_by(db, self.context.actor)
        year = self._show_seasons()
        beds = list_beds(
            db, include_archived=self.show_archived.isChecked() and self.manager, year=year
        )
        self.beds = {bed.id: bed for bed in beds}
        chosen = self.map_view.chosen_bed()
        self.map_view.set_beds(beds, movable=self.manager)
        self.bed_list.blockSignals(True)
        self.bed_list.clear()
        for bed in beds:
            owner = bed.owner
            picture = (
                QIcon(icons.person_pixmap(owner.name, owner.colour, owner.avatar, owner.photo, 64))
                if owner
                else icons.icon("beds")
            )
            words = f"{bed.name}: {owner.name if owner else 'shared'}"
            item = QListWidgetItem(picture, words + (_(" (archived)") if bed.archived else ""))
            item.setData(Qt.ItemDataRole.UserRole, bed.id)
            item.setSizeHint(QSize(0, max(TARGET, scaled(48))))
            self.bed_list.addItem(item)
        self.bed_list.blockSignals(False)
        self.add_button.setVisible(self.manager)
        self.show_archived.setVisible(self.manager)
        self.editor.setVisible(self.manager)
        self._fill_owners()
        if chosen in self.beds:
            self.choose(chosen)
        elif beds:
            self.choose(beds[0].id)
        else:
            self._show_editor(None)
        if not self._zoomed and beds:
            self.map_view.zoom_to_fit()
            self._zoomed = True

    def _show_seasons(self) -> int | None:
        """Offer this season and the next (when it is planned); return the year to draw."""
        this = current_season(self.context.db)
        planned = planned_season(self.context.db)
        now, later = self.this_season_button, self.next_season_button
        if this is not None:
            now.set_label(_("This season: {year}").format(year=this.year))
        later.set_label(_("Next season: {planned} (planned)").format(planned=planned))
        for button in (now, later):
            button.setVisible(planned is not None)
        if planned is None or not later.isChecked():
            now.setChecked(True)
            return None
        return planned

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Fit the map to the window the first time it is seen at its real size."""
        super().showEvent(event)
        self.map_view.zoom_to_fit()

    def _fill_owners(self) -> None:
        self.owner.clear()
        self.owner.addItem(icons.icon("beds"), _("Shared (nobody's own)"), None)
        for person in list_people(self.context.db):
            picture = icons.person_pixmap(
                person.name, person.colour, person.avatar, person.photo, 64
            )
            self.owner.addItem(QIcon(picture), person.name, person.id)

    def choose(self, bed_id: int) -> None:
        """Make ``bed_id`` the chosen bed on the map, in the list and in the editor."""
        self.map_view.choose(bed_id)
        for row in range(self.bed_list.count()):
            if self.bed_list.item(row).data(Qt.ItemDataRole.UserRole) == bed_id:
                self.bed_list.blockSignals(True)
                self.bed_list.setCurrentRow(row)
                self.bed_list.blockSignals(False)
        self._show_editor(self.beds.get(bed_id))

    def _bed_chosen_on_map(self, bed_id: int) -> None:
        self.choose(bed_id)

    def _bed_chosen_in_list(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.choose(item.data(Qt.ItemDataRole.UserRole))

    def chosen(self) -> BedInfo | None:
        """Return the bed chosen now, or None."""
        item = self.bed_list.currentItem()
        return self.beds.get(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _open_chosen(self) -> None:
        bed = self.chosen()
        if bed is not None:
            self.context.open_bed(bed.id)

    def _show_editor(self, bed: BedInfo | None) -> None:
        self.open_button.setEnabled(bed is not None)
        self.editor.setEnabled(bed is not None and self.manager)
        if bed is None:
            return
        self.bed_name.setText(bed.name)
        index = self.owner.findData(bed.owner.id if bed.owner else None)
        self.owner.setCurrentIndex(max(index, 0))
        self.bed_width.setValue(bed.width)
        self.bed_length.setValue(bed.length)
        self.archive_button.set_label(_("Bring back") if bed.archived else _("Archive"))

    def _draft(self, bed: BedInfo) -> BedDraft:
        return BedDraft(
            name=self.bed_name.text(),
            owner_id=self.owner.currentData(),
            x=bed.x,
            y=bed.y,
            width=self.bed_width.value(),
            length=self.bed_length.value(),
        )

    def _call(self, action: Callable[..., Any], *args: Any) -> Any:
        return self.context.run(
            self, action, self.context.db, self.context.actor, *args, announce=(Topic.BEDS,)
        )

    def bed_moved(self, bed_id: int, x: float, y: float) -> None:
        """Save a bed's new place, and offer to put it back."""
        before = self.beds.get(bed_id)
        moved = self._call(move_bed, bed_id, x, y)
        if moved is None or before is None:
            self.reload()
            return
        self.context.offer_undo(
            _("{name} was moved.").format(name=moved.name),
            lambda: self._call(move_bed, bed_id, before.x, before.y),
        )

    def save_bed(self) -> None:
        """Save the name, owner and size of the chosen bed."""
        bed = self.chosen()
        if bed is None:
            return
        saved = self._call(update_bed, bed.id, self._draft(bed))
        if saved is not None:
            earlier = BedDraft(
                bed.name, bed.owner.id if bed.owner else None, bed.x, bed.y, bed.width, bed.length
            )
            self.context.offer_undo(
                _("{name} was changed.").format(name=saved.name),
                lambda: self._call(update_bed, bed.id, earlier),
            )

    def add_new_bed(self) -> None:
        """Draw a new bed to the right of the others."""
        right = max((bed.x + bed.width for bed in self.beds.values()), default=0.0)
        number = len(self.beds) + 1
        names = {bed.name for bed in self.beds.values()}
        while f"Bed {number}" in names:
            number += 1
        draft = BedDraft(
            _("Bed {number}").format(number=number), None, round(right + 1.0, 1), 1.0, 1.2, 2.4
        )
        added = self._call(add_bed, draft)
        if added is not None:
            self.choose(added.id)
            self.context.offer_undo(
                _("{name} was added to the map.").format(name=added.name),
                lambda: self._call(set_bed_archived, added.id, True),
            )

    def toggle_archived(self) -> None:
        """Take the chosen bed off the map (after asking), or bring it back."""
        bed = self.chosen()
        if bed is None:
            return
        archive = not bed.archived
        if archive and not dialogs.ask(
            self,
            _("Archive this bed?"),
            _("Take {name} off the map? Its records stay.").format(name=bed.name),
            yes=_("Archive {name}").format(name=bed.name),
        ):
            return
        if self._call(set_bed_archived, bed.id, archive) is not None:
            self.context.offer_undo(
                _("{name} was {0}.").format(
                    "archived" if archive else _("brought back"), name=bed.name
                ),
                lambda: self._call(set_bed_archived, bed.id, not archive),
            )
