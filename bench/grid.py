"""``pdf_grid`` against pdfplumber's ``TableFinder`` on real PDFs: the same tables, and how fast.

    uv run python bench/grid.py               # ../shared/real when it exists
    uv run python bench/grid.py DIR [DIR…]    # your own folders of PDFs
    uv run python bench/grid.py --repeat 5    # each page's times the best of 5

Every page is read by PDFium (``pdf_native.open_pages``) and its edges given to both finders
("lines" both ways, pdfplumber's default tolerances): table boxes and every row's cells compared
with ``==``, and each finder timed on the page (interleaved, so a busy machine slows both).
Prints per PDF and in total: pages, tables, differences, milliseconds and their ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fa_tui.ingest.pdf_grid import SETTINGS, find_tables
from fa_tui.ingest.pdf_native import open_pages

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "real"


@dataclass
class Compared:
    """The two finders on the pages of some PDFs."""

    pages: int = 0
    tables: int = 0
    differences: list[str] = field(default_factory=list)
    plumber: float = 0.0  # seconds
    grid: float = 0.0

    def add(self, other: Compared) -> None:
        self.pages += other.pages
        self.tables += other.tables
        self.differences += other.differences
        self.plumber += other.plumber
        self.grid += other.grid

    def line(self, name: str) -> str:
        ratio = self.plumber / self.grid if self.grid else float("nan")
        return (
            f"{name}：页 {self.pages}，表 {self.tables}，不同 {len(self.differences)}；"
            f"TableFinder {self.plumber * 1e3:.1f} ms，pdf_grid {self.grid * 1e3:.1f} ms"
            f"（×{ratio:.1f}）"
        )


def compare(pdf: Path, repeat: int = 1) -> Compared:
    """Both finders on every page of ``pdf``; each page's times the best of ``repeat``."""
    from pdfplumber.table import TableFinder, TableSettings

    settings = TableSettings.resolve(SETTINGS)
    compared = Compared()
    with open_pages(pdf.read_bytes()) as (_, pages):
        for page in pages:
            theirs, plumber = _timed(lambda p=page: TableFinder(p, settings).tables, repeat)
            ours, grid = _timed(lambda p=page: find_tables(p.edges), repeat)
            expected = [(t.bbox, [tuple(r.cells) for r in t.rows]) for t in theirs]
            if [(t.bbox, [r.cells for r in t.rows]) for t in ours] != expected:
                compared.differences.append(f"{pdf.name} 第 {page.page_number} 页")
            compared.pages += 1
            compared.tables += len(theirs)
            compared.plumber += plumber
            compared.grid += grid
    return compared


def _timed(find: Any, repeat: int) -> tuple[Any, float]:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        found = find()
        best = min(best, time.perf_counter() - started)
    return found, best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="best of N per page (default 1)")
    args = parser.parse_args()
    folders = args.folders or ([DEFAULT] if DEFAULT.is_dir() else [])
    if not folders:
        print(f"没有可比较的文件夹（默认 {DEFAULT} 不存在）；请指定一个文件夹。", file=sys.stderr)
        return 2
    total = Compared()
    for folder in folders:
        for pdf in sorted(folder.rglob("*.pdf")):
            compared = compare(pdf, args.repeat)
            print(compared.line(pdf.name), flush=True)
            print("".join(f"  不同：{d}\n" for d in compared.differences), end="")
            total.add(compared)
    print(total.line("合计"))
    return 1 if total.differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
