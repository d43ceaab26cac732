"""The coordinator's buttons for a person's data rights: a copy of what is kept, and erasure."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QWidget

from dutchfarm.services.backups import back_up
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.people import PersonInfo
from dutchfarm.services.personal_data import (
    erase_person,
    export_person,
    note_printed,
    person_record,
)
from dutchfarm.ui import dialogs
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.person_sheet import build_document, print_to, write_pdf
from dutchfarm.ui.widgets import PictureButton
from dutchfarm.words import _


class PersonRightsBar(QWidget):
    """'What we keep about them' and 'Erase', for the person shown on the People page."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.person: PersonInfo | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.keep_button = PictureButton("export", _("What we keep about them"))
        self.keep_button.setToolTip(_("Save an Easy Read page, a CSV and a JSON file of it all"))
        self.keep_button.clicked.connect(self.save_copy)
        layout.addWidget(self.keep_button)
        self.print_button = PictureButton("print", _("Print what we keep"))
        self.print_button.setToolTip(_("Print the Easy Read page on A4 paper, to give to them"))
        self.print_button.clicked.connect(self.print_copy)
        layout.addWidget(self.print_button)
        layout.addStretch(1)
        self.erase_button = PictureButton("delete", _("Erase this person"))
        self.erase_button.clicked.connect(self.erase)
        layout.addWidget(self.erase_button)

    def show_person(self, person: PersonInfo | None) -> None:
        """Act on ``person`` from now on (hidden when there is none)."""
        self.person = person
        self.setVisible(person is not None)

    def save_copy(self) -> None:
        """Save everything kept about the person into a folder the coordinator chooses."""
        person = self.person
        if person is None:
            return
        folder = dialogs.choose_folder(
            self, _("Where shall the copy of {name}'s data go?").format(name=person.name)
        )
        if folder is None:
            return
        context = self.context
        try:
            record = person_record(context.db, context.actor, person.id)
            csv_path, json_path = export_person(context.db, context.actor, person.id, Path(folder))
            pdf_path = write_pdf(
                record, (person.colour, person.avatar, person.photo), csv_path.with_suffix(".pdf")
            )
        except (ServiceError, OSError) as error:
            dialogs.warn(self, _("The copy was not made"), str(error))
            return
        dialogs.tell(
            self,
            _("Copy saved"),
            _(
                "Saved {name} (to print and give to {person_name}), {csv_path_name} "
                "and {json_path_name} in {folder}."
            ).format(
                name=pdf_path.name,
                person_name=person.name,
                csv_path_name=csv_path.name,
                json_path_name=json_path.name,
                folder=folder,
            ),
        )

    def print_copy(self) -> None:
        """Print the Easy Read page "What Dutch Farm keeps about you" for the person."""
        person = self.person
        if person is None:
            return
        context = self.context
        record = context.run(self, person_record, context.db, context.actor, person.id)
        printer = dialogs.choose_printer(self) if record is not None else None
        if record is None or printer is None:
            return
        print_to(printer, build_document(record, (person.colour, person.avatar, person.photo)))
        context.run(self, note_printed, context.db, context.actor, person.id)
        dialogs.tell(
            self,
            _("Printed"),
            _("The page for {name} went to the printer.").format(name=person.name),
        )

    def erase(self) -> None:
        """Erase the person after asking; a backup is made first."""
        person = self.person
        if person is None:
            return
        if not dialogs.ask(
            self,
            _("Erase {name}?").format(name=person.name),
            _(
                "Erase {name}? Their name, picture and details go for good. The food "
                "they picked and the jobs they did stay in the totals, by “someone”. "
                "Votes do not change. A backup is made first."
            ).format(name=person.name),
            yes=_("Erase {name}").format(name=person.name),
            no=_("Keep them"),
        ):
            return
        context = self.context
        if context.db.is_sqlite and context.run(self, back_up, context.db, "before-erase") is None:
            return
        kept = context.run(
            self, erase_person, context.db, context.actor, person.id, announce=(Topic.PEOPLE,)
        )
        if kept is not None:
            dialogs.tell(
                self,
                _("Erased"),
                _("{name} is erased. {kept} records now say “someone”.").format(
                    name=person.name, kept=kept
                ),
            )
