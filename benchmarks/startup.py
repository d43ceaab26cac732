"""Start-up: a new process from launch until its main window is painted, against two floors."""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.farm import sqlite_path
from benchmarks.report import Budget, Figure

ROOT = Path(__file__).resolve().parents[1]


def child_environment(data_dir: Path) -> dict[str, str]:
    """Return the environment of a child: offscreen Qt, its own data folder, this tree first."""
    env = dict(os.environ)
    env.pop("DUTCHFARM_DATABASE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["DUTCHFARM_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    return env


def run_child(kind: str, url: str, data_dir: Path) -> str:
    """Run ``benchmarks.child KIND URL`` and return the last line it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.child", kind, url],
        env=child_environment(data_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = done.stdout.split()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"benchmarks.child {kind} failed:\n{done.stderr[-3000:]}")
    return lines[-1]


def launch_ms(kind: str, url: str, data_dir: Path) -> float:
    """Return the milliseconds from launching a child until its window was painted."""
    start = time.monotonic()
    painted = float(run_child(kind, url, data_dir))
    return (painted - start) * 1000.0


def compile_program() -> None:
    """Write Dutch Farm's bytecode, as installing it does, so no start compiles the source.

    SQLAlchemy and PySide6 were compiled when they were installed; a working tree (or an
    environment that never writes bytecode) would otherwise compile Dutch Farm's ~100
    modules afresh on every start, which no installed copy does.
    """
    compileall.compile_dir(ROOT / "dutchfarm", quiet=1)


def measure_startup(url: str, data_dir: Path, runs: int) -> list[Figure]:
    """Time Dutch Farm's start-up and both floors, taking turns, after one warm-up round."""
    compile_program()
    backups = sqlite_path(url).parent / "backups"
    times: dict[str, list[float]] = {"bare": [], "stack": [], "program": []}
    for round_number in range(runs + 1):
        for kind, found in times.items():
            # Each start makes a backup; clearing them keeps every start alike.
            shutil.rmtree(backups, ignore_errors=True)
            took = launch_ms(kind, url, data_dir)
            if round_number:
                found.append(took)
    return [
        Figure(
            "startup",
            "start-up (vs SQLAlchemy + bare window)",
            times["program"],
            Budget(1.5, "floor"),
            times["stack"],
            "new process: import sqlalchemy.orm, one query, paint a bare window",
        ),
        Figure(
            "startup_vs_bare",
            "start-up (vs bare PySide6 window)",
            times["program"],
            None,
            times["bare"],
            "new process: paint a bare PySide6 window",
        ),
    ]
