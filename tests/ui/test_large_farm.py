"""The large demo farm in the real main window: every page paints; the log fetches in pages."""

import shutil

import pytest
from PySide6.QtCore import Qt

from dutchfarm.domain.harvest import HarvestPoint, totals, totals_words
from dutchfarm.services.auth import Actor
from dutchfarm.services.harvest import list_harvests
from dutchfarm.services.people import list_people
from dutchfarm.ui.harvest_model import COL_CROP, COL_DATE, COL_QUANTITY, HARVEST_ID_ROLE, PAGE
from dutchfarm.ui.main_window import PAGES

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def large_url(large_demo, tmp_path):
    """This test's own copy of the large demo farm (opening it makes today's jobs)."""
    path = tmp_path / "large.sqlite"
    shutil.copyfile(large_demo.url.removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


def test_every_page_opens_on_the_large_farm(make_window, large_url, answers, qtbot):
    window = make_window(large_url)
    ann = next(p for p in list_people(window.context.db) if p.name == "Ann")
    window.context.set_actor(Actor(ann.id, ann.role, ann.name))
    for name in PAGES:
        page = window.show_page(name)
        qtbot.wait(10)
        assert window.current_page_name() == name
        assert page.isVisible()
        assert not page.grab().isNull()
    assert answers.messages == []


def open_log(make_window, url):
    """Show the Harvest page's staff log as the coordinator; return the log and its season."""
    window = make_window(url)
    ann = next(p for p in list_people(window.context.db) if p.name == "Ann")
    window.context.set_actor(Actor(ann.id, ann.role, ann.name))
    log = window.show_page("harvest").staff.log
    season = list_harvests(window.context.db, season_id=log.season_id())
    return log, season


def totals_text(harvests) -> str:
    """Return the totals line the log should show for ``harvests``, added up here."""
    figures = totals(HarvestPoint(h.day, "", h.quantity, h.unit, h.grams) for h in harvests)
    return f"Shown: {len(harvests):,} harvests, {totals_words(figures)}."


def test_the_log_holds_a_page_and_fetches_more_as_it_scrolls(make_window, large_url, qtbot):
    log, season = open_log(make_window, large_url)
    qtbot.wait(10)
    # The whole season is counted and added up, but only the first page is fetched.
    assert len(season) > 5 * PAGE
    assert log.model.rowCount() == len(season)
    assert 0 < log.model.fetched() <= PAGE
    assert log.totals.text() == totals_text(season)
    newest = season[0]
    assert log.model.index(0, COL_DATE).data(HARVEST_ID_ROLE) == newest.id

    log.table.scrollToBottom()
    qtbot.wait(10)
    last = log.model.rowCount() - 1
    assert log.model.index(last, COL_DATE).data(HARVEST_ID_ROLE) == season[-1].id
    # The first page and the last: never the pages in between.
    assert log.model.fetched() <= 2 * PAGE
    log.table.setCurrentIndex(log.model.index(last, COL_DATE))
    assert log.current == season[-1]


def test_sorting_orders_the_whole_season(make_window, large_url, qtbot):
    log, season = open_log(make_window, large_url)
    chosen = season[len(season) // 2]
    log.select_harvest(chosen.id)
    assert log.current == chosen

    log.table.sortByColumn(COL_QUANTITY, Qt.SortOrder.DescendingOrder)
    heaviest = max(h.quantity for h in season)
    assert log.model.harvest(0).quantity == heaviest
    assert log.model.harvest(len(season) - 1).quantity == min(h.quantity for h in season)
    log.table.sortByColumn(COL_CROP, Qt.SortOrder.AscendingOrder)
    names = sorted((h.crop_name for h in season), key=str.casefold)
    assert log.model.index(0, COL_CROP).data() == names[0]
    assert log.model.index(len(season) - 1, COL_CROP).data() == names[-1]
    assert log.model.fetched() <= 3 * PAGE
    # The harvest chosen stays chosen wherever the order puts it.
    assert log.model.harvest(log.table.currentIndex().row()).id == chosen.id
    assert log.current == chosen


def test_filters_and_totals_cover_the_whole_season(make_window, large_url, qtbot):
    log, season = open_log(make_window, large_url)
    crop = max({h.crop_name for h in season}, key=lambda c: sum(h.crop_name == c for h in season))
    log.crop.setCurrentIndex(log.crop.findText(crop))
    of_crop = [h for h in season if h.crop_name == crop]
    assert log.model.rowCount() == len(of_crop)
    assert log.totals.text() == totals_text(of_crop)
    assert {log.model.harvest(r).crop_name for r in range(log.model.rowCount())} == {crop}

    # Every season: the count and totals are of all of them, still fetched a page at a time.
    log.season.setCurrentIndex(log.season.findText("All seasons"))
    every = list_harvests(log.context.db)
    of_crop = [h for h in every if h.crop_name == crop]
    assert log.model.rowCount() == len(of_crop)
    assert log.totals.text() == totals_text(of_crop)
    assert log.model.fetched() <= PAGE
