"""The Harvest page: a gardener logs with pictures; staff keep the log, charts and reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.harvest import describe_amount, short_date
from dutchfarm.domain.terms import Role
from dutchfarm.services.farm import current_season, season_of_year
from dutchfarm.services.harvest import HarvestInfo, list_harvests
from dutchfarm.services.harvest_files import ImportResult, read_harvest_file, undo_import
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.farm_charts import FarmCharts
from dutchfarm.ui.harvest_chart import HarvestChart
from dutchfarm.ui.harvest_entry import QuickHarvestPanel, take_out
from dutchfarm.ui.harvest_log import HarvestLog
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.theme import TARGET_LARGE, text_scale
from dutchfarm.ui.widgets import Card, PictureButton, label, scaled
from dutchfarm.words import _

MY_HARVESTS_SHOWN = 30


class GardenerView(QWidget):
    """A gardener's own view: log with pictures, see their chart, change their harvests."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        # With large text there is no room for both halves side by side: two big buttons
        # then show one half at a time.
        wide = text_scale() < 1.3
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.switch = QHBoxLayout()
        self.half_group = QButtonGroup(self)
        self.log_half = PictureButton("picked", _("I picked something"), icon_size=40, large=True)
        self.mine_half = PictureButton("chart", _("What I picked"), icon_size=40, large=True)
        for index, button in enumerate((self.log_half, self.mine_half)):
            button.setCheckable(True)
            self.half_group.addButton(button, index)
            self.switch.addWidget(button)
        self.switch.addStretch(1)
        self.log_half.setChecked(True)
        if not wide:
            layout.addLayout(self.switch)
        else:
            self.log_half.hide()
            self.mine_half.hide()
        halves = QHBoxLayout() if wide else QStackedLayout()
        # In place before anything goes in it: a stack shows its first widget at once, and
        # with no parent yet that would be a window of its own, taking the keyboard away.
        layout.addLayout(halves, 1)
        entry_card = Card()
        self.entry = QuickHarvestPanel(context, columns=4 if wide else 3)
        entry_card.body.addWidget(self.entry)
        halves.addWidget(entry_card)
        side_widget = QWidget()
        side = QVBoxLayout(side_widget)
        side.setContentsMargins(0, 0, 0, 0)
        self.chart = HarvestChart(context, saving=False)
        self.chart.setMinimumHeight(scaled(300))
        side.addWidget(self.chart, 3)
        side.addWidget(label(_("What you picked"), "heading"))
        self.mine = QListWidget()
        self.mine.setAccessibleName(_("What you picked this season"))
        self.mine.setIconSize(QSize(scaled(40), scaled(40)))
        self.mine.setMinimumHeight(scaled(150))
        self.mine.currentRowChanged.connect(lambda *_: self._chosen())
        side.addWidget(self.mine, 2)
        actions = QHBoxLayout()
        self.change_button = PictureButton("edit", _("Change it"), large=True)
        self.change_button.clicked.connect(self.change)
        actions.addWidget(self.change_button)
        self.remove_button = PictureButton("delete", _("Take it out"), large=True)
        self.remove_button.clicked.connect(self.remove)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        side.addLayout(actions)
        halves.addWidget(side_widget)
        if isinstance(halves, QHBoxLayout):
            halves.setStretch(0, 3)
            halves.setStretch(1, 2)
        else:
            self.half_group.idClicked.connect(halves.setCurrentIndex)
        self.halves = halves
        # After Done, a gardener with large text sees their chart go up.
        self.entry.saved.connect(lambda _: self.show_half(1))
        self.harvests: list[HarvestInfo] = []

    def tab_sequence(self) -> list[QWidget]:
        """Return the halves' switch, the picture entry, then the person's own harvests."""
        mine = [*self.chart.tab_sequence(), self.mine, self.change_button, self.remove_button]
        return [self.log_half, self.mine_half, *self.entry.tab_sequence(), *mine]

    def refresh(self) -> None:
        """Show the person's crops, chart and their harvests this season."""
        actor = self.context.actor
        self.entry.load()
        season = current_season(self.context.db)
        if actor.person_id is None or season is None:
            return
        self.chart.show_person(actor.person_id, season.id)
        self.show_mine()

    def show_mine(self) -> None:
        """List the person's latest harvests this season."""
        actor = self.context.actor
        season = current_season(self.context.db)
        if actor.person_id is None or season is None:
            return
        self.harvests = list_harvests(
            self.context.db, season_id=season.id, person_id=actor.person_id
        )[:MY_HARVESTS_SHOWN]
        self.mine.clear()
        for harvest in self.harvests:
            words = describe_amount(
                harvest.quantity, harvest.unit, harvest.crop_name, harvest.crop_plural
            )
            item = QListWidgetItem(
                icons.icon(harvest.crop_icon), f"{short_date(harvest.day)}: {words}"
            )
            item.setSizeHint(QSize(0, max(TARGET_LARGE, scaled(48))))
            self.mine.addItem(item)
        if not self.harvests:
            self.mine.addItem(_("Nothing yet. Tap a picture to say what you picked."))
        self._chosen()

    def _current(self) -> HarvestInfo | None:
        row = self.mine.currentRow()
        return self.harvests[row] if 0 <= row < len(self.harvests) else None

    def _chosen(self) -> None:
        chosen = self._current() is not None
        self.change_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def change(self) -> None:
        """Show the chosen harvest on the number pad to change it."""
        harvest = self._current()
        if harvest is not None:
            self.entry.edit(harvest)
            self.show_half(0)

    def show_half(self, index: int) -> None:
        """With large text: show the number pad (0) or the person's own harvest (1)."""
        if isinstance(self.halves, QStackedLayout):
            self.half_group.button(index).setChecked(True)
            self.halves.setCurrentIndex(index)

    def remove(self) -> None:
        """Take the chosen harvest out (after asking), with Undo."""
        harvest = self._current()
        if harvest is None:
            return
        words = describe_amount(
            harvest.quantity, harvest.unit, harvest.crop_name, harvest.crop_plural
        )
        if dialogs.ask(
            self,
            _("Take it out?"),
            _("Take out {words}?").format(words=words),
            yes=_("Take it out"),
            no=_("Keep it"),
        ):
            take_out(self.context, self, harvest)


