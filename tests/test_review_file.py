"""The review file: marks kept across runs, a revised report's new and resolved findings, and
files that cannot be used (damaged, another program's, a newer fa-tui's) never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fa_tui.review.file import FORMAT, VERSION, ReviewError, load_review
from fa_tui.review.marks import Seen, Status
from fa_tui.review.places import default_review_path, reviews_dir
from fa_tui.review.session import ReportFacts, Review


def seen(code: str, message: str) -> Seen:
    return Seen(code=code, severity="error", message=message, where="第 1 行")


V1 = {
    "FA301-aaaa0001": seen("FA301", "收入合计不等于各项之和"),
    "FA502-bbbb0002": seen("FA502", "完成率有误"),
}
V2 = {
    "FA301-aaaa0001": seen("FA301", "收入合计不等于各项之和"),
    "FA801-cccc0003": seen("FA801", "模板占位符"),
}


def facts(tmp_path: Path, sha: str, findings: dict[str, Seen]) -> ReportFacts:
    return ReportFacts(tmp_path / "report.txt", sha, findings, "某某局", 2024)


def test_marks_are_kept_in_the_user_data_dir_and_survive_a_reopen(tmp_path: Path) -> None:
    review = Review.open(facts(tmp_path, "s1", V1))
    assert review.path.parent == reviews_dir()
    assert not review.path.exists()  # opening writes nothing
    review.set_status("FA301-aaaa0001", Status.CONFIRMED)
    review.set_note("FA502-bbbb0002", "  请单位说明口径  ")
    again = Review.open(facts(tmp_path, "s1", V1))
    assert again.status_of("FA301-aaaa0001") is Status.CONFIRMED
    mark = again.mark_of("FA502-bbbb0002")
    assert mark is not None and mark.note == "请单位说明口径" and mark.status is None
    assert mark.updated[:4].isdigit()
    assert again.progress() == (1, 2)
    assert not again.revised and not again.is_new("FA502-bbbb0002") and again.resolved() == []
    stored = json.loads(review.path.read_text(encoding="utf-8"))
    assert stored["format"] == FORMAT and stored["version"] == VERSION
    assert stored["marks"]["FA301-aaaa0001"]["status"] == "confirmed"
    assert not list(review.path.parent.glob("*.tmp"))  # the temporary file was renamed


def test_clearing_a_mark_removes_it(tmp_path: Path) -> None:
    review = Review.open(facts(tmp_path, "s1", V1))
    review.set_status("FA301-aaaa0001", Status.QUERY)
    review.set_status("FA301-aaaa0001", None)
    assert review.mark_of("FA301-aaaa0001") is None
    assert Review.open(facts(tmp_path, "s1", V1)).mark_of("FA301-aaaa0001") is None


def test_a_revised_report_shows_new_and_resolved_findings_and_keeps_every_mark(
    tmp_path: Path,
) -> None:
    first = Review.open(facts(tmp_path, "s1", V1))
    first.set_status("FA301-aaaa0001", Status.CONFIRMED)
    first.set_status("FA502-bbbb0002", Status.QUERY)
    revised = Review.open(facts(tmp_path, "s2", V2))
    assert revised.revised
    assert revised.is_new("FA801-cccc0003") and not revised.is_new("FA301-aaaa0001")
    assert revised.status_of("FA301-aaaa0001") is Status.CONFIRMED  # followed by id
    [(gone, what, mark)] = revised.resolved()
    assert gone == "FA502-bbbb0002" and what.message == "完成率有误"
    assert mark is not None and mark.status is Status.QUERY
    revised.set_status("FA801-cccc0003", Status.DISMISSED)
    # Opened again, the revised report still knows what was new and what was resolved.
    again = Review.open(facts(tmp_path, "s2", V2))
    assert again.is_new("FA801-cccc0003") and [g for g, _, _ in again.resolved()] == [gone]
    assert again.status_of("FA502-bbbb0002") is Status.QUERY  # the resolved finding's mark


def test_the_same_report_moved_finds_its_review_by_content(tmp_path: Path) -> None:
    Review.open(facts(tmp_path, "s1", V1)).set_status("FA301-aaaa0001", Status.CONFIRMED)
    moved = ReportFacts(tmp_path / "elsewhere" / "copy.txt", "s1", V1, "某某局", 2024)
    assert Review.open(moved).status_of("FA301-aaaa0001") is Status.CONFIRMED
    other = ReportFacts(tmp_path / "other.txt", "s9", V1)
    assert Review.open(other).status_of("FA301-aaaa0001") is None


def test_review_option_puts_the_file_where_the_user_wants(tmp_path: Path) -> None:
    shared = tmp_path / "share" / "审阅.json"
    Review.open(facts(tmp_path, "s1", V1), shared).set_status("FA301-aaaa0001", Status.CONFIRMED)
    assert shared.exists() and not default_review_path(tmp_path / "report.txt").exists()
    # A colleague opens their own copy of the revised report with the shared file.
    theirs = ReportFacts(tmp_path / "b" / "修订稿.txt", "s2", V2, "另一个局", 2024)
    review = Review.open(theirs, shared)
    assert review.status_of("FA301-aaaa0001") is Status.CONFIRMED
    assert any("另一份报告（某某局）" in n for n in review.notices)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "已损坏"),
        (b'{"format": "something-else", "marks": {}}', "不是 fa-tui 的审阅文件"),
        (json.dumps({"format": FORMAT, "version": VERSION + 1}).encode(), "更新版本"),
        (json.dumps({"format": FORMAT, "version": 1, "marks": []}).encode(), "内容有误"),
        (b"\xff\xfe\x00", "已损坏"),
    ],
)
def test_an_unusable_review_file_is_never_overwritten(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "review.json"
    path.write_bytes(content)
    with pytest.raises(ReviewError, match=says):
        load_review(path)
    review = Review.open(facts(tmp_path, "s1", V1), path)
    assert len(review.notices) == 1 and says in review.notices[0]
    assert "\n" not in review.notices[0] and str(review.path) in review.notices[0]
    review.set_status("FA301-aaaa0001", Status.CONFIRMED)
    assert path.read_bytes() == content  # untouched
    assert review.path != path and load_review(review.path) is not None
