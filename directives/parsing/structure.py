"""The body of a directive: sections, task groups and their tasks."""

import re
from dataclasses import dataclass

from .agencies import find_agencies, is_agency_name
from .dates import find_deadline

_SECTION_RE = re.compile(r"^([IVX]{1,5})[.)]\s+(\S.*)$")
_NUMBERED_RE = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
_DASH_RE = re.compile(r"^[-–—•]\s*(\S.*)$")
_PLUS_RE = re.compile(r"^\+\s*(\S.*)$")
_LETTER_RE = re.compile(r"^([a-zđ])\)\s*(\S.*)$")
_TERMINAL = (".", ";", ":", "!", "?", "…", ",")
_CONNECTORS = frozenset(
    ("và", "của", "với", "các", "cho", "trong", "theo", "về", "để", "hoặc", "là", "tại", "từ")
)
_TASK_SECTION_WORDS = ("NHIỆM VỤ", "GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN")
_IMPLEMENTATION_RE = re.compile(
    r"^(Để\s+(?:tổ\s+chức\s+)?thực\s+hiện\s+tốt[^,]*(?:,\s+[a-zđà-ỹ][^,]*)*),"
)
_CLOSING_REMARK_RE = re.compile(r"^Trên đây là\b")
_LIST_GROUP_RE = re.compile(r"\bnhóm\b", re.IGNORECASE)


class TooManyParts(ValueError):
    """The body holds more groups, tasks and agency mentions than max_parts."""


@dataclass
class Paragraph:
    kind: str  # section, numbered, dash, plus, letter, para
    label: str
    text: str
    raw: str


def _is_item_start(line: str) -> bool:
    return bool(
        _SECTION_RE.match(line)
        or _NUMBERED_RE.match(line)
        or _DASH_RE.match(line)
        or _PLUS_RE.match(line)
        or _LETTER_RE.match(line)
    )


def _continues(previous: str, line: str) -> bool:
    """A line cut by a page break: the previous one stops mid-sentence and this one goes on."""
    if _is_item_start(line) or previous.endswith(_TERMINAL[:-1]):
        return False
    last_word = previous.rsplit(" ", 1)[-1].lower()
    return line[:1].islower() or previous.endswith(",") or last_word in _CONNECTORS


def paragraphs_of(lines: list[str]) -> list[Paragraph]:
    # Each paragraph is kept as its lines and joined once: extending a growing string per
    # line would copy it every time, quadratic in a paragraph's length. _continues looks
    # only at the end of the paragraph, which is the end of its last line.
    pieces: list[list[str]] = []
    for line in lines:
        if not line:
            continue
        if pieces and _continues(pieces[-1][-1], line):
            pieces[-1].append(line)
        else:
            pieces.append([line])
    result = []
    for raw in map(" ".join, pieces):
        section = _SECTION_RE.match(raw)
        if section and section.group(2) == section.group(2).upper():
            result.append(Paragraph("section", section.group(1), section.group(2).strip(), raw))
            continue
        for kind, regex in (("numbered", _NUMBERED_RE), ("letter", _LETTER_RE)):
            match = regex.match(raw)
            if match:
                result.append(Paragraph(kind, match.group(1), match.group(2).strip(), raw))
                break
        else:
            for kind, regex, label in (("dash", _DASH_RE, "-"), ("plus", _PLUS_RE, "+")):
                match = regex.match(raw)
                if match:
                    result.append(Paragraph(kind, label, match.group(1).strip(), raw))
                    break
            else:
                result.append(Paragraph("para", "", raw, raw))
    return result


def _heading_like(text: str, *, loose: bool) -> bool:
    if not text[:1].isupper() or len(text) > 300:
        return False
    if not text.endswith(_TERMINAL):
        return True
    return (
        loose
        and text.endswith(".")
        and len(text) <= 90
        and ". " not in text
        and not any(ch.isdigit() for ch in text)
    )


def _numbered_are_groups(paragraphs: list[Paragraph]) -> dict[int, bool]:
    """Per block between sections: numbered lines are group headings when most have content."""
    flags: dict[int, bool] = {}
    counts = [0, 0]
    indexes: list[int] = []

    def close() -> None:
        verdict = counts[0] > 0 and counts[1] * 2 > counts[0]
        for i in indexes:
            flags[i] = verdict

    for i, para in enumerate(paragraphs):
        if para.kind == "section":
            close()
            counts, indexes = [0, 0], []
            continue
        if para.kind == "numbered":
            counts[0] += 1
            nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            if nxt and nxt.kind not in ("numbered", "section"):
                counts[1] += 1
        indexes.append(i)
    close()
    return flags


