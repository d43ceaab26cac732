"""Killing Dutch Farm at any moment never leaves half an action: the SIGKILL test."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from dutchfarm.db.database import open_database

ROWS_PER_IMPORT = 3000
KILLS = 24

# The child imports one harvest file after another for ever, each file with its own mark
# in the variety column, so that each import can be counted afterwards.
CHILD = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path
    from dutchfarm.db.database import open_database
    from dutchfarm.services.auth import COMMAND_LINE
    from dutchfarm.services.harvest_files import ImportOptions, import_harvests, read_harvest_file

    url, folder = sys.argv[1], Path(sys.argv[2])
    db = open_database(url)
    batch = 0
    while True:
        batch += 1
        mark = f"{{sys.argv[3]}}-{{batch}}"
        path = folder / f"{{mark}}.csv"
        lines = ["date,vegetable,variety,weight,units"]
        lines += [f"2026-06-{{1 + i % 28:02d}},carrots,{{mark}},{{10 + i % 90}},grams"
                  for i in range({ROWS_PER_IMPORT})]
        path.write_text("\\n".join(lines) + "\\n", encoding="utf-8")
        print("start", mark, flush=True)
        import_harvests(db, COMMAND_LINE, read_harvest_file(path), ImportOptions(),
                        file_name=path.name, dry_run=False)
        print("done", mark, flush=True)
    """
)


@pytest.mark.sqlite_only
def test_killed_at_random_moments_nothing_is_half_imported(tmp_path):
    path = tmp_path / "farm.sqlite"
    url = f"sqlite:///{path}"
    open_database(url).close()
    rng = random.Random(20261126)
    finished: set[str] = set()
    mid_import = 0
    for kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, url, str(tmp_path), f"k{kill}"],
            stdout=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        # Let it start and get into the middle of an import, somewhere different each time.
        time.sleep(rng.uniform(0.8, 2.5))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=60)
        words = [line.split() for line in out.splitlines()]
        started = {mark for what, mark in words if what == "start"}
        done = {mark for what, mark in words if what == "done"}
        finished |= done
        mid_import += bool(started - done)
        with sqlite3.connect(path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            counts = dict(
                connection.execute(
                    "SELECT variety, count(*) FROM harvest GROUP BY variety"
                ).fetchall()
            )
        # Every import that is there is there whole; every one it reported finishing is there.
        assert all(count == ROWS_PER_IMPORT for count in counts.values()), counts
        assert finished <= set(counts)
    # The kills must really have landed inside imports, or the test proves nothing.
    assert mid_import >= KILLS // 2 and len(finished) >= 1
