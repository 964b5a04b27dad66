"""The appendix: where it starts, and its table of indicators.

A plan's appendix ("PHỤ LỤC I", "Phụ lục 01", ...) follows the body. Its table reaches us
as pipe-separated rows (a web page or markdown), tab-separated rows (a Word table pasted as
text) or one cell per line (a web page or a PDF's text). Whatever the layout, the table is
read by what it says, never by counting lines: the header by its words (TT, Chỉ tiêu, Đơn vị
tính, the year columns, Ghi chú), the rows by their order numbers (TT), a blank cell as a
blank value. An appendix that is not a table of indicators (a table of assigned tasks) is
left unplaced.
"""

import re
from collections import Counter

from .unsure import AMBIGUOUS, GUESSED, MISSING, mark

__all__ = ["find_appendix", "is_appendix_heading", "plain_number", "read_indicators"]

_NUMBER_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$|^[+-]?\d+\.\d+$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s{0,3}[-–—/]\s{0,3}((?:19|20)\d\d)(?!\d)")

# "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC SỐ 1", "Phụ lục 01:" with what follows the number.
_HEADING_RE = re.compile(
    r"^[#*_\s]{0,6}phụ\s{1,3}lục(?:\s{1,3}(?:số\s{0,3})?([IVXLC]{1,6}|\d{1,3}[a-z]?|[A-Z])\b)?"
    r"(.{0,300})$",
    re.IGNORECASE,
)
# A caption under the heading: "(Kèm theo Kế hoạch số ... ngày ... của ...)".
_ATTACHED_RE = re.compile(r"^[*_]{0,3}\(?\s{0,3}kèm\s{1,3}theo\b", re.IGNORECASE)
_HEADING_LOOKAHEAD = 8
# A section heading of the body ("III. TỔ CHỨC THỰC HIỆN"), not an appendix's caption.
_SECTION_RE = re.compile(r"^(?:[IVXL]{1,5}|\d{1,2}|[A-H])[.)]\s")

# Order numbers (TT) of rows: "1", "1.", "1.1", "I", "A", and a group written in one cell.
_INT_TT_RE = re.compile(r"^(\d{1,3})\.?$")
_SUB_TT_RE = re.compile(r"^(\d{1,3})\.(\d{1,3})\.?$")
_ROMAN_TT_RE = re.compile(r"^(?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})\.?$")
_LETTER_TT_RE = re.compile(r"^[A-HĐ]\.?$")
_GROUP_CELL_RE = re.compile(r"^((?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})|[A-HĐ])[.)/:-]\s{0,3}(\S.*)$")
_TT_HEADER_RE = re.compile(
    r"^(?:s\.?\s?tt|tt|số\s{1,3}tt|số\s{1,3}thứ\s{1,3}tự)\.?$", re.IGNORECASE
)

# Cells are separated by "|" or by a tab; an empty cell stays an empty cell.
_CELL_SPLIT_RE = re.compile(r"\||\t")
# A PDF's layout text (pdftotext -layout) separates cells by runs of spaces instead: two or
# more, since a name holds single spaces and two only by accident (such a split is mended
# by position, below). An empty cell leaves no mark there but a wider gap.
_SPACE_GAP_RE = re.compile(r"[ \u00a0]{2,}")
_RULE_CELL_RE = re.compile(r"^:?-{1,200}:?$")

