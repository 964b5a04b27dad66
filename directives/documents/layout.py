"""Lines of text from words placed on a page: a PDF's text layer or an OCR'd scan.

Both give words with their boxes; the reader wants lines in reading order. A page is cut into
visual lines, and each line into cells where a wide gap separates its words. Then:

- a run of lines with two cells each (the header of an official document: issuer and number
  on the left, national motto and date on the right; the signature block: "Nơi nhận" on the
  left, the signer on the right) comes out as its left column, then its right column, as a
  text copy of such a document reads;
- a run of lines with three or more cells is a table: one line per row, cells joined by
  " | ", a cell's wrapped lines joined into it;
- a page number alone on its line and a header or footer repeated on the pages are dropped.

Everything here is linear in the number of words (sorting aside).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

CELL_SEPARATOR = " | "
# A gap wider than this share of the line's height separates cells. Justified text stretches
# the spaces between words to a third of a line at most; the columns of a table or of the
# header block are set apart by more than a line's height.
_CELL_GAP = 0.9
_NARROW_CELL_GAP = 0.45
_STANDS_OUT = 2.5
# Lines further apart than this share of a line's height do not continue one run of cells.
_RUN_GAP = 1.6
_MARKER_RE = re.compile(r"^(?:[-–—•+*]|\d{1,3}[.)]|[a-zđ][.)]|[IVXLCDM]{1,6}\.)$")
_PAGE_NUMBER_RE = re.compile(
    r"^(?:trang\s*+)?[-–—]?\s*+\d{1,4}\s*+(?:/\s*+\d{1,4}\s*+)?[-–—]?$", re.IGNORECASE
)
_DIGITS_RE = re.compile(r"\d+")
_ORDER_RE = re.compile(r"^\d{1,3}[.,]?$")
_WORD_RE = re.compile(r"\w+")
# A table's head is at most this many rows; a row repeats the head when this share of its
# words are the head's.
_HEAD_ROWS = 6
_HEAD_LIKENESS = 0.6
# Header and footer lines are looked for among this many lines at the top and bottom of a page.
_FURNITURE_LINES = 3


@dataclass(frozen=True)
class Word:
    """A word and its box on the page (any unit, y growing downwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float = 100.0


@dataclass
class Cell:
    text: str
    x0: float
    x1: float


@dataclass
class Row:
    """A visual line cut into cells; ``ruled`` for a row of a table drawn with rules."""

    cells: list[Cell]
    top: float
    bottom: float
    ruled: bool = False
    words: list[Word] = field(default_factory=list)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-6)

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in self.cells if cell.text)


def join_wrapped(parts: list[str]) -> str:
    """The lines of a wrapped cell as one: joined by a space, but not after a "/" at the end
    of a line ("Sinh viên/" + "vạn dân")."""
    text = ""
    for part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        text = f"{text}{part}" if not text or text.endswith("/") else f"{text} {part}"
    return text


def rows_of_words(words: list[Word]) -> list[Row]:
    """The visual lines of a page, top to bottom, each cut into cells at its wide gaps."""
    lines: list[list[Word]] = []
    bounds: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        middle = (word.top + word.bottom) / 2
        if lines and bounds[-1][0] <= middle <= bounds[-1][1]:
            lines[-1].append(word)
        else:
            lines.append([word])
            bounds.append((word.top, word.bottom))
    return [row_of_line(line) for line in lines]


def row_of_line(line: list[Word]) -> Row:
    """One visual line's words (in any order) as a row of cells."""
    line = sorted(line, key=lambda w: w.x0)
    top = min(w.top for w in line)
    bottom = max(w.bottom for w in line)
    height = bottom - top
    gaps = sorted(b.x0 - a.x1 for a, b in zip(line, line[1:], strict=False))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    # A gap wider than a line is high parts cells; a narrower one too when it stands out
    # from the line's spaces (the header's columns set close, with justified text around).
    limit = min(_CELL_GAP * height, max(_NARROW_CELL_GAP * height, _STANDS_OUT * usual))
    cells: list[list[Word]] = [[line[0]]]
    for word in line[1:]:
        if word.x0 - cells[-1][-1].x1 > limit:
            cells.append([word])
        else:
            cells[-1].append(word)
    return Row(
        cells=[Cell(" ".join(w.text for w in ws), ws[0].x0, ws[-1].x1) for ws in cells],
        top=top,
        bottom=bottom,
        words=line,
    )


