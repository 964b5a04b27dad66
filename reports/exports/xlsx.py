"""Excel workbooks of a directive's indicators and a period's reports (openpyxl).

The workbooks are official documents: headers, labels and sheet names are written in
Vietnamese whatever the interface language. Numbers are stored as numbers with a number
format, never as text; text is always stored as text, so that a cell reading "=..." or
"#N/A" can never become a formula or an error value.

Both exports use openpyxl's write-only mode, which streams rows instead of holding every
cell in memory. A write-only sheet has no ``merge_cells()``, but its ``merged_cells``
range list is written out with the sheet, so a merged header is declared there and the
cells it covers are written as empty styled cells (so that borders print). Column widths,
frozen panes and print titles must be set before the first row is appended.
"""

import datetime
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from directives.models import Agency, Assignment, Directive, Task
from directives.selectors import directive_detail
from reports.models import ProgressReport, ReportingPeriod, TaskAnswer
from reports.selectors import completeness_board, indicator_rollup, report_page

# The official Vietnamese wording, independent of the interface language.
PROGRESS_LABELS = {
    TaskAnswer.Progress.NOT_STARTED: "Chưa triển khai",
    TaskAnswer.Progress.IN_PROGRESS: "Đang triển khai",
    TaskAnswer.Progress.DONE: "Hoàn thành",
    TaskAnswer.Progress.DELAYED: "Chậm tiến độ",
}
JUDGEMENT_LABELS = {"met": "Đạt", "progress": "Tiến bộ", "not_met": "Chưa đạt"}
REPORT_STATUS_LABELS = {
    ProgressReport.Status.NOT_STARTED: "Chưa nộp",
    ProgressReport.Status.DRAFT: "Đang soạn",
    ProgressReport.Status.SUBMITTED: "Đã nộp",
    ProgressReport.Status.RETURNED: "Trả lại",
    ProgressReport.Status.APPROVED: "Đã duyệt",
}
ROLE_LABELS = {"lead": "Chủ trì", "coordinate": "Phối hợp"}

MAX_CELL_TEXT = 32767  # Excel's limit for one cell
MAX_DECIMAL_PLACES = 4  # as stored (VALUE_DIGITS)
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


# --- cells -------------------------------------------------------------------------


def excel_number(value: Decimal | int | float | None) -> int | float | None:
    """A stored Decimal as an Excel number: an int when whole, so 106 reads back as 106."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def decimal_places(value: Decimal | int | float | None) -> int:
    """How many decimal places the number has, so 32,7 shows as 32,7 and 99,85 as 99,85."""
    if value is None or isinstance(value, int):
        return 0
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return min(max(-exponent, 0), MAX_DECIMAL_PLACES) if isinstance(exponent, int) else 0


def number_format(places: int) -> str:
    return "#,##0" if places <= 0 else "#,##0." + "0" * places


def clean_text(value) -> str:
    """Text a worksheet accepts: no control characters, at most one cell's worth."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_TEXT]


def sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique sheet title: at most 31 characters, none of []:*?/\\."""
    base = _SHEET_TITLE_FORBIDDEN.sub(" ", name).strip().strip("'").strip() or "Sheet"
    base = re.sub(r"\s+", " ", base)[:31].rstrip()
    used = {t.casefold() for t in taken}
    title, counter = base, 1
    while title.casefold() in used:
        counter += 1
        suffix = f" ({counter})"
        title = base[: 31 - len(suffix)].rstrip() + suffix
    return title


class Styles:
    """Named styles registered once per workbook: cheaper than styling cell by cell."""

    HEADER = "edu_header"
    TEXT = "edu_text"
    CENTER = "edu_center"
    GROUP = "edu_group"
    TITLE = "edu_title"
    DATE = "edu_date"
    GREY = "edu_grey"

    def __init__(self, workbook: Workbook):
        thin = Side(style="thin", color="808080")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        font = Font(name="Times New Roman", size=12)
        bold = Font(name="Times New Roman", size=12, bold=True)
        top_left = Alignment(vertical="top", wrap_text=True)
        centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
        definitions = [
            NamedStyle(
                self.HEADER,
                font=bold,
                border=border,
                alignment=centered,
                fill=PatternFill("solid", fgColor="DDE7F0"),
            ),
            NamedStyle(self.TEXT, font=font, border=border, alignment=top_left),
            NamedStyle(
                self.CENTER,
                font=font,
                border=border,
                alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
            ),
            NamedStyle(
                self.GROUP,
                font=bold,
                border=border,
                alignment=top_left,
                fill=PatternFill("solid", fgColor="F2F2F2"),
            ),
            NamedStyle(
                self.TITLE,
                font=Font(name="Times New Roman", size=13, bold=True),
                alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            ),
            NamedStyle(
                self.DATE,
                font=font,
                border=border,
                alignment=Alignment(horizontal="center", vertical="top"),
                number_format="dd/mm/yyyy",
            ),
            NamedStyle(
                self.GREY,
                font=font,
                border=border,
                fill=PatternFill("solid", fgColor="D9D9D9"),
            ),
        ]
        for places in range(MAX_DECIMAL_PLACES + 1):
            definitions.append(
                NamedStyle(
                    self.number(places),
                    font=font,
                    border=border,
                    alignment=Alignment(horizontal="right", vertical="top"),
                    number_format=number_format(places),
                )
            )
        for style in definitions:
            workbook.add_named_style(style)

    @staticmethod
    def number(places: int) -> str:
        return f"edu_number_{places}"


def text_cell(ws, value, style: str = Styles.TEXT) -> WriteOnlyCell:
    """A text cell that stays text, even when it reads "=1+1", "-5" or "#N/A"."""
    cell = WriteOnlyCell(ws, clean_text(value) if value not in (None, "") else None)
    if cell.value is not None:
        cell.data_type = "s"
    cell.style = style
    return cell


def number_cell(ws, value, places: int | None = None) -> WriteOnlyCell:
    """A number with a format showing its own decimal places (or ``places``)."""
    cell = WriteOnlyCell(ws, excel_number(value))
    cell.style = Styles.number(decimal_places(value) if places is None else places)
    return cell


def date_cell(ws, value: datetime.date | datetime.datetime | None) -> WriteOnlyCell:
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    cell = WriteOnlyCell(ws, value)
    cell.style = Styles.DATE
    return cell


def blank_cell(ws, style: str = Styles.TEXT) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, None)
    cell.style = style
    return cell


def prepare_sheet(
    ws,
    *,
    widths: list[float],
    freeze: str,
    title_rows: str,
    header: str = "",
) -> None:
    """Column widths, frozen panes and a printable page: A4 landscape, one page wide,
    header rows repeated on every page, page numbers at the bottom."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = freeze
    ws.print_title_rows = title_rows
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    if header:
        ws.oddHeader.center.text = clean_text(header).replace("&", "&&")
    ws.oddFooter.center.text = "Trang &P/&N"


def group_row(ws, group, *, width: int) -> list[WriteOnlyCell]:
    """A task group's heading row: its number and title, shaded across the table."""
    return [
        text_cell(ws, group.number, Styles.GROUP),
        text_cell(ws, group.title, Styles.GROUP),
    ] + [blank_cell(ws, Styles.GROUP) for _ in range(width - 2)]


def merge(ws, ref: str) -> None:
    ws.merged_cells.add(ref)


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _new_workbook() -> Workbook:
    workbook = Workbook(write_only=True)
    Styles(workbook)
    return workbook


# --- the directive and a period's synthesis -----------------------------------------

INDICATOR_SHEET = "Chỉ tiêu"
TASK_STATUS_SHEET = "Tiến độ nhiệm vụ"
COMPLETENESS_SHEET = "Tình hình nộp báo cáo"
TASK_SHEET = "Nhiệm vụ"


