"""FA11x reading: what of the file could not be read, said as findings instead of lost silently.

These rules look at the source itself (FA110–FA112; FA118 text turned against its page) or at
what the table readers could not place (FA113 rows whose figures fit their columns in no single
way, FA114 figures in no row), and hold for any report: a reviewer must know which lines the
checks could not see whole.
"""

from __future__ import annotations

from collections.abc import Iterator

from fa_tui.model import Category, Finding, RelatedSpan, Row, Severity, Span
from fa_tui.model.source import page_ranges
from fa_tui.rules.registry import EVERY_REPORT, RuleCode, RuleContext, rule

REPLACEMENT = "\ufffd"  # what the reader puts for each byte it cannot decode
_LISTED = 20  # lines named in the message; the rest are counted
_QUOTED = 60  # characters of left-out text quoted in a message


@rule(
    RuleCode(
        "FA110",
        "undecodable-bytes",
        "文件中有无法解码的字节",
        Category.COMPLETENESS,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查文本文件中是否有不符合文件编码（UTF-8 或 GB18030）的个别字节，多为文件被截断、"
            "从别处粘贴或转换时损坏。fa-tui 照常读取其余内容，把这些字节显示为“�”，"
            "并在此列出所在的行：这些行中的文字或数字可能残缺，涉及的检查结果需对照原件核实。"
        ),
    ),
)
def undecodable_bytes(ctx: RuleContext) -> Iterator[Finding]:
    """One finding naming every line that holds a replaced byte (U+FFFD), spans on each."""
    spans: list[Span] = []
    for number, line in enumerate(ctx.report.source.lines, start=1):
        start = line.find(REPLACEMENT)
        if start < 0:
            continue
        end = start + 1
        while end < len(line) and line[end] == REPLACEMENT:
            end += 1
        spans.append(Span.at(number, start + 1, end + 1))
    if not spans:
        return
    numbers = "、".join(str(s.line) for s in spans[:_LISTED])
    more = f"等 {len(spans)} 行" if len(spans) > _LISTED else ""
    yield ctx.finding(
        "FA110",
        f"第 {numbers} 行{more}有无法解码的字节（显示为“{REPLACEMENT}”），这些行的内容可能残缺",
        spans[0],
        related=[RelatedSpan(span=s, note="无法解码的字节") for s in spans[1:]],
    )


@rule(
    RuleCode(
        "FA111",
        "pages-without-text-layer",
        "PDF 中有没有文字层的页",
        Category.COMPLETENESS,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查 PDF 中是否有只含图片、没有文字层的页（多为扫描后插入的表格或盖章页）。"
            "fa-tui 不做文字识别，这些页的内容没有读取，也没有参与任何核对；"
            "在这些页中而未找到的决算表标为“无法读取”，不报缺失。请对照原件核对这些页，"
            "或索取带文字层的版本。"
        ),
    ),
)
def pages_without_text(ctx: RuleContext) -> Iterator[Finding]:
    """One finding naming the pages that show images but carry no text (at the first one's
    page marker line)."""
    source = ctx.report.source
    pages = source.unread_pages
    if not pages:
        return
    marker = _page_marker_line(ctx, pages[0])
    span = Span.at(marker, 1, len(source.line(marker)) + 1) if marker is not None else None
    yield ctx.finding(
        "FA111",
        f"{page_ranges(pages)}没有文字层（可能是扫描件），fa-tui 不做文字识别，这些页的内容未检查",
        span,
    )


def _page_marker_line(ctx: RuleContext, page: int) -> int | None:
    """The extracted line that opens ``page`` (its ``— n —`` marker)."""
    locations = ctx.report.source.locations or ()
    return next(
        (
            n
            for n, loc in enumerate(locations, start=1)
            if loc.page == page and loc.page_line is None
        ),
        None,
    )


@rule(
    RuleCode(
        "FA112",
        "unplaced-figure",
        "未能定位的数字",
        Category.COMPLETENESS,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查 PDF 中是否有数字落在决算表的表格线内（或紧挨表格）却不属于任何单元格：这样的数字"
            "读不到它所在的行和栏，也不属于正文，无法参与勾稽核对。常见原因是表格线缺失或错位、"
            "数字打印在单元格之外。每个这样的数字报一条警告，注明页码和原文，请对照原件核实"
            "它属于哪一行哪一栏。"
        ),
    ),
)
def unplaced_figures(ctx: RuleContext) -> Iterator[Finding]:
    """Figures the PDF reader could place in no table cell (``SourceText.unplaced``): printed
    inside a table's rules, or alone beside one, they belong to no row and no column."""
    source = ctx.report.source
    for span in source.unplaced:
        text = source.slice(span)
        location = source.location(span.line, span.column)
        where = f"第 {location.page} 页" if location is not None and location.page else "表格"
        yield ctx.finding(
            "FA112", f"{where}的数字“{text}”不在任何单元格内，未能定位到表格的行和栏", span
        )


