"""FA1xx completeness: the parts, tables and explanations a disclosure must contain.

What must be published comes from 财预〔2016〕143号 and its local versions (domain.md §0): the
nine tables (an empty one with a 说明), a 情况说明 covering a fixed list of topics, and 名词解释.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fa_tui import pattern_cache
from fa_tui.model import (
    Category,
    Finding,
    Part,
    PartName,
    RelatedSpan,
    Report,
    Section,
    Severity,
    Span,
    Table,
    TableRole,
    TableStatus,
)
from fa_tui.rules.registry import EVERY_REPORT, RuleCode, RuleContext, rule
from fa_tui.schema import template_of

_ORDINAL = pattern_cache.compile(r"[\d一二三四五六七八九十]+")

_LABEL = pattern_cache.compile(r"公开\s*(\d{1,2})\s*表")
_ATTACHMENT = pattern_cache.compile(r"见附件|详见附件|另附|附件\d*[）)]?$")


def _part_lines(ctx: RuleContext, part: Part | None) -> list[tuple[int, str]]:
    """(line number, text) of every line a part covers, its sections included (memoised)."""
    if part is None or not part.present:
        return []
    memo = ctx.index.part_lines
    found = memo.get(part.name)
    if found is None:
        found = memo[part.name] = _lines_of(ctx, part)
    return found


def _lines_of(ctx: RuleContext, part: Part) -> list[tuple[int, str]]:
    """(number, text as read) of the lines of ``part`` and its sections."""
    numbers: set[int] = set()
    if part.span is not None:
        numbers.update(range(part.span.line, part.span.end_line + 1))
    for section in part.walk_sections():
        numbers.update(range(section.span.line, section.span.end_line + 1))
    return [(n, ctx.index.reading_line(n)) for n in sorted(numbers)]


def _squash(text: str) -> str:
    """``text`` without blanks and ``*`` emphasis (``str.split`` splits at every ``\\s``)."""
    return "".join(text.split()).replace("*", "")


def _part_text(ctx: RuleContext, part: Part | None) -> str:
    """The part's lines joined, without blanks and emphasis (memoised)."""
    if part is None or not part.present:
        return ""
    memo = ctx.index.part_text
    found = memo.get(part.name)
    if found is None:
        found = memo[part.name] = _squash("\n".join(t for _, t in _part_lines(ctx, part)))
    return found


def _part_anchor(part: Part | None) -> Span | None:
    if part is None:
        return None
    return part.heading or part.span


@rule(
    RuleCode(
        "FA101",
        "tables-part-published",
        "决算表部分存在且有数据",
        Category.COMPLETENESS,
        Severity.ERROR,
        explanation=(
            "检查报告正文是否公开了决算表且表中有数据。决算表是部门决算公开的核心，"
            "情况说明中的数字都要与之核对。整份报告既没有决算表部分、也没有任何决算表的，报为错误；"
            "决算表只列出表名而没有数据，或只注明“见附件”而未在报告中公开的，报为警告，"
            "因为此时报告本身的数字无法与表格核对。只要有一张表有数据即不提示。"
        ),
        part=PartName.TABLES,
    ),
)
def tables_part(ctx: RuleContext) -> Iterator[Finding]:
    """The tables (决算表) are the core of the disclosure. Error when no table is published at
    all; warning when the tables are only listed by title or referred to an attachment
    (``见附件``), so that nothing in the report itself can be checked against them."""
    report = ctx.report
    if any(t.status is TableStatus.DATA for t in report.tables):
        return
    if any(t.status is TableStatus.UNREADABLE for t in report.tables):
        return  # pages without a text layer may hold them: FA111 names those pages
    part = report.part(PartName.TABLES)
    listed = [t for t in report.tables if t.status is not TableStatus.MISSING]
    if (part is None or not part.present) and not listed:
        yield ctx.finding("FA101", "报告没有决算表部分，也没有任何决算表", None)
        return
    lines = _part_lines(ctx, part)
    attachment = next(((n, t) for n, t in lines if _ATTACHMENT.search(t.strip())), None)
    if attachment is not None:
        n, text = attachment
        yield ctx.finding(
            "FA101",
            "决算表未在报告中公开，只注明见附件，无法与正文核对",
            Span.at(n, 1, len(text) + 1),
            severity=Severity.WARNING,
        )
        return
    if listed or part is not None:
        yield ctx.finding(
            "FA101",
            "决算表只列出表名，没有表格数据",
            _part_anchor(part) or (listed[0].title_span if listed else None),
            severity=Severity.WARNING,
        )