@dataclass
class TaskStatusBoard:
    """Each unit's status for each task assigned to it, from approved reports only."""

    units: list[tuple[Agency, str]]  # agency, its report's status
    assigned: set[tuple[int, int]] = field(default_factory=set)  # (task id, agency id)
    progress: dict[tuple[int, int], str] = field(default_factory=dict)


def task_status_board(period: ReportingPeriod) -> TaskStatusBoard:
    """The period's units that have tasks, and what their approved reports say, in three
    queries. Only approved reports count, as in the indicator roll-up: a submitted
    report may still be returned."""
    reports = list(period.reports.select_related("agency").order_by("agency__name"))
    assigned = set(
        Assignment.objects.filter(
            task__group__directive_id=period.directive_id,
            agency_id__in=[r.agency_id for r in reports],
        ).values_list("task_id", "agency_id")
    )
    with_tasks = {agency_id for _task, agency_id in assigned}
    progress = {
        (task_id, agency_id): value
        for task_id, agency_id, value in TaskAnswer.objects.filter(
            report__period=period, report__status=ProgressReport.Status.APPROVED
        ).values_list("task_id", "report__agency_id", "progress")
        if value
    }
    return TaskStatusBoard(
        units=[(r.agency, r.status) for r in reports if r.agency_id in with_tasks],
        assigned=assigned,
        progress=progress,
    )


def _unit_name(agency: Agency) -> str:
    return agency.short_name or agency.name


def _indicator_sheet(workbook, detail, rows, period) -> None:
    ws = workbook.create_sheet(INDICATOR_SHEET)
    extra = 3 if period else 0
    prepare_sheet(
        ws,
        widths=[6, 60, 10, 14, 10, 14] + [14, 12, 12][:extra],
        freeze="C3",
        title_rows="1:2",
        header=f"Phụ lục chỉ tiêu — {detail.directive.reference}".strip(" —"),
    )
    head = [
        text_cell(ws, "TT", Styles.HEADER),
        text_cell(ws, "Chỉ tiêu", Styles.HEADER),
        text_cell(ws, f"Năm học {detail.baseline_year_label}".strip(), Styles.HEADER),
        blank_cell(ws, Styles.HEADER),
        text_cell(ws, f"Năm học {detail.target_year_label}".strip(), Styles.HEADER),
        blank_cell(ws, Styles.HEADER),
    ]
    sub = [blank_cell(ws, Styles.HEADER), blank_cell(ws, Styles.HEADER)] + [
        text_cell(ws, label, Styles.HEADER)
        for label in ("Đơn vị", "Chỉ tiêu đạt được", "Đơn vị", "Chỉ tiêu phấn đấu")
    ]
    for ref in ("A1:A2", "B1:B2", "C1:D1", "E1:F1"):
        merge(ws, ref)
    if period:
        head += [text_cell(ws, period.name, Styles.HEADER)] + [
            blank_cell(ws, Styles.HEADER) for _ in range(2)
        ]
        sub += [
            text_cell(ws, label, Styles.HEADER)
            for label in ("Thực hiện", "Tỷ lệ đạt (%)", "Đánh giá")
        ]
        merge(ws, "G1:I1")
    ws.append(head)
    ws.append(sub)
    rollup = {row.indicator.pk: row for row in rows}
    for indicator in detail.indicators:
        cells = [
            number_cell(ws, indicator.order),
            text_cell(ws, indicator.name),
            text_cell(ws, indicator.unit, Styles.CENTER),
            number_cell(ws, indicator.baseline_value),
            text_cell(ws, indicator.unit, Styles.CENTER),
            number_cell(ws, indicator.target_value),
        ]
        if period:
            row = rollup.get(indicator.pk)
            judgement = row.judgement if row else None
            cells += [
                number_cell(ws, row.province_value if row else None),
                number_cell(ws, row.achievement if row else None, places=2),
                text_cell(ws, JUDGEMENT_LABELS.get(judgement, ""), Styles.CENTER),
            ]
        ws.append(cells)


