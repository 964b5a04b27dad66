"""Phân công: who carries each task of a directive, with which role and by when.

Every change goes through these functions: they check that the user may assign, refuse
agencies that do not exist when the directive applies, run in one transaction and leave
one history entry per call.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import bulk_create_audited, bulk_update_audited, one_save
from directives import permissions
from directives.models import Agency, Assignment, Directive, Task

Role = Assignment.Role


def tasks_without_lead(directive: Directive):
    """The tasks of a directive that no agency leads ("chưa giao chủ trì"), in order."""
    return (
        Task.objects.filter(group__directive=directive)
        .exclude(assignments__role=Role.LEAD)
        .select_related("group")
        .order_by("group__order", "order")
    )


def applies_on(directive: Directive) -> datetime.date | None:
    """The day a directive starts to apply: its date of issue, else the first day of its
    school year; None for an undated directive of no school year."""
    if directive.issued_on:
        return directive.issued_on
    return directive.school_year.span[0] if directive.school_year else None


def _check_agencies(directive: Directive, agencies: list[Agency]) -> None:
    """An agency closed before the directive applies cannot take on its tasks; an
    undated directive of no school year is not checked."""
    day = applies_on(directive)
    if day is None:
        return
    closed = [a for a in agencies if a.valid_until is not None and a.valid_until < day]
    if closed:
        raise ValidationError(
            {
                "agencies": _("These agencies had closed before the directive: %(names)s.")
                % {"names": ", ".join(a.name for a in closed)}
            }
        )


@transaction.atomic
@one_save
def assign(
    *,
    tasks: Iterable[Task],
    agencies: Iterable[Agency],
    role: str,
    by,
    due_on: datetime.date | None = None,
    source: str = Assignment.Source.STAFF,
) -> list[Assignment]:
    """Give each task to each agency with ``role``; an agency already on a task takes the
    new role (and the due date, when one is given), its state kept.

    Raises PermissionDenied, and ValidationError for an unknown role, no task, no agency,
    or an agency closed before the directive.
    """
    if not permissions.can_assign(by):
        raise PermissionDenied
    tasks, agencies = list(tasks), list(agencies)
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if not tasks:
        raise ValidationError({"tasks": _("Choose at least one task.")})
    if not agencies:
        raise ValidationError({"agencies": _("Choose at least one agency.")})
    directives = {task.group.directive for task in tasks}
    for directive in directives:
        _check_agencies(directive, agencies)
    existing = {
        (a.task_id, a.agency_id): a
        for a in Assignment.objects.filter(task__in=tasks, agency__in=agencies)
    }
    created, changed = [], []
    for task in tasks:
        for agency in agencies:
            assignment = existing.get((task.pk, agency.pk))
            if assignment is None:
                created.append(
                    Assignment(task=task, agency=agency, role=role, due_on=due_on, source=source)
                )
                continue
            new_due = due_on if due_on is not None else assignment.due_on
            if (assignment.role, assignment.due_on) != (role, new_due):
                assignment.role, assignment.due_on = role, new_due
                changed.append(assignment)
    bulk_create_audited(created, Assignment, by=by)
    bulk_update_audited(changed, Assignment, ["role", "due_on"], by=by)
    return created + changed


@transaction.atomic
@one_save
def unassign(*, assignments: Iterable[Assignment], by) -> int:
    """Take tasks away from agencies. The reports already written keep their answers.

    Raises PermissionDenied.
    """
    if not permissions.can_assign(by):
        raise PermissionDenied
    count = 0
    for assignment in assignments:
        assignment._history_user = by
        assignment.delete()
        count += 1
    return count


@transaction.atomic
@one_save
def set_due_dates(
    *,
    by,
    due_on: datetime.date | None,
    tasks: Iterable[Task] = (),
    assignments: Iterable[Assignment] = (),
) -> None:
    """Set or clear the deadline of tasks (for every agency without its own) or of single
    assignments. A deadline changed this way is the new deadline, not an extension.

    Raises PermissionDenied.
    """
    if not permissions.can_assign(by):
        raise PermissionDenied
    tasks = [task for task in tasks if task.due_on != due_on]
    for task in tasks:
        task.due_on = due_on
        if due_on is None:
            task.recurs_yearly = False
    bulk_update_audited(tasks, Task, ["due_on", "recurs_yearly"], by=by)
    assignments = [a for a in assignments if a.due_on != due_on]
    for assignment in assignments:
        assignment.due_on = due_on
    bulk_update_audited(assignments, Assignment, ["due_on"], by=by)