def drop_page_furniture(pages: list[list[Row]]) -> list[list[Row]]:
    """The pages without their page numbers and the headers or footers they repeat."""
    keys = Counter()
    for rows in pages:
        edge = [r for r in rows[:_FURNITURE_LINES] + rows[-_FURNITURE_LINES:] if not r.ruled]
        keys.update({_furniture_key(row) for row in edge})
    needed = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, count in keys.items() if count >= needed}

    def furniture(row: Row) -> bool:
        return not row.ruled and (
            _PAGE_NUMBER_RE.match(row.text) is not None or _furniture_key(row) in repeated
        )

    kept = []
    for rows in pages:
        start, end = 0, len(rows)
        while start < min(end, _FURNITURE_LINES) and furniture(rows[start]):
            start += 1
        while end > max(start, len(rows) - _FURNITURE_LINES) and furniture(rows[end - 1]):
            end -= 1
        kept.append(rows[start:end])
    return kept


def drop_repeated_heads(pages: list[list[Row]]) -> list[list[Row]]:
    """The pages without the head rows a table repeats at the top of each page it runs onto
    ("TT | Chỉ tiêu | Năm học ..." above row 19 as above row 1): the appendix reader would
    take them for the end of the table. A scan reads them a little differently each time, so
    rows are compared by their words."""
    head: set[str] = set()
    kept = []
    for rows in pages:
        first = _first_data_row(rows)
        if (
            head
            and first is not None
            and 0 < first <= _HEAD_ROWS
            and all(_mostly_within(row, head) for row in rows[:first])
        ):
            rows = rows[first:]
        kept.append(rows)
        head = _head_of_last_table(rows) or head
    return kept


def _is_data_row(row: Row) -> bool:
    return len(row.cells) >= 3 and _ORDER_RE.match(row.cells[0].text) is not None


def _first_data_row(rows: list[Row]) -> int | None:
    return next((i for i, row in enumerate(rows) if _is_data_row(row)), None)


def _head_of_last_table(rows: list[Row]) -> set[str]:
    """The words of the rows above the first data row of the page's last table."""
    last = next((i for i in range(len(rows) - 1, -1, -1) if _is_data_row(rows[i])), None)
    if last is None:
        return set()
    first = top = last
    while top > 0 and _near(rows[top - 1], rows[top]):
        top -= 1
        if _is_data_row(rows[top]):
            first = top
    return {w for row in rows[max(top, first - _HEAD_ROWS) : first] for w in _row_words(row)}


def _row_words(row: Row) -> list[str]:
    return _WORD_RE.findall(row.text.lower())


def _mostly_within(row: Row, words: set[str]) -> bool:
    mine = _row_words(row)
    return sum(w in words for w in mine) >= _HEAD_LIKENESS * len(mine)


def _furniture_key(row: Row) -> str:
    return _DIGITS_RE.sub("#", " ".join(row.text.lower().split()))


def lines_of_rows(rows: list[Row]) -> list[str]:
    """The text lines of a page's rows in reading order (see the module's docstring)."""
    lines: list[str] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if row.ruled:
            lines.append(CELL_SEPARATOR.join(cell.text for cell in row.cells))
            index += 1
        elif len(row.cells) >= 3:
            index = _table(rows, index, lines)
        elif len(row.cells) == 2:
            index = _two_columns(rows, index, lines)
        else:
            lines.append(row.text)
            index += 1
    return [line for line in lines if line.strip()]


