"""Helpers shared by the narrative reader tests: read short lines of real phrasing into facts,
or stop before one figure to hand its clause to a reader directly."""

from __future__ import annotations

from typing import NamedTuple

from fa_tui.model.facts import Fact
from fa_tui.parse.narrative.facts import next_clause, read_clause, read_paragraph, start_sentence
from fa_tui.parse.narrative.figures import scan_figures
from fa_tui.parse.narrative.readers.lists import enumeration_style, paragraph_totals
from fa_tui.parse.narrative.sentences import Paragraph, clean_for_reading
from fa_tui.parse.narrative.state import Clause, Memory, ParagraphInfo, SentenceState


def paragraph(line: str, index: int = 0) -> Paragraph:
    """``line`` as paragraph ``index`` (line ``index + 1``), cleaned as the narrative reads it."""
    clean = clean_for_reading(line)
    return Paragraph(
        index=index,
        text=clean.text,
        run_starts=clean.starts,
        run_lines=[index + 1] * len(clean.starts),
        run_cols=clean.cols,
        first_line=index + 1,
        last_line=index + 1,
    )


def read(*lines: str) -> list[Fact]:
    """The facts of ``lines`` (one paragraph each, outside any section), in reading order."""
    memory = Memory(paths={})
    infos = [read_paragraph(paragraph(line, k), memory) for k, line in enumerate(lines)]
    memory.facts.extend(paragraph_totals(infos, memory))
    return memory.facts


def of_kind(facts: list[Fact], kind: type) -> list:
    """The facts of class ``kind``."""
    return [f for f in facts if isinstance(f, kind)]


class Reading(NamedTuple):
    """A sentence read up to one figure: that figure's clause and what came before it."""

    clause: Clause
    sentence: SentenceState
    memory: Memory


def reading_at(sentence: str, figure: int, *before: str) -> Reading:
    """The reading of the ``figure``-th figure (from 0) of the one-sentence line ``sentence``,
    after the figures before it (and the paragraphs ``before``) have been read."""
    memory = Memory(paths={})
    for k, line in enumerate(before):
        read_paragraph(paragraph(line, k), memory)
    para = paragraph(sentence, len(before))
    state = start_sentence(
        ParagraphInfo(para, enumeration_style(para.text)), 0, len(para.text), memory
    )
    figures = scan_figures(para)
    for earlier in figures[:figure]:
        read_clause(next_clause(earlier, state), state, memory)
    return Reading(next_clause(figures[figure], state), state, memory)
