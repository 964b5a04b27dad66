"""A unit drafts its report: answers, values, evidence, and submission."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import one_save
from directives.models import Task
from indicators.models import Indicator
from indicators.rollup import ratio
from reports.evidence import validate_evidence
from reports.models import (
    Evidence,
    GroupAnswer,
    IndicatorValue,
    ProgressReport,
    TaskAnswer,
)
from reports.workflow.common import (
    IncompleteReport,
    ReportInput,
    StaleReport,
    Status,
    ValueInput,
    _check_can_edit,
    _save_with_history,
    _shorten,
    field_problem,
    kind_problem,
    today,
)
from reports.workflow.scope import answerable_task_ids, groups_for, indicators_for, tasks_for


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


def _answer_problems(prefix: str, item) -> dict[str, list[str]]:
    """What stops one task or group answer from being saved, by form field."""
    errors = {}
    if item.progress and item.progress not in TaskAnswer.Progress.values:
        errors[f"{prefix}-progress"] = [_("Choose a status from the list.")]
    for name in ("results", "difficulties", "proposals"):
        problem = field_problem(TaskAnswer, name, getattr(item, name).strip())
        if problem:
            errors[f"{prefix}-{name}"] = [problem]
    if item.completed_on is not None:
        if item.progress != TaskAnswer.Progress.DONE:
            errors[f"{prefix}-completed_on"] = [
                _("A completion date is given only for a completed task.")
            ]
        elif item.completed_on > today():
            errors[f"{prefix}-completed_on"] = [_("The completion date cannot be in the future.")]
    return errors


def _save_answer(answer, item, by) -> None:
    """Save a task or group answer if it changed; a changed answer is no longer the one
    carried over from the last approved report."""
    fields = {
        "progress": item.progress,
        "results": item.results.strip(),
        "difficulties": item.difficulties.strip(),
        "proposals": item.proposals.strip(),
        "completed_on": item.completed_on if item.progress == TaskAnswer.Progress.DONE else None,
    }
    if answer.pk and all(getattr(answer, k) == v for k, v in fields.items()):
        return
    if not answer.pk and not any(fields.values()):
        return  # nothing to say about this one yet
    for name, value in fields.items():
        setattr(answer, name, value)
    answer.carried_over = False
    _save_with_history(answer, by)


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
    task_ids = answerable_task_ids(report)
    group_ids = set(groups_for(report).values_list("pk", flat=True))
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
    for prefix, item in [(f"task-{a.task_id}", a) for a in data.answers] + [
        (f"group-{g.group_id}", g) for g in data.groups
    ]:
        errors.update(_answer_problems(prefix, item))
    if errors:
        raise ValidationError(errors)

    _bump_version(report, expected_version)

    answers = {a.task_id: a for a in report.answers.all()}
    for item in data.answers:
        if item.task_id in task_ids:  # only the tasks assigned to this unit
            answer = answers.get(item.task_id) or TaskAnswer(report=report, task_id=item.task_id)
            _save_answer(answer, item, by)
    group_answers = {a.group_id: a for a in report.group_answers.all()}
    for item in data.groups:
        if item.group_id in group_ids:
            answer = group_answers.get(item.group_id) or GroupAnswer(
                report=report, group_id=item.group_id
            )
            _save_answer(answer, item, by)

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
    group_answers = {a.group_id: a for a in report.group_answers.all()}
    for group in groups_for(report):
        label = _("Task group “%(group)s”") % {"group": _shorten(str(group))}
        answer = group_answers.get(group.pk)
        if answer is None or not answer.progress:
            missing.append(_("%(group)s: choose its status.") % {"group": label})
        if answer is None or not answer.results.strip():
            missing.append(_("%(group)s: describe the results achieved.") % {"group": label})
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
    if task is not None and task.pk not in answerable_task_ids(report):
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
