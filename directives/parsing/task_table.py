"""Task tables in a directive's body, and the "Đơn vị chủ trì: ..." lines under a task.

A plan often assigns its tasks in a table: STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp |
Thời gian hoàn thành. It reaches us pipe-separated (a markdown or web copy), tab-separated (a
paste from Word) or one cell per line (a Word table flattened to text). The header row is
known by its words, so the columns may come in any order; each row below it is a task, a row
holding only a number and a title ("I | Công tác tuyên truyền") opens a group of tasks.
"""

import re
from dataclasses import dataclass, field

from .agencies import find_agencies
from .dates import deadline_words, find_date, find_deadline
from .unsure import mark, marks_of

ORDER = "order"
CONTENT = "content"
LEAD = "lead"
COORDINATE = "coordinate"
TIME = "time"
OTHER = "other"

# The words that name a column, tried in this order (so "Đơn vị phối hợp" is not read as the
# lead column by "Đơn vị", and "Thời gian" wins over "thực hiện"). Matched on the whole cell.
_COLUMN_WORDS = (
    (ORDER, re.compile(r"^(?:S[ốo]\s*)?TT$|^STT$|^Số\s+thứ\s+tự$", re.IGNORECASE)),
    (COORDINATE, re.compile(r"phối\s+hợp", re.IGNORECASE)),
    (
        LEAD,
        re.compile(
            r"chủ\s+trì|(?:đơn\s+vị|cơ\s+quan)\s+thực\s+hiện|^trách\s+nhiệm|^phân\s+công", re.I
        ),
    ),
    (TIME, re.compile(r"thời\s+(?:gian|hạn)|tiến\s+độ|^thời\s+điểm", re.IGNORECASE)),
    (OTHER, re.compile(r"sản\s+phẩm|kết\s+quả|ghi\s+chú|kinh\s+phí|nguồn\s+vốn", re.I)),
    (
        CONTENT,
        re.compile(r"^(?:tên\s+)?(?:nội\s+dung|nhiệm\s+vụ|công\s+việc|hoạt\s+động|đề\s+án)", re.I),
    ),
)
# A header cell is a short label; a longer cell is text that happens to hold these words.
_MAX_HEADER_CELL = 60
# A header cell naming who carries a task out without saying lead or coordinate may be a
# merged cell above "Chủ trì" and "Phối hợp" (a two-row header).
_SPANNING_RE = re.compile(
    r"^(?:phân\s+công|đơn\s+vị|cơ\s+quan|trách\s+nhiệm)(?:\s+thực\s+hiện)?$", re.IGNORECASE
)
# How far past a group cell its sub-columns are looked for: a header has few cells.
_SUB_LOOKAHEAD = 16
_ROMAN_RE = re.compile(r"^[IVX]{1,5}\.?$")
_ARABIC_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")
_SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}")
_SECTION_LINE_RE = re.compile(r"^(?:[IVX]{1,5}|[A-ZĐ])[.)]\s+\S")
# "Đơn vị chủ trì: Sở Giáo dục và Đào tạo" under a task (a bullet may open it).
_FIELD_RE = re.compile(
    r"^[-–—•+*]?\s*(Đơn\s+vị\s+chủ\s+trì|Cơ\s+quan\s+chủ\s+trì|Chủ\s+trì(?:\s+thực\s+hiện)?|"
    r"Đơn\s+vị\s+phối\s+hợp|Cơ\s+quan\s+phối\s+hợp|Phối\s+hợp(?:\s+thực\s+hiện)?|"
    r"Đơn\s+vị\s+thực\s+hiện|Cơ\s+quan\s+thực\s+hiện|"
    r"Thời\s+gian(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|Thời\s+hạn(?:\s+hoàn\s+thành)?|"
    r"Tiến\s+độ(?:\s+thực\s+hiện)?|"
    r"Sản\s+phẩm(?:\s+đầu\s+ra)?|Kết\s+quả\s+đầu\s+ra|Kinh\s+phí(?:\s+thực\s+hiện)?)"
    r"\s*:\s*(.*)$",
    re.IGNORECASE,
)
_CELL_NAME_SPLIT_RE = re.compile(r"\s*[;\n]\s*")
_CAPITAL_CHUNK_RE = re.compile(r",\s+(?=[A-ZĐÀ-Ỹ])")


@dataclass
class Row:
    order: str
    cells: dict[str, str]
    aligned: bool = True


@dataclass
class Table:
    columns: list[str]
    rows: list[Row] = field(default_factory=list)


