"""The command line: help, version, the demo farm, and one clear sentence on failure."""

import gc
import os
import signal
import subprocess
import sys
import time

import pytest

from dutchfarm import __version__
from dutchfarm.cli import main


def run_cli(*args, env=None, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "dutchfarm", *args],
        capture_output=True,
        text=True,
        env=env or os.environ.copy(),
        timeout=timeout,
    )


def test_help_lists_the_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "demo" in result.stdout and "--database" in result.stdout


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"Dutch Farm {__version__}"


def test_demo_makes_a_farm(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    result = run_cli("demo", "--database", url)
    assert result.returncode == 0, result.stderr
    assert "15 people" in result.stdout and "12 beds" in result.stdout


def test_demo_scale_large_makes_the_large_farm_and_small_stays_the_default(
    tmp_path, capsys, monkeypatch
):
    from dutchfarm.cli import build_parser
    from dutchfarm.services import demo_large

    made = []

    def large_farm(db):
        made.append(db.url)
        return "Made the large demo farm: 80 people"

    # The large farm itself is checked in tests/services/test_demo_large.py.
    monkeypatch.setattr(demo_large, "make_large_demo_farm", large_farm)
    url = f"sqlite:///{tmp_path / 'large.sqlite'}"
    assert main(["demo", "--scale", "large", "--database", url]) == 0
    assert made == [url]
    out = capsys.readouterr().out
    assert out.startswith("Made the large demo farm: 80 people") and "seconds" in out
    assert build_parser().parse_args(["demo"]).scale == "small"


def test_demo_refuses_a_database_that_already_has_people(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    assert main(["demo", "--database", url]) == 0
    capsys.readouterr()
    assert main(["demo", "--database", url]) == 2
    error = capsys.readouterr().err
    assert "already" in error and "Traceback" not in error


def test_an_address_that_cannot_be_opened_gives_one_sentence(tmp_path):
    result = run_cli("demo", "--database", "nosuchdb://nowhere/farm")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("dutchfarm: ")


def test_a_file_that_is_not_a_database_gives_one_sentence(tmp_path):
    path = tmp_path / "photo.sqlite"
    path.write_bytes(b"\x89PNG not really" * 100)
    result = run_cli("demo", "--database", f"sqlite:///{path}")
    assert result.returncode == 2
    assert "not a Dutch Farm database" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_program_runs_on_the_demo_farm_until_stopped(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    assert run_cli("demo", "--database", url).returncode == 0
    env = os.environ.copy()
    env["QT_QPA_PLATFORM"] = "offscreen"
    process = subprocess.Popen(
        [sys.executable, "-m", "dutchfarm", "--database", url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(4)
        assert process.poll() is None, process.communicate()[1]
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert "Traceback" not in stderr
    log = (tmp_path / "data" / "logs" / "dutchfarm.log").read_text(encoding="utf-8")
    assert "ERROR" not in log


def test_the_program_starts_with_the_cyclic_collector_resting(tmp_path, monkeypatch):
    # The collector would walk everything starting makes, again and again; ``run`` starts
    # it again once the window is up.
    from dutchfarm.ui import app

    seen = []
    monkeypatch.setattr(app, "run", lambda url: seen.append((url, gc.isenabled())) or 0)
    url = f"sqlite:///{tmp_path / 'farm.sqlite'}"
    try:
        assert main(["--database", url]) == 0
    finally:
        gc.enable()
    assert seen == [(url, False)]
