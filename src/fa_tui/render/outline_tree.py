"""Text rendering of the outline: a Rich tree with line numbers and marks for missing parts."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from fa_tui.model import PartName, Report, ReportKind, Section
from fa_tui.safe_text import neutralise

# A heading taken from a damaged file can be a whole paragraph (or megabytes on one line).
MAX_LABEL = 80


def label_text(text: str | None) -> str:
    """Report text for one tree label: controls visible, tabs as blanks, at most ``MAX_LABEL``."""
    text = text or ""
    if len(text) > MAX_LABEL:
        text = text[:MAX_LABEL] + "..."
    return neutralise(text, tabs=" ")


_STATUS_LABEL = {
    "data": "有数据",
    "empty": "空表",
    "title_only": "仅列标题",
    "missing": "缺失",
    "unreadable": "无法读取",
}


def outline_tree(report: Report) -> Tree:
    """The tree of parts, sections and (under 决算表) tables."""
    head = Text(label_text(report.department or "（未识别部门）"), style="bold")
    head.append(f"  {report.year or '年度未识别'}  ", style="cyan")
    if report.kind is not ReportKind.FINAL_ACCOUNTS:
        head.append(f"{report.kind.label}（决算规则不适用）  ", style="yellow")
    head.append(neutralise(str(report.path)), style="dim")
    tree = Tree(head)
    for part in report.parts:
        label = Text()
        if part.present and part.span:
            label.append(report.part_label(part.name), style="bold green")
            label.append(f"  L{part.span.line}", style="dim")
            if part.heading_text:
                label.append(f"  {label_text(part.heading_text)}")
            if part.located_in:
                label.append(f"  （位于{part.located_in}）", style="dim")
        else:
            label.append(f"{report.part_label(part.name)}  ✗ 缺失", style="bold red")
        node = tree.add(label)
        if part.name is PartName.TABLES:
            for table in report.tables:
                t = Text(f"{table.id or '其他表'}  ", style="bold" if table.id else "dim")
                t.append(label_text(table.title))
                t.append(f"  [{_STATUS_LABEL.get(table.status.value, table.status.value)}]")
                if table.span:
                    t.append(f"  L{table.span.line}", style="dim")
                node.add(t)
        else:
            _add_sections(node, part.sections)
    return tree


def _add_sections(node: Tree, sections: list[Section]) -> None:
    for section in sections:
        label = Text(f"L{section.span.line}-{section.span.end_line}  ", style="dim")
        if section.number:
            label.append(label_text(section.number) + " ", style="yellow")
        label.append(label_text(section.title))
        _add_sections(node.add(label), section.children)


def print_outline(report: Report, console: Console | None = None) -> None:
    """Print the outline tree to ``console`` (stdout by default)."""
    (console or Console(highlight=False)).print(outline_tree(report))
