"""Journey 6, the end of the season: Ann's charts, and the season report for the funders."""

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select, union

from dutchfarm.db.models import (
    Assignment,
    Attendance,
    Ballot,
    Bed,
    Crop,
    DiaryEntry,
    Harvest,
    HasVoted,
    Job,
    Season,
    SeasonCrop,
)
from dutchfarm.domain.harvest import format_kg, format_number


def season_figures(db, year):
    """The season's figures, added up straight from the database."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with db.reading() as session:
        season = session.scalar(select(Season.id).where(Season.year == year))
        grams = session.scalar(select(func.sum(Harvest.grams)).where(Harvest.season_id == season))
        by_crop = session.execute(
            select(Crop.plural, func.sum(Harvest.grams), func.sum(Harvest.quantity), Harvest.unit)
            .join(Crop, Harvest.crop_id == Crop.id)
            .where(Harvest.season_id == season)
            .group_by(Crop.plural, Harvest.unit)
        ).all()
        by_bed = session.execute(
            select(Bed.name, func.sum(Harvest.grams))
            .join(Bed, Harvest.bed_id == Bed.id)
            .where(Harvest.season_id == season, Harvest.grams.is_not(None))
            .group_by(Bed.name)
        ).all()
        took_part = session.execute(
            union(
                select(Harvest.picked_by_id).where(Harvest.season_id == season),
                select(Attendance.person_id).where(Attendance.day.between(first, last)),
                select(Assignment.person_id)
                .join(Job, Assignment.job_id == Job.id)
                .where(Job.day.between(first, last)),
                select(DiaryEntry.person_id).where(DiaryEntry.day.between(first, last)),
                select(HasVoted.person_id)
                .join(Ballot, HasVoted.ballot_id == Ballot.id)
                .where(Ballot.season_id == season),
            )
        ).all()
        jobs = session.scalar(
            select(func.count())
            .select_from(Job)
            .where(Job.done.is_(True), Job.day.between(first, last))
        )
        chosen = session.scalars(
            select(Crop.plural)
            .join(SeasonCrop, SeasonCrop.crop_id == Crop.id)
            .where(SeasonCrop.season_id == season)
            .order_by(SeasonCrop.rank)
        ).all()
        yearly = dict(
            session.execute(
                select(Season.year, func.sum(Harvest.grams))
                .join(Season, Harvest.season_id == Season.id)
                .group_by(Season.year)
            ).all()
        )
    weights, counts = defaultdict(float), defaultdict(float)
    for plural, crop_grams, quantity, unit in by_crop:
        if crop_grams:
            weights[plural] += crop_grams
        else:
            counts[(plural, unit)] += quantity
    return {
        "grams": grams or 0,
        "weights": dict(weights),
        "counts": dict(counts),
        "beds": dict(by_bed),
        "people": len({person for (person,) in took_part if person is not None}),
        "jobs": jobs,
        "chosen": chosen,
        "yearly": yearly,
    }


def test_ann_sees_the_season_and_prints_its_report(journey, tmp_path):
    year = dt.date.today().year
    figures = season_figures(journey.db, year)

    journey.sign_in("Ann", pin="1234")
    page = journey.open_area("Harvest")
    staff = page.staff
    journey.tap("Charts", page)
    assert page.note.text() == "Tap a chart's button to see it, and choose its season."
    chart = staff.chart
    journey.qtbot.waitUntil(lambda: chart.canvas is not None and bool(chart.lines()))

    # Crop by crop: kilograms so far, each line only ever going up, ending at its total.
    lines = chart.lines()
    for crop, values in lines.items():
        assert values == sorted(values), crop
        if crop != "Other":
            assert round(values[-1], 3) == round(figures["weights"][crop] / 1000, 3), crop
    top = max(figures["weights"], key=figures["weights"].get)
    assert top in lines

    # Week by week: the bars add up to the season's kilograms.
    journey.tap("Each week", page)
    bars = [bar.get_height() for bar in chart.canvas.figure.axes[0].patches]
    assert len(bars) > 10 and round(sum(bars), 3) == round(figures["grams"] / 1000, 3)

    # This year against the years before, each year's line ending at its total.
    journey.tap("Other years", page)
    lines = chart.lines()
    assert {str(year), str(year - 1)} <= set(lines)
    for season_year, grams in figures["yearly"].items():
        assert round(lines[str(season_year)][-1], 3) == round(grams / 1000, 3)
    assert chart_titles(chart) == [f"{year} against earlier seasons"]

    # The season report, printed.
    printed = tmp_path / "season-report.pdf"
    journey.print_to(printed)
    journey.tap("Print report", page)
    assert journey.messages()[-1] == (
        f"Season report printed: The {year} season report went to the printer."
    )
    journey.last_screen("6-season-end")

    text = journey.pdf_text(printed)
    assert f"The {year} season" in text
    # The figures stand two by two, each over its words: pdftotext reads them across.
    kg, people, jobs = format_kg(figures["grams"]), figures["people"], f"{figures['jobs']:,}"
    assert f"{kg} {people} people of food grown and weighed took part {jobs} " in text
    assert " jobs done harvests logged by " in text
    assert "The crops the group chose " + " ".join(figures["chosen"]) in text
    for crop, grams in figures["weights"].items():
        assert f"{crop} {format_kg(grams)}" in text, crop
    for (crop, _unit), count in figures["counts"].items():
        assert f"{crop} {format_number(count)}" in text, crop
    for bed, grams in figures["beds"].items():
        assert f"{bed} {format_kg(grams)}" in text, bed
    # The story's figures are the demo farm's own.
    assert figures["people"] == 15 and len(figures["chosen"]) == 4


def chart_titles(chart):
    """The titles over the chart's panels, as drawn."""
    return [axes.get_title(loc="left") for axes in chart.canvas.figure.axes]


