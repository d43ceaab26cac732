"""Reading harvest records from real-world CSV files: columns, dates, numbers, units, names."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from dutchfarm.domain.terms import Unit
from dutchfarm.words import _

# Each field and the column names it is found by (compared in lower case, spaces as "_").
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "harvest_date", "date_picked", "picked_on"),
    "crop": ("crop", "vegetable", "veg", "fruit", "produce"),
    "variety": ("variety", "cultivar"),
    "quantity": ("quantity", "weight", "amount", "qty"),
    "unit": ("unit", "units"),
    "bed": ("bed", "plot", "bed_name"),
    "picked_by": ("picked_by", "picker", "who", "person"),
}
REQUIRED = ("date", "crop", "quantity")
QUOTED_LONGEST = 40
# The years a season can have; a date outside them is a typing slip in the file.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2999
EXPORT_COLUMNS = ("date", "crop", "variety", "bed", "quantity", "unit", "grams", "picked_by")

GRAMS_PER_POUND = 453.59237
GRAMS_PER_OUNCE = 28.349523125
UNIT_NAMES: dict[str, Unit] = {
    **dict.fromkeys(
        ("g", "gr", "grs", "gm", "gms", "gram", "grams", "gramme", "grammes"), Unit.GRAMS
    ),
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"), Unit.KILOGRAMS),
    **dict.fromkeys(
        ("count", "counts", "each", "ea", "number", "no", "pcs", "piece", "pieces", "items"),
        Unit.COUNT,
    ),
    **dict.fromkeys(("bunch", "bunches", "bn", "bch"), Unit.BUNCH),
}
# Imperial weights are turned into grams as they are read.
IMPERIAL = {
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), GRAMS_PER_POUND),
    **dict.fromkeys(("oz", "ozs", "ounce", "ounces"), GRAMS_PER_OUNCE),
}
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_WORD_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_WORD_DATE_US = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_QUANTITY = re.compile(r"^([+-]?[\d.,]+)\s*([^\d\s.,][^\d]*)?$")


class CsvProblem(ValueError):
    """The file as a whole cannot be read (no header, a required column missing)."""


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be imported, with its line in the file and why, in plain words."""

    line: int
    reason: str


class HarvestRow(NamedTuple):
    """One row read from a harvest file; ``unit`` is None when the file gave none.

    A named tuple rather than a dataclass: a file can hold 100,000 rows, and these are
    made several times faster.
    """

    line: int
    day: dt.date
    crop: str
    variety: str | None
    quantity: float
    unit: Unit | None
    bed: str | None
    picked_by: str | None


@dataclass(frozen=True)
class HarvestFile:
    """Everything read from a harvest file: good rows, bad rows, and the columns found."""

    rows: tuple[HarvestRow, ...]
    problems: tuple[RowProblem, ...]
    columns: tuple[str, ...]
    data_rows: int


@lru_cache(maxsize=4096)
def normalise_name(text: str) -> str:
    """Return a name for matching: NFC, case-folded, single spaces, no "_" or surrounding space."""
    text = unicodedata.normalize("NFC", text).replace("_", " ").casefold()
    return " ".join(text.split())


def singulars(name: str) -> list[str]:
    """Return likely singular forms of a normalised name (its last word made singular)."""
    head, _, last = name.rpartition(" ")
    prefix = f"{head} " if head else ""
    found = []
    if last.endswith("ies") and len(last) > 4:
        found.append(last[:-3] + "y")
    if last.endswith(("oes", "ches", "shes", "xes", "sses")):
        found.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        found.append(last[:-1])
    return [prefix + word for word in found]


def build_crop_index(crops: Iterable[tuple[int, Iterable[str]]]) -> dict[str, int]:
    """Return a lookup from every normalised name of each crop to its id.

    Exact names (name, plural, key, aliases) win over guessed singular forms.
    """
    exact: dict[str, int] = {}
    guessed: dict[str, int] = {}
    for crop_id, names in crops:
        for name in names:
            key = normalise_name(name)
            if key:
                exact.setdefault(key, crop_id)
                for singular in singulars(key):
                    guessed.setdefault(singular, crop_id)
    return {**guessed, **exact}


