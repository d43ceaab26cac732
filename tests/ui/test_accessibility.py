"""Every screen, at every text size and in both themes, on the demo farm.

Each control a person can use is named, reachable by Tab and big enough (bigger on the
screens a service user works on alone); every picture is named; words reach the theme's
contrast on what they are drawn on, and pictures on buttons stand out; no words are cut
off and nothing lies on top of anything else.
"""

import datetime as dt
import shutil
from dataclasses import dataclass

import pytest
from contrast_checks import MEASURED_SIZE, OUTLINE_SHARE, outline_share
from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize
from PySide6.QtGui import QPalette, Qt, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabBar,
    QToolButton,
    QWidget,
)

from dutchfarm.services.ballot_box import BallotDraft
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.farm import current_season
from dutchfarm.services.people import list_people
from dutchfarm.services.rota import make_day_rota
from dutchfarm.services.rota_day import set_attendance
from dutchfarm.services.voting import create_ballot, open_ballot
from dutchfarm.settings import TEXT_SCALES
from dutchfarm.ui.colours import THEMES, contrast_ratio
from dutchfarm.ui.help_content import COORDINATOR, STAFF, help_for
from dutchfarm.ui.help_dialog import HelpDialog
from dutchfarm.ui.main_window import PAGES
from dutchfarm.ui.theme import (
    FOCUS_RING,
    PADDING_X,
    TARGET,
    TARGET_LARGE,
    colours,
    service_user_screens,
)
from dutchfarm.ui.views import VIEWS, Cast, find_cast, page_of

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
)
# The window's size on a small laptop, as in the screenshots.
WINDOW = (1280, 800)
# The room Qt leaves between a button's picture and its words.
SPACING = 4
# The padding inside a text box, from the style sheet.
BOX_PADDING = 6
# Item views are checked cell by cell for at most this many rows: enough to see the colours.
ROWS_CHECKED = 30


@dataclass
class Farm:
    """The demo farm with a rota made for today and a vote open, and who uses it."""

    url: str
    cast: Cast


@pytest.fixture(scope="module")
def farm(demo_template, tmp_path_factory, _postgres_templates):
    """One copy of the demo farm for the whole module: the screens only read it."""
    from dutchfarm.db.database import open_database

    if _postgres_templates:
        import pgtestdb as postgres

        url = postgres.fresh_database(postgres.DEMO_TEMPLATE)
    else:
        path = tmp_path_factory.mktemp("a11y") / "demo.sqlite"
        shutil.copyfile(demo_template, path)
        url = f"sqlite:///{path}"
    db = open_database(url)
    coordinator = find_cast(db).coordinator
    today = dt.date.today()
    for person in list_people(db)[:8]:
        set_attendance(db, coordinator, today, person.id, True)
    make_day_rota(db, coordinator, today)
    season = current_season(db)
    crops = tuple(c.id for c in list_crops(db)[:8])
    draft = BallotDraft("What shall we grow next year?", seats=3, crop_ids=crops)
    open_ballot(db, coordinator, create_ballot(db, coordinator, season.id, draft).id)
    cast = find_cast(db)
    db.close()
    yield Farm(url, cast)
    if _postgres_templates:
        postgres.drop(url)


@pytest.fixture(
    scope="module",
    params=[(size, theme) for size in TEXT_SCALES for theme in THEMES],
    ids=[f"{size}-{theme}" for size in TEXT_SCALES for theme in THEMES],
)
def window(request, farm, qapp):
    """One main window per text size and theme, shared by every screen."""
    from dutchfarm.ui.app import build_main_window

    size, theme = request.param
    built = build_main_window(farm.url, text_size=size, theme=theme)
    built.resize(*WINDOW)
    built.show()
    yield built
    built.close()
    built.context.db.close()
    built.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# Every page's help, as the coordinator and as a gardener reads it.
HELP_READERS = {"coordinator": (COORDINATOR, STAFF), "gardener": ()}


# --- the checks -------------------------------------------------------------------------------


def _shown(widget: QWidget, window: QWidget) -> bool:
    # Shown, or scrolled out of sight in a scroll area: both count.
    return widget.isVisible() and widget.isVisibleTo(window)


