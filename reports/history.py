"""The audit history of a report, in words a civil servant reads.

One entry per save, newest first: when (local time), who (by name), what was done
("Gửi báo cáo", "Trả lại báo cáo", ...), and the changes it made folded under it, each as
"what: old → new" with dates, times, people and choices written out.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from directives.localization import format_decimal
from indicators.models import IndicatorTarget
from reports.models import IndicatorValue, ProgressReport, TaskAnswer

# Rows written outside a request (commands, the demo loader) carry no save id: those of
# one person within moments of each other are taken as one save.
SAME_SAVE = datetime.timedelta(seconds=5)

_SKIPPED = {
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
    "history_user_name",
    "history_action",
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
class Change:
    subject: str
    field: str
    old: str
    new: str


@dataclass
class HistoryEvent:
    """One save: who did what when, with every change it made."""

    when: datetime.datetime
    who: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else _("system")


def _display(record, model_field, people) -> str:
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if model_field.is_relation and model_field.related_model is get_user_model():
        return _person(people.get(value))
    return str(value)


def _changes(record, before, subject, people) -> list[Change]:
    changes = []
    for model_field in record._meta.fields:
        if model_field.name in _SKIPPED or model_field.attname in _SKIPPED:
            continue
        if before is None and getattr(record, model_field.attname) in (None, "", False):
            continue  # a new row's empty fields are not changes
        new = _display(record, model_field, people)
        old = _display(before, model_field, people) if before else ""
        if new != old:
            changes.append(Change(subject, str(model_field.verbose_name), old, new))
    return changes


def _action(save) -> str:
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
    if all(record.instance_type is IndicatorTarget for record, _before, _made in save):
        if all(record.history_type == "+" for record, _before, _made in save):
            return _("Set unit targets")
        return _("Changed unit targets")
    return _("Saved the report")


def _saves(rows) -> list[list]:
    """The rows of each save, in order: rows written in one request share its id; rows
    written elsewhere by one person within moments of each other are one save."""
    saves, by_action = [], {}
    for row in rows:
        record = row[0]
        if record.history_action is not None:
            if record.history_action not in by_action:
                by_action[record.history_action] = []
                saves.append(by_action[record.history_action])
            by_action[record.history_action].append(row)
            continue
        last = saves[-1][0][0] if saves else None
        if (
            last is None
            or last.history_action is not None
            or record.history_user_id != last.history_user_id
            or record.history_date - last.history_date > SAME_SAVE
        ):
            saves.append([])
        saves[-1].append(row)
    return saves


def report_history(report: ProgressReport) -> list[HistoryEvent]:
    """Every recorded change to the report, its answers, its values and the unit's targets,
    one event per save, newest first."""
    sources = [
        (ProgressReport.history.filter(id=report.pk), lambda r: _("Report")),
        (
            TaskAnswer.history.filter(report_id=report.pk).select_related("task"),
            lambda r: _("Task: %(task)s") % {"task": r.task.text[:60]},
        ),
        (
            IndicatorValue.history.filter(report_id=report.pk).select_related("indicator"),
            lambda r: _("Indicator %(order)s") % {"order": r.indicator.order},
        ),
        (
            IndicatorTarget.history.filter(
                agency_id=report.agency_id, indicator__directive_id=report.period.directive_id
            ).select_related("indicator"),
            lambda r: _("Unit target, indicator %(order)s") % {"order": r.indicator.order},
        ),
    ]
    loaded = [(list(qs.select_related("history_user")), subject) for qs, subject in sources]
    user_ids = {
        getattr(record, model_field.attname)
        for records, _subject in loaded
        for record in records
        for model_field in record._meta.fields
        if model_field.is_relation
        and model_field.related_model is get_user_model()
        and model_field.name not in _SKIPPED
    } - {None}
    people = {user.pk: user for user in get_user_model().objects.filter(pk__in=user_ids)}

    rows = []  # (record, its previous version, the changes it made)
    for records, subject in loaded:
        previous = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            before = previous.get(record.id)
            rows.append((record, before, _changes(record, before, subject(record), people)))
            previous[record.id] = record
    rows.sort(key=lambda row: (row[0].history_date, row[0].history_id))

    events = [
        HistoryEvent(
            when=save[0][0].history_date,
            who=save[0][0].history_user_display or _("system"),
            action=_action(save),
            changes=[change for _record, _before, made in save for change in made],
        )
        for save in _saves(rows)
    ]
    return [event for event in reversed(events) if event.changes]
