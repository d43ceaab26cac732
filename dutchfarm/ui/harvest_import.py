"""Importing a harvest CSV from the window: a preview with the choices, then all in one go."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.db.database import DatabaseError
from dutchfarm.domain.harvest_csv import HarvestFile
from dutchfarm.domain.terms import Unit
from dutchfarm.services.catalogue import CropInfo, list_crops
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.harvest_files import (
    ImportOptions,
    ImportPlan,
    ImportResult,
    import_harvests,
    plan_import,
)
from dutchfarm.ui import icons
from dutchfarm.ui.context import AppContext
from dutchfarm.ui.harvest_entry import UNITS
from dutchfarm.ui.theme import TARGET
from dutchfarm.ui.widgets import PictureButton, fitted, label, primary_button, scaled
from dutchfarm.words import _, ngettext

CHOOSE = "choose"
NEW = "new"
# The progress bar shows only for an import that takes longer than this.
PROGRESS_AFTER_MS = 1000


class ImportWorker(QObject):
    """Runs the import away from the window's thread, reporting progress as it goes."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self, context: AppContext, parsed: HarvestFile, options: ImportOptions, name: str
    ) -> None:
        super().__init__()
        self.db, self.actor = context.db, context.actor
        self.parsed, self.options, self.name = parsed, options, name

    @Slot()
    def run(self) -> None:
        """Import, then say how it went."""
        try:
            result = import_harvests(
                self.db,
                self.actor,
                self.parsed,
                self.options,
                file_name=self.name,
                progress=lambda done, total: self.progress.emit(done, total),
            )
        except (ServiceError, DatabaseError) as error:
            # Both say in plain words what went wrong (a full disk, say) and that nothing
            # was saved.
            self.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - shown to the person, never lost
            self.failed.emit(
                _("Something went wrong ({name}). Nothing was imported.").format(
                    name=type(error).__name__
                )
            )
            return
        self.finished.emit(result)


