"""Place every glyph of a PDF page exactly once: in one cell of a ruled table, or in the free text.

A glyph belongs to the cell its middle lies in. The glyphs of one word (printed next to one
another, no blank between them) that a table's outer rule cuts stay together: those outside the
table take the word's cell (a figure overhanging the right rule). A word whose middle lies in no
cell belongs to the cell its box overlaps most when it is printed on the line of that cell's row
(figures printed a few points below their labels, so that the last row overhangs the bottom
rule), or when it overlaps the cell by at least a quarter of its height. Every other glyph is
free text; of those, a figure inside a table's rules, or alone (with figures only) on a line
that a table's row shares or within a row's height of a table, fits no cell: it is *unplaced*
(printed on a line of its own and reported, never dropped). Rotated glyphs outside every cell
are the one exception: they are left out of the text (a watermark or a margin note read
sideways would garble it), and kept as ``rotated`` (which the reader reports, FA118).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from math import floor, isfinite
from statistics import median

from fa_tui import pattern_cache
from fa_tui.ingest.pdf_lines import Char, PrintedLine, build_line, group_lines

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (PDF points, top-down)
CellKey = tuple[int, int, int]  # table, row, column (indices into ``Grid.rows``)

_WORD_GAP = 0.25  # in font sizes: a wider gap between two glyphs ends a word
_OVERHANG = 0.25  # in glyph heights: a word overlapping a cell this much belongs to it
_BAND = 8.0  # points: the height of one band of the cell index
_TALL = 256  # bands: a cell taller than this is not indexed by band
# A figure as printed: an amount, a count or a share.
FIGURE = pattern_cache.compile(r"[-−+]?[0-9][0-9,，]*(?:[.．][0-9]+)?[%％]?")


@dataclass(frozen=True)
class Grid:
    """A ruled table's box and its rows of cell boxes (``None`` where a merged cell covers)."""

    bbox: Box
    rows: tuple[tuple[Box | None, ...], ...]

    def row_height(self) -> float:
        """The median height of the table's rows."""
        heights = [b[3] - b[1] for row in self.rows for b in row if b is not None]
        return median(heights) if heights else 0.0


@dataclass
class Placement:
    """Where each glyph of a page went; every glyph is in exactly one of these."""

    cells: dict[CellKey, list[Char]] = field(default_factory=dict)
    free: list[Char] = field(default_factory=list)
    unplaced: list[Char] = field(default_factory=list)  # figures that fit no cell
    rotated: list[Char] = field(default_factory=list)  # rotated glyphs outside every cell


def place(chars: Sequence[Char], grids: Sequence[Grid]) -> Placement:
    """Every glyph of ``chars`` in one cell of ``grids``, the free text, or ``unplaced``."""
    cells = _CellIndex(grids)
    keys: list[CellKey | None] = [cells.holding(c) for c in chars]
    index = {id(c): i for i, c in enumerate(chars)}
    upright = [c for c in chars if c.get("upright", True)]
    lines = [[index[id(c)] for c in line] for line in group_lines(upright)] if grids else []
    free_words: list[tuple[list[int], int]] = []  # (word, its line's number)
    for number, line in enumerate(lines):
        words = _words(line, chars, keys)
        for word in words:
            _spread(word, keys)
        on_line = {(k[0], k[1]) for i in line if (k := keys[i]) is not None}
        for word in words:
            if all(keys[i] is None for i in word):
                key = _overhanging(_box([chars[i] for i in word]), grids, on_line)
                for i in word:
                    keys[i] = key
                if key is None:
                    free_words.append((word, number))
        _fill_blanks(line, chars, keys)
    beside = {n for n, line in enumerate(lines) if any(keys[i] is not None for i in line)}
    stray = _unplaced(free_words, beside, chars, grids)
    placement = Placement()
    for i, char in enumerate(chars):
        key = keys[i]
        if key is not None:
            placement.cells.setdefault(key, []).append(char)
        elif not char.get("upright", True):
            placement.rotated.append(char)
        elif i in stray:
            placement.unplaced.append(char)
        else:
            placement.free.append(char)
    return placement


def _middle(char: Char) -> tuple[float, float]:
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def _box(chars: Sequence[Char]) -> Box:
    return (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )


def _overlap(a: Box, b: Box) -> tuple[float, float]:
    """The horizontal and vertical extents ``a`` and ``b`` share (negative: apart)."""
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


class _CellIndex:
    """The cells of a page's tables by band of ``_BAND`` points, to find the cell that holds
    a glyph's middle without looking at every cell (a cell taller than ``_TALL`` bands is
    looked at for every glyph)."""

    def __init__(self, grids: Sequence[Grid]) -> None:
        self.bands: dict[int, list[tuple[CellKey, Box]]] = {}
        self.tall: list[tuple[CellKey, Box]] = []
        for t, grid in enumerate(grids):
            for r, row in enumerate(grid.rows):
                for c, cell in enumerate(row):
                    if cell is not None:
                        self._add((t, r, c), cell)

    def _add(self, key: CellKey, cell: Box) -> None:
        low, high = cell[1] / _BAND, cell[3] / _BAND
        if not (isfinite(low) and isfinite(high)) or high - low > _TALL:
            self.tall.append((key, cell))
            return
        for band in range(floor(low), floor(high) + 1):
            self.bands.setdefault(band, []).append((key, cell))

    def holding(self, char: Char) -> CellKey | None:
        """The cell holding the glyph's middle (on a shared rule, the one it overlaps most;
        of equal overlaps, the first in the tables' order)."""
        x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
        x, y = (x0 + x1) / 2, (top + bottom) / 2
        near = self.bands.get(floor(y / _BAND), []) if isfinite(y) else []
        if self.tall:
            near = sorted(near + self.tall)
        best: CellKey | None = None
        best_area = -1.0
        for key, cell in near:  # min and max written out as they compare (NaN, ties)
            left, high, right, low = cell
            if left <= x <= right and high <= y <= low:
                w = (right if right < x1 else x1) - (left if left > x0 else x0)
                h = (low if low < bottom else bottom) - (high if high > top else top)
                area = (0.0 if w < 0.0 else w) * (0.0 if h < 0.0 else h)
                if area > best_area:
                    best, best_area = key, area
        return best


