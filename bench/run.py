"""fa-tui benchmarks: one command, ratios measured in one run (design.md §6, issue 7).

    uv run python bench/run.py              # everything (about two to three minutes)
    uv run python bench/run.py --reports 200 --skip-inspector

(a) ``fa-tui check`` on one sample as a whole process (text into a pipe, text on a terminal,
    JSON), against ``python -c "import fa_tui"`` and ``python -c "import rich, pydantic, typer"``;
(b) reports per second of ``fa-tui check`` on a temp dir of lightly mutated copies of the
    samples, with one job and with every CPU;
(c) seconds to a ready inspector (``InspectorApp`` headless, until the findings are shown) for a
    sample and for a 5 MB report;
(d) peak memory (max RSS) of each;
(e) real PDFs (``../shared/real``, else the committed PDF fixtures): seconds per report and per
    page of ``fa-tui check`` against the floor, pypdfium2's own ``get_text_range`` over the same
    pages plus the bare ``import rich, pydantic, typer`` (all as processes, interleaved), and
    reports per second for a folder of copies of them with one job and with every CPU.

Every child runs with Python's bytecode cache enabled (in a temp ``PYTHONPYCACHEPREFIX``, warmed
up first), as an installed fa-tui runs: the environment of this project sets
``PYTHONDONTWRITEBYTECODE``, which would make every start compile every module from source.
Times are the minimum of several interleaved runs (a busy machine only adds noise upwards).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_reports").glob("*.txt"))
SAMPLE = ROOT / "sample_reports" / "2022-liujiang.txt"

TERMINAL = "fa-tui check (text, terminal)"
NO_PATTERN_CACHE = "fa-tui check (text), no pattern cache"
TARGET_CHECK_RATIO = 1.5  # check of one report <= 1.5 x import of rich+pydantic+typer
TARGET_BATCH_SECONDS = 10.0  # 1,000 reports on 2 cores
TARGET_READY_SAMPLE = 1.0
TARGET_READY_5MB = 3.0

# Runs a command line of fa-tui in-process and reports its peak memory and its workers'.
_MEASURED_CLI = """
import resource, sys
from fa_tui.entry import main
sys.argv = ["fa-tui", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"\\nPEAK {own} {kids}\\n")
"""

_INSPECTOR = """
import asyncio, json, resource, sys
from fa_tui.tui.app import time_to_ready
times = asyncio.run(time_to_ready(sys.argv[1], timeout=float(sys.argv[2])))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({**times.__dict__, "peak_kb": peak}))
"""


@dataclass
class Run:
    """One child process: wall seconds and peak RSS in MB."""

    seconds: float
    peak_mb: float
    returncode: int
    stdout: str = ""
    stderr: str = ""


def child_env(pycache: Path) -> dict[str, str]:
    """A child's environment: the bytecode cache on, the pattern cache in a temp dir beside it
    (both warmed by the first runs)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["XDG_CACHE_HOME"] = str(pycache.with_name("cache"))
    env.setdefault("COLUMNS", "120")
    return env


def without_pattern_cache(env: dict[str, str]) -> dict[str, str]:
    """``env`` where ``fa_tui.pattern_cache`` finds no file and cannot write one (every run
    compiles its patterns, as the first run on a machine does)."""
    blocked = Path(env["PYTHONPYCACHEPREFIX"]).with_name("no-cache")
    blocked.touch()
    return {**env, "XDG_CACHE_HOME": str(blocked)}