def _task_list_sheet(workbook, detail) -> None:
    """The directive's task groups and tasks in order, with the agencies assigned."""
    ws = workbook.create_sheet(TASK_SHEET)
    prepare_sheet(
        ws,
        widths=[6, 70, 18, 30, 30],
        freeze="C2",
        title_rows="1:1",
        header=f"Nhiệm vụ — {detail.directive.reference}".strip(" —"),
    )
    ws.append(
        [
            text_cell(ws, label, Styles.HEADER)
            for label in ("TT", "Nhiệm vụ", "Thời hạn", "Cơ quan chủ trì", "Cơ quan phối hợp")
        ]
    )
    for block in detail.outline:
        for group in block.groups:
            ws.append(group_row(ws, group, width=5))
            for task in group.tasks.all():
                assignments = list(task.assignments.all())
                ws.append(
                    [
                        text_cell(ws, task.number, Styles.CENTER),
                        text_cell(ws, task.text),
                        text_cell(ws, _deadline(task)),
                        text_cell(ws, _agencies(assignments, "lead")),
                        text_cell(ws, _agencies(assignments, "coordinate")),
                    ]
                )


def _deadline(task: Task) -> str:
    if task.deadline_text:
        return task.deadline_text
    return task.due_on.strftime("%d/%m/%Y") if task.due_on else ""


def _agencies(assignments, role: str) -> str:
    return "; ".join(_unit_name(a.agency) for a in assignments if a.role == role)


def _task_status_sheet(workbook, detail, board: TaskStatusBoard) -> None:
    ws = workbook.create_sheet(TASK_STATUS_SHEET)
    prepare_sheet(
        ws,
        widths=[6, 60] + [16] * len(board.units),
        freeze="C3",
        title_rows="1:2",
        header=f"Tiến độ thực hiện nhiệm vụ — {detail.directive.reference}".strip(" —"),
    )
    ws.append(
        [text_cell(ws, "TT", Styles.HEADER), text_cell(ws, "Nhiệm vụ", Styles.HEADER)]
        + [text_cell(ws, _unit_name(agency), Styles.HEADER) for agency, _status in board.units]
    )
    ws.append(
        [blank_cell(ws, Styles.HEADER), blank_cell(ws, Styles.HEADER)]
        + [text_cell(ws, REPORT_STATUS_LABELS[status], Styles.CENTER) for _a, status in board.units]
    )
    merge(ws, "A1:A2")
    merge(ws, "B1:B2")
    for block in detail.outline:
        for group in block.groups:
            ws.append(group_row(ws, group, width=2 + len(board.units)))
            for task in group.tasks.all():
                cells = [text_cell(ws, task.number, Styles.CENTER), text_cell(ws, task.text)]
                for agency, _status in board.units:
                    key = (task.pk, agency.pk)
                    if key not in board.assigned:
                        cells.append(blank_cell(ws, Styles.GREY))
                    else:
                        label = PROGRESS_LABELS.get(board.progress.get(key), "")
                        cells.append(text_cell(ws, label, Styles.CENTER))
                ws.append(cells)


def _completeness_sheet(workbook, period) -> None:
    board = completeness_board(period)
    ws = workbook.create_sheet(COMPLETENESS_SHEET)
    prepare_sheet(
        ws,
        widths=[6, 45, 16, 14, 14],
        freeze="A2",
        title_rows="1:1",
        header=f"Tình hình nộp báo cáo — {period.name}",
    )
    ws.append(
        [
            text_cell(ws, label, Styles.HEADER)
            for label in ("TT", "Đơn vị báo cáo", "Tình trạng", "Ngày nộp", "Số ngày muộn")
        ]
    )
    for index, row in enumerate(board.rows, start=1):
        ws.append(
            [
                number_cell(ws, index),
                text_cell(ws, row.report.agency.name),
                text_cell(ws, REPORT_STATUS_LABELS[row.report.status], Styles.CENTER),
                date_cell(ws, row.report.submitted_at),
                number_cell(ws, row.days_late),
            ]
        )


