"""The words and pictures of the Help for every page, in Easy Read, kept apart from layout.

Each page has help for everyone (what a gardener sees), and where the page does more for
staff, help for volunteers and the coordinator ("staff") or for the coordinator alone.
Every sentence is short and has one idea; every step has a picture from resources/icons.
The words are plain text here, for review and translation; they are looked up in the
catalogue where they are shown (ui/help_dialog.py).
"""

from __future__ import annotations

from dataclasses import dataclass

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
            "Today",
            "today",
            "This page shows today. You can see who is in and who does which job.",
            "How to find your jobs",
            ("switch_user", "Tap 'Change user' at the top. Then tap your picture."),
            ("person", "Find your picture in the rota."),
            ("rota", "Your jobs are next to your picture."),
            ("bed", "Tap 'My bed' at the bottom to see your bed."),
        ),
        STAFF: _help(
            "Today",
            "today",
            "This page is for the morning. It shows who is in, today's jobs and the rota.",
            "How to make today's rota",
            ("people", "Tap the picture of each person who is in."),
            ("rota", "Tap 'Make the rota'. Everyone gets their jobs."),
            ("switch_user", "To change a job, tap it. Then tap 'Move to another job'."),
            ("print", "Tap 'Print' to put the rota on the wall."),
        ),
    },
    "who": {
        EVERYONE: _help(
            "Who are you?",
            "switch_user",
            "This page shows everyone at the farm. You tap your picture to say it is you.",
            "How to choose your picture",
            ("person", "Find your own picture."),
            ("switch_user", "Tap your picture."),
            ("key", "The coordinator also taps their PIN."),
            ("bed", "A gardener then sees their own bed."),
        ),
    },
    "beds": {
        EVERYONE: _help(
            "Beds",
            "map",
            "This page is a map of the farm. Every bed is where it is on the farm.",
            "How to look at a bed",
            ("map", "Find the bed on the map. It shows whose bed it is."),
            ("zoom_in", "Tap 'Bigger' to see the map closer."),
            ("bed", "Tap the bed. Then tap 'Open this bed'."),
        ),
        COORDINATOR: _help(
            "Beds",
            "map",
            "This page is a map of the farm. You draw the beds and change them here.",
            "How to add a bed",
            ("add", "Tap 'Add a bed'."),
            ("map", "Drag the new bed to its place on the map."),
            ("edit", "Give the bed a name. Choose whose bed it is."),
            ("save", "Tap 'Save'."),
        ),
    },
    "bed": {
        EVERYONE: _help(
            "My bed",
            "bed",
            "This page is your own bed. It shows what grows in it and what was done.",
            "How to say what you did today",
            ("watered", "Tap what you did. For example, tap 'I watered'."),
            ("note", "You can add some words. You do not have to."),
            ("today", "Your picture and today's date go in the diary."),
            ("undo", "Tapped the wrong picture? Tap 'Undo' at the bottom."),
        ),
        STAFF: _help(
            "A bed",
            "bed",
            "This page is the record of one bed. It shows the plants, the diary and the harvest.",
            "How to add a plant",
            ("add", "Tap 'Add a plant'."),
            ("strawberry", "Tap the picture of the plant."),
            ("warning", "If the plant breaks the crop rotation, the page says why."),
            ("watered", "Tap a picture like 'I watered' to write in the diary."),
        ),
    },
    "rotation": {
        EVERYONE: _help(
            "Crop rotation",
            "rotation",
            "This page shows what grew in each bed, year by year.",
            "How to read the table",
            ("bed", "Each row is a bed."),
            ("calendar", "Each column is a year."),
            ("group_legumes", "Each crop family has its own colour, name and pictures."),
            ("warning", "Crops in the wrong place are listed under the table."),
        ),
        COORDINATOR: _help(
            "Crop rotation",
            "rotation",
            "This page shows what grew where. It also plans which crop goes in which bed.",
            "How to plan a season",
            ("rotation", "Tap 'Plan a season'."),
            ("tick", "Tick the crops the group chose."),
            ("beds", "Tap 'Make a plan'. Each crop gets a bed."),
            ("done", "Change a bed if you like. Then tap 'Accept the plan'."),
        ),
    },
    "vote": {
        EVERYONE: _help(
            "Vote",
            "vote",
            "This page is for the crop vote. Everyone says what they would like to grow.",
            "How to vote",
            ("person", "Tap your own picture."),
            ("dot", "Tap the crops you like. Each tap puts a dot on a crop."),
            ("done", "Tap 'Done'. Nobody else sees your votes."),
            ("people", "Then it is the next person's turn."),
        ),
        STAFF: _help(
            "Vote",
            "vote",
            "This page runs the group's crop vote and shows what won.",
            "How to run a vote",
            ("add", "Tap 'Start a new vote'."),
            ("strawberry", "Choose the crops. Then tap 'Start the vote'."),
            ("person", "Each person taps their picture and votes."),
            ("lock", "Tap 'Close the vote' to see what won."),
        ),
    },
    "harvest": {
        EVERYONE: _help(
            "Harvest",
            "harvest",
            "This page is for what you picked. Your chart shows what you picked this year.",
            "How to say what you picked",
            ("picked", "Tap 'I picked something'."),
            ("strawberry", "Tap the picture of what you picked."),
            ("count", "Tap how much. Then tap how you measured it."),
            ("done", "Tap 'Done'. Your chart goes up."),
        ),
        STAFF: _help(
            "Harvest",
            "harvest",
            "This page keeps the farm's harvest. It has charts and the season report.",
            "How to write down a harvest",
            ("harvest", "Tap 'The log'."),
            ("edit", "Fill in the date, the crop and how much."),
            ("save", "Tap 'Save'."),
            ("report", "Tap 'Season report' to make the report for the funders."),
        ),
    },
    "rota": {
        EVERYONE: _help(
            "Rota",
            "rota",
            "This page shows who does which job, on any day.",
            "How to see another day",
            ("back", "Tap 'Day before' to go back one day."),
            ("calendar", "Tap 'Day after' to go on one day."),
            ("today", "Tap 'Today' to come back to today."),
        ),
        STAFF: _help(
            "Rota",
            "rota",
            "This page shows the rota of any day. It also sets up the jobs that come back.",
            "How to add a job that comes back",
            ("rota", "Tap 'Jobs that come back'."),
            ("add", "Tap 'New job'."),
            ("calendar", "Choose the kind of job and the days it comes back."),
            ("save", "Tap 'Save'."),
        ),
    },
    "people": {
        EVERYONE: _help(
            "People",
            "people",
            "This page shows everyone at the farm.",
            "How to see a person",
            ("people", "Everyone at the farm is in the list."),
            ("person", "Tap a name to see that person."),
            ("lock", "Only the coordinator can change people."),
        ),
        COORDINATOR: _help(
            "People",
            "people",
            "This page shows everyone at the farm. You add people and change them here.",
            "How to add a person",
            ("add", "Tap 'New person'."),
            ("edit", "Type their name. Tap what they do at the farm."),
            ("avatar_01", "Tap a picture and a colour for them."),
            ("save", "Tap 'Save'."),
        ),
    },
    "settings": {
        EVERYONE: _help(
            "Settings",
            "settings",
            "This page changes how Dutch Farm looks on this computer.",
            "How to make the words bigger",
            ("settings", "Find 'Text size on this computer'."),
            ("search", "Tap 'Large text' or 'Very large text'."),
            ("undo", "Tap 'Normal text' to go back."),
        ),
        COORDINATOR: _help(
            "Settings",
            "settings",
            "This page has the farm's name, its seasons and its backups.",
            "How to start a new season",
            ("season", "Find 'New season'."),
            ("calendar", "Choose the year."),
            ("tick", "Tap 'Start this season'."),
            ("backup", "Dutch Farm makes a backup every time it starts."),
        ),
    },
    "welcome": {
        EVERYONE: _help(
            "Welcome",
            "farm",
            "Dutch Farm is new on this computer. It has no people and no beds yet.",
            "How to begin",
            ("farm", "Tap 'Try it with a pretend farm' to look around first."),
            ("people", "Or tap 'Start our own farm' to put in your own farm."),
            ("tick", "Your own farm has 4 first steps. Each gets a tick when it is done."),
        ),
    },
    "first_steps": {
        EVERYONE: _help(
            "First steps",
            "tick",
            "This page shows the first steps to set up your farm.",
            "How to set up your farm",
            ("coordinator", "First add the coordinator, with a PIN."),
            ("people", "Then add the people who come to the farm."),
            ("map", "Then draw the beds on the map."),
            ("season", "Then start the season: the group votes on what to grow."),
        ),
    },
}


def help_for(page: str, audiences: tuple[str, ...]) -> PageHelp:
    """Return the help of ``page`` for the first of ``audiences`` it has (most specific first).

    Every page has help for everyone, the last resort.
    """
    versions = HELP[page]
    return next((versions[a] for a in audiences if a in versions), versions[EVERYONE])
