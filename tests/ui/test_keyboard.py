"""The main journeys with the keyboard alone: Tab, Shift+Tab, arrows, Enter, Space and Escape.

Nothing here clicks or calls a widget to act: every step is a key pressed on whatever has
the keyboard's focus, as a person who cannot use a mouse would do it.
"""

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from dutchfarm.domain.terms import BallotMethod, DiaryAction, Unit
from dutchfarm.services.auth import COMMAND_LINE, Actor
from dutchfarm.services.beds import bed_of, bed_record
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.farm import current_season
from dutchfarm.services.harvest import list_harvests
from dutchfarm.services.people import list_people
from dutchfarm.services.rota import day_rota
from dutchfarm.services.vote_results import ballot_results
from dutchfarm.services.voting import BallotDraft, create_ballot, open_ballot, who_has_voted
from dutchfarm.ui import dialogs
from dutchfarm.ui.colours import THEMES, contrast_ratio
from dutchfarm.ui.context import Topic
from dutchfarm.ui.main_window import PAGES

Key = Qt.Key
MORNING = ("Priya", "Sam", "Tom", "Jackie", "Marco")


# --- what a keyboard user's fingers do ------------------------------------------------------


def focused() -> QWidget | None:
    """Return the widget that has the keyboard's focus."""
    return QApplication.focusWidget()


def describe(widget: QWidget | None) -> str:
    """Return a widget as a person would name it: its kind and its accessible name."""
    if widget is None:
        return "(nothing)"
    words = widget.accessibleName() or getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__} '{words}'"


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    """Press one key on whatever has the focus, and let the screen catch up, as between presses."""
    widget = focused()
    assert widget is not None, "nothing has the keyboard's focus"
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


def tab_to(qtbot, wanted, *, backwards=False, limit=160):
    """Press Tab (or Shift+Tab) until the focus lands on a widget ``wanted`` accepts."""
    went = []
    for _ in range(limit):
        widget = focused()
        if widget is not None and wanted(widget):
            return widget
        went.append(describe(widget))
        press(qtbot, Key.Key_Backtab if backwards else Key.Key_Tab)
    raise AssertionError(f"Tab never got there in {limit} presses: " + " > ".join(went))


def named(words):
    """A test for tab_to: the widget's accessible name is ``words``."""
    return lambda widget: widget.accessibleName() == words


def naming(words):
    """A test for tab_to: the widget's accessible name starts with ``words``."""
    return lambda widget: widget.accessibleName().startswith(words)


def choose_me(window, qtbot, name):
    """Tab to "Change user", press Enter, Tab to your picture and press Enter."""
    tab_to(qtbot, lambda w: w is window.user_bar.switch_button)
    press(qtbot, Key.Key_Return)
    assert window.current_page_name() == "who"
    tab_to(qtbot, named(name))
    press(qtbot, Key.Key_Return)
    assert window.context.actor.name == name


def open_area(window, qtbot, name, words):
    """Go to Today with the bar's first button, then Tab to an area's tile and press Enter."""
    tab_to(qtbot, lambda w: w is window.user_bar.home_button)
    press(qtbot, Key.Key_Space)
    assert window.current_page_name() == "today"
    tab_to(qtbot, named(words))
    press(qtbot, Key.Key_Return)
    assert window.current_page_name() == name
    page = window.pages[name]
    assert page.isAncestorOf(focused()), f"the focus was left on {describe(focused())}"
    return page


def person_id(window, name):
    return next(p.id for p in list_people(window.context.db) if p.name == name)


def pdf_text(path):
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


# --- the journeys ---------------------------------------------------------------------------


