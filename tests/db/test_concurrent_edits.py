"""Two connections editing at once (two PCs on one server, or two copies on one file)."""

import os
import threading

from dutchfarm.db.database import open_database
from dutchfarm.domain.terms import DiaryAction, Role
from dutchfarm.services.auth import COMMAND_LINE
from dutchfarm.services.beds import BedDraft, add_bed, add_diary_entry, bed_record
from dutchfarm.services.people import PersonDraft, add_person, get_person, update_person


def test_two_connections_adding_and_changing_at_once(db):
    url = os.environ["DUTCHFARM_DATABASE"]
    bed = add_bed(db, COMMAND_LINE, BedDraft("Bed 1", None, 1, 1, 1.2, 2.4))
    person = add_person(db, COMMAND_LINE, PersonDraft(name="Jackie", role=Role.SERVICE_USER))
    each = 40
    errors: list[BaseException] = []

    def work(name: str) -> None:
        other = open_database(url)
        try:
            for number in range(each):
                add_diary_entry(other, COMMAND_LINE, bed.id, DiaryAction.NOTE, f"{name} {number}")
                draft = get_person(other, person.id).draft()
                update_person(
                    other, COMMAND_LINE, person.id, PersonDraft(**{**draft.__dict__, "name": name})
                )
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            other.close()

    threads = [threading.Thread(target=work, args=(name,)) for name in ("Left", "Right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    notes = [entry.note for entry in bed_record(db, COMMAND_LINE, bed.id).diary]
    for name in ("Left", "Right"):
        assert sorted(n for n in notes if n.startswith(name)) == sorted(
            f"{name} {number}" for number in range(each)
        )
    assert get_person(db, person.id).name in ("Left", "Right")
