"""Bed services: the map, and who may add to which bed's record."""

import datetime as dt

import pytest

from dutchfarm.domain.terms import DiaryAction, PlantingStatus, Role
from dutchfarm.services.auth import COMMAND_LINE, NOBODY, sign_in
from dutchfarm.services.beds import (
    BedDraft,
    add_bed,
    add_diary_entry,
    add_planting,
    bed_of,
    bed_record,
    first_bed,
    list_beds,
    move_bed,
    planned_season,
    remove_diary_entry,
    remove_planting,
    set_bed_archived,
    set_planting_status,
    update_bed,
)
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.farm import start_season
from dutchfarm.services.people import PersonDraft, add_person
from dutchfarm.services.rotation import accept_plan


@pytest.fixture
def farm(db):
    """Ann the coordinator, Priya a volunteer, Jackie and Marco with a bed each."""
    people = {
        name: add_person(db, COMMAND_LINE, PersonDraft(name=name, role=role, pin=pin))
        for name, role, pin in (
            ("Ann", Role.COORDINATOR, "2468"),
            ("Priya", Role.VOLUNTEER, None),
            ("Jackie", Role.SERVICE_USER, None),
            ("Marco", Role.SERVICE_USER, None),
        )
    }
    beds = {
        owner: add_bed(db, COMMAND_LINE, BedDraft(name, people[owner].id, x, 1.0, 1.2, 2.4))
        for name, owner, x in (("Bed 2", "Jackie", 1.0), ("Bed 10", "Marco", 3.0))
    }
    actors = {
        name: sign_in(db, p.id, "2468" if name == "Ann" else None) for name, p in people.items()
    }
    return db, actors, beds


def test_beds_are_listed_as_people_count_them(farm):
    db, actors, _ = farm
    add_bed(db, COMMAND_LINE, BedDraft("Herb bed", None, 6.0, 1.0, 1.2, 1.2))
    assert [bed.name for bed in list_beds(db)] == ["Bed 2", "Bed 10", "Herb bed"]
    assert list_beds(db)[2].owner is None


def test_only_the_coordinator_draws_moves_and_archives_beds(farm):
    db, actors, beds = farm
    bed = beds["Jackie"]
    for who in ("Priya", "Jackie"):
        with pytest.raises(NotAllowed):
            move_bed(db, actors[who], bed.id, 5.0, 5.0)
        with pytest.raises(NotAllowed):
            add_bed(db, actors[who], BedDraft("Bed 3", None, 9.0, 1.0, 1.2, 2.4))
    moved = move_bed(db, actors["Ann"], bed.id, 5.0, 6.5)
    assert (moved.x, moved.y) == (5.0, 6.5)
    renamed = update_bed(db, actors["Ann"], bed.id, BedDraft("Bed 2a", None, 5.0, 6.5, 1.0, 3.0))
    assert (renamed.name, renamed.owner, renamed.width) == ("Bed 2a", None, 1.0)
    set_bed_archived(db, actors["Ann"], bed.id, True)
    assert [b.name for b in list_beds(db)] == ["Bed 10"]


def test_bad_bed_details_are_refused_in_plain_words(farm):
    db, actors, beds = farm
    bed = beds["Jackie"]
    for draft, words in (
        (BedDraft("bed 10", None, 1, 1, 1.2, 2.4), "already a bed called"),
        (BedDraft("", None, 1, 1, 1.2, 2.4), "Please give a bed name"),
        (BedDraft("Bed 2", None, 1, 1, 0.0, 2.4), "between"),
        (BedDraft("Bed 2", None, -4, 1, 1.2, 2.4), "off the map"),
        (BedDraft("Bed 2", 9999, 1, 1, 1.2, 2.4), "not on the list"),
    ):
        with pytest.raises(BadInput, match=words):
            update_bed(db, actors["Ann"], bed.id, draft)
    assert list_beds(db)[0].name == "Bed 2"


def test_a_gardener_adds_to_their_own_bed_only(farm):
    db, actors, beds = farm
    jackie = actors["Jackie"]
    entry = add_diary_entry(db, jackie, beds["Jackie"].id, DiaryAction.WATERED)
    assert (entry.person.name, entry.day) == ("Jackie", dt.date.today())
    with pytest.raises(NotAllowed, match="not your bed"):
        add_diary_entry(db, jackie, beds["Marco"].id, DiaryAction.WATERED)
    with pytest.raises(NotAllowed):
        add_planting(db, jackie, beds["Marco"].id, list_crops(db)[0].id)
    with pytest.raises(NotAllowed, match="tap your picture"):
        add_diary_entry(db, NOBODY, beds["Jackie"].id, DiaryAction.WATERED)
    assert bed_record(db, jackie, beds["Jackie"].id).can_write
    assert not bed_record(db, jackie, beds["Marco"].id).can_write