def column_of(cell: str) -> str | None:
    """The kind of column a header cell names, or None when it is not a column label."""
    cell = cell.replace("*", "").strip().rstrip(":")
    if not cell or len(cell) > _MAX_HEADER_CELL:
        return None
    for kind, regex in _COLUMN_WORDS:
        if regex.search(cell):
            return kind
    return None


def _is_header(columns: list[str | None]) -> bool:
    kinds = set(columns)
    return None not in kinds and CONTENT in kinds and bool(kinds & {LEAD, TIME})


def _split(line: str, *, outer: bool | None = None) -> list[str] | None:
    """The cells of a pipe- or tab-separated line (None for a line that is neither). Whether
    the rows are framed by outer pipes ("| a | b |") is the header's: in a table without
    them, a row opening with "|" has an empty first cell."""
    if "|" in line:
        cells = [cell.replace("*", "").strip() for cell in line.split("|")]
        if outer is None:
            outer = line.startswith("|")
        if outer and line.startswith("|"):
            cells = cells[1:]
        if outer and line.endswith("|"):
            cells = cells[:-1]
        return cells
    if "\t" in line:
        return [cell.replace("*", "").strip() for cell in line.split("\t")]
    return None


def _is_order(cell: str) -> bool:
    return bool(_ROMAN_RE.match(cell) or _ARABIC_RE.match(cell))


def find_tables(lines: list[str]) -> list[tuple[int, int, Table]]:
    """(first line, line after the last, table) for each task table among the lines."""
    found = []
    i = 0
    while i < len(lines):
        table_end = _read_delimited(lines, i) or _read_one_per_line(lines, i)
        if table_end is None:
            i += 1
            continue
        end, table = table_end
        found.append((i, end, table))
        i = end
    return found


def _clean(cell: str) -> str:
    return cell.replace("*", "").strip().rstrip(":")


def _is_group_cell(cell: str) -> bool:
    """A cell that may stand merged above the lead and coordinate columns."""
    return column_of(cell) == LEAD and bool(_SPANNING_RE.match(_clean(cell)))


def _sub_kind(cell: str) -> str | None:
    """LEAD or COORDINATE for a cell that may stand under a merged group cell."""
    kind = column_of(cell)
    if kind == COORDINATE or kind == LEAD and not _is_group_cell(cell):
        return kind
    return None


def _has_both_subs(cells: list[str]) -> bool:
    found = {_sub_kind(cell) for cell in cells}
    return {LEAD, COORDINATE} <= found


def _merged_header(
    lines: list[str], start: int, cells: list[str]
) -> tuple[list[str | None], int] | None:
    """(columns, line after the header) of a two-row header whose first row holds a merged
    group cell ("Phân công thực hiện") and whose second row holds, under it, the lead and
    coordinate cells in either order (cells merged down from the first row are empty there
    or written again). The sub-columns take the group cell's place. None when the lines
    hold no such header."""
    group = next((k for k, cell in enumerate(cells) if _is_group_cell(cell)), None)
    if group is None or any(column_of(cell) == COORDINATE for cell in cells):
        return None
    outer = lines[start].startswith("|")
    j = start + 1
    # The second row, past blank lines and a markdown separator (a few lines at most).
    while j < len(lines) and j <= start + 3 and (not lines[j] or _SEPARATOR_RE.match(lines[j])):
        j += 1
    second = _split(lines[j], outer=outer) if j < len(lines) and j <= start + 3 else None
    if not second:
        return None
    above = {_clean(cell) for cell in cells if cell}
    written = [cell for cell in second if cell and _clean(cell) not in above]
    subs = [_sub_kind(cell) for cell in written]
    if sorted(subs, key=str) != sorted([LEAD, COORDINATE]):
        return None
    columns: list[str | None] = []
    spanned = _clean(cells[group])
    in_group = False
    for k, cell in enumerate(cells):
        if k == group:
            columns.extend(subs)
            in_group = True
        elif in_group and (not cell or _clean(cell) == spanned):
            continue  # the rest of the merged cell: empty, or the cell written again
        else:
            in_group = False
            columns.append(column_of(cell) if cell else OTHER)
    return columns, j + 1


def _read_delimited(lines: list[str], start: int) -> tuple[int, Table] | None:
    cells = _split(lines[start])
    if not cells or len(cells) < 3:
        return None
    merged = _merged_header(lines, start, cells)
    if merged is not None:
        columns, i = merged
    else:
        columns, i = [column_of(cell) for cell in cells], start + 1
    if not _is_header(columns):
        return None
    table = Table(columns=[c or OTHER for c in columns])
    outer = lines[start].startswith("|")
    end = i
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        row = _split(line, outer=outer)
        if row is None:
            break
        i += 1
        end = i
        if _SEPARATOR_RE.match(line) or not any(row):
            continue
        _add_row(table, row)
    return end, table