def match_crop(name: str, index: Mapping[str, int]) -> int | None:
    """Return the id of the crop ``name`` means (any case, plural or singular), or None."""
    key = normalise_name(name)
    if key in index:
        return index[key]
    for singular in singulars(key):
        if singular in index:
            return index[singular]
    return None


def crop_group_key(name: str) -> str:
    """Return one key for the spellings of a name that mean one new crop ("Pumpkins"/"pumpkin")."""
    key = normalise_name(name)
    forms = singulars(key)
    return forms[0] if forms else key


@lru_cache(maxsize=1024)
def parse_unit(text: str) -> tuple[Unit | None, float]:
    """Return the unit a text names and the factor to grams for imperial weights.

    An empty text gives (None, 1.0); an unknown one raises ValueError.
    """
    word = normalise_name(text).rstrip(".")
    if not word:
        return None, 1.0
    if word in UNIT_NAMES:
        return UNIT_NAMES[word], 1.0
    if word in IMPERIAL:
        return Unit.GRAMS, IMPERIAL[word]
    raise ValueError(
        _("{text} is not a unit Dutch Farm knows (g, kg, count or bunch)").format(
            text=quoted(text.strip())
        )
    )


def parse_number(text: str) -> float:
    """Return the number in a text; "1,500" is fifteen hundred, "1,5" is one and a half."""
    value = text.strip().replace(" ", "")
    if "," in value:
        if _THOUSANDS.fullmatch(value):
            value = value.replace(",", "")
        elif _DECIMAL_COMMA.fullmatch(value):
            value = value.replace(",", ".")
    try:
        return float(value)
    except ValueError:
        raise ValueError(_("{text} is not a number").format(text=quoted(text.strip()))) from None


def day_first(texts: Iterable[str]) -> bool:
    """Return False when the numeric dates of a file can only be month first (US style)."""
    for text in texts:
        match = _NUMERIC_DATE.match(text.strip())
        if match and len(match.group(1)) <= 2 and int(match.group(2)) > 12:
            return False
    return True


def quoted(value: str) -> str:
    """Return a cell's text in quotes for a message, shortened if it is long."""
    if len(value) > QUOTED_LONGEST:
        value = value[: QUOTED_LONGEST - 1] + "\u2026"
    return f"'{value}'"


def parse_date(text: str, *, day_first_order: bool = True) -> dt.date:
    """Return the date in a text: ISO, 06/06/2020 (day first unless told), 6 June 2020, …"""
    value = text.strip()
    if not value:
        raise ValueError(_("the date is missing"))
    # ISO dates, also with a time after them as spreadsheets write ("2020-06-06 00:00:00").
    if len(value) == 10 or (len(value) > 10 and value[10] in " T"):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    lowered = value.casefold()
    try:
        match = _NUMERIC_DATE.match(lowered)
        if match:
            first, second, third = (int(part) for part in match.groups())
            if len(match.group(1)) == 4:
                return dt.date(first, second, third)
            year = third + 2000 if len(match.group(3)) == 2 else third
            if day_first_order:
                return dt.date(year, second, first)
            return dt.date(year, first, second)
        match = _WORD_DATE.match(lowered)
        if match and match.group(2) in MONTHS:
            return dt.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
        match = _WORD_DATE_US.match(lowered)
        if match and match.group(1) in MONTHS:
            return dt.date(int(match.group(3)), MONTHS[match.group(1)], int(match.group(2)))
    except ValueError:
        pass
    raise ValueError(
        _("{value} is not a date Dutch Farm understands (use 2021-06-30)").format(
            value=quoted(value)
        )
    )


