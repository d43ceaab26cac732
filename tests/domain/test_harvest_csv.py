"""Reading real-world harvest CSV files: columns by name, dates, numbers, units and crop names."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutchfarm.domain.harvest_csv import (
    EXPORT_COLUMNS,
    CsvProblem,
    build_crop_index,
    crop_group_key,
    day_first,
    find_columns,
    format_csv_number,
    line_ranges,
    match_crop,
    normalise_name,
    parse_date,
    parse_harvest_csv,
    parse_number,
    parse_unit,
)
from dutchfarm.domain.terms import Unit

LIBRARY = build_crop_index(
    [
        (1, ["Courgette", "Courgettes", "courgette", "zucchini", "zucchinis"]),
        (2, ["Swede", "Swedes", "swede", "rutabaga"]),
        (3, ["Coriander", "Coriander", "coriander", "cilantro"]),
        (4, ["Beetroot", "Beetroot", "beetroot", "beets", "beet"]),
        (5, ["Sweetcorn", "Sweetcorn", "sweetcorn", "corn"]),
        (6, ["Chilli", "Chillies", "chilli", "jalapeño", "hot peppers"]),
        (7, ["Raspberry", "Raspberries", "raspberry"]),
        (8, ["Tomato", "Tomatoes", "tomato"]),
        (9, ["Chard", "Chard", "chard", "swiss chard"]),
        (10, ["Pumpkin", "Pumpkins", "pumpkin"]),
        (11, ["Radish", "Radishes", "radish"]),
    ]
)


@pytest.mark.parametrize(
    ("name", "crop"),
    [
        ("zucchini", 1),
        ("Zucchini", 1),
        ("ZUCCHINIS", 1),
        ("rutabaga", 2),
        ("rutabagas", 2),
        ("cilantro", 3),
        ("beets", 4),
        ("corn", 5),
        ("jalapeño", 6),
        # The same word spelled with a separate accent (NFD) is the same name.
        ("jalapen\u0303o", 6),
        ("Hot Peppers", 6),
        ("raspberries", 7),
        ("Tomatoes", 8),
        ("tomatoe", 8),
        ("Swiss chard", 9),
        ("swiss  chard ", 9),
        ("pumpkins", 10),
        ("pumpkin", 10),
        ("radishes", 11),
        ("tomatillo", None),
    ],
)
def test_crop_names_match_in_any_case_plural_or_singular(name, crop):
    assert match_crop(name, LIBRARY) == crop


def test_names_of_one_new_crop_are_grouped():
    assert crop_group_key("Tomatillos") == crop_group_key("tomatillo")
    assert crop_group_key("berries") == crop_group_key("berry")
    assert normalise_name("  Swiss_Chard ") == "swiss chard"


def test_columns_are_found_by_name_in_any_case():
    columns = find_columns(["\ufeffVegetable", "Variety", "DATE", "Weight", "Units", "Bed"])
    assert columns == {"crop": 0, "variety": 1, "date": 2, "quantity": 3, "unit": 4, "bed": 5}
    ours = find_columns(EXPORT_COLUMNS)
    assert ours["quantity"] == 4 and ours["picked_by"] == 7
    assert find_columns(["Picked By", "Crop", "Date", "Quantity"])["picked_by"] == 0


def test_a_file_without_the_needed_columns_is_refused_in_words():
    with pytest.raises(CsvProblem, match="no date"):
        find_columns(["crop", "weight"])
    with pytest.raises(CsvProblem, match="crop \\(or vegetable\\) and quantity"):
        find_columns(["date"])
    with pytest.raises(CsvProblem, match="empty"):
        parse_harvest_csv("\n\n")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2020-06-06", dt.date(2020, 6, 6)),
        ("2020-06-06 00:00:00", dt.date(2020, 6, 6)),
        ("2020/06/06", dt.date(2020, 6, 6)),
        ("06/07/2020", dt.date(2020, 7, 6)),
        ("6.7.20", dt.date(2020, 7, 6)),
        ("6 June 2020", dt.date(2020, 6, 6)),
        ("6th Jun 2020", dt.date(2020, 6, 6)),
        ("June 6, 2020", dt.date(2020, 6, 6)),
    ],
)
def test_dates_people_write(text, day):
    assert parse_date(text) == day


def test_month_first_dates_when_the_file_can_only_mean_that():
    assert day_first(["06/07/2020", "07/08/2020"])
    assert not day_first(["06/07/2020", "06/23/2020"])
    assert parse_date("06/07/2020", day_first_order=False) == dt.date(2020, 6, 7)


@pytest.mark.parametrize("text", ["yesterday", "2020-13-01", "31/02/2020", "2020-06-06x", ""])
def test_dates_that_are_not_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_numbers_and_units():
    assert parse_number("1,500") == 1500
    assert parse_number("1,5") == 1.5
    assert parse_number(" 20 ") == 20
    with pytest.raises(ValueError, match="not a number"):
        parse_number("lots")
    assert parse_unit("grams") == (Unit.GRAMS, 1.0)
    assert parse_unit("KG") == (Unit.KILOGRAMS, 1.0)
    assert parse_unit("each") == (Unit.COUNT, 1.0)
    assert parse_unit("Bunches") == (Unit.BUNCH, 1.0)
    assert parse_unit("") == (None, 1.0)
    assert parse_unit("lbs")[0] is Unit.GRAMS
    with pytest.raises(ValueError, match="not a unit"):
        parse_unit("stone")


def test_a_file_is_read_with_line_numbers_and_reasons():
    text = (
        "vegetable,variety,date,weight,units\n"
        "lettuce,reseed,2020-06-06,20,grams\n"
        "radish,,2020-06-06,36,\n"
        "peas,,someday,10,grams\n"
        "peas,,2020-06-07,-5,grams\n"
        "peas,,2020-06-07,,grams\n"
        "\n"
        "beans,,2020-06-08,2 lb,\n"
        ",,2020-06-08,3,grams\n"
        "kale,,2020-06-08,nan,grams\n"
        "kale,,2020-06-09,0,g\n"
    )
    found = parse_harvest_csv(text)
    assert found.data_rows == 9
    assert [(r.line, r.crop, r.quantity, r.unit) for r in found.rows] == [
        (2, "lettuce", 20.0, Unit.GRAMS),
        (3, "radish", 36.0, None),
        (8, "beans", 907.2, Unit.GRAMS),
    ]
    assert found.rows[0].variety == "reseed" and found.rows[1].variety is None
    reasons = {p.line: p.reason for p in found.problems}
    assert "'someday' is not a date" in reasons[4]
    assert "below zero" in reasons[5]
    assert reasons[6] == "the quantity is missing"
    assert reasons[9] == "the crop is missing"
    assert "not a number" in reasons[10]
    assert reasons[11] == "the quantity is 0"


def test_semicolons_and_a_byte_order_mark_are_read_too():
    found = parse_harvest_csv("\ufeffDate;Crop;Quantity;Unit\n01/07/2021;Kale;1,5;kg\n")
    assert [(r.day, r.crop, r.quantity, r.unit) for r in found.rows] == [
        (dt.date(2021, 7, 1), "Kale", 1.5, Unit.KILOGRAMS)
    ]


def test_line_ranges_and_csv_numbers():
    assert line_ranges([698, 699, 700, 731, 5]) == "5, 698-700, 731"
    assert line_ranges([]) == ""
    assert format_csv_number(20.0) == "20"
    assert format_csv_number(1.25) == "1.25"
    assert format_csv_number(None) == ""


@given(st.lists(st.integers(1, 10_000), max_size=50))
def test_line_ranges_name_every_line_once(lines):
    named = set()
    for part in filter(None, line_ranges(lines).split(", ")):
        first, _, last = part.partition("-")
        named.update(range(int(first), int(last or first) + 1))
    assert named == set(lines)
