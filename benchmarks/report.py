"""The figures a benchmark run measures, the budgets they must meet, and the table and JSON."""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Budget:
    """What a figure must meet: at most ``limit`` times its floor, milliseconds or megabytes."""

    limit: float
    per: str  # "floor", "ms" or "MB"

    def words(self) -> str:
        """Return the budget as the table shows it: "<= 1.5x floor", "<= 100 ms"."""
        if self.per == "floor":
            return f"<= {self.limit:g}x floor"
        return f"<= {self.limit:,g} {self.per}"


@dataclass
class Figure:
    """One measured figure: its runs, the runs of its floor (if any) and its budget."""

    key: str
    name: str
    runs: list[float]
    budget: Budget | None = None
    floor_runs: list[float] = field(default_factory=list)
    floor_name: str = ""
    unit: str = "ms"

    @property
    def median(self) -> float:
        """Return the median of the runs."""
        return statistics.median(self.runs)

    @property
    def floor(self) -> float | None:
        """Return the median of the floor's runs, or None without a floor."""
        return statistics.median(self.floor_runs) if self.floor_runs else None

    @property
    def ratio(self) -> float | None:
        """Return the median over the floor's median, or None without a floor."""
        floor = self.floor
        return self.median / floor if floor else None

    @property
    def met(self) -> bool | None:
        """Return whether the budget is met, or None for a figure without one."""
        if self.budget is None:
            return None
        if self.budget.per == "floor":
            ratio = self.ratio
            return ratio is not None and ratio <= self.budget.limit
        return self.median <= self.budget.limit

    def as_json(self) -> dict[str, object]:
        """Return the figure as plain JSON values (times in ms, ratios as numbers)."""
        value = "mb" if self.unit == "MB" else "ms"
        found: dict[str, object] = {
            "name": self.name,
            f"median_{value}": round(self.median, 3),
            f"runs_{value}": [round(run, 3) for run in self.runs],
        }
        if self.floor_runs:
            found.update(
                floor=self.floor_name,
                floor_ms=round(self.floor or 0.0, 3),
                floor_runs_ms=[round(run, 3) for run in self.floor_runs],
                ratio=round(self.ratio or 0.0, 3),
            )
        if self.budget is not None:
            found.update(budget=self.budget.words(), met=self.met)
        return found


def time_ms(action: Callable[[], object], *, collecting: bool = False) -> float:
    """Return how long one call of ``action`` takes, in milliseconds.

    Garbage left by earlier runs is collected first. Python's cycle collector then stays
    off during the call, as timeit keeps it, unless ``collecting``: a person waiting for a
    page waits through any collection it sets off, so page switches are timed with it on.
    """
    gc.collect()
    if not collecting:
        gc.disable()
    try:
        start = time.perf_counter()
        action()
        return (time.perf_counter() - start) * 1000.0
    finally:
        gc.enable()


def interleaved(runs: int, *actions: Callable[[], object], warm_up: int = 1) -> list[list[float]]:
    """Time each action ``runs`` times, taking turns, so that noise falls on them alike."""
    for _ in range(warm_up):
        for action in actions:
            action()
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for found, action in zip(times, actions, strict=True):
            found.append(time_ms(action))
    return times


def _cell(value: float | None, unit: str = "") -> str:
    return "-" if value is None else f"{value:,.1f}{unit}"


def table(figures: Sequence[Figure]) -> str:
    """Return the figures as a Markdown table: figure, median, floor, ratio, budget, met."""
    lines = [
        "| figure | median ms | floor ms | ratio | budget | met? |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for figure in figures:
        unit = " MB" if figure.unit == "MB" else ""
        ratio = "-" if figure.ratio is None else f"{figure.ratio:.2f}"
        met = {None: "-", True: "yes", False: "**no**"}[figure.met]
        budget = figure.budget.words() if figure.budget else "-"
        lines.append(
            f"| {figure.name} | {_cell(figure.median, unit)} | {_cell(figure.floor)} | {ratio} "
            f"| {budget} | {met} |"
        )
    return "\n".join(lines)


def write_json(figures: Sequence[Figure], path: Path, about: dict[str, object]) -> None:
    """Write one key per figure, and the run's circumstances under ``"run"``."""
    found: dict[str, object] = {"run": about}
    for figure in figures:
        found[figure.key] = figure.as_json()
    path.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
