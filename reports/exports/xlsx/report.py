"""One unit's report for a period as a workbook: who sent it and the review, its tasks and
its indicators."""

from reports.exports.xlsx.cells import (
    Styles,
    date_cell,
    group_row,
    new_workbook,
    number_cell,
    prepare_sheet,
    save_workbook,
    text_cell,
)
from reports.exports.xlsx.labels import (
    INDICATOR_SHEET,
    JUDGEMENT_LABELS,
    PROGRESS_LABELS,
    REPORT_STATUS_LABELS,
    ROLE_LABELS,
    TASK_SHEET,
    UNIT_VALUE_HEADERS,
)
from reports.models import ProgressReport
from reports.selectors import report_page

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
        *(
            # Last year's report keeps its district's name; the day it stopped beside it.
            [("Đơn vị ngừng hoạt động từ", date, report.agency.closed_since)]
            if report.agency.closed_since
            else []
        ),
        ("Tình trạng", text, REPORT_STATUS_LABELS[report.status]),
        ("Hạn nộp", date, report.period.due_on),
        ("Ngày nộp (lần đầu)", date, report.first_submitted_at),
        ("Ngày nộp lại", date, report.submitted_at if page.resubmitted else None),
        ("Người nộp", text, _user_name(report.submitted_by)),
        ("Số ngày muộn", number, page.days_late),
        ("Số ngày quá hạn (chưa nộp)", number, page.days_overdue),
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

    for group_row_ in page.group_rows:
        ws.append(group_row(ws, group_row_.group, width=len(REPORT_TASK_HEADERS)))
        answer = group_row_.answer
        ws.append(
            [
                text_cell(ws, "", Styles.CENTER),
                text_cell(ws, "Cả nhóm nhiệm vụ (đơn vị thực hiện trên địa bàn)"),
                text_cell(ws, ROLE_LABELS["implement"], Styles.CENTER),
                text_cell(ws, PROGRESS_LABELS.get(answer.progress, "") if answer else ""),
                text_cell(ws, answer.results if answer else ""),
                text_cell(ws, answer.difficulties if answer else ""),
                text_cell(ws, answer.proposals if answer else ""),
            ]
        )
        for row in group_row_.task_rows:
            if row.answer is None:
                continue
            ws.append(
                [
                    text_cell(ws, row.task.number, Styles.CENTER),
                    text_cell(ws, row.task.text),
                    text_cell(ws, ROLE_LABELS["implement"], Styles.CENTER),
                    text_cell(ws, PROGRESS_LABELS.get(row.answer.progress, "")),
                    text_cell(ws, row.answer.results),
                    text_cell(ws, row.answer.difficulties),
                    text_cell(ws, row.answer.proposals),
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
    workbook = new_workbook()
    _report_info_sheet(workbook, page)
    _report_task_sheet(workbook, page)
    _report_indicator_sheet(workbook, page)
    return save_workbook(workbook)
