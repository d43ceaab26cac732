"""The shipped data files and pictures: crops, rotation groups, task types and icons."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import pytest

from dutchfarm.ui.colours import contrast_ratio

RESOURCES = files("dutchfarm.resources")
ICONS = RESOURCES / "icons"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HARVEST_FILES = ("garden_harvest_2020.csv", "garden_harvest_2021.csv")

GROUP_IDS = ["legumes", "brassicas", "potatoes", "onions", "roots", "anywhere", "perennial"]
UNITS = {"g", "kg", "count", "bunch"}
EFFORTS = {"light", "medium", "heavy"}
TEXT_COLOUR = "#1B1B1B"

INTERFACE_ICONS = [
    "today",
    "beds",
    "bed",
    "rotation",
    "vote",
    "rota",
    "harvest",
    "people",
    "settings",
    "help",
    "home",
    "back",
    "undo",
    "add",
    "edit",
    "archive",
    "restore",
    "save",
    "delete",
    "tick",
    "cross",
    "warning",
    "lock",
    "key",
    "print",
    "chart",
    "calendar",
    "search",
    "person",
    "coordinator",
    "volunteer",
    "service_user",
    "support",
    "likes",
    "cannot",
    "colours",
    "high_contrast",
    "computer",
    "dot",
    "thumbs_up",
    "ranked",
    "hands",
    "season",
    "sowed",
    "planted",
    "watered",
    "weeded",
    "fed",
    "picked",
    "note",
    "scale",
    "count",
    "bunch",
    "zoom_in",
    "zoom_out",
    "zoom_fit",
    "map",
    "switch_user",
    "done",
    "farm",
    "backup",
    "import",
    "export",
    "report",
]
AVATARS = [f"avatar_{n:02d}" for n in range(1, 17)]


def _load(name: str) -> list[dict]:
    return json.loads((RESOURCES / name).read_text(encoding="utf-8"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


@pytest.fixture(scope="module")
def crops() -> list[dict]:
    return _load("crops.json")


@pytest.fixture(scope="module")
def groups() -> list[dict]:
    return _load("rotation_groups.json")


@pytest.fixture(scope="module")
def task_types() -> list[dict]:
    return _load("task_types.json")


def _crop_words(crop: dict) -> set[str]:
    """Every word that names this crop: key, name, plural and aliases, folded."""
    return {_fold(w) for w in (crop["key"], crop["name"], crop["plural"], *crop["aliases"])}


def _svg_problems(stem: str) -> list[str]:
    """What is wrong with one icon file (empty when it is a sound, self-contained SVG)."""
    path = ICONS / f"{stem}.svg"
    if not path.is_file():
        return [f"{stem}.svg is missing"]
    text = path.read_text(encoding="utf-8")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return [f"{stem}.svg does not parse: {error}"]
    problems = []
    if root.tag != "{http://www.w3.org/2000/svg}svg":
        problems.append(f"{stem}.svg: root is {root.tag}, not an SVG element")
    if root.get("viewBox") != "0 0 72 72":
        problems.append(f"{stem}.svg: viewBox is {root.get('viewBox')!r}")
    if len(list(root.iter())) < 2:
        problems.append(f"{stem}.svg has nothing drawn in it")
    if re.search(r"href|<text|<image|<style|@import|font", text, re.IGNORECASE):
        problems.append(f"{stem}.svg refers to something outside itself or uses a font")
    return problems


# --- rotation groups -------------------------------------------------------------------------


def test_rotation_groups_are_the_seven_rhs_groups_in_order(groups):
    assert [g["id"] for g in groups] == GROUP_IDS
    assert {g["id"] for g in groups if not g["in_rotation"]} == {"anywhere", "perennial"}
    for group in groups:
        assert set(group) == {"id", "name", "colour", "icon", "in_rotation"}, group["id"]
        assert group["name"].strip(), group["id"]
    assert len({_fold(g["name"]) for g in groups}) == len(groups)


def test_rotation_group_colours_are_distinct_light_tints_dark_text_can_sit_on(groups):
    colours = [g["colour"].upper() for g in groups]
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours), colours
    assert len(set(colours)) == len(colours)
    too_dark = {
        g["id"]: round(contrast_ratio(g["colour"], TEXT_COLOUR), 2)
        for g in groups
        if contrast_ratio(g["colour"], TEXT_COLOUR) < 4.5
    }
    assert not too_dark


# --- crops -----------------------------------------------------------------------------------


def test_there_are_at_least_forty_crops(crops):
    assert len(crops) >= 40


def test_every_crop_has_the_right_fields_and_values(crops):
    problems = []
    fields = {
        "key",
        "name",
        "plural",
        "family",
        "group",
        "perennial",
        "sow_months",
        "harvest_months",
        "unit",
        "icon",
        "aliases",
    }
    for crop in crops:
        key = crop.get("key", "?")
        if set(crop) != fields:
            problems.append(f"{key}: fields {sorted(set(crop) ^ fields)}")
            continue
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            problems.append(f"{key}: key is not snake_case")
        if crop["group"] not in GROUP_IDS:
            problems.append(f"{key}: unknown group {crop['group']!r}")
        if crop["unit"] not in UNITS:
            problems.append(f"{key}: unknown unit {crop['unit']!r}")
        if not isinstance(crop["perennial"], bool):
            problems.append(f"{key}: perennial is not true or false")
        elif crop["perennial"] != (crop["group"] == "perennial"):
            problems.append(f"{key}: perennial does not match its group")
        for field in ("sow_months", "harvest_months"):
            months = crop[field]
            if not months or any(type(m) is not int or not 1 <= m <= 12 for m in months):
                problems.append(f"{key}: {field} {months} are not months 1-12")
            elif len(set(months)) != len(months):
                problems.append(f"{key}: {field} repeat a month")
        named = crop["name"].strip() and crop["plural"].strip()
        if not named or not crop["family"].endswith("aceae"):
            problems.append(f"{key}: name, plural or family is missing")
        if any(a != a.strip().lower() or not a for a in crop["aliases"]):
            problems.append(f"{key}: aliases must be lower case and not empty")
    assert not problems


def test_no_word_names_two_crops(crops):
    owner: dict[str, str] = {}
    clashes = []
    for crop in crops:
        for word in _crop_words(crop):
            if word in owner:
                clashes.append(f"{word!r}: {owner[word]} and {crop['key']}")
            owner[word] = crop["key"]
    assert not clashes


def _harvest_names() -> set[str]:
    if not all((SHARED_DATA / name).is_file() for name in HARVEST_FILES):
        pytest.skip(f"the real harvest files are not in {SHARED_DATA}")
    names = set()
    for name in HARVEST_FILES:
        with (SHARED_DATA / name).open(encoding="utf-8", newline="") as handle:
            names |= {row["vegetable"] for row in csv.DictReader(handle)}
    return names


def test_every_vegetable_in_the_real_harvest_files_is_a_known_crop(crops):
    names = _harvest_names()
    known = set().union(*(_crop_words(c) for c in crops))
    assert len(names) > 30
    assert sorted(n for n in names if _fold(n) not in known) == []


def test_american_names_in_the_harvest_files_reach_the_british_crop(crops):
    names = {_fold(n) for n in _harvest_names()}
    by_word = {w: c["key"] for c in crops for w in _crop_words(c)}
    expected = {
        "zucchini": "courgette",
        "rutabaga": "swede",
        "cilantro": "coriander",
        "beets": "beetroot",
        "corn": "sweetcorn",
        "swiss chard": "chard",
        "hot peppers": "chilli",
        "peppers": "sweet_pepper",
        "beans": "french_bean",
        "edamame": "soya_bean",
        "kohlrabi": "kohl_rabi",
        "jalapeño": "chilli",
    }
    present = {n: key for n, key in expected.items() if n in names}
    wrong = {n: by_word.get(n) for n, key in present.items() if by_word.get(n) != key}
    assert not wrong


# --- task types ------------------------------------------------------------------------------


def test_task_types_have_keys_names_icons_and_efforts(task_types):
    assert len(task_types) >= 14
    keys = [t["key"] for t in task_types]
    assert len(set(keys)) == len(keys)
    assert len({_fold(t["name"]) for t in task_types}) == len(task_types)
    bad = [
        t.get("key")
        for t in task_types
        if set(t) != {"key", "name", "icon", "effort"}
        or t["effort"] not in EFFORTS
        or not re.fullmatch(r"[a-z][a-z0-9_]*", t["key"])
        or not t["name"].strip()
    ]
    assert not bad
    assert {t["effort"] for t in task_types} == EFFORTS


# --- icons -----------------------------------------------------------------------------------


def test_every_icon_named_by_a_crop_group_or_task_exists_and_is_an_svg(crops, groups, task_types):
    stems = {c["icon"] for c in crops} | {g["icon"] for g in groups}
    stems |= {t["icon"] for t in task_types}
    problems = [p for stem in sorted(stems) for p in _svg_problems(stem)]
    assert not problems


def test_crops_do_not_share_a_picture(crops):
    icons = [c["icon"] for c in crops]
    assert len(set(icons)) == len(icons)
    contents = {(ICONS / f"{i}.svg").read_bytes() for i in icons if (ICONS / f"{i}.svg").is_file()}
    assert len(contents) == len(icons)


def test_every_interface_picture_and_avatar_exists_and_is_an_svg():
    problems = [p for stem in INTERFACE_ICONS + AVATARS for p in _svg_problems(stem)]
    assert not problems


def test_every_icon_is_credited_and_the_licence_is_shipped():
    attribution = (ICONS / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "OpenMoji – the open-source emoji and icon project. License: CC BY-SA 4.0" in attribution
    assert "https://openmoji.org" in attribution
    licence = (ICONS / "LICENSE-CC-BY-SA-4.0.txt").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0 International" in licence
    stems = sorted(p.name[: -len(".svg")] for p in ICONS.iterdir() if p.name.endswith(".svg"))
    assert len(stems) >= 100
    assert [s for s in stems if f"`{s}.svg`" not in attribution] == []
