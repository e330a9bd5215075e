"""The key map of the inspector, in one place: the help screen and the README show this table.

Groups are keyed by pane (``PANE_GROUPS``), so that the help screen can put the keys of the pane
in use first.
"""

from __future__ import annotations

KEYMAP: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "全局（任何窗格）",
        (
            ("Tab Shift+Tab", "在窗格之间切换：目录、内容、问题列表、详情"),
            ("1 2 3 4", "直接转到目录 / 内容 / 问题列表 / 详情"),
            ("z", "放大当前窗格（再按 z 或 Esc 还原）"),
            ("] [", "下一条 / 上一条问题"),
            ("r", "逐个跳到当前问题的相关位置"),
            ("v", "表格单元格与其原文行互换"),
            ("/", "搜索文字或数字（数字不论千分位和空格）"),
            ("", "如 371501.36 找到 371, 501. 36"),
            ("n N", "下一个、上一个匹配；显示表格时在表中移动"),
            ("g 或 :", "跳到行号；p12 跳到第 12 页"),
            ("f", "按级别筛选，每按一次换下一档："),
            ("", "全部、错误+警告、错误、警告、提示"),
            ("s", "问题按级别（错误在前）或按位置排序"),
            ("c", "按代码筛选（如 FA2,FA301；留空清除）"),
            ("x", "清除全部筛选"),
            ("y", "复制当前问题：代码、级别、说明、位置和数字"),
            ("", "到剪贴板，并另存为 copied.txt"),
            ("Ctrl+P", "命令面板：跳到部分、表格、问题或行"),
            ("?", "显示本帮助与图例"),
            ("q Ctrl+Q", "退出"),
            ("Esc", "关闭对话框、帮助或放大；回到报告列表"),
        ),
    ),
    (
        "目录",
        (
            ("上下", "移动并预览该节点"),
            ("Enter", "打开节点（表格或原文位置）并转到内容窗格"),
            ("Space", "展开或折叠；Shift+左 回到上级"),
        ),
    ),
    (
        "内容：原文",
        (
            ("上下 j k", "移动指示行"),
            ("PgUp PgDn", "翻页（空格也向下翻页）；Home、End 到首尾"),
            ("左右 h l", "左右滚动"),
            ("Enter", "选中本行问题；有几条时再按 Enter 轮换"),
            ("/ g", "搜索；跳行"),
        ),
    ),
    (
        "内容：表格",
        (
            ("方向键 h j k l", "移动单元格；左右按整列滚动，行名固定"),
            ("PgUp PgDn", "翻页；Home、End 到第一行、最后一行"),
            ("Enter", "跳到该单元格在原文中的位置"),
            ("/ n N", "在本表单元格中搜索，数字按数值比较"),
            ("", "光标移到匹配的单元格"),
            ("◀ ▶", "左右还有未显示的列（标题行给出列数）"),
            ("] [", "表格单元格上的问题在表中显示并着色"),
        ),
    ),
    (
        "问题列表",
        (
            ("上下 j k", "浏览，详情随之显示；PgUp PgDn Home End"),
            ("Enter", "跳到问题所在位置并高亮"),
            ("/", "输入即筛选：代码、文字或 L行号；Esc 还原"),
            ("f s", "按级别筛选；按级别或位置排序"),
        ),
    ),
    (
        "详情",
        (("上下 PgUp PgDn", "滚动详情"),),
    ),
    (
        "审核标记",
        (
            ("o w d", "标记 已核实 / 误报 / 待说明（再按取消）"),
            ("e", "填写或修改备注（审核意见）"),
            ("M", "按标记筛选：未标记 / 隐藏误报 / …"),
            ("E", "导出审核意见（.xlsx / .docx / .md）"),
        ),
    ),
)

# The KEYMAP group of each pane (as named by ``InspectorScreen.pane_of``; "table" is the
# content pane showing a table).
PANE_GROUPS: dict[str, str] = {
    "tree": "目录",
    "content": "内容：原文",
    "table": "内容：表格",
    "findings": "问题列表",
    "detail": "详情",
}
