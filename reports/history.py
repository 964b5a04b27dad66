"""The audit history of a report and of a period, in words a civil servant reads.

One entry per save, newest first: when (local time), who (by name), what was done
("Gửi báo cáo", "Trả lại báo cáo", "Đổi hạn nộp, ngày khóa", ...), why when a reason was
given, and the changes it made folded under it (see accounts/history.py).
"""

from django.utils.translation import gettext as _

from accounts.history import HistoryEvent, Row, Source, history_events
from indicators.models import IndicatorTarget
from reports.models import Evidence, IndicatorValue, ProgressReport, ReportingPeriod, TaskAnswer

# What the report's page says already: the report, its period, unit, tasks, indicators.
# The first submission's time is the one "submitted at" shows: said once is enough.
REPORT_LINKS = frozenset(
    {"report", "task", "indicator", "period", "agency", "version", "first_submitted_at"}
)


def _report_action(save: list[Row]) -> str:
    """What a save did, as the page names it: the report's new status says it."""
    for record, before, _made in save:
        if record.instance_type is not ProgressReport:
            continue
        if record.history_type == "+":
            return _("Opened the report for the period")
        old, new = (before.status if before else None), record.status
        if old == new:
            continue
        if new == ProgressReport.Status.SUBMITTED:
            return _("Resubmitted the report") if old == "returned" else _("Submitted the report")
        if new == ProgressReport.Status.RETURNED:
            return _("Returned the report")
        if new == ProgressReport.Status.APPROVED:
            return _("Approved the report")
        if old in (ProgressReport.Status.APPROVED, ProgressReport.Status.SUBMITTED):
            return _("Reopened the report")
    if all(record.instance_type is Evidence for record, _before, _made in save):
        if all(record.history_type == "-" for record, _before, _made in save):
            return _("Removed evidence")
        return _("Attached evidence")
    if all(record.instance_type is IndicatorTarget for record, _before, _made in save):
        if all(record.history_type == "+" for record, _before, _made in save):
            return _("Set unit targets")
        return _("Changed unit targets")
    return _("Saved the report")


def report_history(report: ProgressReport) -> list[HistoryEvent]:
    """Every recorded change to the report, its answers, its values and the unit's targets,
    one event per save, newest first."""
    return history_events(
        [
            Source(
                ProgressReport.history.filter(id=report.pk),
                lambda r: _("Report"),
                REPORT_LINKS,
            ),
            Source(
                TaskAnswer.history.filter(report_id=report.pk).select_related("task"),
                lambda r: _("Task: %(task)s") % {"task": r.task.text[:60]},
                REPORT_LINKS,
            ),
            Source(
                IndicatorValue.history.filter(report_id=report.pk).select_related("indicator"),
                lambda r: _("Indicator %(order)s") % {"order": r.indicator.order},
                REPORT_LINKS,
            ),
            Source(
                Evidence.history.filter(report_id=report.pk).select_related("task"),
                lambda r: (
                    _("Evidence for the task: %(task)s") % {"task": r.task.text[:60]}
                    if r.task_id
                    else _("Evidence for the report")
                ),
                # Named by its file name: where it is stored, its size, who put it there
                # and when add nothing the entry does not say.
                REPORT_LINKS | {"file", "size", "uploaded_by", "uploaded_at"},
            ),
            Source(
                IndicatorTarget.history.filter(
                    agency_id=report.agency_id, indicator__directive_id=report.period.directive_id
                ).select_related("indicator"),
                lambda r: _("Unit target, indicator %(order)s") % {"order": r.indicator.order},
                REPORT_LINKS,
            ),
        ],
        action=_report_action,
    )


PERIOD_DATES = ("due_on", "locks_on")


def _period_action(save: list[Row]) -> str:
    record, before, _made = save[0]
    if record.history_type == "+":
        return _("Opened the period")
    if before and any(getattr(record, name) != getattr(before, name) for name in PERIOD_DATES):
        return _("Changed the due and lock dates")
    return _("Changed the period")


def period_history(period: ReportingPeriod) -> list[HistoryEvent]:
    """Every recorded change to the period (its due and lock dates with the reason given),
    one event per save, newest first."""
    return history_events(
        [
            Source(
                ReportingPeriod.history.filter(id=period.pk),
                lambda r: _("Period"),
                frozenset({"directive", "created_by"}),
            )
        ],
        action=_period_action,
    )
