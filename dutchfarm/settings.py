"""This PC's own settings (text size, theme, window place), each declared once with its default."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from dutchfarm.paths import settings_path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Option:
    """One setting: its name, type, default and, where it has them, the allowed values."""

    name: str
    default: Any
    choices: tuple[Any, ...] = ()


TEXT_SCALES = {"normal": 1.0, "large": 1.4, "very_large": 1.8}

OPTIONS = {
    option.name: option
    for option in (
        Option("text_size", "normal", tuple(TEXT_SCALES)),
        # "system" follows the computer's own high-contrast setting where Qt reports it.
        Option("theme", "system", ("system", "default", "high_contrast")),
        Option("window_geometry", ""),
        # The words' language, like "cy" for Welsh; "" follows the computer's language.
        Option("language", ""),
    )
}


class Settings:
    """Read and write this PC's settings file; a damaged file falls back to the defaults."""

    def __init__(self) -> None:
        self._path = settings_path()
        self._values = self._read()

    def _read(self) -> dict[str, Any]:
        try:
            loaded = json.loads(self._path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                return loaded
        except FileNotFoundError:
            pass
        except (OSError, ValueError):
            log.warning("The settings file %s could not be read; using defaults", self._path)
        return {}

    def get(self, name: str) -> Any:
        """Return a setting's value, or its default when unset or no longer allowed."""
        option = OPTIONS[name]
        value = self._values.get(name, option.default)
        if option.choices and value not in option.choices:
            return option.default
        if not isinstance(value, type(option.default)):
            return option.default
        return value

    def set(self, name: str, value: Any) -> None:
        """Change a setting and save the file at once."""
        option = OPTIONS[name]
        if option.choices and value not in option.choices:
            raise ValueError(f"{value!r} is not a choice for {name}")
        # Read the file again first: another part of the program may have changed another
        # setting since this one was read (the text size, while the window stays open).
        self._values = {**self._read(), name: value}
        temporary = self._path.with_suffix(".tmp")
        try:
            temporary.write_text(json.dumps(self._values, indent=2), encoding="utf-8")
            temporary.replace(self._path)
        except OSError:
            log.exception("The settings could not be saved")
