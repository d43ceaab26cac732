"""Queries: what the pages load through the services, against the same aggregation written as
one raw SQL query with the ``sqlite3`` module (the floor)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from benchmarks.farm import sqlite_path
from benchmarks.report import Budget, Figure, interleaved

# Every harvest of the season by day, crop, unit and bed (counts, quantities and grams), and
# the grams of every earlier season by day: all that the season's charts are drawn from.
HARVEST_SERIES_SQL = """
SELECT s.year, h.day, c.plural, h.unit, b.name, count(*), sum(h.quantity), sum(h.grams)
FROM harvest h
JOIN season s ON s.id = h.season_id
JOIN crop c ON c.id = h.crop_id
LEFT JOIN bed b ON b.id = h.bed_id
WHERE h.season_id = :season
GROUP BY h.day, c.plural, h.unit, b.name
UNION ALL
SELECT s.year, h.day, NULL, NULL, NULL, count(*), NULL, sum(h.grams)
FROM harvest h
JOIN season s ON s.id = h.season_id
WHERE s.year < :year AND h.grams IS NOT NULL
GROUP BY s.year, h.day
"""

# What grew where in every bed and year (the grid's cells and the history its conflicts are
# judged against), with each year's rotation length.
ROTATION_GRID_SQL = """
SELECT b.id, b.name, s.year, s.rotation_years, c.id, c.name, c.plural, c.icon, c.group_id
FROM planting p
JOIN bed b ON b.id = p.bed_id
JOIN season s ON s.id = p.season_id
JOIN crop c ON c.id = p.crop_id
ORDER BY p.id
"""


def raw(
    connection: sqlite3.Connection, sql: str, **values: object
) -> Callable[[], list[tuple[object, ...]]]:
    """Return a call that runs ``sql`` on an open ``sqlite3`` connection, fetching every row."""
    return lambda: connection.execute(sql, values).fetchall()


def measure_queries(url: str, runs: int, today: dt.date | None = None) -> list[Figure]:
    """Time the season's harvest series and the rotation grid against their raw SQL."""
    from dutchfarm.db.database import open_database
    from dutchfarm.services.farm import current_season
    from dutchfarm.services.harvest import season_chart_series
    from dutchfarm.services.rotation import rotation_grid

    db = open_database(url)
    connection = sqlite3.connect(sqlite_path(url))
    try:
        season = current_season(db)
        assert season is not None, "the farm has no season"
        series, series_floor = interleaved(
            runs,
            lambda: season_chart_series(db, season.id),
            raw(connection, HARVEST_SERIES_SQL, season=season.id, year=season.year),
        )
        grid, grid_floor = interleaved(
            runs, lambda: rotation_grid(db, today), raw(connection, ROTATION_GRID_SQL)
        )
    finally:
        connection.close()
        db.close()
    floor = "the same aggregation as one raw SQL query with sqlite3"
    return [
        Figure(
            "query_harvest_series",
            "query: season harvest series",
            series,
            Budget(2, "floor"),
            series_floor,
            floor,
        ),
        Figure(
            "query_rotation_grid",
            "query: rotation grid",
            grid,
            Budget(2, "floor"),
            grid_floor,
            floor,
        ),
    ]