class ImportDialog(QDialog):
    """Shows what a file holds and how its crops match the library; imports on "Import"."""

    imported = Signal(object)

    def __init__(
        self,
        context: AppContext,
        parsed: HarvestFile,
        file_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.parsed = parsed
        self.file_name = file_name
        self.plan: ImportPlan | None = None
        self.outcome: ImportResult | None = None
        self.worker_thread: QThread | None = None
        self.worker: ImportWorker | None = None
        self.setWindowTitle(_("Import harvests"))
        self.setAccessibleName(_("Import harvests"))
        self.resize(fitted(self, QSize(scaled(900), scaled(700))))
        outer = QVBoxLayout(self)
        outer.addWidget(
            label(_("Import harvests from {file_name}").format(file_name=file_name), "heading")
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.column = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.summary = label("")
        self.column.addWidget(self.summary)
        self.problems = label("", "warning")
        self.column.addWidget(self.problems)

        self.unit_box = QWidget()
        unit_layout = QVBoxLayout(self.unit_box)
        unit_layout.setContentsMargins(0, 0, 0, 0)
        self.unit_words = label("")
        unit_layout.addWidget(self.unit_words)
        units = QHBoxLayout()
        self.unit_group = QButtonGroup(self)
        self.unit_buttons: dict[Unit, PictureButton] = {}
        for unit, icon_name, words in UNITS:
            button = PictureButton(icon_name, words, icon_size=28)
            button.setCheckable(True)
            button.toggled.connect(self._unit_toggled)
            self.unit_group.addButton(button)
            self.unit_buttons[unit] = button
            units.addWidget(button)
        units.addStretch(1)
        unit_layout.addLayout(units)
        self.column.addWidget(self.unit_box)

        self.column.addWidget(label(_("The crops in the file"), "heading"))
        self.crop_table = QTableWidget(0, 3)
        self.crop_table.setAccessibleName(_("The crops in the file and the crops they become"))
        self.crop_table.setHorizontalHeaderLabels((_("In the file"), _("Rows"), _("In Dutch Farm")))
        self.crop_table.verticalHeader().setVisible(False)
        self.crop_table.verticalHeader().setDefaultSectionSize(max(TARGET, scaled(44)))
        self.crop_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.crop_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.crop_table.setIconSize(QSize(scaled(28), scaled(28)))
        self.crop_table.setMinimumHeight(scaled(260))
        self.column.addWidget(self.crop_table)
        self.choosers: dict[str, QComboBox] = {}

        self.skip_duplicates = QCheckBox(_("Leave out the rows already in the log"))
        self.skip_duplicates.setAccessibleName(_("Leave out the rows already in the log"))
        self.skip_duplicates.setChecked(True)
        self.skip_duplicates.toggled.connect(lambda *_: self.replan())
        self.column.addWidget(self.skip_duplicates)
        self.notes = label("", "muted")
        self.column.addWidget(self.notes)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("How much is imported"))
        self.progress.hide()
        outer.addWidget(self.progress)
        buttons = QHBoxLayout()
        self.cancel_button = PictureButton("cross", _("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.import_button = primary_button("import", _("Import"))
        self.import_button.clicked.connect(self.start_import)
        buttons.addWidget(self.import_button)
        outer.addLayout(buttons)
        self.library: list[CropInfo] = list_crops(context.db)
        self.replan(first=True)

    def _unit_toggled(self, on: bool) -> None:
        if on:
            self.replan()

    def options(self) -> ImportOptions:
        """Return the choices made in the dialog so far."""
        unit = next((u for u, b in self.unit_buttons.items() if b.isChecked()), None)
        chosen: dict[str, int] = {}
        create = False
        for key, box in self.choosers.items():
            data = box.currentData()
            if data == NEW:
                create = True
            elif isinstance(data, int):
                chosen[key] = data
        return ImportOptions(
            default_unit=unit,
            create_crops=create,
            crop_choices=chosen,
            skip_duplicates=self.skip_duplicates.isChecked(),
        )

    def replan(self, first: bool = False) -> None:
        """Work out again what the import would do with the choices made, and show it."""
        options = self.options()
        try:
            plan = plan_import(
                self.context.db, self.context.actor, self.parsed, options, self.file_name
            )
        except ServiceError as error:
            self.summary.setText(str(error))
            self.import_button.setEnabled(False)
            return
        if options.create_crops:
            # Only the names the person chose "add as new" for are new; the rest still ask.
            plan = _only_chosen_new(plan, self.choosers)
        self.plan = plan
        self._show(plan, first)

    def _show(self, plan: ImportPlan, first: bool) -> None:
        if first:
            self._fill_crops(plan)
        ready_to_say = plan.harvests and not plan.missing_unit_lines and not plan.problems
        self.summary.setText(
            _("The file has {data_rows:,} rows. It would bring in {0}").format(
                plan.summary(), data_rows=plan.data_rows
            )
            if ready_to_say
            else _("The file has {data_rows:,} rows.").format(data_rows=plan.data_rows)
        )
        problems = []
        if plan.problems:
            lines = "; ".join(
                _("line {line}: {reason}").format(line=p.line, reason=p.reason)
                for p in plan.problems[:10]
            )
            problems.append(
                _("Some rows cannot be read. Please correct the file first. {lines}.").format(
                    lines=lines
                )
            )
        waiting = [key for key, box in self.choosers.items() if box.currentData() == CHOOSE]
        if waiting:
            crops = ngettext(
                "{waiting} crop",
                "{waiting} crops",
                len(waiting),
            ).format(waiting=len(waiting))
            problems.append(
                _("Choose what to do with {crops} that the crop library lacks.").format(crops=crops)
            )
        self.problems.setText(" ".join(problems))
        self.problems.setVisible(bool(problems))
        missing = plan.missing_unit_lines or plan.defaulted_units
        self.unit_box.setVisible(bool(missing))
        if plan.missing_unit_lines or self.options().default_unit is None:
            count = len(plan.missing_unit_lines)
            self.unit_words.setText(
                _("{count} rows have no unit. Tap the unit they are in.").format(count=count)
                if count
                else ""
            )
        else:
            self.unit_words.setText(
                _("{defaulted_units} rows had no unit. They are in:").format(
                    defaulted_units=plan.defaulted_units
                )
            )
        self.skip_duplicates.setVisible(bool(plan.duplicates))
        notes = [plan.duplicates_warning()] if plan.duplicates else []
        self.notes.setText("\n".join(notes + plan.notes()))
        ready = plan.ready and not waiting and plan.harvests > 0
        self.import_button.setEnabled(ready)
        # A green button that cannot be tapped is hard to read: it is green only when ready.
        self.import_button.setProperty("role", "primary" if ready else None)
        self.import_button.style().unpolish(self.import_button)
        self.import_button.style().polish(self.import_button)
        self.import_button.setText(
            _("Import {harvests:,} harvests").format(harvests=plan.harvests)
            if ready
            else _("Import")
        )
        self.import_button.setAccessibleName(self.import_button.text())

    def _fill_crops(self, plan: ImportPlan) -> None:
        table = self.crop_table
        table.setRowCount(len(plan.crops))
        for row, match in enumerate(plan.crops):
            table.setItem(row, 0, QTableWidgetItem(match.name))
            count = QTableWidgetItem(f"{match.rows:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 1, count)
            if match.how == "unknown":
                box = QComboBox()
                box.setAccessibleName(_("What {name} is").format(name=match.name))
                box.setIconSize(QSize(scaled(24), scaled(24)))
                box.addItem(icons.icon("help"), _("Choose…"), CHOOSE)
                box.addItem(
                    icons.icon("add"), _("Add {name} as a new crop").format(name=match.name), NEW
                )
                for crop in self.library:
                    box.addItem(icons.icon(crop.icon), crop.name, crop.id)
                box.currentIndexChanged.connect(lambda *_: self.replan())
                self.choosers[match.key] = box
                table.setCellWidget(row, 2, box)
            else:
                item = QTableWidgetItem(icons.icon(match.icon or "harvest"), match.crop_name or "")
                table.setItem(row, 2, item)

    def start_import(self) -> None:
        """Import in a worker thread; the progress bar shows if it takes more than a second."""
        if self.plan is None or not self.plan.ready:
            return
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.worker_thread = QThread(self)
        self.worker = ImportWorker(self.context, self.parsed, self.options(), self.file_name)
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.progress.setRange(0, max(1, self.plan.harvests))
        QTimer.singleShot(PROGRESS_AFTER_MS, self._show_progress)
        self.worker_thread.start()

    def _show_progress(self) -> None:
        if self.worker_thread is not None and self.worker_thread.isRunning():
            self.progress.show()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _stop_thread(self) -> None:
        if self.worker_thread is not None:
            self.worker_thread.quit()
            self.worker_thread.wait()

    def _finished(self, result: ImportResult) -> None:
        self._stop_thread()
        self.outcome = result
        self.imported.emit(result)
        self.accept()

    def _failed(self, message: str) -> None:
        self._stop_thread()
        from dutchfarm.ui import dialogs

        dialogs.warn(self, _("Nothing was imported"), message)
        self.cancel_button.setEnabled(True)
        self.replan()


def _only_chosen_new(plan: ImportPlan, choosers: dict[str, QComboBox]) -> ImportPlan:
    """Return the plan with names still waiting for a choice shown as unknown, not new."""
    from dataclasses import replace

    crops = tuple(
        replace(match, how="unknown")
        if match.how == "new"
        and choosers.get(match.key) is not None
        and choosers[match.key].currentData() != NEW
        else match
        for match in plan.crops
    )
    return replace(plan, crops=crops)
