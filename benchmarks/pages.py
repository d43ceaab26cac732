"""Page switches and memory: every page of the main window on the large farm, as the coordinator."""

from __future__ import annotations

from pathlib import Path

from benchmarks.gui import sign_in_coordinator, until_painted
from benchmarks.report import Budget, Figure, time_ms
from benchmarks.startup import run_child


def page_order() -> list[str]:
    """Return the pages in the order visited: Today (built at start-up) last, as going home."""
    from dutchfarm.ui.main_window import PAGES

    return [name for name in PAGES if name != "today"] + ["today"]


def one_round(url: str) -> dict[str, float]:
    """Open a new main window and time switching to each page until painted, in milliseconds."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from dutchfarm.ui.app import application, build_main_window

    application()
    window = build_main_window(url)
    try:
        until_painted(lambda: (window.show(), window)[1])
        sign_in_coordinator(window)
        return {
            name: time_ms(
                lambda name=name: until_painted(lambda: window.show_page(name)), collecting=True
            )
            for name in page_order()
        }
    finally:
        window.close()
        window.context.db.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def measure_pages(url: str, rounds: int) -> list[Figure]:
    """Time every page switch over ``rounds`` new windows, after one round that imports them."""
    one_round(url)
    times: dict[str, list[float]] = {name: [] for name in page_order()}
    for _ in range(rounds):
        for name, took in one_round(url).items():
            times[name].append(took)
    return [
        Figure(f"page_{name}", f"page switch: {name}", found, Budget(100, "ms"))
        for name, found in times.items()
    ]


def measure_memory(url: str, data_dir: Path, runs: int) -> Figure:
    """Return the peak resident size after visiting every page, each run a new process."""
    sizes = [float(run_child("memory", url, data_dir)) for _ in range(runs)]
    return Figure(
        "memory",
        "memory: peak after every page",
        sizes,
        Budget(300, "MB"),
        unit="MB",
    )
