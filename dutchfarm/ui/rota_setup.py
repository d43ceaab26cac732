"""The coordinator's part of the Rota page: the jobs that come back, and the kinds of job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.services.catalogue import TaskTypeInfo, list_task_types
from dutchfarm.services.jobs import (
    BedChoice,
    RecurringJobInfo,
    TaskTypeDraft,
    add_recurring_job,
    add_task_type,
    list_recurring_jobs,
    set_recurring_job_active,
    set_task_type_archived,
    update_recurring_job,
    update_task_type,
)
from dutchfarm.ui import dialogs
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.rota_forms import RecurringJobForm, TaskTypeForm
from dutchfarm.ui.rota_models import (
    COL_JOB,
    COL_KIND,
    RecurringJobTableModel,
    SortedModel,
    TaskTypeTableModel,
)
from dutchfarm.ui.theme import TARGET
from dutchfarm.ui.widgets import (
    Card,
    PictureButton,
    button_rows,
    label,
    primary_button,
    scaled,
    scroll_area,
)
from dutchfarm.words import _


def sorted_table(name: str, model: Any, sort_column: int) -> tuple[QTableView, SortedModel]:
    """A read-only table of ``model`` that sorts by any column, one row chosen at a time."""
    proxy = SortedModel()
    proxy.setSourceModel(model)
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setIconSize(QSize(scaled(32), scaled(32)))
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(max(TARGET, scaled(44)))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table, proxy


class SetupEditor(QWidget):
    """A list on the left with New and Remove, and a form on the right with Save.

    Only the coordinator may change things; everyone else sees the list and a note why.
    """

    def __init__(
        self,
        context: AppContext,
        model: Any,
        form: QWidget,
        list_name: str,
        sort_column: int,
        new_words: str,
        wide: bool,
    ) -> None:
        super().__init__()
        self.context = context
        self.model = model
        self.form = form
        self.allowed = False
        self.current: Any = None
        self.table, self.proxy = sorted_table(list_name, model, sort_column)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._row_chosen())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.locked = label(
            _("Only the coordinator can change this. The coordinator taps 'Change user' first."),
            "warning",
        )
        layout.addWidget(self.locked)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        self.new_button = PictureButton("add", new_words)
        self.new_button.clicked.connect(lambda: self.show_row(None))
        self.remove_button = PictureButton("delete", _("Remove"))
        self.remove_button.clicked.connect(self.remove)
        left_layout.addLayout(button_rows([self.new_button, self.remove_button], 2))
        card = Card()
        card.body.addWidget(form)
        self.save_button = primary_button("save", _("Save"))
        self.save_button.clicked.connect(self.save)
        if wide:
            right = QWidget()
            right_layout = QVBoxLayout(right)
            right_layout.setContentsMargins(0, 0, 0, 0)
            right_layout.addWidget(scroll_area(card), 1)
            right_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
            splitter = QSplitter()
            splitter.addWidget(left)
            splitter.addWidget(right)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            splitter.setSizes([scaled(560), scaled(660)])
            layout.addWidget(splitter, 1)
        else:
            # Big text: the list, then the form, in one scrolling column; Save stays in view.
            self.table.setMinimumHeight(scaled(260))
            both = QWidget()
            column = QVBoxLayout(both)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(left)
            column.addWidget(card)
            layout.addWidget(scroll_area(both), 1)
            layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

    def load(self) -> list[Any]:
        """The rows to list, from the services."""
        raise NotImplementedError

    def fill_form(self, row: Any) -> None:
        """Show ``row`` in the form (None: an empty form for a new one)."""
        raise NotImplementedError

    def save(self) -> None:
        """Add what the form holds, or save the changes to the row shown."""
        raise NotImplementedError

    def remove(self) -> None:
        """Take the row shown off the list (after asking)."""
        raise NotImplementedError

    def refresh(self, allowed: bool) -> None:
        """Load the list again, keeping the row shown if it is still there."""
        self.allowed = allowed
        keep = self.current.id if self.current is not None else None
        self.model.set_rows(self.load())
        self.locked.setVisible(not allowed)
        for widget in (self.form, self.new_button, self.save_button):
            widget.setEnabled(allowed)
        self.select_row(keep)

    def select_row(self, row_id: int | None) -> None:
        """Choose the row whose id is ``row_id`` and show it in the form (None: a new one)."""
        row = self.model.row_of(row_id) if row_id is not None else None
        if row is None:
            self.show_row(None)
            return
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self.show_row(self.model.row(row))

    def _row_chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.show_row(self.model.row(self.proxy.mapToSource(index).row()))

    def show_row(self, row: Any) -> None:
        """Show ``row`` in the form, or an empty form for a new one."""
        self.current = row
        if row is None:
            self.table.clearSelection()
        self.fill_form(row)
        self.remove_button.setEnabled(self.allowed and row is not None)

    def change(self, action: Callable[..., Any], *args: Any) -> Any:
        """Call a service as the current user; the page reloads when it announces the change."""
        return self.context.run(
            self, action, self.context.db, self.context.actor, *args, announce=(Topic.ROTA,)
        )

    def ask_to_remove(self, title: str, question: str) -> bool:
        """Ask before taking something off a list."""
        return dialogs.ask(self, title, question, yes=_("Remove it"))


class RecurringJobsEditor(SetupEditor):
    """The jobs that come back: every day, on some days or once a week."""

    def __init__(self, context: AppContext, wide: bool) -> None:
        self.kinds: list[TaskTypeInfo] = []
        self.beds: list[BedChoice] = []
        self.job_form = RecurringJobForm()
        super().__init__(
            context,
            RecurringJobTableModel(),
            self.job_form,
            _("Jobs that come back"),
            COL_JOB,
            _("New job"),
            wide,
        )

    def set_choices(self, kinds: list[TaskTypeInfo], beds: list[BedChoice]) -> None:
        """The kinds of job and the beds the form offers."""
        self.kinds, self.beds = kinds, beds

    def load(self) -> list[Any]:
        """The jobs that come back, from the services."""
        return list(list_recurring_jobs(self.context.db))

    def fill_form(self, row: Any) -> None:
        """Show a job in the form."""
        self.job_form.show_job(row, self.kinds, self.beds)

    def save(self) -> None:
        """Add the job in the form, or save the changes to it."""
        draft = self.job_form.draft()
        before: RecurringJobInfo | None = self.current
        if before is None:
            saved = self.change(add_recurring_job, draft)
            if saved is not None:
                self.select_row(saved.id)
                self.context.offer_undo(
                    _("{task_name} ({when}) was added.").format(
                        task_name=saved.task_name, when=saved.when.lower()
                    ),
                    lambda: self.change(set_recurring_job_active, saved.id, False),
                )
            return
        saved = self.change(update_recurring_job, before.id, draft)
        if saved is not None:
            self.select_row(saved.id)
            self.context.offer_undo(
                _("{task_name} was changed.").format(task_name=saved.task_name),
                lambda: self.change(update_recurring_job, before.id, before.draft()),
            )

    def remove(self) -> None:
        """Stop the chosen job coming back (after asking); days it was on keep it."""
        job: RecurringJobInfo | None = self.current
        if job is None or not self.ask_to_remove(
            _("Remove this job?"),
            _(
                "{task_name} ({when}) will not come back on new days. Days it was on keep it."
            ).format(task_name=job.task_name, when=job.when.lower()),
        ):
            return
        if self.change(set_recurring_job_active, job.id, False) is None:
            return
        self.select_row(None)
        self.context.offer_undo(
            _("{task_name} was removed.").format(task_name=job.task_name),
            lambda: self.change(set_recurring_job_active, job.id, True),
        )


class KindsEditor(SetupEditor):
    """The kinds of job, each with its picture and how hard it is."""

    def __init__(self, context: AppContext, wide: bool) -> None:
        self.kind_form = TaskTypeForm()
        super().__init__(
            context,
            TaskTypeTableModel(),
            self.kind_form,
            _("Kinds of job"),
            COL_KIND,
            _("New kind"),
            wide,
        )

    def load(self) -> list[Any]:
        """The kinds of job, from the services."""
        return list(list_task_types(self.context.db))

    def fill_form(self, row: Any) -> None:
        """Show a kind of job in the form."""
        self.kind_form.show_kind(row)

    def save(self) -> None:
        """Add the kind of job in the form, or save the changes to it."""
        draft = self.kind_form.draft()
        before: TaskTypeInfo | None = self.current
        if before is None:
            saved = self.change(add_task_type, draft)
            if saved is not None:
                self.select_row(saved.id)
                self.context.offer_undo(
                    _("{name} was added.").format(name=saved.name),
                    lambda: self.change(set_task_type_archived, saved.id, True),
                )
            return
        saved = self.change(update_task_type, before.id, draft)
        if saved is not None:
            self.select_row(saved.id)
            earlier = TaskTypeDraft(before.name, before.icon, before.effort)
            self.context.offer_undo(
                _("{name} was changed.").format(name=saved.name),
                lambda: self.change(update_task_type, before.id, earlier),
            )

    def remove(self) -> None:
        """Take the chosen kind of job off the lists (after asking); its history stays."""
        kind: TaskTypeInfo | None = self.current
        if kind is None or not self.ask_to_remove(
            _("Remove this kind of job?"),
            _("{name} will not be on the lists any more. Who did it before stays.").format(
                name=kind.name
            ),
        ):
            return
        if self.change(set_task_type_archived, kind.id, True) is None:
            return
        self.select_row(None)
        self.context.offer_undo(
            _("{name} was removed.").format(name=kind.name),
            lambda: self.change(set_task_type_archived, kind.id, False),
        )