def _visible(char: Char) -> bool:
    return bool(str(char["text"]).strip())


def _words(line: list[int], chars: Sequence[Char], keys: list[CellKey | None]) -> list[list[int]]:
    """The words of one line (indices, left to right): visible glyphs printed next to one
    another at the same height, with no blank glyph between them and not in two cells."""
    words: list[list[int]] = []
    blank = False
    for i in line:
        char = chars[i]
        if not _visible(char):
            blank = True
            continue
        if (
            words
            and not blank
            and _joined(chars[words[-1][-1]], char, keys[words[-1][-1]], keys[i])
        ):
            words[-1].append(i)
        else:
            words.append([i])
        blank = False
    return words


def _joined(a: Char, b: Char, key_a: CellKey | None, key_b: CellKey | None) -> bool:
    """Whether glyph ``b`` continues the word that glyph ``a`` ends."""
    if key_a is not None and key_b is not None and key_a != key_b:
        return False
    size = max(float(a.get("size") or 0.0), float(b.get("size") or 0.0), 1.0)
    gap: float = b["x0"] - a["x1"]
    if gap >= _WORD_GAP * size:
        return False
    height: float = min(a["bottom"] - a["top"], b["bottom"] - b["top"])
    shared: float = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return shared >= height / 2


def _spread(word: list[int], keys: list[CellKey | None]) -> None:
    """Glyphs of a word outside every cell take the cell of the word's nearest placed glyph."""
    placed = [n for n, i in enumerate(word) if keys[i] is not None]
    if not placed or len(placed) == len(word):
        return
    for n, i in enumerate(word):
        if keys[i] is None:
            nearest = min(placed, key=lambda p: abs(p - n))
            keys[i] = keys[word[nearest]]


def _overhanging(box: Box, grids: Sequence[Grid], on_line: set[tuple[int, int]]) -> CellKey | None:
    """The cell a word outside every cell overhangs: printed on its row's line, or overlapping
    it by a quarter of the word's height; the one it overlaps most."""
    best: CellKey | None = None
    best_area = 0.0
    height = box[3] - box[1]
    for t, grid in enumerate(grids):
        w, h = _overlap(box, grid.bbox)
        if w <= 0 or h <= 0:
            continue
        for r, row in enumerate(grid.rows):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                w, h = _overlap(box, cell)
                if w <= 0 or h <= 0 or w * h <= best_area:
                    continue
                if (t, r) in on_line or h >= _OVERHANG * height:
                    best, best_area = (t, r, c), w * h
    return best


def _fill_blanks(line: list[int], chars: Sequence[Char], keys: list[CellKey | None]) -> None:
    """A blank glyph outside every cell between two glyphs of one cell belongs to that cell."""
    for n, i in enumerate(line):
        if keys[i] is not None or _visible(chars[i]):
            continue
        before = next((keys[j] for j in reversed(line[:n]) if _visible(chars[j])), None)
        after = next((keys[j] for j in line[n + 1 :] if _visible(chars[j])), None)
        if before is not None and before == after:
            keys[i] = before


def _unplaced(
    free_words: list[tuple[list[int], int]],
    beside: set[int],
    chars: Sequence[Char],
    grids: Sequence[Grid],
) -> set[int]:
    """The glyphs of free figures that sit inside a table's rules, or alone (the line's only
    free words are figures) on a line that a table's row shares or within a row's height of a
    table."""
    by_line: dict[int, list[list[int]]] = {}
    for word, line in free_words:
        by_line.setdefault(line, []).append(word)
    stray: set[int] = set()
    for line, words in by_line.items():
        texts = ["".join(str(chars[i]["text"]) for i in word) for word in words]
        alone = all(FIGURE.fullmatch(t) for t in texts)
        for word, text in zip(words, texts, strict=True):
            if not FIGURE.fullmatch(text):
                continue
            box = _box([chars[i] for i in word])
            if (alone and line in beside) or any(
                _within(box, grid, 0.0) or (alone and _within(box, grid, grid.row_height()))
                for grid in grids
            ):
                stray.update(word)
    return stray


def _within(box: Box, grid: Grid, margin: float) -> bool:
    """Whether the middle of ``box`` lies in the table's box widened by ``margin``."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    x0, top, x1, bottom = grid.bbox
    return x0 - margin <= x <= x1 + margin and top - margin <= y <= bottom + margin


def unplaced_lines(chars: Sequence[Char], left: float) -> list[PrintedLine]:
    """The printed lines of unplaced figures (``left``: the body's left edge), marked so."""
    return [replace(build_line(group, left), unplaced=True) for group in group_lines(chars)]
