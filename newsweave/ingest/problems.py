"""The one way a reader says "this input is not an article": raise ``SkipInput``.

``read_inputs`` catches it at the boundary of each input and yields an ``IngestProblem``, so a
reader can stop at the first problem without threading error values through every helper.
"""

from __future__ import annotations

from newsweave.errors import InputError
from newsweave.model import IngestProblem

EMPTY = "empty"
BINARY = "binary"
TOO_LARGE = "too-large"
ENCODING = "encoding"
NO_TEXT = "no-text"
BAD_FEED = "bad-feed"
BAD_JSON = "bad-json"
MISSING_TEXT = "missing-text"
NOT_FOUND = "not-found"
UNREADABLE = "unreadable"
TOO_SHORT = "too-short"

CODES = frozenset(
    {EMPTY, BINARY, TOO_LARGE, ENCODING, NO_TEXT, BAD_FEED, BAD_JSON, MISSING_TEXT, NOT_FOUND, UNREADABLE, TOO_SHORT}
)


class SkipInput(InputError):
    """An input (or one entry of it) cannot be used; ``reason`` is the stable problem code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason

    def problem(self, source: str) -> IngestProblem:
        return IngestProblem(source=source, code=self.reason, message=str(self.args[0]))


def problem(source: str, reason: str, message: str) -> IngestProblem:
    return IngestProblem(source=source, code=reason, message=message)
