"""The Vote page driven as the group would: a whole meeting on one PC, ties, and the results."""

import datetime as dt
import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLabel, QLineEdit, QWidget
from sqlalchemy import inspect, text

from dutchfarm.domain.terms import BallotMethod, BallotStatus, Role
from dutchfarm.services.auth import COMMAND_LINE, NOBODY
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.farm import current_season, start_season
from dutchfarm.services.people import PersonDraft, add_person, list_people
from dutchfarm.services.voting import chosen_crops, list_ballots, who_has_voted
from dutchfarm.ui import dialogs
from dutchfarm.ui.theme import TARGET, TARGET_LARGE
from dutchfarm.ui.vote_cards import CropCard, VoterButton

LEFT = Qt.MouseButton.LeftButton
MEETING = ("Ann", "Sam", "Jackie", "Marco", "Tom", "Lee", "Aisha", "Ben")


# --- helpers: what a person's fingers do ----------------------------------------------------


def small_farm(db_url=None, people=MEETING):
    """Add the meeting's people (Ann coordinates, Sam volunteers) and this year's season."""
    from dutchfarm.db.database import open_database

    db = open_database(db_url or os.environ["DUTCHFARM_DATABASE"])
    for name in people:
        role = {"Ann": Role.COORDINATOR, "Sam": Role.VOLUNTEER}.get(name, Role.SERVICE_USER)
        add_person(db, COMMAND_LINE, PersonDraft(name, role, pin="2468" if name == "Ann" else None))
    if current_season(db) is None or current_season(db).year != dt.date.today().year:
        start_season(db, COMMAND_LINE, dt.date.today().year)
    db.close()


def sign_in(window, qtbot, name, answers=None, pin="2468"):
    page = window.show_page("who")
    if answers is not None:
        answers.pin = pin
    button = next(b for b in page.buttons if b.person.name == name)
    qtbot.mouseClick(button, LEFT)
    assert window.context.actor.name == name