@rule(
    RuleCode(
        "FA102",
        "nine-tables-present",
        "九张决算表齐全",
        Category.COMPLETENESS,
        Severity.ERROR,
        explanation=(
            "检查九张标准决算表是否齐全（财预〔2016〕143号）：收入支出决算总表（公开01表）、"
            "收入决算表、支出决算表、财政拨款收入支出决算总表、一般公共预算财政拨款支出决算表、"
            "一般公共预算财政拨款基本支出决算表、政府性基金预算财政拨款收入支出决算表、"
            "国有资本经营预算财政拨款支出决算表、财政拨款“三公”经费支出决算表（公开09表）。"
            "没有数据的表也应以空表形式公开并附说明。完全找不到的表报为错误；只有标题、"
            "没有表格内容的报为警告；PDF 中有没有文字层的页（扫描件）而找不到的表，"
            "可能就在这些页中，报为警告“未能读取”。"
            "没有任何一张表有数据时由 FA101 提示，本规则不再逐表提示。"
            "fa-tui 未能读出某张表的内容时报为内部错误（fa-tui 的缺陷，不是报告的问题）。"
        ),
        part=PartName.TABLES,
    ),
)
def nine_tables(ctx: RuleContext) -> Iterator[Finding]:
    """When the report publishes its tables, each of the nine standard tables must be there (an
    empty one still printed with its header and a 说明). A table listed by title without a body
    is a warning; a table not found at all is an error. Silent when no table has data (FA101).
    A table whose body fa-tui failed to read is reported as an internal error (a bug in fa-tui)."""
    report = ctx.report
    for table in report.tables:
        if table.parse_error is not None:
            yield Finding(
                code="FA102",
                severity=Severity.ERROR,
                category=Category.INTERNAL,
                message=f"{table.id}（{table.title}）的表格内容解析出错（fa-tui 内部缺陷，不是报告"
                f"的问题），只保留了标题：{table.parse_error}",
                span=table.title_span or table.span,
            )
    if not any(t.status is TableStatus.DATA for t in report.tables):
        return
    part = report.part(PartName.TABLES)
    anchor = _part_anchor(part)
    for spec in template_of(report).tables:
        found, title = report.table(spec.id), spec.title
        if found is None or found.status is TableStatus.MISSING:
            yield ctx.finding("FA102", f"缺少{spec.id}（{title}）", anchor)
        elif found.status is TableStatus.UNREADABLE and found.title_span is None:
            # (a table found by its title whose figures could not be placed is reported by
            # FA113/FA114, with its rows and figures)
            yield ctx.finding(
                "FA102",
                f"未能读取{spec.id}（{title}）：{found.note}",
                anchor,
                severity=Severity.WARNING,
            )
        elif found.status is TableStatus.TITLE_ONLY and found.parse_error is None:
            yield ctx.finding(
                "FA102",
                f"{spec.id}（{title}）只有标题，没有表格",
                found.title_span or found.span,
                severity=Severity.WARNING,
            )


# What a 空表说明 says: there is nothing to report.
_EMPTY_NOTE = pattern_cache.compile(
    r"无数据|没有|无此|无该|未发生|为0|为零|空表|无相关|不涉及|无.{0,8}(收入|支出)"
)
_ZERO_STATEMENT = pattern_cache.compile(r"无该项|无此项|没有|^无|未发生|(?<![\d.])0万元|为0|为零")


def _note_lines(ctx: RuleContext, table: Table) -> list[tuple[int, str]]:
    """The table's 注/说明 lines (its own note and the 说明 lines printed right after it)."""
    out: list[tuple[int, str]] = []
    if table.note and table.note_span is not None:
        out.append((table.note_span.line, table.note))
    if table.span is not None:
        for n in range(table.span.end_line + 1, table.span.end_line + 6):
            text = ctx.report.source.line(n).strip()
            if text.startswith(("说明", "注")):
                out.append((n, text))
            elif text and not text.startswith(("说明", "注")) and n > table.span.end_line + 1:
                break
    return out


