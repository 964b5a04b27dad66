"""Building a report's fill-in template: protected sheets with the report's tasks and
indicators, yellow input cells with drop-down lists and number checks, and a hidden sheet
identifying the report, its unit, period and version."""

import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from indicators.models import Indicator
from reports import workflow
from reports.exports.xlsx import (
    PROGRESS_LABELS,
    ROLE_LABELS,
    clean_text,
    decimal_places,
    number_format,
)
from reports.fill_in.layout import (
    FIRST_ROW,
    GROUP_KEY,
    HEADER_ROW,
    INDICATOR_HEADERS,
    INDICATOR_SHEET,
    KEY,
    META_SHEET,
    TASK_COLUMNS,
    TASK_HEADERS,
    TASK_SHEET,
    TEMPLATE_KIND,
    TEMPLATE_VERSION,
    VALUE_COLUMNS,
    is_percentage,
)
from reports.models import ProgressReport
from reports.selectors import report_page

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="Times New Roman", size=12)
_BOLD = Font(name="Times New Roman", size=12, bold=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_INPUT = PatternFill("solid", fgColor="FFF2CC")
_HEADER = PatternFill("solid", fgColor="DDE7F0")
_NOT_USED = PatternFill("solid", fgColor="D9D9D9")
_UNLOCKED = Protection(locked=False)


def _put(ws, row: int, column, value, *, bold=False, number_format=None, editable=False):
    """Write a cell: text stays text (never a formula), numbers stay numbers."""
    cell = ws.cell(row=row, column=column) if isinstance(column, int) else ws[f"{column}{row}"]
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        value = clean_text(value) or None
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    cell.font = _BOLD if bold else _FONT
    cell.alignment = _WRAP
    cell.border = _BORDER
    if number_format:
        cell.number_format = number_format
    if editable:
        cell.protection = _UNLOCKED
        cell.fill = _INPUT
    return cell


def _prepare(ws, *, title: str, subtitle: str, hint: str, headers, widths) -> None:
    for column, width in zip("ABCDEFGHI", widths, strict=False):
        ws.column_dimensions[column].width = width
    ws.column_dimensions["A"].hidden = True
    last = "ABCDEFGHI"[len(headers) - 1]
    for row, text in enumerate((title, subtitle, hint), start=1):
        _put(ws, row, "B", text, bold=row == 1).border = Border()
        ws.merge_cells(f"B{row}:{last}{row}")
    for column, text in enumerate(headers, start=1):
        cell = _put(ws, HEADER_ROW, column, text, bold=True)
        cell.fill = _HEADER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.protection.sheet = True
    # Let people widen columns and rows to read long answers; nothing else.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _validation(ws, *, kind: str, **options) -> DataValidation:
    validation = DataValidation(
        type=kind,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Giá trị không hợp lệ",
        **options,
    )
    ws.add_data_validation(validation)
    return validation


def _task_sheet(ws, page, heading: tuple[str, str]) -> None:
    _prepare(
        ws,
        title=heading[0],
        subtitle=heading[1],
        hint="Nhập vào các ô màu vàng; (*) là bắt buộc. Chọn tình trạng trong danh sách. "
        "Không thêm, xóa hay đổi thứ tự các dòng.",
        headers=TASK_HEADERS,
        widths=(8, 6, 55, 12, 18, 45, 35, 35),
    )
    labels = list(PROGRESS_LABELS.values())
    status = _validation(
        ws,
        kind="list",
        formula1='"' + ",".join(labels) + '"',
        error="Chọn một tình trạng trong danh sách: " + ", ".join(labels) + ".",
        promptTitle="Tình trạng",
        prompt="Chọn trong danh sách.",
        showInputMessage=True,
    )
    row, group = FIRST_ROW, None
    for task_row in page.task_rows:
        task = task_row.task
        if task.group_id != group:
            group = task.group_id
            _put(ws, row, "B", task.group.number, bold=True)
            _put(ws, row, "C", task.group.title, bold=True)
            for column in "DEFGH":
                _put(ws, row, column, None)
            row += 1
        answer = task_row.answer
        _put(ws, row, KEY, task.pk)
        _put(ws, row, "B", task.number)
        _put(ws, row, "C", task.text)
        roles = [a.role for a in getattr(task, "unit_assignments", [])]
        _put(ws, row, "D", "; ".join(ROLE_LABELS.get(r, r) for r in roles))
        _put(ws, row, "E", PROGRESS_LABELS.get(answer.progress) if answer else None, editable=True)
        for name in ("results", "difficulties", "proposals"):
            value = getattr(answer, name) if answer else None
            _put(ws, row, TASK_COLUMNS[name], value, editable=True)
        status.add(f"E{row}")
        row += 1
    for group_row in page.group_rows:
        group, answer = group_row.group, group_row.answer
        _put(ws, row, KEY, f"{GROUP_KEY}{group.pk}")
        _put(ws, row, "B", group.number, bold=True)
        _put(ws, row, "C", f"{group.title} (cả nhóm nhiệm vụ, thực hiện trên địa bàn)", bold=True)
        _put(ws, row, "D", ROLE_LABELS["implement"])
        _put(ws, row, "E", PROGRESS_LABELS.get(answer.progress) if answer else None, editable=True)
        for name in ("results", "difficulties", "proposals"):
            value = getattr(answer, name) if answer else None
            _put(ws, row, TASK_COLUMNS[name], value, editable=True)
        status.add(f"E{row}")
        row += 1


def _indicator_sheet(ws, page, heading: tuple[str, str]) -> None:
    _prepare(
        ws,
        title=heading[0],
        subtitle=heading[1],
        hint="Chỉ tiêu tỷ lệ: nhập tử số và mẫu số, giá trị được tính tự động. Chỉ tiêu khác: "
        "nhập giá trị thực hiện. Chỉ nhập số, không nhập chữ hay công thức.",
        headers=INDICATOR_HEADERS,
        widths=(8, 6, 50, 12, 14, 16, 14, 14, 30),
    )
    not_negative = _validation(
        ws,
        kind="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        error="Nhập một số không âm.",
    )
    positive = _validation(
        ws, kind="decimal", operator="greaterThan", formula1="0", error="Nhập một số lớn hơn 0."
    )
    percent = _validation(
        ws,
        kind="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        error="Nhập một tỷ lệ từ 0 đến 100.",
    )
    for row, item in enumerate(page.indicator_rows, start=FIRST_ROW):
        indicator, value = item.indicator, item.value
        target = item.unit_target.target_value if item.unit_target else None
        _put(ws, row, KEY, indicator.pk)
        _put(ws, row, "B", indicator.order)
        _put(ws, row, "C", indicator.name)
        _put(ws, row, "D", indicator.unit)
        _put(ws, row, "E", target, number_format=number_format(decimal_places(target)))
        if indicator.rollup_rule == Indicator.RollupRule.RATIO:
            for name, validation in (("numerator", not_negative), ("denominator", positive)):
                figure = getattr(value, name) if value else None
                column = VALUE_COLUMNS[name]
                _put(ws, row, column, figure, editable=True)
                validation.add(f"{column}{row}")
            # Shown for convenience only: the value is computed again on upload.
            cell = _put(ws, row, "F", None, number_format="0.00")
            cell.value = (
                f"=IF(AND(ISNUMBER(G{row}),ISNUMBER(H{row}),H{row}>0),"
                f'ROUND(G{row}/H{row}*{indicator.ratio_scale},2),"")'
            )
        else:
            figure = value.value if value else None
            _put(ws, row, "F", figure, editable=True)
            (percent if is_percentage(indicator) else not_negative).add(f"F{row}")
            for column in "GH":
                _put(ws, row, column, None).fill = _NOT_USED
        _put(ws, row, "I", value.note if value else None, editable=True)


def build_template(report: ProgressReport) -> bytes:
    """The unit's fill-in workbook for the report, with what is already entered."""
    page = report_page(report)
    period, directive = report.period, report.period.directive
    heading = (
        f"{directive.reference} — {period.name}".strip(" —"),
        f"Đơn vị báo cáo: {report.agency.name}",
    )
    workbook = Workbook()
    tasks = workbook.active
    tasks.title = TASK_SHEET
    _task_sheet(tasks, page, heading)
    _indicator_sheet(workbook.create_sheet(INDICATOR_SHEET), page, heading)
    meta = workbook.create_sheet(META_SHEET)
    for row, (key, value) in enumerate(
        [
            ("kind", TEMPLATE_KIND),
            ("template_version", TEMPLATE_VERSION),
            ("report", report.pk),
            ("agency", report.agency.code),
            ("period", report.period_id),
            ("report_version", report.version),
            ("created_at", timezone.now().isoformat(timespec="seconds")),
        ],
        start=1,
    ):
        _put(meta, row, "A", key)
        _put(meta, row, "B", value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    workbook.security = WorkbookProtection(lockStructure=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def input_cells(workbook, *, report: ProgressReport) -> list[tuple[object, str]]:
    """The template's input cells with what each takes: "progress", "text", "value",
    "numerator" or "denominator"; for filling a template by program (tests, scripts)."""
    ratios = {
        i.pk for i in workflow.indicators_for(report) if i.rollup_rule == Indicator.RollupRule.RATIO
    }
    cells = []
    tasks, values = workbook[TASK_SHEET], workbook[INDICATOR_SHEET]
    for row in range(FIRST_ROW, tasks.max_row + 1):
        if tasks.cell(row=row, column=KEY).value is not None:
            cells.append((tasks[f"E{row}"], "progress"))
            cells += [(tasks[f"{column}{row}"], "text") for column in "FGH"]
    for row in range(FIRST_ROW, values.max_row + 1):
        key = values.cell(row=row, column=KEY).value
        if key is None:
            continue
        if key in ratios:
            cells += [(values[f"G{row}"], "numerator"), (values[f"H{row}"], "denominator")]
        else:
            cells.append((values[f"F{row}"], "value"))
        cells.append((values[f"I{row}"], "text"))
    return cells
