"""The audit history of a report, in words: who changed what, when, old → new."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from directives.localization import format_decimal
from indicators.models import IndicatorTarget
from reports.models import IndicatorValue, ProgressReport, TaskAnswer

_SKIPPED = {
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
    "report",
    "report_id",
    "task",
    "task_id",
    "indicator",
    "indicator_id",
    "version",
    "updated_at",
    "period",
    "period_id",
    "agency",
    "agency_id",
}


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    subject: str
    field: str
    old: str
    new: str


def _display(record, field) -> str:
    value = getattr(record, field.attname)
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def _entries(records, subject_of) -> list[HistoryEntry]:
    entries, previous = [], {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        key = record.id
        before = previous.get(key)
        user = record.history_user
        who = (user.get_full_name() or user.username) if user else _("system")
        for field in record._meta.fields:
            if field.name in _SKIPPED or field.attname in _SKIPPED:
                continue
            if before is None and getattr(record, field.attname) in (None, "", False):
                continue  # a new row's empty fields are not changes
            new = _display(record, field)
            old = _display(before, field) if before else ""
            if new != old:
                entries.append(
                    HistoryEntry(
                        record.history_date,
                        who,
                        subject_of(record),
                        str(field.verbose_name),
                        old,
                        new,
                    )
                )
        previous[key] = record
    return entries


def report_history(report: ProgressReport) -> list[HistoryEntry]:
    """Every recorded change to the report, its answers and its values, newest first."""
    answers = TaskAnswer.history.filter(report_id=report.pk).select_related("history_user", "task")
    values = IndicatorValue.history.filter(report_id=report.pk).select_related(
        "history_user", "indicator"
    )
    own = ProgressReport.history.filter(id=report.pk).select_related("history_user")
    targets = IndicatorTarget.history.filter(
        agency_id=report.agency_id, indicator__directive_id=report.period.directive_id
    ).select_related("history_user", "indicator")
    entries = [
        *_entries(own, lambda r: _("Report")),
        *_entries(answers, lambda r: _("Task: %(task)s") % {"task": r.task.text[:60]}),
        *_entries(
            values,
            lambda r: _("Indicator %(order)s") % {"order": r.indicator.order},
        ),
        *_entries(
            targets,
            lambda r: _("Unit target, indicator %(order)s") % {"order": r.indicator.order},
        ),
    ]
    return sorted(entries, key=lambda e: e.when, reverse=True)
