"""Every screen of the program by name, and how to show it as the person who would see it.

The screenshots and the accessibility test go through the same list, so a screen added
here is both pictured and checked. Showing a screen never changes the farm's data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dutchfarm.db.database import Database
from dutchfarm.domain.terms import BallotStatus, Role
from dutchfarm.services.auth import Actor
from dutchfarm.services.beds import list_beds
from dutchfarm.services.people import list_people
from dutchfarm.services.voting import list_ballots

if TYPE_CHECKING:
    from dutchfarm.ui.main_window import MainWindow


@dataclass(frozen=True)
class Cast:
    """Who is shown using the program, and the farm's things the screens show."""

    coordinator: Actor | None
    gardener: Actor | None
    gardener_bed: int | None
    open_ballot: int | None
    closed_ballot: int | None


def find_cast(db: Database) -> Cast:
    """Return the coordinator, a gardener with a bed, and an open and a closed vote, if any."""
    people = list_people(db)
    coordinator = next((p for p in people if p.role is Role.COORDINATOR), None)
    beds = {b.owner.id: b.id for b in list_beds(db) if b.owner is not None}
    gardener = next((p for p in people if p.role is Role.SERVICE_USER and p.id in beds), None)
    ballots = list_ballots(db)
    open_ballot = next((b.id for b in ballots if b.status is BallotStatus.OPEN), None)
    closed_ballot = next((b.id for b in ballots if b.status is BallotStatus.CLOSED), None)
    return Cast(
        Actor(coordinator.id, coordinator.role, coordinator.name) if coordinator else None,
        Actor(gardener.id, gardener.role, gardener.name) if gardener else None,
        beds[gardener.id] if gardener else None,
        open_ballot,
        closed_ballot,
    )


# A view shows its screen and returns True, or False when the farm has nothing to show there.
View = Callable[["MainWindow", Cast], bool]
# A step taken on a page once it is shown (the page's own class is known only at run time).
Step = Callable[[Any, Cast], object]


def _page(page: str, gardener: bool = False) -> View:
    def show(window: MainWindow, cast: Cast) -> bool:
        actor = cast.gardener if gardener else cast.coordinator
        if actor is None:
            return False
        if window.context.actor != actor:
            window.context.set_actor(actor)
        window.show_page(page)
        return True

    return show


def _then(page: str, step: Step, gardener: bool = False) -> View:
    """Show ``page`` and then take ``step(page_widget, cast)`` on it."""

    def show(window: MainWindow, cast: Cast) -> bool:
        if not _page(page, gardener)(window, cast):
            return False
        return step(window.pages[page], cast) is not False

    return show


def _bed(gardener: bool) -> View:
    def show(window: MainWindow, cast: Cast) -> bool:
        actor = cast.gardener if gardener else cast.coordinator
        if actor is None or cast.gardener_bed is None:
            return False
        window.context.set_actor(actor)
        window.context.open_bed(cast.gardener_bed)
        return True

    return show


def _ballot(which: str, voting: bool = False) -> Step:
    def step(page: Any, cast: Cast) -> bool:
        ballot = getattr(cast, which)
        if ballot is None or (voting and cast.gardener is None):
            return False
        page.show_ballot(ballot)
        if voting and cast.gardener is not None:
            people = list_people(page.context.db)
            page.box.choose_voter(next(p for p in people if p.id == cast.gardener.person_id))
        return True

    return step


def _number_pad(page: Any, _cast: Cast) -> bool:
    entry = page.gardener.entry
    if not entry.crop_buttons:
        return False
    entry.choose(entry.crop_buttons[0].crop)
    return True


def _section(key: str) -> Step:
    return lambda page, _cast: page.show_section(key)


# Every screen, named after its page first.
VIEWS: dict[str, View] = {
    "today": _page("today"),
    "today-gardener": _page("today", gardener=True),
    "who": _page("who"),
    "beds": _page("beds"),
    "bed-record": _bed(gardener=True),
    "bed-coordinator": _bed(gardener=False),
    "rotation": _page("rotation"),
    "rotation-plan": _then("rotation", lambda page, _cast: page.show_planner()),
    "vote": _page("vote"),
    "vote-new": _then("vote", lambda page, _cast: page.new_vote()),
    "vote-pictures": _then("vote", _ballot("open_ballot")),
    "vote-voting": _then("vote", _ballot("open_ballot", voting=True)),
    "vote-results": _then("vote", _ballot("closed_ballot")),
    "harvest": _page("harvest"),
    "harvest-charts": _then("harvest", lambda page, _cast: page.staff.show_charts()),
    "harvest-gardener": _page("harvest", gardener=True),
    "harvest-number-pad": _then("harvest", _number_pad, gardener=True),
    "rota": _then("rota", _section("day")),
    "rota-recurring": _then("rota", _section("recurring")),
    "rota-kinds": _then("rota", _section("kinds")),
    "rota-fairness": _then("rota", _section("fairness")),
    "people": _page("people"),
    "settings": _page("settings"),
    "welcome": _page("welcome"),
    "first_steps": _page("first_steps"),
}


def page_of(view: str) -> str:
    """Return the page a view is on (its name up to the first "-")."""
    return view.partition("-")[0]
