"""The first steps of a farm of one's own, each a big button with a tick once it is done."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from dutchfarm.services.auth import farm_can_be_managed_by
from dutchfarm.services.farm_setup import (
    FIRST_STEPS,
    FirstSteps,
    add_first_coordinator,
    first_steps,
)
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.first_coordinator import FirstCoordinatorDialog
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.theme import text_scale
from dutchfarm.ui.widgets import Card, PictureButton, label, scaled, scrolling_column
from dutchfarm.words import _

# Each step: (its name in FIRST_STEPS, picture, words on its button, what it means, the page
# it opens; None for the coordinator, who is added here).
STEPS: tuple[tuple[str, str, str, str, str | None], ...] = (
    (
        "coordinator",
        "coordinator",
        _("Add the coordinator"),
        _("The person who looks after the farm. They get a PIN."),
        None,
    ),
    (
        "people",
        "people",
        _("Add the people"),
        _("Everyone who comes to the farm: gardeners and volunteers."),
        "people",
    ),
    ("beds", "map", _("Draw the beds"), _("Put each raised bed on the map of the farm."), "beds"),
    ("season", "season", _("Start the season"), _("The group votes on what to grow."), "vote"),
)


class StepRow(Card):
    """One first step: its number, its big button, what it means, and whether it is done."""

    def __init__(self, number: int, icon_name: str, words: str, meaning: str) -> None:
        super().__init__()
        # At normal text all on one line; with large text what it means goes underneath.
        wide = text_scale() < 1.3
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        number_label = label(f"{number}.", "title", wrap=False)
        number_label.setMinimumWidth(scaled(40))
        grid.addWidget(number_label, 0, 0)
        self.button = PictureButton(icon_name, words, icon_size=48, large=True)
        self.button.setMinimumWidth(scaled(300))
        grid.addWidget(self.button, 0, 1)
        if wide:
            grid.addWidget(label(meaning), 0, 2)
        else:
            grid.addWidget(label(meaning), 1, 1, 1, 4)
        grid.setColumnStretch(2, 1)
        self.tick = QLabel()
        self.tick.setFixedSize(scaled(40), scaled(40))
        grid.addWidget(self.tick, 0, 3)
        self.state = label("", wrap=False)
        grid.addWidget(self.state, 0, 4)
        self.body.addLayout(grid)

    def show_done(self, done: bool, next_step: bool) -> None:
        """Show a tick and "Done", or "Not yet"; the step to take next is the green one."""
        if done:
            self.tick.setPixmap(icons.pixmap("tick", scaled(40)))
        else:
            self.tick.clear()
        self.tick.setAccessibleName(_("Done") if done else _("Not done yet"))
        self.state.setText(_("Done") if done else _("Not yet"))
        self.button.setProperty("role", "primary" if next_step else None)
        self.button.style().unpolish(self.button)
        self.button.style().polish(self.button)


class FirstStepsPage(Page):
    """The steps to set up a new farm, in order; the coordinator must be added first."""

    name = "first_steps"
    title = _("First steps")
    icon_name = "tick"
    topics = frozenset({Topic.PEOPLE, Topic.BEDS, Topic.VOTES, Topic.SEASONS, Topic.USER})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        area, column = scrolling_column()
        column.addWidget(label(_("Set up your farm in 4 steps."), "heading"))
        column.addWidget(label(_("Tap a step to do it. It gets a tick when it is done.")))
        self.note = label("", "warning")
        column.addWidget(self.note)
        self.rows: dict[str, StepRow] = {}
        for number, (step, icon_name, words, meaning, page) in enumerate(STEPS, start=1):
            row = StepRow(number, icon_name, words, meaning)
            row.button.clicked.connect(lambda _=False, p=page: self.take_step(p))
            column.addWidget(row)
            self.rows[step] = row
        column.addStretch(1)
        self.outer.addWidget(area, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.today_button = PictureButton("home", _("Go to Today"), large=True)
        self.today_button.clicked.connect(lambda: context.go("today"))
        bottom.addWidget(self.today_button)
        self.outer.addLayout(bottom)
        self.steps = FirstSteps(frozenset())

    def refresh(self) -> None:
        """Tick the steps that are done; the others wait for the coordinator."""
        db = self.context.db
        self.steps = first_steps(db)
        has_coordinator = self.steps.is_done("coordinator")
        may_manage = farm_can_be_managed_by(db, self.context.actor)
        next_step = next((s for s in FIRST_STEPS if not self.steps.is_done(s)), None)
        for step in FIRST_STEPS:
            row = self.rows[step]
            row.button.setEnabled(not has_coordinator if step == "coordinator" else has_coordinator)
            row.show_done(self.steps.is_done(step), step == next_step and may_manage)
        if not has_coordinator:
            self.note.setText(_("Add the coordinator first. Then the other steps open."))
        elif not may_manage:
            self.note.setText(_("The coordinator taps 'Change user' first, and gives their PIN."))
        self.note.setVisible(not has_coordinator or not may_manage)

    def take_step(self, page: str | None) -> None:
        """Open the page for a step, or add the coordinator here."""
        if page is not None:
            self.context.go(page)
            return
        dialog = FirstCoordinatorDialog(self)
        if not dialogs.show_dialog(dialog):
            return
        actor = self.context.run(
            self,
            add_first_coordinator,
            self.context.db,
            self.context.actor,
            dialog.name.text(),
            dialog.pin.text(),
            announce=(Topic.PEOPLE,),
        )
        if actor is not None:
            # The coordinator has just chosen their PIN: they are the one at the computer.
            self.context.set_actor(actor)
