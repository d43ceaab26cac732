"""Journey 5, bringing in old records: Rosa imports last year's spreadsheet of harvests."""

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select

from dutchfarm.db.models import AuditEvent, Crop, Harvest, Season

# The real records sit beside the checkout, in shared/data (see tests/test_cli_harvests.py).
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
RECORDS_2021 = DATA / "garden_harvest_2021.csv"
# Rosa typed two crop names her own way, so the crop library has nothing by those names.
HER_SPELLING = {"raspberries": "raspbery", "tomatillos": "tomatilos"}

pytestmark = pytest.mark.skipif(
    not RECORDS_2021.is_file(), reason="the real harvest records (shared/data) are not here"
)


def rosas_export(folder: Path) -> Path:
    """Last year's records as Rosa's spreadsheet exports them: every row, her spelling."""
    with RECORDS_2021.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    path = folder / "harvests-2021.csv"
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                row | {"vegetable": HER_SPELLING.get(row["vegetable"], row["vegetable"])}
            )
    return path


def the_import_dialog() -> QDialog:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.isVisible() and w.windowTitle() == "Import harvests"
    ]
    assert len(found) == 1, found
    return found[0]


def harvests(journey):
    with journey.db.reading() as session:
        return session.scalar(select(func.count()).select_from(Harvest))


def test_rosa_brings_in_last_years_records(journey, tmp_path):
    with RECORDS_2021.open(encoding="utf-8", newline="") as source:
        records = list(csv.DictReader(source))
    grams_in_file = sum(float(row["weight"]) for row in records)
    in_log = harvests(journey)

    journey.sign_in("Rosa")
    page = journey.open_area("Harvest")
    journey.open_as(rosas_export(tmp_path))
    journey.tap("Import", page)

    # The preview: every row, zucchini are courgettes, two names to choose, 30 with no unit.
    dialog = the_import_dialog()
    assert dialog.summary.text() == "The file has 726 rows."
    crops = {
        dialog.crop_table.item(row, 0).text(): dialog.crop_table.item(row, 2)
        for row in range(dialog.crop_table.rowCount())
    }
    assert crops["zucchini"].text() == "Courgette"
    assert "Choose what to do with 2 crops that the crop library lacks." in dialog.problems.text()
    assert dialog.unit_words.text() == "30 rows have no unit. Tap the unit they are in."
    assert not journey.button("Import", dialog).isEnabled()

    journey.choose(dialog.choosers["raspbery"], "Raspberry")
    journey.choose(dialog.choosers["tomatilos"], "Tomatillo")
    journey.tap("Grams", dialog)
    assert dialog.problems.text() == ""
    # Everything is chosen, and still nothing is in the log until she says so.
    assert harvests(journey) == in_log
    go = journey.button("Import 726 harvests", dialog)
    with journey.qtbot.waitSignal(dialog.imported, timeout=60_000):
        journey.tap(go)

    assert harvests(journey) == in_log + 726
    assert journey.messages()[-1].startswith("Harvests imported: Imported 726 harvests")
    assert "Imported 726 harvests." in journey.window.undo_bar.message.text()
    # The log now shows the season she brought in.
    log = page.staff.log
    assert log.isVisible() and log.season.currentText() == "2021"
    assert log.totals.text() == "Shown: 726 harvests, 451.4 kg."
    journey.last_screen("5-old-records")

    with journey.db.reading() as session:
        brought = session.execute(
            select(Crop.name, func.count(), func.sum(Harvest.grams))
            .join(Crop, Harvest.crop_id == Crop.id)
            .join(Season, Harvest.season_id == Season.id)
            .where(Harvest.imported.is_(True), Season.year == 2021)
            .group_by(Crop.name)
        ).all()
        stamps = session.scalar(
            select(func.count(func.distinct(Harvest.created_at))).where(Harvest.imported.is_(True))
        )
        imports = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "harvests_imported")
        ).all()
    by_crop = {name: (rows, grams) for name, rows, grams in brought}
    assert sum(rows for rows, _ in by_crop.values()) == 726
    assert sum(grams for _, grams in by_crop.values()) == grams_in_file == 451_406
    for name, vegetable in (
        ("Courgette", "zucchini"),
        ("Raspberry", "raspberries"),
        ("Tomatillo", "tomatillos"),
    ):
        same = [float(row["weight"]) for row in records if row["vegetable"] == vegetable]
        assert by_crop[name] == (len(same), sum(same))
    # All in one go: one import, written at one moment.
    assert stamps == 1 and imports == ["726 from harvests-2021.csv"]