# Header words, lower case. The value columns are told by their year or these words.
# The first of these words in a label says its kind ("Thực hiện kế hoạch" is achieved).
_KIND_RE = re.compile(
    r"(?<!\w)(?:(kế hoạch|mục tiêu|phấn đấu|chỉ tiêu giao|dự kiến|giao|KH)"
    r"|(thực hiện|đạt được|kết quả|ước|đã đạt|hiện trạng|TH))(?!\w)",
    re.IGNORECASE,
)
_UNIT_WORDS = ("đơn vị tính", "đvt", "đơn vị")
_NOTE_WORDS = ("ghi chú",)
_NAME_WORDS = ("chỉ tiêu", "nội dung", "tên chỉ tiêu", "danh mục", "tiêu chí")
# A table of assigned tasks, not of indicators.
_TASK_WORDS = ("chủ trì", "phối hợp", "thời gian", "sản phẩm", "nhiệm vụ", "cơ quan thực hiện")
_NO_VALUE = frozenset(("-", "–", "—", "--", "x", "X", "…", "..."))
# A value written in words ("Đạt", "Duy trì"): a value cell, but not a number.
_VALUE_WORDS_RE = re.compile(
    r"^(?:đạt|duy trì|giữ vững|giữ nguyên|hoàn thành|không|có|tăng|giảm)(?!\w)", re.IGNORECASE
)
_QUALIFIER_RE = re.compile(
    r"^(?:≥|>=|≤|<=|>|<|~|≈)\s{0,3}|^(?:trên|dưới|khoảng|hơn|gần|tối thiểu|tối đa|từ)\s{1,3}",
    re.IGNORECASE,
)
_WORDY_QUALIFIER_RE = re.compile(r"^(?:trên|dưới|khoảng|hơn|gần|tối thiểu|tối đa|từ)\s", re.I)
# "Đơn vị tính: %" above a table without a unit column.
_TABLE_UNIT_RE = re.compile(
    r"^\(?\s{0,3}(?:đơn\s{1,3}vị\s{1,3}tính|đvt)\s{0,3}:\s{0,3}([^)]{1,40})\)?$", re.IGNORECASE
)
_NAME_UNIT_RE = re.compile(r"\((%|‰)\)\s{0,3}$")
# A cell that is not part of the table: a footnote, a note under it, a long paragraph.
_AFTER_TABLE_RE = re.compile(r"^(?:\[\d{1,3}\]|\*|ghi\s{1,3}chú\s{0,3}:|nguồn\s{0,3}:)", re.I)
_MAX_CELL = 300
_MAX_WRAPPED = 3
_MAX_CAPTION = 200
_COLUMN_NUMBER_RE = re.compile(r"^\(?\d{1,2}\)?$|^\([A-Z]\)$")
# No table of indicators has more columns; a line of thousands of "|" is not a table row.
_MAX_COLUMNS = 40


def plain_number(cell: str) -> str | None:
    """ "32,7" → "32.7", "1.234" → "1234", "1.234,5" → "1234.5", "99,85%" → "99.85",
    "≥ 95" → "95"; None when not a number."""
    value = _QUALIFIER_RE.sub("", cell.strip()).replace(" ", "").rstrip("%‰")
    if not _NUMBER_RE.match(value):
        return None
    if "," in value:
        return value.replace(".", "").replace(",", ".")
    if _THOUSANDS_RE.match(value):
        return value.replace(".", "")
    return value


def is_appendix_heading(lines: list[str], index: int) -> bool:
    """The line starts an appendix: "Phụ lục" with at most its number and a caption, and a
    caption or a table follows. A sentence naming an appendix ("Phụ lục I kèm theo") is not
    a heading."""
    match = _HEADING_RE.match(lines[index])
    if not match:
        return False
    rest = match.group(2).strip().strip("*_").strip()
    if rest and rest[0] not in ":.-–—(" and any(c.islower() for c in rest):
        return False
    if rest.endswith((",", ";")) or rest == ".":
        return False  # "... tại Phụ lục 02." ends a sentence
    seen = 0
    for line in lines[index + 1 : index + 1 + 5 * _HEADING_LOOKAHEAD]:
        if not line:
            continue
        if _ATTACHED_RE.match(line) or "|" in line or "\t" in line or _is_tt_header(line):
            return True
        if _is_caption_case(line) and not _SECTION_RE.match(line):
            return True
        seen += 1
        if seen >= _HEADING_LOOKAHEAD:
            break
    return False


def find_appendix(lines: list[str]) -> int:
    """Index of the line where the appendix starts, len(lines) when there is none."""
    return next(
        (i for i, line in enumerate(lines) if line and is_appendix_heading(lines, i)), len(lines)
    )


def read_indicators(lines: list[str]) -> tuple[list[dict], list[str]]:
    """The indicators of the appendix's tables of indicators, and the lines of the appendix
    that are neither (other appendices, notes, footnotes under the table)."""
    starts = [i for i, line in enumerate(lines) if line and is_appendix_heading(lines, i)]
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    indicators: list[dict] = []
    rest: list[str] = []
    for at, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        found, after = _read_part(lines[at:end])
        indicators.extend(found)
        rest.extend(after)
    if any("group" in item for item in indicators):
        for item in indicators:
            item.setdefault("group", None)
            level = education_level_of(item["group"] or "")
            if level:
                item["education_level"] = level
    _number(indicators)
    return indicators, rest


# --- one appendix -------------------------------------------------------------------------


def _read_part(lines: list[str]) -> tuple[list[dict], list[str]]:
    laid_out = _space_table(lines)
    if laid_out is None:
        return _read_table(lines)
    # What is left unplaced is given back as the document wrote it.
    original = dict(laid_out)
    found, after = _read_table([line for line, _ in laid_out])
    return found, [original.get(line, line) for line in after]


