"""The catalogue of words: gather every wrapped string into dutchfarm.pot, compile .po to .mo.

python -m dutchfarm.words --write        write resources/words/dutchfarm.pot
python -m dutchfarm.words --check        fail if the committed .pot is not current
python -m dutchfarm.words --compile cy   make cy/LC_MESSAGES/dutchfarm.mo from cy.po
"""

from __future__ import annotations

import argparse
import ast
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

from dutchfarm.words import DOMAIN, words_dir

ROOT = Path(__file__).resolve().parents[1]
# Where the program keeps the words people read, in the order a reviewer meets them.
SOURCES = ("dutchfarm/ui", "dutchfarm/services", "dutchfarm/domain", "dutchfarm/cli.py",
           "dutchfarm/cli_admin.py")  # fmt: skip
# The screens a service user sees; their words follow Easy Read (docs/easy-read.md).
EASY_READ = (
    "dutchfarm/ui/pages/who.py",
    "dutchfarm/ui/pages/today.py",
    "dutchfarm/ui/who_is_in.py",
    "dutchfarm/ui/pages/bed.py",
    "dutchfarm/ui/harvest_entry.py",
    "dutchfarm/ui/vote_box.py",
    "dutchfarm/ui/vote_cards.py",
    "dutchfarm/ui/vote_hands.py",
    "dutchfarm/ui/crop_picker.py",
    "dutchfarm/ui/widgets.py",
    "dutchfarm/ui/main_window.py",
)
PLACEHOLDER = re.compile(r"(?<!\{)\{[A-Za-z_0-9]*(![rsa])?(:[^{}]*)?\}(?!\})")
HEADER = """\
# The words of Dutch Farm, for reviewing them and translating them.
# Made by: python -m dutchfarm.words --write (do not edit by hand).
# Each group of words starts with a note naming the screen or part they belong to;
# words marked "Easy Read" are read by service users (see docs/easy-read.md).
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: Dutch Farm\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


@dataclass
class Message:
    """One string to translate, with every place it is used."""

    msgid: str
    plural: str | None = None
    places: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def entry(self) -> str:
        """Return this message as a POT entry."""
        lines = [f"#. {note}" for note in self.notes]
        lines += [f"#: {' '.join(self.places[i : i + 3])}" for i in range(0, len(self.places), 3)]
        if PLACEHOLDER.search(self.msgid + (self.plural or "")):
            lines.append("#, python-brace-format")
        lines.append(f"msgid {_quote(self.msgid)}")
        if self.plural is None:
            lines.append('msgstr ""')
        else:
            lines += [f"msgid_plural {_quote(self.plural)}", 'msgstr[0] ""', 'msgstr[1] ""']
        return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if "\n" not in escaped.rstrip("\n"):
        return '"' + escaped.replace("\n", "\\n") + '"'
    pieces = escaped.split("\n")
    out = ['""'] + ['"' + piece + '\\n"' for piece in pieces[:-1]]
    if pieces[-1]:
        out.append('"' + pieces[-1] + '"')
    return "\n".join(out)


def source_files(root: Path = ROOT) -> list[Path]:
    """Return the files whose words go in the catalogue, in reviewing order."""
    found: list[Path] = []
    for source in SOURCES:
        path = root / source
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    # The service users' screens first, as they are the ones reviewed for Easy Read.
    return sorted(
        found,
        key=lambda p: p.relative_to(root).as_posix() not in EASY_READ,
    )


def _screen(path: str, tree: ast.Module) -> str:
    about = ast.get_docstring(tree) or ""
    note = f"{path}: {about.splitlines()[0] if about else ''}".rstrip(": ")
    return note + (" (Easy Read)" if path in EASY_READ else "")


def extract(root: Path = ROOT) -> list[Message]:
    """Return every ``_()`` and ``ngettext()`` string, grouped by the file that uses it first."""
    messages: dict[tuple[str, str | None], Message] = {}
    for file in source_files(root):
        path = file.relative_to(root).as_posix()
        tree = ast.parse(file.read_text(encoding="utf-8"))
        calls = sorted(
            (
                node
                for node in ast.walk(tree)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
            ),
            key=lambda node: (node.lineno, node.col_offset),
        )
        first = True
        for call in calls:
            texts = [
                a.value
                for a in call.args[:2]
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            wanted = 1 if call.func.id == "_" else 2  # type: ignore[attr-defined]
            if len(texts) < wanted:
                continue
            key: tuple[str, str | None] = (texts[0], texts[1] if wanted == 2 else None)
            message = messages.get(key)
            if message is None:
                message = messages[key] = Message(*key)
                if first:
                    message.notes.append(_screen(path, tree))
                    first = False
            place = f"{path}:{call.lineno}"
            if place not in message.places:
                message.places.append(place)
    return list(messages.values())


def pot_text(root: Path = ROOT) -> str:
    """Return the whole catalogue template."""
    return HEADER + "".join("\n" + message.entry() for message in extract(root))


def pot_path() -> Path:
    """Return where the catalogue template is kept."""
    return words_dir() / f"{DOMAIN}.pot"


# --- .po files and compiling them ---------------------------------------------------------


def _unquote(text: str) -> str:
    return ast.literal_eval(text) if text else ""


def read_po(text: str) -> dict[str, str]:
    """Return a .po file's translations: msgid (singular and plural joined by NUL) -> msgstr."""
    catalogue: dict[str, str] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    key = ""

    def finish() -> None:
        if "msgid" in entry and not (fuzzy and entry["msgid"]):
            msgid = entry["msgid"]
            if "msgid_plural" in entry:
                msgid += "\0" + entry["msgid_plural"]
                forms = sorted(k for k in entry if k.startswith("msgstr["))
                translated = "\0".join(entry[k] for k in forms)
            else:
                translated = entry.get("msgstr", "")
            if translated.strip("\0"):
                catalogue[msgid] = translated

    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if not line:
            finish()
            entry, fuzzy, key = {}, False, ""
        elif line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] = entry.get(key, "") + _unquote(line)
        else:
            word, _space, rest = line.partition(" ")
            if word == "msgid" and "msgid" in entry:
                finish()
                entry, fuzzy = {}, False
            key = word
            entry[key] = _unquote(rest.strip())
    return catalogue


