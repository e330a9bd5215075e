"""The outline of a report: its five canonical parts and their sections."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct, field

from fa_tui.model.span import Span


class PartName(StrEnum):
    """The five canonical parts of a 部门决算 disclosure."""

    OVERVIEW = "概况"
    TABLES = "决算表"
    EXPLANATION = "情况说明"
    GLOSSARY = "名词解释"
    PERFORMANCE = "绩效"


PART_ORDER: tuple[PartName, ...] = tuple(PartName)


class Section(Struct, kw_only=True):
    """A heading inside a part and the text up to the next heading of the same or higher level.

    ``level`` counts from 1 (``一、``) down to 4 (``（1）``); ``number`` is the ordinal as printed
    (``一``, ``（二）``, ``3.``) or ``None`` for a heading matched by its known title only.
    ``span`` covers the heading line through the line before the next section of the same or a
    higher level; ``heading`` covers just the title characters on the heading line.
    """

    level: int
    number: str | None
    title: str
    span: Span
    heading: Span
    children: list[Section] = field(default_factory=list)

    def walk(self) -> list[Section]:
        """This section and all its descendants, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


class Part(Struct, kw_only=True):
    """One canonical part. A missing part has ``present=False`` and no span.

    ``heading_text`` is the heading as printed (noise removed). When the part lives inside another
    part (绩效 inside 情况说明 or in 附件), ``sections`` point at those sections and ``span`` covers
    the first of them; ``located_in`` names where it was found.
    """

    name: PartName
    present: bool
    heading_text: str | None = None
    span: Span | None = None
    heading: Span | None = None
    sections: list[Section] = field(default_factory=list)
    located_in: str | None = None

    def walk_sections(self) -> list[Section]:
        """All sections of this part, depth first."""
        out: list[Section] = []
        for section in self.sections:
            out.extend(section.walk())
        return out