def _read_table(lines: list[str]) -> tuple[list[dict], list[str]]:
    start = next((i for i, line in enumerate(lines) if _starts_table(line)), None)
    if start is None:
        start = _first_row(lines)  # a table whose header was lost in the copy
    if start is None:
        return [], [line for line in lines if line]
    caption = [line for line in lines[:start] if line]
    # A paragraph above the table (a note on the figures) is not its caption.
    above = [line for line in caption if len(line) > _MAX_CAPTION]
    table_unit = next((m.group(1).strip() for m in map(_TABLE_UNIT_RE.match, caption) if m), None)
    by_line = "|" in lines[start] or "\t" in lines[start]
    if by_line:
        header, rows, after = _pipe_rows(lines[start:])
    else:
        header, rows, after = _cell_rows(lines[start:])
    columns = _columns(header, rows, by_line=by_line)
    if columns is None:
        return [], [line for line in lines if line]
    indicators = _indicators(rows, columns, caption=caption, table_unit=table_unit)
    if not indicators:
        return [], [line for line in lines if line]
    return indicators, above + after


def _first_row(lines: list[str]) -> int | None:
    """The first row of a table without a header: TT 1 and a name."""
    filled = [(i, line) for i, line in enumerate(lines) if line]
    for (index, line), (_, following) in zip(filled, filled[1:], strict=False):
        if "|" in line or "\t" in line:
            cells = _split(line)
            if cells[0].rstrip(".") == "1" and _is_data_row(cells):
                return index
        elif line.rstrip(".") == "1" and _anchor([line, following], 0, None):
            return index
    return None


def _starts_table(line: str) -> bool:
    if "|" in line or "\t" in line:
        cells = [c.strip() for c in _split(line)]
        return bool(cells) and (_TT_HEADER_RE.match(cells[0]) is not None or _has_name_word(cells))
    return _is_tt_header(line)


def _is_tt_header(line: str) -> bool:
    if "|" in line or "\t" in line:
        first = _split(line)[0].strip()
    else:
        first = _SPACE_GAP_RE.split(line, maxsplit=1)[0]
    return _TT_HEADER_RE.match(first.strip("*_ ")) is not None


def _has_name_word(cells: list[str]) -> bool:
    return any(c.lower().strip("*_ ") in _NAME_WORDS for c in cells)