RECORDS_2020 = Path(__file__).resolve().parents[3] / "shared" / "data" / "garden_harvest_2020.csv"


@pytest.mark.skipif(not RECORDS_2020.is_file(), reason="the real harvest records are not here")
def test_the_report_of_a_season_brought_in_from_real_records(journey, tmp_path):
    with RECORDS_2020.open(encoding="utf-8", newline="") as source:
        records = list(csv.DictReader(source))
    grams = defaultdict(float)
    for row in records:
        grams[row["vegetable"]] += float(row["weight"])

    # Ann brings in the 2020 records; the log turns to 2020, and she prints its report.
    journey.sign_in("Ann", pin="1234")
    page = journey.open_area("Harvest")
    journey.open_as(RECORDS_2020)
    journey.tap("Import", page)
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    )
    with journey.qtbot.waitSignal(dialog.imported, timeout=60_000):
        journey.tap("Import 781 harvests", dialog)
    assert page.staff.log.season.currentText() == "2020"
    printed = tmp_path / "report-2020.pdf"
    journey.print_to(printed)
    journey.tap("Print report", page)

    # The report's figures are the file's own, added up here from the file itself.
    text = journey.pdf_text(printed)
    total = sum(grams.values())
    assert total == 432_255
    # Nobody at the farm picked these: no people and no jobs, only the food. (The figures
    # stand two by two, so pdftotext reads "0 jobs" and "781 harvests" across.)
    assert (
        "432.3 kg 0 people of food grown and weighed took part "
        "0 781 jobs done harvests logged by 0 people"
    ) in text
    assert f"All together {format_kg(total)}" in text
    assert f"No bed {format_kg(total)}" in text
    for vegetable, crops in (("tomatoes", "Tomatoes"), ("zucchini", "Courgettes")):
        assert f"{crops} {format_kg(grams[vegetable])}" in text
    assert f"Asparagus {grams['asparagus']:.0f} g" in text
