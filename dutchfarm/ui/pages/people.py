"""The People page: everyone at the farm, and a form to add, change or archive a person."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.people import PIN_MAX
from dutchfarm.domain.terms import Role
from dutchfarm.services.auth import farm_can_be_managed_by
from dutchfarm.services.catalogue import TaskTypeInfo, list_task_types
from dutchfarm.services.people import (
    AVATAR_COUNT,
    PERSON_COLOURS,
    ROLE_WORDS,
    PersonDraft,
    PersonInfo,
    add_person,
    list_people,
    set_archived,
    update_person,
)
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.harvest_chart import HarvestChart
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.people_model import COL_NAME, PeopleFilterModel, PeopleTableModel
from dutchfarm.ui.person_rights import PersonRightsBar
from dutchfarm.ui.theme import TARGET, text_scale
from dutchfarm.ui.widgets import (
    Card,
    PictureButton,
    VerticalScroll,
    label,
    picture,
    primary_button,
    scaled,
)
from dutchfarm.words import _

COLOUR_NAMES = (
    _("peach"),
    _("straw"),
    _("pea green"),
    _("mint"),
    _("sky blue"),
    _("lavender"),
    _("rose"),
    _("oatmeal"),
    _("pebble grey"),
    _("coral"),
)
ROLE_ICONS = {
    Role.SERVICE_USER: "service_user",
    Role.VOLUNTEER: "volunteer",
    Role.COORDINATOR: "coordinator",
}


def _checked_ids(jobs: QListWidget) -> frozenset[int]:
    return frozenset(
        int(jobs.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(jobs.count())
        if jobs.item(i).checkState() == Qt.CheckState.Checked
    )


class JobChecklist(QListWidget):
    """A list of jobs with pictures, each with a tick box."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setIconSize(QSize(scaled(32), scaled(32)))
        self.setMinimumHeight(scaled(200))

    def set_jobs(self, jobs: list[TaskTypeInfo], ticked: frozenset[int]) -> None:
        """Show ``jobs``, ticking those in ``ticked``."""
        self.clear()
        for job in jobs:
            item = QListWidgetItem(icons.icon(job.icon), job.name)
            item.setData(Qt.ItemDataRole.UserRole, job.id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(
                Qt.CheckState.Checked if job.id in ticked else Qt.CheckState.Unchecked
            )
            item.setSizeHint(QSize(0, max(TARGET, scaled(44))))
            self.addItem(item)

    def ticked(self) -> frozenset[int]:
        """Return the ids of the ticked jobs."""
        return _checked_ids(self)


class PersonForm(QWidget):
    """The details of one person, as pictures and tick boxes wherever possible."""

    def __init__(self) -> None:
        super().__init__()
        self.photo: bytes | None = None
        # With large text the form is one column, so that nothing is cut off at the side.
        wide = text_scale() < 1.3
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.heading = label(_("New person"), "heading")
        layout.addWidget(self.heading)

        top = QHBoxLayout() if wide else QVBoxLayout()
        self.preview = QLabel()
        self.preview.setAccessibleName(_("Picture of this person"))
        top.addWidget(self.preview)
        name_box = QVBoxLayout()
        name_box.addWidget(label(_("Name")))
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name"))
        self.name.setPlaceholderText(_("For example: Jackie"))
        self.name.textChanged.connect(self._update_preview)
        name_box.addWidget(self.name)
        top.addLayout(name_box, 1)
        layout.addLayout(top)

        layout.addWidget(label(_("What they do at the farm")))
        roles = QGridLayout()
        self.role_group = QButtonGroup(self)
        self.role_buttons: dict[Role, PictureButton] = {}
        for index, role in enumerate((Role.SERVICE_USER, Role.VOLUNTEER, Role.COORDINATOR)):
            button = PictureButton(ROLE_ICONS[role], ROLE_WORDS[role], icon_size=40, vertical=wide)
            button.setCheckable(True)
            self.role_group.addButton(button)
            self.role_buttons[role] = button
            roles.addWidget(button, *((0, index) if wide else (index, 0)))
        self.role_group.buttonToggled.connect(self._role_changed)
        layout.addLayout(roles)

        self.pin_row = QWidget()
        pin_layout = QVBoxLayout(self.pin_row)
        pin_layout.setContentsMargins(0, 0, 0, 0)
        self.pin_hint = label(_("A coordinator needs a PIN of 4 to 8 numbers."))
        pin_layout.addWidget(self.pin_hint)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX)
        self.pin.setAccessibleName(_("New PIN"))
        self.pin.setPlaceholderText(_("New PIN"))
        pin_layout.addWidget(self.pin)
        layout.addWidget(self.pin_row)

        layout.addWidget(label(_("Picture")))
        avatars = QGridLayout()
        self.avatar_group = QButtonGroup(self)
        self.avatar_buttons: dict[str, PictureButton] = {}
        for number in range(1, AVATAR_COUNT + 1):
            name = f"avatar_{number:02d}"
            button = PictureButton(name, "", icon_size=40)
            button.setAccessibleName(_("Picture {number}").format(number=number))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setCheckable(True)
            self.avatar_group.addButton(button)
            self.avatar_buttons[name] = button
            per_row = 8 if wide else 4
            avatars.addWidget(button, (number - 1) // per_row, (number - 1) % per_row)
        self.avatar_group.buttonToggled.connect(lambda *_: self._update_preview())
        layout.addLayout(avatars)
        photo_row = QHBoxLayout()
        self.photo_button = PictureButton("add", _("Use a photo"))
        self.photo_button.clicked.connect(self._choose_photo)
        photo_row.addWidget(self.photo_button)
        self.clear_photo_button = PictureButton("delete", _("Remove the photo"))
        self.clear_photo_button.clicked.connect(self._clear_photo)
        photo_row.addWidget(self.clear_photo_button)
        photo_row.addStretch(1)
        layout.addLayout(photo_row)

        layout.addWidget(label(_("Colour")))
        colours = QGridLayout()
        self.colour_group = QButtonGroup(self)
        self.colour_buttons: dict[str, PictureButton] = {}
        for index, (colour, words) in enumerate(zip(PERSON_COLOURS, COLOUR_NAMES, strict=True)):
            button = PictureButton("dot", "", icon_size=24)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setIcon(QIcon(icons.person_pixmap("", colour, None, None, scaled(32))))
            button.setAccessibleName(_("Colour {words}").format(words=words))
            button.setToolTip(words.capitalize())
            button.setCheckable(True)
            self.colour_group.addButton(button)
            self.colour_buttons[colour] = button
            per_row = len(PERSON_COLOURS) if wide else 5
            colours.addWidget(button, index // per_row, index % per_row)
        colours.setColumnStretch(len(PERSON_COLOURS), 1)
        self.colour_group.buttonToggled.connect(lambda *_: self._update_preview())
        layout.addLayout(colours)

        support_row = QHBoxLayout()
        support_row.addWidget(picture("support", 40, _("Needs support")))
        self.needs_support = QCheckBox(_("Needs someone with them for jobs"))
        self.needs_support.setAccessibleName(_("Needs someone with them for jobs"))
        # Only as wide as its words: a tap beside the words of a tick box does nothing.
        support_row.addWidget(self.needs_support)
        support_row.addStretch(1)
        layout.addLayout(support_row)

        jobs = QHBoxLayout() if wide else QVBoxLayout()
        cannot_box = QVBoxLayout()
        cannot_box.addWidget(label(_("Jobs they cannot do")))
        self.cannot = JobChecklist(_("Jobs they cannot do"))
        cannot_box.addWidget(self.cannot)
        jobs.addLayout(cannot_box)
        likes_box = QVBoxLayout()
        likes_box.addWidget(label(_("Jobs they like")))
        self.likes = JobChecklist(_("Jobs they like"))
        likes_box.addWidget(self.likes)
        jobs.addLayout(likes_box)
        layout.addLayout(jobs)
        self.show_person(None, [])

    def show_person(self, person: PersonInfo | None, jobs: list[TaskTypeInfo]) -> None:
        """Fill the form with ``person``, or empty it for a new person."""
        draft = person.draft() if person else PersonDraft(name="", role=Role.SERVICE_USER)
        self.heading.setText(f"{person.name}" if person else _("New person"))
        self.name.setText(draft.name)
        self.role_buttons[draft.role].setChecked(True)
        self.pin.clear()
        self.pin_hint.setText(
            _("Type a new PIN only to change it.")
            if person and person.has_pin
            else _("A coordinator needs a PIN of 4 to 8 numbers.")
        )
        avatar = draft.avatar or "avatar_01"
        self.avatar_buttons.get(avatar, self.avatar_buttons["avatar_01"]).setChecked(True)
        self.photo = draft.photo
        self.colour_buttons.get(draft.colour, self.colour_buttons[PERSON_COLOURS[0]]).setChecked(
            True
        )
        self.needs_support.setChecked(draft.needs_support)
        self.cannot.set_jobs(jobs, draft.cannot)
        self.likes.set_jobs(jobs, draft.likes)
        self._role_changed()
        self._update_preview()

    def draft(self) -> PersonDraft:
        """Return what the form holds now."""
        role = next(r for r, b in self.role_buttons.items() if b.isChecked())
        avatar = next((a for a, b in self.avatar_buttons.items() if b.isChecked()), None)
        colour = next((c for c, b in self.colour_buttons.items() if b.isChecked()), "")
        return PersonDraft(
            name=self.name.text(),
            role=role,
            colour=colour,
            avatar=avatar,
            photo=self.photo,
            needs_support=self.needs_support.isChecked(),
            cannot=self.cannot.ticked(),
            likes=self.likes.ticked(),
            pin=self.pin.text() or None if role is Role.COORDINATOR else None,
        )

    def _role_changed(self, *_: object) -> None:
        self.pin_row.setVisible(self.role_buttons[Role.COORDINATOR].isChecked())

    def _update_preview(self) -> None:
        draft = self.draft()
        self.preview.setPixmap(
            icons.person_pixmap(
                draft.name, draft.colour or PERSON_COLOURS[0], draft.avatar, draft.photo, scaled(96)
            )
        )
        self.clear_photo_button.setVisible(self.photo is not None)

    def _choose_photo(self) -> None:
        path = dialogs.open_picture(self)
        if not path:
            return
        image = QImage(path)
        if image.isNull():
            dialogs.warn(
                self, _("That picture did not open"), _("Please choose a photo (PNG or JPEG).")
            )
            return
        self.photo = icons.photo_to_png(image)
        self._update_preview()

    def _clear_photo(self) -> None:
        self.photo = None
        self._update_preview()


class PeoplePage(Page):
    """Everyone at the farm, sortable and searchable, with a form to change them."""

    name = "people"
    title = _("People")
    icon_name = "people"
    topics = frozenset({Topic.PEOPLE, Topic.USER})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.jobs: list[TaskTypeInfo] = []
        self.current: PersonInfo | None = None
        self.locked_note = label(
            _("Only the coordinator can change people. The coordinator taps 'Change user' first."),
            "warning",
        )
        self.outer.addWidget(self.locked_note)

        splitter = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(picture("search", 32, _("Find")))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find a name"))
        self.search.setAccessibleName(_("Find a name"))
        self.search.setClearButtonEnabled(True)
        search_row.addWidget(self.search, 1)
        self.show_archived = QCheckBox(_("Show archived people"))
        self.show_archived.setAccessibleName(_("Show archived people"))
        self.show_archived.toggled.connect(lambda *_: self.reload())
        left_layout.addLayout(search_row)
        # On a line of its own, so the box for the name keeps its room at any text size.
        left_layout.addWidget(self.show_archived, 0, Qt.AlignmentFlag.AlignLeft)
        self.model = PeopleTableModel()
        self.proxy = PeopleFilterModel()
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setAccessibleName(_("People"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setIconSize(QSize(scaled(40), scaled(40)))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(max(TARGET, scaled(48)))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Columns fit the rows in view; measuring all of a large farm's people is slow.
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        left_layout.addWidget(self.table, 1)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        scroll = VerticalScroll()
        card = Card()
        self.form = PersonForm()
        card.body.addWidget(self.form)
        # Under the form: the person's own harvest this season.
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(card)
        self.harvest_card = Card()
        self.harvest_card.body.addWidget(label(_("Their harvest this season"), "heading"))
        self.harvest_chart = HarvestChart(context)
        self.harvest_card.body.addWidget(self.harvest_chart)
        column_layout.addWidget(self.harvest_card)
        scroll.setWidget(column)
        right_layout.addWidget(scroll, 1)
        actions = QHBoxLayout()
        self.new_button = PictureButton("add", _("New person"))
        self.new_button.clicked.connect(self.new_person)
        actions.addWidget(self.new_button)
        self.archive_button = PictureButton("archive", _("Archive"))
        self.archive_button.clicked.connect(self.toggle_archived)
        actions.addWidget(self.archive_button)
        actions.addStretch(1)
        self.save_button = primary_button("save", _("Save"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        actions.addWidget(self.save_button)
        right_layout.addLayout(actions)
        self.rights = PersonRightsBar(context)
        right_layout.addWidget(self.rights)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.outer.addWidget(splitter, 1)

    def refresh(self) -> None:
        """Reload the people and the jobs from the services."""
        db = self.context.db
        self.jobs = list_task_types(db)
        people = list_people(db, include_archived=self.show_archived.isChecked())
        self.model.set_rows(people, {job.id: job.name for job in self.jobs})
        allowed = farm_can_be_managed_by(db, self.context.actor)
        self.locked_note.setVisible(not allowed)
        self.rights.setEnabled(allowed)
        for widget in (self.form, self.save_button, self.new_button, self.archive_button):
            widget.setEnabled(allowed)
        keep = self.current.id if self.current else None
        self.select_person(keep) if keep is not None else self.new_person()

    def select_person(self, person_id: int | None) -> None:
        """Select the person with ``person_id`` in the list and show them in the form."""
        row = self.model.row_of(person_id) if person_id is not None else None
        if row is None:
            self.new_person()
            return
        index = self.proxy.mapFromSource(self.model.index(row, COL_NAME))
        self.table.setCurrentIndex(index)
        self._show(self.model.person(row))

    def _row_chosen(self, current: object, _previous: object) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._show(self.model.person(self.proxy.mapToSource(index).row()))

    def _show(self, person: PersonInfo | None) -> None:
        self.current = person
        self.form.show_person(person, self.jobs)
        self.archive_button.set_label(
            _("Bring back") if person and person.archived else _("Archive")
        )
        self.archive_button.setIcon(
            icons.icon("restore" if person and person.archived else "archive")
        )
        self.archive_button.setVisible(person is not None)
        self.rights.show_person(person)
        self.harvest_card.setVisible(person is not None)
        if person is not None:
            self.harvest_chart.show_person(person.id)

    def new_person(self) -> None:
        """Empty the form for a new person."""
        self.table.clearSelection()
        self._show(None)
        self.form.name.setFocus()

    def save(self) -> None:
        """Add the person in the form, or save the changes to them."""
        draft = self.form.draft()
        db = self.context.db
        before = self.current
        if before is None:
            saved = self.context.run(
                self, add_person, db, self.context.actor, draft, announce=(Topic.PEOPLE,)
            )
            if saved is None:
                return
            self.current = saved
            self.reload()
            added_id = saved.id
            self.context.offer_undo(
                _("{name} was added.").format(name=saved.name),
                lambda: self._undo(set_archived, added_id, True),
            )
            return
        saved = self.context.run(
            self, update_person, db, self.context.actor, before.id, draft, announce=(Topic.PEOPLE,)
        )
        if saved is None:
            return
        self.current = saved
        self.reload()
        person_id, earlier = before.id, before.draft()
        self.context.offer_undo(
            _("{name}'s details were saved.").format(name=saved.name),
            lambda: self._undo(update_person, person_id, earlier),
        )

    def toggle_archived(self) -> None:
        """Archive the person shown (after asking), or bring an archived person back."""
        person = self.current
        if person is None:
            return
        archive = not person.archived
        if archive and not dialogs.ask(
            self,
            _("Archive this person?"),
            _(
                "Archive {name}? They leave the lists. Their beds' records and harvests stay."
            ).format(name=person.name),
            yes=_("Archive {name}").format(name=person.name),
        ):
            return
        saved = self.context.run(
            self,
            set_archived,
            self.context.db,
            self.context.actor,
            person.id,
            archive,
            announce=(Topic.PEOPLE,),
        )
        if saved is None:
            return
        self.current = saved if not archive or self.show_archived.isChecked() else None
        self.reload()
        self.context.offer_undo(
            _("{name} was {0}.").format(
                "archived" if archive else _("brought back"), name=person.name
            ),
            lambda: self._undo(set_archived, person.id, not archive),
        )

    def _undo(self, action: Callable[..., object], *args: object) -> None:
        self.context.run(
            self, action, self.context.db, self.context.actor, *args, announce=(Topic.PEOPLE,)
        )
        self.reload()