def _is_caption_case(line: str) -> bool:
    """An upper-case caption line of a few words ("CHỈ TIÊU GIÁO DỤC NĂM HỌC 2024 - 2025")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and not any(c.islower() for c in letters) and " " in line


def _split(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    cells = _CELL_SPLIT_RE.split(text, maxsplit=_MAX_COLUMNS)[:_MAX_COLUMNS]
    return [cell.strip().strip("*_").strip()[:_MAX_CELL] for cell in cells]


# --- a table laid out by spaces -------------------------------------------------------------
# Lines reach the reader stripped, so the positions of cells are comparable only between
# lines that start at the table's left edge: the header row starting with its TT and the rows
# starting with theirs. Those rows are rewritten as pipe rows, each cell under the column its
# position puts it in; a row whose cells cannot be placed keeps its cells in order, and
# _fit aligns them by what they are and marks what it placed.


def _space_spans(line: str) -> list[tuple[int, int, str]]:
    """The cells of a line laid out by spaces, with where each starts and ends."""
    spans: list[tuple[int, int, str]] = []
    at = 0
    for gap in _SPACE_GAP_RE.finditer(line):
        if gap.start() > at:
            spans.append((at, gap.start(), line[at : gap.start()]))
        at = gap.end()
        if len(spans) >= _MAX_COLUMNS:
            return spans
    if at < len(line):
        spans.append((at, len(line), line[at:]))
    return spans


def _space_row_kind(cells: list[str]) -> str | None:
    """A header row ("header"), a row of the table ("row": its TT and a name, or a
    group written in one cell), None for any other line."""
    if _TT_HEADER_RE.match(cells[0].strip("*_ ")) or len(cells) >= 3 and _has_name_word(cells):
        return "header"
    if len(cells) >= 2 and _tt_kind(cells[0]) and plain_number(cells[1]) is None:
        return None if _header_words(cells[1]) else "row"
    if _GROUP_CELL_RE.match(cells[0]) and not _header_words(cells[0]):
        return "row"
    return None


def _space_table(lines: list[str]) -> list[tuple[str, str]] | None:
    """The lines with a table laid out by spaces rewritten as pipe rows, each with the line
    it was; None when the part has cells written with "|" or tabs, or no such table."""
    if any("|" in line or "\t" in line for line in lines):
        return None
    spans = [_space_spans(line) if line else [] for line in lines]
    kinds = [_space_row_kind([c for _, _, c in s]) if s else None for s in spans]
    start = next((i for i, s in enumerate(spans) if kinds[i] and len(s) >= 3), None)
    if start is None:
        return None
    rows = [i for i in range(start, len(lines)) if kinds[i] == "row" and len(spans[i]) >= 3]
    header = len(spans[start]) if kinds[start] == "header" else None
    columns = _space_columns([spans[i] for i in rows if _tt_kind(spans[i][0][2])], header)
    following: list[str | None] = [None] * len(lines)  # the kind of the next row or header
    for index in range(len(lines) - 2, -1, -1):
        following[index] = kinds[index + 1] or following[index + 1]
    out = [(line, line) for line in lines[:start]]
    in_header = True  # the header, and the header again at the top of a page
    for index in range(start, len(lines)):
        cells = [c for _, _, c in spans[index]]
        if kinds[index]:
            in_header = kinds[index] == "header"
        if kinds[index] == "row" and len(cells) >= 2 and columns:
            cells = _space_place(spans[index], columns) or cells
        elif not kinds[index] and not (in_header and cells):
            if len(cells) == 1 and _INT_TT_RE.match(cells[0]) and following[index] == "header":
                continue  # the page's number over the header repeated on the next page
            out.append((lines[index], lines[index]))
            continue  # a wrapped name, a note: what the pipe rows make of it
        out.append(("| " + " | ".join(cells) + " |", lines[index]))
    return out


def _space_columns(rows: list[list[tuple[int, int, str]]], header: int | None):
    """Where each column lies: from the rows with every cell filled (as many cells as the
    header, else the most common number), the leftmost start and rightmost end of each
    column's cells; None when the columns so found overlap (a layout too ragged to place
    cells by)."""
    lengths = Counter(len(r) for r in rows)
    if not lengths:
        return None
    width = header if header in lengths else max(lengths, key=lambda n: (lengths[n], n))
    full = [r for r in rows if len(r) == width]
    columns = [(min(r[j][0] for r in full), max(r[j][1] for r in full)) for j in range(width)]
    if any(left[1] > right[0] for left, right in zip(columns, columns[1:], strict=False)):
        return None
    return columns


def _space_place(spans, columns) -> list[str] | None:
    """The row's cells under the columns their positions fall in, an empty cell where no
    cell falls; None when a cell falls in no column, in two, or in a column taken (but a
    name split by a double space joins again)."""
    cells = [""] * len(columns)
    cells[0] = spans[0][2]
    taken = 0
    for start, end, text in spans[1:]:
        over = [j for j, (lo, hi) in enumerate(columns) if start < hi and end > lo and j >= 1]
        if len(over) > 1:
            over = [j for j in over if columns[j][0] <= start < columns[j][1]] or over
        if taken == 0 and not over:
            over = [1]  # the cell after the TT is the name, however long
        if len(over) != 1 or over[0] < taken or over[0] == taken and taken != 1:
            return None
        column = over[0]
        cells[column] = f"{cells[column]} {text}".strip()
        taken = column
    return cells


# --- rows ---------------------------------------------------------------------------------
# A row is its cells from the TT on; a group row may be shorter than the table.


def _pipe_rows(lines: list[str]) -> tuple[list[list[str]], list[list[str]], list[str]]:
    """Header rows, data rows and the lines after a table written one row per line. A line
    without cells between two rows continues the name of the row above (a wrapped cell)."""
    header: list[list[str]] = []
    rows: list[list[str]] = []
    pending: list[str] = []
    after: list[str] = []
    for line in lines:
        if not line:
            continue
        if after or not ("|" in line or "\t" in line):
            ends = len(pending) >= _MAX_WRAPPED or len(line) > _MAX_CELL
            if after or not rows or ends or _AFTER_TABLE_RE.match(line):
                after.extend([*pending, line] if rows else [])
                pending = []
            else:
                pending.append(line)
            continue
        cells = _split(line)
        if all(not c or _RULE_CELL_RE.match(c.replace(" ", "")) for c in cells):
            continue
        if all(_COLUMN_NUMBER_RE.match(c) for c in cells if c):
            continue  # the row numbering the columns: (1) (2) (3)
        if not rows and not _is_data_row(cells) and not (header and _is_untitled_group(cells)):
            header.append(cells)
        elif not _is_data_row(cells) and (cells in header or _TT_HEADER_RE.match(cells[0])):
            continue  # the header again, at the top of the next page
        else:
            if pending:
                above = rows[-1]
                above[min(1, len(above) - 1)] = " ".join([above[min(1, len(above) - 1)], *pending])
                pending = []
            rows.append(cells)
    return header, rows, after + pending


def _is_data_row(cells: list[str]) -> bool:
    first = cells[0]
    if _tt_kind(first) and len(cells) > 1 and cells[1] and plain_number(cells[1]) is None:
        return not _header_words(cells[1])
    return _GROUP_CELL_RE.match(first) is not None and not _header_words(first)


def _is_untitled_group(cells: list[str]) -> bool:
    """A group row without a TT: a title in the name column and nothing else."""
    return (
        not cells[0]
        and len(cells) > 1
        and bool(cells[1])
        and not any(cells[2:])
        and not _header_words(cells[1])
        and _value_info(cells[1]) == (None, None)
    )


def _merge_header(rows: list[list[str]]) -> list[str]:
    """One label per column from a header of one or more rows; a label spanning columns
    (left blank in the cells it spans) carries over to the cells under it."""
    if not rows:
        return []
    width = max(len(r) for r in rows)
    labels = [""] * width
    for depth, row in enumerate(rows):
        below = rows[depth + 1] if depth + 1 < len(rows) else []
        carry = ""
        for index in range(width):
            cell = row[index] if index < len(row) else ""
            if cell:
                carry = cell if _value_info(cell) != (None, None) else ""
            elif carry and index < len(below) and below[index]:
                cell = carry
            labels[index] = f"{labels[index]} {cell}".strip()
    return labels


def _cell_rows(lines: list[str]) -> tuple[list[list[str]], list[list[str]], list[str]]:
    """Rows of a table written one cell per line. A blank line between two cells of a row,
    beyond the blank lines that separate every cell, is an empty cell."""
    cells: list[str] = []
    blanks: list[int] = []  # blank lines just before each cell
    run = 0
    for line in lines:
        if not line:
            run += 1
            continue
        cells.append(line)
        blanks.append(run)
        run = 0
    first = next((i for i in range(len(cells)) if _anchor(cells, i, None)), None)
    if first is None:
        return [cells], [], []
    header = cells[:first]
    cells, blanks = _without_repeated_header(cells, blanks, first)
    width = _row_width(cells, first, len(header)) or max(len(header), 3)
    gap = Counter(blanks[first:]).most_common(1)[0][0]
    rows: list[list[str]] = []
    pos = first
    state: str | None = None
    end = len(cells)
    while pos < len(cells):
        state = _tt_of(cells[pos])
        is_group = _GROUP_CELL_RE.match(cells[pos]) is not None or _roman_or_letter(cells[pos])
        expected = pos + (1 if _GROUP_CELL_RE.match(cells[pos]) else 2 if is_group else width)
        nxt = _next_anchor(cells, pos, expected, width, state)
        stop = nxt if nxt is not None else min(len(cells), pos + width)
        if nxt is None:
            stop = next((i for i in range(pos + 2, stop) if _AFTER_TABLE_RE.match(cells[i])), stop)
        row: list[str] = []
        for index in range(pos, stop):
            if index > pos and blanks[index] > gap:
                row.extend([""] * max(1, (blanks[index] - gap) // (gap + 1)))
            row.append(cells[index])
        if nxt is not None and blanks[nxt] > gap and len(row) < width:
            row.extend([""] * max(1, (blanks[nxt] - gap) // (gap + 1)))
        rows.append(row)
        if nxt is None:
            end = stop
            break
        pos = nxt
    return [header], rows, cells[end:]


def _without_repeated_header(cells: list[str], blanks: list[int], first: int):
    """The cells without the header repeated at the top of a later page."""
    header = cells[:first]
    if len(header) < 3:
        return cells, blanks
    kept, kept_blanks = cells[:first], blanks[:first]
    index = first
    while index < len(cells):
        if cells[index] == header[0] and cells[index : index + len(header)] == header:
            index += len(header)
            continue
        kept.append(cells[index])
        kept_blanks.append(blanks[index])
        index += 1
    return kept, kept_blanks


def _anchor(cells: list[str], index: int, state: str | None) -> bool:
    """cells[index] starts a row: an order number the table may write next (or a group in
    one cell), followed by a name."""
    cell = cells[index]
    if _GROUP_CELL_RE.match(cell) and not _header_words(cell):
        return state is None or _follows(cell, state)
    if not _tt_kind(cell) or index + 1 >= len(cells):
        return False
    name = cells[index + 1]
    if len(name) < 2 or _value_like(name) or not any(c.isalpha() for c in name):
        return False
    if state is None:
        return (
            _INT_TT_RE.match(cell) is not None
            and cell.rstrip(".") == "1"
            or (_roman_or_letter(cell) and cell.rstrip(".") in ("I", "A"))
        )
    return _follows(cell, state)


def _next_anchor(cells, pos: int, expected: int, width: int, state: str) -> int | None:
    """The start of the row after the one at pos: the anchor nearest where the row's width
    puts it."""
    best = None
    for index in range(pos + 1, min(len(cells), pos + width + 4)):
        if _anchor(cells, index, state) and (
            best is None or abs(index - expected) < abs(best - expected)
        ):
            best = index
    return best


def _row_width(cells: list[str], first: int, header: int) -> int | None:
    """The most common distance between the order numbers n and n + 1 of two rows; between
    distances as common, the number of header cells (a header of one row) decides."""
    gaps: Counter = Counter()
    seen: dict[int, int] = {}
    for index in range(first, min(len(cells), first + 400)):
        if _GROUP_CELL_RE.match(cells[index]) or _roman_or_letter(cells[index]):
            seen.clear()  # rows on both sides of a group row are not one row apart
            continue
        match = _INT_TT_RE.match(cells[index])
        if not match or index + 1 >= len(cells) or plain_number(cells[index + 1]) is not None:
            continue
        number = int(match.group(1))
        if number - 1 in seen and 3 <= index - seen[number - 1] <= 16:
            gaps[index - seen[number - 1]] += 1
        seen.setdefault(number, index)
    if not gaps:
        return None
    return max(gaps.items(), key=lambda item: (item[1], item[0] == header, item[0]))[0]


def _tt_kind(cell: str) -> str | None:
    if _INT_TT_RE.match(cell):
        return "int"
    if _SUB_TT_RE.match(cell):
        return "sub"
    if _roman_or_letter(cell):
        return "group"
    return None


def _roman_or_letter(cell: str) -> bool:
    return bool(cell) and bool(_ROMAN_TT_RE.match(cell) or _LETTER_TT_RE.match(cell))


def _tt_of(cell: str) -> str:
    """The numbering state after a row: its TT, a group written in one cell as "G"."""
    match = _GROUP_CELL_RE.match(cell)
    if match and not _tt_kind(cell):
        return "G"
    kind = _tt_kind(cell)
    if kind == "group":
        return "G"
    return cell.rstrip(".")


def _follows(cell: str, state: str) -> bool:
    """The TT cell may come after a row numbered `state` ("G" after a group row)."""
    if _GROUP_CELL_RE.match(cell) and not _tt_kind(cell) or _roman_or_letter(cell):
        return True
    tt = cell.rstrip(".")
    if state == "G":
        return tt == "1" or _INT_TT_RE.match(cell) is not None or tt.endswith(".1")
    sub = _SUB_TT_RE.match(state)
    if sub:
        group, item = int(sub.group(1)), int(sub.group(2))
        return tt in (f"{group}.{item + 1}", str(group + 1))
    number = int(state)
    return tt in (str(number + 1), f"{number}.1")


# --- columns ------------------------------------------------------------------------------


def _header_words(cell: str) -> bool:
    low = cell.lower()
    return (
        _TT_HEADER_RE.match(cell) is not None
        or low in _NAME_WORDS
        or any(low.startswith(w) for w in _UNIT_WORDS + _NOTE_WORDS)
    )


def _value_info(label: str) -> tuple[str | None, str | None]:
    """(school year, "achieved" | "target") a header label gives a value column."""
    match = _YEAR_RE.search(label)
    year = f"{match.group(1)}-{match.group(2)}" if match else None
    kind = _KIND_RE.search(label)
    if kind is None:
        return year, None
    return year, "target" if kind.group(1) else "achieved"


def _value_like(cell: str) -> bool:
    return (
        plain_number(cell) is not None
        or cell in _NO_VALUE
        or _VALUE_WORDS_RE.match(cell) is not None
    )


def _columns(header: list[list[str]], rows: list[list[str]], *, by_line: bool) -> dict | None:
    """The table's columns: which hold the unit, the values and a note, and each value
    column's school year and kind; None when it is not a table of indicators."""
    flat = [cell for row in header for cell in row if cell]
    if any(w in cell.lower() for cell in flat for w in _TASK_WORDS):
        return None
    regular = [r for r in rows if _tt_kind(r[0]) in ("int", "sub")]
    if not regular:
        return None
    lengths = Counter(len(r) for r in regular)
    widest = max((len(r) for r in header), default=0)
    width = max(lengths, key=lambda n: (lengths[n], n == widest, n))
    # A row that lost its empty cells at the end (a Word row pasted with its tabs, trimmed)
    # is shorter than the header, not the header longer than the table.
    if by_line and len(header) == 1 and width < widest <= width + 2:
        width = widest
    if width < 3:
        return None
    aligned = header and all(len(r) == width for r in header)
    labels = _merge_header(header) if aligned else flat
    positional = len(labels) == width
    padded = [r + [""] * (width - len(r)) for r in regular if len(r) <= width]
    roles: list[str] = ["tt", "name"]
    for index in range(2, width):
        label = labels[index].lower() if positional else ""
        column = [r[index] for r in padded if r[index]]
        numeric = sum(1 for c in column if _value_like(c) or plain_number(c.split()[0]))
        if label.startswith(_NOTE_WORDS):
            roles.append("note")
        elif label.startswith(_UNIT_WORDS):
            roles.append("unit")
        elif column and numeric * 2 >= len(column) or not column and _value_info(label)[1]:
            roles.append("value")
        else:
            roles.append("text")
    values = [i for i, role in enumerate(roles) if role == "value"]
    if not values:
        return None
    last_value = values[-1]
    roles = [
        ("note" if i > last_value else "unit") if role == "text" else role
        for i, role in enumerate(roles)
    ]
    if positional:
        infos = [_value_info(labels[i]) for i in values]
    else:
        infos = _spanned_infos(flat, len(values))
    return {"roles": roles, "values": values, "infos": infos, "width": width}