def _subs_follow(lines: list[str], start: int) -> bool:
    """Whether the header cells from start on (a few at most) hold a lead and a coordinate
    cell: a group cell's sub-columns in a table flattened one cell per line."""
    cells = []
    i = start
    while i < len(lines) and i < start + _SUB_LOOKAHEAD:
        if lines[i]:
            if column_of(lines[i]) is None:
                break
            cells.append(lines[i])
        i += 1
    return _has_both_subs(cells)


def _read_one_per_line(lines: list[str], start: int) -> tuple[int, Table] | None:
    """A Word table flattened one cell per line: the header's cells on consecutive lines
    (blank lines between them skipped), its first an order column, then rows each opened
    by an order number. A merged group cell ("Phân công thực hiện" above "Chủ trì" and
    "Phối hợp") gives way to its sub-columns, which may follow it or the whole first row."""
    if column_of(lines[start]) != ORDER:
        return None
    columns: list[str] = []
    kinds: set[str] = set()
    texts: set[str] = set()  # the header's cells as written, to know a merged cell written again
    group = None  # where a group cell stands whose sub-columns follow
    subs: list[str] = []
    # A Word table flattened by the document reader writes an empty cell as an empty line;
    # a text whose header cells are already apart by blank lines uses them as separators.
    blank_separated = blank_before = False
    i = start
    while i < len(lines):
        if not lines[i]:
            blank_before = True
            i += 1
            continue
        kind = column_of(lines[i])
        if kind is None:
            break
        text = _clean(lines[i])
        sub = _sub_kind(lines[i]) if group is not None else None
        if sub is not None and sub not in subs:
            if subs:
                columns.insert(group + len(subs), sub)
            else:
                columns[group] = sub
            subs.append(sub)
            kinds = set(columns)
        elif group is not None and text in texts:
            pass  # a merged cell written again, once per column or row it spans
        elif kind in kinds and kind != OTHER:
            break
        else:
            if group is None and _is_group_cell(lines[i]) and _subs_follow(lines, i + 1):
                group = len(columns)
            columns.append(kind)
            kinds.add(kind)
        texts.add(text)
        blank_separated = blank_separated or blank_before and bool(columns)
        blank_before = False
        i += 1
    if not _is_header(columns):
        return None
    table = Table(columns=columns)
    width = len(columns)
    row: list[str] = []
    # Empty lines seen since the row's last cell: its empty cells once another of its cells
    # or the next row follows, blank lines after the table otherwise.
    empty = 0
    end = i
    while i < len(lines):
        line = lines[i].replace("*", "").strip()
        if not line:
            empty += 1 if row and not blank_separated else 0
            i += 1
            continue
        starts_row = _is_order(line)
        filled = len(row) + (0 if starts_row else empty)
        if not starts_row and (not row or filled >= width or _SECTION_LINE_RE.match(line)):
            break  # text after the table: nothing opens a row here
        row.extend([""] * min(empty, width - len(row)))
        empty = 0
        if starts_row and row:
            _add_row(table, row)
            row = []
        row.append(line)
        i += 1
        end = i
    if row:
        _add_row(table, row)
    return end, table


def _add_row(table: Table, cells: list[str]) -> None:
    columns = table.columns
    order_at = columns.index(ORDER) if ORDER in columns else None
    order = cells[order_at] if order_at is not None and order_at < len(cells) else ""
    if order_at is not None and not _is_order(order) and cells and _is_order(cells[0]):
        order_at, order = 0, cells[0]
    aligned = len(cells) == len(columns)
    values: dict[str, str] = {}
    if not aligned and len(cells) >= 2 and order_at == 0 and columns[-1] == TIME:
        # Cells were lost (an empty cell is not written in a flattened table): the first
        # ones are read in order, and a last cell naming a time is the time column's.
        tail = cells[-1]
        if _names_time(tail) and len(cells) < len(columns):
            head, cells = cells[:-1], None
            for kind, value in zip(columns, head, strict=False):
                values.setdefault(kind, value)
            values[TIME] = tail
    if cells is not None:
        for kind, value in zip(columns, cells, strict=False):
            if kind in values:
                values[kind] = f"{values[kind]} {value}".strip()
            else:
                values[kind] = value
        if len(cells) > len(columns):
            extra = " ".join(cells[len(columns) :])
            values[CONTENT] = f"{values.get(CONTENT, '')} {extra}".strip()
    values.pop(ORDER, None)
    values.pop(OTHER, None)
    table.rows.append(Row(order=order.rstrip("."), cells=values, aligned=aligned))


