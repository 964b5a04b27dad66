"""The Excel fill-in template of a report, and reading it back: the offline path for
district offices with poor connections.

A unit downloads its template, fills it in Excel, uploads it; the upload is checked and
shown as a preview (every change old → new, every problem with its cell) before
``apply_upload`` saves it through ``workflow.save_report``, with the same rules, version
check and history as the browser form.

Sheet protection and drop-down lists only help the person filling the template: anyone
can lift them, so every cell read back is validated here as if they were not there.
"""

import datetime
import io
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from directives.localization import format_decimal, parse_decimal
from directives.models import Agency
from indicators.models import Indicator
from indicators.rollup import ratio
from reports import workflow
from reports.exports.xlsx import (
    PROGRESS_LABELS,
    ROLE_LABELS,
    clean_text,
    decimal_places,
    number_format,
)
from reports.models import IndicatorValue, ProgressReport, TaskAnswer
from reports.selectors import report_page

TEMPLATE_KIND = "edu-plans: mẫu báo cáo định kỳ"
TEMPLATE_VERSION = 1  # raise when the layout below changes; older templates are refused

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A template unpacks to well under 1 MB; these leave room for long answers while
# refusing zip bombs before openpyxl unpacks anything.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 500
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls, and password-protected workbooks

META_SHEET = "edu_plans"
TASK_SHEET = "Nhiệm vụ"
INDICATOR_SHEET = "Chỉ tiêu"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1

# Columns. A holds the task's or indicator's id (hidden); B onward are what people see.
KEY = 1
TASK_COLUMNS = {"progress": "E", "results": "F", "difficulties": "G", "proposals": "H"}
TASK_HEADERS = (
    "Mã",
    "TT",
    "Nhiệm vụ",
    "Vai trò",
    "Tình trạng (*)",
    "Kết quả đạt được (*)",
    "Tồn tại, hạn chế, nguyên nhân",
    "Đề xuất, kiến nghị",
)
VALUE_COLUMNS = {"value": "F", "numerator": "G", "denominator": "H", "note": "I"}
INDICATOR_HEADERS = (
    "Mã",
    "TT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Chỉ tiêu giao",
    "Giá trị thực hiện (*)",
    "Tử số (*)",
    "Mẫu số (*)",
    "Ghi chú",
)
PLACES = Decimal("0.0001")  # as stored
LARGEST = Decimal(10) ** 12  # max_digits 16 with 4 decimal places


