"""The database itself refuses what the farm's records must never hold."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from dutchfarm.db.models import (
    Ballot,
    BallotOption,
    Bed,
    Crop,
    Harvest,
    HasVoted,
    Person,
    Season,
    Vote,
    VoteMark,
)
from dutchfarm.domain.terms import BallotMethod, BallotStatus, Role, Unit


def _person(session, name="Jackie"):
    person = Person(display_name=name, role=Role.SERVICE_USER, colour="#F4C7A1")
    session.add(person)
    session.flush()
    return person


def _ballot(session):
    season = session.scalars(select(Season)).first()
    ballot = Ballot(
        season_id=season.id,
        question="What shall we grow?",
        method=BallotMethod.DOTS,
        status=BallotStatus.OPEN,
    )
    crop = session.scalars(select(Crop)).first()
    ballot.options = [BallotOption(crop_id=crop.id, position=0)]
    session.add(ballot)
    session.flush()
    return ballot


def _refused(db, build):
    with pytest.raises(IntegrityError), db.transaction() as session:
        build(session)


def test_bed_names_are_unique(db):
    with db.transaction() as session:
        session.add(Bed(name="Bed 4"))

    _refused(db, lambda session: session.add(Bed(name="Bed 4")) or session.flush())
    with db.reading() as session:
        assert len(session.scalars(select(Bed)).all()) == 1


def test_a_person_can_be_marked_as_voted_once_per_ballot(db):
    with db.transaction() as session:
        person = _person(session)
        ballot = _ballot(session)
        session.add(HasVoted(ballot_id=ballot.id, person_id=person.id))
        ids = (ballot.id, person.id)

    def second_vote(session):
        session.add(HasVoted(ballot_id=ids[0], person_id=ids[1]))
        session.flush()

    _refused(db, second_vote)


def _harvest(session, **changes):
    season = session.scalars(select(Season)).first()
    crop = session.scalars(select(Crop)).first()
    values = dict(
        season_id=season.id,
        day=dt.date(season.year, 6, 1),
        crop_id=crop.id,
        quantity=100.0,
        unit=Unit.GRAMS,
        grams=100.0,
    )
    values.update(changes)
    session.add(Harvest(**values))
    session.flush()


def test_a_harvest_quantity_must_be_positive(db):
    with db.transaction() as session:
        _harvest(session)
    _refused(db, lambda session: _harvest(session, quantity=-5.0, grams=-5.0))
    _refused(db, lambda session: _harvest(session, quantity=0.0, grams=0.0))


def test_weights_carry_grams_and_counts_never_do(db):
    _refused(db, lambda session: _harvest(session, unit=Unit.KILOGRAMS, grams=None))
    _refused(db, lambda session: _harvest(session, unit=Unit.COUNT, quantity=6, grams=6.0))
    with db.transaction() as session:
        _harvest(session, unit=Unit.COUNT, quantity=6, grams=None)


def test_an_unknown_unit_is_refused(db):
    with pytest.raises(Exception), db.transaction() as session:  # noqa: B017
        session.execute(
            Harvest.__table__.insert().values(
                season_id=1,
                day=dt.date(2026, 1, 1),
                crop_id=1,
                quantity=1,
                unit="stone",
                grams=None,
                imported=False,
                created_at=dt.datetime(2026, 1, 1),
            )
        )


def test_foreign_keys_are_enforced(db):
    _refused(db, lambda session: _harvest(session, crop_id=999_999))


def test_a_rotation_is_two_to_six_years(db):
    _refused(
        db,
        lambda session: (
            session.add(Season(year=2040, rotation_years=7, started_on=dt.date(2040, 1, 1)))
            or session.flush()
        ),
    )


def test_vote_marks_are_not_negative(db):
    with db.transaction() as session:
        ballot = _ballot(session)
        ids = (ballot.id, ballot.options[0].id)

    def negative(session):
        vote = Vote(id=uuid.uuid4().hex, ballot_id=ids[0])
        vote.marks = [VoteMark(option_id=ids[1], value=-1)]
        session.add(vote)
        session.flush()

    _refused(db, negative)


def test_erasing_a_person_keeps_their_harvest_as_someone(db):
    with db.transaction() as session:
        person = _person(session, "Marco")
        _harvest(session, picked_by_id=person.id)
        person_id = person.id
    with db.transaction() as session:
        session.delete(session.get(Person, person_id))
    with db.reading() as session:
        harvest = session.scalars(select(Harvest)).one()
        assert harvest.picked_by_id is None
