""" "Who is using the program?": everyone's picture; tapping yours makes you the current user."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QGridLayout, QScrollArea, QSizePolicy, QToolButton, QWidget

from dutchfarm.domain.terms import Role
from dutchfarm.services.auth import NOBODY, sign_in
from dutchfarm.services.beds import bed_of
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.people import PersonInfo, list_people
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.theme import TARGET_LARGE, text_scale
from dutchfarm.ui.widgets import PictureButton, label, scaled
from dutchfarm.words import _

COLUMNS = 5


class PersonButton(QToolButton):
    """A person's big picture with their name under it."""

    def __init__(self, person: PersonInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        size = scaled(104)
        self.setIcon(
            QIcon(
                icons.person_pixmap(person.name, person.colour, person.avatar, person.photo, size)
            )
        )
        self.setIconSize(QSize(size, size))
        self.setText(person.name)
        self.setAccessibleName(person.name)
        self.setAccessibleDescription(_("Tap to say this is you"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        # Never shorter than the picture and the name under it: the list scrolls instead.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMinimumSize(max(TARGET_LARGE, scaled(150)), max(TARGET_LARGE, scaled(160)))
        self.setCursor(Qt.CursorShape.PointingHandCursor)


class WhoPage(Page):
    """Everyone's picture, large and easy to tap."""

    name = "who"
    title = _("Who are you?")
    icon_name = "switch_user"
    topics = frozenset({Topic.PEOPLE})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.outer.addWidget(label(_("Tap your picture."), "heading"))
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(16)
        self.scroll_area.setWidget(self.grid_host)
        self.outer.addWidget(self.scroll_area, 1)
        self.nobody_button = PictureButton("person", _("I am just looking"), large=True)
        self.nobody_button.clicked.connect(self._just_looking)
        self.outer.addWidget(self.nobody_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.buttons: list[PersonButton] = []

    def refresh(self) -> None:
        """Show the picture of every active person."""
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        # Fewer to a row with very large text, so that nobody's picture is off to the side.
        columns = COLUMNS if text_scale() < 1.6 else COLUMNS - 1
        for index, person in enumerate(list_people(self.context.db)):
            button = PersonButton(person)
            button.clicked.connect(lambda _=False, p=person: self.choose(p))
            self.grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
        self.grid.setRowStretch(len(self.buttons) // columns + 1, 1)

    def choose(self, person: PersonInfo) -> None:
        """Make ``person`` the current user; a coordinator gives their PIN first."""
        pin = None
        if person.role is Role.COORDINATOR and person.has_pin:
            pin = dialogs.ask_pin(self, person.name)
            if pin is None:
                return
        try:
            actor = sign_in(self.context.db, person.id, pin)
        except ServiceError as error:
            dialogs.warn(self, _("Not this time"), str(error))
            return
        self.context.set_actor(actor)
        if actor.role is Role.SERVICE_USER:
            # A gardener lands on their own bed, or on the map if they have none yet.
            own = bed_of(self.context.db, person.id)
            if own is not None:
                self.context.open_bed(own)
            else:
                self.context.go("beds")
            return
        self.context.go("today")

    def _just_looking(self) -> None:
        self.context.set_actor(NOBODY)
        self.context.go("today")