def _spanned_infos(cells: list[str], count: int) -> list[tuple[str | None, str | None]]:
    """Years and kinds of `count` value columns from a header whose labels do not line up
    with the columns (a two-row header read one cell per line): the year cells in order of
    their years, each with its own kind or that of the kind cells under or over it."""
    infos = [_value_info(c) for c in cells if not _header_words(c) or _value_info(c)[1]]
    years = [info for info in infos if info[0]]
    kinds = [info[1] for info in infos if not info[0] and info[1]]
    if len(years) == count:
        years.sort(key=lambda info: info[0])
        if len(kinds) == count:
            return [(y, own or k) for (y, own), k in zip(years, kinds, strict=True)]
        if len(set(kinds)) == 1:
            return [(y, own or kinds[0]) for y, own in years]
        return years
    if len(kinds) == count:
        return [(None, k) for k in kinds]
    return [(None, None)] * count


def _choose(infos: list[tuple[str | None, str | None]]) -> tuple[int, int | None]:
    """Which value columns hold the target and the baseline: the target the (latest) column
    of a target, else the latest; the baseline the latest achieved column before it."""
    indexes = range(len(infos))
    targets = [i for i in indexes if infos[i][1] == "target"]
    dated = [i for i in indexes if infos[i][0]]

    def latest(candidates):
        return max(candidates, key=lambda i: (infos[i][0] or "", i))

    if targets:
        target = latest(targets)
    elif dated:
        target = latest(dated)
    else:
        target = len(infos) - 1
    before = [
        i
        for i in indexes
        if i != target
        and infos[i][1] != "target"
        and (not infos[i][0] or not infos[target][0] or infos[i][0] <= infos[target][0])
    ]
    return target, latest(before) if before else None


