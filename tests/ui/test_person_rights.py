"""A person's data rights on the People page, and the audit log on Settings, as the coordinator."""

import csv

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from dutchfarm.db.models import Harvest
from dutchfarm.services.auth import sign_in
from dutchfarm.services.people import list_people
from dutchfarm.ui import dialogs


def as_ann(window):
    ann = next(p for p in list_people(window.context.db) if p.name == "Ann")
    window.context.set_actor(sign_in(window.context.db, ann.id, "1234"))


def test_save_what_is_kept_and_erase(make_window, demo_url, qtbot, answers, tmp_path, monkeypatch):
    window = make_window(demo_url)
    as_ann(window)
    db = window.context.db
    page = window.show_page("people")
    marco = next(p for p in list_people(db) if p.name == "Marco")
    page.select_person(marco.id)
    assert page.rights.isVisible()

    folder = tmp_path / "for-marco"
    folder.mkdir()
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_a: str(folder))
    qtbot.mouseClick(page.rights.keep_button, Qt.MouseButton.LeftButton)
    saved = sorted(path.suffix for path in folder.iterdir())
    assert saved == [".csv", ".json", ".pdf"]
    assert answers.messages[-1][0] == "Copy saved"

    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(dialogs, "choose_printer", lambda *_a: printer)
    qtbot.mouseClick(page.rights.print_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    assert answers.messages[-1] == ("Printed", "The page for Marco went to the printer.")

    with db.reading() as session:
        grams = session.scalar(select(func.sum(Harvest.grams)))
    answers.reply = True
    qtbot.mouseClick(page.rights.erase_button, Qt.MouseButton.LeftButton)
    assert answers.messages[-1][0] == "Erased"
    assert "Marco" not in [p.name for p in list_people(db, include_archived=True)]
    with db.reading() as session:
        assert session.scalar(select(func.sum(Harvest.grams))) == grams


def test_saying_no_keeps_the_person(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    as_ann(window)
    page = window.show_page("people")
    marco = next(p for p in list_people(window.context.db) if p.name == "Marco")
    page.select_person(marco.id)
    answers.reply = False
    qtbot.mouseClick(page.rights.erase_button, Qt.MouseButton.LeftButton)
    assert "Marco" in [p.name for p in list_people(window.context.db)]


def test_the_audit_log_shows_and_saves(
    make_window, demo_url, qtbot, answers, tmp_path, monkeypatch
):
    window = make_window(demo_url)
    as_ann(window)
    people = window.show_page("people")
    marco = next(p for p in list_people(window.context.db) if p.name == "Marco")
    people.select_person(marco.id)
    qtbot.mouseClick(people.save_button, Qt.MouseButton.LeftButton)
    page = window.show_page("settings")
    assert page.audit_card.isVisible()
    whats = [page.audit_table.item(r, 2).text() for r in range(page.audit_table.rowCount())]
    assert "person changed" in whats
    target = tmp_path / "audit.csv"
    monkeypatch.setattr(dialogs, "save_file", lambda *_a: str(target))
    qtbot.mouseClick(page.audit_export_button, Qt.MouseButton.LeftButton)
    with target.open(encoding="utf-8") as handle:
        assert any(row[2] == "person_changed" for row in csv.reader(handle))
