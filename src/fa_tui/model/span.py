"""Source positions: every parsed value points at exact characters of the original file."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

M = TypeVar("M", bound=BaseModel)

_setattr = object.__setattr__
_new = object.__new__
# The slots every pydantic model has, set through their descriptors: the same effect as
# ``object.__setattr__`` (which bypasses a frozen model's ``__setattr__`` too), at a third of
# the cost (these are built hundreds of thousands of times for a large report).
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def trusted(cls: type[M], values: dict[str, Any], fields_set: set[str] | None = None) -> M:
    """An instance of ``cls`` from already valid ``values``, skipping validation (hot paths).

    ``values`` must hold every field, in declaration order, with values of the declared types;
    ``fields_set`` are the fields given explicitly (default: all of them), as validation would
    record them. Only for models without validators, extras or private attributes.
    """
    obj = _new(cls)
    _setattr(obj, "__dict__", values)
    _set_fields_set(obj, set(values) if fields_set is None else fields_set)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


def span_of(line: int, column: int, end_line: int, end_column: int) -> Span:
    """``Span(line=…, column=…, end_line=…, end_column=…)`` without validation (hot paths)."""
    obj = _new(Span)
    _setattr(
        obj,
        "__dict__",
        {"line": line, "column": column, "end_line": end_line, "end_column": end_column},
    )
    _set_fields_set(obj, {"line", "column", "end_line", "end_column"})
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


class Span(BaseModel):
    """A range of characters in the source text.

    Lines and columns are 1-based and count characters (code points) of the original lines;
    ``end_column`` is exclusive. A span over whole lines uses column 1 and the line length + 1.
    """

    model_config = ConfigDict(frozen=True)

    line: int
    column: int = 1
    end_line: int
    end_column: int

    @classmethod
    def at(cls, line: int, column: int, end_column: int) -> Span:
        """A span inside one line (built without validation: it is on every hot path)."""
        return span_of(line, column, line, end_column)

    def contains_line(self, line: int) -> bool:
        """Whether ``line`` lies within this span."""
        return self.line <= line <= self.end_line

    def sort_key(self) -> tuple[int, int, int, int]:
        """Position order: by start, then by end."""
        return (self.line, self.column, self.end_line, self.end_column)
