"""The progress-report workflow: every change to a period or a report goes through here.

draft → submitted → returned (with a reason) or approved. Each transition is a function
that refuses what the state or the user's role does not allow, runs in a transaction and
leaves its trace in the history (django-simple-history). Callers import this package:
``from reports import workflow; workflow.submit_report(...)``.
"""

from reports.workflow.common import (
    EDITABLE,
    TEXT_TOO_LONG,
    AnswerInput,
    GroupAnswerInput,
    IncompleteReport,
    ReportInput,
    StaleReport,
    Status,
    TransitionNotAllowed,
    ValueInput,
    can_be_edited_by,
    days_late,
    days_overdue,
    field_problem,
    is_locked,
    is_resubmitted,
    kind_problem,
    today,
)
from reports.workflow.drafting import (
    attach_evidence,
    missing_items,
    remove_evidence,
    save_report,
    submit_report,
)
from reports.workflow.periods import (
    change_period_dates,
    change_period_settings,
    open_period,
    period_dates_problems,
    set_period_reminders,
    set_province_value,
)
from reports.workflow.review import approve_report, reopen_report, return_report
from reports.workflow.scope import (
    answerable_task_ids,
    default_reporting_units,
    groups_for,
    implemented_tasks,
    indicators_for,
    report_scope,
    reporting_unit_choices,
    tasks_for,
)

__all__ = [
    "EDITABLE",
    "TEXT_TOO_LONG",
    "AnswerInput",
    "GroupAnswerInput",
    "IncompleteReport",
    "ReportInput",
    "StaleReport",
    "Status",
    "TransitionNotAllowed",
    "ValueInput",
    "approve_report",
    "answerable_task_ids",
    "attach_evidence",
    "can_be_edited_by",
    "change_period_dates",
    "change_period_settings",
    "set_period_reminders",
    "days_late",
    "days_overdue",
    "default_reporting_units",
    "field_problem",
    "groups_for",
    "implemented_tasks",
    "indicators_for",
    "is_locked",
    "is_resubmitted",
    "kind_problem",
    "missing_items",
    "open_period",
    "period_dates_problems",
    "reopen_report",
    "remove_evidence",
    "report_scope",
    "reporting_unit_choices",
    "return_report",
    "save_report",
    "set_province_value",
    "submit_report",
    "tasks_for",
    "today",
]
