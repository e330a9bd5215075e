"""The legend of the help screen: what each mark and colour of the inspector means.

Every sample is drawn with the style the panes use (``styles``), so the legend cannot drift
from what is on screen.
"""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text

from fa_tui.model import Severity, TableStatus
from fa_tui.tui import styles
from fa_tui.tui.index import SEVERITY_NAMES
from fa_tui.tui.widgets.table_view import LEFT_ARROW, REPAIRED_MARK, RIGHT_ARROW, STATUS_NAMES

_COLOUR_NAMES = {"red": "红", "yellow": "黄", "cyan": "青"}


def _sample(text: str, style: Style | str = "") -> Text:
    return Text(text, style=style)


def _severities() -> list[tuple[Text, Text]]:
    rows = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        letter = styles.SEVERITY_LETTER[severity]
        colour = _COLOUR_NAMES[styles.SEVERITY_COLOUR[severity]]
        sample = _sample(letter, styles.BADGE[severity])
        sample.append(" ")
        sample.append("12.34", style=styles.SPAN[severity])
        meaning = f"{SEVERITY_NAMES[severity]}（{colour}色）：标记、计数和原文底色"
        rows.append((sample, Text(meaning)))
    return rows


def legend_rows() -> list[tuple[str, list[tuple[Text, Text]]]]:
    """The legend as groups of (sample, meaning)."""
    error = Severity.ERROR
    empty, title_only, missing, unreadable = (
        f"[{STATUS_NAMES[s]}]"
        for s in (
            TableStatus.EMPTY,
            TableStatus.TITLE_ONLY,
            TableStatus.MISSING,
            TableStatus.UNREADABLE,
        )
    )
    repaired = _sample("137,500,265.00", styles.REPAIRED)
    repaired.append(REPAIRED_MARK, style=styles.REPAIRED)
    return [
        ("级别", _severities()),
        (
            "原文",
            [
                (_sample("12.34", styles.SPAN[error]), Text("问题所在的字符：按级别着底色")),
                (
                    _sample("12.34", styles.SPAN[error] + styles.CURRENT),
                    Text("当前问题：反色、加粗、下划线"),
                ),
                (_sample("12.34", styles.RELATED[error]), Text("当前问题的相关数字：下划线")),
                (_sample("12.34", styles.TARGET), Text("从表格单元格跳到的位置：反色")),
                (_sample("搜索", styles.MATCH), Text("搜索匹配：紫底")),
                (_sample("搜索", styles.CURRENT_MATCH), Text("当前匹配：亮紫底、下划线")),
                (_sample(">", styles.POINTER), Text("指示行（上下键移动）")),
                (_sample("12", styles.BADGE[error]), Text("行号按该行最严重的问题着色")),
                (_sample("13", styles.GUTTER_NODE), Text("绿色行号：当前目录节点所在的行")),
            ],
        ),
        (
            "表格",
            [
                (_sample("953.20", styles.SPAN[error]), Text("有问题的单元格：按级别着底色")),
                (
                    _sample("953.20", styles.SPAN[error] + styles.CURRENT_CELL),
                    Text("当前问题的单元格：加粗、下划线"),
                ),
                (
                    _sample("525.83", styles.CURRENT_RELATED[error]),
                    Text("当前问题的相关单元格：灰底、下划线"),
                ),
                (_sample("953.20", styles.RELATED[error]), Text("其他问题的相关单元格：下划线")),
                (repaired, Text("由提取损坏修复的数字（黄色带 *）")),
                (
                    _sample(f"{LEFT_ARROW} 2列  {RIGHT_ARROW} 5列", styles.EDGE_HINT),
                    Text("左右还有几列未显示（按整列滚动）"),
                ),
                (_sample("合计", styles.TOTAL_ROW), Text("合计行加粗")),
            ],
        ),
        (
            "目录",
            [
                (_sample("7", styles.BADGE[error]), Text("节点内问题数，按最严重的级别着色")),
                (_sample("绩效 (缺失)", styles.MISSING), Text("报告缺少该部分")),
                (_sample(f"{empty} {title_only}", "yellow"), Text("表格无数据，或只有列标题")),
                (_sample(unreadable, "yellow"), Text("所在页没有文字层，无法读取")),
                (_sample(missing, styles.MISSING), Text("报告中没有这张表")),
                (_sample("(解析中)", styles.MUTED), Text("表格仍在解析")),
            ],
        ),
        (
            "问题列表",
            [
                (_sample("-----", styles.MUTED), Text("分隔线上为本节点的问题，线下的变暗")),
            ],
        ),
    ]


def legend_table() -> Table:
    """The legend as a two-column grid under the heading ``图例``."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text("图例：标记与颜色", style="bold underline"), "")
    for title, rows in legend_rows():
        grid.add_row(Text(title, style="bold"), "")
        for sample, meaning in rows:
            grid.add_row(Text("  ") + sample, meaning)
    return grid
