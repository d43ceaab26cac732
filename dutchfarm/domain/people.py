"""Rules for the little the farm keeps about a person: names, colours and PINs."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata

from dutchfarm.words import _

NAME_MAX = 60
PIN_MIN = 4
PIN_MAX = 8

# scrypt's cost: about 50 ms on the cabin PC, slow enough to make guessing a PIN from a
# copied database expensive, quick enough that nobody waits at the PIN pad.
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def clean_text(text: str, *, what: str, longest: int, required: bool = True) -> str:
    """Return ``text`` trimmed and checked, or raise ValueError saying what is wrong."""
    cleaned = " ".join(text.split())
    if any(unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs"} for char in cleaned):
        raise ValueError(
            _("The {what} has a character that cannot be shown. Please type it again.").format(
                what=what
            )
        )
    if required and not cleaned:
        raise ValueError(_("Please give a {what}.").format(what=what))
    if len(cleaned) > longest:
        raise ValueError(
            _("The {what} is too long. Use {longest} letters or fewer.").format(
                what=what, longest=longest
            )
        )
    return cleaned


def clean_name(text: str) -> str:
    """Return a person's display name trimmed and checked."""
    return clean_text(text, what="name", longest=NAME_MAX)


def check_colour(colour: str) -> str:
    """Return the colour as upper-case ``#RRGGBB``, or raise ValueError."""
    if not _COLOUR.match(colour):
        raise ValueError(_("Please choose a colour from the list."))
    return colour.upper()


def check_pin(pin: str) -> str:
    """Return the PIN if it is 4 to 8 digits, or raise ValueError in plain words."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ValueError(
            _("A PIN is {pin_min} to {pin_max} numbers.").format(pin_min=PIN_MIN, pin_max=PIN_MAX)
        )
    return pin


def hash_pin(pin: str) -> str:
    """Return a salted scrypt hash of the PIN; the PIN itself is never stored."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        check_pin(pin).encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Return True when ``pin`` matches the stored hash (in constant time)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(
        pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(candidate.hex(), digest)
