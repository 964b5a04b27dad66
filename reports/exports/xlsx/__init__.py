"""Excel workbooks of a directive's indicators and a period's reports (openpyxl).

The workbooks are official documents: headers, labels and sheet names are written in
Vietnamese whatever the interface language.

- ``labels``: the official wording (statuses, roles, judgements, shared sheet names).
- ``cells``: cells that stay text or numbers, named styles, printable write-only sheets.
- ``directive``: the directive's workbook, with a period's synthesis and task status.
- ``report``: one unit's report for a period.
"""

from reports.exports.xlsx.cells import (
    MAX_CELL_TEXT,
    MAX_DECIMAL_PLACES,
    Styles,
    blank_cell,
    clean_text,
    date_cell,
    decimal_places,
    excel_number,
    group_row,
    merge,
    number_cell,
    number_format,
    prepare_sheet,
    sheet_title,
    text_cell,
)
from reports.exports.xlsx.directive import (
    COMPLETENESS_SHEET,
    TASK_STATUS_SHEET,
    TaskStatusBoard,
    directive_workbook,
    task_status_board,
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
from reports.exports.xlsx.report import (
    REPORT_INDICATOR_HEADERS,
    REPORT_INFO_SHEET,
    REPORT_TASK_HEADERS,
    report_workbook,
)

__all__ = [
    # labels
    "INDICATOR_SHEET",
    "JUDGEMENT_LABELS",
    "PROGRESS_LABELS",
    "REPORT_STATUS_LABELS",
    "ROLE_LABELS",
    "TASK_SHEET",
    "UNIT_VALUE_HEADERS",
    # cells
    "MAX_CELL_TEXT",
    "MAX_DECIMAL_PLACES",
    "Styles",
    "blank_cell",
    "clean_text",
    "date_cell",
    "decimal_places",
    "excel_number",
    "group_row",
    "merge",
    "number_cell",
    "number_format",
    "prepare_sheet",
    "sheet_title",
    "text_cell",
    # directive
    "COMPLETENESS_SHEET",
    "TASK_STATUS_SHEET",
    "TaskStatusBoard",
    "directive_workbook",
    "task_status_board",
    # report
    "REPORT_INDICATOR_HEADERS",
    "REPORT_INFO_SHEET",
    "REPORT_TASK_HEADERS",
    "report_workbook",
]
