"""What every page shares: the open database, the current user and the change hub."""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from dutchfarm.db.database import Database, DatabaseError
from dutchfarm.services.auth import NOBODY, Actor
from dutchfarm.services.errors import ServiceError
from dutchfarm.ui import dialogs
from dutchfarm.words import _

log = logging.getLogger(__name__)
T = TypeVar("T")


class Topic(StrEnum):
    """What changed, so that each page can tell whether it must refresh."""

    PEOPLE = "people"
    FARM = "farm"
    SEASONS = "seasons"
    USER = "user"
    # Beds on the map, or what is planted or written in a bed's record.
    BEDS = "beds"
    # Crop votes: ballots, who has voted, results and the season's chosen crops.
    VOTES = "votes"
    # Who is in, the day's jobs and who is on them, or the jobs and kinds of job set up.
    ROTA = "rota"
    # The harvest log: a harvest logged, changed, taken out or imported.
    HARVESTS = "harvests"
    # The text size or theme changed: every page is built again at the new size.
    LOOK = "look"


class AppContext(QObject):
    """The database, the current user and one signal hub, handed to every page.

    Pages never talk to each other: an action announces what it changed here, and every
    page that shows that thing refreshes itself.
    """

    changed = Signal(str)
    # A page asks for another page by its stable name; the main window switches.
    navigate = Signal(str)
    # A page says what it just did and how to put it back; the main window offers Undo.
    undo_offered = Signal(str, object)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._actor = NOBODY
        # The bed the bed record page shows; None means "the current user's own bed".
        self.bed_id: int | None = None

    @property
    def actor(self) -> Actor:
        """Return who is using the program now."""
        return self._actor

    def set_actor(self, actor: Actor) -> None:
        """Make ``actor`` the current user and tell every page."""
        self._actor = actor
        self.changed.emit(Topic.USER)

    def open_bed(self, bed_id: int | None) -> None:
        """Show the record of bed ``bed_id`` (None: the current user's own bed)."""
        self.bed_id = bed_id
        self.changed.emit(Topic.BEDS)
        self.navigate.emit("bed")

    def go(self, page: str) -> None:
        """Ask the main window to show the page called ``page``."""
        if page == "bed":
            # Going to "bed" from a tile or a key means "my bed", not the last bed opened.
            self.open_bed(None)
            return
        self.navigate.emit(page)

    def offer_undo(self, message: str, undo: Callable[[], object]) -> None:
        """Say what was just done, and offer an Undo button that calls ``undo``."""
        self.undo_offered.emit(message, undo)

    def announce(self, *topics: Topic) -> None:
        """Tell every page that these things changed."""
        for topic in topics:
            self.changed.emit(topic)

    def run(
        self,
        parent: QWidget | None,
        action: Callable[..., T],
        *args: Any,
        announce: tuple[Topic, ...] = (),
        **kwargs: Any,
    ) -> T | None:
        """Call a service; show its refusal in plain words and return None if it refuses."""
        try:
            result = action(*args, **kwargs)
        except (ServiceError, DatabaseError) as error:
            dialogs.warn(parent, _("That did not work"), str(error))
            return None
        self.announce(*announce)
        return result
