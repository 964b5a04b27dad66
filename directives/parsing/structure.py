"""The body of a directive: parts, sections, task groups and their tasks.

The structure is read from how the lines relate, not from their length: a heading is a line
that items follow (a numbered line with paragraphs under it, a line without a full stop
followed by items), a line ending in a full stop is a task unless it stands where headings
stand. Text from a PDF (lines cut at the page width, page numbers, a running header) is
joined back into paragraphs first, and task tables are read by their header's words.
"""

import re
from collections import Counter
from dataclasses import dataclass

from . import task_table
from .agencies import agency_names, find_agencies
from .dates import find_deadline
from .unsure import AMBIGUOUS, mark

_SECTION_RE = re.compile(r"^([IVX]{1,5})[.)]\s+(\S.*)$")
# Parts above the Roman sections: "A. GIÁO DỤC MẦM NON", "PHẦN I: ..." (I, V and X are Roman).
_PART_RE = re.compile(
    r"^(?:([A-HJ-UWYZĐ])[.)]|PHẦN\s++((?:THỨ\s++)?[A-ZĐÀ-Ỹ]{1,6}|\d{1,2})(?:\s*+[.:\-–])?)"
    r"\s++(\S.*)$"
)
_NUMBERED_RE = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
# "1.1.", "2.3)" and "1.2.1": items numbered under a numbered heading.
_SUBNUMBERED_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})[.)]?\s+(\S.*)$")
_DASH_RE = re.compile(r"^[-–—•]\s*(\S.*)$")
_PLUS_RE = re.compile(r"^\+\s*(\S.*)$")
_LETTER_RE = re.compile(r"^([a-zđ])\)\s*(\S.*)$")
_TERMINAL = (".", ";", ":", "!", "?", "…", ",")
_CONNECTORS = frozenset(
    ("và", "của", "với", "các", "cho", "trong", "theo", "về", "để", "hoặc", "là", "tại", "từ")
)
# Section titles that state the task content, and those that state the document's purpose or
# context (their text is kept as the section's text). Any other title: its content decides.
_TASK_SECTION_WORDS = (
    "NHIỆM VỤ",
    "GIẢI PHÁP",
    "TỔ CHỨC THỰC HIỆN",
    "NỘI DUNG",
    "HOẠT ĐỘNG",
    "PHÂN CÔNG",
    "TRÁCH NHIỆM",
)
# Titles that look back on what was done: their sections are text even when they name tasks.
_LOOKING_BACK_WORDS = ("KẾT QUẢ", "ĐÁNH GIÁ", "TÌNH HÌNH", "THỰC TRẠNG", "BỐI CẢNH")
_TEXT_SECTION_WORDS = (
    "MỤC ĐÍCH",
    "YÊU CẦU",
    "QUAN ĐIỂM",
    "MỤC TIÊU",
    "CHỈ TIÊU",
    "CĂN CỨ",
    "SỰ CẦN THIẾT",
    "THỰC TRẠNG",
    "TÌNH HÌNH",
    "BỐI CẢNH",
    "KẾT QUẢ",
    "ĐÁNH GIÁ",
    "PHẠM VI",
    "ĐỐI TƯỢNG",
)
# A paragraph opening with the purpose of carrying out the document ("Để tổ chức thực hiện
# tốt các nhiệm vụ trên, ...", "Nhằm triển khai có hiệu quả Kế hoạch này, ..."): the clause
# runs to the first comma before a capitalised word, the subject that is given the work.
_PURPOSE_LEAD_RE = re.compile(r"^((?:Để|Nhằm)\s[^,]*+(?:,\s+[a-zđà-ỹ][^,]*+)*+),\s+[A-ZĐÀ-Ỹ]")
_CARRY_OUT_RE = re.compile(r"\b(?:thực\s+hiện|triển\s+khai)\b", re.IGNORECASE)
_WORK_SET_OUT_RE = re.compile(
    r"\b(?:nhiệm\s+vụ|giải\s+pháp|kế\s+hoạch|chỉ\s+thị|nội\s+dung)\b", re.IGNORECASE
)
_CLOSING_REMARK_RE = re.compile(r"^Trên đây là\b")
# The last paragraph asking everyone to carry out "Chỉ thị này" ("Yêu cầu Giám đốc các sở
# ... nghiêm túc thực hiện Chỉ thị này", "Nhận được Công văn này, ..."): the document's
# closing formula, not a task (a task names who does it before what it asks).
_ASKS_ALL_RE = re.compile(
    r"^(?:Yêu\s+cầu|Nhận\s+được)\b"
    r"|^(?:Chủ\s+tịch|Giám\s+đốc|Trưởng\s+phòng|Trưởng\s+ban)\b[^.;]{0,120}?\byêu\s+cầu\b"
)
_THIS_DOCUMENT_RE = re.compile(
    r"\b(?:Chỉ\s+thị|Kế\s+hoạch|Công\s+văn|Quyết\s+định|Thông\s+báo)\s+này\b", re.IGNORECASE
)
_LIST_GROUP_RE = re.compile(r"\bnhóm\b", re.IGNORECASE)
# A page number alone on its line ("5", "- 5 -", "Trang 5", "5/12"), left by a PDF's text.
_PAGE_NUMBER_RE = re.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$")
_MAX_RUNNING_HEADER = 200
_NO_TASK = 1 << 62