class FillInError(Exception):
    """The uploaded file is refused as a whole; the message says why, for the user."""


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.sheet and self.row:
            return _("Sheet “%(sheet)s”, row %(row)s, column %(column)s: %(message)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.sheet:
            return _("Sheet “%(sheet)s”: %(message)s") % {
                "sheet": self.sheet,
                "message": self.message,
            }
        return self.message


@dataclass(frozen=True)
class Change:
    label: str
    field: str
    old: str
    new: str


@dataclass
class FillInPreview:
    problems: list[Problem]
    changes: list[Change]
    data: workflow.ReportInput
    version: int
    report_id: int | None = None  # the report the file was read for


# --- the template ---------------------------------------------------------------------

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
            (percent if _is_percentage(indicator) else not_negative).add(f"F{row}")
            for column in "GH":
                _put(ws, row, column, None).fill = _NOT_USED
        _put(ws, row, "I", value.note if value else None, editable=True)


def _is_percentage(indicator: Indicator) -> bool:
    return indicator.unit.strip() == "%"


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


# --- checking the file ----------------------------------------------------------------


def _read_bytes(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > MAX_UPLOAD_BYTES:
            raise FillInError(_too_large())
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise FillInError(_too_large())
    return data


def _too_large() -> str:
    return _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}


def _not_xlsx() -> str:
    return _(
        "This file is not an Excel workbook (.xlsx). Upload the template downloaded from "
        "the report page, saved as an Excel Workbook (.xlsx)."
    )


def check_package(data: bytes) -> None:
    """Refuse what is not an honest .xlsx before any XML is parsed: old .xls files,
    other files renamed, damaged archives, macros and zip bombs. Raises FillInError."""
    if data.startswith(OLE2_MAGIC):
        raise FillInError(
            _(
                "This is an old Excel file (.xls) or a workbook protected by a password. "
                "Save it as an Excel Workbook (.xlsx) without a password and upload it again."
            )
        )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise FillInError(_not_xlsx())
    try:
        archive = zipfile.ZipFile(buffer)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise FillInError(_damaged()) from exc
    # The sizes come from the archive's directory; zipfile never unpacks a member past
    # its stated size (a lie there fails its checksum), so these totals bound the work.
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        raise FillInError(
            _("The file unpacks to far more data than a report template holds; it is refused.")
        )
    names = {m.filename for m in members}
    content_types = "[Content_Types].xml"
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise FillInError(_macros())
    if "xl/workbook.xml" not in names or content_types not in names:
        raise FillInError(_not_xlsx())
    try:
        declared = archive.read(content_types)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FillInError(_damaged()) from exc
    if b"macroenabled" in declared.lower():
        raise FillInError(_macros())


def _damaged() -> str:
    return _("The file is damaged and cannot be read. Save it again in Excel and upload it.")


def _macros() -> str:
    return _(
        "The workbook contains macros (.xlsm), which are not accepted. Save it as an Excel "
        "Workbook (.xlsx) and upload it again."
    )


def _open_workbook(data: bytes):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it drops
            # Formulas are read as formulas (data_only=False) so they can be refused.
            return load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise FillInError(_damaged()) from exc


# --- reading the cells ----------------------------------------------------------------


class _Reader:
    """Reads one sheet's cells, recording each problem with its row and column."""

    def __init__(self, ws, problems: list[Problem]):
        self.ws, self.problems = ws, problems

    def problem(self, row: int | None, column: str, message: str) -> None:
        self.problems.append(Problem(self.ws.title, row, column, message))

    def _formula(self, cell) -> bool:
        value = cell.value
        if cell.data_type == "f" or (isinstance(value, str) and value.lstrip().startswith("=")):
            self.problem(cell.row, cell.column_letter, _formula_message())
            return True
        return False

    def text(self, row: int, column: str) -> str:
        cell = self.ws[f"{column}{row}"]
        value = cell.value
        if value is None or (cell.data_type == "f" and self._formula(cell)):
            return ""
        if isinstance(value, datetime.datetime | datetime.date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).replace("\r\n", "\n").strip()
        return unicodedata.normalize("NFC", text)

    def number(self, row: int, column: str, *, minimum=Decimal(0), maximum=None, below=""):
        """A number ≥ minimum (else the problem ``below``) and ≤ maximum, or None when the
        cell is empty or wrong."""
        cell = self.ws[f"{column}{row}"]
        value = cell.value
        if value is None or self._formula(cell):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
            self.problem(row, column, _not_a_number(value))
            return None
        if isinstance(value, str):
            if not value.strip():
                return None
            try:
                number = parse_decimal(value)
            except ValueError:
                self.problem(row, column, _not_a_number(value))
                return None
        else:
            try:
                number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            except InvalidOperation:
                self.problem(row, column, _not_a_number(value))
                return None
        if not number.is_finite() or abs(number) >= LARGEST:
            self.problem(row, column, _("The number is too large."))
            return None
        number = number.quantize(PLACES, rounding=ROUND_HALF_UP)
        if number < minimum:
            self.problem(row, column, below or _("The value cannot be negative."))
            return None
        if maximum is not None and number > maximum:
            self.problem(row, column, _("A percentage must be between 0 and 100."))
            return None
        return number

    def rows(self, expected: dict[int, object], inputs: str):
        """(row, id) for each row whose hidden key names one of ``expected``; problems for
        rows that name something else, repeat a row, or are missing."""
        seen = set()
        for row in range(FIRST_ROW, self.ws.max_row + 1):
            key = self.ws.cell(row=row, column=KEY).value
            if key is None or key == "":
                if any(self.ws[f"{c}{row}"].value not in (None, "") for c in inputs):
                    self.problem(row, inputs[0], _unknown_row())
                continue
            try:
                item_id = int(key)
            except (TypeError, ValueError):
                item_id = None
            if item_id not in expected:
                self.problem(row, "A", _unknown_row())
            elif item_id in seen:
                self.problem(row, "A", _("This row repeats a row above it."))
            else:
                seen.add(item_id)
                yield row, item_id
        self.missing = [item for item_id, item in expected.items() if item_id not in seen]


def _formula_message() -> str:
    return _("This cell holds a formula; type the value itself.")


def _not_a_number(value) -> str:
    return _("“%(value)s” is not a number.") % {"value": value}


def _unknown_row() -> str:
    return _("This row is not part of the report; download a new template.")


def _meta(workbook) -> dict[str, str]:
    if META_SHEET not in workbook.sheetnames or not {TASK_SHEET, INDICATOR_SHEET} <= set(
        workbook.sheetnames
    ):
        raise FillInError(
            _(
                "This workbook is not a report template of this application. Download the "
                "template from the report page and fill that one."
            )
        )
    sheet = workbook[META_SHEET]
    meta = {}
    for key, value in sheet.iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a spreadsheet program may store 2 as 2.0
        if key is not None:
            meta[str(key)] = "" if value is None else str(value)
    return meta


def _identity_problems(meta: dict[str, str], report: ProgressReport) -> list[Problem]:
    """A template of another format, unit, period or report is refused outright."""

    def problem(message):
        return Problem("", None, "", message)

    if meta.get("kind") != TEMPLATE_KIND or meta.get("template_version") != str(TEMPLATE_VERSION):
        return [
            problem(
                _(
                    "This template is of another version (%(found)s; the current one is "
                    "%(expected)s). Download a new template and copy your entries into it."
                )
                % {"found": meta.get("template_version") or "?", "expected": TEMPLATE_VERSION}
            )
        ]
    problems = []
    if meta.get("agency") != report.agency.code:
        other = Agency.objects.filter(code=meta.get("agency")).first()
        problems.append(
            problem(
                _("This template is for %(unit)s, not for %(expected)s.")
                % {"unit": other.name if other else meta.get("agency"), "expected": report.agency}
            )
        )
    if meta.get("period") != str(report.period_id):
        problems.append(
            problem(
                _(
                    "This template is for another reporting period, not for “%(period)s”. "
                    "Download the template of this period."
                )
                % {"period": report.period.name}
            )
        )
    if not problems and meta.get("report") != str(report.pk):
        problems.append(
            problem(_("This template belongs to another report; download this report's one."))
        )
    return problems


def _state_problems(meta: dict[str, str], report: ProgressReport) -> list[Problem]:
    """The report must still be open, and unchanged since the template was downloaded."""
    if report.status == ProgressReport.Status.APPROVED:
        message = _("This report has been approved and is locked; it cannot be changed.")
    elif report.status not in workflow.EDITABLE:
        message = _("This report has been submitted and can no longer be changed.")
    elif workflow.is_locked(report):
        message = _(
            "The period was locked on %(day)s; ask the department to reopen the report."
        ) % {"day": report.period.locks_on.strftime("%d/%m/%Y")}
    elif meta.get("report_version") != str(report.version):
        message = _(
            "The report was changed after this template was downloaded. Download a new "
            "template and copy your entries into it, so that nothing saved is overwritten."
        )
    else:
        return []
    return [Problem("", None, "", message)]


def _label_to_progress() -> dict[str, str]:
    labels = {}
    for value, label in TaskAnswer.Progress.choices:
        for text in (PROGRESS_LABELS[value], str(label)):
            labels[_fold(text)] = value
    return labels


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _shorten(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _read_tasks(ws, report, problems, changes) -> list[workflow.AnswerInput]:
    reader = _Reader(ws, problems)
    tasks = {t.pk: t for t in workflow.tasks_for(report)}
    current = {a.task_id: a for a in report.answers.all()}
    statuses = _label_to_progress()
    answers = []
    for row, task_id in reader.rows(tasks, inputs="EFGH"):
        progress = ""
        status_text = reader.text(row, "E")
        if status_text:
            progress = statuses.get(_fold(status_text), "")
            if not progress:
                reader.problem(
                    row,
                    "E",
                    _("“%(value)s” is not one of the statuses: %(choices)s.")
                    % {"value": status_text, "choices": ", ".join(PROGRESS_LABELS.values())},
                )
        elif ws[f"E{row}"].data_type != "f":
            reader.problem(row, "E", _("Choose the task's status from the list."))
        answer = workflow.AnswerInput(
            task_id=task_id,
            progress=progress,
            results=reader.text(row, "F"),
            difficulties=reader.text(row, "G"),
            proposals=reader.text(row, "H"),
        )
        if not answer.results and ws[f"F{row}"].data_type != "f":
            reader.problem(row, "F", _("Describe the results achieved."))
        answers.append(answer)
        label = _("Task “%(task)s”") % {"task": _shorten(tasks[task_id].text)}
        _compare(changes, label, TaskAnswer, current.get(task_id), answer, TASK_COLUMNS)
    for task in reader.missing:
        reader.problem(
            None,
            "",
            _("Task “%(task)s” is missing from the file; download a new template.")
            % {"task": _shorten(task.text)},
        )
    return answers


def _read_values(ws, report, problems, changes) -> list[workflow.ValueInput]:
    reader = _Reader(ws, problems)
    indicators = {i.pk: i for i in workflow.indicators_for(report)}
    current = {v.indicator_id: v for v in report.values.all()}
    values = []
    for row, indicator_id in reader.rows(indicators, inputs="FGHI"):
        indicator = indicators[indicator_id]
        item = workflow.ValueInput(indicator_id=indicator_id, note=reader.text(row, "I"))
        if indicator.rollup_rule == Indicator.RollupRule.RATIO:
            item.numerator = reader.number(row, "G", below=_("The numerator cannot be negative."))
            item.denominator = reader.number(
                row, "H", minimum=PLACES, below=_("The denominator must be greater than 0.")
            )
            for name in ("numerator", "denominator"):
                column = VALUE_COLUMNS[name]
                if getattr(item, name) is None and _blank(ws, column, row):
                    reader.problem(
                        row,
                        column,
                        _("Enter the numerator.")
                        if name == "numerator"
                        else _("Enter the denominator."),
                    )
            if item.numerator is not None and item.denominator is not None:
                if item.numerator > item.denominator:
                    reader.problem(
                        row,
                        "G",
                        _(
                            "The numerator (%(numerator)s) cannot be larger than the "
                            "denominator (%(denominator)s)."
                        )
                        % {
                            "numerator": format_decimal(item.numerator),
                            "denominator": format_decimal(item.denominator),
                        },
                    )
                else:
                    item.value = ratio(item.numerator, item.denominator, indicator.ratio_scale)
        else:
            item.value = reader.number(
                row, "F", maximum=Decimal(100) if _is_percentage(indicator) else None
            )
            if item.value is None and _blank(ws, "F", row):
                reader.problem(row, "F", _("Enter the value."))
        values.append(item)
        label = _("Indicator %(order)s “%(name)s”") % {
            "order": indicator.order,
            "name": _shorten(indicator.name),
        }
        _compare(changes, label, IndicatorValue, current.get(indicator_id), item, VALUE_COLUMNS)
    for indicator in reader.missing:
        reader.problem(
            None,
            "",
            _("Indicator %(order)s is missing from the file; download a new template.")
            % {"order": indicator.order},
        )
    return values


def _blank(ws, column: str, row: int) -> bool:
    value = ws[f"{column}{row}"].value
    return value is None or (isinstance(value, str) and not value.strip())


def _display(model, name: str, value) -> str:
    if value in (None, ""):
        return ""
    if name == "progress":
        return str(TaskAnswer.Progress(value).label)
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def _compare(changes: list[Change], label: str, model, current, new, names) -> None:
    """Every field whose new value differs from what the report holds now."""
    for name in names:
        old_value = getattr(current, name) if current else None
        new_value = getattr(new, name)
        if isinstance(old_value, str):
            old_value = old_value.strip()
        if (old_value in (None, "") and new_value in (None, "")) or old_value == new_value:
            continue
        changes.append(
            Change(
                label=label,
                field=str(model._meta.get_field(name).verbose_name),
                old=_display(model, name, old_value),
                new=_display(model, name, new_value),
            )
        )


def read_upload(file, *, report: ProgressReport) -> FillInPreview:
    """Check an uploaded template and read it against the report: what would change and
    what is wrong, cell by cell. Nothing is saved. Raises FillInError for a file that is
    not an honest .xlsx or not a template of this application."""
    data = _read_bytes(file)
    check_package(data)
    workbook = _open_workbook(data)
    meta = _meta(workbook)
    try:
        version = int(meta.get("report_version", ""))
    except ValueError:
        version = 0
    preview = FillInPreview(
        problems=_identity_problems(meta, report),
        changes=[],
        data=workflow.ReportInput(),
        version=version,
        report_id=report.pk,
    )
    if preview.problems:
        return preview  # another unit's or period's cells mean nothing for this report
    preview.problems += _state_problems(meta, report)
    preview.data.answers = _read_tasks(
        workbook[TASK_SHEET], report, preview.problems, preview.changes
    )
    preview.data.values = _read_values(
        workbook[INDICATOR_SHEET], report, preview.problems, preview.changes
    )
    return preview


def apply_upload(preview: FillInPreview, *, report: ProgressReport, by) -> ProgressReport:
    """Save a previewed upload through the workflow, as the browser form does.

    Raises FillInError when the preview has problems or was read for another report;
    PermissionDenied, TransitionNotAllowed (approved, submitted or locked report) and
    StaleReport (changed since the template was downloaded) from ``save_report``.
    """
    if preview.problems:
        raise FillInError(
            " ".join(
                [_("The file has problems: fix them and upload it again.")]
                + [str(problem) for problem in preview.problems[:3]]
            )
        )
    if preview.report_id not in (None, report.pk):
        raise FillInError(_("This template belongs to another report; download this report's one."))
    return workflow.save_report(
        report=report, data=preview.data, expected_version=preview.version, by=by
    )
