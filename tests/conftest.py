"""Test set-up: headless Qt, a fresh data folder and database for every test, and the window."""

import datetime as dt
import os
from types import SimpleNamespace

# Qt reads this when the first QGuiApplication is made, so it must be set before any
# test module imports PySide6.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pgtestdb as postgres  # noqa: E402
import pytest  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only: the test is about the embedded SQLite file (backups, files)"
    )


def pytest_collection_modifyitems(config, items):
    if not postgres.SERVER:
        return
    skip = pytest.mark.skip(reason="about the SQLite file; this run is on PostgreSQL")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def _postgres_templates():
    """On PostgreSQL: make the empty and the demo template databases once per run."""
    if not postgres.SERVER:
        return False
    from dutchfarm.db.database import open_database
    from dutchfarm.services.demo import make_demo_farm

    def empty(url):
        open_database(url).close()

    def demo(url):
        db = open_database(url)
        make_demo_farm(db)
        db.close()

    postgres.make_template(postgres.EMPTY_TEMPLATE, empty)
    postgres.make_template(postgres.DEMO_TEMPLATE, demo)
    return True


# The day the large demo farm is made for in tests, so that every run sees the same farm.
LARGE_DEMO_TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="session")
def large_demo(tmp_path_factory, _postgres_templates):
    """The large demo farm, made once per run: its URL and the maker's summary.

    On SQLite it is a file that tests copy before they change anything; on PostgreSQL a
    database of its own. Tests only read it.
    """
    from dutchfarm.db.database import open_database
    from dutchfarm.services.demo_large import make_large_demo_farm

    if _postgres_templates:
        url = postgres.fresh_database(postgres.EMPTY_TEMPLATE)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('large') / 'large.sqlite'}"
    db = open_database(url)
    summary = make_large_demo_farm(db, today=LARGE_DEMO_TODAY)
    if db.is_sqlite:
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    yield SimpleNamespace(url=url, summary=summary, today=LARGE_DEMO_TODAY)
    if _postgres_templates:
        postgres.drop(url)


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path, monkeypatch, _postgres_templates):
    """Point the data folder and the database of every test at its own temporary place."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("DUTCHFARM_DATA_DIR", str(data))
    if _postgres_templates:
        url = postgres.fresh_database(postgres.EMPTY_TEMPLATE)
        monkeypatch.setenv("DUTCHFARM_DATABASE", url)
    else:
        url = None
        monkeypatch.setenv("DUTCHFARM_DATABASE", f"sqlite:///{data / 'test.sqlite'}")
    # Anything that still asks the platform for a home folder gets the temporary one.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    yield data
    if url is not None:
        postgres.drop(url)


@pytest.fixture
def db(_own_data_folder):
    """A new, seeded database in the test's own folder."""
    from dutchfarm.db.database import open_database

    database = open_database(os.environ["DUTCHFARM_DATABASE"])
    yield database
    database.close()


@pytest.fixture
def answers(monkeypatch):
    """Record every message shown and answer questions "yes" unless told otherwise."""
    from dutchfarm.ui import dialogs

    class Answers:
        messages: list[tuple[str, str]] = []
        reply = True
        pin: str | None = None

    record = Answers()
    record.messages = []

    def tell(_parent, title, message):
        record.messages.append((title, message))

    monkeypatch.setattr(dialogs, "tell", tell)
    monkeypatch.setattr(dialogs, "warn", tell)
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: record.reply)
    monkeypatch.setattr(dialogs, "ask_pin", lambda *_a: record.pin)
    return record


@pytest.fixture
def make_window(qtbot, answers):
    """Return a function that builds the main window on a database URL (the test's own)."""
    windows = []

    def build(url=None, text_size=None, size=(1280, 800)):
        from dutchfarm.ui.app import build_main_window

        window = build_main_window(url or os.environ["DUTCHFARM_DATABASE"], text_size=text_size)
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        # Keyboard shortcuts only reach the active window.
        window.windowHandle().requestActivate()
        qtbot.waitUntil(window.isActiveWindow)
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.context.db.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A demo farm made once per test run; tests get their own copy of the file."""
    from dutchfarm.db.database import open_database
    from dutchfarm.services.demo import make_demo_farm

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = open_database(f"sqlite:///{path}")
    make_demo_farm(db)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def demo_url(demo_template, tmp_path, _postgres_templates):
    """The URL of this test's own copy of the demo farm (on PostgreSQL when the run is)."""
    if _postgres_templates:
        import pgtestdb as postgres

        url = postgres.fresh_database(postgres.DEMO_TEMPLATE)
        yield url
        postgres.drop(url)
        return
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    yield f"sqlite:///{path}"