def _near(above: Row, below: Row) -> bool:
    return below.top - above.bottom <= _RUN_GAP * max(above.height, below.height)


def _two_columns(rows: list[Row], start: int, lines: list[str]) -> int:
    """A run of two-cell lines (and one-cell lines on either side of the gutter): the left
    column, then the right. One line alone, or a left column of list markers ("1.", "-"),
    reads across instead."""
    first = rows[start]
    gutter = [first.cells[0].x1, first.cells[1].x0]
    spans = [[first.cells[0].x0, first.cells[0].x1], [first.cells[1].x0, first.cells[1].x1]]
    left: list[str] = [first.cells[0].text]
    right: list[str] = [first.cells[1].text]

    def under(cell: Cell, side: int) -> bool:
        # A line alone continues a column only below it: "KẾ HOẠCH" set under the header
        # but not under its left column starts the body.
        return spans[side][0] <= (cell.x0 + cell.x1) / 2 <= spans[side][1]

    def widen(cell: Cell, side: int) -> None:
        spans[side] = [min(spans[side][0], cell.x0), max(spans[side][1], cell.x1)]

    end = start + 1
    while end < len(rows) and not rows[end].ruled and _near(rows[end - 1], rows[end]):
        cells = rows[end].cells
        if len(cells) == 2 and cells[0].x1 < gutter[1] and cells[1].x0 > gutter[0]:
            gutter = [max(gutter[0], cells[0].x1), min(gutter[1], cells[1].x0)]
            left.append(cells[0].text)
            right.append(cells[1].text)
            widen(cells[0], 0)
            widen(cells[1], 1)
        elif len(cells) == 1 and cells[0].x1 < gutter[1] and under(cells[0], 0):
            gutter[0] = max(gutter[0], cells[0].x1)
            left.append(cells[0].text)
            widen(cells[0], 0)
        elif len(cells) == 1 and cells[0].x0 > gutter[0] and under(cells[0], 1):
            gutter[1] = min(gutter[1], cells[0].x0)
            right.append(cells[0].text)
            widen(cells[0], 1)
        else:
            break
        end += 1
    if end - start < 2 or all(_MARKER_RE.match(text) for text in left):
        lines.extend(rows[i].text for i in range(start, end))
    else:
        lines.extend(left + right)
    return end


def _table(rows: list[Row], start: int, lines: list[str]) -> int:
    """A run of lines of three cells or more, and the wrapped lines of their cells."""
    table: list[list[Cell]] = [[Cell(c.text, c.x0, c.x1) for c in rows[start].cells]]
    left_edge = rows[start].cells[0].x0
    end = start + 1
    while end < len(rows) and not rows[end].ruled and _near(rows[end - 1], rows[end]):
        row = rows[end]
        wrapped = row.cells[0].x0 > left_edge + row.height
        if wrapped:
            for cell in row.cells:
                _into_cell(table[-1], cell)
        elif len(row.cells) >= 3:
            table.append([Cell(c.text, c.x0, c.x1) for c in row.cells])
            left_edge = min(left_edge, row.cells[0].x0)
        else:
            break
        end += 1
    for cells in table:
        # An order number read with a stray mark ("18," in a scan, "1." in a Word table).
        if _ORDER_RE.match(cells[0].text):
            cells[0].text = cells[0].text.rstrip(".,")
        lines.append(CELL_SEPARATOR.join(cell.text for cell in cells))
    return end


def _into_cell(cells: list[Cell], part: Cell) -> None:
    """Append a wrapped line's part to the cell of the row above that it lies under."""

    def distance(cell: Cell) -> float:
        overlap = min(cell.x1, part.x1) - max(cell.x0, part.x0)
        if overlap > 0:
            return -overlap
        return min(abs(cell.x0 - part.x1), abs(part.x0 - cell.x1))

    target = min(cells, key=distance)
    target.text = join_wrapped([target.text, part.text])
    target.x0, target.x1 = min(target.x0, part.x0), max(target.x1, part.x1)
