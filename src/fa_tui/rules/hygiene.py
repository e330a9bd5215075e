"""FA8xx text hygiene: what a careful editor removes before a report is published.

FA801: the template's placeholders and guidance left in the text (``XX局``, ``XXX万元``,
``XX%``, ``某某``, ``（单位名称）``, ``增加（减少）``, ``（如持平作持平表述）``). A blank template
fails on every one of them; a real report that kept one has not been filled in there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fa_tui.model import Category, Finding, RelatedSpan, Severity, Span
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
_PLACEHOLDER = re.compile(
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


_CHEAP = re.compile(r"[XxＸｘ×某（(]")


def _may_hold_placeholder(line: str) -> bool:
    """A cheap test: every placeholder holds one of these characters."""
    return _CHEAP.search(line) is not None
