"""The home page, "Today": the date, who is in, today's jobs and rota, and the way to each area."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.jobs import long_date
from dutchfarm.services.catalogue import list_crops, list_task_types
from dutchfarm.services.farm import current_season, get_farm
from dutchfarm.services.jobs import list_beds_for_jobs
from dutchfarm.services.people import PersonInfo, list_people
from dutchfarm.services.rota import (
    DayRota,
    can_change_rota,
    day_rota,
    make_day_rota,
    restore_rota,
)
from dutchfarm.services.rota_day import (
    add_one_off_job,
    give_job,
    move_person,
    remove_one_off_job,
    set_attendance,
    set_job_done,
)
from dutchfarm.ui import dialogs
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.rota_board import JobChip, JobRow, RotaView
from dutchfarm.ui.rota_printing import print_day, save_day
from dutchfarm.ui.theme import TARGET, text_scale
from dutchfarm.ui.who_is_in import WhoGrid
from dutchfarm.ui.widgets import (
    Card,
    PictureButton,
    clear_layout,
    label,
    primary_button,
    scaled,
    scroll_area,
)
from dutchfarm.words import _, ngettext


class TodayPage(Page):
    """Home: the date, who is in, today's jobs, the rota to make and print, and every area."""

    name = "today"
    title = _("Today")
    icon_name = "today"
    topics = frozenset({Topic.USER, Topic.FARM, Topic.SEASONS, Topic.PEOPLE, Topic.ROTA})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.day = dt.date.today()
        self.rota = DayRota(self.day, frozenset(), (), ())
        self.people: dict[int, PersonInfo] = {}
        self.allowed = False
        # With large text the three parts stack in one scrolling column, so nothing is cut off.
        self.wide = text_scale() < 1.3

        # The date is the page's heading, with the greeting beside it, to leave the most
        # room for the rota itself.
        header = self.header.layout()
        assert isinstance(header, QHBoxLayout)
        self.date_label = self.header.title
        self.season_label = label("", "muted")
        if self.wide:
            header.insertWidget(2, self.season_label, 1)
        else:
            self.outer.addWidget(self.season_label)
        self.greeting = label("", wrap=False)
        header.addWidget(self.greeting)
        self.choose_button = PictureButton("switch_user", _("Tap here to choose your picture"))
        self.choose_button.clicked.connect(lambda: self.context.go("who"))
        header.addWidget(self.choose_button)
        self.locked_note = label(
            _(
                "Only a volunteer or the coordinator can change the rota. They tap "
                "'Change user' first. Then they tap their picture."
            ),
            "warning",
        )
        self.outer.addWidget(self.locked_note)

        who = self._build_who()
        jobs = self._build_jobs()
        rota = self._build_rota()
        if self.wide:
            columns = QHBoxLayout()
            columns.setSpacing(12)
            columns.addWidget(who)
            columns.addWidget(jobs, 2)
            columns.addWidget(rota, 3)
            self.outer.addLayout(columns, 1)
            self.outer.addLayout(self._build_areas())
        else:
            # Big text: everything scrolls in one column, the way to each area first.
            body = QWidget()
            stacked = QVBoxLayout(body)
            stacked.setContentsMargins(0, 0, 0, 0)
            stacked.addLayout(self._build_areas())
            for part in (who, jobs, rota):
                stacked.addWidget(part)
            self.outer.addWidget(scroll_area(body), 1)

    # --- building ---------------------------------------------------------------------------

    def _card(self, heading: str, inner: QWidget) -> tuple[Card, QVBoxLayout]:
        card = Card()
        card.body.setContentsMargins(12, 10, 12, 10)
        card.body.setSpacing(8)
        card.body.addWidget(label(heading, "heading"))
        card.body.addWidget(scroll_area(inner) if self.wide else inner, 1)
        return card, card.body

    def _build_who(self) -> Card:
        self.who = WhoGrid()
        self.who.ticked.connect(self.tick)
        card, body = self._card(_("1. Who is in?"), self.who)
        self.who_count = label("", "muted")
        body.insertWidget(1, self.who_count)
        if self.wide:
            # Two pictures across, to leave the rota room; more people scroll down.
            spacing = self.who.grid.spacing()
            card.setFixedWidth(2 * self.who.cell.width() + spacing + 24 + scaled(22))
        return card

    def _build_jobs(self) -> Card:
        inner = QWidget()
        self.jobs_list = QVBoxLayout(inner)
        self.jobs_list.setContentsMargins(0, 0, 0, 0)
        self.jobs_list.setSpacing(6)
        self.job_rows: dict[int, JobRow] = {}
        card, body = self._card(_("2. Today's jobs"), inner)
        self.add_job_button = PictureButton("add", _("Add a job"))
        self.add_job_button.setToolTip(_("Add a job for today only"))
        self.add_job_button.clicked.connect(self.add_job)
        body.addWidget(self.add_job_button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    def _build_rota(self) -> Card:
        self.rota_view = RotaView(2 if self.wide else 1)
        self.rota_view.selection_changed.connect(self._chip_chosen)
        self.rota_view.give_requested.connect(self.give_chosen)
        card, body = self._card(_("3. The rota"), self.rota_view)
        self.make_button = primary_button("rota", _("Make the rota"))
        self.make_button.setMinimumHeight(scaled(56))
        self.make_button.setShortcut("Ctrl+R")
        self.make_button.setToolTip(
            _("Share today's jobs fairly among the people who are in (Ctrl+R)")
        )
        self.make_button.clicked.connect(self.make)
        body.insertWidget(1, self.make_button)
        self.problems = label("", "warning")
        body.insertWidget(2, self.problems)
        self.why = label("", "muted")
        body.addWidget(self.why)
        actions = QHBoxLayout()
        self.move_button = PictureButton("switch_user", _("Move to another job"))
        self.move_button.setToolTip(_("Move the person of the chosen job to another job"))
        self.move_button.clicked.connect(self.move_chosen)
        actions.addWidget(self.move_button)
        actions.addStretch(1)
        self.print_button = PictureButton("print", _("Print"))
        self.print_button.setToolTip(_("Print the picture rota on A4 paper"))
        self.print_button.clicked.connect(self.print_rota)
        actions.addWidget(self.print_button)
        self.pdf_button = PictureButton("save", _("Save as PDF"))
        self.pdf_button.setToolTip(_("Save the picture rota as a PDF file"))
        self.pdf_button.clicked.connect(self.save_pdf)
        actions.addWidget(self.pdf_button)
        body.addLayout(actions)
        return card

    def _build_areas(self) -> QGridLayout:
        from dutchfarm.ui.main_window import AREAS

        grid = QGridLayout()
        grid.setSpacing(8)
        per_row = max(3, round(9 / text_scale()))
        self.tiles: dict[str, PictureButton] = {}
        for index, (page, icon_name, words, keys) in enumerate(AREAS):
            tile = PictureButton(icon_name, words, icon_size=32)
            tile.setMinimumWidth(scaled(120))
            # Tall enough for its words at any text size; the layout may not squeeze it.
            tile.setMinimumHeight(max(TARGET, scaled(52)))
            tile.setToolTip(_("Open {words} ({keys})").format(words=words, keys=keys))
            tile.clicked.connect(lambda _=False, name=page: self.context.go(name))
            grid.addWidget(tile, index // per_row, index % per_row)
            self.tiles[page] = tile
        return grid

    # --- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show today's date, who is in, the day's jobs and the rota, as the services have them."""
        db = self.context.db
        self.day = dt.date.today()
        farm = get_farm(db)
        self.date_label.setText(long_date(self.day))
        season = current_season(db, self.day)
        self.season_label.setText(
            f"{farm.name}. "
            + (
                _("This is the {year} season.").format(year=season.year)
                if season
                else _("No season has started yet.")
            )
        )
        actor = self.context.actor
        if actor.person_id is None:
            self.greeting.setText(_("Hello! Who are you?"))
            self.choose_button.show()
        else:
            self.greeting.setText(_("Hello {name}.").format(name=actor.name))
            self.choose_button.hide()
        self.allowed = can_change_rota(db, actor)
        self.locked_note.setVisible(not self.allowed)
        people = list_people(db)
        self.people = {p.id: p for p in people}
        self.show_rota(day_rota(db, self.day), people)

    def show_rota(self, rota: DayRota, people: list[PersonInfo]) -> None:
        """Show who is in, the jobs and the rota of ``rota``."""
        self.rota = rota
        self._show_who(people)
        self._show_jobs()
        for button in (self.make_button, self.add_job_button):
            button.setEnabled(self.allowed)
        self.print_button.setEnabled(rota.made)
        self.pdf_button.setEnabled(rota.made)
        self.problems.setText("\n".join(rota.problems))
        self.problems.setVisible(bool(rota.problems))
        self.rota_view.show_rota(
            rota,
            self.people,
            self.allowed,
            _("Tick who is in, then tap 'Make the rota'."),
        )

    def tab_sequence(self) -> list[QWidget]:
        """Return who is in, the jobs, the rota and printing; large text puts the areas first."""
        who: list[QWidget] = list(self.who.toggles.values())
        jobs: list[QWidget] = [row.done_button for row in self.job_rows.values()]
        rota: list[QWidget] = [self.add_job_button, self.make_button]
        for card in self.rota_view.cards:
            rota += card.chips
            rota += [card.no_job] if card.no_job is not None else []
        rota += [self.move_button, self.print_button, self.pdf_button]
        tiles: list[QWidget] = list(self.tiles.values())
        parts = [who, jobs, rota, tiles] if self.wide else [tiles, who, jobs, rota]
        return [self.choose_button] + [widget for part in parts for widget in part]

    def _show_who(self, people: list[PersonInfo]) -> None:
        self.who.set_people(people)
        self.who.set_present(self.rota.present, self.allowed)
        count = len(self.rota.present)
        self.who_count.setText(
            _("Tap the picture of each person who is in.")
            if not count
            else ngettext(
                "{count} person is in.",
                "{count} people are in.",
                count,
            ).format(count=count)
        )

    def _show_jobs(self) -> None:
        clear_layout(self.jobs_list)
        self.job_rows = {}
        for job in self.rota.jobs:
            row = JobRow(job, self.allowed, self.rota.made)
            row.done_toggled.connect(self.set_done)
            row.dropped.connect(self.move_place)
            self.jobs_list.addWidget(row)
            self.job_rows[job.id] = row
        if not self.rota.jobs:
            self.jobs_list.addWidget(
                label(_("There are no jobs today yet. Tap 'Add a job'."), "muted")
            )
        self.jobs_list.addStretch(1)

    def _chip_chosen(self, chip: JobChip | None) -> None:
        if chip is None:
            self.why.setText(
                _(
                    "Tap a job on the rota to see why that person has it. To move the "
                    "person, drag the job to another job."
                )
                if self.rota.made
                else ""
            )
        else:
            self.why.setText(
                _("Why? {reason}").format(reason=chip.place.reason)
                if chip.place.reason
                else chip.text()
            )
        self.move_button.setEnabled(self.allowed and chip is not None and chip.movable)

    # --- changing ---------------------------------------------------------------------------

    def _change(self, action: Callable[..., Any], *args: Any) -> Any:
        """Call a rota service as the current user; None if it was refused (and said why)."""
        return self.context.run(
            self, action, self.context.db, self.context.actor, *args, announce=(Topic.ROTA,)
        )

    def _put_back(self, before: DayRota) -> None:
        self._change(restore_rota, before.day, before.placements())

    def tick(self, person: PersonInfo, present: bool) -> None:
        """Tick a person in, or out (which takes them off the jobs not done yet)."""
        before = self.rota
        if self._change(set_attendance, self.day, person.id, present) is None:
            self.who.toggles[person.id].set_in(person.id in before.present)
            return
        if present:
            self.context.offer_undo(
                _("{name} is in today.").format(name=person.name),
                lambda: self._change(set_attendance, before.day, person.id, False),
            )
            return

        def undo() -> None:
            self._change(set_attendance, before.day, person.id, True)
            self._put_back(before)

        self.context.offer_undo(_("{name} is not in today.").format(name=person.name), undo)

    def make(self) -> None:
        """Make the rota (asking first if it would undo changes made by hand)."""
        before = self.rota
        moves = before.hand_moves
        if moves and not dialogs.ask(
            self,
            _("Make the rota again?"),
            ngettext(
                "{moves} change was made by hand. Making the rota again starts from the beginning.",
                "{moves} changes were made by hand. Making the rota again starts from "
                "the beginning.",
                moves,
            ).format(moves=moves),
            yes=_("Make it again"),
        ):
            return
        made = self._change(make_day_rota, self.day)
        if made is None:
            return
        jobs = sum(1 for job in made.jobs if job.people)
        people = len({p.person_id for p in made.placements()})
        self.context.offer_undo(
            _("The rota is made: {people} people on {jobs} jobs.").format(people=people, jobs=jobs),
            lambda: self._put_back(before),
        )

    def move_place(self, person_id: int, from_job_id: int, to_job_id: int) -> None:
        """Move a person from one job to another by hand; from job 0 gives them a job."""
        before = self.rota
        if from_job_id:
            moved = self._change(move_person, person_id, from_job_id, to_job_id)
        else:
            moved = self._change(give_job, person_id, to_job_id)
        if moved is None:
            return
        chip = self.rota_view.chip(to_job_id, person_id)
        if chip is not None:
            self.rota_view.choose(chip)
            chip.setFocus()
        name = self.people[person_id].name if person_id in self.people else _("Someone")
        verb = _("moved to") if from_job_id else _("is on")
        self.context.offer_undo(
            f"{name} {verb} {moved.job(to_job_id).title}.", lambda: self._put_back(before)
        )

    def move_chosen(self) -> None:
        """Choose a job for the chosen person's place to move to (the keyboard's way to move)."""
        from dutchfarm.ui.job_dialogs import JobChooser

        chip = self.rota_view.selected
        if chip is None or chip.place.person_id is None:
            return
        person = self.people.get(chip.place.person_id)
        cannot = person.cannot if person is not None else frozenset()
        chooser = JobChooser(chip.place.name, list(self.rota.jobs), chip.job.id, cannot, self)
        if dialogs.show_dialog(chooser) and chooser.chosen is not None:
            self.move_place(chip.place.person_id, chip.job.id, chooser.chosen)

    def give_chosen(self, person_id: int) -> None:
        """Choose a job for someone who has none (the tap and keyboard way to give one)."""
        from dutchfarm.ui.job_dialogs import JobChooser

        person = self.people.get(person_id)
        if person is None:
            return
        chooser = JobChooser(person.name, list(self.rota.jobs), 0, person.cannot, self)
        if dialogs.show_dialog(chooser) and chooser.chosen is not None:
            self.move_place(person_id, 0, chooser.chosen)

    def set_done(self, job_id: int, done: bool) -> None:
        """Tick a job done, or not done."""
        title = self.rota.job(job_id).title
        if self._change(set_job_done, job_id, done) is None:
            self.reload()
            return
        if job_id in self.job_rows:
            self.job_rows[job_id].done_button.setFocus()
        self.context.offer_undo(
            (_("{title} is done.") if done else _("{title} is not done yet.")).format(title=title),
            lambda: self._change(set_job_done, job_id, not done),
        )

    def add_job(self) -> None:
        """Add a job for today only."""
        from dutchfarm.ui.job_dialogs import OneOffJobDialog

        db = self.context.db
        dialog = OneOffJobDialog(list_task_types(db), list_beds_for_jobs(db), list_crops(db), self)
        if not dialogs.show_dialog(dialog):
            return
        kind, people, bed, crop = dialog.request()
        job = self._change(add_one_off_job, self.day, kind, people, bed, crop)
        if job is not None:
            self.context.offer_undo(
                _("{title} is on today's list.").format(title=job.title),
                lambda: self._change(remove_one_off_job, job.id),
            )

    # --- printing ---------------------------------------------------------------------------

    def print_rota(self) -> None:
        """Print the picture rota on the printer chosen."""
        print_day(self, self.context, self.day)

    def save_pdf(self) -> None:
        """Save the picture rota as a PDF file."""
        save_day(self, self.context, self.day)