def _narrative_zero(ctx: RuleContext, role: str) -> Span | None:
    """A 情况说明 section on the table's topic (its ``empty_topics``) that says the item is nil."""
    spec = template_of(ctx.report).spec(role)
    keywords = spec.empty_topics if spec is not None else ()
    part = ctx.report.part(PartName.EXPLANATION)
    if not keywords or part is None or not part.present:
        return None
    for section in part.walk_sections():
        if not any(k in section.title for k in keywords):
            continue
        for n in range(section.span.line + 1, section.span.end_line + 1):
            text = _squash(ctx.index.reading_line(n))
            if text and _ZERO_STATEMENT.search(text):
                return section.heading
    return None


@rule(
    RuleCode(
        "FA103",
        "empty-table-has-note",
        "空表附有说明",
        Category.COMPLETENESS,
        Severity.WARNING,
        explanation=(
            "检查没有数据的空表（常见于政府性基金、国有资本经营预算和“三公”经费表）是否附有说明，"
            "写明为何无数据（如“本单位无政府性基金预算财政拨款收入，"
            "也没有使用政府性基金预算财政拨款安排的支出，故本表为空表”）。"
            "读者据此区分“没有这项收支”与“漏填”。表后没有注或说明的，报为警告；表格本身没有说明、"
            "但情况说明的相应段落已写明该项为零的，报为提示（表格仍应注明）。"
            "说明写的是另一张表的内容（如表七下写“没有国有资本经营预算……”）的，也报为警告。"
        ),
        part=PartName.TABLES,
    ),
)
def empty_table_note(ctx: RuleContext) -> Iterator[Finding]:
    """A table with no data is still published, empty, with a 说明 saying why (no such income or
    spending). Warning when the note is missing; info when the 情况说明 at least states that the
    item is nil (the table itself should still say so)."""
    for table in ctx.report.tables:
        if table.status is not TableStatus.EMPTY or table.role == TableRole.OTHER:
            continue
        notes = [line for note in _note_lines(ctx, table) for line in _printed_lines(ctx, note)]
        stating = [(n, t) for n, t in notes if _EMPTY_NOTE.search(_squash(t))]
        if stating:
            yield from _note_of_another_table(ctx, table, stating)
            continue
        anchor = table.title_span or table.span
        stated = _narrative_zero(ctx, table.role)
        if stated is not None:
            yield ctx.finding(
                "FA103",
                f"{table.id}（{table.title}）为空表且没有空表说明（情况说明中已说明该项为零）",
                anchor,
                severity=Severity.INFO,
                related=[RelatedSpan(span=stated, note="情况说明中的相关段落")],
            )
        else:
            yield ctx.finding(
                "FA103", f"{table.id}（{table.title}）为空表，但没有说明为何无数据", anchor
            )


def _printed_lines(ctx: RuleContext, note: tuple[int, str]) -> list[tuple[int, str]]:
    """The printed lines of a note read as one text from its first line on."""
    number, text = note
    if "\n" not in text:
        return [note]
    source = ctx.report.source
    out: list[tuple[int, str]] = []
    wanted = [t for t in text.split("\n") if t.strip()]
    n = number
    while wanted and n <= len(source.lines):
        line = source.line(n)
        if line.strip() and wanted[0].strip() in line:
            out.append((n, line))
            wanted.pop(0)
        n += 1
    return out


def _note_of_another_table(
    ctx: RuleContext, table: Table, notes: list[tuple[int, str]]
) -> Iterator[Finding]:
    """A 空表说明 that speaks of another table's fund (``没有国有资本经营预算…`` under 表七)
    and not of this table's: copied from the wrong table."""
    template = template_of(ctx.report)
    spec = template.spec(table.role)
    own = spec.empty_topics if spec is not None else ()
    if not own:
        return
    others = [
        (other, topic)
        for other in template.tables
        if other.id != table.role
        for topic in other.empty_topics
        if topic not in own
    ]
    for number, text in notes:
        squashed = _squash(text)
        if any(topic in squashed for topic in own):
            return
        named = [(other, topic) for other, topic in others if topic in squashed]
        if named:
            other, topic = named[0]
            line = ctx.report.source.line(number)
            at = line.find(topic)
            span = Span.at(number, at + 1, at + 1 + len(topic)) if at >= 0 else None
            yield ctx.finding(
                "FA103",
                f"{table.id}（{table.title}）的空表说明写的是“{topic}”（{other.short}的内容），"
                f"与本表不符",
                span or table.title_span or table.span,
                related=[RelatedSpan(span=s, note="本表") for s in [table.title_span] if s],
                expected="、".join(own),
                actual=topic,
            )
            return


