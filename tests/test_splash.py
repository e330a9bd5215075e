"""The splash of a PDF opened on a terminal: page 1 drawn before Textual is imported, in the
loading screen's layout, report text made inert; keys typed meanwhile neither echoed nor
left for the app; the terminal left exactly as it was found, whichever way the splash ends."""

from __future__ import annotations

import io
import os
import re
import select
import termios
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import sample_path
from helpers_pty import TEXTUAL_STARTED, Session, child_env, visible
from rich.cells import cell_len

from fa_tui.ingest import InputError, PendingPdf, limits, open_report
from fa_tui.ingest.pdf_first_page import first_page_lines
from fa_tui.ingest.pdf_text import read_pdf
from fa_tui.safe_text import is_safe
from fa_tui.tui.splash import READING, opening, splash_frame, splash_rows
from fa_tui.tui.splash_terminal import (
    ENTER,
    LEAVE,
    SplashTerminal,
    handing_over,
    splash_possible,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LILING_PDF = FIXTURES / "2024-liling.pdf"  # 14 pages; page 1 is the cover and the contents
RULE_80 = "─原文" + "─" * 75
SECONDS = 20  # a pty session's deadline: it ends in about two seconds


def pending(path: Path = LILING_PDF) -> PendingPdf:
    opened = open_report(path)
    assert isinstance(opened, PendingPdf)
    return opened


# -- what is drawn ------------------------------------------------------------------------


def test_the_rows_at_80_columns_before_and_after_page_1() -> None:
    before = splash_rows("2024-liling.pdf", READING, None, 80, 24)
    assert before == [" fa-tui  2024-liling.pdf", RULE_80, "", "  正在读取第 1 页…", ""]
    after = splash_rows("2024-liling.pdf", opening(14), ("醴陵市医疗保障局", "合计\t100"), 80, 24)
    assert after == [
        " fa-tui  2024-liling.pdf",
        RULE_80,
        "",
        "  已读取第 1/14 页，正在打开…",
        "",
        "  — 1 —",
        "  醴陵市医疗保障局",
        "  合计 100",
    ]


@pytest.mark.parametrize("width", [80, 81, 41, 40, 12])
def test_every_row_fits_the_width_counting_a_chinese_character_as_two_cells(width: int) -> None:
    lines = ("醴" * 60, "1" * 200, "收入合计" + " 1,234.56" * 20, "")
    rows = splash_rows("部门决算" * 30 + ".pdf", READING, lines, width, 24)
    assert all(cell_len(row) <= width for row in rows)
    assert cell_len(rows[1]) == width  # the rule runs across the screen
    room = width - 4  # the pane's padding, two cells either side
    assert rows[6] == "  " + "醴" * (room // 2)  # cut before a character it would halve
    assert rows[7] == "  " + "1" * room
    assert rows[9] == ""


def test_the_preview_stops_above_the_pane_padding_and_the_footer() -> None:
    lines = tuple(f"第 {n} 行" for n in range(100))
    assert len(splash_rows("a.pdf", READING, lines, 80, 24)) == 22  # 5 rows + 17, as Textual
    assert splash_rows("a.pdf", READING, lines, 80, 24)[-1] == "  第 15 行"
    assert len(splash_rows("a.pdf", READING, lines, 80, 8)) == 6
    assert splash_rows("a.pdf", READING, lines, 80, 3) == [" fa-tui  a.pdf", RULE_80]


def test_report_text_cannot_drive_the_terminal() -> None:
    name = "evil\x1b]0;owned\x07\x1b[2J.pdf"
    lines = ("\x1b[31m红字\x1b[0m", "\u202e倒序", "\x9b2J", "\x08\x7f")
    rows = splash_rows(name, READING, lines, 80, 24)
    assert all(is_safe(row) for row in rows)
    assert "␛]0;owned␇␛[2J.pdf" in rows[0] and rows[6] == "  ␛[31m红字␛[0m"
    frame = splash_frame(rows, 24)
    own = re.compile(r"\x1b\[[0-9;]*[HJKm]")  # the frame's own: positions, clears, styles
    left = own.sub("", frame)
    assert all(unicodedata.category(ch) != "Cc" for ch in left), repr(left)
    assert "\u202e" not in left


def test_ascii_mode_draws_nothing_of_ambiguous_width() -> None:
    lines = ("“三公”经费…", "— 2 —", "合计±0.01")
    shown = splash_rows("“报告”.pdf", READING, lines, 80, 24)
    narrowed = splash_rows("“报告”.pdf", READING, lines, 80, 24, ascii_mode=True)
    ambiguous = {ch for row in narrowed for ch in row if unicodedata.east_asian_width(ch) == "A"}
    assert ambiguous == set()
    assert {"“", "…", "─"} <= {ch for row in shown for ch in row}  # they were there
    assert narrowed[0] == ' fa-tui  "报告".pdf'
    assert narrowed[1] == "-原文" + "-" * 75
    assert narrowed[3] == "  正在读取第 1 页..."  # the app's own text: spelt out
    assert narrowed[5:] == ["  - 1 -", '  "三公"经费.', "  - 2 -", "  合计+0.01"]  # cell for cell


def test_the_frame_writes_each_row_clears_the_rest_and_parks_the_cursor_below() -> None:
    frame = splash_frame([" fa-tui  a.pdf", RULE_80, "", "  正在读取第 1 页…", ""], 24)
    assert frame.startswith("\x1b[1;1H\x1b[2K\x1b[1;7m fa-tui \x1b[0m a.pdf\x1b[2;1H\x1b[2K")
    assert "\x1b[4;1H\x1b[2K  正在读取第 1 页…" in frame
    assert frame.endswith("\x1b[6;1H\x1b[J\x1b[24;1H")
    full = splash_frame(["x"] * 24, 24)
    assert "\x1b[J" not in full and full.endswith("\x1b[24;1H")  # nothing below to clear


# -- page 1, read by the reader ---------------------------------------------------------------


def test_the_first_page_is_page_1_as_the_reader_tells_it() -> None:
    told: list[tuple[int, tuple[str, ...]]] = []
    read_pdf(LILING_PDF, LILING_PDF.read_bytes(), shown=lambda n, lines: told.append((n, lines)))
    assert first_page_lines(pending()) == told[0][1]
    assert "醴陵市医疗保障局部门决算" in told[0][1]


def test_a_first_page_the_reader_refuses_is_its_input_error() -> None:
    limits.use(limits.with_options(max_page_chars=10))
    try:
        with pytest.raises(InputError, match="第 1 页文字超过 10 字符"):
            first_page_lines(pending())
    finally:
        limits.use(limits.DEFAULT)


def test_a_scanned_first_page_has_no_line_and_leaves_the_verdict_to_the_whole_read() -> None:
    assert first_page_lines(pending(FIXTURES / "scanned.pdf")) == ()


# -- the terminal, held and handed over ------------------------------------------------------


@pytest.fixture
def pty_pair():
    master, slave = os.openpty()
    stdin = open(slave, encoding="utf-8", closefd=False)  # noqa: SIM115
    stdout = open(slave, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    yield master, slave, stdin, stdout
    os.close(master)
    os.close(slave)


def _written(master: int) -> str:
    out = b""
    while select.select([master], [], [], 0.05)[0]:
        out += os.read(master, 65536)
    return out.decode("utf-8")


def _waiting(fd: int) -> bool:
    """Whether input is waiting to be read on ``fd``."""
    return bool(select.select([fd], [], [], 0.05)[0])


def test_ctrl_c_on_the_splash_leaves_the_terminal_as_it_was(pty_pair) -> None:
    master, slave, stdin, stdout = pty_pair
    before = termios.tcgetattr(slave)
    with pytest.raises(KeyboardInterrupt), SplashTerminal(stdin, stdout) as splash:
        held = termios.tcgetattr(slave)
        assert not held[3] & (termios.ECHO | termios.ICANON)
        assert held[3] & termios.ISIG  # Ctrl+C still interrupts
        splash.write("\x1b[1;1H正在读取第 1 页…")
        os.write(master, b"typed\n")
        time.sleep(0.05)
        raise KeyboardInterrupt
    assert termios.tcgetattr(slave) == before
    written = _written(master)
    assert written.startswith(ENTER) and written.endswith(LEAVE)
    assert "typed" not in written  # not echoed
    assert not _waiting(slave)  # and not left for the shell


def test_the_hand_over_gives_back_the_original_attributes_and_the_screen_to_textual(
    pty_pair,
) -> None:
    master, slave, stdin, stdout = pty_pair
    before = termios.tcgetattr(slave)
    with SplashTerminal(stdin, stdout) as splash:
        os.write(master, b"q")
        time.sleep(0.05)
        splash.hand_over()
        assert termios.tcgetattr(slave) == before  # what Textual's driver will save
        assert not _waiting(slave)  # the q typed on the splash is not the app's
    written = _written(master)
    assert written == ENTER  # the alternate screen is Textual's to leave


def test_the_driver_hands_over_first_thing_as_it_starts() -> None:
    calls: list[str] = []

    class Driver:
        def start_application_mode(self) -> None:
            calls.append("driver started")

    driver = handing_over(Driver, lambda: calls.append("handed over"))
    driver().start_application_mode()
    assert calls == ["handed over", "driver started"] and issubclass(driver, Driver)


def test_no_splash_without_a_terminal_of_ones_own(pty_pair) -> None:
    _master, _slave, stdin, stdout = pty_pair
    assert not splash_possible(io.StringIO(), io.StringIO())
    reading, writing = os.pipe()
    with open(reading) as pipe_in, open(writing, "w") as pipe_out:
        assert not splash_possible(pipe_in, pipe_out)
        assert not splash_possible(stdin, pipe_out)
    assert not splash_possible(stdin, stdout)  # a terminal, but not this process's own


# -- the whole command on a pty --------------------------------------------------------------


@pytest.fixture(scope="module")
def pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pycache")


@pytest.mark.pty
def test_page_1_shows_before_textual_and_q_leaves_the_terminal_as_found(
    tmp_path: Path, pycache: Path
) -> None:
    first = "醴陵市医疗保障局部门决算"
    session = Session([str(LILING_PDF)], child_env(tmp_path, pycache))
    deadline = time.monotonic() + SECONDS
    try:
        session.wait_for(lambda raw: first in visible(raw), deadline)
        assert session.type_until_exit(b"q", deadline) == 0
        assert session.attributes() == session.before
    finally:
        session.close()
    splash, textual = session.raw.split(TEXTUAL_STARTED, 1)
    assert splash.startswith(ENTER) and LEAVE not in splash
    assert first in visible(splash) and "正在读取第 1 页…" in visible(splash)
    assert "q" not in visible(splash)  # typed on the splash: never echoed
    assert "\x1b[?1049l" in textual  # Textual leaves the alternate screen


@pytest.mark.pty
def test_a_first_page_refused_on_the_splash_ends_in_one_line_and_exit_2(
    tmp_path: Path, pycache: Path
) -> None:
    args = ["open", "--max-page-chars", "10", str(LILING_PDF)]
    session = Session(args, child_env(tmp_path, pycache))
    try:
        assert session.finish(time.monotonic() + SECONDS) == 2
        assert session.attributes() == session.before
    finally:
        session.close()
    assert session.raw.startswith(ENTER) and TEXTUAL_STARTED not in session.raw
    shown, after = session.raw.split(LEAVE)
    assert "正在读取第 1 页…" in visible(shown)
    lines = [line for line in visible(after).splitlines() if line.strip()]
    assert len(lines) == 1 and "第 1 页文字超过 10 字符" in lines[0], lines


@pytest.mark.pty
def test_ctrl_c_on_the_splash_exits_130_with_the_terminal_as_found(
    tmp_path: Path, pycache: Path
) -> None:
    session = Session([str(LILING_PDF)], child_env(tmp_path, pycache))
    deadline = time.monotonic() + SECONDS
    try:
        session.wait_for(lambda raw: "正在读取第 1 页…" in visible(raw), deadline)
        os.write(session.master, b"\x03")  # page 1 is read, then Textual imported: not started
        assert session.finish(deadline) == 130
        assert session.attributes() == session.before
    finally:
        session.close()
    assert TEXTUAL_STARTED not in session.raw
    _shown, after = session.raw.split(LEAVE)
    assert visible(after).strip() == ""  # quietly, as Ctrl+C ends the other commands


@pytest.mark.pty
def test_a_text_report_opens_without_a_splash(tmp_path: Path, pycache: Path) -> None:
    session = Session([str(sample_path("2024-liling"))], child_env(tmp_path, pycache))
    deadline = time.monotonic() + SECONDS
    try:
        session.wait_for(lambda raw: TEXTUAL_STARTED in raw, deadline)
        assert session.type_until_exit(b"q", deadline) == 0
        assert session.attributes() == session.before
    finally:
        session.close()
    assert ENTER not in session.raw and session.raw.count("\x1b[?1049h") == 1
