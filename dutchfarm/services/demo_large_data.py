"""The fixed tables of the large demo farm: its people, kinds of job, beds and votes."""

from __future__ import annotations

from dutchfarm.domain.terms import BallotMethod, Effort, Repeat, Role
from dutchfarm.services.demo import VOTE_CROPS

# The small demo's fifteen people come first (services.demo.PEOPLE); these join them.
# (name, role)
MORE_PEOPLE: tuple[tuple[str, Role], ...] = (
    ("Beth", Role.COORDINATOR),
    ("Carl", Role.COORDINATOR),
    *(
        (name, Role.VOLUNTEER)
        for name in [
            "Grace",
            "Hannah",
            "Isaac",
            "Jamal",
            "Kate",
            "Liam",
            "Maya",
            "Nina",
            "Oliver",
            "Paul",
            "Ruth",
            "Simon",
            "Tariq",
            "Uma",
            "Victor",
            "Wendy",
            "Yusuf",
        ]
    ),
    *(
        (name, Role.SERVICE_USER)
        for name in [
            "Abdul",
            "Alfie",
            "Amy",
            "Bella",
            "Callum",
            "Carys",
            "Danny",
            "Daisy",
            "Eddie",
            "Erin",
            "Faisal",
            "Freya",
            "Gary",
            "Gemma",
            "Harry",
            "Holly",
            "Imran",
            "Isla",
            "Jack",
            "Jade",
            "Josh",
            "Kayla",
            "Kieran",
            "Laura",
            "Leon",
            "Lucy",
            "Mark",
            "Megan",
            "Nathan",
            "Nadia",
            "Owen",
            "Poppy",
            "Reece",
            "Rhys",
            "Ryan",
            "Sara",
            "Shane",
            "Sophie",
            "Stacey",
            "Toby",
            "Vicky",
            "Wayne",
            "Zara",
            "Zoe",
            "Kevin",
            "Paula",
        ]
    ),
)
# Who has left (archived), and in which of the ten seasons (0 = the first) they left.
LEFT = {"Carl": 3, "Kate": 5, "Simon": 7, "Gary": 4, "Holly": 6}
# How many people were there from the first season; the others joined over the years.
FOUNDERS = 40

# The 22 kinds of job the large farm adds to the 18 shipped ones: (key, name, icon, effort).
MORE_TASKS: tuple[tuple[str, str, str, Effort], ...] = (
    ("turning_compost", "Turning the compost", "compost", Effort.HEAVY),
    ("water_butts", "Filling the water butts", "watered", Effort.MEDIUM),
    ("soft_fruit", "Picking soft fruit", "strawberry", Effort.LIGHT),
    ("apples", "Picking apples and pears", "apple", Effort.LIGHT),
    ("earthing_up", "Earthing up the potatoes", "potato", Effort.MEDIUM),
    ("staking_tomatoes", "Tying up the tomatoes", "tomato", Effort.LIGHT),
    ("netting", "Netting the cabbages", "cabbage", Effort.LIGHT),
    ("thinning", "Thinning the seedlings", "lettuce", Effort.LIGHT),
    ("pricking_out", "Pricking out seedlings", "potting_on", Effort.LIGHT),
    ("seed_tin", "Sorting the seed tin", "sowed", Effort.LIGHT),
    ("labels", "Making plant labels", "edit", Effort.LIGHT),
    ("greenhouse", "Cleaning the greenhouse", "tidy", Effort.MEDIUM),
    ("leaves", "Raking up leaves", "mulching", Effort.MEDIUM),
    ("paths", "Sweeping the paths", "mowing", Effort.LIGHT),
    ("washing_veg", "Washing the vegetables", "harvest", Effort.LIGHT),
    ("weighing", "Weighing the harvest", "scale", Effort.LIGHT),
    ("garlic_planting", "Planting garlic and onions", "garlic", Effort.MEDIUM),
    ("rhubarb", "Pulling the rhubarb", "rhubarb", Effort.LIGHT),
    ("herb_bed", "Looking after the herb bed", "basil", Effort.LIGHT),
    ("pond", "Looking after the pond", "wildlife", Effort.MEDIUM),
    ("mending", "Mending fences and nets", "tool_care", Effort.HEAVY),
    ("bean_poles", "Putting up bean poles", "runner_bean", Effort.MEDIUM),
)

