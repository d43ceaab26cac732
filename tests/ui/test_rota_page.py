"""The Rota page on the demo farm: any day's rota, jobs that come back, kinds of job, fairness."""

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget
from test_accessibility import problems_on

from dutchfarm.domain.terms import Effort, Repeat
from dutchfarm.services.auth import sign_in
from dutchfarm.services.catalogue import list_crops, list_task_types
from dutchfarm.services.fairness import fairness
from dutchfarm.services.jobs import list_beds_for_jobs, list_recurring_jobs
from dutchfarm.services.people import list_people
from dutchfarm.services.rota import DayJob, Placement
from dutchfarm.ui import dialogs
from dutchfarm.ui.job_dialogs import OneOffJobDialog
from dutchfarm.ui.rota_board import JobChip
from dutchfarm.ui.rota_models import (
    COL_ALL,
    COL_PEOPLE,
    COL_PERSON,
    FairnessTableModel,
    RecurringJobTableModel,
    TaskTypeTableModel,
)
from dutchfarm.ui.theme import apply_theme

LEFT = Qt.MouseButton.LeftButton


def rota_page(window, name="Ann"):
    db = window.context.db
    person = next(p for p in list_people(db) if p.name == name)
    window.context.set_actor(sign_in(db, person.id, "1234" if name == "Ann" else None))
    return window.show_page("rota")


