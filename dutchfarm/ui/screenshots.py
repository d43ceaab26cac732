"""Pictures of every screen, and the README's: ``python -m dutchfarm.ui.screenshots OUT_DIR``."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from dutchfarm.paths import DATA_DIR_ENV, database_url
from dutchfarm.settings import TEXT_SCALES
from dutchfarm.ui.colours import THEMES

THEME_NAMES = tuple(THEMES)
# The README's pictures: the main screens at normal text, on the demo farm with the day's
# rota made.
README_VIEWS = ("today", "bed-record", "beds", "vote-results", "rota", "harvest-charts")
SIZE = (1280, 800)


@contextmanager
def _own_settings() -> Iterator[None]:
    # The window keeps its place in this PC's settings when it closes; pictures are taken
    # with a settings folder of their own, so the PC's are never touched.
    before = os.environ.get(DATA_DIR_ENV)
    with tempfile.TemporaryDirectory() as folder:
        os.environ[DATA_DIR_ENV] = folder
        try:
            yield
        finally:
            if before is None:
                os.environ.pop(DATA_DIR_ENV, None)
            else:
                os.environ[DATA_DIR_ENV] = before


def save_screenshots(
    out_dir: Path,
    url: str,
    text_size: str = "normal",
    size: tuple[int, int] = SIZE,
    theme: str = "default",
    views: Sequence[str] | None = None,
) -> list[Path]:
    """Show each view (every one unless told) and save it as ``OUT_DIR/<view>.png``.

    A view the farm has nothing for (a vote box with no vote open) is left out.
    """
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from dutchfarm.ui.app import build_main_window
    from dutchfarm.ui.views import VIEWS, find_cast

    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []
    with _own_settings():
        window = build_main_window(url, text_size=text_size, theme=theme)
        window.resize(*size)
        window.show()
        cast = find_cast(window.context.db)
        for name in views or list(VIEWS):
            if not VIEWS[name](window, cast):
                continue
            # Some pages lay themselves out again once they know their size (lists of
            # cards, charts); the picture is taken when that has settled.
            for _ in range(20):
                QApplication.processEvents()
                time.sleep(0.01)
            # A picture shows the screen as it looks, not where the keyboard happens to be:
            # a focused button's tint would read as a second choice made.
            focused = QApplication.focusWidget()
            if focused is not None:
                focused.clearFocus()
            path = out_dir / f"{name}.png"
            window.grab().save(str(path))
            saved.append(path)
        window.close()
        window.context.db.close()
        # Gone before the next window: a hidden one would still follow every change of look.
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return saved


def make_readme_farm(folder: Path) -> str:
    """Make the demo farm in ``folder`` with today's rota made, and return its URL."""
    from dutchfarm.db.database import open_database
    from dutchfarm.services.demo import make_demo_farm
    from dutchfarm.services.people import list_people
    from dutchfarm.services.rota import make_day_rota
    from dutchfarm.services.rota_day import set_attendance
    from dutchfarm.ui.views import find_cast

    url = f"sqlite:///{folder / 'demo.sqlite'}"
    db = open_database(url)
    try:
        make_demo_farm(db)
        coordinator = find_cast(db).coordinator
        if coordinator is not None:
            today = dt.date.today()
            for person in list_people(db)[:9]:
                set_attendance(db, coordinator, today, person.id, True)
            make_day_rota(db, coordinator, today)
    finally:
        db.close()
    return url


def shrink(paths: Sequence[Path]) -> None:
    """Make PNG files small: 256 colours with pngquant where it is installed, else as saved."""
    pngquant = shutil.which("pngquant")
    if pngquant is None:
        print("pngquant is not installed: the pictures are left as Qt saved them.")
        return
    for path in paths:
        subprocess.run(
            [pngquant, "--quality=70-95", "--speed=1", "--force", "--output", str(path), str(path)],
            check=True,
        )


def save_readme_screenshots(out_dir: Path) -> list[Path]:
    """Write the README's pictures of the main screens, small, into ``out_dir``."""
    with tempfile.TemporaryDirectory() as folder:
        url = make_readme_farm(Path(folder))
        saved = save_screenshots(out_dir, url, views=README_VIEWS)
    shrink(saved)
    return saved


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and write the screenshots."""
    parser = argparse.ArgumentParser(
        prog="python -m dutchfarm.ui.screenshots",
        description="Save a picture of every screen of Dutch Farm, or the README's pictures.",
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--database", metavar="URL")
    parser.add_argument("--text-size", choices=tuple(TEXT_SCALES), default="normal")
    parser.add_argument("--theme", choices=THEME_NAMES, default="default")
    parser.add_argument(
        "--readme",
        action="store_true",
        help="the README's pictures, on a demo farm made for them (ignores the other options)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.readme:
        saved = save_readme_screenshots(args.out_dir)
    else:
        url = database_url(args.database)
        saved = save_screenshots(args.out_dir, url, args.text_size, theme=args.theme)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