def run(argv: list[str], env: dict[str, str], timeout: float = 600) -> Run:
    """Run ``argv`` and capture its output (peak memory: reported by the child itself)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return Run(time.perf_counter() - start, 0.0, -9, out, err)
    return Run(time.perf_counter() - start, 0.0, proc.returncode, out, err)


def run_peak(
    argv: list[str], env: dict[str, str], timeout: float = 600, *, terminal: bool = False
) -> Run:
    """Like ``run``, with the child's own peak RSS measured by ``os.wait4``.

    ``terminal``: standard output is a pseudo-terminal (read and dropped), as when a reviewer
    runs the command in a shell; otherwise it goes to ``/dev/null``.
    """
    reader, stdout = _output(terminal)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.PIPE)
    if reader is not None:
        os.close(stdout)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if reader is not None:
            _drain(reader)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.002)
    seconds = time.perf_counter() - start
    if reader is not None:
        os.close(reader)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, "", err)


def _output(terminal: bool) -> tuple[int | None, int]:
    """(the reading end or ``None``, the child's standard output)."""
    if not terminal:
        return None, subprocess.DEVNULL
    import pty

    reader, writer = pty.openpty()
    os.set_blocking(reader, False)
    return reader, writer


def _drain(reader: int) -> None:
    """Read what the child wrote to the terminal so far (it would block on a full buffer)."""
    try:
        while os.read(reader, 65536):
            pass
    except OSError:  # nothing more for now (EAGAIN), or the child closed its end (EIO)
        pass


def fa_tui_script() -> str:
    script = Path(sys.executable).parent / "fa-tui"
    return str(script) if script.exists() else shutil.which("fa-tui") or "fa-tui"


# --- (a) one report as a process


def bench_startup(env: dict[str, str], repeat: int) -> dict[str, dict[str, float]]:
    commands = {
        "import rich, pydantic, typer": [sys.executable, "-c", "import rich, pydantic, typer"],
        "import fa_tui": [sys.executable, "-c", "import fa_tui"],
        "fa-tui check (text)": [fa_tui_script(), "check", str(SAMPLE)],
        TERMINAL: [fa_tui_script(), "check", str(SAMPLE)],
        "fa-tui check --format json": [fa_tui_script(), "check", str(SAMPLE), "--format", "json"],
    }
    commands[NO_PATTERN_CACHE] = commands["fa-tui check (text)"]
    envs = {name: env for name in commands}
    envs[NO_PATTERN_CACHE] = without_pattern_cache(env)
    for name, argv in commands.items():  # warm the bytecode cache and the OS file cache
        run_peak(argv, envs[name], terminal=name == TERMINAL)
    times: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, float] = {}
    for _ in range(repeat):
        for name, argv in commands.items():
            r = run_peak(argv, envs[name], terminal=name == TERMINAL)
            assert r.returncode in (0, 1), (name, r.stderr[-500:])
            times[name].append(r.seconds)
            peaks[name] = max(peaks.get(name, 0.0), r.peak_mb)
    return {
        name: {"min": min(t), "median": statistics.median(t), "peak_mb": peaks[name]}
        for name, t in times.items()
    }


# --- (b) many reports

_DIGIT = re.compile(r"\d")


def mutated_copies(folder: Path, count: int, seed: int = 7) -> None:
    """``count`` copies of the samples, each with one digit of one line changed."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8").split("\n") for p in SAMPLES]
    for k in range(count):
        lines = list(texts[k % len(texts)])
        candidates = [i for i, line in enumerate(lines) if _DIGIT.search(line)]
        i = rng.choice(candidates)
        digits = [m.start() for m in _DIGIT.finditer(lines[i])]
        j = rng.choice(digits)
        old = lines[i][j]
        new = str((int(old) + rng.randint(1, 9)) % 10)
        lines[i] = lines[i][:j] + new + lines[i][j + 1 :]
        sub = folder / f"county-{k // 100:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"report-{k:04d}.txt").write_text("\n".join(lines), encoding="utf-8")


def bench_batch(env: dict[str, str], folder: Path, count: int) -> dict[str, dict[str, float]]:
    jobs_all = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    out: dict[str, dict[str, float]] = {}
    for jobs in sorted({1, jobs_all or 1}):
        argv = [sys.executable, "-c", _MEASURED_CLI, "check", str(folder), "--format", "json"]
        argv += ["--output", os.devnull, "--jobs", str(jobs)]
        r = run(argv, env, timeout=1800)
        if r.returncode not in (0, 1):  # a failed run must not pass for a fast one
            message = f"bench: check --jobs {jobs} failed ({r.returncode}): {r.stderr[-800:]}"
            raise SystemExit(message)
        peak = re.search(r"PEAK (\d+) (\d+)", r.stderr)
        own, workers = (int(peak.group(1)) / 1024, int(peak.group(2)) / 1024) if peak else (0, 0)
        out[f"jobs={jobs}"] = {
            "seconds": r.seconds,
            "reports_per_second": count / r.seconds,
            "peak_mb": own,
            "worker_peak_mb": workers,
            "returncode": r.returncode,
        }
    return out


# --- (c) the inspector


def five_mb_report(folder: Path) -> Path:
    """A 5 MB report: a real sample repeated (tables, narrative and all) up to 5 MB."""
    text = SAMPLE.read_text(encoding="utf-8")
    copies = 5_000_000 // len(text.encode("utf-8")) + 1
    path = folder / "five-mb.txt"
    path.write_text("\n".join([text] * copies), encoding="utf-8")
    return path


def bench_inspector(env: dict[str, str], paths: dict[str, Path], timeout: float) -> dict:
    out: dict[str, dict] = {}
    for name, path in paths.items():
        argv = [sys.executable, "-c", _INSPECTOR, str(path), str(timeout)]
        r = run(argv, env, timeout=timeout + 60)
        if r.returncode != 0 or not r.stdout.strip():
            last = (r.stderr.strip().splitlines() or ["?"])[-1]
            out[name] = {"error": last[:300]}
            continue
        data = json.loads(r.stdout.strip().splitlines()[-1])
        data["peak_mb"] = data.pop("peak_kb") / 1024
        data["process_seconds"] = r.seconds
        out[name] = data
    return out


# --- (e) real PDFs

REAL = ROOT.parent / "shared" / "real"
TARGET_PDF_RATIO = 2.0  # check <= 2 x (pypdfium2 text extraction + bare imports)

_FLOOR = """
import sys, pypdfium2
pdf = pypdfium2.PdfDocument(sys.argv[1])
for i in range(len(pdf)):
    page = pdf[i]
    text = page.get_textpage()
    text.get_text_range()
    text.close()
    page.close()
