"""Writing an export: atomically (a temporary file beside it, renamed), by its format."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from fa_tui.export.rows import ReportSheet

FORMATS = ("xlsx", "docx", "md")


def format_of(path: Path) -> str | None:
    """The export format a file name asks for (``.xlsx``, ``.docx``, ``.md``), if any."""
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def write_export(sheets: Sequence[ReportSheet], fmt: str, output: Path) -> None:
    """Write ``sheets`` as ``fmt`` to ``output`` atomically (``OSError`` when it cannot)."""
    write_atomically(output, _writer(fmt, sheets))


def _writer(fmt: str, sheets: Sequence[ReportSheet]) -> Callable[[Path], object]:
    if fmt == "xlsx":
        from fa_tui.export.xlsx import write_xlsx

        return lambda temp: write_xlsx(sheets, temp)
    if fmt == "docx":
        from fa_tui.export.docx import write_docx

        return lambda temp: write_docx(sheets, temp)
    from fa_tui.export.markdown import markdown

    return lambda temp: temp.write_text(markdown(sheets), encoding="utf-8")


def write_atomically(output: Path, write: Callable[[Path], object]) -> None:
    """Let ``write`` fill a temporary file beside ``output``, then rename it to ``output``;
    the file gets the permissions of one the user creates (mkstemp's are 0600)."""
    folder = output.parent if str(output.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=output.suffix, dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        temp.chmod(0o666 & ~_umask())
        os.replace(temp, output)
    finally:
        temp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