# Jobs that come back, as the coordinator sets them up each season:
# (task key, repeat, weekdays (Monday = 0), people needed, first month, last month).
# First and last month 1 and 12 means all year round (one rule kept for all ten years).
# A span that runs over the new year (11 to 2) is two rules a season: 11-12 and 1-2.
RECURRING: tuple[tuple[str, Repeat, tuple[int, ...], int, int, int], ...] = (
    ("making_tea", Repeat.DAILY, (), 2, 1, 12),
    ("tidying_cabin", Repeat.DAILY, (), 2, 1, 12),
    ("washing_up", Repeat.DAILY, (), 2, 1, 12),
    ("feeding_wildlife", Repeat.WEEKDAYS, (0, 2, 4), 1, 1, 12),
    ("compost", Repeat.WEEKDAYS, (1, 3), 3, 1, 12),
    ("tool_care", Repeat.WEEKLY, (4,), 2, 1, 12),
    ("paths", Repeat.WEEKDAYS, (0, 3), 2, 1, 12),
    ("pond", Repeat.WEEKLY, (2,), 2, 1, 12),
    ("turning_compost", Repeat.WEEKLY, (0,), 3, 1, 12),
    ("watering", Repeat.DAILY, (), 4, 4, 9),
    ("weeding", Repeat.WEEKDAYS, (0, 2, 4), 4, 3, 10),
    ("harvesting", Repeat.WEEKDAYS, (1, 3), 3, 6, 10),
    ("sowing", Repeat.WEEKDAYS, (0, 3), 3, 2, 6),
    ("planting_out", Repeat.WEEKDAYS, (1, 4), 3, 4, 6),
    ("slug_patrol", Repeat.WEEKDAYS, (0, 2), 2, 4, 9),
    ("mowing", Repeat.WEEKLY, (2,), 2, 4, 10),
    ("potting_on", Repeat.WEEKLY, (3,), 2, 3, 5),
    ("feeding", Repeat.WEEKLY, (4,), 2, 5, 9),
    ("digging", Repeat.WEEKDAYS, (0, 2), 3, 11, 2),
    ("mulching", Repeat.WEEKLY, (1,), 3, 10, 12),
    ("pruning", Repeat.WEEKLY, (3,), 2, 11, 3),
    ("water_butts", Repeat.WEEKLY, (0,), 2, 5, 9),
    ("soft_fruit", Repeat.WEEKDAYS, (1, 4), 3, 6, 8),
    ("apples", Repeat.WEEKLY, (2,), 3, 9, 10),
    ("earthing_up", Repeat.WEEKLY, (1,), 2, 5, 6),
    ("staking_tomatoes", Repeat.WEEKLY, (3,), 2, 6, 8),
    ("netting", Repeat.WEEKLY, (4,), 2, 5, 7),
    ("thinning", Repeat.WEEKLY, (2,), 2, 4, 6),
    ("pricking_out", Repeat.WEEKLY, (1,), 2, 3, 5),
    ("seed_tin", Repeat.WEEKLY, (4,), 2, 1, 2),
    ("labels", Repeat.WEEKLY, (3,), 2, 2, 4),
    ("greenhouse", Repeat.WEEKLY, (4,), 3, 10, 2),
    ("leaves", Repeat.WEEKDAYS, (1, 3), 3, 10, 11),
    ("washing_veg", Repeat.WEEKDAYS, (1, 3), 2, 6, 10),
    ("weighing", Repeat.WEEKDAYS, (1, 3), 1, 6, 10),
    ("garlic_planting", Repeat.WEEKLY, (0,), 3, 10, 11),
    ("rhubarb", Repeat.WEEKLY, (2,), 1, 4, 6),
    ("herb_bed", Repeat.WEEKLY, (0,), 2, 4, 9),
    ("mending", Repeat.WEEKLY, (1,), 3, 1, 3),
    ("bean_poles", Repeat.WEEKLY, (3,), 3, 4, 5),
)
# Weekly jobs for one bed each (the shared beds, and the beds of people who need a hand)
# make up the rest of the jobs, so that the rota holds about TARGET_JOBS jobs.
BED_JOB_TASKS = ("weeding", "watering", "feeding", "weeding", "digging")
TARGET_JOBS = 30_000
# One-off jobs, added by hand on about one working day in twenty: (task key, note).
ONE_OFF_JOBS: tuple[tuple[str, str], ...] = (
    ("digging", "Dig over the new bed by the gate"),
    ("tidying_cabin", "Get the cabin ready for the open day"),
    ("mending", "Fix the gate latch"),
    ("compost", "Empty the old compost bin"),
    ("washing_up", "Wash the seed trays"),
)