def _words(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return text() if callable(text) else ""


def _what(widget: QWidget) -> str:
    return f"{type(widget).__name__} '{widget.accessibleName() or _words(widget)}'"


def _is_part(widget: QWidget) -> bool:
    """Return True for the inner parts of a larger control, checked with that control."""
    if type(widget).__name__ in {"QScrollBar", "QHeaderView"}:
        return True
    parent = widget.parent()
    # The text box of a spin box or combo box; the scroll buttons of a tab bar.
    return isinstance(parent, QAbstractSpinBox | QComboBox | QTabBar)


def _large_areas(window) -> list[QWidget]:
    classes = tuple(service_user_screens())
    return [w for w in window.findChildren(QWidget) if isinstance(w, classes)]


def _reached_by_tab(widget: QWidget) -> bool:
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return True
    # In a group of which one is chosen, Qt lets Tab stop only on the chosen one (as with
    # radio buttons); the arrows then move between them.
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    return (
        group is not None
        and group.exclusive()
        and any(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in group.buttons())
    )


def control_problems(window) -> list[str]:
    """Names, keyboard focus and size of every control that can be used now."""
    found = []
    large = _large_areas(window)
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _is_part(widget):
            continue
        if not _shown(widget, window) or not widget.isEnabled():
            continue
        what = _what(widget)
        if not widget.accessibleName().strip():
            found.append(f"{what} has no accessible name")
        if not _reached_by_tab(widget):
            found.append(f"{what} cannot be reached with Tab")
        side = TARGET_LARGE if any(a.isAncestorOf(widget) for a in large) else TARGET
        if widget.width() < side or widget.height() < side:
            found.append(f"{what} is {widget.width()}x{widget.height()}, under {side} px")
    return found


def _place(widget: QWidget) -> str:
    """Return where a widget is: its parents' classes up to the page, inside first."""
    names = []
    parent = widget.parentWidget()
    while parent is not None and len(names) < 4:
        names.append(type(parent).__name__)
        parent = parent.parentWidget()
    return " in ".join(names)


def picture_problems(window) -> list[str]:
    """Every picture shown on its own (not beside words in a button) is named."""
    return [
        f"a picture in {_place(widget)} has no accessible name"
        for widget in window.findChildren(QLabel)
        if _shown(widget, window)
        and widget.pixmap() is not None
        and not widget.pixmap().isNull()
        and not widget.accessibleName().strip()
    ]


def _background(widget: QWidget) -> str:
    """Return the colour behind a widget: the nearest one that paints its own background."""
    current: QWidget | None = widget
    while current is not None:
        viewport = isinstance(current.parent(), QAbstractScrollArea)
        if (
            current.autoFillBackground()
            or current.testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
            or (viewport and current.parent().viewport() is current)
        ):
            colour = current.palette().color(current.backgroundRole())
            if colour.alpha() == 255:
                return colour.name()
        current = current.parentWidget()
    return colours().window


def _item_view_pairs(view: QAbstractItemView) -> list[tuple[str, str, str]]:
    model = view.model()
    if model is None:
        return []
    palette = view.palette()
    pairs = []
    area = view.viewport().rect()
    for row in range(min(model.rowCount(QModelIndex()), ROWS_CHECKED)):
        # A list model hides columnCount(); its rows end where the indexes stop.
        for column in range(64):
            index = model.index(row, column)
            if not index.isValid():
                break
            if not view.visualRect(index).intersects(area):
                continue
            words = index.data(Qt.ItemDataRole.DisplayRole)
            if words in (None, ""):
                continue
            front = index.data(Qt.ItemDataRole.ForegroundRole)
            back = index.data(Qt.ItemDataRole.BackgroundRole)
            front_colour = (
                front.color() if front is not None else palette.color(QPalette.ColorRole.Text)
            )
            back_colour = (
                back.color() if back is not None else palette.color(QPalette.ColorRole.Base)
            )
            pairs.append((str(words).split("\n")[0], front_colour.name(), back_colour.name()))
    return pairs


def contrast_problems(window) -> list[str]:
    """Words on labels, buttons and in lists reach the theme's contrast for text."""
    minimum = colours().text_minimum
    found = []
    seen: set[tuple[str, str, str]] = set()
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window) or not widget.isEnabled():
            continue
        if isinstance(widget, QLabel | QAbstractButton) and _words(widget).strip():
            front = widget.palette().color(widget.foregroundRole()).name()
            # Push and tool buttons fill themselves (the style sheet sets their palette);
            # tick boxes and labels show what is behind them.
            if isinstance(widget, QPushButton | QToolButton):
                back = widget.palette().color(widget.backgroundRole()).name()
            else:
                back = _background(widget)
            pairs = [(_words(widget), front, back)]
        elif isinstance(widget, QAbstractItemView):
            pairs = _item_view_pairs(widget)
        else:
            continue
        for words, front, back in pairs:
            if (front, back, type(widget).__name__) in seen:
                continue
            seen.add((front, back, type(widget).__name__))
            ratio = contrast_ratio(front, back)
            if ratio < minimum:
                found.append(f"'{words[:30]}' {front} on {back}: {ratio:.2f} < {minimum}")
    return found


_outline_cache: dict[tuple[int, int, str], float] = {}