class StaffView(QWidget):
    """The log with its filters and form, the charts, and import, export and the report."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.view_group = QButtonGroup(self)
        self.log_button = PictureButton("harvest", _("The log"), icon_size=28)
        self.charts_button = PictureButton("chart", _("Charts"), icon_size=28)
        for index, button in enumerate((self.log_button, self.charts_button)):
            button.setCheckable(True)
            self.view_group.addButton(button, index)
            top.addWidget(button)
        self.log_button.setChecked(True)
        top.addStretch(1)
        files = top
        if text_scale() >= 1.3:
            # Large text: the files' buttons go on a row of their own, so no word is cut.
            files = QHBoxLayout()
            layout.addLayout(top)
        self.import_button = PictureButton("import", _("Import"), icon_size=28)
        self.import_button.setToolTip(_("Bring in harvest records from a CSV file"))
        self.import_button.clicked.connect(self.import_file)
        self.export_button = PictureButton("export", _("Export"), icon_size=28)
        self.export_button.setToolTip(_("Save the harvest log as a CSV file"))
        self.export_button.clicked.connect(self.export_file)
        self.report_button = PictureButton("report", _("Season report"), icon_size=28)
        self.report_button.setToolTip(_("Make the season report (PDF) for the funders"))
        self.report_button.clicked.connect(self.make_report)
        self.print_button = PictureButton("print", _("Print report"), icon_size=28)
        self.print_button.setToolTip(_("Print the season report on A4 paper"))
        self.print_button.clicked.connect(self.print_report)
        for button in (
            self.import_button,
            self.export_button,
            self.report_button,
            self.print_button,
        ):
            files.addWidget(button)
        if files is not top:
            files.addStretch(1)
        layout.addLayout(files)
        self.views = QStackedWidget()
        self.log = HarvestLog(context)
        self.views.addWidget(self.log)
        layout.addWidget(self.views, 1)
        self.view_group.idClicked.connect(self.show_view)
        # The charts are made the first time they are shown: most visits are to the log.
        self._charts: FarmCharts | None = None
        self.import_dialog: QWidget | None = None

    @property
    def charts(self) -> FarmCharts:
        """Return the farm's charts, making them (for the season shown) the first time."""
        if self._charts is None:
            self._charts = FarmCharts(self.context)
            self.views.addWidget(self._charts)
            self._refresh_charts()
        return self._charts

    @property
    def chart(self) -> HarvestChart:
        """Return the farm's chart on show in the charts."""
        return self.charts.chart

    @property
    def kind_buttons(self) -> dict[str, PictureButton]:
        """Return the charts' buttons, one for each kind of chart."""
        return self.charts.kind_buttons

    @property
    def chart_season(self) -> QComboBox:
        """Return the box choosing the season of the chart."""
        return self.charts.chart_season

    def refresh(self) -> None:
        """Reload the log, and the chart if it has been shown."""
        self.log.refresh()
        if self._charts is not None:
            self._refresh_charts()

    def _refresh_charts(self) -> None:
        # The season chosen in the log, else this year's, from the seasons the log just read.
        season_id = self.log.season_id()
        if season_id is None:
            season = season_of_year(self.log.seasons, dt.date.today().year)
            season_id = season.id if season else None
        self.charts.refresh(self.log.seasons, season_id)

    def show_view(self, index: int) -> None:
        """Show the log (0) or the charts (1), making the charts the first time."""
        self.views.setCurrentWidget(self.charts if index == 1 else self.log)

    def show_charts(self) -> None:
        """Switch to the charts."""
        self.charts_button.setChecked(True)
        self.show_view(1)

    def show_chart(self, kind: str) -> None:
        """Show the farm's chart ``kind`` (see FARM_CHARTS) in the charts."""
        self.charts.show_chart(kind)

    def import_file(self) -> None:
        """Choose a CSV file and show what importing it would do."""
        path = dialogs.open_file(self, _("Choose a harvest file"), _("CSV files (*.csv *.txt)"))
        if not path:
            return
        parsed = self.context.run(self, read_harvest_file, path)
        if parsed is None:
            return
        from dutchfarm.ui.harvest_import import ImportDialog

        dialog = ImportDialog(self.context, parsed, Path(path).name, self)
        dialog.imported.connect(self._imported)
        self.import_dialog = dialog
        dialog.open()

    def _imported(self, result: ImportResult) -> None:
        self.context.announce(Topic.HARVESTS, Topic.SEASONS)
        # What came in is what the person wants to see next: the log, at its season.
        self.log_button.setChecked(True)
        self.show_view(0)
        self.log.show_years(result.plan.years)
        first, last = result.first_id, result.last_id
        if first is not None and last is not None:
            db, actor = self.context.db, self.context.actor
            self.context.offer_undo(
                _("Imported {imported:,} harvests.").format(imported=result.imported),
                lambda: self.context.run(
                    self, undo_import, db, actor, first, last, announce=(Topic.HARVESTS,)
                ),
            )
        dialogs.tell(self, _("Harvests imported"), _("Imported {0}").format(result.plan.summary()))

    def export_file(self) -> None:
        """Save the season chosen (or every season) as a CSV file."""
        from dutchfarm.services.harvest_files import export_harvests

        year = self.log.season_year()
        suggested = f"harvests-{year}.csv" if year else "harvests.csv"
        path = dialogs.save_file(self, _("Save the harvest log"), suggested, _("CSV files (*.csv)"))
        if not path:
            return
        result = self.context.run(
            self, export_harvests, self.context.db, self.context.actor, path, year
        )
        if result is not None:
            dialogs.tell(
                self,
                _("Harvest log saved"),
                _("Saved {rows:,} harvests in {name}.").format(
                    rows=result.rows, name=result.path.name
                ),
            )

    def _report_year(self) -> int | None:
        """Return the year of the season chosen in the log (this season for "All seasons")."""
        year = self.log.season_year()
        if year is None:
            season = current_season(self.context.db)
            year = season.year if season else None
        if year is None:
            dialogs.warn(self, _("No season yet"), _("Start a season first, in Settings."))
        return year

    def make_report(self) -> None:
        """Write the season report of the season chosen as a PDF."""
        from dutchfarm.ui.season_report import make_season_report

        year = self._report_year()
        if year is None:
            return
        path = dialogs.save_file(
            self, _("Save the season report"), f"season-report-{year}.pdf", _("PDF files (*.pdf)")
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        report = self.context.run(self, make_season_report, self.context.db, year, path)
        if report is not None:
            dialogs.tell(
                self,
                _("Season report saved"),
                _("The {year} season report is saved in {path}.").format(year=year, path=path),
            )

    def print_report(self) -> None:
        """Print the season report of the season chosen on the printer the person picks."""
        from dutchfarm.services.report import season_report
        from dutchfarm.ui.season_report import print_season_report

        year = self._report_year()
        report = (
            None if year is None else self.context.run(self, season_report, self.context.db, year)
        )
        printer = dialogs.choose_printer(self) if report is not None else None
        if report is None or printer is None:
            return
        pages = self.context.run(self, print_season_report, report, printer)
        if pages is not None:
            dialogs.tell(
                self,
                _("Season report printed"),
                _("The {year} season report went to the printer.").format(year=year),
            )


class HarvestPage(Page):
    """What was picked: logged by everyone, charted over the season."""

    name = "harvest"
    title = _("Harvest")
    icon_name = "harvest"
    topics = frozenset({Topic.HARVESTS, Topic.USER, Topic.PEOPLE, Topic.SEASONS})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.note = label("", "muted")
        self.outer.addWidget(self.note)
        self.views = QStackedWidget()
        # Each view is made the first time someone who uses it comes: a gardener never
        # waits for the staff's log, nor the staff for the gardener's pictures.
        self._gardener: GardenerView | None = None
        self._staff: StaffView | None = None
        if text_scale() < 1.3:
            self.outer.addWidget(self.views, 1)
        else:
            # Large text needs more room than a screen: the page scrolls as one.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(self.views)
            self.outer.addWidget(scroll, 1)

    @property
    def gardener(self) -> GardenerView:
        """Return the gardener's own view, making it the first time."""
        if self._gardener is None:
            self._gardener = GardenerView(self.context)
            self.views.addWidget(self._gardener)
        return self._gardener

    @property
    def staff(self) -> StaffView:
        """Return the staff's log and charts, making them the first time."""
        if self._staff is None:
            self._staff = StaffView(self.context)
            self.views.addWidget(self._staff)
            self._staff.views.currentChanged.connect(lambda *_: self._staff_note())
        return self._staff

    def _showing_gardener(self) -> bool:
        return self._gardener is not None and self.views.currentWidget() is self._gardener

    def tab_sequence(self) -> list[QWidget]:
        """Return the gardener's controls in order (the staff's are never made again)."""
        return self.gardener.tab_sequence() if self._showing_gardener() else []

    def go_back(self) -> bool:
        """Escape: from "How much?" back to the crop pictures."""
        return self._showing_gardener() and self.gardener.entry.go_back()

    def refresh(self) -> None:
        """Show the gardener's own view or the staff's, for whoever is using the program."""
        actor = self.context.actor
        if actor.role is Role.SERVICE_USER:
            self.note.setText(_("Tap what you picked. Then tap how much. Then tap Done."))
            self.views.setCurrentWidget(self.gardener)
            self.gardener.refresh()
            return
        self._staff_note()
        self.views.setCurrentWidget(self.staff)
        self.staff.refresh()

    def _staff_note(self) -> None:
        # The words above say how to use what is on show: the log, or the charts.
        if self._staff is not None and self._staff.views.currentIndex() == 1:
            self.note.setText(_("Tap a chart's button to see it, and choose its season."))
        elif self.context.actor.person_id is None:
            self.note.setText(_("Tap 'Change user' and choose your picture to log a harvest."))
        else:
            self.note.setText(_("Log a harvest in the form. Tap a row to change it."))
