"""Journey 7, looking after the data: backups, a full disk, and Marco's data when he leaves."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import event, func, select, text

from dutchfarm.db import backup as backup_files
from dutchfarm.db.models import Harvest, HasVoted, Person, Vote, VoteMark
from dutchfarm.ui import app as dutch_farm
from tests.journeys.conftest import Journey, bring_into_view

TODAY = dt.date.today()


def start_dutch_farm(url, qtbot, monkeypatch, answers) -> Journey:
    """Start Dutch Farm the way the desktop shortcut does, backup first."""
    window = dutch_farm.open_window(url)
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    # The backup begins once the window has been painted; a moment later it is done.
    qtbot.waitUntil(window.start_backup.done, timeout=30_000)
    qtbot.wait(10)
    return Journey(qtbot, monkeypatch, answers, window)


def harvests(journey):
    with journey.db.reading() as session:
        return session.execute(select(func.count(), func.sum(Harvest.grams))).one()


def fill_the_disk(db):
    """From now on the database file cannot grow: SQLite says the disk is full."""
    with db.reading() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()

    def no_room(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(db.engine, "connect", no_room)
    db.engine.dispose()
    return lambda: (event.remove(db.engine, "connect", no_room), db.engine.dispose())


def a_big_harvest_file(folder: Path) -> Path:
    """A season's potatoes, weighed at the farm: far more than a full disk can take."""
    path = folder / "potatoes.csv"
    lines = ["date,crop,quantity,unit"]
    lines += [f"{TODAY.year}-07-{1 + n % 28:02d},potatoes,{100 + n},g" for n in range(3000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def the_import_dialog() -> QDialog:
    [dialog] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.isVisible() and w.windowTitle() == "Import harvests"
    ]
    return dialog


@pytest.mark.sqlite_only
def test_backups_and_a_full_disk(demo_url, qtbot, monkeypatch, answers, tmp_path):
    database = Path(demo_url.removeprefix("sqlite:///"))
    # Dutch Farm starts, and a backup appears.
    journey = start_dutch_farm(demo_url, qtbot, monkeypatch, answers)
    journey.sign_in("Ann", pin="1234")
    settings = journey.open_area("Settings")
    bring_into_view(settings.backup_list)
    [made] = [settings.backup_list.item(row).text() for row in range(settings.backup_list.count())]
    assert made.startswith(f"{TODAY:%A %d %B %Y}, ") and "made when Dutch Farm started" in made
    [kept] = backup_files.list_backups(database)
    assert kept.reason == "start" and backup_files.check_file(kept.path)
    before = harvests(journey)

    # The disk fills up. Ann brings in a file of harvests: it is said in plain words.
    free_the_disk = fill_the_disk(journey.db)
    page = journey.open_area("Harvest")
    journey.open_as(a_big_harvest_file(tmp_path))
    journey.tap("Import", page)
    dialog = the_import_dialog()
    journey.tap("Import 3,000 harvests", dialog)
    journey.qtbot.waitUntil(lambda: journey.button("Cancel", dialog).isEnabled())
    assert journey.messages()[-1] == (
        "Nothing was imported: Nothing was saved: the disk is full. "
        "Please free some space and try again."
    )
    # Nothing is lost, and nothing is half there.
    assert harvests(journey) == before

    # Space is made; the same import, tapped again, goes in whole.
    free_the_disk()
    with journey.qtbot.waitSignal(dialog.imported, timeout=60_000):
        journey.tap("Import 3,000 harvests", dialog)
    after = harvests(journey)
    assert after[0] == before[0] + 3000
    journey.window.close()
    journey.db.close()

    # The next morning the disk is full again as Dutch Farm starts: no backup can be made.
    real_connect = sqlite3.connect

    def full_disk(target, *args, **kwargs):
        connection = real_connect(target, *args, **kwargs)
        if str(target).endswith(".partial"):
            # The backup being written cannot grow: SQLite says the disk is full.
            connection.execute("PRAGMA max_page_count = 2")
        return connection

    monkeypatch.setattr(backup_files.sqlite3, "connect", full_disk)
    journey = start_dutch_farm(demo_url, qtbot, monkeypatch, answers)
    assert journey.messages()[-1] == (
        "No backup today: The backup could not be made: the disk is full."
    )
    # Dutch Farm opens all the same, with everything in it.
    assert harvests(journey) == after
    # The first start's backup is still there, and no half-made one beside it.
    assert [b.path for b in backup_files.list_backups(database)] == [kept.path]
    assert [p.name for p in backup_files.backup_folder(database).iterdir()] == [kept.path.name]
    journey.sign_in("Ann", pin="1234")
    settings = journey.open_area("Settings")
    bring_into_view(settings.backup_list)
    assert settings.backup_list.count() == 1
    journey.last_screen("7-data-backups")
    journey.db.close()


def vote_counts(journey):
    with journey.db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Vote)),
            sorted(session.execute(select(VoteMark.option_id, VoteMark.value)).all()),
        )


