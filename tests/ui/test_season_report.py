"""The season report PDF: its figures, its charts, and a season with nothing in it yet."""

import datetime as dt

from dutchfarm.db.database import open_database
from dutchfarm.domain.harvest import format_kg
from dutchfarm.services.auth import COMMAND_LINE
from dutchfarm.services.farm import start_season
from dutchfarm.services.report import season_report
from dutchfarm.ui.season_report import (
    CHARTS,
    caption,
    make_season_report,
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