# --- indicators ---------------------------------------------------------------------------


def _indicators(rows, columns: dict, *, caption: list[str], table_unit: str | None) -> list[dict]:
    roles, values, infos, width = (
        columns["roles"],
        columns["values"],
        columns["infos"],
        columns["width"],
    )
    target_at, baseline_at = _choose(infos)
    target_year, baseline_year = (
        infos[target_at][0],
        (infos[baseline_at][0] if baseline_at is not None else None),
    )
    year_marks: dict[str, str] = {}
    if target_year is None:
        found = next((m for m in map(_YEAR_RE.search, caption) if m), None)
        if found:
            target_year = f"{found.group(1)}-{found.group(2)}"
        year_marks["target_year"] = GUESSED if found else MISSING
    if baseline_at is not None and baseline_year is None:
        if target_year:
            start = int(target_year[:4]) - 1
            baseline_year = f"{start}-{start + 1}"
        year_marks["baseline_year"] = GUESSED if target_year else MISSING

    indicators: list[dict] = []
    group = None
    units_seen: set[str] = set()
    for row in rows:
        if row[0] and not _tt_kind(row[0]) and not _GROUP_CELL_RE.match(row[0]):
            continue  # no TT: not a row of the table
        title = _group_title(row)
        if title is not None:
            group = title
            continue
        cells, aligned = _fit(row, roles, width, units_seen)
        item = _indicator(cells, roles, values, target_at, baseline_at, table_unit)
        item["baseline_year"] = baseline_year if baseline_at is not None else None
        item["target_year"] = target_year
        for field, reason in year_marks.items():
            if field != "baseline_year" or baseline_at is not None:
                mark(item, field, reason)
        if aligned:
            for field in ("baseline", "target", "unit"):
                if item.get(field) is not None:
                    mark(item, field, AMBIGUOUS)
        if group is not None:
            item["group"] = group
        if item["unit"]:
            units_seen.add(item["unit"])
        indicators.append(item)
    return indicators


