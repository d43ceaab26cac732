"""Opening databases: settings on SQLite, a new farm seeded once, clear errors for bad ones."""

import pytest
from sqlalchemy import func, select, text, update

from dutchfarm.db.database import DatabaseError, open_database
from dutchfarm.db.models import Crop, CropAlias, Farm, RotationGroup, Season, TaskType


def test_sqlite_has_foreign_keys_wal_and_a_busy_timeout(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'farm.sqlite'}")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    db.close()


def test_a_new_database_is_seeded_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'farm.sqlite'}"
    db = open_database(url)
    with db.reading() as session:
        crops = session.scalar(select(func.count()).select_from(Crop))
        counts = [
            session.scalar(select(func.count()).select_from(table))
            for table in (Farm, RotationGroup, TaskType, Season, CropAlias)
        ]
        zucchini = session.scalar(select(CropAlias).where(CropAlias.alias == "zucchini"))
        assert zucchini is not None and zucchini.crop.name == "Courgette"
    db.close()
    assert crops >= 40
    assert counts[0] == 1 and counts[1] == 7 and counts[2] >= 10 and counts[3] == 1
    again = open_database(url)
    with again.reading() as session:
        assert session.scalar(select(func.count()).select_from(Crop)) == crops
    again.close()


def test_plain_rows_are_read_never_kept_and_a_failed_read_is_one_sentence(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'farm.sqlite'}")
    with db.reading_rows() as connection:
        assert connection.execute(select(Farm.id, Farm.rotation_years)).all() == [(1, 3)]
        connection.execute(update(Farm).values(rotation_years=5))
    with db.reading() as session:
        assert session.scalar(select(Farm.rotation_years)) == 3
    with (
        pytest.raises(DatabaseError, match="The farm could not be read"),
        db.reading_rows() as connection,
    ):
        connection.execute(text("SELECT * FROM no_such_table"))
    db.close()


def test_the_folder_of_a_new_database_file_is_created(tmp_path):
    path = tmp_path / "new" / "folder" / "farm.sqlite"
    open_database(f"sqlite:///{path}").close()
    assert path.exists()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("not a url at all", "not a database address"),
        ("nosuchdb://host/farm", "cannot talk to"),
    ],
)
def test_an_unusable_address_gives_one_plain_sentence(url, words):
    with pytest.raises(DatabaseError, match=words):
        open_database(url)


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"This is a shopping list, not a database.\n" * 200)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a Dutch Farm database"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'farm.sqlite'}"
    db = open_database(url)
    with db.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(DatabaseError, match="newer version of Dutch Farm"):
        open_database(url)