UNIT_VALUE_HEADERS = (
    "TT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Chỉ tiêu giao",
    "Thực hiện",
    "Tử số",
    "Mẫu số",
    "Đánh giá",
)


def _unit_sheets(workbook, rows, statuses: dict[int, str], taken: list[str]) -> None:
    """One sheet per unit with a target in the appendix: its values from its approved
    report, indicator by indicator."""
    per_unit = defaultdict(list)
    agencies = {}
    for row in rows:
        for unit in row.units:
            per_unit[unit.agency.pk].append((row.indicator, unit))
            agencies[unit.agency.pk] = unit.agency
    for agency in sorted(agencies.values(), key=lambda a: a.name):
        title = sheet_title(_unit_name(agency), taken)
        taken.append(title)
        ws = workbook.create_sheet(title)
        prepare_sheet(
            ws,
            widths=[6, 55, 12, 14, 14, 14, 14, 12],
            freeze="C3",
            title_rows="1:2",
            header=agency.name,
        )
        status = REPORT_STATUS_LABELS.get(statuses.get(agency.pk), "")
        ws.append(
            [text_cell(ws, f"{agency.name} — {status}".strip(" —"), Styles.TITLE)]
            + [WriteOnlyCell(ws, None) for _ in range(7)]
        )
        merge(ws, "A1:H1")
        ws.append([text_cell(ws, label, Styles.HEADER) for label in UNIT_VALUE_HEADERS])
        for indicator, unit in per_unit[agency.pk]:
            ws.append(
                [
                    number_cell(ws, indicator.order),
                    text_cell(ws, indicator.name),
                    text_cell(ws, indicator.unit, Styles.CENTER),
                    number_cell(ws, unit.target),
                    number_cell(ws, unit.value),
                    number_cell(ws, unit.numerator),
                    number_cell(ws, unit.denominator),
                    text_cell(ws, JUDGEMENT_LABELS.get(unit.judgement, ""), Styles.CENTER),
                ]
            )


def directive_workbook(directive: Directive, period: ReportingPeriod | None = None) -> bytes:
    """The directive's appendix of indicators as in the document (and its tasks); with a
    period, the period's province values and judgements beside them, the task status of
    every unit, the state of reporting and one sheet per unit with its values."""
    detail = directive_detail(pk=directive.pk)
    workbook = _new_workbook()
    if period is None:
        _indicator_sheet(workbook, detail, [], None)
        _task_list_sheet(workbook, detail)
        return _save(workbook)
    if period.directive_id != directive.pk:
        raise ValueError("The period belongs to another directive.")
    rows = indicator_rollup(period)
    _indicator_sheet(workbook, detail, rows, period)
    _task_status_sheet(workbook, detail, task_status_board(period))
    _completeness_sheet(workbook, period)
    statuses = dict(period.reports.values_list("agency_id", "status"))
    _unit_sheets(
        workbook, rows, statuses, taken=[INDICATOR_SHEET, TASK_STATUS_SHEET, COMPLETENESS_SHEET]
    )
    return _save(workbook)


# --- one unit's report ---------------------------------------------------------------

REPORT_INFO_SHEET = "Thông tin báo cáo"
REPORT_TASK_HEADERS = (
    "TT",
    "Nhiệm vụ",
    "Vai trò",
    "Tình trạng",
    "Kết quả đạt được",
    "Tồn tại, hạn chế, nguyên nhân",
    "Đề xuất, kiến nghị",
)
REPORT_INDICATOR_HEADERS = UNIT_VALUE_HEADERS + ("Ghi chú",)


