"""The season report PDF: its figures, its charts, and a season with nothing in it yet."""

import datetime as dt
import shutil
import subprocess

import pytest
from sqlalchemy import select

from dutchfarm.db.database import open_database
from dutchfarm.db.models import Crop, Harvest, Season
from dutchfarm.domain.harvest import format_kg
from dutchfarm.domain.terms import Unit
from dutchfarm.services.auth import COMMAND_LINE
from dutchfarm.services.farm import start_season
from dutchfarm.services.report import season_report
from dutchfarm.ui.season_report import (
    CHARTS,
    caption,
    make_season_report,
    print_season_report,
    report_html,
    write_season_report,
)


def test_the_demo_seasons_report(qapp, demo_url, tmp_path):
    db = open_database(demo_url)
    try:
        year = dt.date.today().year
        path = tmp_path / "report.pdf"
        report = season_report(db, year)
        pages = write_season_report(report, path)
    finally:
        db.close()
    # A first page of figures, the crop and bed tables, and three pages of charts.
    assert pages == 6
    assert path.read_bytes().startswith(b"%PDF")
    page = report_html(report)
    assert f"The {year} season" in page
    assert format_kg(report.totals.grams) in page
    assert f"{report.people} people" in page and f"{report.jobs_done:,}" in page
    assert "Strawberries won." in page
    assert all(f"chart:{kind}" in page for kind, _ in CHARTS)
    assert caption("beds", report).endswith("kg.")
    assert "never added to weights" in caption("counts", report)


def test_a_season_with_nothing_in_it_still_makes_a_report(qapp, db, tmp_path):
    start_season(db, COMMAND_LINE, 2099)
    report = season_report(db, 2099)
    path = tmp_path / "empty.pdf"
    make_season_report(db, 2099, path)
    assert path.read_bytes().startswith(b"%PDF")
    assert "No harvests were logged this season." in report_html(report)
    assert caption("weeks", report) == "Nothing to show yet."


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler's pdftotext reads the PDF back"
)


def pdf_words(path):
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return done.stdout


@needs_pdftotext
def test_a_printer_gets_the_pages_of_the_pdf(qapp, demo_url, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    db = open_database(demo_url)
    try:
        report = season_report(db, dt.date.today().year)
    finally:
        db.close()
    saved = tmp_path / "saved.pdf"
    pages = write_season_report(report, saved)
    # A printer at its own (high) resolution, printing to a file to read back.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert printer.resolution() > 96
    assert print_season_report(report, printer) == pages
    assert pdf_words(printed) == pdf_words(saved)


def test_small_weights_are_in_grams_and_empty_columns_are_left_out(qapp, db):
    start_season(db, COMMAND_LINE, 2099)
    with db.transaction() as session:
        season = session.scalar(select(Season.id).where(Season.year == 2099))
        crop = session.scalar(select(Crop.id).where(Crop.key == "chives"))
        session.add(
            Harvest(
                season_id=season,
                day=dt.date(2099, 6, 1),
                crop_id=crop,
                quantity=32,
                unit=Unit.GRAMS,
                grams=32,
                imported=False,
            )
        )
    page = report_html(season_report(db, 2099))
    assert "32 g" in page and "0.0 kg" not in page
    assert "Counted" not in page and "Bunches" not in page
