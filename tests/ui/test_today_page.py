"""The Today page on the demo farm: a volunteer's morning, from who is in to a printed rota."""

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from dutchfarm.services.people import list_people
from dutchfarm.services.rota import day_rota
from dutchfarm.ui import dialogs

MORNING = ("Priya", "Sam", "Tom", "Lee", "Jackie", "Marco")
LEFT = Qt.MouseButton.LeftButton


def sign_in_as(window, qtbot, name):
    qtbot.mouseClick(window.user_bar.switch_button, LEFT)
    who = window.pages["who"]
    button = next(b for b in who.buttons if b.person.name == name)
    qtbot.mouseClick(button, LEFT)
    # A gardener lands on their own bed; the rota is on Today.
    return window.show_page("today")


def tick_in(page, qtbot, names):
    people = {t.person.name: t for t in page.who.toggles.values()}
    for name in names:
        qtbot.mouseClick(people[name], LEFT)


def today_rota(window):
    return day_rota(window.context.db, dt.date.today())


def ids_of(window, names):
    people = {p.name: p.id for p in list_people(window.context.db)}
    return {people[n] for n in names}


def a_move(page, rota):
    """A person's place, and another job they can do that they are not on."""
    for chip in page.rota_view.chips:
        person = page.people[chip.place.person_id]
        mine = {job.id for job in rota.jobs_of(person.id)}
        for job in rota.jobs:
            if job.id not in mine and job.task_type_id not in person.cannot:
                return chip, job
    raise AssertionError("no move possible on this rota")


def choose_in_dialog(monkeypatch, qtbot, pick):
    """Answer the next dialog by clicking, on the real dialog, the button ``pick`` returns."""

    def show(dialog):
        qtbot.addWidget(dialog)
        button = pick(dialog)
        if button is None:
            return False
        qtbot.mouseClick(button, LEFT)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "show_dialog", show)


