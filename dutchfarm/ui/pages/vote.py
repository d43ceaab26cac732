"""The Vote page: the season's crop votes, setting one up, voting on one PC, and the results."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.terms import BallotStatus, Role
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.farm import SeasonInfo, list_seasons, season_of_year
from dutchfarm.services.vote_closing import (
    close_ballot,
    reopen_ballot,
)
from dutchfarm.services.vote_seasons import seasons_for_a_new_vote
from dutchfarm.services.voting import (
    METHOD_ICONS,
    METHOD_WORDS,
    BallotInfo,
    Outcome,
    chosen_crops,
    create_ballot,
    delete_ballot,
    get_ballot,
    join_words,
    list_ballots,
    open_ballot,
    return_to_draft,
)
from dutchfarm.ui import dialogs, icons, keyboard
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.pages.base import Page
from dutchfarm.ui.theme import TARGET_LARGE
from dutchfarm.ui.vote_box import BallotBox
from dutchfarm.ui.vote_cards import CardGrid
from dutchfarm.ui.vote_results_view import ResultsView
from dutchfarm.ui.vote_setup import BallotForm
from dutchfarm.ui.widgets import Card, PictureButton, label, scaled
from dutchfarm.words import _, ngettext


def status_words(ballot: BallotInfo, runoff: BallotInfo | None = None) -> str:
    """Return where a ballot stands, in plain words."""
    if ballot.runoff_of_id is not None and ballot.outcome is Outcome.CHOSEN:
        return _("A quick vote on a tie. Closed. The tie is settled.")
    if ballot.status is BallotStatus.DRAFT:
        return _("Being set up. Nobody can vote yet.")
    if ballot.status is BallotStatus.OPEN:
        people = ngettext(
            "{voted} person has",
            "{voted} people have",
            ballot.voted,
        ).format(voted=ballot.voted)
        return (
            _("Open now. {people} voted.").format(people=people)
            if ballot.voted
            else _("Open now. Nobody has voted yet.")
        )
    if ballot.outcome is Outcome.TIED:
        return _("Closed. There is a tie, so the group needs to choose.")
    if ballot.outcome is Outcome.RUNOFF:
        if runoff is not None and runoff.status is BallotStatus.OPEN:
            return _("Closed. A quick vote on the tie is open now.")
        return _("Closed. A quick vote settled the tie.")
    if ballot.outcome is Outcome.DECIDED:
        return _("Closed. The coordinator settled the tie.")
    return _("Closed. The crops are chosen.")


def _picture(name: str, size: int, description: str) -> QLabel:
    picture = QLabel()
    picture.setPixmap(icons.pixmap(name, scaled(size)))
    picture.setFixedSize(scaled(size), scaled(size))
    picture.setAccessibleName(description)
    return picture


class VotePage(Page):
    """The season's votes; a vote open now is shown first, ready for the group."""

    name = "vote"
    title = _("Vote")
    icon_name = "vote"
    topics = frozenset({Topic.VOTES, Topic.SEASONS, Topic.PEOPLE, Topic.USER})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.seasons: list[SeasonInfo] = []
        self.season: SeasonInfo | None = None
        self.ballots: list[BallotInfo] = []
        self._landed = False
        self.views = QStackedWidget()
        self.outer.addWidget(self.views, 1)
        self.list_view = self._build_list()
        self.box = BallotBox(context)
        self.box.back_requested.connect(self.show_list)
        self.box.close_requested.connect(self.close_vote)
        for view in (self.list_view, self.box):
            self.views.addWidget(view)
        # The set-up form and the results are made the first time they are wanted: most
        # visits show an open vote or the list, and need neither.
        self._form: BallotForm | None = None
        self._results: ResultsView | None = None

    @property
    def form(self) -> BallotForm:
        """Return the form that sets up a vote, making it the first time."""
        if self._form is None:
            self._form = BallotForm(self.context)
            self._form.cancelled.connect(self.show_list)
            self._form.saved.connect(self._saved)
            self.views.addWidget(self._form)
        return self._form

    @property
    def results(self) -> ResultsView:
        """Return the view of a closed vote's results, making it the first time."""
        if self._results is None:
            self._results = ResultsView(self.context)
            self._results.back_requested.connect(self.show_list)
            self._results.ballot_requested.connect(self.show_ballot)
            self.views.addWidget(self._results)
        return self._results

    # --- the list of votes -----------------------------------------------------------------

    def _build_list(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(_picture("season", 36, _("Season")))
        top.addWidget(label(_("Season")))
        self.season_box = QComboBox()
        self.season_box.setAccessibleName(_("Season"))
        self.season_box.setMinimumSize(max(TARGET_LARGE, scaled(140)), TARGET_LARGE)
        self.season_box.currentIndexChanged.connect(self._season_chosen)
        top.addWidget(self.season_box)
        top.addStretch(1)
        self.new_button = PictureButton("add", _("Start a new vote"), large=True, primary=True)
        self.new_button.clicked.connect(self.new_vote)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.chosen_row = QHBoxLayout()
        layout.addLayout(self.chosen_row)
        self.empty_words = label(_("There are no votes in this season yet."), "heading")
        layout.addWidget(self.empty_words)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards_host = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_host)
        self.cards_layout.setContentsMargins(0, 0, scaled(8), 0)
        self.cards_layout.setSpacing(scaled(12))
        scroll.setWidget(self.cards_host)
        layout.addWidget(scroll, 1)
        self.ballot_buttons: dict[tuple[int, str], PictureButton] = {}
        return view

    def refresh(self) -> None:
        """Reload what the view on show needs; the first time, go straight to an open vote."""
        self.seasons = list_seasons(self.context.db)
        known = {season.id: season for season in self.seasons}
        if self.season is None or self.season.id not in known:
            # The season of this year, from the list just read rather than read again.
            self.season = season_of_year(self.seasons, dt.date.today().year)
        else:
            self.season = known[self.season.id]
        self.season_box.blockSignals(True)
        self.season_box.clear()
        for season in self.seasons:
            self.season_box.addItem(str(season.year), season.id)
        if self.season is not None:
            self.season_box.setCurrentIndex(self.season_box.findData(self.season.id))
        self.season_box.blockSignals(False)
        self.ballots = list_ballots(self.context.db, self.season.id) if self.season else []
        staff = self.context.actor.role in (Role.VOLUNTEER, Role.COORDINATOR)
        self.new_button.setVisible(staff)
        if not self._landed:
            self._landed = True
            open_now = next((b for b in self.ballots if b.status is BallotStatus.OPEN), None)
            if open_now is not None:
                self.show_ballot(open_now.id)
                return
        current = self.views.currentWidget()
        if current is self.box:
            self._refresh_box()
        elif self._results is not None and current is self._results:
            self._results.reload()
        elif current is self.list_view:
            self._fill_list()

    def _refresh_box(self) -> None:
        ballot = self.box.ballot
        if ballot is None:
            self.show_list()
            return
        try:
            now = get_ballot(self.context.db, ballot.id)
        except ServiceError:
            # The vote was removed (by Undo): back to the list.
            self.show_list()
            return
        if now.status is not BallotStatus.OPEN:
            self.show_ballot(now.id)
            return
        self.box.refresh()

    def _fill_list(self) -> None:
        _clear_row(self.cards_layout)
        _clear_row(self.chosen_row)
        self.ballot_buttons = {}
        if self.season is not None:
            chosen = chosen_crops(self.context.db, self.season.id)
            if chosen:
                self.chosen_row.addWidget(_picture("tick", 32, _("Chosen")))
                for crop in chosen:
                    self.chosen_row.addWidget(_picture(crop.icon, 32, crop.plural))
                names = join_words([crop.plural for crop in chosen])
                self.chosen_row.addWidget(
                    label(
                        _("The crops for {year}: {names}.").format(
                            year=self.season.year, names=names
                        ),
                        "heading",
                    ),
                    1,
                )
        self.empty_words.setVisible(not self.ballots)
        if self.season is None:
            self.empty_words.setText(_("No season has started yet. Start one in Settings."))
        else:
            self.empty_words.setText(_("There are no votes in this season yet."))
        by_id = {ballot.id: ballot for ballot in self.ballots}
        for ballot in self.ballots:
            runoff = by_id.get(ballot.runoff_id) if ballot.runoff_id else None
            self.cards_layout.addWidget(self._ballot_card(ballot, runoff))
        self.cards_layout.addStretch(1)

    def _ballot_card(self, ballot: BallotInfo, runoff: BallotInfo | None) -> Card:
        card = Card()
        top = QHBoxLayout()
        top.addWidget(_picture(METHOD_ICONS[ballot.method], 48, METHOD_WORDS[ballot.method]))
        words = QVBoxLayout()
        words.addWidget(label(ballot.question, "heading"))
        words.addWidget(label(f"{METHOD_WORDS[ballot.method]}. {status_words(ballot, runoff)}"))
        top.addLayout(words, 1)
        card.body.addLayout(top)
        crops = CardGrid(scaled(52), fill=False)
        crops.set_cards([_picture(o.icon, 48, o.plural) for o in ballot.options])
        card.body.addWidget(crops)
        card.body.addWidget(
            label(join_words([option.plural for option in ballot.options]), "muted")
        )
        buttons = QHBoxLayout()
        staff = self.context.actor.role in (Role.VOLUNTEER, Role.COORDINATOR)
        if ballot.status is BallotStatus.OPEN:
            self._button(buttons, ballot, "vote", "vote", _("Vote now"), primary=True)
        elif ballot.status is BallotStatus.CLOSED:
            self._button(buttons, ballot, "results", "chart", _("See the results"), primary=True)
        elif staff:
            self._button(buttons, ballot, "start", "vote", _("Start the vote"), primary=True)
            self._button(buttons, ballot, "change", "edit", _("Change"))
            self._button(buttons, ballot, "remove", "delete", _("Remove"))
        buttons.addStretch(1)
        card.body.addLayout(buttons)
        return card

    def _button(
        self,
        row: QHBoxLayout,
        ballot: BallotInfo,
        key: str,
        icon_name: str,
        words: str,
        *,
        primary: bool = False,
    ) -> None:
        button = PictureButton(icon_name, words, large=True, primary=primary)
        button.setAccessibleName(f"{words}: {ballot.question}")
        actions = {
            "vote": lambda: self.show_ballot(ballot.id),
            "results": lambda: self.show_ballot(ballot.id),
            "start": lambda: self.start_vote(ballot),
            "change": lambda: self.change_vote(ballot),
            "remove": lambda: self.remove_vote(ballot),
        }
        button.clicked.connect(actions[key])
        self.ballot_buttons[(ballot.id, key)] = button
        row.addWidget(button)

    def _season_chosen(self, index: int) -> None:
        season_id = self.season_box.itemData(index)
        self.season = next((s for s in self.seasons if s.id == season_id), self.season)
        self.show_list()

    # --- moving between views --------------------------------------------------------------

    def first_control(self) -> QWidget | None:
        """Return where the keyboard starts in the view on show."""
        view = self.views.currentWidget()
        if view is self.box:
            return self.box.first_control()
        if self._form is not None and view is self._form:
            return self._form.question
        return keyboard.first_control(view)

    def go_back(self) -> bool:
        """Escape: end a turn, or go back from a vote to the list of votes."""
        view = self.views.currentWidget()
        if view is self.list_view:
            return False
        if not (view is self.box and self.box.go_back()):
            self.show_list()
        return True

    def _switch(self, view: QWidget) -> None:
        self.views.setCurrentWidget(view)
        if self.isVisible():
            control = self.first_control()
            if control is not None:
                keyboard.give_focus(control)

    def show_list(self) -> None:
        """Show the season's votes."""
        self.views.setCurrentWidget(self.list_view)
        self.reload()
        self._switch(self.list_view)

    def show_ballot(self, ballot_id: int) -> None:
        """Show a vote as it stands: set-up, voting, or its results."""
        ballot = get_ballot(self.context.db, ballot_id)
        if ballot.status is BallotStatus.OPEN:
            self.box.load(ballot)
            self._switch(self.box)
        elif ballot.status is BallotStatus.CLOSED:
            self.results.show_ballot(ballot.id)
            self._switch(self.results)
        else:
            self.change_vote(ballot)

    def new_vote(self) -> None:
        """Open the set-up form for a new vote: for next season once this one has its crops."""
        seasons = seasons_for_a_new_vote(self.context.db)
        if not seasons:
            return
        shown = next((s for s in seasons if self.season and s.year == self.season.year), None)
        first = shown if shown is not None and not shown.crops_chosen else seasons[0]
        self.form.start_new(seasons, first.year)
        self._switch(self.form)

    def change_vote(self, ballot: BallotInfo) -> None:
        """Open the set-up form on a vote not started yet."""
        self.form.edit(ballot)
        self._switch(self.form)

    def _saved(self, ballot: BallotInfo, started: bool) -> None:
        # The vote may be for another season (next season, perhaps just started): show that.
        self.seasons = list_seasons(self.context.db)
        self.season = next((s for s in self.seasons if s.id == ballot.season_id), self.season)
        if started:
            self.show_ballot(ballot.id)
        else:
            self.show_list()

    # --- actions ---------------------------------------------------------------------------

    def start_vote(self, ballot: BallotInfo) -> None:
        """Start a vote that was saved for later."""
        opened = self.context.run(
            self,
            open_ballot,
            self.context.db,
            self.context.actor,
            ballot.id,
            announce=(Topic.VOTES,),
        )
        if opened is None:
            return
        self.context.offer_undo(
            _("The vote has started."), lambda: self._undo(return_to_draft, ballot.id)
        )
        self.show_ballot(opened.id)

    def remove_vote(self, ballot: BallotInfo) -> None:
        """Remove a vote nobody has voted on, after asking; Undo sets it up again."""
        if not dialogs.ask(
            self,
            _("Remove this vote?"),
            _('Remove the vote "{question}"? Nobody has voted on it yet.').format(
                question=ballot.question
            ),
            yes=_("Remove it"),
        ):
            return
        removed = self.context.run(
            self,
            delete_ballot,
            self.context.db,
            self.context.actor,
            ballot.id,
            announce=(Topic.VOTES,),
        )
        if removed is None:
            return
        season_id, draft = ballot.season_id, ballot.draft()
        self.context.offer_undo(
            _("The vote was removed."), lambda: self._undo(create_ballot, season_id, draft)
        )
        self.show_list()

    def close_vote(self) -> None:
        """Close the open vote after asking, and show the results; Undo opens it again."""
        ballot = self.box.ballot
        if ballot is None or not dialogs.ask(
            self,
            _("Close the vote?"),
            _("Nobody can vote after this. Then the results will show."),
            yes=_("Close the vote"),
            no=_("Keep it open"),
        ):
            return
        closed = self.context.run(
            self,
            close_ballot,
            self.context.db,
            self.context.actor,
            ballot.id,
            announce=(Topic.VOTES,),
        )
        if closed is None:
            return
        earlier = closed.earlier_choice
        self.context.offer_undo(
            _("The vote is closed."), lambda: self._undo(reopen_ballot, ballot.id, earlier)
        )
        self.show_ballot(ballot.id)

    def _undo(self, action: object, *args: object) -> None:
        self.context.run(
            self,
            action,  # type: ignore[arg-type]
            self.context.db,
            self.context.actor,
            *args,
            announce=(Topic.VOTES,),
        )
        self.show_list()


def _clear_row(layout: QHBoxLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            # Hidden at once: deleteLater only takes it away when control returns to Qt.
            widget.hide()
            widget.deleteLater()
