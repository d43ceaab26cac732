"""The Rota page: any day's rota, the jobs that come back, the kinds of job, and fairness."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.jobs import long_date
from dutchfarm.services.auth import farm_can_be_managed_by
from dutchfarm.services.catalogue import list_task_types
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.fairness import fairness
from dutchfarm.services.jobs import (
    list_beds_for_jobs,
)
from dutchfarm.services.people import PersonInfo, list_people
from dutchfarm.services.rota import DayRota, day_rota
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.rota_board import JobChip, JobRow, RotaView
from dutchfarm.ui.rota_forms import date_box, from_qdate, to_qdate
from dutchfarm.ui.rota_models import (
    COL_PERSON,
    FairnessTableModel,
)
from dutchfarm.ui.rota_printing import print_day, save_day
from dutchfarm.ui.rota_setup import KindsEditor, RecurringJobsEditor, sorted_table
from dutchfarm.ui.theme import text_scale
from dutchfarm.ui.widgets import (
    PictureButton,
    button_rows,
    clear_layout,
    label,
    scaled,
    scroll_area,
)
from dutchfarm.words import _, ngettext

if TYPE_CHECKING:
    from dutchfarm.ui.fairness_chart import FairnessChart

SECTIONS = (
    ("day", "calendar", _("Day by day")),
    ("recurring", "rota", _("Jobs that come back")),
    ("kinds", "tool_care", _("Kinds of job")),
    ("fairness", "chart", _("Fairness")),
)


class RotaPage(Page):
    """Any day's rota; the coordinator's jobs and kinds of job; who did what, how often."""

    name = "rota"
    title = _("Rota")
    icon_name = "rota"
    topics = frozenset({Topic.ROTA, Topic.PEOPLE, Topic.USER, Topic.BEDS})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.wide = text_scale() < 1.3
        self.day = dt.date.today()
        self.rota: DayRota | None = None
        self.people: dict[int, PersonInfo] = {}
        self.chart: FairnessChart | None = None
        self.section_group = QButtonGroup(self)
        self.section_buttons: dict[str, PictureButton] = {}
        self.stack = QStackedWidget()
        # Each part is built, and loaded, the first time it is shown; until then the
        # stack holds an empty stand-in for it.
        self.sections: dict[str, QWidget] = {}
        self.stale_sections: set[str] = set()
        for key, icon_name, words in SECTIONS:
            button = PictureButton(icon_name, words, icon_size=32)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self.show_section(k))
            self.section_group.addButton(button)
            self.section_buttons[key] = button
            self.stack.addWidget(QWidget())
        self._build_section("day")
        switcher = button_rows(list(self.section_buttons.values()), 4 if self.wide else 2)
        if self.wide:
            self.outer.addLayout(switcher)
            self.outer.addWidget(self.stack, 1)
        else:
            # Big text: the whole page scrolls, each part at a height it can be used at.
            body = QWidget()
            column = QVBoxLayout(body)
            column.setContentsMargins(0, 0, 0, 0)
            column.addLayout(switcher)
            column.addWidget(self.stack, 1)
            self.stack.setMinimumHeight(scaled(560))
            self.outer.addWidget(scroll_area(body), 1)
        self.section_buttons["day"].setChecked(True)

    # --- sections -------------------------------------------------------------------------

    def show_section(self, key: str) -> None:
        """Show one part of the page: "day", "recurring", "kinds" or "fairness"."""
        self._build_section(key)
        self.section_buttons[key].setChecked(True)
        self.stack.setCurrentWidget(self.sections[key])
        self._refresh_section(key)

    def current_section(self) -> str:
        """Return the key of the part shown."""
        return SECTIONS[self.stack.currentIndex()][0]

    def _build_section(self, key: str) -> None:
        if key in self.sections:
            return
        builders: dict[str, Callable[[], QWidget]] = {
            "day": self._build_day,
            "recurring": self._build_recurring,
            "kinds": self._build_kinds,
            "fairness": self._build_fairness,
        }
        index = [k for k, _i, _w in SECTIONS].index(key)
        stand_in = self.stack.widget(index)
        shown = self.stack.currentWidget() is stand_in
        self.sections[key] = builders[key]()
        self.stack.insertWidget(index, self.sections[key])
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        if shown:
            # Taking out the stand-in on show would show the next part's stand-in instead.
            self.stack.setCurrentWidget(self.sections[key])
        self.stale_sections.add(key)

    def _build_recurring(self) -> QWidget:
        self.recurring = RecurringJobsEditor(self.context, self.wide)
        return self.recurring

    def _build_kinds(self) -> QWidget:
        self.kinds_editor = KindsEditor(self.context, self.wide)
        return self.kinds_editor

    def refresh(self) -> None:
        """Load the part shown from the services; the others load when they are shown."""
        db = self.context.db
        self.people = {p.id: p for p in list_people(db, include_archived=True)}
        self.stale_sections = set(self.sections)
        self._refresh_section(self.current_section())

    def _refresh_section(self, key: str) -> None:
        if key not in self.stale_sections:
            return
        self.stale_sections.discard(key)
        db = self.context.db
        if key == "day":
            self._refresh_day()
        elif key == "recurring":
            self.recurring.set_choices(list_task_types(db), list_beds_for_jobs(db))
            self.recurring.refresh(farm_can_be_managed_by(db, self.context.actor))
        elif key == "kinds":
            self.kinds_editor.refresh(farm_can_be_managed_by(db, self.context.actor))
        else:
            self._refresh_fairness()

    # --- one day's rota ---------------------------------------------------------------------

    def _build_day(self) -> QWidget:
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 8, 0, 0)
        self.previous_button = PictureButton("back", _("Day before"))
        self.previous_button.clicked.connect(lambda: self.show_day(self.day - dt.timedelta(1)))
        self.date = date_box(_("Day to show"))
        self.date.dateChanged.connect(lambda d: self.show_day(from_qdate(d)))
        self.next_button = PictureButton("calendar", _("Day after"))
        self.next_button.clicked.connect(lambda: self.show_day(self.day + dt.timedelta(1)))
        self.today_button = PictureButton("today", _("Today"))
        self.today_button.clicked.connect(lambda: self.show_day(dt.date.today()))
        self.print_button = PictureButton("print", _("Print"))
        self.print_button.clicked.connect(self.print_rota)
        self.pdf_button = PictureButton("save", _("Save as PDF"))
        self.pdf_button.clicked.connect(self.save_pdf)
        moving = [self.previous_button, self.date, self.next_button, self.today_button]
        printing = [self.print_button, self.pdf_button]
        if self.wide:
            row = QHBoxLayout()
            for widget in moving:
                row.addWidget(widget)
            row.addStretch(1)
            for widget in printing:
                row.addWidget(widget)
            layout.addLayout(row)
        else:
            layout.addLayout(button_rows(moving, 2))
            layout.addLayout(button_rows(printing, 2))
        self.day_words = label("", "heading")
        layout.addWidget(self.day_words)
        self.day_summary = label("", "muted")
        layout.addWidget(self.day_summary)
        jobs = QWidget()
        self.day_jobs = QVBoxLayout(jobs)
        self.day_jobs.setContentsMargins(0, 0, 0, 0)
        self.day_view = RotaView(2 if self.wide else 1)
        self.day_view.selection_changed.connect(self._chip_chosen)
        if self.wide:
            body = QSplitter()
            body.addWidget(scroll_area(jobs))
            body.addWidget(scroll_area(self.day_view))
            body.setStretchFactor(0, 2)
            body.setStretchFactor(1, 3)
            body.setSizes([scaled(400), scaled(700)])
            layout.addWidget(body, 1)
        else:
            # Big text: the jobs, then the people, in one scrolling column.
            both = QWidget()
            column = QVBoxLayout(both)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(jobs)
            column.addWidget(self.day_view)
            layout.addWidget(scroll_area(both), 1)
        self.day_why = label("", "muted")
        layout.addWidget(self.day_why)
        return section

    def show_day(self, day: dt.date) -> None:
        """Show the rota of ``day``."""
        if day == self.day and self.rota is not None:
            return
        self.day = day
        self._refresh_day()

    def _refresh_day(self) -> None:
        self.rota = rota = day_rota(self.context.db, self.day)
        self.date.blockSignals(True)
        self.date.setDate(to_qdate(self.day))
        self.date.blockSignals(False)
        self.day_words.setText(long_date(self.day))
        done = sum(1 for job in rota.jobs if job.done)
        jobs = len(rota.jobs)
        in_words = ngettext(
            "{present} person was in.",
            "{present} people were in.",
            len(rota.present),
        ).format(present=len(rota.present))
        if self.day >= dt.date.today():
            in_words = in_words.replace("was", "is").replace("were", "are")
        self.day_summary.setText(
            ngettext(
                "{in_words} {jobs} job, {done} done.",
                "{in_words} {jobs} jobs, {done} done.",
                jobs,
            ).format(jobs=jobs, in_words=in_words, done=done)
            if rota.jobs or rota.present
            else _("Nothing was written down for this day.")
        )
        clear_layout(self.day_jobs)
        for job in rota.jobs:
            self.day_jobs.addWidget(JobRow(job, can_change=False, made=rota.made))
        self.day_jobs.addStretch(1)
        self.day_view.show_rota(rota, self.people, False, _("No rota was made for this day."))
        self.print_button.setEnabled(rota.made)
        self.pdf_button.setEnabled(rota.made)

    def _chip_chosen(self, chip: JobChip | None) -> None:
        self.day_why.setText(
            _("Why? {reason}").format(reason=chip.place.reason)
            if chip and chip.place.reason
            else ""
        )

    def print_rota(self) -> None:
        """Print the picture rota of the day shown."""
        print_day(self, self.context, self.day)

    def save_pdf(self) -> None:
        """Save the picture rota of the day shown as a PDF file."""
        save_day(self, self.context, self.day)

    # --- fairness ---------------------------------------------------------------------------

    def _build_fairness(self) -> QWidget:
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 8, 0, 0)
        self.fair_from = date_box(_("First day of the period"))
        self.fair_to = date_box(_("Last day of the period"))
        today = dt.date.today()
        self.fair_from.setDate(to_qdate(today - dt.timedelta(weeks=4)))
        self.fair_to.setDate(to_qdate(today))
        self.fair_from.dateChanged.connect(lambda *_: self._refresh_fairness())
        self.fair_to.dateChanged.connect(lambda *_: self._refresh_fairness())
        dates = QHBoxLayout()
        for widget in (label(_("From"), wrap=False), self.fair_from, label("to", wrap=False)):
            dates.addWidget(widget)
        dates.addWidget(self.fair_to)
        dates.addStretch(1)
        self.period_buttons: dict[str, PictureButton] = {}
        for key, words, days in (
            ("4w", _("Last 4 weeks"), 27),
            ("3m", _("Last 3 months"), 90),
            ("1y", _("Last year"), 364),
        ):
            button = PictureButton("calendar", words)
            button.clicked.connect(lambda _=False, d=days: self.choose_period(d))
            self.period_buttons[key] = button
        periods = button_rows(list(self.period_buttons.values()), 3 if self.wide else 2)
        if self.wide:
            dates.insertLayout(dates.count() - 1, periods)
            layout.addLayout(dates)
        else:
            layout.addLayout(dates)
            layout.addLayout(periods)
        self.fair_summary = label("", "muted")
        layout.addWidget(self.fair_summary)
        views = QHBoxLayout()
        self.view_group = QButtonGroup(self)
        self.table_button = PictureButton("rota", _("Table"))
        self.chart_button = PictureButton("chart", _("Chart"))
        for button in (self.table_button, self.chart_button):
            button.setCheckable(True)
            self.view_group.addButton(button)
            views.addWidget(button)
        views.addStretch(1)
        self.table_button.setChecked(True)
        self.table_button.clicked.connect(self.show_table)
        self.chart_button.clicked.connect(self.show_chart)
        layout.addLayout(views)
        self.fair_model = FairnessTableModel()
        self.fair_table, self.fair_proxy = sorted_table(
            _("How often each person did each job"), self.fair_model, COL_PERSON
        )
        self.fair_views: QStackedWidget = QStackedWidget()
        self.fair_views.addWidget(self.fair_table)
        layout.addWidget(self.fair_views, 1)
        return section

    def choose_period(self, days: int) -> None:
        """Look at the days up to today: the last ``days`` + 1 of them."""
        today = dt.date.today()
        self.fair_to.blockSignals(True)
        self.fair_to.setDate(to_qdate(today))
        self.fair_to.blockSignals(False)
        self.fair_from.setDate(to_qdate(today - dt.timedelta(days=days)))
        self._refresh_fairness()

    def _refresh_fairness(self) -> None:
        start, end = from_qdate(self.fair_from.date()), from_qdate(self.fair_to.date())
        try:
            table = fairness(self.context.db, start, end)
        except ServiceError as error:
            self.fair_summary.setText(str(error))
            return
        self.fair_model.set_table(table)
        self.fair_summary.setText(
            ngettext(
                "From {start} to {end}: {total} place on the rota. Tap a column's "
                "title to sort by it.",
                "From {start} to {end}: {total} places on the rota. Tap a column's "
                "title to sort by it.",
                table.total,
            ).format(total=table.total, start=long_date(start), end=long_date(end))
        )
        if self.chart is not None:
            self.chart.show_table(table)

    def show_table(self) -> None:
        """Show the counts as a table."""
        self.table_button.setChecked(True)
        self.fair_views.setCurrentWidget(self.fair_table)

    def show_chart(self) -> None:
        """Show the chart, making it the first time (matplotlib loads only then)."""
        if self.chart is None:
            from dutchfarm.ui.fairness_chart import FairnessChart

            self.chart = FairnessChart()
            self.fair_views.addWidget(self.chart)
        if self.fair_model.table is not None:
            self.chart.show_table(self.fair_model.table)
        self.chart_button.setChecked(True)
        self.fair_views.setCurrentWidget(self.chart)
