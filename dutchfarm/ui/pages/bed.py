"""The bed record: what grows in one bed, what was done to it, and what it gave this season."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.terms import DiaryAction, PlantingStatus, Role
from dutchfarm.services.beds import (
    BedRecord,
    DiaryInfo,
    PlantingInfo,
    RotationWarning,
    add_diary_entry,
    add_planting,
    bed_of,
    bed_record,
    first_bed,
    remove_diary_entry,
    remove_planting,
    set_planting_status,
)
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.rotation import add_wish, remove_wish, upcoming_year, wishes_of
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.harvest_chart import HarvestChart
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.theme import TARGET, TARGET_LARGE
from dutchfarm.ui.widgets import Card, PictureButton, clear_layout, label, picture, scaled
from dutchfarm.words import _

# The picture buttons, in the order a season goes: (action, picture, words on the button).
ACTIONS: tuple[tuple[DiaryAction, str, str], ...] = (
    (DiaryAction.SOWED, "sowed", _("I sowed")),
    (DiaryAction.PLANTED, "planted", _("I planted out")),
    (DiaryAction.WATERED, "watered", _("I watered")),
    (DiaryAction.WEEDED, "weeded", _("I weeded")),
    (DiaryAction.FED, "fed", _("I fed")),
    (DiaryAction.PICKED, "picked", _("I picked")),
)
# How a diary entry reads: "Jackie watered."
DONE_WORDS = {
    DiaryAction.SOWED: _("sowed seeds"),
    DiaryAction.PLANTED: _("planted out"),
    DiaryAction.WATERED: _("watered"),
    DiaryAction.WEEDED: _("weeded"),
    DiaryAction.FED: _("fed the plants"),
    DiaryAction.PICKED: _("picked"),
    DiaryAction.NOTE: _("wrote a note"),
}
DIARY_ICONS = {
    DiaryAction.SOWED: "sowed",
    DiaryAction.PLANTED: "planted",
    DiaryAction.WATERED: "watered",
    DiaryAction.WEEDED: "weeded",
    DiaryAction.FED: "fed",
    DiaryAction.PICKED: "picked",
    DiaryAction.NOTE: "note",
}
BED_CHART_PANEL = 210
# How many of today's entries show under the picture buttons.
TODAY_SHOWN = 3
STATUS_WORDS = {
    PlantingStatus.PLANNED: _("Planned"),
    PlantingStatus.GROWING: _("Growing"),
    PlantingStatus.FINISHED: _("Finished"),
    PlantingStatus.FAILED: _("Did not grow"),
}
STATUS_ICONS = {
    PlantingStatus.PLANNED: "calendar",
    PlantingStatus.GROWING: "season",
    PlantingStatus.FINISHED: "tick",
    PlantingStatus.FAILED: "cross",
}


def short_date(day: dt.date) -> str:
    """Return a date as people write it: "Wed 26 Nov 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def diary_picture(entry: DiaryInfo, size: int) -> QPixmap:
    """Return the person's picture and the action's picture side by side."""
    image = QImage(size * 2 + 4, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    person = entry.person
    painter.drawPixmap(
        0, 0, icons.person_pixmap(person.name, person.colour, person.avatar, person.photo, size)
    )
    painter.drawPixmap(
        QRectF(size + 4, 0, size, size),
        icons.pixmap(DIARY_ICONS[entry.action], size * 2),
        QRectF(0, 0, size * 2, size * 2),
    )
    painter.end()
    return QPixmap.fromImage(image)


def diary_words(entry: DiaryInfo) -> str:
    """Return an entry as one short sentence with its date."""
    if entry.action is DiaryAction.PICKED and entry.note:
        # "I picked" keeps how much in the note: "Jackie picked 6 strawberries."
        return _("{day}: {name} picked {note}.").format(
            day=short_date(entry.day), name=entry.person.name, note=entry.note
        )
    sentence = f"{short_date(entry.day)}: {entry.person.name} {DONE_WORDS[entry.action]}."
    return f"{sentence} {entry.note}" if entry.note else sentence


def _diary_row_height() -> int:
    return max(TARGET, scaled(40) + 12)


def _fill_diary(diary: QListWidget, entries: list[DiaryInfo]) -> None:
    """Show diary entries in a list, each with the person's and the action's picture."""
    diary.clear()
    for entry in entries:
        item = QListWidgetItem(QIcon(diary_picture(entry, scaled(40))), diary_words(entry))
        item.setSizeHint(QSize(0, _diary_row_height()))
        diary.addItem(item)


class PlantingCard(QFrame):
    """One crop in the bed: its picture, name, dates and how it is doing."""

    def __init__(
        self,
        planting: PlantingInfo,
        can_change_status: Callable[[PlantingInfo, PlantingStatus], None] | None,
    ) -> None:
        super().__init__()
        self.setProperty("role", "card")
        layout = QHBoxLayout(self)
        layout.addWidget(picture(planting.crop.icon, 64, planting.crop.name))
        words = QVBoxLayout()
        title = planting.crop.name + (f" ({planting.variety})" if planting.variety else "")
        words.addWidget(label(title, "heading"))
        dates = []
        if planting.sown_on:
            dates.append(_("Sown {sown_on}.").format(sown_on=short_date(planting.sown_on)))
        if planting.planted_on:
            dates.append(
                _("Planted out {planted_on}.").format(planted_on=short_date(planting.planted_on))
            )
        words.addWidget(label(" ".join(dates) or _("No dates yet."), "muted"))
        if planting.warning:
            warning_row = QHBoxLayout()
            warning_row.addWidget(picture("warning", 32, _("Warning")))
            warning_row.addWidget(label(planting.warning, "warning"), 1)
            words.addLayout(warning_row)
        layout.addLayout(words, 1)
        layout.addWidget(picture(STATUS_ICONS[planting.status], 40, STATUS_WORDS[planting.status]))
        if can_change_status is None:
            layout.addWidget(label(STATUS_WORDS[planting.status], wrap=False))
            return
        self.status = QComboBox()
        self.status.setAccessibleName(
            _("How the {name} is doing").format(name=planting.crop.name.lower())
        )
        self.status.setMinimumHeight(TARGET)
        for status in PlantingStatus:
            self.status.addItem(icons.icon(STATUS_ICONS[status]), STATUS_WORDS[status], status)
        self.status.setCurrentIndex(self.status.findData(planting.status))
        self.status.activated.connect(
            lambda _index: can_change_status(planting, self.status.currentData())
        )
        layout.addWidget(self.status)


class BedRecordPage(Page):
    """One bed's record; a gardener adds to their own bed by tapping a picture."""

    name = "bed"
    title = _("My bed")
    icon_name = "bed"
    topics = frozenset({Topic.BEDS, Topic.USER, Topic.PEOPLE, Topic.HARVESTS, Topic.SEASONS})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.record: BedRecord | None = None
        self.picked_dialog: QWidget | None = None
        self.status_boxes: list[QWidget] = []
        self.wish_buttons: list[QWidget] = []
        self.owner_line = label("")
        self.outer.addWidget(self.owner_line)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        host = QWidget()
        self.column = QVBoxLayout(host)
        self.column.setSpacing(16)
        self.scroll.setWidget(host)
        self.outer.addWidget(self.scroll, 1)

        self.actions_card = Card()
        self.actions_card.body.addWidget(
            label(_("What did you do today? Tap a picture."), "heading")
        )
        grid = QGridLayout()
        grid.setSpacing(12)
        self.action_buttons: dict[DiaryAction, PictureButton] = {}
        per_row = 6 if scaled(100) < 120 else 3
        for index, (action, icon_name, words) in enumerate(ACTIONS):
            button = PictureButton(icon_name, words, icon_size=64, vertical=True, large=True)
            button.setMinimumSize(max(TARGET_LARGE, scaled(130)), max(TARGET_LARGE, scaled(120)))
            if action is DiaryAction.PICKED:
                # What was picked goes in the harvest log too: its picture and how much.
                button.clicked.connect(self.pick)
            else:
                button.clicked.connect(lambda _=False, a=action: self.add_entry(a))
            grid.addWidget(button, index // per_row, index % per_row)
            self.action_buttons[action] = button
        self.actions_card.body.addLayout(grid)
        note_row = QHBoxLayout()
        note_row.addWidget(picture("note", 40, _("Words")))
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Words, if you like. You do not have to."))
        self.note.setAccessibleName(_("Words for the diary, if you like"))
        note_row.addWidget(self.note, 1)
        self.note_button = PictureButton("note", _("Write a note"), large=True)
        self.note_button.clicked.connect(lambda: self.add_entry(DiaryAction.NOTE))
        note_row.addWidget(self.note_button)
        self.actions_card.body.addLayout(note_row)
        # What was done today shows here, beside the pictures just tapped; the whole diary
        # is further down the page.
        self.done_today = QListWidget()
        self.done_today.setAccessibleName(_("Done in this bed today"))
        self.done_today.setIconSize(QSize(scaled(40) * 2 + 4, scaled(40)))
        self.actions_card.body.addWidget(self.done_today)
        self.column.addWidget(self.actions_card)

        self.look_only = label("")
        self.column.addWidget(self.look_only)

        plantings_card = Card()
        heading = QHBoxLayout()
        heading.addWidget(label(_("Growing in this bed"), "heading"), 1)
        self.add_planting_button = PictureButton("add", _("Add a plant"), large=True)
        self.add_planting_button.clicked.connect(self.choose_planting)
        heading.addWidget(self.add_planting_button)
        plantings_card.body.addLayout(heading)
        self.plantings_box = QVBoxLayout()
        plantings_card.body.addLayout(self.plantings_box)
        self.column.addWidget(plantings_card)

        harvest_card = Card()
        self.harvest_heading = label(_("Picked this season"), "heading")
        harvest_card.body.addWidget(self.harvest_heading)
        self.harvest_list = QListWidget()
        self.harvest_list.setAccessibleName(_("Picked from this bed this season"))
        self.harvest_list.setIconSize(QSize(scaled(40), scaled(40)))
        harvest_card.body.addWidget(self.harvest_list)
        # Low enough that both panels (weighed, counted) fit on the screen at once.
        self.harvest_chart = HarvestChart(context, saving=False, panel_height=BED_CHART_PANEL)
        harvest_card.body.addWidget(self.harvest_chart)
        self.column.addWidget(harvest_card)

        # Once next season is planned, the bed says what it will grow.
        self.planned_card = Card()
        self.planned_title = label("", "heading")
        self.planned_card.body.addWidget(self.planned_title)
        self.planned_box = QHBoxLayout()
        self.planned_card.body.addLayout(self.planned_box)
        self.column.addWidget(self.planned_card)

        self.wishes_card = Card()
        wish_heading = QHBoxLayout()
        self.wishes_title = label("", "heading")
        wish_heading.addWidget(self.wishes_title, 1)
        self.add_wish_button = PictureButton("likes", _("Add a wish"), large=True)
        self.add_wish_button.clicked.connect(self.choose_wish)
        wish_heading.addWidget(self.add_wish_button)
        self.wishes_card.body.addLayout(wish_heading)
        self.wishes_box = QHBoxLayout()
        self.wishes_card.body.addLayout(self.wishes_box)
        self.column.addWidget(self.wishes_card)

        diary_card = Card()
        diary_card.body.addWidget(label(_("Diary: what was done"), "heading"))
        self.diary = QListWidget()
        self.diary.setAccessibleName(_("Diary of this bed, newest first"))
        self.diary.setIconSize(QSize(scaled(40) * 2 + 4, scaled(40)))
        self.diary.setMinimumHeight(scaled(320))
        diary_card.body.addWidget(self.diary)
        self.column.addWidget(diary_card)

    def _bed_to_show(self) -> int | None:
        if self.context.bed_id is not None:
            return self.context.bed_id
        actor = self.context.actor
        own = bed_of(self.context.db, actor.person_id) if actor.person_id else None
        if own is not None:
            return own
        return first_bed(self.context.db)

    def refresh(self) -> None:
        """Load the bed's record and show it."""
        bed_id = self._bed_to_show()
        if bed_id is None:
            self.record = None
            self.header.title.setText(_("No beds yet"))
            self.owner_line.setText(_("The coordinator draws the beds on the Beds page."))
            self.actions_card.hide()
            return
        record = bed_record(self.context.db, self.context.actor, bed_id)
        self.record = record
        bed = record.bed
        actor = self.context.actor
        mine = bed.owner is not None and bed.owner.id == actor.person_id
        self.header.title.setText(_("My bed: {name}").format(name=bed.name) if mine else bed.name)
        self.owner_line.setText(
            _("This is {name}'s bed.").format(name=bed.owner.name)
            if bed.owner
            else _("This bed is shared.")
        )
        self.actions_card.setVisible(record.can_write)
        self.add_planting_button.setVisible(record.can_write)
        self.look_only.setVisible(not record.can_write)
        self.look_only.setText(
            _("Tap your picture first to add to a bed.")
            if actor.person_id is None
            else _("This is not your bed. You can look.")
        )
        self._show_plantings(record)
        self._show_planned(record)
        self._show_wishes(record)
        self._show_harvest(record)
        today = dt.date.today()
        _fill_diary(self.diary, record.diary)
        _fill_diary(self.done_today, [e for e in record.diary if e.day == today][:TODAY_SHOWN])
        self.done_today.setVisible(self.done_today.count() > 0)
        self.done_today.setFixedHeight(self.done_today.count() * _diary_row_height() + 8)

    def tab_sequence(self) -> list[QWidget]:
        """Return the picture buttons, the plants, the wishes, then the harvest and diary."""
        return [
            *self.action_buttons.values(),
            self.note,
            self.note_button,
            self.add_planting_button,
            *self.status_boxes,
            self.add_wish_button,
            *self.wish_buttons,
            self.harvest_list,
            *self.harvest_chart.tab_sequence(),
            self.diary,
        ]

    def _show_plantings(self, record: BedRecord) -> None:
        clear_layout(self.plantings_box)
        staff = self.context.actor.role in (Role.COORDINATOR, Role.VOLUNTEER)
        changer = self.change_status if record.can_write and staff else None
        self.status_boxes = []
        for planting in record.plantings:
            card = PlantingCard(planting, changer)
            self.plantings_box.addWidget(card)
            if changer is not None:
                self.status_boxes.append(card.status)
        if not record.plantings:
            self.plantings_box.addWidget(label(_("Nothing is planted yet this season."), "muted"))

    def _show_planned(self, record: BedRecord) -> None:
        clear_layout(self.planned_box)
        self.planned_card.setVisible(bool(record.planned))
        self.planned_title.setText(
            _("Planned for {planned_year}").format(planned_year=record.planned_year)
        )
        for crop in record.planned:
            self.planned_box.addWidget(picture(crop.icon, 48, crop.name))
            self.planned_box.addWidget(label(crop.name, wrap=False))
        self.planned_box.addStretch(1)

    def _show_wishes(self, record: BedRecord) -> None:
        owner = record.bed.owner
        actor = self.context.actor
        staff = actor.role in (Role.COORDINATOR, Role.VOLUNTEER)
        show = owner is not None and (staff or actor.person_id == owner.id)
        self.wishes_card.setVisible(show)
        clear_layout(self.wishes_box)
        self.wish_buttons = []
        if owner is None or not show:
            return
        year = upcoming_year()
        who = "I" if actor.person_id == owner.id else owner.name
        self.wishes_title.setText(
            _("In {year} {who} would like to grow").format(year=year, who=who)
        )
        wishes = wishes_of(self.context.db, owner.id, year)
        for crop in wishes:
            button = PictureButton(
                crop.icon, _("{name}: take it off").format(name=crop.name), icon_size=48
            )
            button.setToolTip(
                _("Tap to take {plural} off the wishes").format(plural=crop.plural.lower())
            )
            button.clicked.connect(lambda _=False, c=crop: self.remove_wish(c.id, c.name))
            self.wishes_box.addWidget(button)
            self.wish_buttons.append(button)
        if not wishes:
            self.wishes_box.addWidget(label(_("No wishes yet. Tap 'Add a wish'."), "muted"))
        self.wishes_box.addStretch(1)

    def choose_wish(self) -> None:
        """Add a crop the bed's owner would like to grow next season."""
        if self.record is None or self.record.bed.owner is None:
            return
        staff = self.context.actor.role in (Role.COORDINATOR, Role.VOLUNTEER)
        crop_id = dialogs.choose_crop(
            self, list_crops(self.context.db), search=staff, title=_("What would you like to grow?")
        )
        if crop_id is None:
            return
        owner_id, year = self.record.bed.owner.id, upcoming_year()
        crop = self._call(add_wish, owner_id, crop_id, year)
        if crop is not None:
            self.context.offer_undo(
                _("Wish saved: {plural}.").format(plural=crop.plural.lower()),
                lambda: self._call(remove_wish, owner_id, crop_id, year),
            )

    def remove_wish(self, crop_id: int, name: str) -> None:
        """Take a crop off the owner's wishes, with Undo."""
        if self.record is None or self.record.bed.owner is None:
            return
        owner_id, year = self.record.bed.owner.id, upcoming_year()
        if self._call(remove_wish, owner_id, crop_id, year):
            self.context.offer_undo(
                _("Wish taken off: {name}.").format(name=name.lower()),
                lambda: self._call(add_wish, owner_id, crop_id, year),
            )

    def _show_harvest(self, record: BedRecord) -> None:
        self.harvest_list.clear()
        year = record.season_year
        self.harvest_heading.setText(
            _("Picked in {year}").format(year=year) if year else _("Picked this season")
        )
        for line in record.harvest:
            amounts = []
            if line.grams:
                amounts.append(_("{0:.1f} kilos").format(line.grams / 1000))
            if line.count:
                amounts.append(_("{count:g} picked").format(count=line.count))
            if line.bunches:
                amounts.append(_("{bunches:g} bunches").format(bunches=line.bunches))
            item = QListWidgetItem(
                icons.icon(line.crop.icon), f"{line.crop.name}: {', '.join(amounts)}"
            )
            item.setSizeHint(QSize(0, max(TARGET, scaled(48))))
            self.harvest_list.addItem(item)
        if not record.harvest:
            self.harvest_list.addItem(_("Nothing picked yet this season."))
        rows = max(1, self.harvest_list.count())
        self.harvest_list.setFixedHeight(rows * max(TARGET, scaled(48)) + 8)
        # On "My bed" the chart is the gardener's own harvest; on any other bed, the bed's.
        actor, owner = self.context.actor, record.bed.owner
        if owner is not None and actor.person_id == owner.id:
            self.harvest_chart.show_person(owner.id)
        else:
            self.harvest_chart.show_bed(record.bed.id, name=record.bed.name)

    def _call(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.context.run(
            self,
            action,
            self.context.db,
            self.context.actor,
            *args,
            announce=(Topic.BEDS,),
            **kwargs,
        )

    def add_entry(self, action: DiaryAction) -> None:
        """Write today's entry for the current user: one tap, words optional."""
        if self.record is None:
            return
        note = self.note.text()
        if action is DiaryAction.NOTE and not note.strip():
            note = dialogs.ask_text(self, _("Write a note"), _("What do you want to write?")) or ""
            if not note.strip():
                return
        entry = self._call(add_diary_entry, self.record.bed.id, action, note or None)
        if entry is None:
            return
        self.note.clear()
        self.context.offer_undo(
            _("Saved: {name} {done}.").format(name=entry.person.name, done=DONE_WORDS[action]),
            lambda: self._call(remove_diary_entry, entry.id),
        )

    def pick(self) -> None:
        """'I picked': tap the crop's picture, how much on the number pad, then Done."""
        if self.record is None:
            return
        from dutchfarm.ui.picked_dialog import PickedDialog

        self.picked_dialog = PickedDialog(
            self.context, self.record.bed.id, self.record.bed.name, self
        )
        if dialogs.show_dialog(self.picked_dialog):
            # The reward: the chart of what they picked, gone up, in view.
            QTimer.singleShot(0, self.show_harvest_chart)

    def show_harvest_chart(self) -> None:
        """Scroll the page so that the harvest chart starts at the top of the view."""
        # The chart may just have grown a panel: lay the page out before scrolling.
        host = self.scroll.widget()
        self.column.activate()
        host.resize(host.width(), max(host.height(), host.minimumSizeHint().height()))
        top = self.harvest_chart.mapTo(host, QPoint(0, 0)).y()
        self.scroll.verticalScrollBar().setValue(top - 8)

    def choose_planting(self) -> None:
        """Add a plant to the bed by tapping its picture."""
        if self.record is None:
            return
        staff = self.context.actor.role in (Role.COORDINATOR, Role.VOLUNTEER)
        crop_id = dialogs.choose_crop(
            self, list_crops(self.context.db), search=staff, title=_("What did you plant?")
        )
        if crop_id is None:
            return
        planting = self._plant(crop_id)
        if planting is not None:
            self.context.offer_undo(
                _("{name} added to {bed_name}.").format(
                    name=planting.crop.name, bed_name=self.record.bed.name
                ),
                lambda: self._call(remove_planting, planting.id),
            )

    def _plant(self, crop_id: int) -> PlantingInfo | None:
        # A crop that breaks the rotation is explained first; staff may still go ahead.
        assert self.record is not None
        context = self.context
        planting: PlantingInfo | None
        try:
            planting = add_planting(context.db, context.actor, self.record.bed.id, crop_id)
        except RotationWarning as warning:
            staff = context.actor.role in (Role.COORDINATOR, Role.VOLUNTEER)
            if not staff:
                dialogs.warn(
                    self,
                    _("Not in this bed this year"),
                    _("{warning} Ask a volunteer.").format(warning=warning),
                )
                return None
            if not dialogs.ask(
                self,
                _("This breaks the crop rotation"),
                _("{warning} Plant them anyway?").format(warning=warning),
                yes=_("Plant anyway"),
                no=_("Do not plant"),
            ):
                return None
            planting = context.run(
                self,
                add_planting,
                context.db,
                context.actor,
                self.record.bed.id,
                crop_id,
                go_ahead=True,
            )
        except ServiceError as error:
            dialogs.warn(self, _("That did not work"), str(error))
            return None
        context.announce(Topic.BEDS)
        return planting

    def change_status(self, planting: PlantingInfo, status: PlantingStatus) -> None:
        """Say how a planting is doing now, with Undo."""
        if status is planting.status:
            return
        if self._call(set_planting_status, planting.id, status) is not None:
            self.context.offer_undo(
                f"{planting.crop.name}: {STATUS_WORDS[status].lower()}.",
                lambda: self._call(set_planting_status, planting.id, planting.status),
            )
