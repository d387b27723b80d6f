"""Every error newsweave raises, with a stable code and a hint on how to fix it.

Lower-level library errors are translated at the boundary (``raise ... from None``) so a user
sees one clear line naming the input and the problem.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base of all newsweave errors."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.args[0]}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(NewsweaveError):
    """An input could not be read or parsed as an article."""

    code = "E100"


class SettingsError(NewsweaveError):
    """A setting is unknown or has a value of the wrong kind."""

    code = "E200"


class StoreError(NewsweaveError):
    """The store cannot be opened, migrated or written."""

    code = "E300"


class NotFoundError(NewsweaveError):
    """An id (article, entity, story) is not in the store."""

    code = "E400"


class LanguageDataError(NewsweaveError):
    """A language data file is missing or malformed."""

    code = "E500"


class EngineError(NewsweaveError):
    """A parallel engine is unknown, not installed, or failed while running."""

    code = "E600"