# A group row naming a level of education ("I | Giáo dục mầm non", "B. TRUNG HỌC CƠ SỞ"):
# the level of the indicators under it, as the indicators app names levels.
_LEVELS = (
    ("mam_non", re.compile(r"mầm\s+non|nhà\s+trẻ|mẫu\s+giáo", re.IGNORECASE)),
    ("tieu_hoc", re.compile(r"tiểu\s+học", re.IGNORECASE)),
    ("thcs", re.compile(r"trung\s+học\s+cơ\s+sở|\bTHCS\b", re.IGNORECASE)),
    ("thpt", re.compile(r"trung\s+học\s+phổ\s+thông|\bTHPT\b", re.IGNORECASE)),
    ("gdtx", re.compile(r"thường\s+xuyên|xóa\s+mù\s+chữ|\bGDTX\b", re.IGNORECASE)),
    ("dai_hoc", re.compile(r"đại\s+học|cao\s+đẳng", re.IGNORECASE)),
)


def education_level_of(group: str) -> str | None:
    """The one level of education a group's title names, else None (several, or none)."""
    found = [level for level, regex in _LEVELS if regex.search(group)]
    return found[0] if len(found) == 1 else None


def _group_title(row: list[str]) -> str | None:
    """The title of a group row ("I | Giáo dục mầm non", "A. GIÁO DỤC PHỔ THÔNG", a numbered
    row with a name and nothing else); None for an indicator row."""
    match = _GROUP_CELL_RE.match(row[0])
    if match and not _tt_kind(row[0]):
        return match.group(2).strip()
    rest = [c for c in row[2:] if c]
    if _roman_or_letter(row[0]):
        return " ".join(c for c in row[1:] if c) or None
    if len(row) > 1 and not rest:
        return row[1]
    return None


