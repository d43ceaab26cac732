"""The words people read are all wrapped, gathered in one catalogue, and really translated."""

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

from dutchfarm import words
from dutchfarm.words import _, ngettext
from dutchfarm.words_catalogue import compile_po, mo_bytes, pot_path, pot_text, read_po

ROOT = Path(__file__).resolve().parents[1]


def load_wrapper():
    spec = importlib.util.spec_from_file_location("wrap_strings", ROOT / "tools/wrap_strings.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["wrap_strings"] = module
    spec.loader.exec_module(module)
    return module


wrap = load_wrapper()


@pytest.fixture
def english():
    yield
    words.install("en")


def test_the_committed_catalogue_is_current():
    assert pot_path().read_text(encoding="utf-8") == pot_text(), (
        "resources/words/dutchfarm.pot is out of date: run python -m dutchfarm.words --write"
    )


def test_every_word_people_read_is_wrapped():
    left = wrap.findings()
    assert not left, "\n".join(finding.advice() for finding in left)


WELSH = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#, python-brace-format
msgid "Bed {name} has {kg:.1f} kilos."
msgstr "Mae gan wely {name} {kg:.1f} cilo."

msgid "Today"
msgstr "Heddiw"

#, fuzzy
msgid "Cancel"
msgstr "Canslo"

msgid "{count} bed"
msgid_plural "{count} beds"
msgstr[0] "{count} gwely"
msgstr[1] "{count} gwelyau"
"""


def test_a_translation_is_used_and_its_placeholders_survive(tmp_path, english):
    (tmp_path / "cy.po").write_text(WELSH, encoding="utf-8")
    compile_po(tmp_path / "cy.po", tmp_path)
    assert words.install("cy", tmp_path) == "cy"
    assert _("Today") == "Heddiw"
    assert _("Bed {name} has {kg:.1f} kilos.").format(name="7", kg=2.25) == (
        "Mae gan wely 7 2.2 cilo."
    )
    assert ngettext("{count} bed", "{count} beds", 1).format(count=1) == "1 gwely"
    assert ngettext("{count} bed", "{count} beds", 3).format(count=3) == "3 gwelyau"
    assert ngettext("{count} bed", "{count} beds", 1.5) == "{count} gwelyau"
    # A fuzzy (unchecked) translation is not used, nor a string nobody translated.
    assert _("Cancel") == "Cancel"
    assert _("Not in the file") == "Not in the file"


def test_a_language_without_a_catalogue_shows_english(tmp_path, english):
    assert words.install("fr", tmp_path) == "en"
    assert _("Today") == "Today"
    assert ngettext("{count} bed", "{count} beds", 2) == "{count} beds"


def test_the_computer_language_is_followed_when_none_is_chosen(tmp_path, monkeypatch, english):
    (tmp_path / "cy.po").write_text(WELSH, encoding="utf-8")
    compile_po(tmp_path / "cy.po", tmp_path)
    monkeypatch.setenv("LANGUAGE", "cy_GB:en")
    assert words.install("", tmp_path) == "cy_GB"
    assert _("Today") == "Heddiw"


def test_po_files_are_read_with_their_continued_lines():
    text = 'msgid ""\n"Two "\n"lines"\nmsgstr "Dwy "\n"linell"\n'
    assert read_po(text) == {"Two lines": "Dwy linell"}
    assert mo_bytes({"a": "b"})[:4] == bytes.fromhex("de120495")


def test_the_words_module_needs_only_the_standard_library():
    # The domain uses _() too, so words.py may import nothing that the domain may not.
    tree = ast.parse((ROOT / "dutchfarm/words.py").read_text(encoding="utf-8"))
    modules = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
    }
    assert modules - {"dutchfarm"} <= set(sys.stdlib_module_names)


# --- the tool that wraps the strings ---------------------------------------------------------


def rewritten(source: str, path: str = "dutchfarm/ui/example.py") -> str:
    new, _count, unhandled = wrap.rewrite(path, source)
    assert unhandled == []
    return new


def test_labels_buttons_and_messages_are_wrapped():
    source = (
        "def build(bed):\n"
        '    title = label("Your bed", "heading")\n'
        '    button = PictureButton("save", "Save it")\n'
        '    raise BadInput(f"Bed {bed.name} has {bed.kg:.1f} kg in {len(bed.rows)} rows.")\n'
    )
    new = rewritten(source)
    assert 'label(_("Your bed"), "heading")' in new
    assert 'PictureButton("save", _("Save it"))' in new
    assert (
        '_("Bed {name} has {kg:.1f} kg in {rows} rows.").format('
        "name=bed.name, kg=bed.kg, rows=len(bed.rows))"
    ) in new
    assert new.startswith("from dutchfarm.words import _\n")


def test_names_codes_and_log_messages_are_left_alone():
    source = (
        "import logging\n"
        "log = logging.getLogger(__name__)\n"
        'STYLE = "QLabel { color: #1B1B1B; }"\n'
        "def build(widget, data):\n"
        '    """Build the thing."""\n'
        '    widget.setProperty("role", "heading")\n'
        '    widget.setObjectName("jobRow")\n'
        '    log.warning("The settings file %s could not be read", data["Some key"])\n'
        '    widget.setStyleSheet("font-weight: bold;")\n'
        '    if data.get("kind") == "Weekly job":\n'
        '        return icons.icon("watering_can")\n'
        '    return {"Big key": 1}\n'
    )
    assert rewritten(source) == source


def test_hand_made_plurals_become_ngettext():
    source = (
        "def say(chosen, shown):\n"
        '    a = "1 crop" if chosen == 1 else f"{chosen} crops"\n'
        "    b = f\"Shown: {shown:,} harvest{'s' if shown != 1 else ''}.\"\n"
        "    return a + b\n"
    )
    new = rewritten(source)
    compact = " ".join(new.split())
    assert 'ngettext( "{chosen} crop", "{chosen} crops", chosen, ).format(chosen=chosen)' in (
        compact
    )
    assert (
        'ngettext( "Shown: {shown:,} harvest.", "Shown: {shown:,} harvests.", shown, )'
        ".format(shown=shown)"
    ) in compact
    namespace = {}
    exec(new, namespace)  # the rewritten code says the same English
    assert namespace["say"](1, 1) == "1 cropShown: 1 harvest."
    assert namespace["say"](3, 1200) == "3 cropsShown: 1,200 harvests."


def test_running_it_twice_changes_nothing_and_frees_the_name_underscore():
    source = 'def pick(parent):\n    path, _ = ask(parent, "Choose a picture")\n    return path\n'
    once = rewritten(source)
    assert "path, __ = ask(parent, _(" in once
    assert rewritten(once) == once


def test_the_guard_names_the_line_and_says_how_to_wrap(tmp_path):
    folder = tmp_path / "dutchfarm" / "ui"
    folder.mkdir(parents=True)
    (folder / "page.py").write_text('x = 1\ntitle = label("Plant a seed")\n', encoding="utf-8")
    (found,) = wrap.findings(tmp_path)
    assert found.path == "dutchfarm/ui/page.py" and found.line == 2
    assert '_("…")' in found.advice()
    (folder / "page.py").write_text('title = label(_("Plant a seed"))\n', encoding="utf-8")
    assert wrap.findings(tmp_path) == []