print(len(pdf))
"""


def real_pdfs() -> list[Path]:
    """The real published PDFs when ``../shared/real`` exists, else the PDF fixtures."""
    found = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
    fixtures = ROOT / "tests" / "fixtures"
    return found or sorted(p for p in fixtures.glob("*.pdf") if p.name != "scanned.pdf")


def bench_pdfs(env: dict[str, str], pdfs: list[Path], repeat: int) -> dict[str, dict[str, float]]:
    bare = [sys.executable, "-c", "import rich, pydantic, typer"]
    out: dict[str, dict[str, float]] = {}
    for pdf in pdfs:
        pages = int(run([sys.executable, "-c", _FLOOR, str(pdf)], env).stdout.strip() or 0)
        commands = {
            "check": [fa_tui_script(), "check", str(pdf)],
            "floor": [sys.executable, "-c", _FLOOR, str(pdf)],
            "bare": bare,
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(repeat):
            for name, argv in commands.items():
                r = run_peak(argv, env)
                assert r.returncode in (0, 1), (name, pdf, r.stderr[-500:])
                times[name].append(r.seconds)
        best = {k: min(v) for k, v in times.items()}
        out[pdf.name] = {
            **best,
            "pages": pages,
            "ratio": best["check"] / (best["floor"] + best["bare"]),
        }
    return out


# --- report


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000, help="copies for (b)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per command in (a)")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--skip-inspector", action="store_true")
    parser.add_argument("--skip-pdf", action="store_true", help="skip (e)")
    parser.add_argument("--pdf-copies", type=int, default=100, help="PDF copies for (e)")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = parser.parse_args()

    figures: dict[str, object] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory(prefix="fa-tui-bench-") as tmp:
        tmp_path = Path(tmp)
        env = child_env(tmp_path / "pycache")

        print("(a) one report as a process ...", file=sys.stderr)
        startup = bench_startup(env, args.repeat)
        figures["startup"] = startup
        base = startup["import rich, pydantic, typer"]["min"]
        print("\n(a) one report, whole process (min of runs; ratio to the bare imports)")
        for name, t in startup.items():
            print(
                f"  {name:<38} {t['min'] * 1000:7.0f} ms  median {t['median'] * 1000:7.0f} ms"
                f"  x{t['min'] / base:5.2f}   peak {t['peak_mb']:6.1f} MB"
            )
        ratios = {
            label: startup[name]["min"] / base
            for label, name in (
                ("text", "fa-tui check (text)"),
                ("terminal", TERMINAL),
                ("json", "fa-tui check --format json"),
            )
        }
        met = max(ratios.values()) <= TARGET_CHECK_RATIO
        shown = ", ".join(f"{label} x{r:.2f}" for label, r in ratios.items())
        print(
            f"  target: check <= {TARGET_CHECK_RATIO}x import of rich+pydantic+typer: "
            f"{shown} -> {verdict(met)}"
        )

        if not args.skip_batch:
            folder = tmp_path / "reports"
            folder.mkdir()
            mutated_copies(folder, args.reports)
            print(f"(b) {args.reports} reports ...", file=sys.stderr)
            batch = bench_batch(env, folder, args.reports)
            figures["batch"] = batch
            print(f"\n(b) check on {args.reports} mutated copies of the samples")
            for name, b in batch.items():
                print(
                    f"  {name:<8} {b['seconds']:7.1f} s  {b['reports_per_second']:7.1f} reports/s"
                    f"   peak {b['peak_mb']:6.1f} MB (largest worker {b['worker_peak_mb']:.1f} MB)"
                )
            rates = [b["reports_per_second"] for b in batch.values()]
            if len(rates) > 1:
                print(f"  speed-up with every CPU: x{rates[-1] / rates[0]:.2f}")
            best = max(rates)
            projected = 1000 / best
            cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
            print(
                f"  target: 1,000 reports < {TARGET_BATCH_SECONDS:.0f} s on 2 cores: "
                f"{projected:.1f} s at {best:.1f} reports/s on {cpus} CPUs -> "
                f"{verdict(projected < TARGET_BATCH_SECONDS)}"
            )

        if not args.skip_inspector:
            print("(c) inspector ...", file=sys.stderr)
            inspector = bench_inspector(
                env, {"sample": SAMPLE, "5 MB report": five_mb_report(tmp_path)}, timeout=180
            )
            figures["inspector"] = inspector
            print("\n(c) inspector, headless, until the findings are shown (from reading the file)")
            for name, t in inspector.items():
                if "error" in t:
                    print(f"  {name:<12} not measured: {t['error']}")
                    continue
                print(
                    f"  {name:<12} source {t['source']:6.2f} s  outline {t['outline']:6.2f} s"
                    f"  findings {t['findings']:6.2f} s  ({t['stage']})"
                    f"   process {t['process_seconds']:6.2f} s  peak {t['peak_mb']:6.1f} MB"
                )
            for name, target in (
                ("sample", TARGET_READY_SAMPLE),
                ("5 MB report", TARGET_READY_5MB),
            ):
                t = inspector.get(name, {})
                ok = "findings" in t and t["findings"] < target
                print(f"  target: {name} ready < {target:.0f} s -> {verdict(ok)}")

        if not args.skip_pdf:
            print_pdfs(env, tmp_path, args, figures)

    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))


def print_pdfs(
    env: dict[str, str], tmp_path: Path, args: argparse.Namespace, figures: dict[str, object]
) -> None:
    """(e): one PDF at a time against the floor, then a folder of copies."""
    pdfs = real_pdfs()
    print(f"(e) {len(pdfs)} PDFs ...", file=sys.stderr)
    one = bench_pdfs(env, pdfs, max(3, args.repeat // 2))
    figures["pdf"] = one
    print("\n(e) real PDFs, whole process (min of runs); floor = pypdfium2 get_text_range")
    for name, t in one.items():
        pages = max(1, int(t["pages"]))
        print(
            f"  {name:<40} {t['pages']:3.0f} p  check {t['check'] * 1000:6.0f} ms"
            f" ({t['check'] / pages * 1000:5.1f} ms/page)  floor {t['floor'] * 1000:5.0f} ms"
            f"  bare {t['bare'] * 1000:4.0f} ms  x{t['ratio']:.2f}"
        )
    worst = max(t["ratio"] for t in one.values())
    print(
        f"  target: check <= {TARGET_PDF_RATIO}x (floor + bare imports): worst x{worst:.2f}"
        f" -> {verdict(worst <= TARGET_PDF_RATIO)}"
    )
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for k in range(args.pdf_copies):
        shutil.copy(pdfs[k % len(pdfs)], folder / f"report-{k:04d}.pdf")
    batch = bench_batch(env, folder, args.pdf_copies)
    figures["pdf_batch"] = batch
    print(f"  {args.pdf_copies} copies of them:")
    for name, b in batch.items():
        print(
            f"  {name:<8} {b['seconds']:7.1f} s  {b['reports_per_second']:7.2f} reports/s"
            f"   (500 PDFs: {500 / b['reports_per_second']:.0f} s)"
            f"   peak {b['peak_mb']:6.1f} MB (largest worker {b['worker_peak_mb']:.1f} MB)"
        )


if __name__ == "__main__":
    main()
