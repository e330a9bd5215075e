"""Find the table of contents (目录): it lists headings once before the body and is not the body."""

from __future__ import annotations

from collections.abc import Sequence

from fa_tui import pattern_cache
from fa_tui.parse.noise import CleanLine, clean_line
from fa_tui.parse.outline.headings import match_part
from fa_tui.parse.outline.ordinals import ordinal_value

_ENTRY_MAX = 200
_TOC_TITLE = pattern_cache.compile(r"^目\s*录$")
_TOC_ENTRY = pattern_cache.compile(r"PAGEREF\s+_Toc|(?:\.{4,}|…{2,}|·{4,})\s*\d+\s*$|^-\s")


def toc_lines(lines: list[CleanLine]) -> set[int]:
    """0-based indices of the lines that belong to a table of contents."""
    found: set[int] = {i for i, c in enumerate(lines) if _is_entry(c.text)}
    start = next(
        (i for i, c in enumerate(lines) if c.text[:1] == "目" and _TOC_TITLE.match(c.text)), None
    )
    if start is None:
        return found
    first_part: int | None = None
    last_entry = start
    for i in range(start + 1, len(lines)):
        text = lines[i].text
        part = match_part(lines[i])
        if part is not None:
            value = ordinal_value(part.number)
            if first_part is None:
                first_part = value
            elif value == first_part:
                return found | set(range(start, i))
            last_entry = i
        elif _is_entry(text):
            last_entry = i
        elif text and first_part is None and i - last_entry > 3:
            break
    return found | set(range(start, last_entry + 1))


# The outline, then the template choice and the table finder need the cleaned lines and the TOC
# of the same text: they are kept (a strong reference, so that ``is`` identifies the text) until
# the tables stage is done with them (``forget_cleaned_lines``) or another text is cleaned.
_last: tuple[Sequence[str], list[CleanLine], set[int]] | None = None


def cleaned_lines(lines: Sequence[str]) -> tuple[list[CleanLine], set[int]]:
    """``clean_line`` of every line and ``toc_lines`` of them (containers of the caller's own).

    The result for a tuple of lines is kept until ``forget_cleaned_lines`` or a call for other
    lines (a tuple is immutable: the same object always holds the same lines).
    """
    global _last
    last, _last = _last, None
    if last is not None and last[0] is lines:
        _last = last
        return list(last[1]), set(last[2])
    cleans = [clean_line(line) for line in lines]
    toc = toc_lines(cleans)
    if isinstance(lines, tuple):
        _last = (lines, list(cleans), set(toc))
    return cleans, toc


def forget_cleaned_lines() -> None:
    """Drop the kept cleaned lines (the last stage that needs them is done)."""
    global _last
    _last = None


def _is_entry(text: str) -> bool:
    """A TOC entry line: a bullet, a PAGEREF field or a dotted leader with a page number."""
    if len(text) > _ENTRY_MAX:
        return False
    # Cheap pre-check: every ``_TOC_ENTRY`` match starts the line with ``-`` or holds one of these.
    if (
        text[:1] != "-"
        and "PAGEREF" not in text
        and "...." not in text
        and "……" not in text
        and "····" not in text
    ):
        return False
    return bool(_TOC_ENTRY.search(text))
