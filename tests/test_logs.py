"""The log file: written in the data folder, moved aside when it has grown large."""

import logging

import pytest

from dutchfarm import logs


@pytest.fixture
def fresh_root_logger():
    """Take away the log handlers tests before this one added, and put them back after."""
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        root.removeHandler(handler)
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in before:
        root.addHandler(handler)


def test_a_small_log_goes_on_growing(fresh_root_logger):
    path = logs.setup_logging()
    path.write_text("yesterday\n", encoding="utf-8")
    logging.getLogger("dutchfarm.test").warning("today")
    assert path.read_text(encoding="utf-8").startswith("yesterday\n")
    assert "today" in path.read_text(encoding="utf-8")
    assert not path.with_name("dutchfarm.log.1").exists()


def test_a_large_log_is_moved_aside_and_only_five_old_ones_are_kept(fresh_root_logger):
    folder = logs.log_dir()
    path = folder / logs.LOG_NAME
    path.write_bytes(b"x" * (logs.LARGEST_LOG + 1))
    for number in range(1, 6):
        (folder / f"dutchfarm.log.{number}").write_text(f"old {number}", encoding="utf-8")
    assert logs.setup_logging() == path
    logging.getLogger("dutchfarm.test").warning("a new day")
    assert "a new day" in path.read_text(encoding="utf-8")
    assert path.with_name("dutchfarm.log.1").stat().st_size == logs.LARGEST_LOG + 1
    assert [path.with_name(f"dutchfarm.log.{n}").read_text() for n in range(2, 6)] == [
        "old 1",
        "old 2",
        "old 3",
        "old 4",
    ]
    assert not path.with_name("dutchfarm.log.6").exists()


def test_setting_up_twice_writes_each_line_once(fresh_root_logger):
    path = logs.setup_logging()
    logs.setup_logging()
    logging.getLogger("dutchfarm.test").warning("once")
    assert path.read_text(encoding="utf-8").count("once") == 1
