"""FA8xx text hygiene: what a careful editor removes before a report is published.

FA801: the template's placeholders and guidance left in the text (``XX局``, ``XXX万元``,
``XX%``, ``某某``, ``（单位名称）``, ``增加（减少）``, ``（如持平作持平表述）``). A blank template
fails on every one of them; a real report that kept one has not been filled in there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fa_tui import pattern_cache
from fa_tui.model import Category, Finding, RelatedSpan, Report, Severity, Span
from fa_tui.rules.registry import EVERY_REPORT, RuleCode, RuleContext, rule

# Words of comparison or change whose opposite a template offers in brackets.
_OPPOSITES = (
    ("增加", "减少"),
    ("增长", "下降"),
    ("上升", "下降"),
    ("大于", "小于"),
    ("高于", "低于"),
    ("多于", "少于"),
    ("超过", "低于"),
)
_PAIRS = "|".join(
    f"{a}[（(]{b}[）)]|{b}[（(]{a}[）)]|[（(]{a}[/／、]{b}[）)]|[（(]{b}[/／、]{a}[）)]"
    for a, b in _OPPOSITES
)
_PLACEHOLDER = pattern_cache.compile(
    r"(?<![A-Za-z])(?:[XxＸｘ]{2,}|×{2,})(?![A-Za-z])%?"  # XX局, XXX万元, XX%, ××
    r"|某某"
    r"|[（(](?:单位|部门|项目|制度|文件|机构)名称[）)]"
    rf"|{_PAIRS}"
    # The template's own guidance in brackets: （如持平作持平表述）, （不涉及的不列）, （请填写…）;
    # a form's own label such as ``(逐条填写,和部门职能对应)`` is not one.
    r"|[（(](?:如[^（()）]{1,12}表述|不涉及的?不列|请(?:填写|填列|列明|据实|按实际|根据)[^（()）]{0,20})[）)]"
)
_LISTED = 5  # placeholders named in one line's message


@rule(
    RuleCode(
        "FA801",
        "placeholder-left",
        "模板占位符未替换",
        Category.TEXT_HYGIENE,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查报告中是否残留模板的占位符和填写说明：XX局、XXX万元、XX%、××、某某、"
            "（单位名称）等待填内容，“增加（减少）”“减少（增加）”“增长（下降）”“大于（小于）”"
            "等两可的写法（两种顺序都算），以及“（如持平作持平表述）”“（不涉及的不列）”"
            "这类模板说明。它们说明该处没有按实际情况填写，报为错误；每行一条，"
            "列出该行所有占位符。空白模板因此不能通过检查。"
        ),
    ),
)
def placeholders(ctx: RuleContext) -> Iterator[Finding]:
    """Placeholders and template guidance, one finding per line (at the first, the others
    related)."""
    for number, line in enumerate(ctx.report.source.lines, start=1):
        if not _may_hold_placeholder(line):
            continue
        spans = [
            (m.group(0), Span.at(number, m.start() + 1, m.end() + 1))
            for m in _PLACEHOLDER.finditer(line)
        ]
        if not spans:
            continue
        shown = list(dict.fromkeys(text for text, _ in spans))
        listed = "".join(f"“{t}”" for t in shown[:_LISTED]) + ("等" if len(shown) > _LISTED else "")
        yield ctx.finding(
            "FA801",
            f"模板占位符或填写说明未替换：{listed}",
            spans[0][1],
            related=[RelatedSpan(span=s, note="占位符") for _, s in spans[1:]],
        )


_CHEAP = pattern_cache.compile(r"[XxＸｘ×某（(]")


def _may_hold_placeholder(line: str) -> bool:
    """A cheap test: every placeholder holds one of these characters."""
    return _CHEAP.search(line) is not None


# FA802: two opposite words of change or comparison run together (``增减少``, ``增长下降``).
_GARBLED = pattern_cache.compile(
    "|".join(
        f"{a}{b}|{b}{a}|{a[0]}{b}|{b[0]}{a}"
        for a, b in (("增加", "减少"), ("增长", "下降"), ("上升", "下降"), ("增长", "减少"))
    )
    + "|多少于|少多于|大小于|小大于|高低于|低高于"
)
# ``增减少`` holds ``增`` + ``减少``; ``增减`` alone (增减变化) is a word and is left alone.


@rule(
    RuleCode(
        "FA802",
        "garbled-direction-words",
        "增减方向用词混杂",
        Category.TEXT_HYGIENE,
        Severity.ERROR,
        kinds=EVERY_REPORT,
        explanation=(
            "检查相反的增减或比较用词是否连写在一起，如“增减少”“增长下降”“多少于”“大小于”："
            "这通常是修改时没有删净原来的词，读者无法判断是增是减，报为错误。"
            "“增减变化”“多少”等正常词语不算。"
        ),
    ),
)
def garbled_directions(ctx: RuleContext) -> Iterator[Finding]:
    """Opposite words of change or comparison run together, each occurrence."""
    for number, line in enumerate(ctx.report.source.lines, start=1):
        if "增" not in line and "于" not in line and "降" not in line and "升" not in line:
            continue
        for m in _GARBLED.finditer(line):
            yield ctx.finding(
                "FA802",
                f"“{m.group(0)}”中相反的增减（比较）用词连写，无法判断方向",
                Span.at(number, m.start() + 1, m.end() + 1),
            )


# FA803: a word or a punctuation mark printed twice in a row.
_REPEATED = pattern_cache.compile(
    r"([\u4e00-\u9fff]{2,4})\1"  # 全部全部
    r"|([的是在和与及对把被从])\2(?!确确|非非|美美)"  # 的的 (not 的的确确, 是是非非)
    r"|(?<![。，、；：！？])([。，、；：！？])\3(?![。，、；：！？])"  # 。。 ，， (not 。。。)
)
# Repeated words that are Chinese, not a slip.
_LEGITIMATE = frozenset({"一个一个", "一步一步", "一点一点", "一天一天", "一年一年", "一项一项"})


@rule(
    RuleCode(
        "FA803",
        "repeated-word",
        "字词或标点重复",
        Category.TEXT_HYGIENE,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查连续重复的词语、虚词和标点，如“全部全部”“的的”“。。”“，，”，通常是编辑时"
            "的笔误。“常常”“人人”“年年”“的的确确”“等等”等正常的叠词不算。"
        ),
    ),
)
def repeated_words(ctx: RuleContext) -> Iterator[Finding]:
    """A word (two to four characters), a function character or a punctuation mark printed
    twice in a row, outside the tables."""
    for number, line in _text_lines(ctx):
        for m in _REPEATED.finditer(line):
            if m.group(0) in _LEGITIMATE:
                continue
            yield ctx.finding(
                "FA803",
                f"“{m.group(0)}”重复",
                Span.at(number, m.start() + 1, m.end() + 1),
            )


# FA804: a share or a rate given without its % sign (``占 55.16，``, ``增长 13.95。``).
_RATE_WITHOUT_SIGN = pattern_cache.compile(
    r"(?:占(?:比)?(?:为)?|(?:增长|下降|上升|降低)(?:了)?|(?:增幅|降幅|增长率)(?:为)?)"
    r"[\s\u3000]*(?P<figure>[0-9]+\.[0-9]+|[0-9]+)(?=[\s\u3000]*(?:[，。；、,;）)]|$))"
)


@rule(
    RuleCode(
        "FA804",
        "rate-without-percent-sign",
        "比例或增幅缺少百分号",
        Category.TEXT_HYGIENE,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查“占……”“增长……”“下降……”“增幅……”后面的数字是否带有百分号：“占 55.16，”"
            "“增长 13.95。”缺少 %，读者无法确定是百分比、金额还是倍数。"
        ),
    ),
)
def rates_without_sign(ctx: RuleContext) -> Iterator[Finding]:
    """A number after 占/增长/下降/增幅 that ends the clause without a % sign or a unit."""
    for number, line in _text_lines(ctx):
        if "占" not in line and "增" not in line and "降" not in line and "升" not in line:
            continue
        for m in _RATE_WITHOUT_SIGN.finditer(line):
            start, end = m.span("figure")
            yield ctx.finding(
                "FA804",
                f"“{m.group(0).strip()}”缺少百分号（%）或单位",
                Span.at(number, start + 1, end + 1),
            )


# FA807: an amount without its unit in a sentence whose other amounts have one
# (``基本支出525.83，项目支出427.37万元``): the figure is read as nothing.
_MONEY_LABEL_FIGURE = pattern_cache.compile(
    r"[\u4e00-\u9fff）”](?:支出|收入|经费|费|结余|结转|合计|总计|总额|拨款|补助|资金)"
    r"(?:决算|预算)?数?(?:为|是|共|达)?[\s\u3000]*"
    r"(?P<figure>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{2,})(?=[\s\u3000]*[，。；、,;）)])"
)
_WITH_UNIT = pattern_cache.compile(r"\d[\s\u3000]*(?:万元|亿元|元)")
_SENTENCE_END = pattern_cache.compile(r"(?<=。)")


@rule(
    RuleCode(
        "FA807",
        "amount-without-unit",
        "金额缺少单位",
        Category.TEXT_HYGIENE,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查同一句中其他金额都带有单位（万元、元）时，某项支出、收入或经费后的数字是否漏写了"
            "单位：“基本支出525.83，项目支出427.37万元”中的 525.83 没有单位，读者无法确认其数量级，"
            "fa-tui 也不把它当作金额核对。"
        ),
    ),
)
def amounts_without_unit(ctx: RuleContext) -> Iterator[Finding]:
    """A figure right after a money label (…支出, …经费, …合计) that ends its clause without a
    unit, in a sentence whose other amounts carry one."""
    for number, line in _text_lines(ctx):
        if "\t" in line or _WITH_UNIT.search(line) is None:
            continue
        offset = 0
        for sentence in _SENTENCE_END.split(line):
            if _WITH_UNIT.search(sentence) is not None:
                for m in _MONEY_LABEL_FIGURE.finditer(sentence):
                    start, end = m.span("figure")
                    yield ctx.finding(
                        "FA807",
                        f"“{m.group(0).strip()}”缺少金额单位（同一句的其他金额有单位）",
                        Span.at(number, offset + start + 1, offset + end + 1),
                    )
            offset += len(sentence)


# FA805: what a conversion left in the text a reviewer reads.
_RESIDUES = (
    ("LaTeX 公式代码", pattern_cache.compile(r"\$[^$\n]{0,60}?\\[A-Za-z%]+[^$\n]{0,60}?\$")),
    ("Markdown 标记", pattern_cache.compile(r"\*\*[^*\n]{1,60}?\*\*")),
    ("书签标记", pattern_cache.compile(r"\[bookmark:[^\]\n]{0,80}\]")),
    ("Word 域代码", pattern_cache.compile(r"\b(?:PAGEREF|HYPERLINK|TOC\s+\\[a-z])\b[^\s]*")),
)
_RESIDUE_CHEAP = pattern_cache.compile(r"[$*\[]|PAGEREF|HYPERLINK|TOC")
_RESIDUE_RELATED = 20  # further occurrences named in one finding


def _spaced(kind: str) -> str:
    """A kind named by a Latin word (``Markdown 标记``) takes a blank after 残留."""
    return f" {kind}" if kind[:1].isascii() else kind


@rule(
    RuleCode(
        "FA805",
        "conversion-residue",
        "文中残留格式转换代码",
        Category.TEXT_HYGIENE,
        Severity.INFO,
        kinds=EVERY_REPORT,
        explanation=(
            "检查文字中残留的格式转换代码：LaTeX 公式（如 $\\geq$）、Markdown 加粗符号、"
            "书签标记（bookmark）、Word 域代码（PAGEREF）。这些代码来自文档格式转换，"
            "读者看到的是一串乱码而不是正文；每一部分的每一类只报一次提示，并列出其余各处的位置，"
            "便于一次改正。"
        ),
    ),
)
def conversion_residue(ctx: RuleContext) -> Iterator[Finding]:
    """Each kind of residue once per part (at its first occurrence, the others related)."""
    part_of = _part_of_lines(ctx.report)
    found: dict[tuple[str, str | None], list[tuple[str, Span]]] = {}
    for number, line in enumerate(ctx.report.source.lines, start=1):
        if _RESIDUE_CHEAP.search(line) is None:
            continue
        for kind, pattern in _RESIDUES:
            for m in pattern.finditer(line):
                span = Span.at(number, m.start() + 1, m.end() + 1)
                found.setdefault((kind, part_of.get(number)), []).append((m.group(0), span))
    for (kind, part), hits in found.items():
        where = f"“{part}”部分" if part else "报告"
        yield ctx.finding(
            "FA805",
            f"{where}残留{_spaced(kind)}“{hits[0][0][:30]}”，共 {len(hits)} 处",
            hits[0][1],
            related=[RelatedSpan(span=s, note=kind) for _, s in hits[1 : 1 + _RESIDUE_RELATED]],
        )


# FA806: the department named differently in a heading or a table than on the title page.
_HEADING_NAME = pattern_cache.compile(
    r"^(?:第\S{1,3}部分[：:\s\u3000]*)?(?P<name>[\u4e00-\u9fff（）()]{4,40}?"
    r"(?:局|委员会|办公室|厅|中心|院|所|站|馆|处|队))[\s\u3000]*20\d{2}[\s\u3000]*年"
)


@rule(
    RuleCode(
        "FA806",
        "department-name-consistent",
        "部门名称前后一致",
        Category.TEXT_HYGIENE,
        Severity.WARNING,
        kinds=EVERY_REPORT,
        explanation=(
            "检查各部分标题、表格标题和表头“编制部门”中的部门名称是否与封面（报告标题）一致，"
            "如封面为“上海市普陀区规划和自然资源局”，表格部分标题却是“上海市规划和自然资源局”。"
            "只省略了前面的地区名（“柳江区医疗保障局”）不算不一致。"
        ),
    ),
)
def department_name(ctx: RuleContext) -> Iterator[Finding]:
    """Names of the department in part headings, table titles and table headers that are
    neither the title page's name nor that name without its leading region."""
    report = ctx.report
    if report.department is None or report.department_span is None:
        return
    lines = {p.heading.line for p in report.parts if p.heading is not None}
    lines.update(t.title_span.line for t in report.tables if t.title_span is not None)
    lines.discard(report.department_span.line)
    names: list[tuple[str, Span]] = []
    for number in sorted(lines):
        line = report.source.line(number)
        stripped = line.lstrip(" \t\u3000")
        m = _HEADING_NAME.match(stripped)
        if m:
            start = len(line) - len(stripped) + m.start("name")
            names.append((m.group("name"), Span.at(number, start + 1, start + 1 + len(m["name"]))))
    for table in report.tables:
        if table.department and table.unit_span is not None:
            at = report.source.line(table.unit_span.line).find(table.department)
            if at >= 0:
                line_no = table.unit_span.line
                names.append(
                    (table.department, Span.at(line_no, at + 1, at + 1 + len(table.department)))
                )
    seen: set[str] = set()
    for name, span in names:
        if _same_department(name, report.department) or name in seen:
            continue
        seen.add(name)
        yield ctx.finding(
            "FA806",
            f"部门名称“{name}”与报告标题中的“{report.department}”不一致",
            span,
            related=[RelatedSpan(span=report.department_span, note="报告标题中的部门名称")],
            expected=report.department,
            actual=name,
        )


def _same_department(name: str, department: str) -> bool:
    """The same name, or one of them the other without its leading region."""
    name, department = _plain_name(name), _plain_name(department)
    return name == department or department.endswith(name) or name.endswith(department)


def _plain_name(name: str) -> str:
    return re.sub(r"[\s\u3000]", "", name).replace("(", "（").replace(")", "）")


def _text_lines(ctx: RuleContext) -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines outside the tables."""
    inside: set[int] = set()
    for table in ctx.report.tables:
        if table.span is not None:
            inside.update(range(table.span.line, table.span.end_line + 1))
    for number, line in enumerate(ctx.report.source.lines, start=1):
        if number not in inside:
            yield number, line


def _part_of_lines(report: Report) -> dict[int, str]:
    """The canonical part each line lies in (a part inside another: the inner one)."""
    out: dict[int, str] = {}
    for part in report.parts:
        if not part.present:
            continue
        spans = [part.span] if part.span is not None else []
        spans.extend(s.span for s in part.walk_sections())
        for span in spans:
            for number in range(span.line, span.end_line + 1):
                if part.located_in or number not in out:
                    out[number] = part.name.value
    return out
