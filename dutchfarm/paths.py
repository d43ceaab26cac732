"""Where Dutch Farm keeps its files: the data folder, the database, backups and logs."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "DutchFarm"
DATA_DIR_ENV = "DUTCHFARM_DATA_DIR"
DATABASE_ENV = "DUTCHFARM_DATABASE"


def data_dir() -> Path:
    """Return the data folder, creating it if needed (``DUTCHFARM_DATA_DIR`` overrides)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        # platformdirs is imported here, not at module level, so that a test or script
        # that sets the override never depends on the platform's folders.
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    """Return the path of the embedded SQLite database in the data folder."""
    return data_dir() / "dutchfarm.sqlite"


def database_url(explicit: str | None = None) -> str:
    """Return the database URL: the one given, else ``DUTCHFARM_DATABASE``, else the default."""
    if explicit:
        return explicit
    from_env = os.environ.get(DATABASE_ENV)
    if from_env:
        return from_env
    return f"sqlite:///{default_database_path()}"


def log_dir() -> Path:
    """Return the folder for the rotating log file."""
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_path() -> Path:
    """Return the file that keeps this PC's own settings (text size, window place)."""
    return data_dir() / "settings.json"
