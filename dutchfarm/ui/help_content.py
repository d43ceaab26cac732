"""The words and pictures of the Help for every page, in Easy Read, kept apart from layout.

Each page has help for everyone (what a gardener sees), and where the page does more for
staff, help for volunteers and the coordinator ("staff") or for the coordinator alone.
Every sentence is short and has one idea; every step has a picture from resources/icons.
The words are plain text here, for review and translation; they are looked up in the
catalogue where they are shown (ui/help_dialog.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from dutchfarm.words import _

EVERYONE = "everyone"
STAFF = "staff"
COORDINATOR = "coordinator"


@dataclass(frozen=True)
class HelpStep:
    """One step of a page's main job: a picture and a short sentence."""

    picture: str
    words: str


@dataclass(frozen=True)
class PageHelp:
    """A page's help: what the page is for, and how to do its main job in a few steps."""

    title: str
    picture: str
    purpose: str
    job: str
    steps: tuple[HelpStep, ...]


def _help(title: str, picture: str, purpose: str, job: str, *steps: tuple[str, str]) -> PageHelp:
    return PageHelp(title, picture, purpose, job, tuple(HelpStep(p, w) for p, w in steps))


HELP: dict[str, dict[str, PageHelp]] = {
    "today": {
        EVERYONE: _help(
            _("Today"),
            "today",
            _("This page shows today. You can see who is in and who does which job."),
            _("How to find your jobs"),
            ("switch_user", _("Tap 'Change user' at the top. Then tap your picture.")),
            ("person", _("Find your picture in the rota.")),
            ("rota", _("Your jobs are next to your picture.")),
            ("bed", _("Tap 'My bed' at the bottom to see your bed.")),
        ),
        STAFF: _help(
            _("Today"),
            "today",
            _("This page is for the morning. It shows who is in, today's jobs and the rota."),
            _("How to make today's rota"),
            ("people", _("Tap the picture of each person who is in.")),
            ("rota", _("Tap 'Make the rota'. Everyone gets their jobs.")),
            ("switch_user", _("To change a job, tap it. Then tap 'Move to another job'.")),
            ("print", _("Tap 'Print' to put the rota on the wall.")),
        ),
    },
    "who": {
        EVERYONE: _help(
            _("Who are you?"),
            "switch_user",
            _("This page shows everyone at the farm. You tap your picture to say it is you."),
            _("How to choose your picture"),
            ("person", _("Find your own picture.")),
            ("switch_user", _("Tap your picture.")),
            ("key", _("The coordinator also taps their PIN.")),
            ("bed", _("A gardener then sees their own bed.")),
        ),
    },
    "beds": {
        EVERYONE: _help(
            _("Beds"),
            "map",
            _("This page is a map of the farm. Every bed is where it is on the farm."),
            _("How to look at a bed"),
            ("map", _("Find the bed on the map. It shows whose bed it is.")),
            ("zoom_in", _("Tap 'Bigger' to see the map closer.")),
            ("bed", _("Tap the bed. Then tap 'Open this bed'.")),
        ),
        COORDINATOR: _help(
            _("Beds"),
            "map",
            _("This page is a map of the farm. You draw the beds and change them here."),
            _("How to add a bed"),
            ("add", _("Tap 'Add a bed'.")),
            ("map", _("Drag the new bed to its place on the map.")),
            ("edit", _("Give the bed a name. Choose whose bed it is.")),
            ("save", _("Tap 'Save'.")),
        ),
    },
    "bed": {
        EVERYONE: _help(
            _("My bed"),
            "bed",
            _("This page is your own bed. It shows what grows in it and what was done."),
            _("How to say what you did today"),
            ("watered", _("Tap what you did. For example, tap 'I watered'.")),
            ("note", _("You can add some words. You do not have to.")),
            ("today", _("Your picture and today's date go in the diary.")),
            ("undo", _("Tapped the wrong picture? Tap 'Undo' at the bottom.")),
        ),
        STAFF: _help(
            _("A bed"),
            "bed",
            _(
                "This page is the record of one bed. It shows the plants, the diary "
                "and the harvest."
            ),
            _("How to add a plant"),
            ("add", _("Tap 'Add a plant'.")),
            ("strawberry", _("Tap the picture of the plant.")),
            ("warning", _("If the plant breaks the crop rotation, the page says why.")),
            ("watered", _("Tap a picture like 'I watered' to write in the diary.")),
        ),
    },
    "rotation": {
        EVERYONE: _help(
            _("Crop rotation"),
            "rotation",
            _("This page shows what grew in each bed, year by year."),
            _("How to read the table"),
            ("bed", _("Each row is a bed.")),
            ("calendar", _("Each column is a year.")),
            ("group_legumes", _("Each crop family has its own colour, name and pictures.")),
            ("warning", _("Crops in the wrong place are listed under the table.")),
        ),
        COORDINATOR: _help(
            _("Crop rotation"),
            "rotation",
            _("This page shows what grew where. It also plans which crop goes in which bed."),
            _("How to plan a season"),
            ("rotation", _("Tap 'Plan a season'.")),
            ("tick", _("Tick the crops the group chose.")),
            ("beds", _("Tap 'Make a plan'. Each crop gets a bed.")),
            ("done", _("Change a bed if you like. Then tap 'Accept the plan'.")),
        ),
    },
    "vote": {
        EVERYONE: _help(
            _("Vote"),
            "vote",
            _("This page is for the crop vote. Everyone says what they would like to grow."),
            _("How to vote"),
            ("person", _("Tap your own picture.")),
            ("dot", _("Tap the crops you like. Each tap puts a dot on a crop.")),
            ("done", _("Tap 'Done'. Nobody else sees your votes.")),
            ("people", _("Then it is the next person's turn.")),
        ),
        STAFF: _help(
            _("Vote"),
            "vote",
            _("This page runs the group's crop vote and shows what won."),
            _("How to run a vote"),
            ("add", _("Tap 'Start a new vote'.")),
            ("strawberry", _("Choose the crops. Then tap 'Start the vote'.")),
            ("person", _("Each person taps their picture and votes.")),
            ("lock", _("Tap 'Close the vote' to see what won.")),
        ),
    },
    "harvest": {
        EVERYONE: _help(
            _("Harvest"),
            "harvest",
            _("This page is for what you picked. Your chart shows what you picked this year."),
            _("How to say what you picked"),
            ("picked", _("Tap 'I picked something'.")),
            ("strawberry", _("Tap the picture of what you picked.")),
            ("count", _("Tap how much. Then tap how you measured it.")),
            ("done", _("Tap 'Done'. Your chart goes up.")),
        ),
        STAFF: _help(
            _("Harvest"),
            "harvest",
            _("This page keeps the farm's harvest. It has charts and the season report."),
            _("How to write down a harvest"),
            ("harvest", _("Tap 'The log'.")),
            ("edit", _("Fill in the date, the crop and how much.")),
            ("save", _("Tap 'Save'.")),
            ("report", _("Tap 'Season report' to make the report for the funders.")),
        ),
    },
    "rota": {
        EVERYONE: _help(
            _("Rota"),
            "rota",
            _("This page shows who does which job, on any day."),
            _("How to see another day"),
            ("back", _("Tap 'Day before' to go back one day.")),
            ("calendar", _("Tap 'Day after' to go on one day.")),
            ("today", _("Tap 'Today' to come back to today.")),
        ),
        STAFF: _help(
            _("Rota"),
            "rota",
            _("This page shows the rota of any day. It also sets up the jobs that come back."),
            _("How to add a job that comes back"),
            ("rota", _("Tap 'Jobs that come back'.")),
            ("add", _("Tap 'New job'.")),
            ("calendar", _("Choose the kind of job and the days it comes back.")),
            ("save", _("Tap 'Save'.")),
        ),
    },
    "people": {
        EVERYONE: _help(
            _("People"),
            "people",
            _("This page shows everyone at the farm."),
            _("How to see a person"),
            ("people", _("Everyone at the farm is in the list.")),
            ("person", _("Tap a name to see that person.")),
            ("lock", _("Only the coordinator can change people.")),
        ),
        COORDINATOR: _help(
            _("People"),
            "people",
            _("This page shows everyone at the farm. You add people and change them here."),
            _("How to add a person"),
            ("add", _("Tap 'New person'.")),
            ("edit", _("Type their name. Tap what they do at the farm.")),
            ("avatar_01", _("Tap a picture and a colour for them.")),
            ("save", _("Tap 'Save'.")),
        ),
    },
    "settings": {
        EVERYONE: _help(
            _("Settings"),
            "settings",
            _("This page changes how Dutch Farm looks on this computer."),
            _("How to make the words bigger"),
            ("settings", _("Find 'Text size on this computer'.")),
            ("search", _("Tap 'Large text' or 'Very large text'.")),
            ("undo", _("Tap 'Normal text' to go back.")),
        ),
        COORDINATOR: _help(
            _("Settings"),
            "settings",
            _("This page has the farm's name, its seasons and its backups."),
            _("How to start a new season"),
            ("season", _("Find 'New season'.")),
            ("calendar", _("Choose the year.")),
            ("tick", _("Tap 'Start this season'.")),
            ("backup", _("Dutch Farm makes a backup every time it starts.")),
        ),
    },
    "welcome": {
        EVERYONE: _help(
            _("Welcome"),
            "farm",
            _("Dutch Farm is new on this computer. It has no people and no beds yet."),
            _("How to begin"),
            ("farm", _("Tap 'Try it with a pretend farm' to look around first.")),
            ("people", _("Or tap 'Start our own farm' to put in your own farm.")),
            ("tick", _("Your own farm has 4 first steps. Each gets a tick when it is done.")),
        ),
    },
    "first_steps": {
        EVERYONE: _help(
            _("First steps"),
            "tick",
            _("This page shows the first steps to set up your farm."),
            _("How to set up your farm"),
            ("coordinator", _("First add the coordinator, with a PIN.")),
            ("people", _("Then add the people who come to the farm.")),
            ("map", _("Then draw the beds on the map.")),
            ("season", _("Then start the season: the group votes on what to grow.")),
        ),
    },
}


def help_for(page: str, audiences: tuple[str, ...]) -> PageHelp:
    """Return the help of ``page`` for the first of ``audiences`` it has (most specific first).

    Every page has help for everyone, the last resort.
    """
    versions = HELP[page]
    return next((versions[a] for a in audiences if a in versions), versions[EVERYONE])
