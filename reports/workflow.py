"""The progress-report workflow: every change to a period or a report goes through here.

draft → submitted → returned (with a reason) or approved. Each transition is a function
that refuses what the state or the user's role does not allow, runs in a transaction and
leaves its trace in the history (django-simple-history).
"""

import datetime
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.audit import one_save
from directives.localization import decimal_for_field, figure_of_kind
from directives.models import Agency, Assignment, Directive, SchoolYear, Task
from directives.selectors import province_tree
from indicators.models import Indicator, IndicatorTarget
from indicators.rollup import ratio
from reports import permissions
from reports.evidence import validate_evidence
from reports.models import (
    Evidence,
    IndicatorValue,
    ProgressReport,
    ProvinceValue,
    ReportingPeriod,
    TaskAnswer,
)

Status = ProgressReport.Status
EDITABLE = {Status.NOT_STARTED, Status.DRAFT, Status.RETURNED}

# The names are those Django's length validator gives, so forms show the same words.
TEXT_TOO_LONG = gettext_lazy(
    "This text is too long: at most %(limit_value)s characters (it has %(show_value)s)."
)


class TransitionNotAllowed(Exception):
    """The report's state does not allow this change."""


class StaleReport(Exception):
    """Someone else saved the report after this form was opened."""

    def __init__(self, report: ProgressReport):
        super().__init__(report)
        self.report = report


class IncompleteReport(Exception):
    """Submission refused: ``missing`` says exactly what is still to fill in."""

    def __init__(self, missing: list[str]):
        super().__init__("; ".join(missing))
        self.missing = missing


@dataclass
class AnswerInput:
    task_id: int
    progress: str = ""
    results: str = ""
    difficulties: str = ""
    proposals: str = ""


@dataclass
class ValueInput:
    indicator_id: int
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    note: str = ""


@dataclass
class ReportInput:
    answers: list[AnswerInput] = field(default_factory=list)
    values: list[ValueInput] = field(default_factory=list)


def today() -> datetime.date:
    return timezone.localdate()