def _task(number: str, text: str, default_year: int | None) -> dict:
    task = {"number": number, "text": text}
    task.update(find_deadline(text, default_year=default_year))
    task["agencies"] = find_agencies(text)
    return task


def read_structure(
    lines: list[str], *, default_year: int | None, max_parts: int | None = None
) -> dict:
    """Preamble, sections, task groups and unplaced text of the body lines.

    Raises TooManyParts as soon as groups, tasks and their agency mentions number more than
    max_parts (None: no limit).
    """
    paragraphs = paragraphs_of(lines)
    groups_flag = _numbered_are_groups(paragraphs)
    any_numbered_groups = any(groups_flag.values())
    preamble: list[str] = []
    sections: list[dict] = []
    groups: list[dict] = []
    unplaced: list[str] = []
    section: dict | None = None
    section_kind = "tasks"
    group: dict | None = None
    in_preamble = True
    closed = False
    list_group = False
    lead_in_taken = False
    parts = 0
    # A text section's paragraphs, joined once at the end (not one concatenation each).
    section_lines: dict[int, list[str]] = {}

    def count(added: int) -> None:
        nonlocal parts
        parts += added
        if max_parts is not None and parts > max_parts:
            raise TooManyParts(parts)

    def new_group(number: str, title: str) -> dict:
        nonlocal group, list_group, lead_in_taken, closed
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
        closed = False
        return group

    def add_task(number: str, text: str) -> None:
        target = group
        if target is None:
            target = new_group("", section["title"] if section else "")
        task = _task(number, text, default_year)
        target["tasks"].append(task)
        count(1 + len(task["agencies"]))

    for index, para in enumerate(paragraphs):
        if para.kind == "section":
            section = {"number": para.label, "title": para.text, "text": ""}
            sections.append(section)
            upper = para.text.upper()
            section_kind = "tasks" if any(w in upper for w in _TASK_SECTION_WORDS) else "text"
            group, in_preamble, closed = None, False, False
            continue
        if section is not None and section_kind == "text":
            section_lines.setdefault(id(section), []).append(para.raw)
            continue
        numbered_groups = groups_flag.get(index, False)
        if in_preamble:
            if para.kind == "para" and not _heading_like(para.text, loose=False):
                preamble.append(para.text)
                continue
            in_preamble = False
        if _CLOSING_REMARK_RE.match(para.text):
            unplaced.append(para.text)
            closed = True
            continue
        if para.kind == "numbered":
            if numbered_groups:
                new_group(para.label, para.text)
            else:
                add_task(para.label, para.text)
            continue
        if para.kind in ("dash", "plus", "letter"):
            add_task(para.label, para.text)
            continue
        text = para.text
        uses_numbered_groups = (
            any_numbered_groups if section is None else bool(group and group["number"])
        )
        implementation = _IMPLEMENTATION_RE.match(text)
        if implementation and not text.endswith(":"):
            new_group("", implementation.group(1))
            add_task("", text)
            closed = True
            continue
        if text.endswith(":"):
            if group is not None and not group["tasks"] and not lead_in_taken:
                lead_in_taken = True
                continue
            if len(text) <= 150:
                new_group("", text)
                continue
        elif (
            not uses_numbered_groups
            and not list_group
            and _heading_like(text, loose=group is not None)
        ):
            new_group("", text)
            continue
        if closed:
            unplaced.append(text)
            continue
        add_task("", text)
    for section in sections:
        if id(section) in section_lines:
            section["text"] = "\n".join(section_lines[id(section)])
    organising = _organising_sections(sections)
    for grp in groups:
        if grp["section"] in organising:
            _lead_from_heading(grp)
    return {
        "preamble": "\n".join(preamble),
        "sections": sections,
        "task_groups": groups,
        "unplaced": unplaced,
    }


def _organising_sections(sections: list[dict]) -> set[str]:
    """Numbers whose first section is "Tổ chức thực hiện" (a group finds its section by number)."""
    first: dict[str, dict] = {}
    for section in sections:
        first.setdefault(section["number"], section)
    return {
        number
        for number, section in first.items()
        if "TỔ CHỨC THỰC HIỆN" in section["title"].upper()
    }


def _lead_from_heading(group: dict) -> None:
    """Under "Tổ chức thực hiện", a group headed by an agency's name makes it each task's lead."""
    if not is_agency_name(group["title"]):
        return
    for task in group["tasks"]:
        if not any(a["role"] == "lead" for a in task["agencies"]):
            task["agencies"].insert(0, {"name": group["title"], "role": "lead"})
