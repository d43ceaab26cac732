"""The large demo farm opens in the real main window, and every page shows and paints on it."""

import shutil

import pytest

from dutchfarm.services.auth import Actor
from dutchfarm.services.people import list_people
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
