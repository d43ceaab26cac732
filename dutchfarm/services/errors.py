"""The errors a service can raise, each carrying a message in plain words for the person."""

from __future__ import annotations


class ServiceError(Exception):
    """An action that could not be done; ``str(error)`` is safe to show to anyone."""


class NotAllowed(ServiceError):
    """The current user may not do this."""


class BadInput(ServiceError):
    """What was typed or chosen cannot be saved as it is."""


class NotFound(ServiceError):
    """The thing asked for is not there (any more)."""


class Locked(ServiceError):
    """Too many wrong PINs: the coordinator's functions are locked for a while."""
