"""Stage 2, outline: the report's parts, sections, 目录, department, year and unit.

``parts`` drives the stage (``parse_outline``); ``headings`` and ``ordinals`` read heading
lines, ``toc`` the 目录, ``identity`` the department, year and unit.
"""

from fa_tui.parse.outline.parts import parse_outline

__all__ = ["parse_outline"]