# The shared beds beside the fifty numbered ones: (name, crops by key, in turn by season).
# Each crop list is one season; the list runs round, so annual crops move on each year.
SHARED_BEDS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("Herb bed", (("chives", "mint", "oregano", "basil"),)),
    ("Fruit cage", (("raspberry", "blackcurrant", "gooseberry", "blueberry"),)),
    ("Strawberry bed", (("strawberry",),)),
    ("Asparagus bed", (("asparagus",),)),
    ("Rhubarb bed", (("rhubarb",),)),
    ("Orchard", (("apple", "pear"),)),
    ("Artichoke bed", (("jerusalem_artichoke",),)),
    (
        "Polytunnel",
        (("tomato", "chilli", "sweet_pepper"), ("cucumber", "melon"), ("french_bean", "basil")),
    ),
    ("Salad bed", (("lettuce", "salad_leaves"), ("spinach", "chard"), ("lettuce", "spinach"))),
    ("Pumpkin patch", (("pumpkin", "squash"), ("marrow", "courgette"), ("squash", "watermelon"))),
)
NUMBERED_BEDS = 50
# How much more (or less) often than most a crop is picked: beans and courgettes often,
# pumpkins and apples a few times at the end of the season.
PICKING = {
    "courgette": 2.0,
    "runner_bean": 2.0,
    "french_bean": 1.8,
    "salad_leaves": 1.8,
    "lettuce": 1.5,
    "tomato": 1.8,
    "strawberry": 1.6,
    "raspberry": 1.6,
    "pea": 1.5,
    "cucumber": 1.4,
    "pumpkin": 0.3,
    "squash": 0.3,
    "watermelon": 0.3,
    "melon": 0.4,
    "apple": 0.6,
    "pear": 0.6,
    "garlic": 0.3,
    "onion": 0.4,
    "potato": 0.7,
    "sweetcorn": 0.6,
    "asparagus": 1.2,
}
VARIETIES = {
    "potato": ("Charlotte", "Maris Piper", "Pink Fir Apple"),
    "tomato": ("Gardener's Delight", "Sungold", "Shirley"),
    "carrot": ("Autumn King", "Nantes"),
    "runner_bean": ("Scarlet Emperor", "Enorma"),
    "courgette": ("Defender", "Black Beauty"),
    "onion": ("Sturon", "Red Baron"),
    "leek": ("Musselburgh",),
    "beetroot": ("Boltardy", "Chioggia"),
    "pea": ("Kelvedon Wonder", "Hurst Green Shaft"),
    "strawberry": ("Cambridge Favourite", "Honeoye"),
    "apple": ("Bramley", "Cox"),
    "squash": ("Butternut", "Crown Prince"),
}

# Three votes each season: (month, question with {year}, method, seats, crop keys).
# Methods vary by year, so each kind of vote appears; the first vote chooses the season's
# crops. Each method list has one entry per season, in order from the first.
MAIN_VOTE_METHODS = (
    BallotMethod.DOTS,
    BallotMethod.DOTS,
    BallotMethod.RANKED,
    BallotMethod.DOTS,
    BallotMethod.APPROVAL,
    BallotMethod.DOTS,
    BallotMethod.RANKED,
    BallotMethod.DOTS,
    BallotMethod.APPROVAL,
    BallotMethod.DOTS,
)
# The small demo's crop vote, with a few more crops that come and go from year to year.
MAIN_VOTE_CROPS = (*VOTE_CROPS, "broad_bean", "kale", "beetroot", "leek", "pea", "sweet_pepper")
OTHER_VOTES: tuple[tuple[int, str, BallotMethod, int, tuple[str, ...]], ...] = (
    (
        5,
        "Which squash shall we grow in the pumpkin patch in {year}?",
        BallotMethod.HANDS,
        1,
        ("pumpkin", "squash", "marrow", "courgette", "watermelon"),
    ),
    (
        10,
        "Which fruit shall we plant in the fruit cage after {year}?",
        BallotMethod.RANKED,
        1,
        ("raspberry", "blackcurrant", "gooseberry", "blueberry", "strawberry"),
    ),
    (
        9,
        "Which herbs shall we sow in the herb bed in {year}?",
        BallotMethod.APPROVAL,
        2,
        ("basil", "coriander", "dill", "parsley", "chives", "mint"),
    ),
)
WISHED_CROPS = ("strawberry", "sweetcorn", "carrot", "pumpkin", "runner_bean", "tomato", "pea")
