"""The parts tree: five canonical parts, their sections, the tables, each with its finding count."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from fa_tui.safe_text import neutralise
from fa_tui.tui import styles
from fa_tui.tui.index import FindingIndex, Node, NodeKind
from fa_tui.tui.widgets.table_view import STATUS_NAMES


def node_label(node: Node, index: FindingIndex, pending: bool = False) -> Text:
    """The label of ``node``: its count of findings not yet marked by the reviewer (coloured by
    the worst of them; ``审毕`` when every finding is marked), name, status.

    ``pending``: the node's children are still being parsed.
    """
    text = Text(no_wrap=True)
    if node.kind is NodeKind.PART and not node.children:
        text.append("  ")  # no expand icon: keep the part names in one column
    count = index.open_count(node.key)
    severity = index.worst_open(node.key)
    if count and severity is not None:
        text.append(f"{count} ", style=styles.BADGE[severity])
    elif index.count(node.key):
        text.append("审毕 ", style=styles.MUTED)
    name = neutralise(node.label, tabs=" ")
    if node.kind is NodeKind.PREVIOUS:
        text.append(name, style=styles.MUTED if node.present else styles.MISSING)
        if not node.present:
            text.append(" (缺失)", style=styles.MISSING)
    elif node.kind is NodeKind.PART:
        text.append(name, style="bold" if node.present else styles.MISSING)
        if not node.present:
            text.append(" (缺失)", style=styles.MISSING)
        elif pending:
            text.append(" (解析中)", style=styles.MUTED)
    elif node.kind is NodeKind.TABLE:
        # the status before the name: a narrow tree cuts the end of long table names
        if node.status is not None and node.status.value != "data":
            style = styles.MISSING if not node.present else "yellow"
            text.append(f"[{STATUS_NAMES[node.status]}]", style=style)
        text.append(name, style="" if node.present else styles.MUTED)
    else:
        text.append(name)
    return text


class PartsTree(Tree[Node]):
    """The tree of the report's parts; its nodes carry ``index.Node`` data.

    The five parts are always in view: only the current part is expanded (``follow`` moves
    the cursor to a node, expanding its part and collapsing the others).

    Icons and guides are ASCII: the default triangles and box lines are East-Asian-ambiguous and
    take two cells in some CJK terminals.
    """

    BINDINGS = [  # noqa: RUF012  (shown in the footer while the tree has the focus)
        Binding("enter", "select_cursor", "打开"),
        Binding("space", "toggle_node", "展开/折叠", key_display="空格"),
    ]

    ICON_NODE = "+ "
    ICON_NODE_EXPANDED = "- "
    LINES = {  # noqa: RUF012
        "default": ("  ", "| ", "`-", "|-"),
        "bold": ("  ", "| ", "`-", "|-"),
        "double": ("  ", "| ", "`-", "|-"),
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("报告"), id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self.by_key: dict[str, TreeNode[Node]] = {}

    def load(self, index: FindingIndex, pending: str | None = None) -> None:
        """Build the tree from the nodes of ``index``; node ``pending`` is still being parsed."""
        self.clear()
        self.by_key = {}
        current = next((r.key for r in index.roots if r.present), None)
        for root in index.roots:
            expand = root.key == current
            self._add(self.root, root, index, expand=expand, pending=root.key == pending)
        self.root.expand()

    def update_branch(self, node: Node, index: FindingIndex) -> None:
        """Replace the node with ``node``'s key and its children (the rest stays as it is)."""
        tree_node = self.by_key.get(node.key)
        if tree_node is None:
            return
        for child in tree_node.children:
            self._forget(child)
        tree_node.remove_children()
        tree_node.data = node
        tree_node.set_label(node_label(node, index))
        for child_node in node.children:
            self._add(tree_node, child_node, index, expand=False)
        if node.children:
            tree_node.allow_expand = True

    def _forget(self, tree_node: TreeNode[Node]) -> None:
        for child in tree_node.children:
            self._forget(child)
        if tree_node.data is not None:
            self.by_key.pop(tree_node.data.key, None)

    def _add(
        self,
        parent: TreeNode[Node],
        node: Node,
        index: FindingIndex,
        expand: bool,
        pending: bool = False,
    ) -> None:
        label = node_label(node, index, pending)
        if node.children or pending:
            branch = parent.add(label, data=node, expand=expand)
            for child in node.children:
                self._add(branch, child, index, expand=False)
        else:
            branch = parent.add_leaf(label, data=node)
        self.by_key[node.key] = branch

    def relabel(self, index: FindingIndex) -> None:
        """Refresh every label (after the findings changed)."""
        for _key, tree_node in self.by_key.items():
            if tree_node.data is not None:
                tree_node.set_label(node_label(tree_node.data, index))

    def follow(self, key: str) -> None:
        """Put the cursor on node ``key``: its part expanded, the other parts collapsed."""
        tree_node = self.by_key.get(key)
        if tree_node is None:
            return
        part = tree_node
        while part.parent is not None and part.parent is not self.root:
            part = part.parent
        for other in self.root.children:
            if other is not part and other.is_expanded:
                other.collapse()
        if part.allow_expand:
            part.expand()
        self.reveal(key)

    def reveal(self, key: str) -> TreeNode[Node] | None:
        """Expand the ancestors of node ``key`` and move the cursor to it."""
        tree_node = self.by_key.get(key)
        if tree_node is None:
            return None
        parent = tree_node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self.move_cursor, tree_node)
        return tree_node
