"""Journey 3: a morning in May. Priya, a volunteer in a hurry, makes and prints the rota."""

import datetime as dt

from dutchfarm.services.people import list_people
from dutchfarm.services.rota import day_rota
from dutchfarm.ui.rota_board import JobRow, PersonCard

# The seven who came in this morning.
IN_TODAY = ("Priya", "Sam", "Tom", "Lee", "Jackie", "Marco", "Ben")
# The morning's jobs. The list comes from the jobs that come back on set weekdays, so on
# the day the test runs Priya adds, for today only, the ones the day does not bring.
MORNING_JOBS = ("Watering", "Weeding", "Compost", "Digging")
SOWING = "Sowing seeds: carrots in Bed 7"


def add_a_job(journey, kind, bed=None, crop=None):
    """Tap "Add a job", the job's picture, the bed and crop (if any) and "Add the job"."""

    def steps(dialog):
        journey.tap(kind, dialog)
        if bed is not None:
            journey.choose(dialog.bed, bed)
        if crop is not None:
            journey.choose(dialog.crop, crop)
        journey.tap("Add the job", dialog)

    journey.next_dialog(steps)
    journey.tap("Add a job")


def row_saying(page, title):
    """The job on today's list whose heading says ``title``."""
    [row] = [r for r in page.findChildren(JobRow) if r.isVisible() and r.title.text() == title]
    return row


def card_of(page, name):
    """The rota's card for ``name``: their picture, name and jobs."""
    [card] = [c for c in page.findChildren(PersonCard) if c.isVisible() and c.name.text() == name]
    return card


def jobs_on_card(page, name):
    return [chip.words for chip in card_of(page, name).chips]


def test_a_morning_rota_made_moved_and_printed(journey, tmp_path):
    # Priya opens the program: it starts on Today, and she taps her picture.
    page = journey.page("today")
    journey.sign_in("Priya")
    page = journey.page("today")
    today = dt.date.today()
    listed = {job.title for job in day_rota(journey.db, today).jobs}
    for kind in MORNING_JOBS:
        if kind not in listed:
            add_a_job(journey, kind)
    add_a_job(journey, "Sowing seeds", "Bed 7", "Carrots")
    assert {*MORNING_JOBS, SOWING} <= {row.title.text() for row in page.findChildren(JobRow)}

    # She ticks the seven who came in and taps "Make the rota".
    for name in IN_TODAY:
        journey.tap(name, page.who)
    assert page.who_count.text() == "7 people are in."
    journey.tap("Make the rota")

    # Each person's picture appears with their jobs.
    for name in IN_TODAY:
        assert jobs_on_card(page, name), f"{name} has no job on the rota"
    shown = {job for name in IN_TODAY for job in jobs_on_card(page, name)}
    assert {*MORNING_JOBS, SOWING} <= shown
    # Tom cannot do heavy digging, so he never gets it.
    assert "Digging" not in jobs_on_card(page, "Tom")
    # Lee needs support, so a volunteer works with him.
    [lee_job] = jobs_on_card(page, "Lee")
    with_lee = set(row_saying(page, lee_job).who.text().split(".")[0].split(", "))
    assert with_lee & {"Priya", "Sam"}, with_lee

    # Priya drags Sam to compost: from weeding when he has it; but if the rota put Sam
    # with Lee, from Lee's job, and then she drags herself over to work with Lee.
    sam_chips = [c for c in card_of(page, "Sam").chips if c.words != "Compost"]
    if "Priya" in with_lee:
        sam_chip = next((c for c in sam_chips if c.text() == "Weeding"), sam_chips[0])
    else:
        sam_chip = next(c for c in sam_chips if c.text() == lee_job)
    journey.drag(sam_chip, row_saying(page, "Compost"))
    assert "Compost" in jobs_on_card(page, "Sam")
    if "Priya" not in with_lee:
        assert "Lee needs someone with them" in page.problems.text()
        priya_chip = card_of(page, "Priya").chips[0]
        journey.drag(priya_chip, row_saying(page, lee_job))
    # Nobody is left without someone with them (weeding may now be a person short).
    assert "with them" not in page.problems.text()
    assert lee_job in jobs_on_card(page, "Priya")

    # What the database holds: Sam on compost, Lee working with Priya, nobody left out.
    rota = day_rota(journey.db, today)
    people = {p.name: p.id for p in list_people(journey.db)}
    assert "Compost" in {job.name for job in rota.jobs_of(people["Sam"])}
    [lee_on] = rota.jobs_of(people["Lee"])
    assert people["Priya"] in {place.person_id for place in lee_on.people}
    assert "Digging" not in {job.name for job in rota.jobs_of(people["Tom"])}
    assert all(rota.jobs_of(people[name]) for name in IN_TODAY)

    # She saves the picture rota as a PDF to print and pin on the wall.
    pdf = tmp_path / "rota.pdf"
    journey.save_as(pdf)
    journey.tap("Save as PDF")
    assert journey.messages()[-1] == "The rota is saved: The picture rota is saved as rota.pdf."
    text = journey.pdf_text(pdf)
    for name in IN_TODAY:
        assert name in text
        for job in rota.jobs_of(people[name]):
            assert job.name in text
    journey.last_screen("3-rota-morning")
