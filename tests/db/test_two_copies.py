"""Two copies of Dutch Farm on one database file, both writing at once, lose nothing."""

import os
import sqlite3
import subprocess
import sys
import textwrap

WRITER = textwrap.dedent(
    """
    import sys
    from dutchfarm.db.database import open_database
    from dutchfarm.domain.terms import DiaryAction
    from dutchfarm.services.auth import COMMAND_LINE
    from dutchfarm.services.beds import add_diary_entry

    db = open_database(sys.argv[1])
    for number in range(int(sys.argv[3])):
        add_diary_entry(db, COMMAND_LINE, 1, DiaryAction.NOTE, f"{sys.argv[2]} {number}")
    db.close()
    """
)


def test_two_processes_writing_at_once(tmp_path):
    from dutchfarm.db.database import open_database
    from dutchfarm.services.auth import COMMAND_LINE
    from dutchfarm.services.beds import BedDraft, add_bed

    path = tmp_path / "shared.sqlite"
    url = f"sqlite:///{path}"
    db = open_database(url)
    add_bed(db, COMMAND_LINE, BedDraft("Bed 1", None, 1, 1, 1.2, 2.4))
    db.close()
    each = 150
    env = os.environ.copy()
    processes = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, name, str(each)], env=env)
        for name in ("first", "second")
    ]
    assert [process.wait(timeout=300) for process in processes] == [0, 0]
    with sqlite3.connect(path) as connection:
        notes = [row[0] for row in connection.execute("SELECT note FROM diary_entry")]
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for name in ("first", "second"):
        assert sorted(n for n in notes if n.startswith(name)) == sorted(
            f"{name} {number}" for number in range(each)
        )
