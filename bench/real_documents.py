"""Evaluate the readers on a folder of real published reports (an evaluation, not a test).

    uv run python bench/real_documents.py              # ../shared/real when it exists
    uv run python bench/real_documents.py DIR [DIR…]   # your own folder of PDF/DOCX/TXT reports
    uv run python bench/real_documents.py --text-layers  # also each PDF's text layer as .txt

For each document: the parts found, each standard table's status and rows read, the other
tables, the narrative facts by kind (and how many extracted lines were joined from several
printed lines), the findings by severity (and the most frequent codes), and the seconds it took. The
suite never depends on these files; a user's clone has no ``../shared``.

Each PDF is also read with pdfplumber as the page source (the reader's reference before PDFium)
and compared: lines, locations, unplaced figures and findings, and each page's tables as
``pdf_grid`` and pdfplumber's ``TableFinder`` find them (``bench/grid.py``; ``--no-parity``
skips it all).

With ``--text-layers`` each PDF is also read as a reviewer who has only its text layer would
have it: pdfplumber's ``extract_text()`` and ``extract_text(layout=True)`` of every page, joined
with form feeds, written to a temporary folder as ``.txt`` and summarised the same way (rows
未能确定栏目 and figures in no row counted per table).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from grid import compare as compare_tables  # bench/grid.py, this script's folder

from fa_tui.ingest import InputError, read_report
from fa_tui.model import Severity, TableRole, TableStatus
from fa_tui.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "real"
SUFFIXES = (".pdf", ".docx", ".txt", ".md")
_STATUS = {
    TableStatus.DATA: "有数据",
    TableStatus.EMPTY: "空表",
    TableStatus.TITLE_ONLY: "仅标题",
    TableStatus.MISSING: "缺失",
    TableStatus.UNREADABLE: "无法读取",
}


def evaluate(path: Path) -> list[str]:
    """The report lines of one document."""
    started = time.perf_counter()
    try:
        report, findings = analyse(read_report(path))
    except InputError as exc:
        return [f"{path.name}: {exc}"]
    seconds = time.perf_counter() - started
    pages = {loc.page for loc in report.source.locations or () if loc is not None and loc.page}
    lines = [
        f"{path.name}: {report.department or '（未识别部门）'} {report.year or '（未识别年度）'}"
        f"  {len(pages) or '-'} 页  {seconds:.2f} s"
    ]
    parts = "  ".join(
        f"{report.part_label(p.name)}{'✓' if p.present else '✗'}" for p in report.parts
    )
    lines.append(f"  部分：{parts}")
    for table in report.tables:
        if table.role == TableRole.OTHER:
            continue
        figures = sum(1 for a in table.amounts() if a.value is not None)
        undetermined = sum(1 for r in table.rows if r.undetermined)
        unsure = f"（未能确定栏目 {undetermined} 行）" if undetermined else ""
        loose = f"（未对应到行的数 {len(table.unplaced)} 个）" if table.unplaced else ""
        lines.append(
            f"  {table.role}  {_STATUS[table.status]:<4} {len(table.rows):>3} 行 {figures:>4} 个数"
            f"  {table.title}{unsure}{loose}"
        )
    others = [t for t in report.tables if t.role == TableRole.OTHER]
    if others:
        lines.append(f"  其他表 {len(others)} 张：" + "，".join(t.title for t in others[:6]))
    kinds = Counter(f.kind for f in report.facts)
    joined = sum(1 for loc in report.source.locations or () if loc.pieces)
    lines.append(
        f"  叙述：{len(report.facts)} 个事实（"
        + "，".join(f"{k}×{n}" for k, n in sorted(kinds.items()))
        + f"）；多行接成的行 {joined}"
    )
    by_severity = Counter(f.severity for f in findings)
    codes = Counter(f.code for f in findings if f.severity is not Severity.INFO)
    lines.append(
        f"  发现：{by_severity[Severity.ERROR]} 错误，{by_severity[Severity.WARNING]} 警告，"
        f"{by_severity[Severity.INFO]} 提示"
        + (f"；最多：{'，'.join(f'{c}×{n}' for c, n in codes.most_common(6))}" if codes else "")
    )
    return lines


def parity(pdf: Path) -> list[str]:
    """How PDFium's page source (the default) reads the PDF against pdfplumber's: lines equal,
    equal once blanks are ignored, locations, unplaced figures, and findings (codes and spans)."""
    from fa_tui.ingest.pdf_text import read_pdf

    data = pdf.read_bytes()
    try:
        started = time.perf_counter()
        old = read_pdf(pdf, data, source="pdfplumber")
        middle = time.perf_counter()
        new = read_pdf(pdf, data, source="native")
        ended = time.perf_counter()
    except InputError as exc:
        return [f"  对照 pdfplumber：{exc}"]
    pairs = list(zip(old.lines, new.lines, strict=False))
    same = sum(a == b for a, b in pairs)
    blanks = sum(a.replace(" ", "") == b.replace(" ", "") for a, b in pairs)
    _, old_findings = analyse(old)
    _, new_findings = analyse(new)
    old_keys = Counter((f.code, f.message) for f in old_findings)
    new_keys = Counter((f.code, f.message) for f in new_findings)
    lost, gained = old_keys - new_keys, new_keys - old_keys
    lines = [
        f"  对照 pdfplumber：行 {len(old.lines)}/{len(new.lines)}，相同 {same}，"
        f"忽略空格后相同 {blanks}；位置{'相同' if old.locations == new.locations else '不同'}，"
        f"未对应的数{'相同' if old.unplaced == new.unplaced else '不同'}；"
        f"发现 {len(old_findings)}/{len(new_findings)}（仅旧 {sum(lost.values())}，"
        f"仅新 {sum(gained.values())}）；读取 {middle - started:.2f} s / {ended - middle:.2f} s"
    ]
    lines.extend(f"    仅 pdfplumber：{code} {message[:80]}" for code, message in lost)
    lines.extend(f"    仅 PDFium：{code} {message[:80]}" for code, message in gained)
    lines.append(_preflight_line(pdf, data, new))
    tables = compare_tables(pdf, repeat=3)  # pdf_grid against TableFinder, each page
    lines.append(tables.line("  表格 pdf_grid 对照 TableFinder"))
    lines.extend(f"    不同：{where}" for where in tables.differences)
    return lines


def _preflight_line(pdf: Path, data: bytes, straight: object) -> str:
    """Whether the preflight lets PDFium read the document at once, and whether the guarded
    reading (pdfminer's parser before each page) gives the same text."""
    from fa_tui.ingest import pdf_preflight
    from fa_tui.ingest.limits import DEFAULT
    from fa_tui.ingest.pdf_text import read_pdf

    started = time.perf_counter()
    plain = pdf_preflight.plain(data, DEFAULT)
    seconds = time.perf_counter() - started
    original = pdf_preflight.plain
    pdf_preflight.plain = lambda data, limits: False
    try:
        guarded = read_pdf(pdf, data, source="native")
    finally:
        pdf_preflight.plain = original
    verdict = "平常（PDFium 直接读）" if plain else "须逐页检查"
    same = "相同" if guarded == straight else "不同"
    return f"  预检：{verdict}，{seconds * 1000:.1f} ms；逐页检查后读出的文字{same}"


def text_layers(pdf: Path, out_dir: Path) -> list[Path]:
    """The PDF's text layer as two .txt files: ``extract_text()`` and
    ``extract_text(layout=True)`` of each page, pages joined with form feeds."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        plain = [page.extract_text() or "" for page in document.pages]
        laid = [page.extract_text(layout=True) or "" for page in document.pages]
    out: list[Path] = []
    for kind, pages in (("text", plain), ("layout", laid)):
        path = out_dir / f"{pdf.stem}.{kind}.txt"
        path.write_text("\f".join(pages) + "\n", encoding="utf-8")
        out.append(path)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument(
        "--text-layers",
        action="store_true",
        help="also read each PDF's text layer (pdfplumber, plain and layout) saved as .txt",
    )
    parser.add_argument(
        "--no-parity",
        action="store_true",
        help="skip the comparison of each PDF's reading with pdfplumber's",
    )
    args = parser.parse_args()
    folders = args.folders or ([DEFAULT] if DEFAULT.is_dir() else [])
    if not folders:
        print(f"没有可评估的文件夹（默认 {DEFAULT} 不存在）；请指定一个文件夹。", file=sys.stderr)
        return 2
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES):
            if path.name.lower() == "readme.md":
                continue
            print("\n".join(evaluate(path)), flush=True)
            if not args.no_parity and path.suffix.lower() == ".pdf":
                print("\n".join(parity(path)), flush=True)
            if args.text_layers and path.suffix.lower() == ".pdf":
                with tempfile.TemporaryDirectory() as tmp:
                    for layer in text_layers(path, Path(tmp)):
                        print("\n".join(evaluate(layer)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
