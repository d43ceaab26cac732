"""The migrations build exactly the models' schema, and the code knows the newest revision."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from dutchfarm.db.database import SCHEMA_REVISION, make_engine, schema_revision, upgrade
from dutchfarm.db.migrations.config import alembic_config, revisions
from dutchfarm.db.models import Base


def test_upgrade_head_gives_exactly_the_models_schema(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
        tables = set(inspect(connection).get_table_names())
    assert differences == []
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert schema_revision(engine) == SCHEMA_REVISION


def test_schema_revision_constant_is_alembics_head():
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [SCHEMA_REVISION]
    assert revisions() == {revision.revision for revision in script.walk_revisions()}


def test_votes_and_has_voted_keep_no_insertion_order(tmp_path):
    # WITHOUT ROWID tables are stored in key order, so the order rows were written in (which
    # could match a vote to a voter) is not kept anywhere.
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    upgrade(engine)
    with engine.connect() as connection:
        for table in ("vote", "vote_mark", "has_voted"):
            sql = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
            ).scalar_one()
            assert "WITHOUT ROWID" in sql
