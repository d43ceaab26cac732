"""The printed picture rota: A4, names big enough to read across the cabin, pages only if needed."""

import datetime as dt
import re
import shutil
import subprocess

import pytest

from dutchfarm.services.rota import PrintableRota, PrintJob, PrintPerson
from dutchfarm.ui.print_rota import save_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler's pdfinfo and pdftotext read the PDF back",
)

DAY = dt.date(2027, 5, 12)
NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Dev",
    "Ellie",
    "Femi",
    "Jackie",
    "Lee",
    "Marco",
    "Priya",
    "Rosa",
    "Sam",
    "Tom",
    "Mo",
    "Ann",
    "Zoe",
    "Yusuf",
    "Xena",
    "Will",
    "Vic",
    "Una",
    "Theo",
    "Sid",
    "Ravi",
    "Quinn",
]
JOBS = (
    ("Watering", "watered"),
    ("Compost", "compost"),
    ("Looking after the tools", "tool_care"),
    ("Picking the harvest", "harvest"),
)


def team(size, jobs_each=1, short=()):
    people = tuple(
        PrintPerson(
            name=name,
            colour="#CFE3A6",
            avatar=f"avatar_{index % 16 + 1:02d}",
            photo=None,
            jobs=tuple(
                PrintJob(*JOBS[(index + j) % len(JOBS)], bed_name=None, done=False)
                for j in range(jobs_each)
            ),
        )
        for index, name in enumerate(NAMES[:size])
    )
    return PrintableRota(DAY, "Dutch Farm", people, tuple(short))


def read_back(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = {}
    for y0, y1, word in re.findall(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', boxes
    ):
        words.setdefault(word, float(y1) - float(y0))
    return int(fields["Pages"]), fields["Page size"], words


def test_six_people_fit_one_a4_page_at_full_size(qapp, tmp_path):
    out = tmp_path / "six.pdf"
    assert save_pdf(team(6, jobs_each=2), out) == 1
    pages, size, words = read_back(out)
    assert pages == 1 and "(A4)" in size
    # A word's box is about 1.2 times its size in points: names are 28 pt or more.
    for name in NAMES[:6]:
        assert words[name] >= 28 * 1.2, name
    assert words["Wednesday"] > words["Aisha"]
    assert "Compost" in words and "Watering" in words


def test_twelve_people_still_fit_one_page(qapp, tmp_path):
    out = tmp_path / "twelve.pdf"
    assert save_pdf(team(12), out) == 1
    pages, _size, words = read_back(out)
    assert pages == 1 and all(name in words for name in NAMES[:12])


def test_a_big_team_goes_on_to_a_second_page_and_nobody_is_lost(qapp, tmp_path):
    out = tmp_path / "big.pdf"
    count = save_pdf(team(25, jobs_each=2), out)
    pages, _size, words = read_back(out)
    assert count == pages >= 2
    assert all(name in words for name in NAMES[:25])
    assert all(words[name] >= 28 * 1.2 for name in NAMES[:25])


def test_jobs_still_needing_people_are_printed_at_the_foot(qapp, tmp_path):
    out = tmp_path / "short.pdf"
    save_pdf(team(3, short=["Compost needs 1 more person."]), out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Compost needs 1 more person." in text


def test_a_file_that_cannot_be_written_says_why(qapp, tmp_path):
    with pytest.raises(OSError) as error:
        save_pdf(team(2), tmp_path / "no such folder" / "rota.pdf")
    assert error.value.strerror
