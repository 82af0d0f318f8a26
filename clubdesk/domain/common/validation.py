"""What a form's validator gives back: the message of each refused field, or the values to
store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class ValidationResult(Generic[T]):
    """Messages by field name; ``cleaned`` holds the values to store, only when valid."""

    errors: dict[str, str] = field(default_factory=dict)
    cleaned: T | None = None

    @property
    def ok(self) -> bool:
        return not self.errors
