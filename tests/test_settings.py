"""This PC's settings file: defaults, allowed values, and changes that never undo each other."""

import pytest

from dutchfarm.paths import settings_path
from dutchfarm.settings import Settings


def test_a_new_pc_has_normal_text_and_follows_the_computer_for_colours():
    settings = Settings()
    assert settings.get("text_size") == "normal"
    assert settings.get("theme") == "system"


def test_a_setting_kept_by_one_part_is_not_lost_when_another_saves():
    # The window reads the settings at start and saves its place when it closes; a text size
    # or theme chosen in between must survive that.
    window = Settings()
    Settings().set("theme", "high_contrast")
    Settings().set("text_size", "large")
    window.set("window_geometry", "abc")
    again = Settings()
    assert again.get("theme") == "high_contrast"
    assert again.get("text_size") == "large"
    assert again.get("window_geometry") == "abc"


def test_a_value_that_is_not_a_choice_is_refused_or_ignored():
    with pytest.raises(ValueError):
        Settings().set("theme", "purple")
    settings_path().write_text('{"theme": "purple", "text_size": 3}', encoding="utf-8")
    assert Settings().get("theme") == "system"
    assert Settings().get("text_size") == "normal"


def test_a_damaged_file_gives_the_defaults():
    settings_path().write_text("{not json", encoding="utf-8")
    assert Settings().get("theme") == "system"
    Settings().set("theme", "default")
    assert Settings().get("theme") == "default"