def pdf_pages_and_text(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return pages, text.stdout


needs_poppler = pytest.mark.skipif(
    shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None,
    reason="poppler's pdfinfo and pdftotext read the PDF back",
)


@needs_poppler
def test_a_morning_from_who_is_in_to_a_printed_rota(
    make_window, demo_url, qtbot, answers, monkeypatch, tmp_path
):
    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Priya")

    # Tick six people in: each tick is saved as it happens.
    tick_in(page, qtbot, MORNING)
    assert today_rota(window).present == ids_of(window, MORNING)
    assert page.who_count.text() == "6 people are in."
    assert all(page.who.toggles[i].isChecked() for i in ids_of(window, MORNING))

    # Make the rota: everyone in gets a card with their jobs, each with its reason.
    qtbot.mouseClick(page.make_button, LEFT)
    rota = today_rota(window)
    assert rota.made
    assert {card.name.text() for card in page.rota_view.cards} == set(MORNING)
    for chip in page.rota_view.chips:
        assert chip.toolTip() == chip.place.reason and chip.place.reason
        assert chip.job.icon
    chip = page.rota_view.chips[0]
    qtbot.mouseClick(chip, LEFT)
    assert page.why.text() == f"Why? {chip.place.reason}"
    # Tom cannot dig, so he never gets digging; Lee needs support, so a volunteer is with him
    # (or, if the rota could not place him, the page says so and he can be given a job).
    [tom, lee] = [ids_of(window, [name]).pop() for name in ("Tom", "Lee")]
    assert "Digging" not in {job.name for job in rota.jobs_of(tom)}
    volunteers = ids_of(window, ["Priya", "Sam"])
    for job in rota.jobs_of(lee):
        assert volunteers & {p.person_id for p in job.people}
    if not rota.jobs_of(lee):
        assert "Lee has no job yet." in page.problems.text()
    assert "with them" not in page.problems.text()

    # Move one person to another job, with the keyboard's way: choose, then "Move to…".
    chip, target = a_move(page, rota)
    person_id, from_job = chip.place.person_id, chip.job.id
    qtbot.mouseClick(chip, LEFT)
    choose_in_dialog(monkeypatch, qtbot, lambda chooser: chooser.buttons[target.id])
    qtbot.mouseClick(page.move_button, LEFT)
    moved = today_rota(window)
    place = next(p for p in moved.job(target.id).people if p.person_id == person_id)
    assert place.by_hand and "moved" in place.reason
    assert person_id not in {p.person_id for p in moved.job(from_job).people}
    assert page.rota_view.selected.key == (target.id, person_id)

    # Tick a job done.
    qtbot.mouseClick(page.job_rows[target.id].done_button, LEFT)
    assert today_rota(window).job(target.id).done

    # Print to PDF: one page with every name on it.
    out = tmp_path / "rota.pdf"
    monkeypatch.setattr(dialogs, "save_file", lambda *_a: str(out))
    qtbot.mouseClick(page.pdf_button, LEFT)
    assert answers.messages[-1] == ("The rota is saved", "The picture rota is saved as rota.pdf.")
    pages, text = pdf_pages_and_text(out)
    assert pages == 1
    for name in MORNING:
        assert name in text
    assert dt.date.today().strftime("%B") in text


@needs_poppler
def test_print_sends_the_picture_rota_to_the_printer_chosen(
    make_window, demo_url, qtbot, monkeypatch, tmp_path
):
    from PySide6.QtPrintSupport import QPrinter

    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Priya")
    tick_in(page, qtbot, MORNING)
    qtbot.mouseClick(page.make_button, LEFT)
    # A printer that prints into a file stands in for the cabin's printer.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    monkeypatch.setattr(dialogs, "choose_printer", lambda _parent: printer)
    qtbot.mouseClick(page.print_button, LEFT)
    pages, text = pdf_pages_and_text(out)
    assert pages == 1 and all(name in text for name in MORNING)


def test_the_keyboard_alone_chooses_a_job_and_moves_the_person(
    make_window, demo_url, qtbot, monkeypatch
):
    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Priya")
    tick_in(page, qtbot, MORNING)
    qtbot.keyClick(page.make_button, Qt.Key.Key_Space)
    chip, target = a_move(page, today_rota(window))
    person_id = chip.place.person_id
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    assert page.rota_view.selected is chip and page.why.text().startswith("Why? ")

    def show(chooser):
        qtbot.addWidget(chooser)
        qtbot.keyClick(chooser.buttons[target.id], Qt.Key.Key_Space)
        return chooser.result() == chooser.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "show_dialog", show)
    qtbot.keyClick(page.move_button, Qt.Key.Key_Space)
    assert person_id in {p.person_id for p in today_rota(window).job(target.id).people}
    # The moved place is chosen and has the keyboard's focus, ready for the next step.
    assert page.rota_view.selected.key == (target.id, person_id)
    assert page.rota_view.selected.hasFocus()


