"""The home page, "Today": the date, who is using the program, and a big tile to each area."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from dutchfarm.services.farm import current_season, get_farm
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.widgets import PictureButton, Tile, label


def long_date(day: dt.date) -> str:
    """Return a date the way people say it: "Thursday 26 November 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


class TodayPage(Page):
    """Home: what day it is, who is using the program, and the way to every area."""

    name = "today"
    title = "Today"
    icon_name = "today"
    topics = frozenset({Topic.USER, Topic.FARM, Topic.SEASONS})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.date_label = label("", "heading")
        self.outer.addWidget(self.date_label)
        self.season_label = label("", "muted")
        self.outer.addWidget(self.season_label)
        greeting = QHBoxLayout()
        self.greeting = label("")
        greeting.addWidget(self.greeting, 1)
        self.choose_button = PictureButton(
            "switch_user", "Tap here to choose your picture", large=True
        )
        self.choose_button.clicked.connect(lambda: self.context.go("who"))
        greeting.addWidget(self.choose_button)
        self.outer.addLayout(greeting)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.tiles: dict[str, Tile] = {}
        from dutchfarm.ui.main_window import AREAS

        for index, (page, icon_name, words, keys) in enumerate(AREAS):
            tile = Tile(icon_name, words)
            tile.setToolTip(f"Open {words} ({keys})")
            tile.clicked.connect(lambda _=False, name=page: self.context.go(name))
            grid.addWidget(tile, index // 4, index % 4)
            self.tiles[page] = tile
        grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.outer.addLayout(grid, 1)

    def refresh(self) -> None:
        """Show today's date, the season and who is using the program."""
        today = dt.date.today()
        farm = get_farm(self.context.db)
        self.header.title.setText(farm.name)
        self.date_label.setText(f"Today is {long_date(today)}.")
        season = current_season(self.context.db, today)
        self.season_label.setText(
            f"This is the {season.year} season." if season else "No season has started yet."
        )
        actor = self.context.actor
        if actor.person_id is None:
            self.greeting.setText("Hello! Who are you?")
            self.choose_button.show()
        else:
            self.greeting.setText(f"Hello {actor.name}.")
            self.choose_button.hide()