@rule(
    RuleCode(
        "FA104",
        "table-label-matches-title",
        "公开NN表编号与表格相符且不重复",
        Category.COMPLETENESS,
        Severity.WARNING,
        explanation=(
            "检查每张表印出的“公开NN表”编号是否与表名对应的标准编号一致（如一般公共预算财政拨款支出"
            "决算表应为公开05表），以及同一编号是否被两张表使用。读者和正文的引用都靠编号找表，"
            "编号错位或重复容易导致核对错表。不一致或重复的报为警告。"
        ),
        part=PartName.TABLES,
    ),
)
def table_labels(ctx: RuleContext) -> Iterator[Finding]:
    """Each table is identified by its title; its printed ``公开NN表`` label must be the one of
    that title and must not be used by two tables (readers and cross-references rely on it)."""
    labelled: dict[str, list[Table]] = {}
    for table in ctx.report.tables:
        if table.label is None:
            continue
        match = _LABEL.search(table.label)
        if match is None:
            continue
        labelled.setdefault(f"公开{int(match.group(1)):02d}表", []).append(table)
    for label, tables in labelled.items():
        for table in tables:
            if table.role == TableRole.OTHER or label == str(table.role):
                continue
            twins = [t for t in tables if t is not table]
            twice = f"，且该编号也用于{twins[0].title}" if twins else ""
            yield ctx.finding(
                "FA104",
                f"“{table.title}”应为{table.role!s}，却标为{label}{twice}",
                table.label_span or table.title_span or table.span,
                related=[
                    RelatedSpan(span=t.label_span, note=f"{t.title}也标为{label}")
                    for t in twins
                    if t.label_span is not None
                ],
                expected=str(table.role),
                actual=label,
            )


# Topics the 情况说明 must cover, each with the words that show it is covered.
_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "收入支出决算总体情况",
        ("收入支出决算总体", "收支决算总体", "收、支总计", "收支总计", "收入总计"),
    ),
    ("收入决算情况", ("收入决算情况", "收入合计", "本年收入", "事业收入", "其他收入")),
    ("支出决算情况", ("支出决算情况", "支出合计", "本年支出")),
    (
        "财政拨款收入支出决算总体情况",
        ("财政拨款收入支出决算总体", "财政拨款收、支总计", "财政拨款收支"),
    ),
    ("一般公共预算财政拨款支出决算总体情况", ("一般公共预算财政拨款支出", "财政拨款支出决算总体")),
    ("一般公共预算财政拨款支出决算结构情况", ("结构情况", "主要用于")),
    ("一般公共预算财政拨款支出决算具体情况", ("具体情况", "年初预算")),
    ("一般公共预算财政拨款基本支出决算情况", ("基本支出决算", "人员经费")),
    ("财政拨款“三公”经费支出决算情况", ("三公",)),
    ("政府性基金预算财政拨款收入支出决算情况", ("政府性基金",)),
    ("国有资本经营预算财政拨款支出决算情况", ("国有资本经营",)),
    ("机关运行经费支出情况", ("机关运行经费",)),
    ("政府采购支出情况", ("政府采购",)),
    ("国有资产占用情况", ("国有资产", "车辆")),
    ("预算绩效管理情况", ("绩效",)),
)