def icon_problems(window) -> list[str]:
    """Pictures on buttons stand out from the button's fill."""
    found = []
    for button in window.findChildren(QAbstractButton):
        if not _shown(button, window) or not button.isEnabled() or button.icon().isNull():
            continue
        side = max(button.iconSize().width(), MEASURED_SIZE)
        back = button.palette().color(button.backgroundRole()).name()
        key = (button.icon().cacheKey(), side, back)
        if key not in _outline_cache:
            image = button.icon().pixmap(QSize(side, side)).toImage()
            _outline_cache[key] = outline_share(image, back)
        if _outline_cache[key] < OUTLINE_SHARE:
            found.append(f"the picture on {_what(button)} is faint on {back}")
    return found


def _label_fits(widget: QLabel) -> bool:
    text = widget.text()
    area = widget.contentsRect()
    room = QRect(0, 0, max(area.width() - 2 * widget.margin(), 1), 100_000)
    rich = widget.textFormat() == Qt.TextFormat.RichText or (
        widget.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    )
    if rich:
        document = QTextDocument()
        document.setDefaultFont(widget.font())
        document.setHtml(text)
        document.setDocumentMargin(0)
        document.setTextWidth(room.width() if widget.wordWrap() else -1)
        needed = document.size().toSize()
    elif widget.wordWrap():
        # What the label itself asks for at its width, from its font's metrics.
        return widget.heightForWidth(widget.width()) <= widget.height() + 1 and (
            widget.fontMetrics()
            .boundingRect(room, int(widget.alignment()) | Qt.TextFlag.TextWordWrap, text)
            .width()
            <= room.width() + 1
        )
    else:
        needed = widget.fontMetrics().boundingRect(room, int(widget.alignment()), text).size()
    return needed.width() <= area.width() + 1 and needed.height() <= area.height() + 1


def _button_fits(widget: QAbstractButton) -> bool:
    # The words, with the picture beside or above them, fit inside the button's padding
    # and its edge at its thickest (the focus ring), or Qt shortens them with "…". A picture
    # beside the words may be drawn smaller to fit; words are never cut.
    words = widget.fontMetrics().size(0, widget.text().replace("&", ""))
    picture = 0 if widget.icon().isNull() else widget.iconSize().width() + SPACING
    if isinstance(widget, QToolButton | QPushButton):
        # Qt shortens words that are too wide; a line a little too tall for the padding is
        # still drawn whole, so only the edge counts up and down.
        room = QSize(
            widget.width() - 2 * (FOCUS_RING + PADDING_X),
            widget.height() - 2 * FOCUS_RING,
        )
    else:
        room = QSize(widget.width() - 2 * FOCUS_RING, widget.height() - 2 * FOCUS_RING)
    under = isinstance(widget, QToolButton) and (
        widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    )
    if not isinstance(widget, QToolButton | QPushButton):
        picture = 0
    if under:
        # The picture is drawn whole at the top and the words under it get what is left.
        tall = widget.iconSize().height() + SPACING if not widget.icon().isNull() else 0
        return words.width() <= room.width() and tall + words.height() <= room.height()
    return words.width() + picture <= room.width() and words.height() <= room.height()


def clipping_problems(window) -> list[str]:
    """Each label's and button's words fit the room it has."""
    found = []
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window) or not _words(widget).strip():
            continue
        if isinstance(widget, QLabel) and widget.pixmap().isNull():
            if not _label_fits(widget):
                found.append(f"{_what(widget)} is cut off at {widget.width()}x{widget.height()}")
        elif isinstance(widget, QAbstractButton) and not _button_fits(widget):
            found.append(f"{_what(widget)} is cut off at {widget.width()}x{widget.height()}")
    for tick in window.findChildren(QCheckBox):
        # A tap beside a tick box's words does nothing, so the box ends where its words end.
        if _shown(tick, window) and tick.width() > tick.sizeHint().width() + TARGET:
            found.append(f"{_what(tick)} is wider than its words, at {tick.width()}")
    for box in window.findChildren(QLineEdit):
        hint = box.placeholderText()
        # A text box shows its hint in full, inside its padding and the focus ring.
        room = box.width() - 2 * (FOCUS_RING + BOX_PADDING)
        if hint and _shown(box, window) and box.fontMetrics().horizontalAdvance(hint) > room:
            found.append(f"the text box '{box.accessibleName()}' is too narrow for '{hint}'")
    return found


def scroll_problems(window) -> list[str]:
    """What a scroll area cannot scroll sideways to must fit its width."""
    found = []
    for area in window.findChildren(QScrollArea):
        inner = area.widget()
        if inner is None or not _shown(area, window):
            continue
        sideways = area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if not sideways and inner.width() > area.viewport().width() + 1:
            found.append(
                f"{_what(area)} cuts off its right side: {inner.width()} px shown in "
                f"{area.viewport().width()}"
            )
    return found


def _laid_out(layout: QLayout) -> list[QWidget]:
    widgets = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is not None:
            widgets.append(item.widget())
        elif item.layout() is not None:
            widgets.extend(_laid_out(item.layout()))
    return widgets


