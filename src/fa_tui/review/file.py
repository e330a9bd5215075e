"""The review file: readable JSON with a format name and a version, written atomically.

A file that cannot be read, is not a review file, or was written by a newer fa-tui raises
``ReviewError`` with one line for the reviewer; such a file is never overwritten (see
``recovery_path``), so no mark in it is lost.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

import msgspec
from msgspec import Struct, field

from fa_tui.review.marks import Mark, Seen

FORMAT = "fa-tui-review"
VERSION = 1


class ReviewFile(Struct, kw_only=True):
    """The marks on one report's findings, and what was seen of its findings.

    ``findings`` are those of the version of the report last opened (``report_sha256``, of its
    extracted text); ``previous`` those of the version before it, kept from the moment a revised
    report was first opened, so that its new and resolved findings stay known.
    """

    format: str = FORMAT
    version: int = VERSION
    report_path: str = ""
    report_sha256: str = ""
    department: str = ""
    year: int | None = None
    findings: dict[str, Seen] = field(default_factory=dict)
    previous_sha256: str = ""
    previous: dict[str, Seen] = field(default_factory=dict)
    marks: dict[str, Mark] = field(default_factory=dict)


class _Header(Struct):
    format: str = ""
    version: int = 0


class ReviewError(Exception):
    """A review file that cannot be used (the message is one line in Chinese)."""


def load_review(path: Path) -> ReviewFile | None:
    """The review file at ``path``; ``None`` when there is none; ``ReviewError`` when unusable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ReviewError(f"无法读取审阅文件：{path}（{exc.strerror or exc}）") from exc
    try:
        header = msgspec.json.decode(data, type=_Header)
    except msgspec.DecodeError as exc:
        raise ReviewError(f"审阅文件已损坏，不是有效的 JSON：{path}（{exc}）") from exc
    if header.format != FORMAT:
        raise ReviewError(f"不是 fa-tui 的审阅文件：{path}")
    if header.version > VERSION:
        raise ReviewError(
            f"审阅文件由更新版本的 fa-tui 写成（格式版本 {header.version}，"
            f"本程序只懂版本 {VERSION}），请升级 fa-tui：{path}"
        )
    try:
        return msgspec.json.decode(data, type=ReviewFile)
    except msgspec.ValidationError as exc:
        raise ReviewError(f"审阅文件内容有误：{path}（{exc}）") from exc


def save_review(review: ReviewFile, path: Path) -> None:
    """Write ``review`` to ``path`` atomically (a temporary file in the same folder, renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = msgspec.json.format(msgspec.json.encode(review, order="sorted"), indent=2) + b"\n"
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def recovery_path(path: Path, now: datetime | None = None) -> Path:
    """Where to keep new marks when ``path`` cannot be used: beside it, never over it."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.{stamp}{path.suffix or '.json'}")


def now_iso() -> str:
    """The local time to the second, as marks record it."""
    return datetime.now().astimezone().replace(microsecond=0).isoformat()
