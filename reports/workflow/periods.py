"""Reporting periods: opening one, moving its dates, province-only figures."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import bulk_create_audited, one_save
from directives.models import Agency, Assignment, Directive, SchoolYear
from directives.selectors import province_tree
from indicators.models import Indicator
from reports import permissions, signals
from reports.models import (
    GroupAnswer,
    ProgressReport,
    ProvinceValue,
    ReportingPeriod,
    TaskAnswer,
)
from reports.workflow.common import (
    TransitionNotAllowed,
    _save_with_history,
    field_problem,
    kind_problem,
)
from reports.workflow.scope import default_reporting_units, reporting_unit_choices


@transaction.atomic
@one_save
def open_period(
    *,
    directive: Directive,
    school_year: SchoolYear,
    kind: str,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    due_on: datetime.date,
    locks_on: datetime.date,
    by,
    units: list[Agency] | None = None,
    is_demo: bool = False,
    remind_every_days: int = 3,
    escalate_after_days: int = 7,
) -> ReportingPeriod:
    """Open a reporting period and create one empty report per unit that must report.

    The units (by default those of ``default_reporting_units``) must be agencies of the
    directive's province that exist during the period. ``remind_every_days`` (N) and
    ``escalate_after_days`` (M) set the period's reminders (notifications). Raises
    PermissionDenied, and ValidationError naming what is wrong.
    """
    if not permissions.can_open_period(by):
        raise PermissionDenied
    period = ReportingPeriod(
        directive=directive,
        school_year=school_year,
        kind=kind,
        name=name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=due_on,
        locks_on=locks_on,
        created_by=by,
        is_demo=is_demo,
        remind_every_days=remind_every_days,
        escalate_after_days=escalate_after_days,
    )
    period.full_clean()
    errors = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("The period cannot end before it starts.")
    if locks_on < due_on:
        errors["locks_on"] = _("The lock date cannot come before the due date.")
    if errors:
        raise ValidationError(errors)
    allowed = reporting_unit_choices(directive, starts_on=starts_on, ends_on=ends_on)
    allowed_ids = {agency.pk for agency in allowed}
    if units is None:
        defaults = set(
            default_reporting_units(directive, starts_on=starts_on, ends_on=ends_on).values_list(
                "pk", flat=True
            )
        )
        units = [agency for agency in allowed if agency.pk in defaults]
    units = list(units)
    outside = [unit for unit in units if unit.pk not in allowed_ids]
    if outside:
        raise ValidationError(
            {
                "units": _(
                    "Not agencies of %(province)s in existence during the period: %(names)s."
                )
                % {
                    "province": province_tree(directive.issuer)[0],
                    "names": ", ".join(unit.name for unit in outside),
                }
            }
        )
    if not units:
        raise ValidationError(_("No unit must report on this directive: assign its tasks first."))
    _save_with_history(period, by)
    reports = [ProgressReport(period=period, agency=unit) for unit in units]
    for report in reports:
        _save_with_history(report, by)
    carry_forward(period, reports, by=by)
    signals.period_opened.send(sender=ReportingPeriod, period=period, by=by)
    return period


ANSWER_FIELDS = ("progress", "results", "difficulties", "proposals", "completed_on")


def carry_forward(period: ReportingPeriod, reports: list[ProgressReport], *, by) -> None:
    """Start each new report from the unit's last approved report on the directive: its
    answers for the tasks and groups still assigned to the unit, marked as carried over,
    so that the unit updates them instead of typing them again."""
    by_agency = {report.agency_id: report for report in reports}
    last = {}
    for previous in (
        ProgressReport.objects.filter(
            period__directive_id=period.directive_id,
            agency_id__in=by_agency,
            status=ProgressReport.Status.APPROVED,
            period__ends_on__lte=period.ends_on,
        )
        .exclude(period=period)
        .order_by("-period__ends_on", "-period__due_on", "-pk")
    ):
        last.setdefault(previous.agency_id, previous)
    if not last:
        return
    assigned_tasks, implemented_groups = set(), set()
    for agency_id, task_id, group_id, role in Assignment.objects.filter(
        agency_id__in=last, task__group__directive_id=period.directive_id
    ).values_list("agency_id", "task_id", "task__group_id", "role"):
        assigned_tasks.add((agency_id, task_id))
        if role == Assignment.Role.IMPLEMENT:
            implemented_groups.add((agency_id, group_id))
    previous_ids = {previous.pk: agency_id for agency_id, previous in last.items()}
    task_answers = [
        TaskAnswer(
            report=by_agency[previous_ids[answer.report_id]],
            task_id=answer.task_id,
            carried_over=True,
            **{name: getattr(answer, name) for name in ANSWER_FIELDS},
        )
        for answer in TaskAnswer.objects.filter(report_id__in=previous_ids)
        if (previous_ids[answer.report_id], answer.task_id) in assigned_tasks
    ]
    group_answers = [
        GroupAnswer(
            report=by_agency[previous_ids[answer.report_id]],
            group_id=answer.group_id,
            carried_over=True,
            **{name: getattr(answer, name) for name in ANSWER_FIELDS},
        )
        for answer in GroupAnswer.objects.filter(report_id__in=previous_ids)
        if (previous_ids[answer.report_id], answer.group_id) in implemented_groups
    ]
    bulk_create_audited(task_answers, TaskAnswer, by=by)
    bulk_create_audited(group_answers, GroupAnswer, by=by)


def period_dates_problems(
    *, due_on: datetime.date, locks_on: datetime.date, reason: str
) -> dict[str, str]:
    """What stops a period's due and lock dates from moving, by form field: a lock date
    before the due date, no reason, or a reason longer than the history keeps."""
    problems = {}
    if locks_on < due_on:
        problems["locks_on"] = _("The lock date cannot come before the due date.")
    reason = reason.strip()
    if not reason:
        problems["reason"] = _("Say why the dates change: the reason is kept in the history.")
    elif problem := field_problem(ReportingPeriod.history.model, "history_change_reason", reason):
        problems["reason"] = problem
    return problems


@transaction.atomic
@one_save
def change_period_dates(
    *,
    period: ReportingPeriod,
    due_on: datetime.date,
    locks_on: datetime.date,
    reason: str,
    by,
) -> ReportingPeriod:
    """Move a period's due date or lock date, with the reason, which its history keeps:
    a moved lock date locks units out, or lets them in again.

    Raises PermissionDenied, or ValidationError (nothing saved) as period_dates_problems.
    """
    if not permissions.can_open_period(by):
        raise PermissionDenied
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if (period.due_on, period.locks_on) == (due_on, locks_on):
        return period
    problems = period_dates_problems(due_on=due_on, locks_on=locks_on, reason=reason)
    if problems:
        raise ValidationError(problems)
    period.due_on, period.locks_on = due_on, locks_on
    period._change_reason = reason.strip()
    _save_with_history(period, by)
    return period


@transaction.atomic
@one_save
def set_period_reminders(
    *, period: ReportingPeriod, remind_every_days: int, escalate_after_days: int, by
) -> ReportingPeriod:
    """Change a period's reminders: every N days before the due date and while a report
    is overdue, escalated after M days overdue (notifications.reminders reads them at
    each daily run). The history keeps the change.

    Raises PermissionDenied, or ValidationError for a number of days under one.
    """
    if not permissions.can_open_period(by):
        raise PermissionDenied
    problems = {
        name: _("Give a number of days of at least 1.")
        for name, days in (
            ("remind_every_days", remind_every_days),
            ("escalate_after_days", escalate_after_days),
        )
        if days < 1
    }
    if problems:
        raise ValidationError(problems)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if (period.remind_every_days, period.escalate_after_days) == (
        remind_every_days,
        escalate_after_days,
    ):
        return period
    period.remind_every_days, period.escalate_after_days = remind_every_days, escalate_after_days
    _save_with_history(period, by)
    return period


@transaction.atomic
@one_save
def change_period_settings(
    *,
    period: ReportingPeriod,
    due_on: datetime.date,
    locks_on: datetime.date,
    reason: str,
    remind_every_days: int,
    escalate_after_days: int,
    by,
) -> ReportingPeriod:
    """What staff change of an open period, in one save: its dates (with the reason, as
    ``change_period_dates``) and its reminders (``set_period_reminders``). Raises as they
    do; nothing is saved then."""
    period = change_period_dates(
        period=period, due_on=due_on, locks_on=locks_on, reason=reason, by=by
    )
    return set_period_reminders(
        period=period,
        remind_every_days=remind_every_days,
        escalate_after_days=escalate_after_days,
        by=by,
    )


@transaction.atomic
@one_save
def set_province_value(
    *, period: ReportingPeriod, indicator: Indicator, value: Decimal | None, note: str, by
) -> ProvinceValue | None:
    """Staff enter a province-only figure (roll-up rule "none") directly."""
    if not permissions.can_enter_province_values(by):
        raise PermissionDenied
    if indicator.directive_id != period.directive_id or indicator.rollup_rule != "none":
        raise TransitionNotAllowed(_("Only province-only indicators are entered directly."))
    existing = ProvinceValue.objects.filter(period=period, indicator=indicator).first()
    if value is None:
        if existing:
            existing._history_user = by
            existing.delete()
        return None
    if value < 0 or (indicator.unit.strip() == "%" and value > 100):
        raise ValidationError({"value": _("A percentage must be between 0 and 100.")})
    errors = {
        name: problem
        for name, given in (("value", value), ("note", note.strip()))
        if (problem := field_problem(ProvinceValue, name, given))
    }
    if "value" not in errors and (problem := kind_problem(indicator, "value", value)):
        errors["value"] = problem
    if errors:
        raise ValidationError(errors)
    row = existing or ProvinceValue(period=period, indicator=indicator)
    row.value, row.note = value, note.strip()
    _save_with_history(row, by)
    return row
