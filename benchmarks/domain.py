"""The domain's heavy rules on a large farm's sizes: the rota, the bed plan and the ranked count."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from benchmarks.report import Budget, Figure, interleaved

SEED = 9
TODAY = dt.date(2026, 6, 1)


def rota_inputs(people: int = 80, jobs: int = 40) -> tuple[list[Any], list[Any], list[Any]]:
    """Return people, jobs and a year of past assignments like the large farm's."""
    from dutchfarm.domain.rota import PastAssignment, RotaJob, RotaPerson

    chance = random.Random(SEED)
    kinds = [f"kind {number}" for number in range(jobs)]
    team = [
        RotaPerson(
            id=number,
            cannot=frozenset(chance.sample(kinds, chance.randrange(4))),
            likes=frozenset(chance.sample(kinds, chance.randrange(4))),
            needs_support=number % 10 == 3,
            supporter=number % 5 == 0,
            name=f"Person {number}",
        )
        for number in range(1, people + 1)
    ]
    work = [
        RotaJob(id=number, kind=kind, people=1 + number % 3, kind_name=kind.title())
        for number, kind in enumerate(kinds, start=1)
    ]
    history = [
        PastAssignment(
            person=chance.randrange(1, people + 1),
            kind=chance.choice(kinds),
            day=TODAY - dt.timedelta(days=chance.randrange(1, 366)),
        )
        for _ in range(7_000)
    ]
    return team, work, history


def plan_inputs(
    beds: int = 60, crops: int = 20
) -> tuple[list[str], list[tuple[str, str]], dict[str, dict[int, set[str]]], dict[str, set[str]]]:
    """Return beds, crops (most wanted first), ten years of history and some wishes."""
    from dutchfarm.domain.rotation import PERENNIAL, ROTATION_GROUPS

    chance = random.Random(SEED)
    groups = [group for group in ROTATION_GROUPS if group != PERENNIAL]
    names = [f"Bed {number}" for number in range(1, beds + 1)]
    wanted = [(f"Crop {number}", chance.choice(groups)) for number in range(1, crops + 1)]
    history = {
        bed: {year: {chance.choice(groups)} for year in range(TODAY.year - 10, TODAY.year)}
        for bed in names
    }
    wishes = {
        bed: {name for name, _ in chance.sample(wanted, 2)}
        for bed in chance.sample(names, beds // 3)
    }
    return names, wanted, history, wishes


def ranked_inputs(ballots: int = 1_000, options: int = 20) -> tuple[list[str], list[list[str]]]:
    """Return the options and ranked ballots, each ranking a few or all of them."""
    chance = random.Random(SEED)
    names = [f"Crop {number}" for number in range(1, options + 1)]
    # Some crops are more popular, as in a real vote, so the count takes several rounds.
    weights = [options - number for number in range(options)]
    papers = []
    for _ in range(ballots):
        order: list[str] = []
        while len(order) < options:
            pick = chance.choices(names, weights)[0]
            if pick not in order:
                order.append(pick)
        papers.append(order[: chance.randint(1, options)])
    return names, papers


def measure_domain(runs: int) -> list[Figure]:
    """Time make_rota (80 people, 40 jobs), plan_beds (60 beds, 20 crops) and tally_ranked."""
    from dutchfarm.domain.rota import make_rota
    from dutchfarm.domain.rotation import plan_beds
    from dutchfarm.domain.voting import tally_ranked

    team, work, history = rota_inputs()
    beds, crops, grown, wishes = plan_inputs()
    options, papers = ranked_inputs()
    rota, plan, tally = interleaved(
        runs,
        lambda: make_rota(team, work, history, today=TODAY),
        lambda: plan_beds(beds, crops, grown, TODAY.year, 3, wishes),
        lambda: tally_ranked(options, papers, 5),
    )
    return [
        Figure("make_rota", "make_rota: 80 people, 40 jobs", rota, Budget(50, "ms")),
        Figure("plan_beds", "plan_beds: 60 beds, 20 crops", plan, Budget(200, "ms")),
        Figure(
            "tally_ranked",
            "tally_ranked: 1,000 ballots, 20 options, 5 seats",
            tally,
            Budget(100, "ms"),
        ),
    ]
