"""Starting the program: a backup every time, and a kind offer when the data will not open."""

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dutchfarm.db.backup import list_backups, make_backup
from dutchfarm.services.beds import list_beds
from dutchfarm.ui import app as app_module

# Backups and damaged files are about the embedded SQLite file.
pytestmark = pytest.mark.sqlite_only


def test_every_start_makes_a_backup_once_the_window_is_painted(demo_url, qtbot, answers):
    path = demo_url.removeprefix("sqlite:///")
    window = app_module.open_window(demo_url)
    qtbot.addWidget(window)
    # Nothing is copied while the window is being built: it would slow starting down.
    assert list_backups(Path(path)) == [] and not window.start_backup.done()
    window.show()
    qtbot.waitUntil(window.start_backup.done, timeout=60_000)
    assert [b.reason for b in list_backups(Path(path))] == ["start"]
    assert answers.messages == []
    window.context.db.close()


def test_a_backup_that_cannot_be_made_is_said_once_the_window_is_open(demo_url, qtbot, answers):
    path = Path(demo_url.removeprefix("sqlite:///"))
    # A file where the backups folder should be: nothing can be saved in it.
    (path.parent / "backups").write_text("not a folder", encoding="utf-8")
    window = app_module.open_window(demo_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.start_backup.done, timeout=60_000)
    qtbot.waitUntil(lambda: answers.messages != [])
    title, message = answers.messages[-1]
    assert title == "No backup today" and message.startswith("The backup could not be made")
    window.context.db.close()


def test_a_damaged_file_offers_the_newest_backup(demo_url, qtbot, answers, tmp_path):

    path = Path(demo_url.removeprefix("sqlite:///"))
    make_backup(path, "start")
    path.write_bytes(b"scrambled" * 4000)
    answers.reply = True
    window = app_module.open_window(demo_url)
    qtbot.addWidget(window)
    assert window is not None
    assert len(list_beds(window.context.db)) == 14
    kept = [p for p in (path.parent / "backups").iterdir() if p.name.startswith("damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == b"scrambled" * 4000
    window.context.db.close()


def test_saying_no_leaves_the_file_alone(demo_url, qtbot, answers, capsys):

    path = Path(demo_url.removeprefix("sqlite:///"))
    make_backup(path, "start")
    path.write_bytes(b"scrambled" * 4000)
    answers.reply = False
    assert app_module.open_window(demo_url) is None
    assert path.read_bytes() == b"scrambled" * 4000
    err = capsys.readouterr().err
    assert "not a Dutch Farm database" in err and "Traceback" not in err


def test_with_no_backup_the_problem_is_said_plainly(tmp_path, qtbot, answers):
    path = tmp_path / "farm.sqlite"
    path.write_bytes(b"scrambled" * 4000)
    assert app_module.open_window(f"sqlite:///{path}") is None
    title, message = answers.messages[-1]
    assert title == "Dutch Farm cannot open its data" and message.endswith("There is no backup.")


def test_starting_imports_only_what_the_first_page_needs(demo_url, tmp_path):
    # Charts (matplotlib), migrations (Alembic), the demo farm's makers and the pages not
    # shown first are imported the first time they are needed, so starting costs nothing
    # for them.
    script = f"""
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from dutchfarm.ui.app import open_window

class FirstPaint(QObject):
    painted = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            FirstPaint.painted = True
        return False

window = open_window({demo_url!r})
watch = FirstPaint()
window.installEventFilter(watch)
window.show()
while not FirstPaint.painted:
    QApplication.processEvents()
while not window.start_backup.done():
    QApplication.processEvents()
names = sorted(sys.modules)
print(" ".join(n for n in names if n.split(".")[0] in ("matplotlib", "alembic", "numpy")))
print(" ".join(n for n in names if n.startswith("dutchfarm.services.demo")))
print(" ".join(n for n in names if n.startswith("dutchfarm.ui.pages.")))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DUTCHFARM_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    heavy, demo, pages = done.stdout.splitlines()
    assert heavy == "" and demo == ""
    assert pages.split() == ["dutchfarm.ui.pages.base", "dutchfarm.ui.pages.today"]


def test_a_change_the_database_could_not_take_is_said_in_its_own_words(qtbot, answers):
    from dutchfarm.db.database import DatabaseError

    full = DatabaseError(
        "Nothing was saved: the disk is full. Please free some space and try again."
    )
    app_module._report_unexpected(DatabaseError, full, None)
    assert answers.messages == [("That was not saved", str(full))]


def test_the_data_layer_is_loaded_before_qt(tmp_path):
    # PySide6 puts a hook in front of every import made after it; loading SQLAlchemy, the
    # models and the services the first page uses before it makes starting up quicker.
    script = """
import sys
import dutchfarm.ui
print("PySide6" in sys.modules)
print(" ".join(sorted(n for n in ("sqlalchemy.orm", "dutchfarm.db.models",
    "dutchfarm.services.rota", "dutchfarm.services.people") if n in sys.modules)))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DUTCHFARM_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    qt, loaded = done.stdout.splitlines()
    assert qt == "False"
    assert loaded.split() == [
        "dutchfarm.db.models",
        "dutchfarm.services.people",
        "dutchfarm.services.rota",
        "sqlalchemy.orm",
    ]


@pytest.fixture
def collector_restored():
    """Leave the cyclic collector running and nothing frozen, whatever the test did."""
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_runs_again_once_the_window_is_up(
    demo_url, qtbot, answers, monkeypatch, collector_restored
):
    # Starting pauses the cyclic collector; what starting made is set aside and it runs again.
    shown = []
    opened = []
    open_window = app_module.open_window
    monkeypatch.setattr(
        app_module, "open_window", lambda url: opened.append(open_window(url)) or opened[-1]
    )
    monkeypatch.setattr(QApplication, "exec", lambda self: shown.append(self) or 0)
    gc.disable()
    assert app_module.run(demo_url) == 0
    assert shown and gc.isenabled() and gc.get_freeze_count() > 0
    window = opened[0]
    qtbot.addWidget(window)
    # Closed before it was ever painted, it still made the backup of this start.
    window.start_backup.copying.join(timeout=60)
    path = Path(demo_url.removeprefix("sqlite:///"))
    assert [b.reason for b in list_backups(path)] == ["start"]
    window.context.db.close()


def test_a_farm_that_will_not_open_leaves_the_collector_running(
    tmp_path, qtbot, answers, collector_restored
):
    path = tmp_path / "farm.sqlite"
    path.write_bytes(b"scrambled" * 4000)
    gc.disable()
    assert app_module.run(f"sqlite:///{path}") == 2
    assert gc.isenabled()
