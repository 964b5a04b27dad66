"""The department reviews a submitted report: return, approve, reopen."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import one_save
from directives import task_state
from directives.models import Assignment
from reports import permissions, signals
from reports.models import (
    ProgressReport,
)
from reports.workflow.common import (
    Status,
    TransitionNotAllowed,
    _save_with_history,
    field_problem,
    is_locked,
)


def _reviewable(report: ProgressReport, by) -> ProgressReport:
    """The report, locked for review. Raises PermissionDenied (with the reason a reviewer
    reads: their own agency's report, or one they submitted) or TransitionNotAllowed."""
    if not permissions.is_reviewer(by):
        raise PermissionDenied
    report = ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    if refusal := permissions.review_refusal(by, report):
        raise PermissionDenied(refusal)
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
    signals.report_returned.send(sender=ProgressReport, report=report, by=by)
    return report


@transaction.atomic
@one_save
def approve_report(*, report: ProgressReport, by) -> ProgressReport:
    """Accept the report; its values then count in the roll-up, its answers move the
    state of record of the unit's tasks, and it is locked."""
    report = _reviewable(report, by)
    report.status = Status.APPROVED
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report.version += 1
    _save_with_history(report, by)
    record_task_state(report, by=by)
    signals.report_approved.send(sender=ProgressReport, report=report, by=by)
    return report


def record_task_state(report: ProgressReport, *, by) -> None:
    """Move each of the unit's assignments to the status its approved answer gives: the
    task's own answer, else (for a task it implements) its group's. A task completed
    without a date given was completed by the day the report was submitted."""
    submitted_on = timezone.localdate(report.submitted_at or timezone.now())
    task_answers = {a.task_id: a for a in report.answers.all()}
    group_answers = {a.group_id: a for a in report.group_answers.all()}
    assignments = Assignment.objects.filter(
        agency_id=report.agency_id, task__group__directive_id=report.period.directive_id
    ).select_related("task")
    for assignment in assignments:
        answer = task_answers.get(assignment.task_id)
        if (answer is None or not answer.progress) and assignment.role == Assignment.Role.IMPLEMENT:
            answer = group_answers.get(assignment.task.group_id)
        if answer is None or not answer.progress:
            continue
        done = answer.progress == Assignment.Status.DONE
        task_state.record_progress(
            assignment=assignment,
            status=answer.progress,
            completed_on=(answer.completed_on or submitted_on) if done else None,
            by=by,
        )


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
    signals.report_reopened.send(sender=ProgressReport, report=report, by=by)
    return report