class TooManyParts(ValueError):
    """The body holds more groups, tasks and agency mentions than max_parts."""


@dataclass
class Paragraph:
    kind: str  # part, section, numbered, dash, plus, letter, field, table, para
    label: str
    text: str
    raw: str
    table: task_table.Table | None = None


def _is_item_start(line: str) -> bool:
    return bool(
        _SECTION_RE.match(line)
        or _NUMBERED_RE.match(line)
        or _SUBNUMBERED_RE.match(line)
        or _DASH_RE.match(line)
        or _PLUS_RE.match(line)
        or _LETTER_RE.match(line)
        or task_table.read_field(line)
    )


def _wrap_width(lines: list[str]) -> int | None:
    """The width a PDF's text was cut at, when most lines run to about the same length."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if not 40 <= width <= 140:
        return None
    # Cut lines cluster just under the width; headings, items and table rows between them are
    # shorter, so a fifth of the lines (and at least six) near it is enough to show a width.
    full = sum(1 for n in lengths if width * 0.85 <= n <= width * 1.1)
    return width if full >= 6 and full * 5 >= len(lengths) else None


_ITEM_MARK_RE = re.compile(r"^(?:[-–—•+]|[a-zđ]\))\s")
_LONG_ITEM = 60


def _continues(previous: str, line: str, width: int | None) -> bool:
    """A line cut by a page break or the page width: the previous one stops mid-sentence
    and this one goes on."""
    if _is_item_start(line):
        return False
    if previous.endswith(";") and line[:1].islower():
        return True  # "... chỉ đạo các trường thực hiện;" / "báo cáo kết quả về Sở ..."
    if previous.endswith(_TERMINAL[:-1]):
        return False
    last_word = previous.rsplit(" ", 1)[-1].lower()
    if line[:1].islower() or previous.endswith(",") or last_word in _CONNECTORS:
        return True
    # "trước ngày" / "30/9/2025.": a line that is no item yet opens with a figure goes on the
    # sentence before it.
    if line[:1].isdigit():
        return True
    # A long dash item without its full stop goes on in the next line that is no item: a
    # heading between dash items is numbered, or follows one that ended.
    if _ITEM_MARK_RE.match(previous) and len(previous) >= _LONG_ITEM and not previous.endswith(":"):
        return True
    return width is not None and len(previous) >= width * 0.75


def drop_page_marks(lines: list[str], keep: set[int] = frozenset()) -> list[str]:
    """The lines without page numbers and the running header repeated beside them (lines
    whose index is in keep, a table's cells, are left alone)."""
    numbers = [i for i, line in enumerate(lines) if i not in keep and _PAGE_NUMBER_RE.match(line)]
    if not numbers:
        return lines
    dropped = set(numbers)
    beside: Counter = Counter()
    for i in numbers:
        for j in (i - 2, i - 1, i + 1, i + 2):
            if 0 <= j < len(lines) and lines[j] and len(lines[j]) <= _MAX_RUNNING_HEADER:
                beside[lines[j]] += 1
    running = {line for line, n in beside.items() if n >= 2}
    return [
        "" if i in dropped or (line in running and i not in keep) else line
        for i, line in enumerate(lines)
    ]


def paragraphs_of(lines: list[str], width: int | None = None) -> list[Paragraph]:
    # Each paragraph is kept as its lines and joined once: extending a growing string per
    # line would copy it every time, quadratic in a paragraph's length. _continues looks
    # only at the end of the paragraph, which is the end of its last line.
    pieces: list[list[str]] = []
    for line in lines:
        if not line:
            continue
        line = _bare(line)
        if not line:
            continue
        if pieces and _continues(pieces[-1][-1], line, width):
            pieces[-1].append(line)
        else:
            pieces.append([line])
    return [_paragraph(raw) for raw in map(" ".join, pieces)]


def _bare(line: str) -> str:
    """A line without the markdown a web or e-mail copy wraps it in ("**1. Tiêu đề**",
    "## II. NHIỆM VỤ"); a single "*" opening a line is a bullet and stays."""
    if line.startswith("#"):
        line = line.lstrip("#").lstrip()
    if line.startswith(("**", "__")):
        line = line.strip("*_ ")
    return line


def _paragraph(raw: str) -> Paragraph:
    section = _SECTION_RE.match(raw)
    if section and section.group(2) == section.group(2).upper():
        return Paragraph("section", section.group(1), section.group(2).strip(), raw)
    part = _PART_RE.match(raw)
    if part and part.group(3) == part.group(3).upper() and part.group(3)[:1].isalpha():
        return Paragraph("part", part.group(1) or part.group(2), part.group(3).strip(), raw)
    if task_table.read_field(raw):
        return Paragraph("field", "", raw, raw)
    for kind, regex in (
        ("numbered", _NUMBERED_RE),
        ("sub", _SUBNUMBERED_RE),
        ("letter", _LETTER_RE),
    ):
        match = regex.match(raw)
        if match:
            return Paragraph(kind, match.group(1), match.group(2).strip(), raw)
    for kind, regex, label in (("dash", _DASH_RE, "-"), ("plus", _PLUS_RE, "+")):
        match = regex.match(raw)
        if match:
            return Paragraph(kind, label, match.group(1).strip(), raw)
    return Paragraph("para", "", raw, raw)


def body_paragraphs(lines: list[str]) -> list[Paragraph]:
    """The body's paragraphs, each task table among them as one paragraph of kind "table"."""
    tables = task_table.find_tables(lines)
    in_tables = {i for start, end, _ in tables for i in range(start, end)}
    lines = drop_page_marks(lines, in_tables)
    width = _wrap_width([line for i, line in enumerate(lines) if i not in in_tables])
    result: list[Paragraph] = []
    at = 0
    for start, end, table in tables:
        result.extend(paragraphs_of(lines[at:start], width))
        result.append(Paragraph("table", "", "", "", table))
        at = end
    result.extend(paragraphs_of(lines[at:], width))
    return result


def _unterminated(text: str) -> bool:
    return text[:1].isupper() and not text.endswith(_TERMINAL)


def _is_heading_shape(para: Paragraph | None) -> bool:
    return para is not None and para.kind == "para" and _unterminated(para.text)


def _numbered_are_groups(paragraphs: list[Paragraph]) -> dict[int, bool]:
    """Per block between sections: numbered lines are group headings when most have content
    (paragraphs, items or a table under them; "Đơn vị chủ trì: ..." lines belong to a task)."""
    flags: dict[int, bool] = {}
    counts = [0, 0]
    indexes: list[int] = []

    def close() -> None:
        verdict = counts[0] > 0 and counts[1] * 2 > counts[0]
        for i in indexes:
            flags[i] = verdict

    for i, para in enumerate(paragraphs):
        if para.kind in ("section", "part"):
            close()
            counts, indexes = [0, 0], []
            continue
        if para.kind == "numbered":
            counts[0] += 1
            nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            if nxt and nxt.kind not in ("numbered", "section", "part", "field"):
                counts[1] += 1
        indexes.append(i)
    close()
    return flags


def _section_kind(title: str, paragraphs: list[Paragraph], index: int) -> str:
    """ "tasks" or "text": by the title's words, else by whether items follow."""
    upper = title.upper()
    if upper.startswith(_LOOKING_BACK_WORDS):
        return "text"  # "KẾT QUẢ THỰC HIỆN NHIỆM VỤ ...": a report's account, not tasks
    if any(word in upper for word in _TASK_SECTION_WORDS):
        return "tasks"
    if any(word in upper for word in _TEXT_SECTION_WORDS):
        return "text"
    for para in paragraphs[index + 1 :]:
        if para.kind in ("section", "part"):
            break
        if para.kind not in ("para",):
            return "tasks"
    return "text"


def _task(number: str, text: str, default_year: int | None, issued_on: str | None = None) -> dict:
    task = {"number": number, "text": text}
    task.update(find_deadline(text, default_year=default_year, issued_on=issued_on))
    task["agencies"] = find_agencies(text)
    return task


def _table_task(
    row: task_table.Row, default_year: int | None, issued_on: str | None = None
) -> dict:
    """A row of a task table as a task: its content, its agencies by column, its time."""
    cells = row.cells
    text = " ".join(cells.get(task_table.CONTENT, "").split())
    task = _task(row.order, text, default_year, issued_on)
    named = task_table.agencies_of_cell(cells.get(task_table.LEAD, ""), "lead")
    named += task_table.agencies_of_cell(cells.get(task_table.COORDINATE, ""), "coordinate")
    if named:
        seen = {a["name"] for a in named}
        task["agencies"] = named + [a for a in task["agencies"] if a["name"] not in seen]
    if cells.get(task_table.TIME):
        task_table.set_deadline(
            task,
            task_table.deadline_of_cell(
                cells[task_table.TIME], default_year=default_year, issued_on=issued_on
            ),
        )
    if not row.aligned:
        for key in ("text", "agencies", "deadline", "due_on"):
            mark(task, key, AMBIGUOUS)
    return task


def read_structure(
    lines: list[str],
    *,
    default_year: int | None,
    issued_on: str | None = None,
    max_parts: int | None = None,
) -> dict:
    """Preamble, sections, task groups and unplaced text of the body lines.

    Raises TooManyParts as soon as groups, tasks and their agency mentions number more than
    max_parts (None: no limit).
    """
    paragraphs = body_paragraphs(lines)
    groups_flag = _numbered_are_groups(paragraphs)
    any_numbered_groups = any(groups_flag.values())
    preamble: list[str] = []
    sections: list[dict] = []
    groups: list[dict] = []
    unplaced: list[str] = []
    section: dict | None = None
    part: str | None = None
    section_kind = "tasks"
    group: dict | None = None
    last_task: dict | None = None
    in_preamble = True
    closed = False
    implementation = False
    list_group = False
    lead_in_taken = False
    longest_heading = 0
    shortest_task = _NO_TASK  # the length of the current group's shortest task
    parts = 0
    # A text section's paragraphs, joined once at the end (not one concatenation each).
    section_lines: dict[int, list[str]] = {}

    def count(added: int) -> None:
        nonlocal parts
        parts += added
        if max_parts is not None and parts > max_parts:
            raise TooManyParts(parts)

    def new_group(number: str, title: str) -> dict:
        nonlocal group, list_group, lead_in_taken, closed, last_task, implementation
        nonlocal shortest_task
        group = {
            "number": number,
            "title": title,
            "section": section["number"] if section else None,
            "tasks": [],
        }
        groups.append(group)
        count(1)
        list_group = bool(_LIST_GROUP_RE.search(title)) and not number
        lead_in_taken = False
        closed = implementation = False
        last_task = None
        shortest_task = _NO_TASK
        return group

    def add_task(task: dict) -> None:
        nonlocal last_task, shortest_task
        target = group
        if target is None:
            target = new_group("", section["title"] if section else "")
        target["tasks"].append(task)
        last_task = task
        shortest_task = min(shortest_task, len(task["text"]))
        count(1 + len(task["agencies"]))

    def open_section(number: str, title: str, index: int) -> None:
        nonlocal section, section_kind, group, in_preamble, closed, last_task
        section = {"number": number, "title": title, "text": ""}
        sections.append(section)
        section_kind = _section_kind(title, paragraphs, index)
        group, last_task, in_preamble, closed = None, None, False, False

    for index, para in enumerate(paragraphs):
        nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if para.kind == "part":
            part = para.label
            open_section(para.label, para.text, index)
            continue
        if para.kind == "section":
            open_section(f"{part}.{para.label}" if part else para.label, para.text, index)
            continue
        if para.kind == "table":
            in_preamble = False
            rows = para.table.rows
            for k, row in enumerate(rows):
                if task_table.is_group_row(row, rows[k + 1] if k + 1 < len(rows) else None):
                    new_group(row.order, " ".join(row.cells[task_table.CONTENT].split()))
                else:
                    add_task(_table_task(row, default_year, issued_on))
            continue
        if section is not None and section_kind == "text":
            section_lines.setdefault(id(section), []).append(para.raw)
            continue
        if para.kind == "field":
            field = task_table.read_field(para.raw)
            if last_task is None and group is not None and not group["tasks"]:
                # The heading these lines follow was a task, not a group of tasks.
                heading = groups.pop()
                earlier = groups[-1] if groups else None
                group = earlier if earlier and earlier["section"] == heading["section"] else None
                add_task(_task(heading["number"], heading["title"], default_year, issued_on))
            if last_task is None:
                unplaced.append(para.text)
                continue
            task_table.apply_field(
                last_task, *field, default_year=default_year, issued_on=issued_on
            )
            continue
        numbered_groups = groups_flag.get(index, False)
        if in_preamble:
            if para.kind == "para" and not (_unterminated(para.text) and nxt is not None):
                preamble.append(para.text)
                continue
            in_preamble = False
        if _CLOSING_REMARK_RE.match(para.text) or (
            nxt is None
            and para.kind == "para"
            and _ASKS_ALL_RE.match(para.text)
            and _THIS_DOCUMENT_RE.search(para.text)
        ):
            unplaced.append(para.text)
            closed = True
            continue
        if para.kind == "numbered":
            if numbered_groups:
                new_group(para.label, para.text)
            else:
                add_task(_task(para.label, para.text, default_year, issued_on))
            continue
        if para.kind == "sub" and nxt is not None and nxt.kind in ("dash", "plus", "letter"):
            new_group(para.label, para.text)  # "1.1. Title" with its own items under it
            continue
        if para.kind in ("dash", "plus", "letter", "sub"):
            add_task(_task(para.label, para.text, default_year, issued_on))
            continue
        text = para.text
        uses_numbered_groups = (
            any_numbered_groups if section is None else bool(group and group["number"])
        )
        lead = _PURPOSE_LEAD_RE.match(text)
        if (
            lead
            and group is not None
            and group["tasks"]
            and _is_carrying_out(lead.group(1))
            and find_agencies(text)
        ):
            # The document's implementation part: who is given the work set out above.
            mark(new_group("", lead.group(1)), "title", AMBIGUOUS)
            add_task(_task("", text, default_year, issued_on))
            implementation = True
            continue
        if text.startswith("(") and text.endswith(")"):
            unplaced.append(text)  # a note ("(Chi tiết tại Phụ lục kèm theo)"), not a task
            continue
        if text.endswith(":"):
            if group is not None and not group["tasks"] and not lead_in_taken:
                lead_in_taken = True
                continue
            if not (uses_numbered_groups and group is not None):
                new_group("", text)
                continue
        elif not uses_numbered_groups and not list_group:
            if _unterminated(text):
                heading = new_group("", text)
                longest_heading = max(longest_heading, len(text))
                if not (nxt and nxt.kind not in ("section", "part") and not _is_heading_shape(nxt)):
                    mark(heading, "title", AMBIGUOUS)  # no items under it: maybe a task
                continue
            if _stands_as_heading(
                text, group, nxt, longest=longest_heading, shortest=shortest_task
            ):
                mark(new_group("", text), "title", AMBIGUOUS)
                continue
        if implementation and not find_agencies(text):
            closed = True
        if (
            nxt is None
            and text.endswith("/.")
            and paragraphs[index - 1].kind not in ("para", "section", "part")
        ):
            closed = True  # the closing formula after the last list ("... thực hiện./.")
        if closed:
            unplaced.append(text)
            continue
        add_task(_task("", text, default_year, issued_on))
    for section in sections:
        if id(section) in section_lines:
            section["text"] = "\n".join(section_lines[id(section)])
    for grp in groups:
        _lead_from_heading(grp)
    return {
        "preamble": "\n".join(preamble),
        "sections": sections,
        "task_groups": groups,
        "unplaced": unplaced,
    }


def _is_carrying_out(clause: str) -> bool:
    """Whether a purpose clause is about carrying out the work the document sets out."""
    verb = _CARRY_OUT_RE.search(clause)
    return bool(verb and _WORK_SET_OUT_RE.search(clause, verb.end()))


def _stands_as_heading(
    text: str, group: dict | None, nxt: Paragraph | None, *, longest: int, shortest: int
) -> bool:
    """A sentence with a full stop standing where the headings stand and shaped like them:
    between the tasks of one group and the next heading, one sentence naming a subject (no
    ":" or ";" listing contents, no date or number), no longer than the headings read so far
    and shorter than any of the group's tasks."""
    if group is None or not group["tasks"] or not _is_heading_shape(nxt):
        return False
    if not text[:1].isupper() or not text.endswith(".") or ". " in text:
        return False
    if any(ch.isdigit() or ch in ":;" for ch in text) or len(text) > longest:
        return False
    return len(text) < shortest


def _lead_from_heading(group: dict) -> None:
    """A group headed by agencies' names ("1. Sở Tài chính", "6. Đài Phát thanh và Truyền
    hình tỉnh, Báo Lai Châu") makes them each task's leads."""
    names = agency_names(group["title"])
    if not names:
        return
    group["title"] = group["title"].rstrip(": ")  # "Sở Y tế:" heads its tasks: the name
    for task in group["tasks"]:
        if not any(a["role"] == "lead" for a in task["agencies"]):
            named = {a["name"] for a in task["agencies"]}
            leads = [{"name": name, "role": "lead"} for name in names if name not in named]
            task["agencies"][:0] = leads
