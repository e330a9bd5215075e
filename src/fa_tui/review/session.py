"""A review in use: the marks on a report's findings, brought up to date with this run.

Opening a review never writes it; each change of a mark saves it (``save``). When the report's
text differs from the one the file was last saved with (a revised version, or ``--review``
pointing at another copy's file), the findings saved then become ``previous``: marks follow
their findings by id, findings not among them are new (新), and those no longer found are
resolved (已解决). No mark is ever dropped, not even the mark of a resolved finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from msgspec.structs import replace

from fa_tui.review.file import (
    ReviewError,
    ReviewFile,
    load_review,
    now_iso,
    recovery_path,
    save_review,
)
from fa_tui.review.marks import Mark, Seen, Status
from fa_tui.review.places import default_review_path, find_by_content


class ReportFacts:
    """What a review needs to know of the report and of this run's findings (keyed by id)."""

    __slots__ = ("department", "findings", "path", "sha256", "year")

    def __init__(
        self,
        path: Path,
        sha256: str,
        findings: Mapping[str, Seen],
        department: str = "",
        year: int | None = None,
    ) -> None:
        self.path = path
        self.sha256 = sha256
        self.findings = dict(findings)
        self.department = department
        self.year = year


class Review:
    """The marks of one report, where they are kept, and what changed since the last version."""

    def __init__(self, file: ReviewFile, path: Path, notices: tuple[str, ...] = ()) -> None:
        self.file = file
        self.path = path
        self.notices = notices  # one-line messages for the reviewer (a damaged file, ...)

    @classmethod
    def open(cls, report: ReportFacts, review_path: Path | None = None) -> Review:
        """The review of ``report``: from ``review_path``, else from the user's data directory."""
        path = review_path if review_path is not None else default_review_path(report.path)
        if review_path is None and not path.exists():
            path = find_by_content(report.sha256) or path  # the same report, moved or renamed
        notices: list[str] = []
        try:
            stored = load_review(path)
        except ReviewError as exc:
            stored = None
            path = recovery_path(path)
            notices.append(f"{exc}；该文件不会被改写，本次的标记另存于 {path}")
        fresh = ReviewFile(
            report_path=str(report.path),
            report_sha256=report.sha256,
            department=report.department,
            year=report.year,
            findings=report.findings,
        )
        if stored is None:
            return cls(fresh, path, tuple(notices))
        if stored.report_sha256 != report.sha256:
            if stored.department and report.department and stored.department != report.department:
                notices.append(
                    f"审阅文件记录的是另一份报告（{stored.department}），按修订稿对照：{path}"
                )
            fresh.previous_sha256 = stored.report_sha256
            fresh.previous = stored.findings
        else:
            fresh.previous_sha256 = stored.previous_sha256
            fresh.previous = stored.previous
        fresh.marks = stored.marks
        return cls(fresh, path, tuple(notices))

    # -- reading ----------------------------------------------------------------------------

    def mark_of(self, finding_id: str) -> Mark | None:
        """The mark on the finding (``None`` when unmarked)."""
        return self.file.marks.get(finding_id)

    def status_of(self, finding_id: str) -> Status | None:
        """The finding's verdict, if any."""
        mark = self.file.marks.get(finding_id)
        return mark.status if mark is not None else None

    @property
    def revised(self) -> bool:
        """Whether an earlier version of the report is known."""
        return bool(self.file.previous_sha256)

    def is_new(self, finding_id: str) -> bool:
        """A finding of this version the earlier version did not have."""
        return self.revised and finding_id not in self.file.previous

    def resolved(self) -> list[tuple[str, Seen, Mark | None]]:
        """The findings of the earlier version that this one no longer has, with their marks."""
        if not self.revised:
            return []
        gone = [i for i in self.file.previous if i not in self.file.findings]
        return [(i, self.file.previous[i], self.file.marks.get(i)) for i in sorted(gone)]

    def progress(self) -> tuple[int, int]:
        """(findings of this version with a verdict, findings of this version)."""
        marked = sum(1 for i in self.file.findings if self.status_of(i) is not None)
        return marked, len(self.file.findings)

    # -- changing ---------------------------------------------------------------------------

    def set_status(self, finding_id: str, status: Status | None) -> None:
        """Give the finding a verdict (``None`` clears it) and save."""
        self._update(finding_id, status=status)

    def set_note(self, finding_id: str, note: str) -> None:
        """Set the finding's note (blank clears it) and save."""
        self._update(finding_id, note=note.strip())

    def _update(self, finding_id: str, **changes: object) -> None:
        mark = self.file.marks.get(finding_id) or Mark()
        mark = replace(mark, **changes, updated=now_iso())
        if mark.is_empty():
            self.file.marks.pop(finding_id, None)
        else:
            self.file.marks[finding_id] = mark
        self.save()

    def save(self) -> None:
        """Write the review file (atomically); ``ReviewError`` when it cannot be written."""
        try:
            save_review(self.file, self.path)
        except OSError as exc:
            raise ReviewError(f"无法写入审阅文件：{self.path}（{exc.strerror or exc}）") from exc
