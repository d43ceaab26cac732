"""The Qt binding keeps Python's books straight: a Qt call must not use up references to None."""

import sys

from PySide6.QtWidgets import QApplication, QWidget


def test_calls_that_return_nothing_leave_none_alone(qapp: QApplication):
    # PySide6 6.12.0 took one reference from None per such call; on Python 3.11, where
    # None is not immortal, the program then aborts ("deallocating None").
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setEnabled(True)
    assert abs(sys.getrefcount(None) - before) < 50
