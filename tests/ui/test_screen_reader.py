"""What a screen reader hears: a name for every control and picture, and charts in words."""

import datetime as dt
from collections import Counter, defaultdict

import pytest
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QGraphicsView, QLabel, QTabBar, QWidget
from test_accessibility import INTERACTIVE

from dutchfarm.domain.terms import BallotMethod, BallotStatus, Unit
from dutchfarm.services.auth import COMMAND_LINE, Actor
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.fairness import fairness
from dutchfarm.services.farm import current_season
from dutchfarm.services.harvest import HarvestDraft, add_harvest, list_harvests
from dutchfarm.services.people import list_people
from dutchfarm.services.rotation import rotation_grid
from dutchfarm.services.vote_results import ballot_results
from dutchfarm.services.voting import BallotDraft, create_ballot, list_ballots, open_ballot
from dutchfarm.ui.context import Topic
from dutchfarm.ui.harvest_chart import FARM_CHARTS
from dutchfarm.ui.main_window import PAGES

# Controls a screen reader lands on: the foundation's list, with the map and tab bars.
CONTROLS = (*INTERACTIVE, QGraphicsView, QTabBar)


def sign_in(window, name=None):
    """Make ``name`` (or else the coordinator) the one using the program."""
    person = next(
        p
        for p in list_people(window.context.db)
        if (p.name == name if name else p.role.value == "coordinator")
    )
    window.context.set_actor(Actor(person.id, person.role, person.name))
    return person


def unnamed(window, qtbot):
    """Return a line for each shown control or picture-only label with no accessible name."""
    qtbot.wait(10)
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.accessibleName().strip():
            continue
        if isinstance(widget, CONTROLS):
            if type(widget).__name__ in {"QScrollBar", "QHeaderView"} or not widget.isEnabled():
                continue
            if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
                continue
            words = getattr(widget, "text", lambda: "")()
            found.append(f"{type(widget).__name__} '{words}' in {type(widget.parent()).__name__}")
        elif isinstance(widget, QLabel) and not widget.text() and not widget.pixmap().isNull():
            found.append(f"a picture in {type(widget.parent()).__name__}")
    return found


def the_views_of(window, page_name):
    """Show each view of a page in turn (its tabs and parts), yielding each one's name."""
    page = window.show_page(page_name)
    yield page_name
    if page_name == "harvest":
        page.staff.show_charts()
        yield "harvest charts"
    elif page_name == "rota":
        for key in ("recurring", "kinds", "fairness"):
            page.show_section(key)
            yield f"rota {key}"
        page.show_chart()
        yield "fairness chart"
    elif page_name == "rotation":
        page.show_planner()
        yield "planner"
    elif page_name == "vote":
        closed = next(b for b in page.ballots if b.status is BallotStatus.CLOSED)
        page.show_ballot(closed.id)
        yield "results"
        page.new_vote()
        yield "setting up a vote"


@pytest.mark.parametrize("page_name", list(PAGES))
def test_every_control_and_picture_has_a_name_on_every_page(
    make_window, demo_url, qtbot, page_name
):
    window = make_window(demo_url)
    sign_in(window)
    for view in the_views_of(window, page_name):
        assert unnamed(window, qtbot) == [], view


