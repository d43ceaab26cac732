"""Write a picture of every page: ``python -m dutchfarm.ui.screenshots OUT_DIR``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from dutchfarm.paths import database_url
from dutchfarm.settings import TEXT_SCALES
from dutchfarm.ui.colours import THEMES

THEME_NAMES = tuple(THEMES)


def save_screenshots(
    out_dir: Path,
    url: str,
    text_size: str = "normal",
    size: tuple[int, int] = (1280, 800),
    theme: str = "default",
) -> list[Path]:
    """Show every page of the main window in turn and save each as ``OUT_DIR/<page>.png``."""
    from PySide6.QtWidgets import QApplication

    from dutchfarm.domain.terms import Role
    from dutchfarm.services.auth import Actor
    from dutchfarm.services.people import list_people
    from dutchfarm.ui.app import build_main_window
    from dutchfarm.ui.main_window import PAGES

    window = build_main_window(url, text_size=text_size, theme=theme)
    window.resize(*size)
    window.show()
    # The pages are seen as the coordinator sees them, so that nothing is greyed out.
    coordinator = next(
        (p for p in list_people(window.context.db) if p.role is Role.COORDINATOR), None
    )
    if coordinator is not None:
        window.context.set_actor(Actor(coordinator.id, coordinator.role, coordinator.name))
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []
    for name in PAGES:
        window.show_page(name)
        # Some pages lay themselves out again once they know their size (lists of cards,
        # charts); the picture is taken when that has settled.
        for _ in range(20):
            QApplication.processEvents()
            time.sleep(0.01)
        path = out_dir / f"{name}.png"
        window.grab().save(str(path))
        saved.append(path)
    window.close()
    window.context.db.close()
    return saved


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and write the screenshots."""
    parser = argparse.ArgumentParser(prog="python -m dutchfarm.ui.screenshots")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--database", metavar="URL")
    parser.add_argument("--text-size", choices=tuple(TEXT_SCALES), default="normal")
    parser.add_argument("--theme", choices=THEME_NAMES, default="default")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    url = database_url(args.database)
    for path in save_screenshots(args.out_dir, url, args.text_size, theme=args.theme):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
