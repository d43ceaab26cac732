"""The voting screen for a group around one PC: tap your picture, vote on the cards, tap Done."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.terms import BallotMethod, Role
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.people import PersonInfo, list_people
from dutchfarm.services.voting import (
    METHOD_HOW,
    AlreadyVoted,
    BallotInfo,
    cast_vote,
    check_voter,
    get_ballot,
    who_has_voted,
)
from dutchfarm.ui import dialogs, icons, keyboard
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.vote_cards import (
    CardGrid,
    CropCard,
    VoterButton,
    dots_words,
    ordinal,
    row_of,
)
from dutchfarm.ui.vote_hands import HandsCount
from dutchfarm.ui.widgets import PictureButton, label, scaled
from dutchfarm.words import _, ngettext

INSTRUCTIONS = {
    BallotMethod.DOTS: _("Tap a crop to give it a dot. Tap − to take a dot off."),
    BallotMethod.APPROVAL: _("Tap every crop you would be happy to grow."),
    BallotMethod.RANKED: _("Tap your favourite crop first. Then tap your next favourite."),
}


def how_we_vote(ballot: BallotInfo) -> str:
    """Return how this vote works, in Easy Read sentences."""
    seats = ngettext(
        "{seats} crop will win.",
        "{seats} crops will win.",
        ballot.seats,
    ).format(seats=ballot.seats)
    if ballot.method is BallotMethod.DOTS:
        how = _("Everyone has {dots_per_voter}. Put them on the crops you like.").format(
            dots_per_voter=dots_words(ballot.dots_per_voter)
        )
        if ballot.cap_per_option is not None:
            how += _(" Up to {cap_per_option} on one crop.").format(
                cap_per_option=dots_words(ballot.cap_per_option)
            )
    else:
        how = METHOD_HOW[ballot.method]
    return f"{how} {seats}"


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class BallotBox(QWidget):
    """One open vote: everyone's picture, then the crop cards for whoever tapped theirs."""

    back_requested = Signal()
    close_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ballot: BallotInfo | None = None
        self.voter: PersonInfo | None = None
        self.marks: dict[int, int] = {}
        self.voter_buttons: dict[int, VoterButton] = {}
        self.cards: dict[int, CropCard] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stages = QStackedWidget()
        layout.addWidget(self.stages)
        self.pick = self._build_pick()
        self.voting = self._build_voting()
        self.hands_stage = HandsCount(context)
        self.hands_stage.back_requested.connect(self.back_requested.emit)
        self.hands_stage.close_requested.connect(self.close_requested.emit)
        for stage in (self.pick, self.voting, self.hands_stage):
            self.stages.addWidget(stage)

    # --- building --------------------------------------------------------------------------

    def _build_pick(self) -> QWidget:
        stage = QWidget()
        outer = QVBoxLayout(stage)
        outer.setContentsMargins(0, 0, 0, 0)
        # Everything above the buttons scrolls as one, so big text never squeezes the pictures.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, scaled(8), 0)
        self.question = label("", "title")
        layout.addWidget(self.question)
        self.how = label("")
        layout.addWidget(self.how)
        tie = QHBoxLayout()
        tie.addWidget(_picture("help", 28, _("About ties")), 0, Qt.AlignmentFlag.AlignTop)
        self.tie_rule = label("", "muted")
        tie.addWidget(self.tie_rule, 1)
        layout.addLayout(tie)
        self.thanks = label("", "heading")
        self.thanks.setAccessibleName(_("Thank you"))
        layout.addWidget(self.thanks)
        self.tap_words = label(_("Tap your picture to vote."), "heading")
        layout.addWidget(self.tap_words)
        self.voter_grid = CardGrid(max(scaled(150), 60))
        layout.addWidget(self.voter_grid)
        layout.addStretch(1)
        self.pick_scroll = _scrolling(body)
        outer.addWidget(self.pick_scroll, 1)
        bottom = QHBoxLayout()
        self.count_words = label("")
        bottom.addWidget(self.count_words, 1)
        self.back_button = PictureButton("back", _("All votes"), large=True)
        self.back_button.clicked.connect(self.back_requested.emit)
        bottom.addWidget(self.back_button)
        self.close_button = PictureButton("lock", _("Close the vote"), large=True)
        self.close_button.setToolTip(_("Stop the vote and show the results"))
        self.close_button.clicked.connect(self.close_requested.emit)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)
        return stage

    def _build_voting(self) -> QWidget:
        stage = QWidget()
        layout = QVBoxLayout(stage)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.voter_picture = QLabel()
        top.addWidget(self.voter_picture)
        words = QVBoxLayout()
        words.setSpacing(scaled(4))
        self.turn = label("", "heading")
        words.addWidget(self.turn)
        self.instruction = label("")
        words.addWidget(self.instruction)
        left = QHBoxLayout()
        self.left_picture = QLabel()
        self.left_picture.setAccessibleName(_("Your dots"))
        left.addWidget(self.left_picture)
        self.left_words = label("", "heading")
        left.addWidget(self.left_words, 1)
        words.addLayout(left)
        top.addLayout(words, 1)
        layout.addLayout(top)
        self.hint = label("", "warning")
        self.hint.hide()
        layout.addWidget(self.hint)
        self.card_grid = CardGrid(max(scaled(200), 60))
        layout.addWidget(_scrolling(self.card_grid), 1)
        bottom = QHBoxLayout()
        self.not_me = PictureButton("back", _("Not me"), large=True)
        self.not_me.setToolTip(_("Go back to the pictures without voting"))
        self.not_me.clicked.connect(self.show_pictures)
        bottom.addWidget(self.not_me)
        self.again = PictureButton("undo", _("Start again"), large=True)
        self.again.clicked.connect(self.start_again)
        bottom.addWidget(self.again)
        bottom.addStretch(1)
        self.done_button = PictureButton("done", _("Done"), icon_size=40, large=True, primary=True)
        self.done_button.setToolTip(_("Put my vote in the box"))
        self.done_button.clicked.connect(self.done)
        bottom.addWidget(self.done_button)
        layout.addLayout(bottom)
        return stage

    # --- showing a ballot ------------------------------------------------------------------

    def load(self, ballot: BallotInfo) -> None:
        """Show ``ballot`` from the start: everyone's picture, and nobody's votes."""
        self.ballot = ballot
        self.thanks.clear()
        self.question.setText(ballot.question)
        self.how.setText(how_we_vote(ballot))
        self.tie_rule.setText(ballot.tie_rule)
        if ballot.method is BallotMethod.HANDS:
            self.hands_stage.load(ballot)
            self.stages.setCurrentWidget(self.hands_stage)
            self.refresh()
            return
        crop_cards = [CropCard(option, ballot.method) for option in ballot.options]
        for crop_card in crop_cards:
            crop_card.tapped.connect(self.tap_crop)
            crop_card.taken_off.connect(self.take_off)
        self.cards = {crop_card.option.crop_id: crop_card for crop_card in crop_cards}
        self.card_grid.set_cards(list(crop_cards))
        people = list_people(self.context.db)
        voters = [VoterButton(person) for person in people]
        for voter in voters:
            voter.clicked.connect(lambda _=False, p=voter.person: self.choose_voter(p))
        self.voter_buttons = {voter.person.id: voter for voter in voters}
        self.voter_grid.set_cards(list(voters))
        keyboard.tab_order(
            [
                *voters,
                self.back_button,
                self.close_button,
                *(button for card in crop_cards for button in (card.tap, card.minus)),
                self.not_me,
                self.again,
                self.done_button,
            ]
        )
        self.show_pictures()
        self.refresh()

    def refresh(self) -> None:
        """Show who has voted so far (ticks only) and what the current user may do."""
        if self.ballot is None:
            return
        ballot = get_ballot(self.context.db, self.ballot.id)
        self.ballot = ballot
        staff = self.context.actor.role in (Role.VOLUNTEER, Role.COORDINATOR)
        self.close_button.setVisible(staff)
        self.hands_stage.allow(staff)
        if ballot.method is BallotMethod.HANDS:
            return
        voted = who_has_voted(self.context.db, ballot.id)
        for person_id, voter in self.voter_buttons.items():
            voter.set_voted(person_id in voted)
        everyone = len(self.voter_buttons)
        done = sum(1 for person_id in self.voter_buttons if person_id in voted)
        people = ngettext(
            "{done} person has",
            "{done} people have",
            done,
        ).format(done=done)
        self.count_words.setText(
            _("{people} voted, out of {everyone}.").format(people=people, everyone=everyone)
        )

    def first_control(self) -> QWidget | None:
        """Return where the keyboard starts: the next person still to vote, or the first card."""
        if self.stages.currentWidget() is self.voting:
            first = next(iter(self.cards.values()), None)
            return first.tap if first is not None else None
        if self.stages.currentWidget() is self.pick:
            waiting = [v for v in self.voter_buttons.values() if not v.has_voted]
            if waiting:
                return waiting[0]
        return keyboard.first_control(self.stages.currentWidget())

    def go_back(self) -> bool:
        """Escape: end a turn without voting (back to the pictures); False on the pictures."""
        if self.stages.currentWidget() is not self.voting:
            return False
        self.show_pictures()
        return True

    def show_pictures(self) -> None:
        """Go back to everyone's pictures, forgetting any marks not put in the box."""
        turn = self.voter
        self.voter = None
        self.marks = {}
        for card in self.cards.values():
            card.show_value(0)
        if self.ballot is not None and self.ballot.method is BallotMethod.HANDS:
            self.stages.setCurrentWidget(self.hands_stage)
        else:
            self.stages.setCurrentWidget(self.pick)
        if turn is not None and self.isVisible():
            # The keyboard goes back to the picture of whoever's turn it was.
            keyboard.give_focus(self.voter_buttons.get(turn.id) or self)

    # --- one person's turn -----------------------------------------------------------------

    def choose_voter(self, person: PersonInfo) -> None:
        """Start ``person``'s turn, or tell them kindly why not."""
        if self.ballot is None:
            return
        try:
            check_voter(self.context.db, self.context.actor, self.ballot.id, person.id)
        except AlreadyVoted as kindly:
            dialogs.tell(self, _("Thank you"), str(kindly))
            return
        except ServiceError as error:
            dialogs.tell(self, _("Not this time"), str(error))
            return
        self.voter = person
        self.marks = {}
        self.thanks.clear()
        size = scaled(80)
        self.voter_picture.setPixmap(
            icons.person_pixmap(person.name, person.colour, person.avatar, person.photo, size)
        )
        self.voter_picture.setAccessibleName(_("Picture of {name}").format(name=person.name))
        self.turn.setText(_("{name}, it is your turn.").format(name=person.name))
        self.instruction.setText(INSTRUCTIONS[self.ballot.method])
        self._show_marks()
        self.stages.setCurrentWidget(self.voting)
        control = self.first_control()
        if control is not None:
            keyboard.give_focus(control)

    def _say(self, words: str) -> None:
        self.hint.setText(words)
        self.hint.setVisible(bool(words))

    def tap_crop(self, crop_id: int) -> None:
        """Add a dot, a thumbs up or the next place to a crop."""
        ballot = self.ballot
        if ballot is None:
            return
        value = self.marks.get(crop_id, 0)
        name = self.cards[crop_id].option.plural
        self._say("")
        if ballot.method is BallotMethod.DOTS:
            cap = ballot.cap_per_option
            if sum(self.marks.values()) >= ballot.dots_per_voter:
                self._say(_("You have no dots left. Tap − on a crop to take a dot off."))
            elif cap is not None and value >= cap:
                self._say(
                    _("{name} have {cap}. That is the most for one crop.").format(
                        name=name, cap=dots_words(cap)
                    )
                )
            else:
                self.marks[crop_id] = value + 1
        elif ballot.method is BallotMethod.APPROVAL:
            if value:
                del self.marks[crop_id]
            else:
                self.marks[crop_id] = 1
        elif value:
            self._say(
                _("{name} are your {value} choice. Tap − to take them out.").format(
                    name=name, value=ordinal(value)
                )
            )
        else:
            self.marks[crop_id] = len(self.marks) + 1
        self._show_marks()

    def take_off(self, crop_id: int) -> None:
        """Take a dot, a thumbs up or a place off a crop."""
        value = self.marks.get(crop_id, 0)
        self._say("")
        if not value or self.ballot is None:
            self._show_marks()
            return
        if self.ballot.method is BallotMethod.DOTS and value > 1:
            self.marks[crop_id] = value - 1
        else:
            del self.marks[crop_id]
        if self.ballot.method is BallotMethod.RANKED:
            # The crops after it move up one place, so the order has no gap.
            for other, place in list(self.marks.items()):
                if place > value:
                    self.marks[other] = place - 1
        self._show_marks()

    def start_again(self) -> None:
        """Take every mark off and start this turn again."""
        self.marks = {}
        self._say("")
        self._show_marks()

    def dots_left(self) -> int:
        """Return how many dots the voter has not placed yet."""
        if self.ballot is None or self.ballot.method is not BallotMethod.DOTS:
            return 0
        return self.ballot.dots_per_voter - sum(self.marks.values())

    def _show_marks(self) -> None:
        ballot = self.ballot
        if ballot is None:
            return
        for crop_id, card in self.cards.items():
            card.show_value(self.marks.get(crop_id, 0))
        size = scaled(32)
        if ballot.method is BallotMethod.DOTS:
            left = self.dots_left()
            self.left_picture.setPixmap(row_of("dot", left, size))
            self.left_picture.setVisible(left > 0)
            words = (
                _("{left} left").format(left=dots_words(left))
                if left
                else _("No dots left. Tap Done.")
            )
        elif ballot.method is BallotMethod.APPROVAL:
            chosen = len(self.marks)
            self.left_picture.setPixmap(row_of("thumbs_up", 1, size))
            self.left_picture.setVisible(True)
            crops = ngettext(
                "{chosen} crop",
                "{chosen} crops",
                chosen,
            ).format(chosen=chosen)
            words = (
                _("You said yes to {crops}.").format(crops=crops)
                if chosen
                else _("Tap the crops you like.")
            )
        else:
            placed = len(self.marks)
            self.left_picture.setPixmap(row_of("ranked", 1, size))
            self.left_picture.setVisible(True)
            if not placed:
                words = _("Tap your favourite crop.")
            elif placed == len(self.cards):
                words = _("All crops are in order. Tap Done.")
            else:
                words = _("Now tap your {0} choice, or tap Done.").format(ordinal(placed + 1))
        self.left_words.setText(words)
        self.left_picture.setAccessibleName(words)

    def done(self) -> None:
        """Put the vote in the box; the screen clears for the next person."""
        ballot, voter = self.ballot, self.voter
        if ballot is None or voter is None:
            return
        left = self.dots_left()
        if (
            self.marks
            and left
            and not dialogs.ask(
                self,
                _("Are you done?"),
                _("You have {left} left. Are you done?").format(left=dots_words(left)),
                yes=_("Yes, I am done"),
                no=_("Use my dots"),
            )
        ):
            return
        try:
            receipt = cast_vote(
                self.context.db, self.context.actor, ballot.id, voter.id, self.marks
            )
        except AlreadyVoted as kindly:
            dialogs.tell(self, _("Thank you"), str(kindly))
            self.show_pictures()
            return
        except ServiceError as error:
            self._say(str(error))
            return
        self.show_pictures()
        self.thanks.setText(
            _("Thank you, {voter_name}. Your vote is in.").format(voter_name=receipt.voter_name)
        )
        self.pick_scroll.verticalScrollBar().setValue(0)
        self.context.announce(Topic.VOTES)
        self.refresh()
        # The next person to vote finds the keyboard on the first picture still to vote.
        control = self.first_control()
        if control is not None and self.isVisible():
            keyboard.give_focus(control)


def _picture(name: str, size: int, description: str) -> QLabel:
    picture = QLabel()
    picture.setPixmap(icons.pixmap(name, scaled(size)))
    picture.setAccessibleName(description)
    return picture
