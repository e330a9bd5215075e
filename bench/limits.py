"""Time and peak memory of ``fa-tui check`` on the largest accepted documents and the hostile ones.

    uv run python bench/limits.py               # a 300-page dense PDF: about two minutes
    uv run python bench/limits.py --pages 50    # quicker

Every file is generated at run time (``tests/hostile``) in a temp dir: a dense PDF of
``--pages`` pages (8,908 characters each, within the limits), one page of 180,000 characters
(just under ``--max-page-chars``), a DOCX of 150,000 paragraphs (about 14 MB of XML, under
``--max-docx-xml-mb``), and each hostile input of the test suite. Each row: exit code, wall
seconds, peak RSS of the child (VmHWM), and the first line of stderr.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import docx, pdf  # noqa: E402

# The console entry, then the child's own peak (VmHWM: ``wait4``'s ru_maxrss may carry a
# peak over from before ``exec``).
_CHILD = """
import atexit, sys
def peak():
    with open("/proc/self/status") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    sys.stderr.write(f"\\nPEAK {kb}\\n")
atexit.register(peak)
from fa_tui.entry import main
sys.argv = ["fa-tui", *sys.argv[1:]]
main()
"""


def measure(path: Path) -> tuple[int, float, int, str]:
    """``fa-tui check PATH``: exit code, seconds, peak MB, first stderr line."""
    start = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, "check", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", "replace")
    child.wait()
    lines = err.strip().splitlines()
    peak = int(lines.pop().split()[1]) // 1024
    return child.returncode, time.monotonic() - start, peak, lines[0] if lines else ""


def inputs(tmp: Path, pages: int) -> list[tuple[str, Path]]:
    """The files to measure, largest accepted first."""
    (tmp / "big").mkdir()
    huge_page = tmp / "big-page.pdf"
    huge_page.write_bytes(pdf.text_pdf(1, pdf.text_content(222, repeat=10, size=1)))
    return [
        (f"dense PDF, {pages} pages", pdf.dense_pdf(tmp / "big", pages)),
        ("one PDF page of 180,000 characters", huge_page),
        ("DOCX, 150,000 paragraphs", docx.large_report(tmp, 150_000)),
        ("PDF over the page limit (600)", pdf.dense_pdf(tmp, 600)),
        ("PDF page over the character limit", pdf.huge_page_pdf(tmp)),
        ("PDF self-referencing resources", pdf.self_referencing_resources(tmp)),
        ("PDF exponential references", pdf.exponential_references(tmp)),
        ("PDF page-tree cycle", pdf.page_tree_cycle(tmp)),
        ("PDF deep page tree", pdf.deep_page_tree(tmp)),
        ("PDF flate bomb (1 GB)", pdf.flate_bomb(tmp)),
        ("PDF huge MediaBox", pdf.huge_media_box(tmp)),
        ("PDF junk before %PDF", pdf.junk_before_header(tmp)),
        ("PDF truncated xref", pdf.truncated_xref(tmp)),
        ("DOCX zip bomb (400 MB)", docx.zip_bomb(tmp)),
        ("DOCX 60 MB of paragraphs", docx.many_paragraphs(tmp)),
        ("DOCX billion laughs", docx.billion_laughs(tmp)),
        ("DOCX huge gridSpan", docx.huge_grid_span(tmp)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="pages of the dense PDF")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        for label, path in inputs(Path(name), args.pages):
            code, seconds, peak, line = measure(path)
            print(f"{label:<40} exit {code}  {seconds:6.1f} s  {peak:5d} MB  {line[:90]}")


if __name__ == "__main__":
    main()
