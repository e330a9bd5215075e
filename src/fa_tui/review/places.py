"""Where a report's review file lives unless ``--review FILE`` says otherwise."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fa_tui import pattern_cache

_UNSAFE = pattern_cache.compile(r"[^\w.-]+")


def reviews_dir() -> Path:
    """The user's data directory for review files (platformdirs; ``~/.local/share/fa-tui``)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("fa-tui", appauthor=False)) / "reviews"


def default_review_path(report: Path, folder: Path | None = None) -> Path:
    """The review file of the report at ``report``: named after the file, keyed by its full path
    (two reports of the same name in different folders get different files)."""
    resolved = str(report.expanduser().resolve(strict=False))
    key = hashlib.blake2b(resolved.encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()
    stem = _UNSAFE.sub("_", report.stem)[:60] or "report"
    return (folder or reviews_dir()) / f"{stem}-{key}.json"


def find_by_content(sha256: str, folder: Path | None = None) -> Path | None:
    """A review file in ``folder`` (the user's) saved for a report whose text has ``sha256``:
    the same report moved or renamed. ``None`` when there is none."""
    import msgspec

    from fa_tui.review.file import ReviewFile

    where = folder or reviews_dir()
    if not sha256 or not where.is_dir():
        return None
    for candidate in sorted(where.glob("*.json")):
        try:
            stored = msgspec.json.decode(candidate.read_bytes(), type=ReviewFile)
        except (OSError, msgspec.DecodeError):
            continue
        if stored.report_sha256 == sha256:
            return candidate
    return None
