"""The ``dutchfarm`` command: no arguments starts the program; subcommands serve admins."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable, Sequence

from dutchfarm import __version__
from dutchfarm.logs import setup_logging
from dutchfarm.paths import database_url
from dutchfarm.words import _, ngettext

log = logging.getLogger(__name__)


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help=_(
            "the database to use, e.g. sqlite:///farm.sqlite or "
            "postgresql+psycopg://host/farm (default: DUTCHFARM_DATABASE, else a "
            "file in the user data folder)"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the command line parser."""
    parser = argparse.ArgumentParser(
        prog="dutchfarm",
        description=_(
            "Dutch Farm: an allotment planner for a shared community allotment. "
            "With no command, it starts the program."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=_("Dutch Farm {version}").format(version=__version__)
    )
    _database_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help=_("fill a new database with a demo farm to try out"))
    _database_option(demo)
    demo.add_argument(
        "--scale",
        choices=("small", "large"),
        default="small",
        help=_(
            "how big a farm to make: small (15 people, 4 seasons) or large (80 "
            "people, 10 seasons, 100,000 harvests, 30,000 jobs) (default: small)"
        ),
    )
    demo.set_defaults(run=_run_demo)

    rota = commands.add_parser(
        "print-rota", help=_("write the picture rota saved for a day to an A4 PDF")
    )
    rota.add_argument(
        "--date",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help=_("the day (default: today)"),
    )
    rota.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF to write"))
    _database_option(rota)
    rota.set_defaults(run=_run_print_rota)
    from dutchfarm.cli_admin import add_admin_commands

    add_admin_commands(commands, _database_option)
    _harvest_commands(commands)
    return parser


def _day(text: str) -> object:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("give the day as YYYY-MM-DD, e.g. 2027-05-12")
        ) from error


def _run_print_rota(args: argparse.Namespace) -> int:
    import datetime as dt
    import os

    from dutchfarm.db.database import open_database
    from dutchfarm.services.rota import printable_rota

    day = args.date or dt.date.today()
    db = open_database(database_url(args.database))
    try:
        rota = printable_rota(db, day)
    finally:
        db.close()
    # Qt draws the page; writing a PDF needs no screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from dutchfarm.ui.print_rota import save_pdf

    app = QGuiApplication.instance() or QGuiApplication(["dutchfarm"])
    try:
        pages = save_pdf(rota, args.out)
    except OSError as error:
        print(
            _("dutchfarm: Could not write {out}: {0}.").format(
                error.strerror or error, out=args.out
            ),
            file=sys.stderr,
        )
        return 2
    finally:
        del app
    print(
        ngettext(
            "Wrote the rota for {people} people on {pages} page to {out}.",
            "Wrote the rota for {people} people on {pages} pages to {out}.",
            pages,
        ).format(pages=pages, people=len(rota.people), out=args.out)
    )
    return 0


def _run_demo(args: argparse.Namespace) -> int:
    import time

    from dutchfarm.db.database import open_database
    from dutchfarm.services import demo, demo_large

    make = demo_large.make_large_demo_farm if args.scale == "large" else demo.make_demo_farm
    started = time.perf_counter()
    db = open_database(database_url(args.database))
    try:
        summary = make(db)
    finally:
        db.close()
    print(
        _("{summary} (It took {0:.1f} seconds.)").format(
            time.perf_counter() - started, summary=summary
        )
    )
    return 0