@rule(
    RuleCode(
        "FA105",
        "explanation-covers-topics",
        "情况说明覆盖规定事项",
        Category.COMPLETENESS,
        Severity.WARNING,
        explanation=(
            "检查部门决算情况说明是否涵盖规定事项（财预〔2016〕143号）：收入支出决算总体情况、"
            "收入决算情况、支出决算情况、财政拨款收入支出决算总体情况、"
            "一般公共预算财政拨款支出决算的总体、结构和具体情况、"
            "一般公共预算财政拨款基本支出决算情况、财政拨款“三公”经费支出决算情况、"
            "政府性基金预算和国有资本经营预算财政拨款收支情况、机关运行经费支出情况、"
            "政府采购支出情况、国有资产占用情况和预算绩效管理情况。按关键词在情况说明中查找，"
            "每缺一项报一条警告（报告另有绩效部分的，视为已说明绩效情况）；"
            "整份报告没有情况说明部分的，报为错误。"
        ),
        part=PartName.EXPLANATION,
    ),
)
def explanation_topics(ctx: RuleContext) -> Iterator[Finding]:
    """The 情况说明 must explain, among others: 收支总体, 收入, 支出, 财政拨款收支, 一般公共预算
    财政拨款支出 (总体, 结构, 具体), 基本支出, 三公经费, 政府性基金, 国有资本经营预算, 机关运行经费,
    政府采购, 国有资产占用 and 绩效 (财预〔2016〕143号). One warning per topic not found in it
    (绩效 also counts when the report has a 绩效 part elsewhere)."""
    report = ctx.report
    part = report.part(PartName.EXPLANATION)
    if part is None or not part.present:
        yield ctx.finding("FA105", "报告没有决算情况说明部分", None, severity=Severity.ERROR)
        return
    text = _part_text(ctx, part)
    performance = report.part(PartName.PERFORMANCE)
    anchor = _part_anchor(part)
    for topic, words in _TOPICS:
        if any(w in text for w in words):
            continue
        if topic == "预算绩效管理情况" and performance is not None and performance.present:
            continue
        yield ctx.finding("FA105", f"情况说明未涉及“{topic}”", anchor)


@rule(
    RuleCode(
        "FA106",
        "glossary-present",
        "名词解释部分存在",
        Category.COMPLETENESS,
        Severity.ERROR,
        explanation=(
            "检查报告是否有名词解释部分，解释财政拨款收入、事业收入、基本支出、项目支出、“三公”"
            "经费、机关运行经费等专业名词。名词解释是规定的公开内容，也是公众读懂决算表的前提，"
            "缺少时报为错误。"
        ),
        part=PartName.GLOSSARY,
    ),
)
def glossary(ctx: RuleContext) -> Iterator[Finding]:
    """A disclosure ends with 名词解释 (财政拨款收入, 基本支出, 三公经费, 机关运行经费 …) so that
    the public can read the tables; its absence is an error."""
    part = ctx.report.part(PartName.GLOSSARY)
    if part is not None and part.present:
        return
    yield ctx.finding("FA106", "报告缺少名词解释部分", None)


_EMPTY_LIST = pattern_cache.compile(r"(包括|如下|主要用于)[：:]\s*$")


@rule(
    RuleCode(
        "FA108",
        "template-text-left",
        "列举内容未填写",
        Category.COMPLETENESS,
        Severity.INFO,
        kinds=EVERY_REPORT,
        explanation=(
            "检查情况说明中以“包括：”“如下：”“主要用于：”结尾的条目后面是否直接是下一条，"
            "即列举的内容空缺，报为提示。模板的占位符和两可写法（“增加（减少）”等）由 FA801 报告。"
        ),
    ),
)
def template_left(ctx: RuleContext) -> Iterator[Finding]:
    """A list introduced by ``包括：`` that ends the paragraph with nothing after it (the
    template's alternatives and placeholders are FA801's)."""
    report = ctx.report
    part = report.part(PartName.EXPLANATION)
    for n, line in _part_lines(ctx, part):
        empty = _EMPTY_LIST.search(line)
        if empty is not None and _list_left_empty(report, n, line):
            yield ctx.finding(
                "FA108",
                f"“{empty.group(1)}：”之后没有内容",
                Span.at(n, empty.start() + 1, empty.end() + 1),
            )


