"""The welcome on a new farm: try Dutch Farm with a pretend farm, or start your own."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from dutchfarm.services.demo import DEMO_PIN
from dutchfarm.services.farm_setup import is_new_farm, make_pretend_farm, start_own_farm
from dutchfarm.ui import dialogs
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.theme import text_scale
from dutchfarm.ui.widgets import Card, PictureButton, label, picture, scrolling_column
from dutchfarm.words import _

# Everything a pretend farm fills, so that every page shows it at once.
EVERYTHING = (
    Topic.PEOPLE,
    Topic.FARM,
    Topic.SEASONS,
    Topic.BEDS,
    Topic.VOTES,
    Topic.ROTA,
    Topic.HARVESTS,
)


class WelcomePage(Page):
    """Two big choices in plain words, each with its picture and what it means."""

    name = "welcome"
    title = _("Welcome to Dutch Farm")
    icon_name = "farm"
    topics = frozenset({Topic.PEOPLE, Topic.BEDS})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        area, column = scrolling_column(16)
        self.intro = (
            label(_("Dutch Farm is new on this computer."), "heading"),
            label(_("There are no people and no beds yet. What would you like to do?")),
        )
        for line in self.intro:
            column.addWidget(line)
        self.in_use_note = label(
            _("This farm is already in use. Tap 'Today' at the top."), "warning"
        )
        column.addWidget(self.in_use_note)
        # Side by side at normal text; one under the other when the text is large.
        choices: QBoxLayout = QHBoxLayout() if text_scale() < 1.3 else QVBoxLayout()
        choices.setSpacing(24)
        self.pretend_button = self._choice(
            choices,
            "farm",
            _("Try it with a pretend farm"),
            (
                ("people", _("A farm with pretend people, beds and harvests.")),
                ("search", _("Look around and try things out.")),
                (
                    "key",
                    _("The pretend coordinator is Ann. Her PIN is {demo_pin}.").format(
                        demo_pin=DEMO_PIN
                    ),
                ),
            ),
        )
        self.pretend_button.clicked.connect(self.try_pretend_farm)
        self.own_button = self._choice(
            choices,
            "season",
            _("Start our own farm"),
            (
                ("bed", _("An empty farm for your own people and beds.")),
                ("tick", _("We show you the first steps.")),
            ),
        )
        self.own_button.clicked.connect(self.start_own_farm)
        column.addLayout(choices)
        column.addStretch(1)
        self.outer.addWidget(area, 1)

    def _choice(
        self,
        choices: QBoxLayout,
        icon_name: str,
        words: str,
        lines: tuple[tuple[str, str], ...],
    ) -> PictureButton:
        card = Card()
        button = PictureButton(icon_name, words, icon_size=96, vertical=True, large=True)
        button.setMinimumWidth(round(260 * text_scale()))
        card.body.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        for line_icon, line in lines:
            row = QHBoxLayout()
            row.setSpacing(12)
            row.addWidget(picture(line_icon, 32, line), 0, Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(label(line), 1)
            card.body.addLayout(row)
        card.body.addStretch(1)
        choices.addWidget(card, 1)
        return button

    def refresh(self) -> None:
        """Offer the choices only while the farm is new."""
        new = is_new_farm(self.context.db)
        self.pretend_button.setEnabled(new)
        self.own_button.setEnabled(new)
        self.in_use_note.setVisible(not new)
        for line in self.intro:
            line.setVisible(new)

    def try_pretend_farm(self) -> None:
        """Fill the farm with the pretend farm (saying so if it is slow), then open Today."""
        db = self.context.db
        summary = self.context.run(
            self,
            dialogs.wait_for,
            self,
            _("Making the pretend farm. Please wait."),
            partial(make_pretend_farm, db),
            announce=EVERYTHING,
        )
        if summary is None:
            return
        self.context.go("today")
        dialogs.tell(
            self,
            _("The pretend farm is ready"),
            _(
                "It has {people} pretend people and {beds} beds.\nThe pretend "
                "coordinator is Ann. Her PIN is {demo_pin}."
            ).format(people=summary.people, beds=summary.beds, demo_pin=DEMO_PIN),
        )

    def start_own_farm(self) -> None:
        """Start an empty farm of the group's own, and show its first steps."""
        steps = self.context.run(
            self, start_own_farm, self.context.db, self.context.actor, announce=(Topic.FARM,)
        )
        if steps is None:
            return
        self.context.go("first_steps")
