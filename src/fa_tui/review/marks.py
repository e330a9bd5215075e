"""What a reviewer can say about a finding: confirmed, a false alarm, or to be explained."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct


class Status(StrEnum):
    """A reviewer's verdict on one finding."""

    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    QUERY = "query"

    @property
    def label(self) -> str:
        """The Chinese name a reviewer uses (已核实, 误报, 待说明)."""
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.CONFIRMED: "已核实",
    Status.DISMISSED: "误报",
    Status.QUERY: "待说明",
}


class Mark(Struct, kw_only=True):
    """A verdict (or none yet) and a note on one finding, with when it was last changed."""

    status: Status | None = None
    note: str = ""
    updated: str = ""  # ISO 8601, local time, seconds

    def is_empty(self) -> bool:
        """Whether the mark says nothing (no verdict, no note)."""
        return self.status is None and not self.note.strip()


class Seen(Struct, kw_only=True):
    """What the review file remembers of a finding, so that a resolved one can still be listed."""

    code: str
    severity: str
    message: str
    where: str = ""  # 第 N 行 / 第 p 页第 n 行 / 公开01表, as the export prints it
