"""Peak memory of the parent of a batch: ``check`` over N copies of a sample.

    uv run python bench/batch_memory.py [N] [--src OTHER/src]

Each format is run once through the console entry (``--output`` to a file); the parent's own
peak resident memory (``VmHWM``, workers not included) and the wall time are printed. ``--src``
runs another checkout's sources for a before/after comparison. Figures in ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_reports" / "2022-liujiang.txt"  # 28 findings, a typical report

_MEASURE = """
import sys, time
from fa_tui.entry import main
sys.argv = ["fa-tui", *sys.argv[1:]]
start = time.perf_counter()
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
with open("/proc/self/status") as status:
    peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) // 1024
sys.stderr.write(f"\\nMEASURE {code} {time.perf_counter() - start:.1f} {peak}\\n")
"""


def measure(folder: Path, fmt: str, src: Path | None, out: Path) -> tuple[str, str]:
    """(seconds, parent peak MB) of ``check FOLDER --format FMT -o OUT``."""
    env = {**os.environ, **({"PYTHONPATH": str(src)} if src else {})}
    args = ["check", str(folder), "--format", fmt, "-o", str(out)]
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, env=env
    )
    last = run.stderr.rstrip().rpartition("\n")[2].split()
    return last[2], last[3]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--src", type=Path, default=None)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "batch")
        folder.mkdir()
        for k in range(options.n):
            shutil.copy(SAMPLE, folder / f"{k:05d}.txt")
        for fmt in ("text", "json", "sarif"):
            seconds, peak = measure(folder, fmt, options.src, Path(tmp, f"out.{fmt}"))
            print(f"{options.n} reports, {fmt:5}: {seconds:>6} s, parent peak {peak:>5} MB")


if __name__ == "__main__":
    main()