def test_marco_takes_his_data_and_leaves(journey, tmp_path):
    with journey.db.reading() as session:
        marco = session.scalar(select(Person).where(Person.display_name == "Marco"))
        his_harvests = session.scalar(
            select(func.count()).select_from(Harvest).where(Harvest.picked_by_id == marco.id)
        )
        nobodys = session.scalar(
            select(func.count()).select_from(Harvest).where(Harvest.picked_by_id.is_(None))
        )
        voted = session.scalar(
            select(func.count()).select_from(HasVoted).where(HasVoted.person_id == marco.id)
        )
    assert his_harvests and voted
    totals = harvests(journey)
    votes = vote_counts(journey)

    journey.sign_in("Ann", pin="1234")
    # The vote's results, as the group saw them.
    vote = journey.open_area("Vote")
    journey.tap(f"See the results: What shall we grow in {TODAY.year}?", vote)
    bars = vote.results.chart.bars()
    # The harvest log's totals for the season.
    harvest = journey.open_area("Harvest")
    shown = harvest.staff.log.totals.text()

    # Ann prints "What Dutch Farm keeps about you" for Marco.
    people = journey.open_area("People")
    journey.tap_row(people.table, "Marco")
    printed = tmp_path / "for-marco.pdf"
    journey.print_to(printed)
    journey.tap("Print what we keep", people)
    assert journey.messages()[-1] == "Printed: The page for Marco went to the printer."
    words = journey.pdf_text(printed)
    assert words.startswith("What Dutch Farm keeps about you Marco Your name is Marco.")
    assert f"You picked food {his_harvests} times." in words
    assert "You voted once." in words and "Your bed: Bed 2." in words

    # And erases him.
    journey.tap("Erase this person", people)
    assert journey.messages()[-1].startswith("Erased: Marco is erased. ")
    assert "Marco" not in [
        people.table.model().index(row, 1).data() for row in range(people.table.model().rowCount())
    ]
    if journey.db.is_sqlite:
        # A backup was made first, and says why.
        settings = journey.open_area("Settings")
        made = [settings.backup_list.item(r).text() for r in range(settings.backup_list.count())]
        assert any(": made before someone was erased (" in line for line in made), made
        journey.open_area("People")
    journey.last_screen("7-data-erased")

    # His harvests stay in the totals, by "someone"; the votes do not change.
    harvest = journey.open_area("Harvest")
    assert harvest.staff.log.totals.text() == shown
    vote = journey.open_area("Vote")
    journey.tap("All votes", vote)
    journey.tap(f"See the results: What shall we grow in {TODAY.year}?", vote)
    assert vote.results.chart.bars() == bars
    assert harvests(journey) == totals and vote_counts(journey) == votes
    with journey.db.reading() as session:
        assert session.scalar(select(Person).where(Person.display_name == "Marco")) is None
        assert (
            session.scalar(
                select(func.count()).select_from(Harvest).where(Harvest.picked_by_id.is_(None))
            )
            == nobodys + his_harvests
        )
