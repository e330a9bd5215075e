"""The 审核意见 as a Word letter (python-docx): one letter per report, findings grouped by part
and numbered 一、二、… with their location and arithmetic; resolved findings in a last part."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from fa_tui.export.cells import clean
from fa_tui.export.letter import details, letter_title, parts, summary_sentence, tags
from fa_tui.export.rows import ReportSheet

FONT = "宋体"
INDENT = Pt(24)  # two characters: a finding's location and arithmetic under its message


def _set_font(document: DocxDocument) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _letter(doc: DocxDocument, sheet: ReportSheet, today: date) -> None:
    title = doc.add_heading(clean(letter_title(sheet)), level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if sheet.department:
        doc.add_paragraph(f"{clean(sheet.department)}：")
    doc.add_paragraph(f"报告文件：{clean(Path(sheet.path).name)}")
    doc.add_paragraph(f"审核日期：{today.year}年{today.month}月{today.day}日")
    doc.add_paragraph(clean(summary_sentence(sheet)))
    for heading, rows in parts(sheet):
        doc.add_heading(clean(heading), level=2)
        for index, row in enumerate(rows, start=1):
            para = doc.add_paragraph()
            para.add_run(f"{index}. ").bold = True
            para.add_run(clean(tags(row)) + " ")
            para.add_run(clean(row.message))
            for detail in details(row):
                doc.add_paragraph(clean(detail)).paragraph_format.left_indent = INDENT


def write_docx(sheets: Sequence[ReportSheet], output: Path, today: date | None = None) -> None:
    """Write one 审核意见 letter per report in ``sheets`` (a page break between) to ``output``."""
    document = Document()
    _set_font(document)
    for index, sheet in enumerate(sheets):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _letter(document, sheet, today or date.today())
    document.save(str(output))