def _names_time(cell: str) -> bool:
    lowered = cell.lower()
    return bool(
        find_date(cell)
        or re.search(r"\b(?:tháng|quý|năm|thường\s+xuyên|hằng|hàng|trước|trong)\b", lowered)
        or re.fullmatch(r"\d{1,2}/\d{4}", cell)
    )


def is_group_row(row: Row, next_row: Row | None) -> bool:
    """A row with a number and a title only opens a group: a Roman number always, an Arabic
    one when the rows under it are numbered from it ("1" then "1.1")."""
    others = any(v for k, v in row.cells.items() if k != CONTENT)
    if others or not row.cells.get(CONTENT):
        return False
    if _ROMAN_RE.match(row.order):
        return True
    return bool(next_row and row.order and next_row.order.startswith(row.order + "."))


def agencies_of_cell(text: str, role: str) -> list[dict]:
    """The agencies a cell (or a "Đơn vị phối hợp: ..." line) names, each with the role of its
    column. A cell is a list: its items are split at ";" and at a comma before a capital;
    an item the agency reader reads as one or more names gives those names (so "Sở Văn hóa,
    Thể thao và Du lịch" stays whole), an item it reads only in part is a name as written."""
    names: list[str] = []
    for piece in _CELL_NAME_SPLIT_RE.split(text):
        piece = piece.strip(" .,;")
        if not piece:
            continue
        found = [a["name"] for a in find_agencies(piece)]
        kept: list[str] = []
        for chunk in _CAPITAL_CHUNK_RE.split(piece):
            chunk = chunk.strip(" .,;")
            if not chunk or not chunk[:1].isupper() or chunk.endswith("liên quan"):
                continue
            covering = [name for name in found if chunk in name]
            if covering:
                kept.extend(name for name in covering if name not in kept)
                continue
            inside = [name for name in found if name in chunk]
            if inside and sum(map(len, inside)) * 10 >= len(chunk) * 6:
                kept.extend(name for name in inside if name not in kept)
            else:
                kept.append(chunk)
        names.extend(kept)
    result: list[dict] = []
    seen = set()
    for name in names:
        if name not in seen:
            seen.add(name)
            result.append({"name": name, "role": role})
    return result


def deadline_of_cell(text: str, *, default_year: int | None, issued_on: str | None = None) -> dict:
    """A time cell as the task's deadline: the cell's words, and the date it states."""
    text = " ".join(text.split())
    lowered = text[:1].lower() + text[1:]
    found = find_deadline(lowered, default_year=default_year, issued_on=issued_on)
    if not found["due_on"]:
        # A time cell says when the task is done: "Tháng 11/2024" is "trong tháng 11/2024".
        found = find_deadline("trong " + lowered, default_year=default_year, issued_on=issued_on)
    result = {
        "deadline": deadline_words(text) or None,
        "due_on": found["due_on"] or find_date(text),
        "recurs_yearly": found["recurs_yearly"],
    }
    for key, reason in marks_of(found).items():
        mark(result, key, reason)
    return result


def set_deadline(task: dict, found: dict) -> None:
    """Write a deadline into a task, with its own marks instead of the task's earlier ones."""
    marks = task.get("_unsure", {})
    for key in ("deadline", "due_on", "recurs_yearly"):
        marks.pop(key, None)
    found = dict(found)
    new_marks = found.pop("_unsure", {})
    task.update(found)
    for key, reason in new_marks.items():
        mark(task, key, reason)


def read_field(line: str) -> tuple[str, str] | None:
    """("lead" | "coordinate" | "time" | "other", value) of a "Đơn vị chủ trì: X" line."""
    match = _FIELD_RE.match(line.replace("*", "").strip())
    if not match:
        return None
    kind = column_of(match.group(1)) or OTHER
    return kind, match.group(2).strip()


def apply_field(
    task: dict, kind: str, value: str, *, default_year: int | None, issued_on: str | None = None
) -> None:
    """What a field line under a task says, written into the task."""
    if kind in (LEAD, COORDINATE):
        known = {a["name"] for a in task["agencies"]}
        for agency in agencies_of_cell(value, kind):
            if agency["name"] in known:
                for mention in task["agencies"]:
                    if mention["name"] == agency["name"]:
                        mention["role"] = kind
            else:
                task["agencies"].append(agency)
    elif kind == TIME and value:
        set_deadline(task, deadline_of_cell(value, default_year=default_year, issued_on=issued_on))
