"""Time a harvest import of many rows: ``python benchmarks/import_harvests.py [ROWS]``.

Writes a CSV of real-looking rows (100,000 by default) into a temporary folder and imports
it into a new farm, as ``dutchfarm import-harvests`` does; ``benchmarks/run.py`` measures
the same. The goal is under five seconds for 100,000 rows on the cabin PC.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import Budget, Figure

CROPS = ("lettuce", "zucchini", "tomatoes", "beans", "Swiss chard", "rutabaga", "jalapeño")


def write_rows(path: Path, rows: int) -> None:
    """Write ``rows`` harvests over twenty seasons, in the shape of the gardenR files."""
    chance = random.Random(1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("vegetable", "variety", "date", "weight", "units"))
        for number in range(rows):
            day = dt.date(2000 + number % 20, 6, 1) + dt.timedelta(days=chance.randrange(120))
            crop = chance.choice(CROPS)
            writer.writerow((crop, "", day.isoformat(), chance.randrange(1, 2000), "grams"))


def import_once(path: Path, folder: Path) -> tuple[int, float, float]:
    """Import the file into a new farm: return the rows imported and the read and import ms."""
    from dutchfarm.db.database import open_database
    from dutchfarm.services.auth import COMMAND_LINE
    from dutchfarm.services.harvest_files import ImportOptions, import_harvests, read_harvest_file

    database = folder / f"farm-{time.monotonic_ns()}.sqlite"
    db = open_database(f"sqlite:///{database}")
    try:
        start = time.perf_counter()
        parsed = read_harvest_file(path)
        read = time.perf_counter()
        result = import_harvests(db, COMMAND_LINE, parsed, ImportOptions(), file_name=path.name)
        done = time.perf_counter()
    finally:
        db.close()
    return result.imported, (read - start) * 1000.0, (done - read) * 1000.0


def measure_import(folder: Path, runs: int, rows: int = 100_000) -> Figure:
    """Time importing a ``rows``-row CSV into a new farm, ``runs`` times."""
    path = folder / "harvests.csv"
    write_rows(path, rows)
    times = []
    for _ in range(runs):
        imported, read_ms, import_ms = import_once(path, folder)
        if imported != rows:
            raise RuntimeError(f"only {imported:,} of {rows:,} rows were imported")
        times.append(read_ms + import_ms)
    return Figure("import_harvests", f"import-harvests: {rows:,} rows", times, Budget(5000, "ms"))


def main(rows: int = 100_000) -> None:
    """Write the file, import it, and print the times."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "harvests.csv"
        write_rows(path, rows)
        imported, read_ms, import_ms = import_once(path, Path(folder))
    print(
        f"{imported:,} rows: read {read_ms / 1000:.2f} s, "
        f"imported {import_ms / 1000:.2f} s, {(read_ms + import_ms) / 1000:.2f} s in all"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
