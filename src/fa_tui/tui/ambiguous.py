"""ASCII mode: no character of East Asian width "ambiguous" on screen.

A terminal set to treat ambiguous characters as wide (Xshell, SecureCRT or PuTTY with a CJK
font) draws ``“”``, ``…``, ``×``, the box-drawing rules and the scrollbar glyphs two cells wide,
while Textual lays them out as one: every line holding one is pushed right and the panes break.
In ASCII mode the inspector shows none of them:

- ``cell_safe`` gives each ambiguous character one narrow character of one cell (``“`` → ``"``,
  ``…`` → ``.``, ``─`` → ``-``), so that a line keeps its width and every highlight its column;
  ``NarrowFilter`` applies it to everything Textual draws (report text, borders, the tree's
  guides, scrollbars, notifications), segment by segment, each keeping its style;
- ``narrow`` spells out the app's own messages with the longer forms (``…`` → ``...``, ``≠`` →
  ``!=``) where no column depends on them: the findings' messages and the progress line.

Both live in ``tui/narrow_chars.py`` (no Textual: the splash drawn before it uses them too).
"""

from __future__ import annotations

from msgspec.structs import replace
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from fa_tui.model import Finding, RelatedSpan
from fa_tui.tui.narrow_chars import cell_safe_text, narrow


def narrow_finding(finding: Finding) -> Finding:
    """``finding`` with its texts (message, figures, computation, related notes) narrowed."""

    def opt(value: str | None) -> str | None:
        return None if value is None else narrow(value)

    return replace(
        finding,
        message=narrow(finding.message),
        expected=opt(finding.expected),
        actual=opt(finding.actual),
        difference=opt(finding.difference),
        computation=opt(finding.computation),
        related=[RelatedSpan(span=r.span, note=narrow(r.note)) for r in finding.related],
    )


class NarrowFilter(LineFilter):
    """Textual's last step before the terminal: every segment's ambiguous characters replaced
    by ``cell_safe``, the segment's style kept, so widths and columns stay as laid out."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out: list[Segment] = []
        for segment in segments:
            text = segment.text
            if segment.control or text.isascii():
                out.append(segment)
            else:
                out.append(Segment(cell_safe_text(text), segment.style, segment.control))
        return out
