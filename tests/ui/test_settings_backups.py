"""Backups on the Settings page: back up now, and put a backup back (after asking)."""

import pytest
from PySide6.QtCore import Qt

from dutchfarm.services.auth import sign_in
from dutchfarm.services.beds import BedDraft, add_bed, list_beds
from dutchfarm.services.people import list_people


@pytest.mark.sqlite_only
def test_back_up_now_and_put_it_back(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    db = window.context.db
    ann = next(p for p in list_people(db) if p.name == "Ann")
    window.context.set_actor(sign_in(db, ann.id, "1234"))
    page = window.show_page("settings")
    assert page.backups_card.isVisible() and page.backup_list.count() == 0
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert page.backup_list.count() == 1
    assert "made by hand" in page.backup_list.item(0).text()

    add_bed(db, window.context.actor, BedDraft("Bed 99", None, 30, 1, 1.2, 2.4))
    assert "Bed 99" in [b.name for b in list_beds(db)]

    page.backup_list.setCurrentRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "Bed 99" not in [b.name for b in list_beds(db)]
    assert answers.messages[-1] == ("Backup put back", "The backup is back in place.")
    # What it replaced is kept as a backup of its own.
    reasons = [page.backup_list.item(i).text() for i in range(page.backup_list.count())]
    assert any("before a backup was put back" in words for words in reasons)


def test_only_the_coordinator_can_put_a_backup_back(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    db = window.context.db
    priya = next(p for p in list_people(db) if p.name == "Priya")
    window.context.set_actor(sign_in(db, priya.id))
    page = window.show_page("settings")
    assert not page.backups_card.isEnabled()