def _user_name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _report_info_sheet(workbook, page) -> None:
    report = page.report
    ws = workbook.create_sheet(REPORT_INFO_SHEET)
    prepare_sheet(ws, widths=[28, 80], freeze="A2", title_rows="1:1", header=str(report))
    directive = report.period.directive
    ws.append([text_cell(ws, "Nội dung", Styles.HEADER), text_cell(ws, "", Styles.HEADER)])
    text, date, number = text_cell, date_cell, number_cell
    lines = [
        ("Văn bản", text, f"{directive.reference} — {directive.title}".strip(" —")),
        ("Kỳ báo cáo", text, report.period.name),
        ("Đơn vị báo cáo", text, report.agency.name),
        ("Tình trạng", text, REPORT_STATUS_LABELS[report.status]),
        ("Hạn nộp", date, report.period.due_on),
        ("Ngày nộp", date, report.submitted_at),
        ("Người nộp", text, _user_name(report.submitted_by)),
        ("Số ngày muộn", number, page.days_late),
        ("Ngày duyệt / trả lại", date, report.reviewed_at),
        ("Người duyệt / trả lại", text, _user_name(report.reviewed_by)),
    ]
    if report.status == ProgressReport.Status.RETURNED:
        lines.append(("Lý do trả lại", text, report.return_reason))
    for label, make_cell, value in lines:
        ws.append([text_cell(ws, label, Styles.GROUP), make_cell(ws, value)])


def _report_task_sheet(workbook, page) -> None:
    ws = workbook.create_sheet(TASK_SHEET)
    prepare_sheet(
        ws,
        widths=[6, 50, 12, 16, 45, 35, 35],
        freeze="C2",
        title_rows="1:1",
        header=str(page.report),
    )
    ws.append([text_cell(ws, label, Styles.HEADER) for label in REPORT_TASK_HEADERS])
    group = None
    for row in page.task_rows:
        if row.task.group_id != group:
            group = row.task.group_id
            ws.append(group_row(ws, row.task.group, width=len(REPORT_TASK_HEADERS)))
        answer = row.answer
        ws.append(
            [
                text_cell(ws, row.task.number, Styles.CENTER),
                text_cell(ws, row.task.text),
                text_cell(ws, "; ".join(ROLE_LABELS.get(r, r) for r in _roles(row)), Styles.CENTER),
                text_cell(ws, PROGRESS_LABELS.get(answer.progress, "") if answer else ""),
                text_cell(ws, answer.results if answer else ""),
                text_cell(ws, answer.difficulties if answer else ""),
                text_cell(ws, answer.proposals if answer else ""),
            ]
        )


def _roles(row) -> list[str]:
    return [a.role for a in getattr(row.task, "unit_assignments", [])]


def _report_indicator_sheet(workbook, page) -> None:
    ws = workbook.create_sheet(INDICATOR_SHEET)
    prepare_sheet(
        ws,
        widths=[6, 50, 12, 14, 14, 14, 14, 12, 30],
        freeze="C2",
        title_rows="1:1",
        header=str(page.report),
    )
    ws.append([text_cell(ws, label, Styles.HEADER) for label in REPORT_INDICATOR_HEADERS])
    for row in page.indicator_rows:
        value = row.value
        ws.append(
            [
                number_cell(ws, row.indicator.order),
                text_cell(ws, row.indicator.name),
                text_cell(ws, row.indicator.unit, Styles.CENTER),
                number_cell(ws, row.unit_target.target_value if row.unit_target else None),
                number_cell(ws, value.value if value else None),
                number_cell(ws, value.numerator if value else None),
                number_cell(ws, value.denominator if value else None),
                text_cell(ws, JUDGEMENT_LABELS.get(row.judgement, ""), Styles.CENTER),
                text_cell(ws, value.note if value else ""),
            ]
        )


def report_workbook(report: ProgressReport) -> bytes:
    """One unit's report for a period: who sent it and the review, its tasks with status,
    results, difficulties and proposals, and its indicators with their values."""
    page = report_page(report)
    workbook = _new_workbook()
    _report_info_sheet(workbook, page)
    _report_task_sheet(workbook, page)
    _report_indicator_sheet(workbook, page)
    return _save(workbook)
