"""The wording of a 审核意见, shared by the Word letter and the Markdown: the title, the
summary sentence, the parts numbered 一、二、…, each finding's tags and details."""

from __future__ import annotations

from pathlib import Path

from fa_tui.export.rows import RESOLVED, ExportRow, ReportSheet

CHINESE_ORDINALS = "一二三四五六七八九十"


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


def parts(sheet: ReportSheet) -> list[tuple[str, list[ExportRow]]]:
    """The findings by part, in order, each part headed ``一、概况`` (resolved ones last)."""
    grouped: dict[str, list[ExportRow]] = {}
    for row in sheet.rows:
        grouped.setdefault(row.part, []).append(row)
    return [
        (f"{ordinal(n)}、{'上一稿以来已解决的问题' if part == RESOLVED else part}", rows)
        for n, (part, rows) in enumerate(grouped.items(), start=1)
    ]


def tags(row: ExportRow) -> str:
    """〔错误·FA301〕〔新〕〔已核实〕"""
    tag = f"〔{row.severity}·{row.code}〕"
    if row.change and row.change != RESOLVED:
        tag += f"〔{row.change}〕"
    if row.mark:
        tag += f"〔{row.mark}〕"
    return tag


def details(row: ExportRow) -> list[str]:
    """The lines under a finding: its place, its arithmetic, the reviewer's note."""
    lines = [
        row.location() and f"位置：{row.location()}",
        arithmetic(row),
        row.note and f"审核意见：{row.note}",
    ]
    return [line for line in lines if line]
