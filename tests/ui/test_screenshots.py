"""The screenshots: every screen in a theme and text size, and the README's pictures."""

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QImage

from dutchfarm.db.database import open_database
from dutchfarm.paths import settings_path
from dutchfarm.services.rota import day_rota
from dutchfarm.ui import screenshots
from dutchfarm.ui.colours import HIGH_CONTRAST
from dutchfarm.ui.views import VIEWS


def test_screens_are_pictured_in_the_theme_and_size_asked(demo_url, tmp_path, qapp):
    saved = screenshots.save_screenshots(
        tmp_path, demo_url, "very_large", theme="high_contrast", views=["settings", "vote-voting"]
    )
    # The demo farm has no vote open, so there is no vote box to picture.
    assert [path.name for path in saved] == ["settings.png"]
    image = QImage(str(saved[0]))
    assert (image.width(), image.height()) == screenshots.SIZE
    # Below the bar, at the left edge, is the page's own background.
    assert image.pixelColor(4, 200).name().upper() == HIGH_CONTRAST.window
    # This PC's settings are not touched by the pictures' window.
    assert not settings_path().exists()


def test_every_screen_is_pictured_by_default(demo_url, tmp_path, qapp):
    saved = screenshots.save_screenshots(tmp_path, demo_url)
    assert {path.stem for path in saved} <= set(VIEWS)
    assert {"today", "bed-record", "vote-results", "harvest-charts", "rota"} <= {
        path.stem for path in saved
    }


def test_the_readme_farm_has_today_s_rota_made(tmp_path):
    url = screenshots.make_readme_farm(tmp_path)
    db = open_database(url)
    try:
        rota = day_rota(db, dt.date.today())
    finally:
        db.close()
    assert rota.made and rota.placements()


def test_pictures_are_left_as_saved_without_pngquant(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(screenshots.shutil, "which", lambda _name: None)
    picture = tmp_path / "a.png"
    picture.write_bytes(b"not touched")
    screenshots.shrink([picture])
    assert picture.read_bytes() == b"not touched"
    assert "pngquant is not installed" in capsys.readouterr().out


def test_the_readme_shows_each_of_its_pictures_and_says_how_to_make_them():
    root = Path(__file__).parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    for view in screenshots.README_VIEWS:
        picture = f"docs/screenshots/{view}.png"
        assert f"]({picture})" in readme, view
        image = QImage(str(root / picture))
        assert (image.width(), image.height()) == screenshots.SIZE, view
    assert "python -m dutchfarm.ui.screenshots docs/screenshots --readme" in readme
