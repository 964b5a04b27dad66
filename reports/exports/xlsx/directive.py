"""The directive's workbook: its appendix of indicators and its tasks; with a period, the
province values, every unit's task status, the state of reporting and one sheet per unit."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.cell import WriteOnlyCell

from directives.models import Agency, Assignment, Directive, Task
from directives.selectors import directive_detail
from reports.exports.xlsx.cells import (
    Styles,
    blank_cell,
    date_cell,
    group_row,
    merge,
    new_workbook,
    number_cell,
    prepare_sheet,
    save_workbook,
    sheet_title,
    text_cell,
)
from reports.exports.xlsx.labels import (
    INDICATOR_SHEET,
    JUDGEMENT_LABELS,
    PROGRESS_LABELS,
    REPORT_STATUS_LABELS,
    TASK_SHEET,
    UNIT_VALUE_HEADERS,
)
from reports.models import GroupAnswer, ProgressReport, ReportingPeriod, TaskAnswer
from reports.selectors import completeness_board, indicator_rollup

TASK_STATUS_SHEET = "Tiến độ nhiệm vụ"
COMPLETENESS_SHEET = "Tình hình nộp báo cáo"


@dataclass
class TaskStatusBoard:
    """Each unit's status for each task assigned to it, from approved reports only."""

    units: list[tuple[Agency, str]]  # agency, its report's status
    assigned: set[tuple[int, int]] = field(default_factory=set)  # (task id, agency id)
    progress: dict[tuple[int, int], str] = field(default_factory=dict)


def task_status_board(period: ReportingPeriod) -> TaskStatusBoard:
    """The period's units that have tasks, and what their approved reports say, in four
    queries. Only approved reports count, as in the indicator roll-up: a submitted
    report may still be returned."""
    reports = list(period.reports.select_related("agency").order_by("agency__name"))
    rows = list(
        Assignment.objects.filter(
            task__group__directive_id=period.directive_id,
            agency_id__in=[r.agency_id for r in reports],
        ).values_list("task_id", "agency_id", "task__group_id", "role")
    )
    assigned = {(task_id, agency_id) for task_id, agency_id, _group, _role in rows}
    with_tasks = {agency_id for _task, agency_id in assigned}
    approved = {"report__period": period, "report__status": ProgressReport.Status.APPROVED}
    progress = {
        (task_id, agency_id): value
        for task_id, agency_id, value in TaskAnswer.objects.filter(**approved).values_list(
            "task_id", "report__agency_id", "progress"
        )
        if value
    }
    # A task a unit implements takes its group's answer unless answered on its own.
    by_group = {
        (group_id, agency_id): value
        for group_id, agency_id, value in GroupAnswer.objects.filter(**approved).values_list(
            "group_id", "report__agency_id", "progress"
        )
        if value
    }
    for task_id, agency_id, group_id, role in rows:
        own = (task_id, agency_id) in progress
        if role == Assignment.Role.IMPLEMENT and not own and (group_id, agency_id) in by_group:
            progress[(task_id, agency_id)] = by_group[(group_id, agency_id)]
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
        widths=[6, 70, 18, 30, 30, 30],
        freeze="C2",
        title_rows="1:1",
        header=f"Nhiệm vụ — {detail.directive.reference}".strip(" —"),
    )
    ws.append(
        [
            text_cell(ws, label, Styles.HEADER)
            for label in (
                "TT",
                "Nhiệm vụ",
                "Thời hạn",
                "Cơ quan chủ trì",
                "Cơ quan phối hợp",
                "Đơn vị thực hiện",
            )
        ]
    )
    for block in detail.outline:
        for group in block.groups:
            ws.append(group_row(ws, group, width=6))
            for task in group.tasks.all():
                assignments = list(task.assignments.all())
                ws.append(
                    [
                        text_cell(ws, task.number, Styles.CENTER),
                        text_cell(ws, task.text),
                        text_cell(ws, _deadline(task)),
                        text_cell(ws, _agencies(assignments, "lead")),
                        text_cell(ws, _agencies(assignments, "coordinate")),
                        text_cell(ws, _agencies(assignments, "implement")),
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
        widths=[6, 45, 16, 14, 14, 14, 16],
        freeze="A2",
        title_rows="1:1",
        header=f"Tình hình nộp báo cáo — {period.name}",
    )
    ws.append(
        [
            text_cell(ws, label, Styles.HEADER)
            for label in (
                "TT",
                "Đơn vị báo cáo",
                "Tình trạng",
                "Ngày nộp (lần đầu)",
                "Số ngày muộn",
                "Ngày nộp lại",
                "Số ngày quá hạn (chưa nộp)",
            )
        ]
    )
    for index, row in enumerate(board.rows, start=1):
        ws.append(
            [
                number_cell(ws, index),
                text_cell(ws, row.report.agency.name),
                text_cell(ws, REPORT_STATUS_LABELS[row.report.status], Styles.CENTER),
                date_cell(ws, row.report.first_submitted_at),
                number_cell(ws, row.days_late),
                date_cell(ws, row.report.submitted_at if row.resubmitted else None),
                number_cell(ws, row.days_overdue),
            ]
        )


def _no_progress(step: str, percent: int) -> None:
    return None


def _unit_sheets(
    workbook, rows, statuses: dict[int, str], taken: list[str], progress=_no_progress
) -> None:
    """One sheet per unit with a target in the appendix: its values from its approved
    report, indicator by indicator."""
    per_unit = defaultdict(list)
    agencies = {}
    for row in rows:
        for unit in row.units:
            per_unit[unit.agency.pk].append((row.indicator, unit))
            agencies[unit.agency.pk] = unit.agency
    ordered = sorted(agencies.values(), key=lambda a: a.name)
    for done, agency in enumerate(ordered, start=1):
        progress(
            _("Writing the sheet of unit %(done)s/%(count)s")
            % {"done": done, "count": len(ordered)},
            40 + 55 * done // len(ordered),
        )
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


def directive_workbook(
    directive: Directive, period: ReportingPeriod | None = None, *, progress=_no_progress
) -> bytes:
    """The directive's appendix of indicators as in the document (and its tasks); with a
    period, the period's province values and judgements beside them, the task status of
    every unit, the state of reporting and one sheet per unit with its values.
    ``progress(step, percent)`` hears of each stage (a background job shows it)."""
    detail = directive_detail(pk=directive.pk)
    workbook = new_workbook()
    if period is None:
        _indicator_sheet(workbook, detail, [], None)
        _task_list_sheet(workbook, detail)
        return save_workbook(workbook)
    if period.directive_id != directive.pk:
        raise ValueError("The period belongs to another directive.")
    statuses = dict(period.reports.values_list("agency_id", "status"))
    progress(
        ngettext(
            "Gathering the figures of %(count)s unit",
            "Gathering the figures of %(count)s units",
            len(statuses),
        )
        % {"count": len(statuses)},
        10,
    )
    rows = indicator_rollup(period)
    _indicator_sheet(workbook, detail, rows, period)
    progress(_("Writing the task status of every unit"), 25)
    _task_status_sheet(workbook, detail, task_status_board(period))
    _completeness_sheet(workbook, period)
    _unit_sheets(
        workbook,
        rows,
        statuses,
        taken=[INDICATOR_SHEET, TASK_STATUS_SHEET, COMPLETENESS_SHEET],
        progress=progress,
    )
    progress(_("Saving the Excel file"), 97)
    return save_workbook(workbook)