def overlap_problems(window) -> list[str]:
    """No two widgets laid out side by side lie on top of each other, or outside their parent."""
    found = []
    for parent in window.findChildren(QWidget):
        layout = parent.layout()
        if layout is None or not _shown(parent, window):
            continue
        shown = [w for w in _laid_out(layout) if w.isVisible() and w.parentWidget() is parent]
        found += [
            f"{_what(child)} reaches outside {_what(parent)}"
            for child in shown
            if not parent.rect().adjusted(-1, -1, 1, 1).contains(child.geometry())
        ]
        for index, first in enumerate(shown):
            for second in shown[index + 1 :]:
                overlap = first.geometry().intersected(second.geometry())
                if overlap.width() > 1 and overlap.height() > 1:
                    found.append(f"{_what(first)} and {_what(second)} overlap")
    return found


CHECKS = (
    control_problems,
    picture_problems,
    contrast_problems,
    icon_problems,
    clipping_problems,
    overlap_problems,
    scroll_problems,
)


def problems_on(window) -> list[str]:
    """Return a line for each thing on the screen shown that fails a check."""
    return [line for check in CHECKS for line in check(window)]


def _settle(qapp) -> None:
    # Some screens lay themselves out again once they know their size (cards, charts).
    for _ in range(3):
        qapp.processEvents()


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_screen_is_usable_by_everyone(window, farm, view, qapp):
    assert VIEWS[view](window, farm.cast)
    _settle(qapp)
    # A screen that needs more room than the window has would push the window bigger.
    assert (window.width(), window.height()) == WINDOW
    assert problems_on(window) == []


@pytest.mark.parametrize("reader", list(HELP_READERS))
def test_every_page_s_help_is_usable_by_everyone(window, reader, qapp):
    found = []
    for page in PAGES:
        dialog = HelpDialog(help_for(page, HELP_READERS[reader]), window)
        dialog.show()
        _settle(qapp)
        found += [f"{page}: {line}" for line in problems_on(dialog)]
        dialog.close()
        dialog.deleteLater()
    assert found == []


def test_every_page_is_a_screen_checked():
    assert {page_of(view) for view in VIEWS} == set(PAGES)


# --- the checks can fail -----------------------------------------------------------------------


def test_the_checks_find_a_nameless_tiny_button_and_cut_off_words(make_window, qtbot):
    window = make_window()
    page = window.show_page("settings")
    tiny = QPushButton("A long line of words on a tiny button", page)
    tiny.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tiny.setGeometry(0, 0, 20, 20)
    tiny.show()
    squeezed = QLabel("Words that cannot fit in so small a space at all", page)
    squeezed.setWordWrap(True)
    squeezed.setGeometry(0, 300, 60, 20)
    squeezed.show()
    narrow = QLabel("One line that does not wrap", page)
    narrow.setGeometry(0, 400, 40, 40)
    narrow.show()
    found = problems_on(window)
    assert any("no accessible name" in line for line in found)
    assert any("cannot be reached with Tab" in line for line in found)
    assert any("under 44 px" in line for line in found)
    assert any("'A long line of words" in line and "cut off" in line for line in found)
    assert any("'Words that cannot fit" in line and "cut off" in line for line in found)
    assert any("'One line that does not wrap' is cut off" in line for line in found)


def test_the_checks_find_faint_words_and_a_nameless_picture(make_window, qtbot):
    window = make_window()
    page = window.show_page("today")
    faint = QLabel("Pale words", page)
    faint.setStyleSheet("color: #BBBBBB;")
    faint.adjustSize()
    faint.show()
    picture = QLabel(page)
    picture.setPixmap(window.windowIcon().pixmap(48, 48))
    picture.move(0, 100)
    picture.show()
    found = problems_on(window)
    assert any("'Pale words' #bbbbbb" in line for line in found)
    assert any("a picture in TodayPage in" in line for line in found)


def test_the_checks_find_a_small_control_on_a_service_user_screen(make_window, qtbot):
    window = make_window()
    page = window.show_page("who")
    button = QPushButton("Me", page)
    button.setAccessibleName("Me")
    button.setGeometry(0, 0, 50, 50)
    button.show()
    assert any(
        line.startswith("QPushButton 'Me' is 50x") and line.endswith("under 56 px")
        for line in problems_on(window)
    )


def test_the_checks_find_overlapping_widgets(make_window, qtbot):
    window = make_window()
    page = window.show_page("settings")
    first = page.theme_buttons["default"]
    first.setGeometry(page.theme_buttons["high_contrast"].geometry())
    page.theme_buttons["system"].move(5000, 0)
    found = overlap_problems(window)
    assert any("overlap" in line for line in found)
    assert any("'Same as this computer' reaches outside" in line for line in found)
    assert QApplication.instance() is not None