def test_jackie_chooses_herself_and_adds_i_watered_to_her_bed(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    db = window.context.db
    jackie = person_id(window, "Jackie")
    # The program starts with the keyboard on Today's first control, not on nothing.
    assert window.pages["today"].isAncestorOf(focused())

    choose_me(window, qtbot, "Jackie")
    page = window.pages["bed"]
    assert window.current_page_name() == "bed"
    assert page.header.title.text() == "My bed: Bed 1"
    assert window.context.bed_id == bed_of(db, jackie)
    # She lands with the keyboard on her first picture button, ready to tap.
    assert focused() is page.action_buttons[DiaryAction.SOWED]

    diary_before = len(bed_record(db, window.context.actor, bed_of(db, jackie)).diary)
    tab_to(qtbot, named("I watered"))
    press(qtbot, Key.Key_Space)

    record = bed_record(db, window.context.actor, bed_of(db, jackie))
    assert len(record.diary) == diary_before + 1
    newest = record.diary[0]
    assert (newest.action, newest.person.name, newest.day) == (
        DiaryAction.WATERED,
        "Jackie",
        dt.date.today(),
    )
    top = page.diary.item(0).text()
    assert "Jackie watered." in top and str(dt.date.today().day) in top
    assert window.undo_bar.message.text() == "Saved: Jackie watered."
    # The button keeps the focus, so a second job is one more key away.
    assert focused() is page.action_buttons[DiaryAction.WATERED]


def test_a_group_votes_with_dots_and_the_vote_is_counted(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    db = window.context.db
    crops = {crop.key: crop.id for crop in list_crops(db)}
    three = (crops["strawberry"], crops["carrot"], crops["potato"])
    season = current_season(db)
    # Setting up: a dots vote already open, as a volunteer would have started it.
    draft = BallotDraft("Which crop next?", BallotMethod.DOTS, seats=1, crop_ids=three)
    ballot = create_ballot(db, COMMAND_LINE, season.id, draft)
    open_ballot(db, COMMAND_LINE, ballot.id)

    choose_me(window, qtbot, "Sam")
    page = open_area(window, qtbot, "vote", "Vote")
    box = page.box
    assert page.views.currentWidget() is box and box.ballot.id == ballot.id
    # The keyboard waits on the first picture of someone still to vote.
    assert not focused().has_voted

    # Jackie: a dot on potatoes, taken off again, then two on strawberries and one on carrots.
    tab_to(qtbot, naming("Jackie"))
    press(qtbot, Key.Key_Return)
    assert box.turn.text() == "Jackie, it is your turn."
    assert focused() is box.cards[crops["strawberry"]].tap
    tab_to(qtbot, lambda w: w is box.cards[crops["potato"]].tap)
    press(qtbot, Key.Key_Space)
    assert box.cards[crops["potato"]].value == 1
    tab_to(qtbot, named("Take a dot off Potatoes"))
    press(qtbot, Key.Key_Space)
    assert box.cards[crops["potato"]].value == 0
    tab_to(qtbot, naming("Strawberries:"), backwards=True)
    press(qtbot, Key.Key_Space)
    press(qtbot, Key.Key_Return)
    assert focused().accessibleName() == "Strawberries: 2 dots. Tap to add a dot."
    tab_to(qtbot, naming("Carrots:"))
    press(qtbot, Key.Key_Space)
    assert box.left_words.text() == "No dots left. Tap Done."
    tab_to(qtbot, lambda w: w is box.done_button)
    press(qtbot, Key.Key_Return)
    assert box.thanks.text() == "Thank you, Jackie. Your vote is in."
    assert box.voter_buttons[person_id(window, "Jackie")].accessibleName() == "Jackie, has voted"

    # Marco starts, changes his mind with Escape (nothing is kept), then puts 3 on carrots.
    tab_to(qtbot, naming("Marco"))
    press(qtbot, Key.Key_Return)
    press(qtbot, Key.Key_Space)
    press(qtbot, Key.Key_Escape)
    assert box.stages.currentWidget() is box.pick and box.marks == {}
    assert focused() is box.voter_buttons[person_id(window, "Marco")]
    press(qtbot, Key.Key_Return)
    tab_to(qtbot, naming("Carrots:"))
    for _ in range(3):
        press(qtbot, Key.Key_Space)
    tab_to(qtbot, lambda w: w is box.done_button)
    press(qtbot, Key.Key_Space)
    assert who_has_voted(db, ballot.id) == {person_id(window, n) for n in ("Jackie", "Marco")}

    # Sam closes the vote; the results count every dot.
    tab_to(qtbot, lambda w: w is box.close_button)
    press(qtbot, Key.Key_Return)
    assert page.views.currentWidget() is page.results
    scores = {option.plural: option.score for option in ballot_results(db, ballot.id).options}
    assert scores == {"Carrots": 4, "Strawberries": 2, "Potatoes": 0}
    words = " ".join(label.text() for label in page.results.findChildren(type(box.thanks)))
    assert "Carrots won." in words
    # Escape goes back from the results to the list of votes.
    press(qtbot, Key.Key_Escape)
    assert page.views.currentWidget() is page.list_view


def test_jackie_logs_6_strawberries_on_the_number_pad(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    db = window.context.db
    choose_me(window, qtbot, "Jackie")
    page = open_area(window, qtbot, "harvest", "Harvest")
    entry = page.gardener.entry
    # Her own bed's crop is the first picture, and the keyboard starts on it.
    assert focused() is entry.crop_buttons[0]
    assert entry.crop_buttons[0].crop.plural == "Strawberries"
    before = len(list_harvests(db, person_id=window.context.actor.person_id))

    # Apples by mistake: Escape goes back to the pictures, on the one chosen.
    press(qtbot, Key.Key_Right)
    assert focused().accessibleName() == "Apples"
    press(qtbot, Key.Key_Return)
    assert entry.steps.currentIndex() == 1
    press(qtbot, Key.Key_Escape)
    assert entry.steps.currentIndex() == 0 and focused().accessibleName() == "Apples"
    press(qtbot, Key.Key_Left)
    press(qtbot, Key.Key_Return)
    assert entry.amount_heading.text() == "Strawberries. How much did you pick?"

    # On the number pad: the focus starts on 1; Down goes to 4, Right to 5 and 6.
    assert focused() is entry.pad.keys["1"]
    press(qtbot, Key.Key_Down)
    assert focused() is entry.pad.keys["4"]
    press(qtbot, Key.Key_Right)
    press(qtbot, Key.Key_Right)
    assert focused().accessibleName() == "Number 6"
    press(qtbot, Key.Key_Space)
    assert entry.pad.display.text() == "6"
    # Strawberries are usually weighed; she counted them. The units are one group: Tab
    # reaches the one chosen, and Up chooses the one above it.
    assert entry.unit() is Unit.GRAMS
    assert (
        tab_to(qtbot, lambda w: w in entry.unit_buttons.values()) is entry.unit_buttons[Unit.GRAMS]
    )
    press(qtbot, Key.Key_Up)
    assert entry.unit() is Unit.COUNT and focused() is entry.unit_buttons[Unit.COUNT]
    tab_to(qtbot, lambda w: w is entry.done_button)
    press(qtbot, Key.Key_Return)

    assert "You picked 6 strawberries" in window.undo_bar.message.text()
    assert "6 strawberries" in page.gardener.chart.sentence.text()
    mine = list_harvests(db, person_id=window.context.actor.person_id)
    assert len(mine) == before + 1
    assert (mine[0].crop_name, mine[0].quantity, mine[0].unit, mine[0].day) == (
        "Strawberry",
        6,
        Unit.COUNT,
        dt.date.today(),
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext reads the PDF back")
def test_priya_makes_and_prints_todays_rota(
    make_window, demo_url, qtbot, answers, monkeypatch, tmp_path
):
    from PySide6.QtPrintSupport import QPrinter

    window = make_window(demo_url)
    db = window.context.db
    choose_me(window, qtbot, "Priya")
    page = window.pages["today"]
    assert window.current_page_name() == "today"
    # A volunteer lands on Today with the keyboard on the first person to tick in.
    assert focused() is next(iter(page.who.toggles.values()))

    for name in MORNING:
        toggle = tab_to(qtbot, named(name))
        press(qtbot, Key.Key_Space)
        assert toggle.isChecked()
    assert day_rota(db, dt.date.today()).present == {person_id(window, n) for n in MORNING}
    assert page.who_count.text() == "5 people are in."

    tab_to(qtbot, lambda w: w is page.make_button)
    press(qtbot, Key.Key_Return)
    rota = day_rota(db, dt.date.today())
    assert rota.made
    assert {card.name.text() for card in page.rota_view.cards} == set(MORNING)
    # Tab then goes through each person's jobs in order, and on to printing.
    chip = tab_to(qtbot, lambda w: w in page.rota_view.chips)
    press(qtbot, Key.Key_Space)
    assert page.why.text() == f"Why? {chip.place.reason}"

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    monkeypatch.setattr(dialogs, "choose_printer", lambda _parent: printer)
    tab_to(qtbot, lambda w: w is page.print_button)
    press(qtbot, Key.Key_Return)
    text = pdf_text(out)
    for name in MORNING:
        assert name in text
    assert dt.date.today().strftime("%B") in text


# --- every page ------------------------------------------------------------------------------


def as_coordinator(window):
    ann = next(p for p in list_people(window.context.db) if p.role.value == "coordinator")
    window.context.set_actor(Actor(ann.id, ann.role, ann.name))


def tab_round(qtbot, start):
    """Tab from ``start`` until the focus comes back to it; return every widget visited."""
    visited = [start]
    for _ in range(400):
        press(qtbot, Key.Key_Tab)
        widget = focused()
        if widget is start:
            return visited
        if widget is not visited[-1]:
            # A date box takes a Tab per part of the date before it lets go.
            visited.append(widget)
    raise AssertionError("Tab is stuck: " + " > ".join(describe(w) for w in visited[-12:]))


@pytest.mark.parametrize("page_name", list(PAGES))
def test_tab_goes_round_every_page_and_reaches_every_control(
    make_window, demo_url, qtbot, page_name
):
    from test_accessibility import INTERACTIVE

    window = make_window(demo_url)
    as_coordinator(window)
    page = window.show_page(page_name)
    start = focused()
    if start is page:
        # Nothing on this page can be used now (a new farm's welcome, on a farm in use):
        # the keyboard waits on the page, and Tab goes on to the bar at the top.
        press(qtbot, Key.Key_Tab)
        start = focused()
        assert window.user_bar.isAncestorOf(start), describe(start)
    assert page.isAncestorOf(start) or window.user_bar.isAncestorOf(start), (
        f"{page_name} opened with the focus on {describe(start)}"
    )
    visited = tab_round(qtbot, start)
    assert window.user_bar.switch_button in visited
    if page_name != "welcome":
        # Every page but a new farm's welcome has more than one thing to use here.
        assert len([w for w in visited if page.isAncestorOf(w)]) >= 2, page_name
    missed = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible() or not widget.isEnabled():
            continue
        if type(widget).__name__ in {"QScrollBar", "QHeaderView"} or widget in visited:
            continue
        if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue  # the text box inside a spin box or combo box is part of it
        group = getattr(widget, "group", lambda: None)()
        if group and set(group.buttons()) & set(visited):
            continue  # the arrows move between the buttons of one group
        missed.append(describe(widget))
    assert missed == []
    # Shift+Tab goes back the way Tab came.
    press(qtbot, Key.Key_Backtab)
    assert focused() is visited[-1]


def test_escape_goes_back_to_the_page_before_and_closes_a_dialog(
    make_window, demo_url, qtbot, monkeypatch
):
    from dutchfarm.ui.crop_picker import CropPicker

    window = make_window(demo_url)
    choose_me(window, qtbot, "Jackie")
    page = window.pages["bed"]
    seen = []

    def show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        seen.append(dialog)
        # The keyboard is in the dialog, on a crop's picture; Escape closes it.
        assert dialog.isAncestorOf(focused()), describe(focused())
        press(qtbot, Key.Key_Escape)
        return dialog.result() == dialog.DialogCode.Accepted

    def choose_crop(parent, crops, *, search, title="Choose a crop"):
        picker = CropPicker(crops, search=search, title=title, parent=parent)
        return picker.chosen if show(picker) else None

    monkeypatch.setattr(dialogs, "choose_crop", choose_crop)
    tab_to(qtbot, lambda w: w is page.add_planting_button)
    press(qtbot, Key.Key_Return)
    assert seen and not seen[0].isVisible() and seen[0].chosen is None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Key.Key_Escape)
    assert window.current_page_name() == "who"
    press(qtbot, Key.Key_Escape)
    assert window.current_page_name() == "today"


def ring_colours(widget):
    """Return the colours of the pixels just inside the widget's edge, as it is drawn now."""
    image = widget.grab().toImage()
    width, height = image.width(), image.height()
    spots = [(1, 1), (width // 2, 1), (1, height // 2), (width - 2, height // 2)]
    spots.append((width // 2, height - 2))
    return {image.pixelColor(x, y).name() for x, y in spots}


def chart_stop(window, qtbot, chart):
    """Tab to ``chart``: it shows the focus ring and Tab and Shift+Tab go on from it."""
    from dutchfarm.ui.theme import colours

    assert tab_to(qtbot, lambda w: w is chart) is chart
    assert ring_colours(chart) == {colours().focus.lower()}
    press(qtbot, Key.Key_Tab)
    assert focused() is not chart
    assert ring_colours(chart) != {colours().focus.lower()}
    press(qtbot, Key.Key_Backtab)
    assert focused() is chart


def test_tab_stops_on_every_chart_with_a_ring_round_it(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    as_coordinator(window)
    page = window.show_page("harvest")
    page.staff.show_charts()
    page.staff.show_chart("seasons")
    chart_stop(window, qtbot, page.staff.chart.canvas.canvas)
    assert page.staff.chart.canvas.canvas.accessibleName() == "Harvest chart: Other years"
    page = window.show_page("rota")
    page.show_section("fairness")
    page.show_chart()
    chart_stop(window, qtbot, page.chart.canvas)
    page = window.show_page("vote")
    closed = next(b for b in page.ballots if b.status.value == "closed")
    page.show_ballot(closed.id)
    chart_stop(window, qtbot, page.results.chart.canvas)
    # A gardener's own chart sits between the crop pictures and the list of what she picked.
    choose_me(window, qtbot, "Jackie")
    page = open_area(window, qtbot, "harvest", "Harvest")
    gardener = page.gardener
    chart = gardener.chart.canvas.canvas
    chart_stop(window, qtbot, chart)
    press(qtbot, Key.Key_Tab)
    assert focused() is gardener.mine


@pytest.mark.parametrize("text_size", ["normal", "very_large"])
def test_a_past_days_rota_tabs_as_it_reads(make_window, demo_url, qtbot, text_size):
    window = make_window(demo_url, text_size=text_size)
    as_coordinator(window)
    page = window.show_page("rota")
    day = dt.date.today() - dt.timedelta(days=1)
    while not day_rota(window.context.db, day).made:
        day -= dt.timedelta(days=1)
    # To the day before from the keyboard, the way a person would go back through days.
    tab_to(qtbot, lambda w: w is page.previous_button)
    for _ in range((dt.date.today() - day).days):
        press(qtbot, Key.Key_Space)
    assert page.day == day and page.day_view.chips
    visited = tab_round(qtbot, page.previous_button)
    on_page = [w for w in visited if page.sections["day"].isAncestorOf(w)]
    buttons = [page.previous_button, page.date, page.next_button, page.today_button]
    buttons += [page.print_button, page.pdf_button]
    # The day's buttons and the print buttons at the top, then the chips: no job is done or
    # undone on a past day.
    assert on_page[: len(buttons)] == buttons
    chips = on_page[len(buttons) :]
    assert chips == page.day_view.chips
    # The chips in reading order: card by card, row by row, left to right.
    places = [chip.mapTo(window, chip.rect().topLeft()) for chip in chips]
    cards = [
        chip.parentWidget().mapTo(window, chip.parentWidget().rect().topLeft()) for chip in chips
    ]
    assert [(c.y(), c.x(), p.y()) for c, p in zip(cards, places, strict=True)] == sorted(
        (c.y(), c.x(), p.y()) for c, p in zip(cards, places, strict=True)
    )
    # And Tab carries on to the bar at the top, then to the page's parts and round again.
    after = visited[visited.index(chips[-1]) + 1]
    assert window.user_bar.isAncestorOf(after), describe(after)
    assert visited[-1] is page.section_buttons["day"]


def test_the_focus_ring_stands_out_from_every_background_in_each_theme():
    for name, colours in THEMES.items():
        for background in (colours.window, colours.surface, colours.selection, colours.focused):
            assert contrast_ratio(colours.focus, background) >= 3, (name, background)
        # A focused button's words stay as easy to read as anywhere else.
        assert contrast_ratio(colours.text, colours.focused) >= colours.text_minimum, name


@pytest.mark.parametrize("text_size", ["normal", "very_large"])
def test_opening_each_page_leaves_the_keyboard_on_it(make_window, demo_url, qtbot, text_size):
    window = make_window(demo_url, text_size=text_size)
    for role in ("coordinator", "service_user"):
        person = next(p for p in list_people(window.context.db) if p.role.value == role)
        window.context.set_actor(Actor(person.id, person.role, person.name))
        for page_name in PAGES:
            page = window.show_page(page_name)
            QApplication.processEvents()
            # Nothing on a page may open as a window of its own and take the keyboard away.
            assert window.isActiveWindow(), f"{page_name} took the keyboard from the window"
            assert focused() is page or page.isAncestorOf(focused()), (page_name, role)


def test_a_page_made_again_twice_at_once_keeps_the_keyboard(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    choose_me(window, qtbot, "Priya")
    page = window.pages["today"]
    row = tab_to(qtbot, lambda w: w in [r.done_button for r in page.job_rows.values()])
    # Several changes told at once, as after an import: the page is made again each time
    # before anything is drawn, and the job rows the keyboard was on go with it.
    window.context.announce(Topic.ROTA, Topic.FARM, Topic.ROTA)
    QApplication.processEvents()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    assert window.isActiveWindow()
    assert focused() in [r.done_button for r in page.job_rows.values()]
    assert focused() is not row and focused().accessibleName() == row.accessibleName()


def test_the_style_sheet_draws_the_ring_on_every_kind_of_control():
    from dutchfarm.ui.theme import DEFAULT, style_sheet

    sheet = style_sheet(DEFAULT, 1.0)
    ring = sheet[: sheet.index(f"border: 4px solid {DEFAULT.focus}")]
    rule = ring[ring.rindex("}") + 1 :]
    for kind in ("QPushButton", "QToolButton", "QAbstractSpinBox", "QAbstractItemView"):
        assert f"{kind}:focus" in rule
    assert "QGraphicsView:focus" in rule and "QComboBox:focus" in rule


def test_the_helper_watches_only_the_widget_with_the_focus(make_window, demo_url, qtbot):
    # Watching every event of the application slowed every page by a tenth to a quarter:
    # the helper sees the events of whatever has the keyboard, and nothing else.
    from dutchfarm.ui.keyboard import KeyboardHelp

    class Counting(KeyboardHelp):
        """Watches as the helper does, and notes what it saw instead of acting."""

        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            seen.add(watched)
            return False

    window = make_window(demo_url)
    seen, had_focus = set(), {focused()}
    app = QApplication.instance()

    def note(_old, new):
        had_focus.add(new)

    app.focusChanged.connect(note)
    counting = Counting(app)
    try:
        choose_me(window, qtbot, "Priya")
        for name in ("people", "harvest", "today"):
            window.show_page(name)
            QApplication.processEvents()
    finally:
        app.focusChanged.disconnect(note)
        app.focusChanged.disconnect(counting._focus_moved)
        counting._watch(None)
        counting.deleteLater()
    assert seen and seen <= had_focus
