"""Journey 1: the vote. The whole group chooses next season's crops around the cabin PC."""

import datetime as dt

from PySide6.QtWidgets import QLabel, QSpinBox

from dutchfarm.services.farm import list_seasons
from dutchfarm.services.voting import chosen_crops, list_ballots


def vote_round(journey, box, plan):
    """Each person taps their picture, taps their crops, taps "Done"; the screen clears."""
    for name, dots in plan.items():
        journey.tap(f"{name}, tap to vote", box)
        assert box.turn.text() == f"{name}, it is your turn."
        assert all(card.value == 0 for card in box.cards.values()), "someone's dots still show"
        for crop, count in dots.items():
            for _ in range(count):
                journey.tap(crop, box.card_grid)
        assert box.left_words.text() == "No dots left. Tap Done."
        journey.tap("Done", box)
        # The screen clears for the next person, and their picture gets a tick.
        assert box.stages.currentWidget() is box.pick
        assert box.thanks.text() == f"Thank you, {name}. Your vote is in."
        assert journey.button(f"{name}, has voted", box).text() == f"{name}\nhas voted"


def test_the_group_votes_on_next_seasons_crops(journey, the_vote):
    year = dt.date.today().year + 1
    journey.sign_in("Sam")
    page = journey.open_area("Vote")

    # Sam starts the vote for next season: the set-up offers it, though it has not started.
    journey.tap("Start a new vote", page)
    form = page.form
    assert journey.button(f"Next season: {year}", form).isChecked()
    assert form.question.text() == f"What shall we grow in {year}?"
    assert journey.button("Dots", form).isChecked()
    numbers = {box.accessibleName(): box.value() for box in form.findChildren(QSpinBox)}
    assert numbers["How many crops will win?"] == 4
    assert numbers["Dots for each person"] == 3
    for crop in the_vote.crops:
        journey.tap(crop, form.crop_grid)
    assert form.chosen_words.text().startswith("Crops to vote on: 8 crops chosen.")
    journey.tap("Start the vote", form)

    # One by one, twelve people vote in secret.
    box = page.box
    assert page.views.currentWidget() is box
    vote_round(journey, box, the_vote.dots)
    assert box.count_words.text().startswith("12 people have voted")

    # Marco tries again, and is told kindly.
    journey.tap("Marco, has voted", box)
    [(title, words)] = journey.answers.messages
    assert title == "Thank you" and "already voted" in words
    assert box.stages.currentWidget() is box.pick

    # Sam closes the vote: two crops tie for the last place, so the group votes on just them.
    journey.tap("Close the vote", box)
    results = page.results
    assert page.views.currentWidget() is results
    assert results.tie_words.text() == (
        "How shall we choose between Tomatoes and Sweetcorn for the last place?"
    )
    journey.tap("Hold a quick vote on Tomatoes or Sweetcorn", results)
    assert page.views.currentWidget() is box
    assert sorted(card.option.plural for card in box.cards.values()) == ["Sweetcorn", "Tomatoes"]
    vote_round(journey, box, the_vote.runoff)
    journey.tap("Close the vote", box)
    assert page.views.currentWidget() is results
    assert results.chart.bars() == [("Tomatoes", 21), ("Sweetcorn", 15)]

    # The four crops are now next season's choice.
    [season] = [s for s in list_seasons(journey.db) if s.year == year]
    assert [c.plural for c in chosen_crops(journey.db, season.id)] == list(the_vote.chosen)
    assert len(list_ballots(journey.db, season.id)) == 2
    journey.tap("All votes", results)
    assert f"The crops for {year}: " in " ".join(
        w.text() for w in page.findChildren(QLabel) if w.isVisible()
    )

    # The results of the vote: a big chart with pictures, and a sentence for each winner.
    journey.tap(f"See the results: What shall we grow in {year}?", page)
    bars = dict(results.chart.bars())
    assert bars == {
        "Strawberries": 9,
        "Potatoes": 7,
        "Carrots": 6,
        "Tomatoes": 5,
        "Sweetcorn": 5,
        "Pumpkins": 2,
        "Runner beans": 1,
        "Courgettes": 1,
    }
    assert results.chart.pictures() == 8
    shown = [w.text() for w in results.findChildren(QLabel) if w.isVisible()]
    for crop in the_vote.chosen:
        assert any(text.startswith(f"{crop} won") for text in shown), (crop, shown)
    assert not results.tie_card.isVisible()
    journey.last_screen("1-vote")