def find_columns(header: Sequence[str]) -> dict[str, int]:
    """Return the position of each field in a header row, found by name in any case."""
    names = [normalise_name(cell.lstrip("\ufeff")).replace(" ", "_") for cell in header]
    found: dict[str, int] = {}
    for field, choices in COLUMNS.items():
        for choice in choices:
            if choice in names:
                found[field] = names.index(choice)
                break
    missing = [field for field in REQUIRED if field not in found]
    if missing:
        wanted = {
            "date": "date",
            "crop": _("crop (or vegetable)"),
            "quantity": _("quantity (or weight)"),
        }
        words = " and ".join(wanted[field] for field in missing)
        raise CsvProblem(
            _("The file has no {words} column. Its first line must name the columns.").format(
                words=words
            )
        )
    return found


def _cell(row: Sequence[str], columns: Mapping[str, int], field: str) -> str:
    position = columns.get(field)
    if position is None or position >= len(row):
        return ""
    return row[position].strip()


def _quantity(text: str, unit_text: str) -> tuple[float, Unit | None]:
    if not text:
        raise ValueError(_("the quantity is missing"))
    try:
        # Most files hold plain numbers; only the rest need the slower reading below.
        quantity, suffix = float(text), ""
    except ValueError:
        match = _QUANTITY.match(text.strip())
        number_text, suffix = (match.group(1), match.group(2) or "") if match else (text, "")
        quantity = parse_number(number_text)
    if not math.isfinite(quantity):
        raise ValueError(_("{text} is not a number").format(text=quoted(text)))
    unit, factor = parse_unit(unit_text or suffix)
    if quantity < 0:
        raise ValueError(_("the quantity {text} is below zero").format(text=text))
    if quantity == 0:
        raise ValueError(_("the quantity is 0"))
    if factor != 1.0:
        quantity = round(quantity * factor, 1)
    return quantity, unit


def parse_harvest_csv(text: str) -> HarvestFile:
    """Read a harvest CSV: find the columns by name and check every row.

    Raises CsvProblem when the file has no header naming the needed columns.
    """
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), dialect)
    header = next(reader, None)
    while header is not None and not any(cell.strip() for cell in header):
        header = next(reader, None)
    if header is None:
        raise CsvProblem(_("The file is empty."))
    columns = find_columns(header)
    records = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    order = day_first(_cell(row, columns, "date") for _, row in records)
    rows: list[HarvestRow] = []
    problems: list[RowProblem] = []
    for line, row in records:
        try:
            day = parse_date(_cell(row, columns, "date"), day_first_order=order)
            if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                raise ValueError(
                    _("the date {0} is not between {earliest_year} and {latest_year}").format(
                        day.isoformat(), earliest_year=EARLIEST_YEAR, latest_year=LATEST_YEAR
                    )
                )
            crop = _cell(row, columns, "crop")
            if not crop:
                raise ValueError(_("the crop is missing"))
            quantity, unit = _quantity(_cell(row, columns, "quantity"), _cell(row, columns, "unit"))
        except ValueError as error:
            problems.append(RowProblem(line, str(error)))
            continue
        rows.append(
            HarvestRow(
                line=line,
                day=day,
                crop=crop,
                variety=_cell(row, columns, "variety") or None,
                quantity=quantity,
                unit=unit,
                bed=_cell(row, columns, "bed") or None,
                picked_by=_cell(row, columns, "picked_by") or None,
            )
        )
    return HarvestFile(tuple(rows), tuple(problems), tuple(columns), len(records))


def line_ranges(lines: Iterable[int]) -> str:
    """Return line numbers as short ranges: "698-727, 731"."""
    ordered = sorted(set(lines))
    parts: list[str] = []
    start = previous = None
    for line in ordered:
        if start is None:
            start = previous = line
        elif previous is not None and line == previous + 1:
            previous = line
        else:
            parts.append(_range(start, previous))
            start = previous = line
    if start is not None:
        parts.append(_range(start, previous))
    return ", ".join(parts)


def _range(start: int, end: int | None) -> str:
    return str(start) if end is None or end == start else f"{start}-{end}"


def format_csv_number(value: float | None) -> str:
    """Return a number for a CSV cell: no needless ".0", no thousands separators."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")
