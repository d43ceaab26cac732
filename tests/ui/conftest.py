"""UI test helpers: the main window on a test database, and answered message boxes."""

import os

import pytest

from dutchfarm.ui import dialogs


@pytest.fixture
def answers(monkeypatch):
    """Record every message shown and answer questions "yes" unless told otherwise."""

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