@rule(
    RuleCode(
        "FA118",
        "turned-text-left-out",
        "未读入的侧排文字",
        Category.COMPLETENESS,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查 PDF 的页面上是否有与本页正文方向不同（横排页上竖着印、倒着印或斜着印）、又不在"
            "表格单元格内的文字，如页边的侧排批注、装订线旁的说明或水印。fa-tui 按本页多数文字的"
            "方向读取（整页侧排的横向表格页会先转正再读），方向不同的这些文字不读入正文，以免打乱"
            "正文的行；其中的数字也不参与任何核对。每页报一条警告，注明页码和这些文字的内容，"
            "请对照原件核实其中是否有需要核对的内容。"
        ),
    ),
)
def turned_text(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per PDF page with text printed turned against the page's own text, left
    out of the extracted lines (``SourceText.turned_text``), at the page's marker line."""
    source = ctx.report.source
    for page, text in source.turned_text:
        marker = _page_marker_line(ctx, page)
        span = Span.at(marker, 1, len(source.line(marker)) + 1) if marker is not None else None
        shown = text if len(text) <= _QUOTED else f"{text[:_QUOTED]}…"
        yield ctx.finding(
            "FA118",
            f"第 {page} 页有与正文方向不同的文字未读入，未参与核对：“{shown}”",
            span,
        )


@rule(
    RuleCode(
        "FA113",
        "undetermined-columns",
        "未能确定栏目的行",
        Category.COMPLETENESS,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查从没有表格线的文本（如 PDF 文字层另存的文本：单元格以空格分隔、空单元格不留痕迹）"
            "读出的表中，是否有行的数字无法唯一确定所在栏目。fa-tui 只按表的栏目顺序、本行的栏间"
            "关系（如合计 = 基本支出 + 项目支出）和上下级科目的汇总关系放置数字，能放置的方式不止"
            "一种（或一种也没有）时不作猜测，把该行标为“未能确定栏目”，其数字不参与任何勾稽核对。"
            "请对照原件（PDF）核实这些行，或提供带表格线的原件。"
        ),
    ),
)
def undetermined_rows(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per table with rows whose figures fit their columns in no single way."""
    for table in ctx.index.read.tables:
        rows = [r for r in table.rows if r.undetermined]
        if not rows:
            continue
        name = table.title if table.id is None else f"{table.id}（{table.title}）"
        listed = "、".join(_row_name(r) for r in rows[:_LISTED])
        more = f"等 {len(rows)} 行" if len(rows) > _LISTED else ""
        yield ctx.finding(
            "FA113",
            f"{name}有 {len(rows)} 行的数字未能确定栏目（{listed}{more}），这些行未参与勾稽核对",
            rows[0].span,
            related=[RelatedSpan(span=r.span, note="未能确定栏目") for r in rows[1:]],
        )


def _row_name(row: Row) -> str:
    return f"{row.code} {row.name}".strip() if row.code else row.name


@rule(
    RuleCode(
        "FA114",
        "figures-in-no-row",
        "表中未能对应到行的数字",
        Category.COMPLETENESS,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查决算表的文字中是否有数字未能对应到表的任何一行：从没有表格线的文本（如 PDF 文字层"
            "按栏读出的文本，数字远离它所在行的名称）读表时，数字所在的行和栏可能无法确定。这样的"
            "表不是空表，标为“无法读取”（或只读出其余各行），这些数字不参与任何核对。请对照原件"
            "（PDF）核实，或提供带表格线的原件。"
        ),
    ),
)
def figures_in_no_row(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per table with figures printed among its lines that no row holds."""
    for table in ctx.index.read.tables:
        figures = table.unplaced
        if not figures:
            continue
        name = table.title if table.id is None else f"{table.id}（{table.title}）"
        shown = "、".join(f"“{a.text}”" for a in figures[:_LISTED])
        more = f"等 {len(figures)} 个" if len(figures) > _LISTED else ""
        yield ctx.finding(
            "FA114",
            f"{name}中的数字 {shown}{more}未能对应到表的行和栏，未参与核对",
            figures[0].span,
            related=[RelatedSpan(span=a.span, note="未能对应到行") for a in figures[1:]],
        )