def open_votes(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_name() == "vote"
    return window.pages["vote"]


def crop_ids(window):
    return {crop.key: crop.id for crop in list_crops(window.context.db)}


def set_number(qtbot, box, value):
    box.selectAll()
    qtbot.keyClicks(box, str(value))
    assert box.value() == value


def set_up_vote(qtbot, page, question, keys, seats, method=BallotMethod.DOTS, dots=3):
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.form
    assert page.views.currentWidget() is form
    form.question.clear()
    qtbot.keyClicks(form.question, question)
    qtbot.mouseClick(form.method_buttons[method], LEFT)
    set_number(qtbot, form.seats, seats)
    if method is BallotMethod.DOTS:
        set_number(qtbot, form.dots, dots)
    by_key = {choice.crop.key: choice for choice in form.choices.values()}
    for key in keys:
        qtbot.mouseClick(by_key[key], LEFT)
    assert form.chosen_words.text().startswith(f"Crops to vote on: {len(keys)} crops chosen.")
    qtbot.mouseClick(form.start_button, LEFT)
    assert page.views.currentWidget() is page.box


def voter(box, name):
    return next(b for b in box.voter_buttons.values() if b.person.name == name)


def tap_picture(qtbot, box, name):
    qtbot.mouseClick(voter(box, name), LEFT)


def vote(qtbot, box, ids, name, *taps):
    """Tap your picture, tap the cards (one tap each), tap Done."""
    tap_picture(qtbot, box, name)
    assert box.stages.currentWidget() is box.voting
    assert box.turn.text() == f"{name}, it is your turn."
    # The screen shows nobody's earlier votes.
    assert all(card.value == 0 for card in box.cards.values())
    for key in taps:
        qtbot.mouseClick(box.cards[ids[key]].tap, LEFT)
    qtbot.mouseClick(box.done_button, LEFT)
    assert box.stages.currentWidget() is box.pick
    assert box.thanks.text() == f"Thank you, {name}. Your vote is in."
    assert voter(box, name).has_voted


def labels_in(layout):
    found = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is not None and hasattr(item.widget(), "text"):
            found.append(item.widget().text())
        elif item.layout() is not None:
            found += labels_in(item.layout())
    return [words for words in found if words]


def pdf_words(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


# --- the meeting from the issue -------------------------------------------------------------


@needs_pdftotext
def test_a_whole_meeting_votes_in_turn_on_one_screen(
    make_window, qtbot, answers, monkeypatch, tmp_path
):
    small_farm()
    window = make_window()
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    assert page.empty_words.isVisible()
    ids = crop_ids(window)
    year = dt.date.today().year
    six = ("strawberry", "carrot", "potato", "pea", "tomato", "sweetcorn")
    set_up_vote(qtbot, page, f"What shall we grow in {year}?", six, seats=2)
    box = page.box
    assert box.question.text() == f"What shall we grow in {year}?"
    assert (
        box.how.text() == "Everyone has 3 dots. Put them on the crops you like. 2 crops will win."
    )
    assert "the crop more people gave dots to wins" in box.tie_rule.text()
    assert len(box.cards) == 6 and len(box.voter_buttons) == 8
    assert not any(b.has_voted for b in box.voter_buttons.values())

    vote(qtbot, box, ids, "Jackie", "strawberry", "strawberry", "strawberry")
    assert box.count_words.text() == "1 person has voted, out of 8."

    # Marco: mid-vote the screen says how many dots are left, in words and pictures.
    tap_picture(qtbot, box, "Marco")
    assert box.left_words.text() == "3 dots left"
    qtbot.mouseClick(box.cards[ids["carrot"]].tap, LEFT)
    assert box.left_words.text() == "2 dots left"
    assert box.left_picture.pixmap().width() > box.left_picture.pixmap().height()
    card = box.cards[ids["carrot"]]
    assert card.value == 1 and card.mark_words.text() == "1 dot"
    qtbot.mouseClick(card.tap, LEFT)
    assert card.mark_words.text() == "2 dots" and box.left_words.text() == "1 dot left"
    qtbot.mouseClick(box.cards[ids["strawberry"]].tap, LEFT)
    assert box.left_words.text() == "No dots left. Tap Done."
    # A fourth dot is refused in words on the screen, not by a box that pops up.
    qtbot.mouseClick(box.cards[ids["pea"]].tap, LEFT)
    assert box.cards[ids["pea"]].value == 0
    assert "You have no dots left" in box.hint.text()
    qtbot.mouseClick(box.done_button, LEFT)
    assert voter(box, "Marco").has_voted

    vote(qtbot, box, ids, "Tom", "carrot", "potato", "pea")
    vote(qtbot, box, ids, "Lee", "tomato", "tomato", "strawberry")

    # Aisha changes her mind: a long press takes a dot off.
    tap_picture(qtbot, box, "Aisha")
    sweetcorn = box.cards[ids["sweetcorn"]]
    for _ in range(3):
        qtbot.mouseClick(sweetcorn.tap, LEFT)
    assert box.marks == {ids["sweetcorn"]: 3}
    qtbot.mousePress(sweetcorn.tap, LEFT)
    qtbot.waitUntil(lambda: box.marks.get(ids["sweetcorn"]) == 2)
    qtbot.mouseRelease(sweetcorn.tap, LEFT)
    assert box.marks == {ids["sweetcorn"]: 2} and sweetcorn.value == 2
    qtbot.mouseClick(box.cards[ids["pea"]].tap, LEFT)
    qtbot.mouseClick(box.done_button, LEFT)

    # Ben uses "−".
    tap_picture(qtbot, box, "Ben")
    for _ in range(3):
        qtbot.mouseClick(box.cards[ids["carrot"]].tap, LEFT)
    qtbot.mouseClick(box.cards[ids["carrot"]].minus, LEFT)
    qtbot.mouseClick(box.cards[ids["tomato"]].tap, LEFT)
    assert box.marks == {ids["carrot"]: 2, ids["tomato"]: 1}
    qtbot.mouseClick(box.done_button, LEFT)

    # Ann keeps a dot: she is asked, and says she is done.
    answers.reply = True
    vote(qtbot, box, ids, "Ann", "strawberry", "strawberry")
    vote(qtbot, box, ids, "Sam", "potato", "sweetcorn", "strawberry")
    assert all(b.has_voted for b in box.voter_buttons.values())
    assert voter(box, "Ann").accessibleName() == "Ann, has voted"
    assert box.count_words.text() == "8 people have voted, out of 8."

    # Marco tries again and is told kindly.
    answers.messages.clear()
    tap_picture(qtbot, box, "Marco")
    assert answers.messages == [("Thank you", "You have already voted, Marco. Thank you!")]
    assert box.stages.currentWidget() is box.pick

    db = window.context.db
    [ballot] = list_ballots(db)
    assert who_has_voted(db, ballot.id) == {p.id for p in list_people(db)}
    # The votes hold no identity: a vote is a random id and the crops' dots, nothing more.
    assert {c["name"] for c in inspect(db.engine).get_columns("vote")} == {"id", "ballot_id"}
    with db.engine.connect() as connection:
        votes = connection.execute(text("SELECT id, ballot_id FROM vote")).all()
        dots = connection.execute(text("SELECT sum(value) FROM vote_mark")).scalar()
    assert len(votes) == 8 and dots == 23
    assert all(len(vote_id) == 32 for vote_id, _ in votes)

    qtbot.mouseClick(box.close_button, LEFT)
    assert page.views.currentWidget() is page.results
    results = page.results
    assert results.chart.bars() == [
        ("Strawberries", 8.0),
        ("Carrots", 5.0),
        ("Tomatoes", 3.0),
        ("Sweetcorn", 3.0),
        ("Potatoes", 2.0),
        ("Peas", 2.0),
    ]
    assert results.chart.pictures() == 6
    words = labels_in(results.sentences)
    assert words[:2] == [
        "Strawberries won. 5 people gave them dots.",
        "Carrots won. 3 people gave them dots.",
    ]
    assert words[-1] == f"The crops for {year} are Strawberries and Carrots."
    assert not results.tie_card.isVisible()
    season = current_season(db)
    assert [c.plural for c in chosen_crops(db, season.id)] == ["Strawberries", "Carrots"]

    # Print, and save as a picture and as a PDF.
    printed = tmp_path / "printed.pdf"

    def printer(_parent):
        device = QPrinter(QPrinter.PrinterMode.HighResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(printed))
        return device

    monkeypatch.setattr(dialogs, "choose_printer", printer)
    qtbot.mouseClick(results.print_button, LEFT)
    assert "Strawberries won. 5 people gave them dots." in pdf_words(printed)
    saved = {"png": tmp_path / "results", "pdf": tmp_path / "results.pdf"}
    monkeypatch.setattr(
        dialogs, "save_file", lambda _p, _t, suggested, kinds: str(saved[suggested[-3:]])
    )
    qtbot.mouseClick(results.png_button, LEFT)
    picture = tmp_path / "results.png"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size > 20_000
    qtbot.mouseClick(results.pdf_button, LEFT)
    text_of_pdf = pdf_words(saved["pdf"])
    assert "What shall we grow in" in text_of_pdf
    assert "Carrots won. 3 people gave them dots." in text_of_pdf
    assert f"The crops for {year} are Strawberries and Carrots." in text_of_pdf
    assert answers.messages[-1][0] == "Saved"


# --- journey 1 on the demo farm -------------------------------------------------------------


def test_journey_one_a_tie_for_the_last_place_goes_to_a_quick_vote(
    make_window, demo_url, qtbot, answers
):
    from dutchfarm.db.database import open_database

    year = dt.date.today().year + 1
    setup = open_database(demo_url)
    start_season(setup, COMMAND_LINE, year)
    setup.close()
    window = make_window(demo_url)
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    # The demo's vote this season is closed: the list shows it and what it chose.
    assert page.views.currentWidget() is page.list_view
    page.season_box.setCurrentIndex(page.season_box.findText(str(year)))
    assert page.season.year == year and page.empty_words.isVisible()
    eight = (
        "strawberry",
        "tomato",
        "potato",
        "carrot",
        "sweetcorn",
        "pumpkin",
        "runner_bean",
        "courgette",
    )
    set_up_vote(qtbot, page, f"What shall we grow in {year}?", eight, seats=4)
    box, ids = page.box, crop_ids(window)
    votes = {
        "Jackie": ("strawberry",) * 3,
        "Ann": ("strawberry", "tomato", "potato"),
        "Sam": ("tomato", "tomato", "carrot"),
        "Priya": ("strawberry", "strawberry", "pumpkin"),
        "Rosa": ("potato", "potato", "tomato"),
        "Mo": ("carrot", "carrot", "courgette"),
        "Marco": ("tomato", "strawberry", "sweetcorn"),
        "Tom": ("pumpkin", "pumpkin", "runner_bean"),
        "Lee": ("strawberry", "potato", "courgette"),
        "Aisha": ("sweetcorn", "sweetcorn", "strawberry"),
        "Ben": ("potato", "tomato", "carrot"),
        "Chloe": ("pumpkin", "runner_bean", "runner_bean"),
    }
    for name, taps in votes.items():
        vote(qtbot, box, ids, name, *taps)
    answers.messages.clear()
    tap_picture(qtbot, box, "Marco")
    assert answers.messages == [("Thank you", "You have already voted, Marco. Thank you!")]
    assert sum(b.has_voted for b in box.voter_buttons.values()) == 12

    qtbot.mouseClick(box.close_button, LEFT)
    results = page.results
    assert page.views.currentWidget() is results
    assert results.tie_card.isVisible()
    assert results.tie_words.text() == (
        "How shall we choose between Carrots and Pumpkins for the last place?"
    )
    assert labels_in(results.sentences)[3:] == [
        "Carrots and Pumpkins are tied for the last place. The group needs to choose.",
        f"So far, the crops for {year} are Strawberries, Tomatoes and Potatoes.",
    ]
    db = window.context.db
    season = next(s for s in page.seasons if s.year == year)
    assert [c.plural for c in chosen_crops(db, season.id)] == [
        "Strawberries",
        "Tomatoes",
        "Potatoes",
    ]
    assert results.runoff_start.text() == "Hold a quick vote on Carrots or Pumpkins"
    qtbot.mouseClick(results.runoff_start, LEFT)

    # The quick vote: only the two tied crops, for the one place left.
    assert page.views.currentWidget() is box
    assert box.question.text() == "Quick vote: Carrots or Pumpkins?"
    assert sorted(card.option.plural for card in box.cards.values()) == ["Carrots", "Pumpkins"]
    assert not any(b.has_voted for b in box.voter_buttons.values())
    vote(qtbot, box, ids, "Jackie", "carrot", "carrot", "carrot")
    vote(qtbot, box, ids, "Tom", "pumpkin", "pumpkin", "pumpkin")
    vote(qtbot, box, ids, "Sam", "carrot", "carrot", "pumpkin")
    vote(qtbot, box, ids, "Ben", "pumpkin", "carrot", "carrot")
    qtbot.mouseClick(box.close_button, LEFT)
    assert page.views.currentWidget() is results
    assert labels_in(results.sentences)[0] == "Carrots won. 3 people gave them dots."

    # The first vote's results now tell the whole story, with the chart marking four winners.
    qtbot.mouseClick(results.parent_button, LEFT)
    assert results.question.text() == f"What shall we grow in {year}?"
    words = labels_in(results.sentences)
    assert words[:3] == [
        "Strawberries won. 6 people gave them dots.",
        "Tomatoes won. 5 people gave them dots.",
        "Potatoes won. 4 people gave them dots.",
    ]
    assert "There was a tie, so the group held a quick vote on Carrots and Pumpkins." in words
    assert "Carrots won the quick vote. 3 people gave them dots." in words
    assert words[-1] == (f"The crops for {year} are Strawberries, Tomatoes, Potatoes and Carrots.")
    assert not results.tie_card.isVisible()
    # Only what the layout holds now is on show: nothing is left over from before.
    qtbot.wait(10)
    shown = [label.text() for label in results.findChildren(QLabel) if label.isVisible()]
    assert [words for words in shown if " won" in words] == [
        words for words in labels_in(results.sentences) if " won" in words
    ]
    assert [name for name, _ in results.chart.bars()][:4] == [
        "Strawberries",
        "Tomatoes",
        "Potatoes",
        "Carrots",
    ]
    assert [c.plural for c in chosen_crops(db, season.id)] == [
        "Strawberries",
        "Tomatoes",
        "Potatoes",
        "Carrots",
    ]


# --- the other ways of voting ---------------------------------------------------------------


def test_thumbs_up_on_the_cards(make_window, qtbot, answers):
    small_farm(people=("Sam", "Jackie", "Marco", "Tom"))
    window = make_window()
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    set_up_vote(qtbot, page, "Which fruit?", ("strawberry", "raspberry", "rhubarb"), 1,
                BallotMethod.APPROVAL)  # fmt: skip
    box, ids = page.box, crop_ids(window)
    tap_picture(qtbot, box, "Jackie")
    assert box.instruction.text() == "Tap every crop you would be happy to grow."
    qtbot.mouseClick(box.cards[ids["strawberry"]].tap, LEFT)
    qtbot.mouseClick(box.cards[ids["rhubarb"]].tap, LEFT)
    assert box.left_words.text() == "You said yes to 2 crops."
    assert box.cards[ids["rhubarb"]].mark_words.text() == "Yes!"
    # A second tap takes the thumbs up off again.
    qtbot.mouseClick(box.cards[ids["rhubarb"]].tap, LEFT)
    assert box.marks == {ids["strawberry"]: 1}
    qtbot.mouseClick(box.done_button, LEFT)
    vote(qtbot, box, ids, "Marco", "strawberry", "raspberry")
    vote(qtbot, box, ids, "Tom", "raspberry")
    # Nobody may hand in an empty vote by mistake.
    tap_picture(qtbot, box, "Sam")
    qtbot.mouseClick(box.done_button, LEFT)
    assert box.hint.text() == "Please give a thumbs up to a crop you like first."
    qtbot.mouseClick(box.not_me, LEFT)
    assert not voter(box, "Sam").has_voted
    qtbot.mouseClick(box.close_button, LEFT)
    results = page.results
    assert results.chart.bars() == [("Strawberries", 2.0), ("Raspberries", 2.0), ("Rhubarb", 0.0)]
    assert results.tie_card.isVisible()
    assert results.tie_words.text() == (
        "How shall we choose between Strawberries and Raspberries for the last place?"
    )


def test_favourites_in_order_on_the_cards_and_each_round_shown(make_window, qtbot, answers):
    small_farm(people=("Sam", "Jackie", "Marco", "Tom", "Lee", "Aisha"))
    window = make_window()
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    set_up_vote(qtbot, page, "Which one?", ("strawberry", "carrot", "potato"), 1,
                BallotMethod.RANKED)  # fmt: skip
    box, ids = page.box, crop_ids(window)
    tap_picture(qtbot, box, "Jackie")
    assert box.left_words.text() == "Tap your favourite crop."
    qtbot.mouseClick(box.cards[ids["potato"]].tap, LEFT)
    qtbot.mouseClick(box.cards[ids["strawberry"]].tap, LEFT)
    qtbot.mouseClick(box.cards[ids["carrot"]].tap, LEFT)
    assert box.cards[ids["potato"]].mark_words.text() == "Your favourite"
    assert box.cards[ids["carrot"]].mark_words.text() == "Your third choice"
    assert box.left_words.text() == "All crops are in order. Tap Done."
    # Taking the favourite out moves the others up.
    qtbot.mouseClick(box.cards[ids["potato"]].minus, LEFT)
    assert box.marks == {ids["strawberry"]: 1, ids["carrot"]: 2}
    assert box.left_words.text() == "Now tap your third choice, or tap Done."
    qtbot.mouseClick(box.done_button, LEFT)
    vote(qtbot, box, ids, "Marco", "strawberry")
    vote(qtbot, box, ids, "Tom", "carrot", "strawberry")
    vote(qtbot, box, ids, "Lee", "carrot")
    vote(qtbot, box, ids, "Aisha", "potato", "carrot")
    qtbot.mouseClick(box.close_button, LEFT)
    results = page.results
    assert labels_in(results.rounds) == [
        "The count, round by round",
        "Round 1: Potatoes went out.",
        "Strawberries 2, Carrots 2, Potatoes 1.",
        "Round 2: Carrots won.",
        "Carrots 3, Strawberries 2.",
    ]
    assert labels_in(results.sentences)[0] == "Carrots won. 2 people put them first."


def test_a_show_of_hands_is_typed_in_by_the_facilitator(make_window, qtbot, answers):
    small_farm(people=("Sam", "Jackie"))
    window = make_window()
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    set_up_vote(qtbot, page, "Hands up!", ("strawberry", "carrot", "potato"), 1,
                BallotMethod.HANDS)  # fmt: skip
    box, ids = page.box, crop_ids(window)
    assert box.stages.currentWidget() is box.hands_stage
    qtbot.mouseClick(box.hands_stage.close_button, LEFT)
    assert answers.messages[-1][1] == "Please type the hands for each crop first."
    for key, hands in (("strawberry", 4), ("carrot", 5), ("potato", 12)):
        set_number(qtbot, box.hands_stage.cards[ids[key]].count, hands)
    qtbot.mouseClick(box.hands_stage.save_button, LEFT)
    assert box.hands_stage.saved_words.text() == "The hands are saved."
    # A slip is put right by typing again; Undo puts the count before back.
    set_number(qtbot, box.hands_stage.cards[ids["carrot"]].count, 50)
    qtbot.mouseClick(box.hands_stage.save_button, LEFT)
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert box.hands_stage.cards[ids["carrot"]].count.value() == 5
    qtbot.mouseClick(box.hands_stage.close_button, LEFT)
    results = page.results
    assert labels_in(results.sentences)[0] == "Potatoes won. 12 hands went up for them."
    assert results.chart.bars()[0] == ("Potatoes", 12.0)


# --- who may do what ------------------------------------------------------------------------


def test_a_gardener_votes_only_for_themselves_and_cannot_close(make_window, qtbot, answers):
    small_farm(people=("Ann", "Sam", "Jackie", "Marco"))
    window = make_window()
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    set_up_vote(qtbot, page, "Q?", ("strawberry", "carrot"), 1)
    sign_in(window, qtbot, "Jackie")
    page = open_votes(window, qtbot)
    box, ids = page.box, crop_ids(window)
    assert page.views.currentWidget() is box
    assert not box.close_button.isVisible()
    answers.messages.clear()
    tap_picture(qtbot, box, "Marco")
    assert answers.messages == [
        ("Not this time", "This is Marco's picture. You can only vote for yourself.")
    ]
    vote(qtbot, box, ids, "Jackie", "carrot")


def test_the_coordinator_decides_a_tie_with_a_reason_and_can_undo_it(make_window, qtbot, answers):
    small_farm(people=("Ann", "Sam", "Jackie", "Marco"))
    window = make_window()
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    set_up_vote(qtbot, page, "Q?", ("strawberry", "carrot", "pea"), 1)
    box, ids = page.box, crop_ids(window)
    vote(qtbot, box, ids, "Jackie", "carrot", "carrot", "carrot")
    vote(qtbot, box, ids, "Marco", "pea", "pea", "pea")
    qtbot.mouseClick(box.close_button, LEFT)
    results = page.results
    # A volunteer may start a quick vote but not decide.
    assert results.runoff_start.isEnabled() and not results.decide_button.isEnabled()
    assert results.decide_note.isVisible()
    sign_in(window, qtbot, "Ann", answers)
    page = open_votes(window, qtbot)
    assert page.views.currentWidget() is results
    assert results.decide_button.isEnabled() and not results.decide_note.isVisible()
    qtbot.mouseClick(results.decide_button, LEFT)
    assert answers.messages[-1][1] == "Please choose 1 of the tied crops."
    qtbot.mouseClick(results.decide_buttons[ids["pea"]], LEFT)
    qtbot.mouseClick(results.decide_button, LEFT)
    assert answers.messages[-1][1] == "Please give a reason."
    qtbot.keyClicks(results.reason, "Peas feed the soil for next year.")
    qtbot.mouseClick(results.decide_buttons[ids["pea"]], LEFT)
    qtbot.mouseClick(results.decide_buttons[ids["pea"]], LEFT)
    qtbot.mouseClick(results.decide_button, LEFT)
    assert not results.tie_card.isVisible()
    assert "The reason: Peas feed the soil for next year." in labels_in(results.sentences)
    season = current_season(window.context.db)
    assert [c.plural for c in chosen_crops(window.context.db, season.id)] == ["Peas"]
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert results.tie_card.isVisible()
    assert chosen_crops(window.context.db, season.id) == ()


def test_closing_asks_first_and_can_be_undone(make_window, qtbot, answers):
    small_farm(people=("Sam", "Jackie"))
    window = make_window()
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    set_up_vote(qtbot, page, "Q?", ("strawberry", "carrot"), 1)
    box, ids = page.box, crop_ids(window)
    answers.reply = False
    qtbot.mouseClick(box.close_button, LEFT)
    assert page.views.currentWidget() is box
    answers.reply = True
    qtbot.mouseClick(box.close_button, LEFT)
    assert answers.messages[-1][1] == "Nobody has voted yet, so the vote stays open."
    vote(qtbot, box, ids, "Jackie", "carrot")
    qtbot.mouseClick(box.close_button, LEFT)
    assert page.views.currentWidget() is page.results
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    [ballot] = list_ballots(window.context.db)
    assert ballot.status is BallotStatus.OPEN and ballot.votes == 1


def test_a_set_up_saved_for_later_is_changed_started_or_removed(make_window, qtbot, answers):
    small_farm(people=("Sam", "Jackie"))
    window = make_window()
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.form
    form.question.clear()
    qtbot.keyClicks(form.question, "Which?")
    qtbot.keyClicks(form.search, "straw")
    visible = [c.crop.key for c in form.choices.values() if c.isVisible()]
    assert visible == ["strawberry"]
    qtbot.mouseClick(form.choices[crop_ids(window)["strawberry"]], LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert answers.messages[-1][1] == "Please choose at least 2 crops to vote on."
    form.search.clear()
    qtbot.mouseClick(form.choices[crop_ids(window)["kale"]], LEFT)
    set_number(qtbot, form.seats, 1)
    qtbot.mouseClick(form.save_button, LEFT)
    assert page.views.currentWidget() is page.list_view
    [ballot] = list_ballots(window.context.db)
    assert ballot.status is BallotStatus.DRAFT
    qtbot.mouseClick(page.ballot_buttons[(ballot.id, "change")], LEFT)
    assert form.heading.text() == "Change the vote"
    assert form.draft().crop_ids == ballot.draft().crop_ids
    qtbot.mouseClick(form.cancel_button, LEFT)
    qtbot.mouseClick(page.ballot_buttons[(ballot.id, "remove")], LEFT)
    assert list_ballots(window.context.db) == []
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    [again] = list_ballots(window.context.db)
    assert again.question == "Which?"
    qtbot.mouseClick(page.ballot_buttons[(again.id, "start")], LEFT)
    assert page.views.currentWidget() is page.box
    assert list_ballots(window.context.db)[0].status is BallotStatus.OPEN


# --- big enough to tap, at every text size --------------------------------------------------


def controls_too_small(qtbot, root, smallest_large):
    """Return a line for each usable control that is unnamed, unfocusable or too small."""
    # Let the layouts settle first, as a person sees the screen.
    qtbot.wait(10)
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QLineEdit | QAbstractSpinBox):
            continue
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if isinstance(widget.parent(), QAbstractSpinBox):
            continue
        what = f"{type(widget).__name__} {widget.accessibleName()!r}"
        if not widget.accessibleName().strip():
            found.append(f"{what} has no name")
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            found.append(f"{what} cannot take focus")
        # The voters' pictures and the crop cards are for service users: 56 px at least.
        side = smallest_large if isinstance(widget, VoterButton) else TARGET
        if isinstance(widget.parent(), CropCard):
            side = smallest_large
        if widget.width() < side or widget.height() < side:
            found.append(f"{what} is {widget.width()}x{widget.height()}")
    return found


@pytest.mark.parametrize("text_size", ["normal", "very_large"])
def test_every_voting_screen_is_named_and_big_enough(make_window, qtbot, answers, text_size):
    small_farm(people=("Ann", "Sam", "Jackie", "Marco"))
    window = make_window(text_size=text_size)
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    qtbot.mouseClick(page.new_button, LEFT)
    assert controls_too_small(qtbot, page.form, TARGET_LARGE) == []
    qtbot.mouseClick(page.form.cancel_button, LEFT)
    set_up_vote(qtbot, page, "Q?", ("strawberry", "carrot", "pea"), 1)
    box, ids = page.box, crop_ids(window)
    assert controls_too_small(qtbot, box, TARGET_LARGE) == []
    tap_picture(qtbot, box, "Jackie")
    qtbot.mouseClick(box.cards[ids["pea"]].tap, LEFT)
    assert controls_too_small(qtbot, box, TARGET_LARGE) == []
    # Words are never cut short: each card is as wide as its crop's name.
    for card in box.cards.values():
        assert card.tap.width() >= card.tap.fontMetrics().horizontalAdvance(card.option.plural)
    qtbot.mouseClick(box.done_button, LEFT)
    vote(qtbot, box, ids, "Marco", "carrot")
    qtbot.mouseClick(box.close_button, LEFT)
    assert controls_too_small(qtbot, page.results, TARGET_LARGE) == []


def test_matplotlib_waits_until_a_chart_is_shown():
    code = "import sys; import dutchfarm.ui.pages.vote; print('matplotlib' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert shown.stdout.strip() == "False", shown.stderr


def test_a_vote_open_now_is_shown_straight_away(make_window, qtbot, answers):
    small_farm(people=("Sam", "Jackie"))
    window = make_window()
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    set_up_vote(qtbot, page, "Q?", ("strawberry", "carrot"), 1)
    window.close()
    second = make_window()
    second.context.set_actor(NOBODY)
    page = open_votes(second, qtbot)
    assert page.views.currentWidget() is page.box
    assert page.box.question.text() == "Q?"
    # The set-up form and the results wait until they are wanted.
    assert page._form is None and page._results is None
    page.show_list()
    page.show_ballot(list_ballots(second.context.db)[0].id)
    assert page._form is None and page._results is None


def test_a_new_vote_offers_next_season_and_starts_it(make_window, demo_url, qtbot, answers):
    # On the demo farm this season's crops are chosen, so a new vote is for next season,
    # which nobody has started yet: setting the vote up starts it.
    window = make_window(demo_url)
    sign_in(window, qtbot, "Sam")
    page = open_votes(window, qtbot)
    this_year = dt.date.today().year
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.form
    buttons = form.season_buttons
    assert [b.text() for b in buttons.values()] == [
        f"Next season: {this_year + 1}",
        f"This season: {this_year}",
    ]
    assert buttons[this_year + 1].isChecked()
    assert form.question.text() == f"What shall we grow in {this_year + 1}?"
    # The question follows the season chosen, until someone writes their own.
    qtbot.mouseClick(buttons[this_year], LEFT)
    assert form.question.text() == f"What shall we grow in {this_year}?"
    qtbot.mouseClick(buttons[this_year + 1], LEFT)
    assert form.question.text() == f"What shall we grow in {this_year + 1}?"
    form.question.clear()
    qtbot.keyClicks(form.question, "Which crops next year?")
    qtbot.mouseClick(buttons[this_year], LEFT)
    qtbot.mouseClick(buttons[this_year + 1], LEFT)
    assert form.question.text() == "Which crops next year?"
    for choice in list(form.choices.values())[:6]:
        qtbot.mouseClick(choice, LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert answers.messages == []

    # The page now shows next season, with its vote, and the season box has it.
    assert page.views.currentWidget() is page.list_view
    assert page.season.year == this_year + 1
    assert page.season_box.currentText() == str(this_year + 1)
    [ballot] = list_ballots(window.context.db, page.season.id)
    assert ballot.question == "Which crops next year?"
    assert (ballot.id, "start") in page.ballot_buttons
    # Changing a saved vote keeps its season, with no season to choose.
    qtbot.mouseClick(page.ballot_buttons[(ballot.id, "change")], LEFT)
    assert not form.season_buttons
    assert form.season_words.isVisible()
    assert form.season_words.text() == f"This vote is for the {this_year + 1} season."
