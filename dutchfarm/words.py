"""The words people see, looked up in the chosen language's catalogue (English when none)."""

from __future__ import annotations

import gettext
import locale
import os
import sys
from importlib.resources import files
from pathlib import Path

DOMAIN = "dutchfarm"
ENGLISH = "en"

_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH


def _(message: str) -> str:
    """Return ``message`` in the chosen language (the English itself if it has no translation)."""
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, count: float) -> str:
    """Return the singular or plural words for ``count``, by the chosen language's rules."""
    # Plural rules are for whole numbers; a fraction (1.5 bunches) reads as "many".
    whole = int(count) if float(count).is_integer() else 1_000_000
    return _catalogue.ngettext(singular, plural, whole)


def people_count(count: int) -> str:
    """Return "1 person" or "3 people", in the chosen language."""
    return ngettext("{count} person", "{count} people", count).format(count=count)


def system_language() -> str:
    """Return the computer's language code (like "cy" or "en_GB"), or English if unknown."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").split(":")[0].split(".")[0]
        if value and value not in ("C", "POSIX"):
            return value
    if sys.platform == "win32":  # Windows does not set the variables above
        code = locale.getlocale()[0]
        if code:
            return code
    return ENGLISH


def words_dir() -> Path:
    """Return the folder of catalogues: <language>/LC_MESSAGES/dutchfarm.mo, made from .po files."""
    return Path(str(files("dutchfarm.resources").joinpath("words")))


def install(language: str = "", folder: Path | None = None) -> str:
    """Use ``language``'s catalogue ("" follows the computer); return the language in use."""
    global _catalogue, _language
    wanted = language or system_language()
    try:
        _catalogue = gettext.translation(
            DOMAIN, localedir=folder or words_dir(), languages=[wanted]
        )
        _language = wanted
    except OSError:  # no catalogue for that language: the words stay in English
        _catalogue = gettext.NullTranslations()
        _language = ENGLISH
    return _language


def language() -> str:
    """Return the language whose words are shown now ("en" when English)."""
    return _language


if __name__ == "__main__":
    from dutchfarm.words_catalogue import main

    sys.exit(main())