_ITEM = pattern_cache.compile(
    r"^\s*(\d+[.．、]|[（(]\d+[）)]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)


def _style(text: str) -> str | None:
    match = _ITEM.match(text)
    if match is None:
        return None
    return _ORDINAL.sub("N", match.group(1))


def _list_left_empty(report: Report, line: int, text: str) -> bool:
    """A numbered item ending in ``包括：`` followed directly by the next item of the same kind."""
    own = _style(text)
    if own is None:
        return False
    for n in range(line + 1, min(line + 4, report.source.line_count + 1)):
        following = report.source.line(n).strip()
        if following:
            return _style(following) == own
    return False


# --- FA107: the counts behind the 三公 figures ----------------------------------------------

_NO_SPENDING = pattern_cache.compile(
    r"无(?:该项|此项|相关|“?三公”?经费(?:财政拨款)?)?支出|未(?:发生|安排)(?:“?三公”?经费)?"
)
_ZERO = r"(?:支出|费用?)(?:决算)?(?:为)?0(?:\.0+)?万元"
_ITEM_ANCHOR = pattern_cache.compile(r"出国|公务用车|接待")
_OUTBOUND, _CARS, _RECEPTION = "出国", "公务用车", "接待"
# (what is missing, its item, the item's zero-spending statement, detail patterns that must match)
_SANGONG_DETAILS: tuple[tuple[str, str, re.Pattern[str], tuple[re.Pattern[str], ...]], ...] = (
    (
        "因公出国（境）团组数和人次",
        _OUTBOUND,
        pattern_cache.compile(r"出国（境）(?:经)?费" + _ZERO),
        (
            pattern_cache.compile(r"团组\D{0,6}\d+|\d+\s*个?团组"),
            pattern_cache.compile(r"\d+\s*人"),
        ),
    ),
    (
        "公务用车购置数量",
        _CARS,
        pattern_cache.compile(r"公务用车购置(?:及运行(?:维护)?)?费?" + _ZERO),
        (pattern_cache.compile(r"购置(?:数|公务用车)?\D{0,8}\d+\s*辆"),),
    ),
    (
        "公务接待批次和人次",
        _RECEPTION,
        pattern_cache.compile(r"公务接待费?" + _ZERO),
        (
            pattern_cache.compile(r"\d+\s*(?:批次|批|个团组)|团组\D{0,4}\d+"),
            pattern_cache.compile(r"\d+\s*人"),
        ),
    ),
)
_FLEET = pattern_cache.compile(r"(?:保有量|共有(?:公务用车|车辆)|实有车辆)\D{0,6}\d+\s*辆")
_NO_CAR_COSTS = pattern_cache.compile(r"公务用车购置及运行(?:维护)?费?" + _ZERO)


def _sangong_section(report: Report) -> Section | None:
    part = report.part(PartName.EXPLANATION)
    if part is None:
        return None
    return next((s for s in part.walk_sections() if "三公" in s.title), None)


def _item_texts(text: str) -> dict[str, str]:
    """The text about each 三公 item: every stretch from its keyword to the next item's keyword."""
    out = {_OUTBOUND: "", _CARS: "", _RECEPTION: ""}
    anchors = list(_ITEM_ANCHOR.finditer(text))
    for k, match in enumerate(anchors):
        end = anchors[k + 1].start() if k + 1 < len(anchors) else len(text)
        out[match.group(0)] += text[match.start() : end]
    return out


@rule(
    RuleCode(
        "FA107",
        "three-public-counts-given",
        "三公经费说明给出团组、车辆、接待批次数量",
        Category.COMPLETENESS,
        Severity.WARNING,
        explanation=(
            "检查情况说明的“三公”经费部分在说明金额的同时是否给出数量（财预〔2016〕143号）："
            "因公出国（境）的团组数和人次，公务用车的购置数量和保有量，公务接待的批次和人次。"
            "数量是判断“三公”经费是否合理的依据。每缺一项报一条警告；某项支出为 0 时不要求列数量，"
            "整部分写明“无该项支出”时不提示；车辆保有量也可在国有资产占用情况中说明。"
        ),
    ),
)
def sangong_details(ctx: RuleContext) -> Iterator[Finding]:
    """The 三公 section must give counts beside the amounts: groups and persons abroad, cars
    bought and held, receptions and persons. An item with zero spending needs none; the fleet
    may be stated under 国有资产占用 instead."""
    report = ctx.report
    section = _sangong_section(report)
    if section is None:
        return  # the missing topic itself is FA105's business
    lines = range(section.span.line, section.span.end_line + 1)
    text = _squash("".join(ctx.index.reading_line(n) for n in lines))
    if _NO_SPENDING.search(text):
        return
    items = _item_texts(text)
    missing = [
        what
        for what, item, zero, patterns in _SANGONG_DETAILS
        if not zero.search(text) and not all(p.search(items[item]) for p in patterns)
    ]
    whole = _part_text(ctx, report.part(PartName.EXPLANATION))
    if not _NO_CAR_COSTS.search(text) and not _FLEET.search(whole):
        missing.append("公务用车保有量")
    for what in missing:
        yield ctx.finding("FA107", f"“三公”经费说明未给出{what}", section.heading)


# --- FA109: every 三公 item is explained --------------------------------------------------------

# (the item, the words that state it); 公务用车购置及运行费 as one figure states neither part
_SANGONG_ITEMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("因公出国（境）费", pattern_cache.compile(r"出国[（(]境[）)]|因公出国")),
    (
        "公务用车购置费",
        pattern_cache.compile(
            r"购置(?!及运行)(?:公务用车|车辆)?(?:费|支出|经费|\d|为|决算|数量|\D{0,4}辆)"
        ),
    ),
    ("公务用车运行维护费", pattern_cache.compile(r"(?<!及)运行(?:维护|维修)?(?:费|支出|经费)")),
    ("公务接待费", pattern_cache.compile(r"接待")),
)


