"""The benchmark suite still works: its table and JSON, and figures measured on a small farm.

Nothing here is timed against a budget; these tests only keep benchmarks/run.py from
rotting while nobody runs it.
"""

import json

import pytest

from benchmarks.report import Budget, Figure, table, write_json
from benchmarks.run import run
from benchmarks.startup import launch_ms

pytestmark = pytest.mark.sqlite_only


def test_the_table_and_the_json_judge_each_figure_by_its_budget(tmp_path):
    figures = [
        Figure("startup", "start-up", [300.0, 100.0, 200.0], Budget(1.5, "floor"), [100.0, 150.0]),
        Figure("page_vote", "page switch: vote", [120.0], Budget(100, "ms")),
        Figure("memory", "memory", [250.0], Budget(300, "MB"), unit="MB"),
        Figure("plain", "no budget", [1.0]),
    ]
    lines = table(figures).splitlines()
    assert lines[0] == "| figure | median ms | floor ms | ratio | budget | met? |"
    assert lines[2] == "| start-up | 200.0 | 125.0 | 1.60 | <= 1.5x floor | **no** |"
    assert lines[3] == "| page switch: vote | 120.0 | - | - | <= 100 ms | **no** |"
    assert lines[4] == "| memory | 250.0 MB | - | - | <= 300 MB | yes |"
    assert lines[5] == "| no budget | 1.0 | - | - | - | - |"
    write_json(figures, tmp_path / "out.json", {"quick": True})
    found = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert found["run"] == {"quick": True}
    assert found["startup"]["median_ms"] == 200.0 and found["startup"]["floor_ms"] == 125.0
    assert found["startup"]["ratio"] == 1.6 and found["startup"]["met"] is False
    assert found["startup"]["runs_ms"] == [300.0, 100.0, 200.0]
    assert found["memory"]["median_mb"] == 250.0 and found["memory"]["met"] is True
    assert "ratio" not in found["page_vote"]


def test_the_queries_are_measured_on_a_copy_of_a_small_farm(demo_template, tmp_path):
    before = demo_template.read_bytes()
    figures = run(demo_template, tmp_path, ["queries", "domain"], quick=True, said=print)
    found = {figure.key: figure for figure in figures}
    assert set(found) == {
        "query_harvest_series",
        "query_rotation_grid",
        "make_rota",
        "plan_beds",
        "tally_ranked",
    }
    for figure in figures:
        assert len(figure.runs) == 3 and figure.median > 0
    assert found["query_rotation_grid"].ratio > 0
    assert (tmp_path / "farm" / "farm.sqlite").exists()
    assert demo_template.read_bytes() == before


def test_start_up_is_timed_until_the_window_is_painted(demo_template, tmp_path):
    url = f"sqlite:///{tmp_path / 'farm.sqlite'}"
    (tmp_path / "farm.sqlite").write_bytes(demo_template.read_bytes())
    took = launch_ms("program", url, tmp_path / "data")
    assert 0 < took < 120_000
    # It was Dutch Farm that started, with its data folder where it was told.
    assert (tmp_path / "data" / "logs" / "dutchfarm.log").exists()