def test_volunteers_add_to_any_beds_diary(farm):
    db, actors, beds = farm
    add_diary_entry(
        db, actors["Priya"], beds["Marco"].id, DiaryAction.WEEDED, "  lots of  bindweed "
    )
    [entry] = bed_record(db, actors["Marco"], beds["Marco"].id).diary
    assert (entry.person.name, entry.action, entry.note) == (
        "Priya",
        DiaryAction.WEEDED,
        "lots of bindweed",
    )


def test_the_diary_is_newest_first_and_an_entry_can_be_taken_back(farm):
    db, actors, beds = farm
    jackie = actors["Jackie"]
    bed_id = beds["Jackie"].id
    add_diary_entry(
        db, jackie, bed_id, DiaryAction.SOWED, day=dt.date.today() - dt.timedelta(days=3)
    )
    watered = add_diary_entry(db, jackie, bed_id, DiaryAction.WATERED)
    assert [e.action for e in bed_record(db, jackie, bed_id).diary] == [
        DiaryAction.WATERED,
        DiaryAction.SOWED,
    ]
    other = add_diary_entry(db, actors["Priya"], bed_id, DiaryAction.FED)
    with pytest.raises(NotAllowed, match="your own"):
        remove_diary_entry(db, jackie, other.id)
    remove_diary_entry(db, jackie, watered.id)
    assert len(bed_record(db, jackie, bed_id).diary) == 2


def test_a_note_needs_words_and_the_future_is_refused(farm):
    db, actors, beds = farm
    with pytest.raises(BadInput, match="write the note"):
        add_diary_entry(db, actors["Jackie"], beds["Jackie"].id, DiaryAction.NOTE, "   ")
    with pytest.raises(BadInput, match="already done"):
        add_diary_entry(
            db,
            actors["Jackie"],
            beds["Jackie"].id,
            DiaryAction.WATERED,
            day=dt.date.today() + dt.timedelta(days=1),
        )
    assert bed_record(db, actors["Jackie"], beds["Jackie"].id).diary == ()


def test_plantings_show_on_the_record_and_the_map(farm):
    db, actors, beds = farm
    strawberry = next(c for c in list_crops(db) if c.key == "strawberry")
    planting = add_planting(db, actors["Jackie"], beds["Jackie"].id, strawberry.id)
    assert planting.status is PlantingStatus.GROWING and planting.sown_on == dt.date.today()
    record = bed_record(db, actors["Jackie"], beds["Jackie"].id)
    assert [p.crop.name for p in record.plantings] == ["Strawberry"]
    assert [c.name for c in list_beds(db)[0].crops] == ["Strawberry"]
    set_planting_status(db, actors["Priya"], planting.id, PlantingStatus.FAILED)
    assert list_beds(db)[0].crops == ()
    remove_planting(db, actors["Jackie"], planting.id)
    assert bed_record(db, actors["Jackie"], beds["Jackie"].id).plantings == ()


def test_a_persons_own_bed(farm):
    db, actors, beds = farm
    assert bed_of(db, actors["Jackie"].person_id) == beds["Jackie"].id
    assert bed_of(db, actors["Priya"].person_id) is None


def test_the_first_bed_is_the_first_by_name_that_is_in_use(farm):
    db, actors, _ = farm
    ordered = list_beds(db)
    assert first_bed(db) == ordered[0].id
    set_bed_archived(db, actors["Ann"], ordered[0].id, True)
    assert first_bed(db) == ordered[1].id


def test_bed_names_clash_whatever_the_letters(farm):
    db, _, _ = farm
    add_bed(db, COMMAND_LINE, BedDraft("İris", None, 9, 1, 1.2, 2.4))
    for same in ("İris", "i̇ris"):
        with pytest.raises(BadInput, match="already a bed called İris"):
            add_bed(db, COMMAND_LINE, BedDraft(same, None, 12, 1, 1.2, 2.4))


def test_next_seasons_plan_shows_on_the_map_and_in_the_record(farm):
    db, actors, beds = farm
    this_year = dt.date.today().year
    crops = {crop.key: crop for crop in list_crops(db)}
    assert planned_season(db) is None
    start_season(db, COMMAND_LINE, this_year + 1)
    # A season started with nothing planned is nothing to show yet.
    assert planned_season(db) is None
    jackie_bed, marco_bed = beds["Jackie"].id, beds["Marco"].id
    accept_plan(
        db,
        actors["Ann"],
        this_year + 1,
        {crops["strawberry"].id: jackie_bed, crops["potato"].id: marco_bed},
    )
    assert planned_season(db) == this_year + 1
    # This season's map is as it was; next season's map has the plan.
    assert all(not bed.crops for bed in list_beds(db))
    planned = {bed.name: [c.name for c in bed.crops] for bed in list_beds(db, year=this_year + 1)}
    assert planned == {"Bed 2": ["Strawberry"], "Bed 10": ["Potato"]}
    record = bed_record(db, actors["Jackie"], jackie_bed)
    assert record.season_year == this_year
    assert record.plantings == ()
    assert (record.planned_year, [c.name for c in record.planned]) == (
        this_year + 1,
        ["Strawberry"],
    )
