"""Sorting names the way people count: "Bed 2" before "Bed 10"."""

from __future__ import annotations

import re

_PARTS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, str], ...]:
    """Return a key that sorts numbers inside names by their value, ignoring case."""
    key: list[tuple[int, str]] = []
    for index, part in enumerate(_PARTS.split(name.casefold())):
        if not part:
            continue
        key.append((0, part.zfill(12)) if index % 2 else (1, part))
    return tuple(key)