def mo_bytes(catalogue: dict[str, str]) -> bytes:
    """Return a GNU .mo file holding ``catalogue`` (the format gettext reads)."""
    keys = sorted(catalogue, key=lambda k: k.encode("utf-8"))
    ids = [k.encode("utf-8") for k in keys]
    strs = [catalogue[k].encode("utf-8") for k in keys]
    start = 7 * 4 + 16 * len(keys)
    id_table, str_table, offset = [], [], start
    for data in ids:
        id_table += [len(data), offset]
        offset += len(data) + 1
    for data in strs:
        str_table += [len(data), offset]
        offset += len(data) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    tables = struct.pack(f"{len(id_table)}i", *id_table) + struct.pack(
        f"{len(str_table)}i", *str_table
    )
    return header + tables + b"".join(d + b"\0" for d in ids) + b"".join(d + b"\0" for d in strs)


def compile_po(po: Path, folder: Path) -> Path:
    """Compile ``<language>.po`` into ``folder/<language>/LC_MESSAGES/dutchfarm.mo``."""
    target = folder / po.stem / "LC_MESSAGES" / f"{DOMAIN}.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(mo_bytes(read_po(po.read_text(encoding="utf-8"))))
    return target


def main(argv: list[str] | None = None) -> int:
    """Write or check the catalogue template, or compile a translation."""
    parser = argparse.ArgumentParser(prog="python -m dutchfarm.words")
    parser.add_argument("--write", action="store_true", help="write dutchfarm.pot")
    parser.add_argument("--check", action="store_true", help="fail if dutchfarm.pot is old")
    parser.add_argument("--compile", metavar="LANGUAGE", help="compile LANGUAGE.po to .mo")
    args = parser.parse_args(argv)
    if args.compile:
        print(f"Wrote {compile_po(words_dir() / f'{args.compile}.po', words_dir())}.")
        return 0
    text = pot_text()
    if args.check:
        current = pot_path().read_text(encoding="utf-8") if pot_path().exists() else ""
        if current != text:
            print("dutchfarm.pot is out of date: run python -m dutchfarm.words --write")
            return 1
        return 0
    pot_path().parent.mkdir(parents=True, exist_ok=True)
    pot_path().write_text(text, encoding="utf-8")
    print(f"Wrote {len(extract())} strings to {pot_path()}.")
    return 0
