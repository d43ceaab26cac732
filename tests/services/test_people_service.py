"""People services: who may change people, plain refusals, and the coordinator's PIN."""

import datetime as dt

import pytest
from sqlalchemy import select

from dutchfarm.db.models import AuditEvent, Person
from dutchfarm.domain.terms import Role
from dutchfarm.services import auth
from dutchfarm.services.auth import COMMAND_LINE, NOBODY, Actor, sign_in
from dutchfarm.services.catalogue import list_task_types
from dutchfarm.services.errors import BadInput, Locked, NotAllowed
from dutchfarm.services.people import (
    PersonDraft,
    add_person,
    get_person,
    list_people,
    set_archived,
    update_person,
)


def coordinator(db, name="Ann", pin="2468"):
    return add_person(db, COMMAND_LINE, PersonDraft(name=name, role=Role.COORDINATOR, pin=pin))


def test_a_new_farm_can_be_set_up_by_whoever_is_there(db):
    person = add_person(db, NOBODY, PersonDraft(name="  Jackie  ", role=Role.SERVICE_USER))
    assert person.name == "Jackie"


def test_once_there_is_a_coordinator_only_they_manage_people(db):
    ann = coordinator(db)
    jackie = add_person(db, COMMAND_LINE, PersonDraft(name="Jackie", role=Role.SERVICE_USER))
    as_jackie = sign_in(db, jackie.id)
    with pytest.raises(NotAllowed, match="Only the coordinator can add people"):
        add_person(db, as_jackie, PersonDraft(name="Marco", role=Role.SERVICE_USER))
    with pytest.raises(NotAllowed):
        set_archived(db, NOBODY, jackie.id, True)
    as_ann = sign_in(db, ann.id, "2468")
    assert as_ann.is_coordinator
    add_person(db, as_ann, PersonDraft(name="Marco", role=Role.SERVICE_USER))
    assert [p.name for p in list_people(db)] == ["Ann", "Jackie", "Marco"]


def test_the_pin_is_never_stored_in_clear(db):
    ann = coordinator(db, pin="97531")
    with db.reading() as session:
        stored = session.get(Person, ann.id).pin_hash
    assert "97531" not in stored and stored.startswith("scrypt$")


def test_five_wrong_pins_lock_the_coordinator_for_five_minutes(db, monkeypatch):
    ann = coordinator(db)
    for left in (4, 3, 2, 1):
        with pytest.raises(NotAllowed, match=f"{left} tr"):
            sign_in(db, ann.id, "0000")
    with pytest.raises(Locked, match="wait 5 minutes"):
        sign_in(db, ann.id, "0000")
    # Even the right PIN is refused while locked.
    with pytest.raises(Locked):
        sign_in(db, ann.id, "2468")
    later = dt.datetime.now() + dt.timedelta(minutes=6)
    monkeypatch.setattr(auth, "now", lambda: later)
    assert sign_in(db, ann.id, "2468").is_coordinator


def test_bad_input_is_refused_in_plain_words_and_nothing_changes(db):
    jobs = list_task_types(db)
    cases = [
        (PersonDraft(name="", role=Role.SERVICE_USER), "Please give a name."),
        (PersonDraft(name="x" * 61, role=Role.SERVICE_USER), "too long"),
        (PersonDraft(name="Bad\x00name", role=Role.SERVICE_USER), "cannot be shown"),
        (PersonDraft(name="Sam", role=Role.VOLUNTEER, colour="red"), "colour"),
        (PersonDraft(name="Sam", role=Role.VOLUNTEER, avatar="../../etc"), "picture"),
        (PersonDraft(name="Ann", role=Role.COORDINATOR), "needs a PIN"),
        (PersonDraft(name="Ann", role=Role.COORDINATOR, pin="12"), "4 to 8 numbers"),
        (
            PersonDraft(
                name="Tom",
                role=Role.SERVICE_USER,
                cannot=frozenset({jobs[0].id}),
                likes=frozenset({jobs[0].id}),
            ),
            "liked and can't-do",
        ),
        (PersonDraft(name="Tom", role=Role.SERVICE_USER, likes=frozenset({99999})), "not on"),
    ]
    for draft, words in cases:
        with pytest.raises(BadInput, match=words):
            add_person(db, NOBODY, draft)
    assert list_people(db, include_archived=True) == []


def test_the_last_coordinator_cannot_step_down(db):
    ann = coordinator(db)
    with pytest.raises(BadInput, match="only coordinator"):
        set_archived(db, COMMAND_LINE, ann.id, True)
    with pytest.raises(BadInput, match="only coordinator"):
        update_person(db, COMMAND_LINE, ann.id, PersonDraft(name="Ann", role=Role.VOLUNTEER))
    coordinator(db, "Mo", "1357")
    assert set_archived(db, COMMAND_LINE, ann.id, True).archived


def test_editing_keeps_the_pin_unless_a_new_one_is_given(db):
    ann = coordinator(db)
    update_person(db, COMMAND_LINE, ann.id, PersonDraft(name="Ann B", role=Role.COORDINATOR))
    assert sign_in(db, ann.id, "2468").name == "Ann B"
    update_person(
        db, COMMAND_LINE, ann.id, PersonDraft(name="Ann B", role=Role.COORDINATOR, pin="1111")
    )
    with pytest.raises(NotAllowed):
        sign_in(db, ann.id, "2468")
    assert get_person(db, ann.id).has_pin
    with db.reading() as session:
        actions = list(session.scalars(select(AuditEvent.action)))
    assert actions.count("pin_changed") == 1


def test_admin_actions_are_audited(db):
    ann = coordinator(db)
    as_ann = Actor(ann.id, Role.COORDINATOR, "Ann")
    tom = add_person(db, as_ann, PersonDraft(name="Tom", role=Role.SERVICE_USER))
    set_archived(db, as_ann, tom.id, True)
    with db.reading() as session:
        actions = [(e.action, e.actor_id) for e in session.scalars(select(AuditEvent))]
    assert ("person_added", ann.id) in actions and ("person_archived", ann.id) in actions