def _unit(text: str) -> object:
    from dutchfarm.domain.harvest_csv import parse_unit

    try:
        unit, factor = parse_unit(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    if unit is None or factor != 1.0:
        raise argparse.ArgumentTypeError(_("use g, kg, count or bunch"))
    return unit


def _harvest_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = commands.add_parser(
        "import-harvests", help=_("import harvest records from a CSV file (all rows or none)")
    )
    importer.add_argument("file", metavar="FILE", help=_("the CSV file"))
    importer.add_argument(
        "--season",
        type=int,
        metavar="YEAR",
        help=_("put every row in this season (default: the year of each row's date)"),
    )
    importer.add_argument(
        "--default-unit",
        type=_unit,
        metavar="UNIT",
        help=_("the unit of rows that give none: g, kg, count or bunch"),
    )
    importer.add_argument(
        "--create-crops", action="store_true", help=_("add crops the library lacks to it")
    )
    importer.add_argument(
        "--skip-duplicates",
        action="store_true",
        help=_("leave out rows that are the same as harvests already in the log"),
    )
    importer.add_argument(
        "--dry-run", action="store_true", help=_("say what would be imported, change nothing")
    )
    _database_option(importer)
    importer.set_defaults(run=_run_import)

    exporter = commands.add_parser("export-harvests", help=_("write the harvest log to a CSV file"))
    exporter.add_argument("file", metavar="FILE", help=_("the CSV file to write"))
    exporter.add_argument("--season", type=int, metavar="YEAR", help=_("only this season"))
    _database_option(exporter)
    exporter.set_defaults(run=_run_export)

    report = commands.add_parser("report", help=_("write the season report (PDF) for the funders"))
    report.add_argument(
        "--season", type=int, metavar="YEAR", help=_("the season (default: this year's)")
    )
    report.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF to write"))
    _database_option(report)
    report.set_defaults(run=_run_report)


def _run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dutchfarm.db.database import open_database
    from dutchfarm.services.auth import COMMAND_LINE
    from dutchfarm.services.harvest_files import (
        ImportOptions,
        ImportRefused,
        import_harvests,
        read_harvest_file,
    )

    parsed = read_harvest_file(args.file)
    options = ImportOptions(
        season_year=args.season,
        default_unit=args.default_unit,
        create_crops=args.create_crops,
        skip_duplicates=args.skip_duplicates,
    )
    db = open_database(database_url(args.database))
    try:
        result = import_harvests(
            db, COMMAND_LINE, parsed, options, file_name=Path(args.file).name, dry_run=args.dry_run
        )
    except ImportRefused as refused:
        hints = []
        if refused.plan.unknown_crops:
            hints.append(_("--create-crops adds the crops to the library"))
        if refused.plan.missing_unit_lines:
            hints.append(_("--default-unit g (or kg, count, bunch) gives rows with no unit a unit"))
        print(
            _("dutchfarm: {refused}").format(refused=refused)
            + (f" ({'; '.join(hints)})" if hints else ""),
            file=sys.stderr,
        )
        return 2
    finally:
        db.close()
    plan = result.plan
    if args.dry_run:
        print(_("Dry run: would import {0} Nothing was changed.").format(plan.summary()))
    else:
        print(_("Imported {0}").format(plan.summary()))
    if plan.duplicates:
        print(_("Warning: {0}").format(plan.duplicates_warning()), file=sys.stderr)
    for note in plan.notes():
        print(_("Note: {note}").format(note=note))
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from dutchfarm.db.database import open_database
    from dutchfarm.domain.harvest import format_kg
    from dutchfarm.services.auth import COMMAND_LINE
    from dutchfarm.services.harvest_files import export_harvests

    db = open_database(database_url(args.database))
    try:
        result = export_harvests(db, COMMAND_LINE, args.file, args.season)
    finally:
        db.close()
    print(
        _("Wrote {rows:,} harvests ({grams} weighed) to {path}.").format(
            rows=result.rows, grams=format_kg(result.grams), path=result.path
        )
    )
    return 0


def _run_report(args: argparse.Namespace) -> int:
    import datetime as dt
    import os

    from dutchfarm.db.database import open_database

    # The report is drawn by Qt, which needs no screen to write a PDF.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from dutchfarm.ui.season_report import make_season_report

    app = QGuiApplication.instance() or QGuiApplication(["dutchfarm"])

    db = open_database(database_url(args.database))
    try:
        report = make_season_report(db, args.season or dt.date.today().year, args.out)
    finally:
        db.close()
    print(_("Wrote the {year} season report to {out}.").format(year=report.year, out=args.out))
    del app
    return 0


def _run_program(args: argparse.Namespace) -> int:
    # Starting up makes over a hundred thousand objects that last as long as the program,
    # and the cyclic collector would walk them again and again while they are made (some
    # 200 collections, 80 ms). It rests until the window is up; ``run`` starts it again.
    gc.disable()
    from dutchfarm.ui.app import run

    return run(database_url(args.database))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    # The language first, so that every word from here on (the help too) is in it.
    from dutchfarm.settings import Settings
    from dutchfarm.words import install

    install(Settings().get("language"))
    args = build_parser().parse_args(argv)
    log_path = setup_logging()
    command: Callable[[argparse.Namespace], int] = getattr(args, "run", _run_program)
    try:
        return command(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        return _report(error, log_path)


def _report(error: Exception, log_path: object) -> int:
    # Errors a person can act on carry a plain message; anything else is a fault of ours,
    # logged with its traceback and reported in one sentence.
    from dutchfarm.db.database import DatabaseError
    from dutchfarm.services.errors import ServiceError

    if isinstance(error, DatabaseError | ServiceError):
        print(_("dutchfarm: {error}").format(error=error), file=sys.stderr)
        return 2
    log.exception("Unexpected error")
    print(
        _("dutchfarm: something went wrong ({name}). The details are in {log_path}.").format(
            name=type(error).__name__, log_path=log_path
        ),
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
