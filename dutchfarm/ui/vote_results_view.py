"""The results of a closed vote: the big chart, a sentence per winner, ties, print and save."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.terms import Role
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.vote_closing import (
    decide_tie,
    start_runoff,
    withdraw_decision,
)
from dutchfarm.services.vote_results import BallotResults, ballot_results
from dutchfarm.services.voting import (
    METHOD_WORDS,
    Outcome,
    delete_ballot,
    join_words,
)
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.theme import text_scale
from dutchfarm.ui.vote_cards import CardGrid
from dutchfarm.ui.widgets import Card, PictureButton, label, scaled
from dutchfarm.words import _, ngettext

if TYPE_CHECKING:
    from dutchfarm.ui.vote_chart import VoteChart

CHART_HEIGHT = 360


def _clear(layout: QLayout) -> None:
    """Take everything out of a layout, rows of pictures and words included."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            _clear(inner)
            inner.deleteLater()


def file_name(question: str, suffix: str) -> str:
    """Return a file name made from the question: "What shall we grow in 2027" -> …-results."""
    words = re.sub(r"[^A-Za-z0-9]+", "-", question).strip("-").lower() or "vote"
    return f"{words[:60]}-results.{suffix}"


class ResultsView(QWidget):
    """One closed vote's results, and what the group can do about a tie."""

    back_requested = Signal()
    # Show another ballot: a quick vote on this one's tie, or the vote it settles.
    ballot_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.results: BallotResults | None = None
        self.chart: VoteChart | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, scaled(8), 0)
        self.question = label("", "title")
        layout.addWidget(self.question)
        self.about = label("", "muted")
        layout.addWidget(self.about)
        # The chart takes the whole width, so that every crop's name stays big.
        self.chart_host = QVBoxLayout()
        layout.addLayout(self.chart_host)
        self.sentences = QVBoxLayout()
        self.sentences.setSpacing(scaled(10))
        layout.addLayout(self.sentences)
        self.rounds = QVBoxLayout()
        layout.addLayout(self.rounds)
        self.tie_card = self._build_tie_card()
        layout.addWidget(self.tie_card)
        links = QHBoxLayout()
        self.runoff_button = PictureButton("vote", _("See the quick vote"), large=True)
        self.runoff_button.clicked.connect(self._show_runoff)
        links.addWidget(self.runoff_button)
        self.parent_button = PictureButton("back", _("See the first vote"), large=True)
        self.parent_button.clicked.connect(self._show_parent)
        links.addWidget(self.parent_button)
        self.withdraw_button = PictureButton("undo", _("Take the decision back"), large=True)
        self.withdraw_button.clicked.connect(self.withdraw)
        links.addWidget(self.withdraw_button)
        links.addStretch(1)
        layout.addLayout(links)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        actions = QHBoxLayout()
        self.print_button = PictureButton("print", _("Print"), large=True)
        self.print_button.clicked.connect(self.print_results)
        actions.addWidget(self.print_button)
        self.png_button = PictureButton("save", _("Save as picture"), large=True)
        self.png_button.clicked.connect(self.save_picture)
        actions.addWidget(self.png_button)
        self.pdf_button = PictureButton("export", _("Save as PDF"), large=True)
        self.pdf_button.clicked.connect(self.save_pdf)
        actions.addWidget(self.pdf_button)
        actions.addStretch(1)
        self.back_button = PictureButton("back", _("All votes"), large=True)
        self.back_button.clicked.connect(self.back_requested.emit)
        actions.addWidget(self.back_button)
        outer.addLayout(actions)

    def _build_tie_card(self) -> Card:
        card = Card()
        top = QHBoxLayout()
        top.addWidget(_picture("warning", 40, _("A tie")))
        self.tie_words = label("", "heading")
        top.addWidget(self.tie_words, 1)
        card.body.addLayout(top)
        self.runoff_start = PictureButton("vote", _("Hold a quick vote"), large=True, primary=True)
        self.runoff_start.clicked.connect(self.hold_runoff)
        card.body.addWidget(self.runoff_start, 0, Qt.AlignmentFlag.AlignLeft)
        card.body.addWidget(label(_("Or the coordinator decides, and says why:")))
        self.decide_note = label(
            _("Only the coordinator can decide. The coordinator taps 'Change user' first."), "muted"
        )
        card.body.addWidget(self.decide_note)
        self.decide_grid = CardGrid(max(scaled(170), 60))
        card.body.addWidget(self.decide_grid)
        self.decide_buttons: dict[int, PictureButton] = {}
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("The reason for the decision"))
        self.reason.setPlaceholderText(_("The reason, for example: Peas grew well last year."))
        card.body.addWidget(self.reason)
        self.decide_button = PictureButton("coordinator", _("Record the decision"), large=True)
        self.decide_button.clicked.connect(self.decide)
        card.body.addWidget(self.decide_button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    # --- showing ---------------------------------------------------------------------------

    def show_ballot(self, ballot_id: int) -> None:
        """Load and show the results of the closed ballot ``ballot_id``."""
        self.results = ballot_results(self.context.db, ballot_id)
        self.refresh()
        self.scroll_area.verticalScrollBar().setValue(0)

    def reload(self) -> None:
        """Show the results again as they stand now (a tie may have been settled)."""
        if self.results is not None:
            try:
                self.results = ballot_results(self.context.db, self.results.ballot.id)
            except ServiceError:
                self.results = None
                self.back_requested.emit()
                return
        self.refresh()

    def refresh(self) -> None:
        """Fill the screen from the results held."""
        results = self.results
        if results is None:
            return
        ballot = results.ballot
        self.question.setText(ballot.question)
        people = ngettext(
            "{voters} person",
            "{voters} people",
            results.voters,
        ).format(voters=results.voters)
        about = _("How we voted: {method}.").format(method=METHOD_WORDS[ballot.method])
        if results.voters:
            about += _(" {people} voted.").format(people=people)
        if results.parent_question:
            about += _(" This quick vote settles a tie in: {parent_question}").format(
                parent_question=results.parent_question
            )
        self.about.setText(about)
        self._show_chart(results)
        _clear(self.sentences)
        for sentence in (*results.sentences, *results.settlement):
            self.sentences.addLayout(self._sentence_row(sentence, results.is_win(sentence)))
        if results.chosen_sentence:
            self.sentences.addLayout(
                _row("season", results.chosen_sentence, "heading", _("The season's crops"))
            )
        _clear(self.rounds)
        if results.rounds:
            self.rounds.addWidget(label(_("The count, round by round"), "heading"))
            for counted in results.rounds:
                self.rounds.addWidget(label(counted.sentence))
                self.rounds.addWidget(label(counted.totals_words, "muted"))
        self._show_tie(results)
        self.runoff_button.setVisible(ballot.runoff_id is not None)
        self.parent_button.setVisible(ballot.runoff_of_id is not None)
        coordinator = self.context.actor.role is Role.COORDINATOR
        self.withdraw_button.setVisible(ballot.outcome is Outcome.DECIDED and coordinator)

    def _sentence_row(self, sentence: str, won: bool) -> QHBoxLayout:
        return _row("tick" if won else None, sentence, "heading" if won else None, _("Chosen"))

    def _show_chart(self, results: BallotResults) -> None:
        if self.chart is None:
            # matplotlib is imported here, the first time a chart is shown.
            from dutchfarm.ui.vote_chart import VoteChart

            self.chart = VoteChart(scale=text_scale())
            self.chart.setFixedHeight(round(CHART_HEIGHT * max(1.0, text_scale() * 0.8)))
            self.chart_host.addWidget(self.chart)
        self.chart.show_results(results)

    def _show_tie(self, results: BallotResults) -> None:
        self.tie_card.setVisible(results.needs_choice)
        if not results.needs_choice:
            return
        places = ngettext(
            "the last place",
            "the last places",
            results.places_left,
        )
        self.tie_words.setText(
            _("How shall we choose between {0} for {places}?").format(
                join_words(results.tied, "and"), places=places
            )
        )
        self.runoff_start.set_label(
            _("Hold a quick vote on {0}").format(join_words(results.tied, "or"))
        )
        staff = self.context.actor.role in (Role.VOLUNTEER, Role.COORDINATOR)
        self.runoff_start.setEnabled(staff)
        coordinator = self.context.actor.role is Role.COORDINATOR
        self.decide_note.setVisible(not coordinator)
        tied = [option for option in results.options if option.tied]
        buttons = []
        self.decide_buttons = {}
        for option in tied:
            button = PictureButton(option.icon, option.plural, icon_size=48, vertical=True)
            button.setCheckable(True)
            button.setAccessibleName(_("Choose {plural}").format(plural=option.plural))
            button.setEnabled(coordinator)
            self.decide_buttons[option.crop_id] = button
            buttons.append(button)
        self.decide_grid.set_cards(list(buttons))
        for widget in (self.reason, self.decide_button):
            widget.setEnabled(coordinator)

    # --- ties ------------------------------------------------------------------------------

    def hold_runoff(self) -> None:
        """Start a quick vote on the tied crops and go to it."""
        if self.results is None:
            return
        runoff = self.context.run(
            self,
            start_runoff,
            self.context.db,
            self.context.actor,
            self.results.ballot.id,
            announce=(Topic.VOTES,),
        )
        if runoff is None:
            return
        self.context.offer_undo(
            _("The quick vote has started."),
            lambda: self._undo(delete_ballot, runoff.id),
        )
        self.ballot_requested.emit(runoff.id)

    def decide(self) -> None:
        """Record the coordinator's choice among the tied crops, with the reason."""
        if self.results is None:
            return
        chosen = [crop_id for crop_id, b in self.decide_buttons.items() if b.isChecked()]
        ballot_id = self.results.ballot.id
        decided = self.context.run(
            self,
            decide_tie,
            self.context.db,
            self.context.actor,
            ballot_id,
            chosen,
            self.reason.text(),
            announce=(Topic.VOTES,),
        )
        if decided is None:
            return
        self.reason.clear()
        self.reload()
        self.context.offer_undo(
            _("The decision is saved."), lambda: self._undo(withdraw_decision, ballot_id)
        )

    def withdraw(self) -> None:
        """Take the coordinator's decision back, so the tie is open again."""
        if self.results is not None:
            self._undo(withdraw_decision, self.results.ballot.id)

    def _undo(self, action: object, ballot_id: int) -> None:
        self.context.run(
            self,
            action,  # type: ignore[arg-type]
            self.context.db,
            self.context.actor,
            ballot_id,
            announce=(Topic.VOTES,),
        )
        self.reload()

    def _show_runoff(self) -> None:
        if self.results is not None and self.results.ballot.runoff_id is not None:
            self.ballot_requested.emit(self.results.ballot.runoff_id)

    def _show_parent(self) -> None:
        if self.results is not None and self.results.ballot.runoff_of_id is not None:
            self.ballot_requested.emit(self.results.ballot.runoff_of_id)

    # --- paper and files -------------------------------------------------------------------

    def print_results(self) -> None:
        """Print the results sheet on a printer chosen in the print dialog."""
        if self.results is None:
            return
        printer = dialogs.choose_printer(self)
        if printer is None:
            return
        from dutchfarm.ui.vote_sheet import print_sheet

        if not print_sheet(printer, self.results):
            dialogs.warn(self, _("That did not print"), _("The printer could not start. Is it on?"))

    def save_picture(self) -> None:
        """Save the results sheet as a PNG picture."""
        self._save(_("Save the results as a picture"), "png", _("Pictures (*.png)"))

    def save_pdf(self) -> None:
        """Save the results sheet as a PDF."""
        self._save(_("Save the results as a PDF"), "pdf", _("PDF files (*.pdf)"))

    def _save(self, title: str, suffix: str, kinds: str) -> None:
        results = self.results
        if results is None:
            return
        path = dialogs.save_file(self, title, file_name(results.ballot.question, suffix), kinds)
        if not path:
            return
        if not path.lower().endswith(f".{suffix}"):
            path += f".{suffix}"
        from dutchfarm.ui.vote_sheet import save_pdf, save_png

        saved = (save_pdf if suffix == "pdf" else save_png)(path, results)
        if saved:
            dialogs.tell(self, _("Saved"), _("The results are saved in {path}.").format(path=path))
        else:
            dialogs.warn(self, _("That did not save"), _("The file could not be written there."))


def _picture(name: str, size: int, description: str) -> QLabel:
    picture = QLabel()
    picture.setPixmap(icons.pixmap(name, scaled(size)))
    picture.setFixedSize(scaled(size), scaled(size))
    picture.setAccessibleName(description)
    return picture


def _row(icon_name: str | None, words: str, role: str | None, description: str) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(scaled(8))
    if icon_name:
        row.addWidget(_picture(icon_name, 32, description), 0, Qt.AlignmentFlag.AlignTop)
    else:
        spacer = QWidget()
        spacer.setFixedSize(scaled(32), 1)
        row.addWidget(spacer)
    row.addWidget(label(words, role), 1)
    return row
