"""Dutch Farm's benchmarks: ``python benchmarks/run.py [--quick] [--json FILE]``.

Makes the large demo farm in a temporary folder (kept between runs for the same schema
revision and day), measures start-up, every page switch, the harvest charts, the page
queries, the domain's rules, a large import and the memory used, each over several runs
against a floor measured in the same run, and prints the table of medians and budgets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import Figure, table, write_json  # noqa: E402

# How many timed runs each group makes: (full, --quick).
RUNS = {
    "startup": (5, 2),
    "pages": (5, 2),
    "memory": (3, 1),
    "charts": (7, 3),
    "queries": (9, 3),
    "domain": (9, 3),
    "import": (3, 1),
}


def measure(group: str, url: str, folder: Path, runs: int) -> list[Figure]:
    """Run one group of benchmarks on the farm at ``url`` and return its figures."""
    if group == "startup":
        from benchmarks.startup import measure_startup

        return measure_startup(url, folder / "data", runs)
    if group == "pages":
        from benchmarks.pages import measure_pages

        return measure_pages(url, runs)
    if group == "memory":
        from benchmarks.pages import measure_memory

        return [measure_memory(url, folder / "data", runs)]
    if group == "charts":
        from benchmarks.charts import measure_charts

        return measure_charts(url, runs)
    if group == "queries":
        from benchmarks.queries import measure_queries

        return measure_queries(url, runs)
    if group == "domain":
        from benchmarks.domain import measure_domain

        return measure_domain(runs)
    from benchmarks.import_harvests import measure_import

    return [measure_import(folder, runs)]


def run(
    farm: Path,
    folder: Path,
    groups: Sequence[str],
    quick: bool,
    said: Callable[[str], object] = print,
) -> list[Figure]:
    """Measure ``groups`` on a copy of ``farm`` made in ``folder``; data stays in ``folder``."""
    from benchmarks.farm import work_copy

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["DUTCHFARM_DATA_DIR"] = str(folder / "data")
    os.environ.pop("DUTCHFARM_DATABASE", None)
    url = work_copy(farm, folder / "farm")
    figures: list[Figure] = []
    for group in groups:
        runs = RUNS[group][1 if quick else 0]
        said(f"measuring {group} ({runs} runs) ...")
        figures += measure(group, url, folder, runs)
    return figures


def circumstances(quick: bool, farm: Path) -> dict[str, object]:
    """Return what a reader of the JSON needs to know about this run."""
    return {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "quick": quick,
        "farm": farm.name,
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, measure, print the table and write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs of each figure")
    parser.add_argument("--json", metavar="FILE", type=Path, help="write the figures as JSON")
    parser.add_argument(
        "--only", nargs="+", choices=list(RUNS), default=list(RUNS), help="only these groups"
    )
    parser.add_argument(
        "--farm", type=Path, help="a farm's SQLite file to copy (default: the large demo farm)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dutchfarm-benchmark-") as folder:
        if args.farm is None:
            from benchmarks.farm import cached_large_farm

            print("making (or finding) the large demo farm ...")
            args.farm = cached_large_farm()
        figures = run(args.farm, Path(folder), args.only, args.quick)
    print(table(figures))
    judged = [figure for figure in figures if figure.met is not None]
    print(f"{sum(bool(figure.met) for figure in judged)} of {len(judged)} budgets met.")
    if args.json:
        write_json(figures, args.json, circumstances(args.quick, args.farm))
    return 0


if __name__ == "__main__":
    sys.exit(main())