# Qt marks the drag event's QPoint constructor as old, but it is the one a drop target gets.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dragging_a_person_onto_another_job_moves_them(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Sam")
    tick_in(page, qtbot, MORNING)
    qtbot.mouseClick(page.make_button, LEFT)
    chip, target = a_move(page, today_rota(window))
    row = page.job_rows[target.id]
    data = chip.drag_data()
    centre = QPointF(row.rect().center())
    enter = QDragEnterEvent(
        centre.toPoint(), Qt.DropAction.MoveAction, data, LEFT, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(row, enter)
    assert enter.isAccepted()
    drop = QDropEvent(centre, Qt.DropAction.MoveAction, data, LEFT, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(row, drop)
    on_target = {p.person_id for p in today_rota(window).job(target.id).people}
    assert chip.place.person_id in on_target
    # A place dropped back on its own job is refused.
    own = page.job_rows[target.id]
    back = page.rota_view.chip(target.id, chip.place.person_id).drag_data()
    refused = QDragEnterEvent(
        centre.toPoint(), Qt.DropAction.MoveAction, back, LEFT, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(own, refused)
    assert not refused.isAccepted()


def test_every_change_can_be_undone(make_window, demo_url, qtbot, answers, monkeypatch):
    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Priya")
    undo = window.undo_bar.undo_button

    tick_in(page, qtbot, ["Tom"])
    qtbot.mouseClick(undo, LEFT)
    assert today_rota(window).present == set()
    assert not any(t.isChecked() for t in page.who.toggles.values())

    tick_in(page, qtbot, MORNING)
    qtbot.mouseClick(page.make_button, LEFT)
    made = today_rota(window)
    chip, target = a_move(page, made)
    page.move_place(chip.place.person_id, chip.job.id, target.id)
    assert today_rota(window).hand_moves == 1
    qtbot.mouseClick(undo, LEFT)
    assert today_rota(window).jobs == made.jobs

    job = made.jobs[0]
    qtbot.mouseClick(page.job_rows[job.id].done_button, LEFT)
    assert today_rota(window).job(job.id).done
    qtbot.mouseClick(undo, LEFT)
    assert not today_rota(window).job(job.id).done

    # Unticking someone takes them off their jobs; Undo puts them back on them.
    [person_id] = ids_of(window, ["Jackie"])
    jackies = [j.id for j in made.jobs_of(person_id)]
    tick_in(page, qtbot, ["Jackie"])
    assert today_rota(window).jobs_of(person_id) == []
    qtbot.mouseClick(undo, LEFT)
    back = today_rota(window)
    assert person_id in back.present and [j.id for j in back.jobs_of(person_id)] == jackies

    qtbot.mouseClick(page.make_button, LEFT)
    qtbot.mouseClick(undo, LEFT)
    assert today_rota(window).jobs == made.jobs


def test_making_the_rota_again_asks_first_when_people_were_moved_by_hand(
    make_window, demo_url, qtbot, answers
):
    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Priya")
    tick_in(page, qtbot, MORNING)
    qtbot.mouseClick(page.make_button, LEFT)
    chip, target = a_move(page, today_rota(window))
    page.move_place(chip.place.person_id, chip.job.id, target.id)
    answers.reply = False
    qtbot.mouseClick(page.make_button, LEFT)
    assert today_rota(window).hand_moves == 1
    answers.reply = True
    qtbot.mouseClick(page.make_button, LEFT)
    assert today_rota(window).hand_moves == 0


def test_a_one_off_job_is_added_with_pictures(make_window, demo_url, qtbot, monkeypatch):
    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Priya")
    before = len(today_rota(window).jobs)

    def pick(dialog):
        kind = next(
            k
            for k, b in dialog.kind_buttons.items()
            if b.accessibleName() == "Slug and snail patrol"
        )
        qtbot.mouseClick(dialog.kind_buttons[kind], LEFT)
        qtbot.mouseClick(dialog.more, LEFT)
        dialog.bed.setCurrentIndex(dialog.bed.findText("Bed 7"))
        return dialog.add_button

    choose_in_dialog(monkeypatch, qtbot, pick)
    qtbot.mouseClick(page.add_job_button, LEFT)
    rota = today_rota(window)
    [added] = [j for j in rota.jobs if j.one_off]
    assert len(rota.jobs) == before + 1
    assert (added.title, added.people_needed) == ("Slug and snail patrol in Bed 7", 2)
    assert page.job_rows[added.id].title.text() == "Slug and snail patrol in Bed 7"
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert len(today_rota(window).jobs) == before


def test_someone_left_without_a_job_is_said_and_can_be_given_one(
    make_window, demo_url, qtbot, monkeypatch
):
    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Priya")
    everyone = [t.person.name for t in page.who.toggles.values()]
    tick_in(page, qtbot, everyone)
    qtbot.mouseClick(page.make_button, LEFT)
    rota = today_rota(window)
    idle = [c for c in page.rota_view.cards if c.no_job is not None]
    assert idle, "more people than places: someone has no job"
    card = idle[0]
    name = card.name.text()
    assert f"{name} has no job yet." in page.problems.text()
    person = card.no_job.person
    job = next(j for j in rota.jobs if j.task_type_id not in person.cannot)
    choose_in_dialog(monkeypatch, qtbot, lambda chooser: chooser.buttons[job.id])
    qtbot.mouseClick(card.no_job, LEFT)
    assert person.id in {p.person_id for p in today_rota(window).job(job.id).people}
    assert f"{name} has no job yet." not in page.problems.text()


def test_jobs_still_needing_people_are_said_in_plain_words(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Priya")
    tick_in(page, qtbot, ["Priya"])
    qtbot.mouseClick(page.make_button, LEFT)
    rota = today_rota(window)
    short = [j for j in rota.jobs if j.short]
    assert short
    for job in short:
        assert job.needs_words in page.problems.text()
        assert page.job_rows[job.id].short.text() == job.needs_words
    assert "more person." in page.problems.text() or "more people." in page.problems.text()


def test_a_gardener_sees_the_rota_but_cannot_change_it(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    page = sign_in_as(window, qtbot, "Priya")
    tick_in(page, qtbot, MORNING)
    qtbot.mouseClick(page.make_button, LEFT)
    page = sign_in_as(window, qtbot, "Jackie")
    assert page.locked_note.isVisible()
    assert not page.make_button.isEnabled() and not page.add_job_button.isEnabled()
    assert not any(t.isEnabled() for t in page.who.toggles.values())
    assert not any(row.done_button.isEnabled() for row in page.job_rows.values())
    assert not any(row.acceptDrops() for row in page.job_rows.values())
    chip = page.rota_view.chips[0]
    qtbot.mouseClick(chip, LEFT)
    assert page.why.text() == f"Why? {chip.place.reason}"
    assert not page.move_button.isEnabled() and chip.drag_data() is None
    assert page.pdf_button.isEnabled()


def test_the_page_shows_its_parts_at_very_large_text(make_window, demo_url, qtbot, tmp_path):
    window = make_window(demo_url, text_size="very_large")
    page = sign_in_as(window, qtbot, "Priya")
    tick_in(page, qtbot, MORNING)
    qtbot.mouseClick(page.make_button, LEFT)
    assert not page.wide
    assert {card.name.text() for card in page.rota_view.cards} == set(MORNING)
    assert page.rota_view.columns == 1


def test_a_picture_is_drawn_when_shown_with_its_tick_and_greyed_when_locked(
    make_window, demo_url, qtbot, monkeypatch
):
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QStyleOption

    from dutchfarm.ui import icons
    from dutchfarm.ui.rota_board import person_picture

    drawn_for = []
    draw = icons._person_pixmap.__wrapped__

    def counted(name, colour, avatar, photo, size):
        drawn_for.append(name)
        return draw(name, colour, avatar, photo, size)

    monkeypatch.setattr(icons, "_person_pixmap", counted)
    window = make_window(demo_url, size=(1280, 600))
    page = window.pages["today"]
    # Only the pictures in sight are drawn as the page opens; the rest when scrolled to.
    assert 0 < len(set(drawn_for)) < len(page.who.toggles)
    page = sign_in_as(window, qtbot, "Priya")
    toggle = next(t for t in page.who.toggles.values() if t.person.name == "Lee")
    side = toggle.iconSize()
    plain = toggle.icon().pixmap(side).toImage()
    assert plain == person_picture(toggle.person, side.width()).toImage()
    tick_in(page, qtbot, ["Lee"])
    ticked = toggle.icon().pixmap(side).toImage()
    assert ticked == person_picture(toggle.person, side.width(), True).toImage() != plain
    grey = toggle.icon().pixmap(side, QIcon.Mode.Disabled).toImage()
    expected = QApplication.style().generatedIconPixmap(
        QIcon.Mode.Disabled, person_picture(toggle.person, side.width(), True), QStyleOption()
    )
    assert grey == expected.toImage() != ticked
