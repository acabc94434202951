"""What a reader says when it has to skip an input: a Problem for the user, SkipInput inside."""

from __future__ import annotations

from dataclasses import dataclass

from diplomap.ontology.errors import InputError


@dataclass(frozen=True)
class Problem:
    """A skipped input (a whole file, or one line of a JSON Lines file), reported to the user.

    ``warning`` is True for an input that was read all the same, with something to say about it
    (bad bytes replaced): it is reported, not skipped.
    """

    path: str
    line: int | None
    reason: str
    warning: bool = False

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}: {self.reason}"
        return f"{self.path}: {self.reason}"


class SkipInput(InputError):
    """Raised by a format reader for input it cannot use; the walker turns it into a Problem."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
