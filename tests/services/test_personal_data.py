"""Personal data: what is kept about a person, a copy of it, and erasure that keeps the totals."""

import csv
import json

import pytest
from sqlalchemy import func, select

from dutchfarm.db.models import AuditEvent, Harvest, HasVoted, Person, Vote, VoteMark
from dutchfarm.services.auth import COMMAND_LINE, sign_in
from dutchfarm.services.demo import make_demo_farm
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.people import list_people, update_person
from dutchfarm.services.personal_data import (
    audit_log,
    erase_person,
    export_audit_log,
    export_person,
    note_printed,
    person_record,
)


@pytest.fixture
def demo(db):
    make_demo_farm(db)
    return db


def marco(db):
    return next(p for p in list_people(db) if p.name == "Marco")


def test_the_record_holds_everything_kept(demo):
    record = person_record(demo, COMMAND_LINE, marco(demo).id)
    assert record.name == "Marco" and record.role == "Gardener"
    assert record.beds == ("Bed 2",)
    assert record.likes == ("Compost",)
    with demo.reading() as session:
        harvests = session.scalar(
            select(func.count())
            .select_from(Harvest)
            .where(Harvest.picked_by_id == record.person_id)
        )
    assert record.count("harvest") == harvests > 0
    assert record.count("voted") == 1 and record.count("diary") > 0
    assert record.count("wish") >= 1


def test_only_the_coordinator_sees_it(demo):
    jackie = next(p for p in list_people(demo) if p.name == "Jackie")
    with pytest.raises(NotAllowed):
        person_record(demo, sign_in(demo, jackie.id), marco(demo).id)


def test_the_copy_is_csv_and_json(demo, tmp_path):
    csv_path, json_path = export_person(demo, COMMAND_LINE, marco(demo).id, tmp_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["name"] == "Marco" and len(data["items"]) > 10
    with csv_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["kind"] for row in rows} >= {"details", "diary", "harvest", "job", "voted"}
    assert len([r for r in rows if r["kind"] != "details"]) == len(data["items"])


def test_erasure_keeps_the_totals_and_the_votes(demo):
    person = marco(demo)
    with demo.reading() as session:
        grams = session.scalar(select(func.sum(Harvest.grams)))
        votes = session.execute(
            select(VoteMark.option_id, func.sum(VoteMark.value)).group_by(VoteMark.option_id)
        ).all()
        vote_rows = session.scalar(select(func.count()).select_from(Vote))
        his = session.scalar(
            select(func.count()).select_from(Harvest).where(Harvest.picked_by_id == person.id)
        )
    update_person(demo, COMMAND_LINE, person.id, person.draft())
    kept = erase_person(demo, COMMAND_LINE, person.id)
    assert kept >= his
    with demo.reading() as session:
        assert session.get(Person, person.id) is None
        assert session.scalar(select(func.sum(Harvest.grams))) == grams
        assert (
            session.execute(
                select(VoteMark.option_id, func.sum(VoteMark.value)).group_by(VoteMark.option_id)
            ).all()
            == votes
        )
        assert session.scalar(select(func.count()).select_from(Vote)) == vote_rows
        assert (
            session.scalar(
                select(func.count()).select_from(HasVoted).where(HasVoted.person_id == person.id)
            )
            == 0
        )
        details = " ".join(session.scalars(select(AuditEvent.detail)))
    assert "Marco" not in details
    assert "Marco" not in [p.name for p in list_people(demo, include_archived=True)]


def test_the_only_coordinator_cannot_be_erased(demo):
    ann = next(p for p in list_people(demo) if p.name == "Ann")
    with pytest.raises(BadInput, match="only coordinator"):
        erase_person(demo, COMMAND_LINE, ann.id)


def test_the_audit_log_can_be_read_and_saved(demo, tmp_path):
    update_person(demo, COMMAND_LINE, marco(demo).id, marco(demo).draft())
    lines = audit_log(demo, COMMAND_LINE)
    assert lines[0].action == "person_changed"
    path = tmp_path / "audit.csv"
    assert export_audit_log(demo, COMMAND_LINE, path) == len(lines)
    with path.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["when", "who", "action", "detail"]
    jackie = next(p for p in list_people(demo) if p.name == "Jackie")
    with pytest.raises(NotAllowed):
        audit_log(demo, sign_in(demo, jackie.id))


def test_printing_for_someone_is_written_in_the_audit_log(demo):
    jackie = next(p for p in list_people(demo) if p.name == "Jackie")
    with pytest.raises(NotAllowed):
        note_printed(demo, sign_in(demo, jackie.id), marco(demo).id)
    note_printed(demo, COMMAND_LINE, marco(demo).id)
    with demo.reading() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (last.action, last.detail) == ("person_printed", str(marco(demo).id))
