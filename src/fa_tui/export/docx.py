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
from fa_tui.export.rows import RESOLVED, ExportRow, ReportSheet

CHINESE_ORDINALS = "一二三四五六七八九十"
FONT = "宋体"
INDENT = Pt(24)  # two characters: a finding's location and arithmetic under its message


def ordinal(n: int) -> str:
    """一 … 十, 十一 … 九十九 (1-based)."""
    if n <= 10:
        return CHINESE_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_ORDINALS[tens - 1]
    return head + "十" + (CHINESE_ORDINALS[ones - 1] if ones else "")


def letter_title(sheet: ReportSheet) -> str:
    """关于某局2024年度部门决算公开报告的审核意见."""
    year = f"{sheet.year}年度" if sheet.year else ""
    who = sheet.department or Path(sheet.path).name
    return f"关于{who}{year}部门决算公开报告的审核意见"


def summary_sentence(sheet: ReportSheet) -> str:
    """经审核，… 共发现问题 N 条，其中 …"""
    total = sum(sheet.counts.values())
    kinds = "、".join(
        f"{k} {sheet.counts[k]} 条" for k in ("错误", "警告", "提示") if sheet.counts.get(k)
    )
    text = f"经审核，该报告共发现问题 {total} 条" + (f"，其中{kinds}" if kinds else "") + "。"
    marked = [f"{k} {v} 条" for k, v in sheet.marks.items() if v]
    if marked:
        text += "审核标记：" + "、".join(marked) + "。"
    if sheet.left_out:
        text += f"标为误报的 {sheet.left_out} 条未列入。"
    if sheet.new:
        text += f"与上一稿相比新出现 {sheet.new} 条。"
    if sheet.resolved:
        text += f"上一稿的问题已解决 {sheet.resolved} 条。"
    return text + ("具体如下：" if sheet.rows else "")


def arithmetic(row: ExportRow) -> str:
    """应为 …，实为 …，差额 …；计算：…"""
    bits = []
    if row.expected:
        bits.append(f"应为 {row.expected}")
    if row.actual:
        bits.append(f"实为 {row.actual}")
    if row.difference:
        bits.append(f"差额 {row.difference}")
    text = "，".join(bits)
    if row.computation:
        text += ("；" if text else "") + f"计算：{row.computation}"
    return text


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
    parts: dict[str, list[ExportRow]] = {}
    for row in sheet.rows:
        parts.setdefault(row.part, []).append(row)
    for number, (part, rows) in enumerate(parts.items(), start=1):
        heading = "上一稿以来已解决的问题" if part == RESOLVED else part
        doc.add_heading(f"{ordinal(number)}、{heading}", level=2)
        for index, row in enumerate(rows, start=1):
            para = doc.add_paragraph()
            tag = f"〔{row.severity}·{row.code}〕"
            if row.change and row.change != RESOLVED:
                tag += f"〔{row.change}〕"
            if row.mark:
                tag += f"〔{row.mark}〕"
            para.add_run(f"{index}. ").bold = True
            para.add_run(clean(tag) + " ")
            para.add_run(clean(row.message))
            details = [
                row.location() and f"位置：{row.location()}",
                arithmetic(row),
                row.note and f"审核意见：{row.note}",
            ]
            for detail in filter(None, details):
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