def reporting_unit_choices(
    directive: Directive,
    *,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> list[Agency]:
    """The agencies that may be asked to report on a directive for a period: those of the
    directive's province (the tree its issuer belongs to) that exist during the period,
    in tree order. Without dates, every agency of the province."""
    tree = province_tree(directive.issuer)
    if starts_on is None or ends_on is None:
        return tree
    return [agency for agency in tree if agency.is_valid_between(starts_on, ends_on)]


def default_reporting_units(directive: Directive) -> QuerySet[Agency]:
    """Every agency assigned a task in the directive, and every unit with an indicator
    target in its appendix."""
    return (
        Agency.objects.filter(
            Q(assignments__task__group__directive=directive)
            | Q(indicator_targets__indicator__directive=directive)
        )
        .distinct()
        .order_by("name")
    )


def tasks_for(report: ProgressReport) -> QuerySet[Task]:
    """The tasks of the directive assigned to the report's unit (lead or coordinating),
    and those the report has answered: an assignment removed later does not take an
    answer out of the report."""
    assigned = Assignment.objects.filter(task=OuterRef("pk"), agency_id=report.agency_id)
    answered = TaskAnswer.objects.filter(task=OuterRef("pk"), report_id=report.pk).exclude(
        progress="", results="", difficulties="", proposals=""
    )
    return (
        Task.objects.filter(Exists(assigned) | Exists(answered))
        .filter(group__directive_id=report.period.directive_id)
        .select_related("group")
        .order_by("group__order", "order")
    )


def indicators_for(report: ProgressReport) -> QuerySet[Indicator]:
    """The indicators the unit reports: those with a target set for it, and those the
    report has given a figure for, so that a report keeps the indicators it was approved
    with when a target is removed later."""
    targeted = IndicatorTarget.objects.filter(indicator=OuterRef("pk"), agency_id=report.agency_id)
    given = IndicatorValue.objects.filter(indicator=OuterRef("pk"), report_id=report.pk).filter(
        Q(value__isnull=False) | Q(numerator__isnull=False) | Q(denominator__isnull=False)
    )
    return (
        Indicator.objects.filter(Exists(targeted) | Exists(given))
        .filter(directive_id=report.period.directive_id)
        .order_by("order")
    )


def is_locked(report: ProgressReport, *, on: datetime.date | None = None) -> bool:
    """Approved reports are locked; others after the period's lock date unless reopened."""
    if report.status == Status.APPROVED:
        return True
    return (on or today()) > report.period.locks_on and not report.reopened


def can_be_edited_by(report: ProgressReport, user) -> bool:
    return (
        permissions.can_edit_report(user, report)
        and report.status in EDITABLE
        and not is_locked(report)
    )


def days_late(report: ProgressReport) -> int:
    """Days from the due date to the first submission; 0 when on time or not submitted.
    A report returned and submitted again keeps the timeliness of its first submission."""
    if report.first_submitted_at is None:
        return 0
    return max(0, (timezone.localdate(report.first_submitted_at) - report.period.due_on).days)


def days_overdue(report: ProgressReport, *, on: datetime.date | None = None) -> int:
    """Days past the due date of a report never submitted; 0 once it has been."""
    if report.first_submitted_at is not None:
        return 0
    return max(0, ((on or today()) - report.period.due_on).days)


def is_resubmitted(report: ProgressReport) -> bool:
    """Submitted again after being returned or reopened."""
    return report.submitted_at is not None and report.submitted_at != report.first_submitted_at


def _check_can_edit(report: ProgressReport, by) -> None:
    if not permissions.can_edit_report(by, report):
        raise PermissionDenied
    if report.status not in EDITABLE:
        raise TransitionNotAllowed(
            _("This report has been submitted and can no longer be changed.")
        )
    if is_locked(report):
        raise TransitionNotAllowed(
            _("The period was locked on %(day)s; ask the department to reopen the report.")
            % {"day": report.period.locks_on.strftime("%d/%m/%Y")}
        )


def field_problem(model, name: str, value) -> str | None:
    """What stops ``value`` from being stored in the model field ``name``: a number with
    more digits than the field holds, or a text longer than it allows. None when it fits."""
    field = model._meta.get_field(name)
    if isinstance(value, Decimal):
        try:
            decimal_for_field(
                value, max_digits=field.max_digits, decimal_places=field.decimal_places
            )
        except ValueError as exc:
            return str(exc)
    elif isinstance(value, str) and field.max_length and len(value) > field.max_length:
        return TEXT_TOO_LONG % {"limit_value": field.max_length, "show_value": len(value)}
    return None


def kind_problem(indicator: Indicator, figure: str, value: Decimal | None) -> str | None:
    """What stops ``value`` from being the indicator's ``figure``: a count that is not a
    whole number. None when it can be."""
    if value is None:
        return None
    try:
        figure_of_kind(value, indicator.figure_kind(figure))
    except ValueError as exc:
        return str(exc)
    return None


def _bump_version(report: ProgressReport, expected_version: int) -> None:
    """Claim the report for this save; fails when another save got there first."""
    updated = ProgressReport.objects.filter(pk=report.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not updated:
        report.refresh_from_db()
        raise StaleReport(report)
    report.version = expected_version + 1


def _validate_value(indicator: Indicator, item: ValueInput) -> dict:
    """The stored figures for one indicator, or ValidationError keyed by the form field."""
    key = f"indicator-{indicator.pk}"
    errors = {}
    for name in ("value", "numerator", "denominator", "note"):
        given = getattr(item, name)
        problem = field_problem(IndicatorValue, name, given.strip() if name == "note" else given)
        if problem is None and name != "note":
            problem = kind_problem(indicator, name, given)
        if problem:
            errors[f"{key}-{name}"] = problem
    if errors:
        raise ValidationError(errors)
    if indicator.rollup_rule == Indicator.RollupRule.RATIO:
        numerator, denominator = item.numerator, item.denominator
        if numerator is not None and numerator < 0:
            errors[f"{key}-numerator"] = _("The numerator cannot be negative.")
        if denominator is not None and denominator <= 0:
            errors[f"{key}-denominator"] = _("The denominator must be greater than 0.")
        if (
            not errors
            and numerator is not None
            and denominator is not None
            and numerator > denominator
        ):
            errors[f"{key}-numerator"] = _(
                "The numerator (%(numerator)s) cannot be larger than the denominator "
                "(%(denominator)s)."
            ) % {"numerator": numerator, "denominator": denominator}
        if errors:
            raise ValidationError(errors)
        value = (
            ratio(numerator, denominator, indicator.ratio_scale)
            if numerator is not None and denominator is not None
            else None
        )
        return {"value": value, "numerator": numerator, "denominator": denominator}
    value = item.value
    if value is not None:
        if value < 0:
            errors[f"{key}-value"] = _("The value cannot be negative.")
        elif indicator.unit.strip() == "%" and value > 100:
            errors[f"{key}-value"] = _("A percentage must be between 0 and 100.")
    if errors:
        raise ValidationError(errors)
    return {"value": value, "numerator": None, "denominator": None}


def _save_with_history(instance, by) -> None:
    instance._history_user = by
    instance.save()


@transaction.atomic
@one_save
def save_report(
    *, report: ProgressReport, data: ReportInput, expected_version: int, by
) -> ProgressReport:
    """Save the unit's answers and values as a draft.

    Raises PermissionDenied, TransitionNotAllowed, ValidationError (nothing saved) or
    StaleReport when the report changed since ``expected_version``.
    """
    _check_can_edit(report, by)
    tasks = {t.pk: t for t in tasks_for(report)}
    indicators = {i.pk: i for i in indicators_for(report)}

    cleaned_values, errors = {}, {}
    for item in data.values:
        indicator = indicators.get(item.indicator_id)
        if indicator is None:
            continue
        try:
            cleaned_values[indicator.pk] = (_validate_value(indicator, item), item.note.strip())
        except ValidationError as exc:
            errors.update(exc.message_dict)
    for item in data.answers:
        if item.progress and item.progress not in TaskAnswer.Progress.values:
            errors[f"task-{item.task_id}-progress"] = [_("Choose a status from the list.")]
        for name in ("results", "difficulties", "proposals"):
            problem = field_problem(TaskAnswer, name, getattr(item, name).strip())
            if problem:
                errors[f"task-{item.task_id}-{name}"] = [problem]
    if errors:
        raise ValidationError(errors)

    _bump_version(report, expected_version)

    answers = {a.task_id: a for a in report.answers.all()}
    for item in data.answers:
        if item.task_id not in tasks:
            continue  # only the tasks assigned to this unit
        fields = {
            "progress": item.progress,
            "results": item.results.strip(),
            "difficulties": item.difficulties.strip(),
            "proposals": item.proposals.strip(),
        }
        answer = answers.get(item.task_id) or TaskAnswer(report=report, task_id=item.task_id)
        if answer.pk and all(getattr(answer, k) == v for k, v in fields.items()):
            continue
        for name, value in fields.items():
            setattr(answer, name, value)
        _save_with_history(answer, by)

    values = {v.indicator_id: v for v in report.values.all()}
    for indicator_id, (figures, note) in cleaned_values.items():
        row = values.get(indicator_id) or IndicatorValue(report=report, indicator_id=indicator_id)
        fields = {**figures, "note": note}
        if row.pk and all(getattr(row, k) == v for k, v in fields.items()):
            continue
        for name, value in fields.items():
            setattr(row, name, value)
        _save_with_history(row, by)

    if report.status == Status.NOT_STARTED:
        report.status = Status.DRAFT
    _save_with_history(report, by)
    return report


def missing_items(report: ProgressReport) -> list[str]:
    """What a submission still lacks, task by task and indicator by indicator."""
    missing = []
    answers = {a.task_id: a for a in report.answers.all()}
    for task in tasks_for(report):
        label = _("Task “%(task)s”") % {"task": _shorten(task.text)}
        answer = answers.get(task.pk)
        if answer is None or not answer.progress:
            missing.append(_("%(task)s: choose its status.") % {"task": label})
        if answer is None or not answer.results.strip():
            missing.append(_("%(task)s: describe the results achieved.") % {"task": label})
    values = {v.indicator_id: v for v in report.values.all()}
    for indicator in indicators_for(report):
        value = values.get(indicator.pk)
        label = _("Indicator %(order)s “%(name)s”") % {
            "order": indicator.order,
            "name": _shorten(indicator.name),
        }
        if indicator.rollup_rule == Indicator.RollupRule.RATIO:
            if value is None or value.numerator is None or value.denominator is None:
                missing.append(
                    _("%(indicator)s: enter numerator and denominator.") % {"indicator": label}
                )
        elif value is None or value.value is None:
            missing.append(_("%(indicator)s: enter the value.") % {"indicator": label})
    return missing


def _shorten(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@transaction.atomic
@one_save
def submit_report(*, report: ProgressReport, by) -> ProgressReport:
    """Send the report to the department. Raises IncompleteReport listing what is missing."""
    report = ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    _check_can_edit(report, by)
    missing = missing_items(report)
    if missing:
        raise IncompleteReport(missing)
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    if report.first_submitted_at is None:  # timeliness counts the first submission only
        report.first_submitted_at = report.submitted_at
    report.submitted_by = by
    report.reopened = False
    report.version += 1
    _save_with_history(report, by)
    return report


@transaction.atomic
@one_save
def attach_evidence(*, report: ProgressReport, upload, by, task: Task | None = None) -> Evidence:
    """Attach a file to the report, or to one of the tasks it answers, while it is editable.

    Raises PermissionDenied, TransitionNotAllowed, or ValidationError for a file that is not
    what its name says or a task not assigned to the unit.
    """
    report = ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    _check_can_edit(report, by)
    if task is not None and not tasks_for(report).filter(pk=task.pk).exists():
        raise ValidationError(_("Evidence can only be attached to a task assigned to the unit."))
    validate_evidence(upload)
    evidence = Evidence(
        report=report,
        task=task,
        file=upload,
        original_name=unicodedata.normalize("NFC", upload.name)[:255],
        size=upload.size,
        uploaded_by=by,
    )
    _save_with_history(evidence, by)
    return evidence


@transaction.atomic
@one_save
def remove_evidence(*, evidence: Evidence, by) -> None:
    """Remove an evidence file while its report is editable. The history keeps its name
    and who removed it; the stored file is deleted once the removal is committed.

    Raises PermissionDenied or TransitionNotAllowed.
    """
    report = (
        ProgressReport.objects.select_for_update()
        .select_related("period")
        .get(pk=evidence.report_id)
    )
    _check_can_edit(report, by)
    storage, name = evidence.file.storage, evidence.file.name
    evidence._history_user = by
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _reviewable(report: ProgressReport, by) -> ProgressReport:
    if not permissions.can_review(by):
        raise PermissionDenied
    report = ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    if report.status != Status.SUBMITTED:
        raise TransitionNotAllowed(_("Only a submitted report can be reviewed."))
    return report


@transaction.atomic
@one_save
def return_report(*, report: ProgressReport, reason: str, by) -> ProgressReport:
    """Send the report back to the unit with the reason it must fix."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is returned.")})
    if problem := field_problem(ProgressReport, "return_reason", reason):
        raise ValidationError({"reason": problem})
    report = _reviewable(report, by)
    report.status = Status.RETURNED
    report.return_reason = reason
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report.version += 1
    _save_with_history(report, by)
    return report


@transaction.atomic
@one_save
def approve_report(*, report: ProgressReport, by) -> ProgressReport:
    """Accept the report; its values then count in the roll-up and it is locked."""
    report = _reviewable(report, by)
    report.status = Status.APPROVED
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report.version += 1
    _save_with_history(report, by)
    return report


@transaction.atomic
@one_save
def reopen_report(*, report: ProgressReport, reason: str, by) -> ProgressReport:
    """Let the unit edit again: an approved report (administrators only) or one locked by
    the period's lock date (department staff)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is reopened.")})
    if problem := field_problem(ProgressReport, "reopen_reason", reason):
        raise ValidationError({"reason": problem})
    report = ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    if not permissions.can_reopen(by, report):
        raise PermissionDenied
    if report.status == Status.SUBMITTED:
        raise TransitionNotAllowed(_("A submitted report is returned, not reopened."))
    if report.status != Status.APPROVED and not is_locked(report):
        raise TransitionNotAllowed(_("This report is open for editing already."))
    report.status = Status.DRAFT
    report.reopened = True
    report.reopen_reason = reason
    report.version += 1
    _save_with_history(report, by)
    return report


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
) -> ReportingPeriod:
    """Open a reporting period and create one empty report per unit that must report.

    The units (by default those of ``default_reporting_units``) must be agencies of the
    directive's province that exist during the period. Raises PermissionDenied, and
    ValidationError naming what is wrong.
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
        defaults = set(default_reporting_units(directive).values_list("pk", flat=True))
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
    for unit in units:
        _save_with_history(ProgressReport(period=period, agency=unit), by)
    return period


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