def _fit(row: list[str], roles: list[str], width: int, units: set[str]) -> tuple[list[str], bool]:
    """The row's cells under its columns. A row of another width (a cell left out of a text
    written one cell per line, a name wrapped over two lines) is aligned by what each cell
    is; the second value says so."""
    if len(row) == width:
        return row, False
    if len(row) < width and "value" not in roles[len(row) :]:
        return row + [""] * (width - len(row)), False  # only the note or unit is left out
    cells = list(row[:2])
    rest = list(row[2:])
    # A name wrapped over two lines: the line after it is no value, and is no unit either
    # when it starts in lower case or the cell after it is no value.
    while (
        len(cells) + len(rest) > width
        and not _value_like(rest[0])
        and (rest[0][:1].islower() or len(rest) > 1 and not _value_like(rest[1]))
    ):
        cells[1] = f"{cells[1]} {rest.pop(0)}"
    if len(cells) + len(rest) == width:
        return cells + rest, False
    for role in roles[2:]:
        if not rest:
            cells.append("")
        elif role == "value":
            cells.append(rest.pop(0) if _value_like(rest[0]) or rest[0] == "" else "")
        elif role == "unit":
            keep = not _value_like(rest[0]) and (rest[0] in units or len(rest[0]) <= 30)
            cells.append(rest.pop(0) if keep else "")
        else:
            cells.append(rest.pop(0) if not _value_like(rest[0]) else "")
    return cells, True


def _indicator(cells, roles, values, target_at, baseline_at, table_unit) -> dict:
    item: dict = {"order": cells[0].rstrip("."), "name": cells[1]}
    units = [cells[i] for i, role in enumerate(roles) if role == "unit" and i < len(cells)]
    unit = next((u for u in units if u), None)
    numbers = {}
    for key, at in (("baseline", baseline_at), ("target", target_at)):
        if at is None:
            numbers[key] = None
            continue
        cell = cells[values[at]] if values[at] < len(cells) else ""
        numbers[key] = plain_number(cell)
        if cell.endswith("%") and unit is None:
            unit = "%"
        if numbers[key] is None and cell not in _NO_VALUE:
            mark(item, key, MISSING)
        elif numbers[key] is not None and _WORDY_QUALIFIER_RE.match(cell):
            mark(item, key, AMBIGUOUS)
    if unit is None:
        name_unit = _NAME_UNIT_RE.search(item["name"])
        unit = table_unit or (name_unit.group(1) if name_unit else None)
    if unit is None:
        mark(item, "unit", MISSING)
    item.update(
        {
            "unit": unit,
            "baseline": numbers["baseline"],
            "baseline_year": None,
            "target": numbers["target"],
            "target_year": None,
        }
    )
    return item


def _number(indicators: list[dict]) -> None:
    """The order of each indicator: the TT it is written with when the TTs of the appendix
    are whole numbers written once each; else (numbered per group, or "1.1") its place in
    the appendix, counted from 1."""
    written = [item["order"] for item in indicators]
    plain = all(_INT_TT_RE.match(tt) for tt in written) and len(set(written)) == len(written)
    for place, item in enumerate(indicators, start=1):
        item["order"] = int(item["order"]) if plain else place