def last_weekday_before(day):
    day -= dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def test_any_days_rota_with_big_buttons_to_move_through_the_days(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    page = rota_page(window, "Priya")
    today = page.day
    assert today == dt.date.today()
    qtbot.mouseClick(page.previous_button, LEFT)
    assert page.day == today - dt.timedelta(days=1)
    qtbot.mouseClick(page.next_button, LEFT)
    qtbot.mouseClick(page.previous_button, LEFT)
    worked = last_weekday_before(dt.date.today())
    page.show_day(worked)
    assert page.day_words.text().startswith(worked.strftime("%A"))
    assert "were in" in page.day_summary.text()
    chips = page.day_view.chips
    assert chips and all(chip.toolTip() == chip.place.reason for chip in chips)
    assert not any(chip.drag_data() for chip in chips)
    qtbot.mouseClick(chips[0], LEFT)
    assert page.day_why.text() == f"Why? {chips[0].place.reason}"
    page.show_day(dt.date.today() - dt.timedelta(days=400))
    assert page.day_view.empty.text() == "No rota was made for this day."
    assert not page.pdf_button.isEnabled()
    qtbot.mouseClick(page.today_button, LEFT)
    assert page.day == dt.date.today()


def test_a_past_days_rota_can_be_saved_as_a_pdf(
    make_window, demo_url, qtbot, answers, monkeypatch, tmp_path
):
    window = make_window(demo_url)
    page = rota_page(window, "Priya")
    page.show_day(last_weekday_before(dt.date.today()))
    out = tmp_path / "past"
    monkeypatch.setattr(dialogs, "save_file", lambda *_a: str(out))
    qtbot.mouseClick(page.pdf_button, LEFT)
    assert (tmp_path / "past.pdf").read_bytes().startswith(b"%PDF")
    assert answers.messages[-1][1] == "The picture rota is saved as past.pdf."


def test_the_coordinator_adds_changes_and_removes_a_job_that_comes_back(
    make_window, demo_url, qtbot, answers
):
    window = make_window(demo_url)
    page = rota_page(window)
    qtbot.mouseClick(page.section_buttons["recurring"], LEFT)
    db = window.context.db
    before = len(list_recurring_jobs(db))
    assert page.recurring.model.rowCount() == before

    # A new job: sowing on Tuesdays and Thursdays, for two people.
    qtbot.mouseClick(page.recurring.new_button, LEFT)
    form = page.recurring.job_form
    form.kind.setCurrentIndex(form.kind.findText("Sowing seeds"))
    qtbot.mouseClick(form.repeat_buttons[Repeat.WEEKDAYS], LEFT)
    assert form.days_row.isVisible()
    qtbot.mouseClick(form.day_buttons[1], LEFT)
    qtbot.mouseClick(form.day_buttons[3], LEFT)
    form.people.setValue(2)
    qtbot.mouseClick(page.recurring.save_button, LEFT)
    jobs = list_recurring_jobs(db)
    [sowing] = [j for j in jobs if j.task_name == "Sowing seeds"]
    assert (sowing.when, sowing.people_needed) == ("Tuesdays and Thursdays", 2)
    assert page.recurring.model.rowCount() == before + 1
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert len(list_recurring_jobs(db)) == before

    # Change one: watering needs three people now; Undo puts two back.
    row = next(
        r
        for r in range(page.recurring.model.rowCount())
        if page.recurring.model.row(r).task_name == "Watering"
    )
    watering = page.recurring.model.row(row)
    page.recurring.table.setCurrentIndex(
        page.recurring.proxy.mapFromSource(page.recurring.model.index(row, 0))
    )
    assert page.recurring.current.id == watering.id
    form.people.setValue(3)
    qtbot.mouseClick(page.recurring.save_button, LEFT)
    assert next(j for j in list_recurring_jobs(db) if j.id == watering.id).people_needed == 3
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert next(j for j in list_recurring_jobs(db) if j.id == watering.id).people_needed == 2

    # Remove asks first.
    page.recurring.show_row(next(j for j in list_recurring_jobs(db) if j.id == watering.id))
    answers.reply = False
    qtbot.mouseClick(page.recurring.remove_button, LEFT)
    assert watering.id in {j.id for j in list_recurring_jobs(db)}
    answers.reply = True
    qtbot.mouseClick(page.recurring.remove_button, LEFT)
    assert watering.id not in {j.id for j in list_recurring_jobs(db)}
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert watering.id in {j.id for j in list_recurring_jobs(db)}


def test_a_weekly_job_has_one_day(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    page = rota_page(window)
    page.show_section("recurring")
    form = page.recurring.job_form
    qtbot.mouseClick(form.repeat_buttons[Repeat.WEEKLY], LEFT)
    qtbot.mouseClick(form.day_buttons[0], LEFT)
    qtbot.mouseClick(form.day_buttons[4], LEFT)
    assert [b.isChecked() for b in form.day_buttons] == [i == 4 for i in range(7)]
    assert form.draft().weekdays == 0b10000


def test_only_the_coordinator_changes_the_jobs_and_kinds(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    page = rota_page(window, "Priya")
    page.show_section("recurring")
    assert page.recurring.locked.isVisible()
    assert not page.recurring.job_form.isEnabled() and not page.recurring.save_button.isEnabled()
    page.show_section("kinds")
    assert page.kinds_editor.locked.isVisible() and not page.kinds_editor.save_button.isEnabled()


def test_the_coordinator_adds_and_changes_a_kind_of_job(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    page = rota_page(window)
    page.show_section("kinds")
    qtbot.mouseClick(page.kinds_editor.new_button, LEFT)
    form = page.kinds_editor.kind_form
    qtbot.keyClicks(form.name, "Sweeping the paths")
    qtbot.mouseClick(form.effort_buttons[Effort.MEDIUM], LEFT)
    form.choose_picture("tidy")
    qtbot.mouseClick(page.kinds_editor.save_button, LEFT)
    db = window.context.db
    added = next(t for t in list_task_types(db) if t.name == "Sweeping the paths")
    assert (added.icon, added.effort) == ("tidy", Effort.MEDIUM)
    assert page.kinds_editor.current.id == added.id

    form.name.clear()
    qtbot.keyClicks(form.name, "Compost")
    qtbot.mouseClick(page.kinds_editor.save_button, LEFT)
    assert answers.messages[-1][1] == "There is already a job called Compost."

    qtbot.mouseClick(page.kinds_editor.new_button, LEFT)
    qtbot.keyClicks(form.name, "Raking")
    qtbot.mouseClick(page.kinds_editor.save_button, LEFT)
    assert "Raking" in {t.name for t in list_task_types(db)}
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert "Raking" not in {t.name for t in list_task_types(db)}


def test_fairness_counts_each_persons_jobs_and_sorts(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    page = rota_page(window, "Priya")
    page.show_section("fairness")
    qtbot.mouseClick(page.period_buttons["3m"], LEFT)
    today = dt.date.today()
    expected = fairness(window.context.db, today - dt.timedelta(days=90), today)
    model = page.fair_model
    assert model.rowCount() == len(expected.rows)
    assert model.columnCount() == len(expected.kinds) + 2
    totals = {
        model.index(r, COL_PERSON).data(): int(model.index(r, COL_ALL).data())
        for r in range(model.rowCount())
    }
    assert totals == {row.name: row.total for row in expected.rows}
    assert sum(totals.values()) == expected.total > 0
    page.fair_table.sortByColumn(COL_ALL, Qt.SortOrder.DescendingOrder)
    shown = [int(page.fair_proxy.index(r, COL_ALL).data()) for r in range(model.rowCount())]
    assert shown == sorted(shown, reverse=True)

    qtbot.mouseClick(page.chart_button, LEFT)
    assert page.chart is not None and page.fair_views.currentWidget() is page.chart
    assert page.chart.table == expected
    qtbot.mouseClick(page.table_button, LEFT)
    assert page.fair_views.currentWidget() is page.fair_table


def test_the_chart_loads_matplotlib_only_when_first_shown(demo_url, tmp_path):
    script = textwrap.dedent(
        f"""
        import sys
        from dutchfarm.ui.app import build_main_window
        window = build_main_window({demo_url!r})
        page = window.show_page("rota")
        page.show_section("fairness")
        assert "matplotlib" not in sys.modules, "matplotlib loaded before the chart"
        page.show_chart()
        assert "matplotlib" in sys.modules
        print("ok")
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.stdout.strip().endswith("ok"), result.stderr


def test_the_table_models_hold_up(qtmodeltester, make_window, demo_url):
    window = make_window(demo_url)
    db = window.context.db
    recurring = RecurringJobTableModel()
    recurring.set_rows(list_recurring_jobs(db))
    qtmodeltester.check(recurring)
    assert int(recurring.index(0, COL_PEOPLE).data()) >= 1
    kinds = TaskTypeTableModel()
    kinds.set_rows(list_task_types(db))
    qtmodeltester.check(kinds)
    fair = FairnessTableModel()
    fair.set_table(fairness(db, dt.date.today() - dt.timedelta(days=60), dt.date.today()))
    qtmodeltester.check(fair)


@pytest.mark.parametrize("text_size", ["normal", "very_large"])
def test_every_part_is_named_focusable_and_big_enough(make_window, demo_url, qtbot, text_size):
    window = make_window(demo_url, text_size=text_size)
    page = rota_page(window)
    for key in ("day", "recurring", "kinds", "fairness"):
        page.show_section(key)
        if key == "day":
            page.show_day(last_weekday_before(dt.date.today()))
        if key == "fairness":
            page.show_chart()
        qtbot.wait(10)
        assert problems_on(window) == [], key


@pytest.mark.parametrize("text_size", ["normal", "very_large"])
def test_today_with_a_rota_is_named_focusable_and_big_enough(
    make_window, demo_url, qtbot, text_size
):
    window = make_window(demo_url, text_size=text_size)
    db = window.context.db
    priya = next(p for p in list_people(db) if p.name == "Priya")
    window.context.set_actor(sign_in(db, priya.id))
    page = window.show_page("today")
    for toggle in list(page.who.toggles.values())[:8]:
        qtbot.mouseClick(toggle, LEFT)
    qtbot.mouseClick(page.make_button, LEFT)
    qtbot.wait(10)
    assert page.rota_view.chips
    assert problems_on(window) == []


@pytest.mark.parametrize("width", [180, 260, 600])
def test_a_long_job_name_wraps_onto_more_lines_rather_than_being_cut_off(qapp, qtbot, width):
    apply_theme(qapp, "normal")
    place = Placement(1, 2, "Jackie", "Nobody has done it this week.", by_hand=False)
    job = DayJob(
        1,
        1,
        "Looking after the tools and the shed",
        "tools",
        Effort.LIGHT,
        "Bed 12",
        1,
        one_off=False,
        note=None,
        done=False,
        done_at=None,
        people=(place,),
    )
    card = QWidget()
    layout = QVBoxLayout(card)
    chip = JobChip(job, place, movable=True)
    layout.addWidget(chip)
    qtbot.addWidget(card)
    card.resize(width, 400)
    card.show()
    qtbot.wait(10)
    assert chip.text().replace("\n", " ") == "Looking after the tools and the shed in Bed 12"
    assert ("\n" in chip.text()) == (width < 600)
    assert problems_on(card) == []
    assert chip.accessibleName() == "Jackie: Looking after the tools and the shed in Bed 12"


@pytest.mark.parametrize("text_size", ["normal", "very_large"])
def test_the_add_a_job_window_shows_every_job_whole_and_fits_the_screen(
    make_window, demo_url, qtbot, text_size
):
    window = make_window(demo_url, text_size=text_size)
    db = window.context.db
    dialog = OneOffJobDialog(list_task_types(db), list_beds_for_jobs(db), list_crops(db), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(10)
    assert dialog.width() <= 1280
    for button in dialog.kind_buttons.values():
        dialog.findChild(QScrollArea).ensureWidgetVisible(button)
        qtbot.wait(1)
        assert problems_on(dialog) == []
    assert dialog.kind_buttons[next(iter(dialog.kind_buttons))].accessibleName() == "Compost"
    assert dialog.crop.itemText(0) == "No crop" and dialog.crop.findText("Carrots") > 0
