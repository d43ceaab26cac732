"""The ``dutchfarm`` command: no arguments starts the program; subcommands serve admins."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from dutchfarm import __version__
from dutchfarm.logs import setup_logging
from dutchfarm.paths import database_url

log = logging.getLogger(__name__)


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="the database to use, e.g. sqlite:///farm.sqlite or postgresql+psycopg://host/farm "
        "(default: DUTCHFARM_DATABASE, else a file in the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the command line parser."""
    parser = argparse.ArgumentParser(
        prog="dutchfarm",
        description="Dutch Farm: an allotment planner for a shared community allotment. "
        "With no command, it starts the program.",
    )
    parser.add_argument("--version", action="version", version=f"Dutch Farm {__version__}")
    _database_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill a new database with a demo farm to try out")
    _database_option(demo)
    demo.add_argument(
        "--scale",
        choices=("small",),
        default="small",
        help="how big a farm to make (default: small)",
    )
    demo.set_defaults(run=_run_demo)
    from dutchfarm.cli_admin import add_admin_commands

    add_admin_commands(commands, _database_option)
    return parser


def _run_demo(args: argparse.Namespace) -> int:
    from dutchfarm.db.database import open_database
    from dutchfarm.services.demo import make_demo_farm

    db = open_database(database_url(args.database))
    try:
        summary = make_demo_farm(db)
    finally:
        db.close()
    print(summary)
    return 0


def _run_program(args: argparse.Namespace) -> int:
    from dutchfarm.ui.app import run

    return run(database_url(args.database))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
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
        print(f"dutchfarm: {error}", file=sys.stderr)
        return 2
    log.exception("Unexpected error")
    print(
        f"dutchfarm: something went wrong ({type(error).__name__}). The details are in {log_path}.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