def test_a_gardeners_screens_and_the_voting_screen_name_everything(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    db = window.context.db
    crops = [crop.id for crop in list_crops(db)][:4]
    draft = BallotDraft("What next?", BallotMethod.DOTS, seats=1, crop_ids=tuple(crops))
    ballot = create_ballot(db, COMMAND_LINE, current_season(db).id, draft)
    open_ballot(db, COMMAND_LINE, ballot.id)
    jackie = sign_in(window, "Jackie")
    for page_name in ("bed", "harvest", "today", "who"):
        window.show_page(page_name)
        assert unnamed(window, qtbot) == [], page_name
    entry = window.pages["harvest"].gardener.entry
    entry.choose(entry.crop_buttons[0].crop)
    assert unnamed(window, qtbot) == [], "how much"
    page = window.show_page("vote")
    assert page.views.currentWidget() is page.box
    assert unnamed(window, qtbot) == [], "the pictures to vote"
    page.box.choose_voter(next(p for p in list_people(db) if p.id == jackie.id))
    assert unnamed(window, qtbot) == [], "the crop cards"


def test_the_check_finds_a_picture_with_no_name(make_window, qtbot):
    from dutchfarm.ui import icons

    window = make_window()
    page = window.show_page("today")
    picture = QLabel(page)
    picture.setPixmap(icons.pixmap("carrot", 32))
    picture.show()
    assert "a picture in TodayPage" in unnamed(window, qtbot)


# --- charts in words ------------------------------------------------------------------------


def charts_shown(window):
    """Return every chart on show in the window."""
    from dutchfarm.ui.chart_canvas import FocusCanvas

    return [w for w in window.findChildren(FocusCanvas) if w.isVisible()]


def test_every_chart_is_a_stop_for_tab_with_a_name_and_its_figures(make_window, demo_url, qtbot):
    from PySide6.QtCore import Qt

    window = make_window(demo_url)
    sign_in(window)
    seen = set()
    for page_name in ("harvest", "rota", "vote"):
        for view in the_views_of(window, page_name):
            qtbot.wait(10)
            for chart in charts_shown(window):
                assert chart.focusPolicy() == Qt.FocusPolicy.StrongFocus, view
                assert chart.accessibleName().strip(), view
                # Its description says what it shows with figures, not only what it is.
                words = chart.accessibleDescription()
                assert any(digit in words for digit in "0123456789"), (view, words)
                seen.add(chart.accessibleName())
    assert {"Harvest chart: Crops", "Bar chart of the results"} <= seen
    assert any(name.startswith("Chart of how often") for name in seen)
    jackie = sign_in(window, "Jackie")
    for page_name in ("harvest", "bed"):
        window.show_page(page_name)
        qtbot.wait(10)
        (chart,) = charts_shown(window)
        assert chart.accessibleDescription().startswith(
            ("Jackie picked", "Bed 1 gave", "Nothing picked")
        ), chart.accessibleDescription()
    assert jackie.name == "Jackie"


def kg(grams):
    return f"{grams / 1000:,.1f} kg"


def season_log(window):
    season = current_season(window.context.db)
    return season, list_harvests(window.context.db, season_id=season.id)


def test_each_harvest_chart_says_its_figures_and_follows_new_harvests(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    sign_in(window)
    page = window.show_page("harvest")
    page.staff.show_charts()
    chart = page.staff.chart
    season, log = season_log(window)
    weighed = [h for h in log if h.grams]
    by_crop, by_bed, by_week = defaultdict(float), defaultdict(float), defaultdict(float)
    for harvest in weighed:
        by_crop[harvest.crop_plural] += harvest.grams
        by_bed[harvest.bed_name or "No bed"] += harvest.grams
        by_week[harvest.day - dt.timedelta(days=harvest.day.weekday())] += harvest.grams
    counted = Counter()
    for harvest in log:
        if harvest.unit is Unit.COUNT:
            counted[harvest.crop_plural] += harvest.quantity
    total = f"Total {kg(sum(h.grams for h in weighed))}."
    heaviest = max(by_crop, key=by_crop.get)
    best_bed = max((bed for bed in by_bed if bed != "No bed"), key=by_bed.get)
    best_week = max(by_week, key=by_week.get)

    expected = {
        "crops": [f"{heaviest} {kg(by_crop[heaviest])}", total],
        "beds": [f"{best_bed} {kg(by_bed[best_bed])}", total],
        "weeks": [f"{best_week.day} {best_week:%b %Y}: {kg(by_week[best_week])}", total],
        "seasons": [f"{season.year} {kg(sum(h.grams for h in weighed))} so far"],
        "counts": [f"{crop} {count:g} counted" for crop, count in counted.most_common(2)],
    }
    assert {kind for kind, _icon, _words in FARM_CHARTS} == set(expected)
    for kind, figures in expected.items():
        page.staff.show_chart(kind)
        words = chart.accessibleDescription()
        for figure in figures:
            assert figure in words, (kind, figure, words)
        assert chart.canvas.canvas.accessibleDescription() == words

    # A new harvest changes what the chart says at once.
    db = window.context.db
    strawberry = next(crop.id for crop in list_crops(db) if crop.key == "strawberry")
    add_harvest(db, COMMAND_LINE, HarvestDraft(dt.date.today(), strawberry, 2.5, Unit.KILOGRAMS))
    window.context.announce(Topic.HARVESTS)
    page.staff.show_chart("crops")
    new_total = sum(h.grams for h in weighed) + 2500
    assert f"Total {kg(new_total)}." in chart.accessibleDescription()


def test_a_gardeners_own_chart_says_what_she_picked(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    jackie = sign_in(window, "Jackie")
    page = window.show_page("harvest")
    chart = page.gardener.chart
    _season, log = season_log(window)
    mine = [h for h in log if h.picked_by_id == jackie.id]
    assert mine, "the demo farm gives Jackie harvests this season"
    words = chart.accessibleDescription()
    assert words.startswith("Jackie picked ")
    weighed = defaultdict(float)
    for harvest in mine:
        assert harvest.crop_plural in words
        if harvest.grams:
            weighed[harvest.crop_plural] += harvest.grams
    for crop, grams in weighed.items():
        assert f"{crop} {kg(grams)}" in words


def test_the_vote_results_chart_says_each_crops_score(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    sign_in(window)
    db = window.context.db
    page = window.show_page("vote")
    closed = next(b for b in list_ballots(db) if b.status is BallotStatus.CLOSED)
    page.show_ballot(closed.id)
    words = page.results.chart.canvas.accessibleDescription()
    results = ballot_results(db, closed.id)
    for option in results.options:
        assert f"{option.plural} {option.score_words}" in words
    for winner in results.winners:
        assert f"{winner} won" in words


def test_the_fairness_chart_says_who_did_how_many_jobs(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    sign_in(window)
    page = window.show_page("rota")
    page.show_section("fairness")
    page.choose_period(364)
    page.show_chart()
    table = fairness(window.context.db, dt.date.today() - dt.timedelta(days=364), dt.date.today())
    words = page.chart.accessibleDescription()
    busiest = max(table.rows, key=lambda row: row.total)
    assert busiest.total and f"{busiest.name} {busiest.total} (" in words
    # Choosing a shorter period changes the words with the chart.
    page.choose_period(27)
    short = fairness(window.context.db, dt.date.today() - dt.timedelta(days=27), dt.date.today())
    assert page.chart.accessibleDescription() != words or short.total == table.total
    assert f"{short.start.day} {short.start:%b %Y}" in page.chart.accessibleDescription()


def test_the_rotation_grid_says_what_each_bed_grows_this_year(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    sign_in(window)
    page = window.show_page("rotation")
    words = page.history.table.accessibleDescription()
    grid = rotation_grid(window.context.db, dt.date.today())
    year = dt.date.today().year
    for bed_id, name in grid.beds:
        cell = grid.cells.get((bed_id, year))
        for crop in cell.crops if cell else ():
            assert crop.name.lower() in words
        assert name in words
    wrong = len(grid.conflicts())
    assert (f"{wrong} crop" in words) if wrong else ("No crop is in the wrong place." in words)
