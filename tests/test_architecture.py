"""The layering the code promises: no import cycle, a headless core, a TUI that only shows."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "fa_tui"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    """The fa_tui modules ``path`` imports (``from pkg import name`` counts as ``pkg.name`` when
    that is a module, else as ``pkg``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    package = _module_name(path)
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only:
            continue  # ``if TYPE_CHECKING:`` blocks import nothing at run time
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("fa_tui"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fa_tui"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
    # Importing ``a.b.c`` first runs the packages ``a.b`` and ``a`` (those the importer lives in
    # are already running).
    ancestors = {package.rsplit(".", k)[0] for k in range(package.count(".") + 1)}
    for name in list(found):
        while "." in name:
            name = name.rpartition(".")[0]
            if name not in ancestors:
                found.add(name)
    found.discard(package)
    return found


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def test_no_import_cycle_at_import_time() -> None:
    graph = {
        name: _imports(path, top_level_only=True) & MODULES.keys() for name, path in MODULES.items()
    }
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for dep in sorted(graph[name]):
            if state.get(dep) == 1:
                cycle = [*stack[stack.index(dep) :], dep]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


def test_the_tui_imports_no_parser_and_no_rule() -> None:
    """The screen shows what the pipeline made: it never parses or checks by itself."""
    offenders = {
        name: sorted(
            d
            for d in _imports(path, top_level_only=False)
            if d.startswith(("fa_tui.parse", "fa_tui.rules"))
        )
        for name, path in MODULES.items()
        if name.startswith("fa_tui.tui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_lower_layers_never_import_the_front_ends() -> None:
    """schema → model → ingest → parse → rules → pipeline → render → review → export; commands
    and tui on top."""
    layers = [
        "schema",
        "model",
        "ingest",
        "parse",
        "rules",
        "pipeline",
        "render",
        "review",
        "export",
    ]
    above = {"fa_tui.tui", "fa_tui.commands", "fa_tui.cli", "fa_tui.entry"}
    for name, path in MODULES.items():
        layer = name.split(".")[1] if name.count(".") else ""
        if layer not in layers:
            continue
        for dep in _imports(path, top_level_only=False):
            assert not dep.startswith(tuple(above)), (name, dep)
            dep_layer = dep.split(".")[1] if dep.count(".") else ""
            if dep_layer in layers and dep_layer != "pipeline":
                assert layers.index(dep_layer) <= layers.index(layer), (name, dep)


def test_the_headless_core_never_imports_textual() -> None:
    """Checking a report, and every command but the inspector, loads no Textual."""
    sample = Path(__file__).resolve().parents[1] / "sample_reports" / "2024-liling.txt"
    code = (
        "import sys, pkgutil, importlib\n"
        "import fa_tui\n"
        "for info in pkgutil.walk_packages(fa_tui.__path__, 'fa_tui.'):\n"
        "    if info.name.startswith(('fa_tui.tui', 'fa_tui.commands.open')):\n"
        "        continue\n"
        "    importlib.import_module(info.name)\n"
        "from fa_tui.pipeline import analyse\n"
        "from fa_tui.ingest import read_report\n"
        f"report, findings = analyse(read_report({str(sample)!r}))\n"
        "assert findings\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
