"""``dutchfarm print-rota``: the picture rota saved for a day, as a PDF; a clear error if none."""

import datetime as dt
import os
import shutil
import subprocess
import sys

import pytest

from dutchfarm.cli import main
from dutchfarm.db.database import open_database
from dutchfarm.services.demo import make_demo_farm
from dutchfarm.services.rota import printable_rota


def worked_day():
    """The last weekday before today: the demo farm has a rota on it."""
    day = dt.date.today() - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


@pytest.fixture
def demo(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    db = open_database(url)
    make_demo_farm(db)
    names = [person.name for person in printable_rota(db, worked_day()).people]
    db.close()
    return url, names


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler reads the PDF back")
def test_print_rota_writes_the_days_picture_rota(demo, tmp_path):
    url, names = demo
    out = tmp_path / "rota.pdf"
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)  # the command needs no screen of its own
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dutchfarm",
            "print-rota",
            "--date",
            worked_day().isoformat(),
            "--out",
            str(out),
            "--database",
            url,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"Wrote the rota for {len(names)} people on 1 page to {out}." in result.stdout
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Pages"].strip() == "1" and "(A4)" in fields["Page size"]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert all(name in text for name in names)
    assert worked_day().strftime("%B") in text


def test_print_rota_says_in_one_sentence_when_there_is_no_rota(demo, tmp_path, capsys):
    url, _ = demo
    out = tmp_path / "none.pdf"
    assert main(["print-rota", "--date", "2001-05-12", "--out", str(out), "--database", url]) == 2
    error = capsys.readouterr().err
    assert error == "dutchfarm: There is no rota saved for Saturday 12 May 2001.\n"
    assert not out.exists()


def test_print_rota_refuses_a_date_it_cannot_read(capsys, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main(["print-rota", "--date", "12/05/2027", "--out", str(tmp_path / "x.pdf")])
    assert stop.value.code == 2
    assert "give the day as YYYY-MM-DD" in capsys.readouterr().err
