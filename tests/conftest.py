"""Test set-up: headless Qt, and a fresh data folder and database for every test."""

import os

# Qt reads this when the first QGuiApplication is made, so it must be set before any
# test module imports PySide6.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path, monkeypatch):
    """Point the data folder and the database of every test at its own temporary place."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("DUTCHFARM_DATA_DIR", str(data))
    monkeypatch.setenv("DUTCHFARM_DATABASE", f"sqlite:///{data / 'test.sqlite'}")
    # Anything that still asks the platform for a home folder gets the temporary one.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    return data


@pytest.fixture
def db(_own_data_folder):
    """A new, seeded database in the test's own folder."""
    from dutchfarm.db.database import open_database

    database = open_database(os.environ["DUTCHFARM_DATABASE"])
    yield database
    database.close()
