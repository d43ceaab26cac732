"""Time a harvest import of many rows: ``python benchmarks/import_harvests.py [ROWS]``.

Writes a CSV of real-looking rows (100,000 by default) into a temporary folder, imports it
into a new database, and prints how long reading and importing took. The goal is under
five seconds for 100,000 rows on the cabin PC.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from dutchfarm.db.database import open_database
from dutchfarm.services.auth import COMMAND_LINE
from dutchfarm.services.harvest_files import ImportOptions, import_harvests, read_harvest_file

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


def main(rows: int = 100_000) -> None:
    """Write the file, import it, and print the times."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "harvests.csv"
        write_rows(path, rows)
        db = open_database(f"sqlite:///{Path(folder) / 'farm.sqlite'}")
        try:
            start = time.perf_counter()
            parsed = read_harvest_file(path)
            read = time.perf_counter()
            result = import_harvests(db, COMMAND_LINE, parsed, ImportOptions())
            done = time.perf_counter()
        finally:
            db.close()
    print(
        f"{result.imported:,} rows: read {read - start:.2f} s, "
        f"imported {done - read:.2f} s, {done - start:.2f} s in all"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