@rule(
    RuleCode(
        "FA109",
        "three-public-items-covered",
        "三公经费说明覆盖全部四项",
        Category.COMPLETENESS,
        Severity.WARNING,
        explanation=(
            "检查情况说明的“三公”经费部分是否逐项说明了因公出国（境）费、公务用车购置费、"
            "公务用车运行维护费和公务接待费：只写“公务用车购置及运行费”一个数时，"
            "购置和运行各是多少仍不清楚（两者都为 0 的除外）。每缺一项报一条警告；"
            "整部分写明无“三公”经费支出的不提示。"
        ),
    ),
)
def sangong_items(ctx: RuleContext) -> Iterator[Finding]:
    """The 三公 section states each of the four items (出国, 车辆购置, 车辆运行, 接待); a zero
    combined 公务用车购置及运行费 states both car items."""
    section = _sangong_section(ctx.report)
    if section is None:
        return
    lines = range(section.span.line, section.span.end_line + 1)
    text = _squash("".join(ctx.index.reading_line(n) for n in lines))
    if _NO_SPENDING.search(text):
        return
    cars_zero = _NO_CAR_COSTS.search(text) is not None
    for item, pattern in _SANGONG_ITEMS:
        if cars_zero and item.startswith("公务用车"):
            continue
        if pattern.search(text) is None:
            yield ctx.finding("FA109", f"“三公”经费说明未单独说明{item}", section.heading)


# --- FA116: the 部门 field of each table's header is filled ------------------------------------

_BLANK_DEPARTMENT = pattern_cache.compile(
    r"(?:编制)?(?:部门|单位)(?:名称)?[：:](?P<blank>[\s\u3000]*)(?=$|(?:金额)?单位[：:])"
)


@rule(
    RuleCode(
        "FA116",
        "table-department-filled",
        "决算表表头填写部门名称",
        Category.COMPLETENESS,
        Severity.WARNING,
        explanation=(
            "检查每张决算表表头的“部门：”（编制单位）是否填写了部门名称：表格常被单独引用或转载，"
            "表头没有部门名称就无法知道是哪个部门的数字。所有未填写的表合报一条警告，并列出各表位置。"
        ),
        part=PartName.TABLES,
    ),
)
def table_department(ctx: RuleContext) -> Iterator[Finding]:
    """A table header's ``部门：`` (编制单位：) printed with nothing after it; one warning for all
    such tables, at the first, the others related."""
    blanks: list[tuple[Table, Span]] = []
    source = ctx.report.source
    for table in ctx.report.tables:
        if table.role == TableRole.OTHER or table.span is None or table.department:
            continue
        first_row = min((r.span.line for r in table.rows), default=table.span.end_line + 1)
        for number in range(table.span.line, min(first_row, table.span.end_line + 1)):
            m = _BLANK_DEPARTMENT.search(source.line(number))
            if m is not None:
                at = m.start("blank")
                blanks.append((table, Span.at(number, m.start() + 1, at + 1)))
                break
    if not blanks:
        return
    names = "、".join(t.id or t.title for t, _ in blanks)
    yield ctx.finding(
        "FA116",
        f"{len(blanks)} 张表的表头“部门：”未填写部门名称（{names}）",
        blanks[0][1],
        related=[RelatedSpan(span=span, note=t.id or t.title) for t, span in blanks[1:]],
    )
