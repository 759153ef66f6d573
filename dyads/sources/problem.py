"""The per-item message a source yields instead of an Article when an input cannot be coded."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    """An input that was skipped (or, with skipped=False, only a warning about an article that was read)."""

    source: str  # file, or file:line
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
