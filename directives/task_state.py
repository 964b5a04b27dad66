"""The state of record of each assignment, deadline extensions (gia hạn), and the count
of tasks the Government Office keeps, as of any date.

An assignment's status and completion date are moved by approved reports
(``record_progress``) and outlive every reporting period. Its deadline is its own due
date, else the task's; an extension granted moves it and keeps the original beside it.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.audit import one_save
from directives import permissions, signals
from directives.models import Assignment, DeadlineExtension

Status = Assignment.Status
Decision = DeadlineExtension.Decision
REASON_LENGTH = DeadlineExtension._meta.get_field("reason").max_length


class Category:
    """The Government Office's categories of tasks as of a date."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_IN_TIME = "open_in_time"
    OPEN_OVERDUE = "open_overdue"
    NO_DEADLINE_DONE = "no_deadline_done"
    NO_DEADLINE_OPEN = "no_deadline_open"

    LABELS = {
        DONE_ON_TIME: gettext_lazy("Completed on time"),
        DONE_LATE: gettext_lazy("Completed late"),
        OPEN_IN_TIME: gettext_lazy("Not completed, still within the deadline"),
        OPEN_OVERDUE: gettext_lazy("Not completed, overdue"),
        NO_DEADLINE_DONE: gettext_lazy("No deadline: completed"),
        NO_DEADLINE_OPEN: gettext_lazy("No deadline: in progress"),
    }
    ORDER = list(LABELS)


def local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment is not None else None


def deadline_on(
    assignment: "Assignment | AssignmentFacts",
    day: datetime.date,
    *,
    extensions: Iterable[DeadlineExtension] | None = None,
) -> datetime.date | None:
    """The assignment's deadline as it stood on ``day``: today's deadline, unless an
    extension granted after that day moved it since; then the deadline that extension
    replaced. A deadline staff set is the deadline from then on, extension or not.
    ``extensions`` are the assignment's (its granted ones at least), when they were read
    for many assignments at once; else they are read here."""
    if extensions is None:
        extensions = assignment.extensions.all()
    granted_later = [
        e for e in extensions if e.decision == Decision.GRANTED and local_day(e.decided_at) > day
    ]
    if not granted_later:
        return assignment.deadline
    first = min(granted_later, key=lambda e: e.decided_at)
    return first.previous_due_on or assignment.original_due_on


@dataclass(frozen=True)
class CountedTask:
    assignment: "Assignment | AssignmentFacts"
    category: str
    deadline: datetime.date | None
    days_overdue: int = 0
    days_late: int = 0


def classify(
    assignment: "Assignment | AssignmentFacts",
    *,
    on: datetime.date,
    extensions: Iterable[DeadlineExtension] | None = None,
) -> CountedTask:
    """Where one assignment stands on a day.

    Done on time: finished on or before its deadline. Done late: finished after it.
    Not done (or finished only after ``on``): within the deadline until the deadline
    passes, then overdue by the days since. Without a deadline it is kept apart.
    ``extensions`` as for ``deadline_on``.
    """
    deadline = deadline_on(assignment, on, extensions=extensions)
    done = (
        assignment.status == Status.DONE
        and assignment.completed_on is not None
        and assignment.completed_on <= on
    )
    if deadline is None:
        category = Category.NO_DEADLINE_DONE if done else Category.NO_DEADLINE_OPEN
        return CountedTask(assignment, category, None)
    if done:
        late = (assignment.completed_on - deadline).days
        if late > 0:
            return CountedTask(assignment, Category.DONE_LATE, deadline, days_late=late)
        return CountedTask(assignment, Category.DONE_ON_TIME, deadline)
    if on > deadline:
        return CountedTask(
            assignment, Category.OPEN_OVERDUE, deadline, days_overdue=(on - deadline).days
        )
    return CountedTask(assignment, Category.OPEN_IN_TIME, deadline)


@dataclass
class TaskAccounting:
    on: datetime.date
    tasks: list[CountedTask] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Each category's number of tasks, in the Government Office's order. Counted by
        hand: the dashboard counts each lead agency's few tasks apart, and a Counter's
        set-up cost more than the counting."""
        counts = dict.fromkeys(Category.ORDER, 0)
        for task in self.tasks:
            counts[task.category] += 1
        return counts

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        """(category, label, count) in the Government Office's order."""
        counts = self.counts
        return [(c, str(Category.LABELS[c]), counts[c]) for c in Category.ORDER]

    @property
    def done(self) -> int:
        counts = self.counts
        return counts[Category.DONE_ON_TIME] + counts[Category.DONE_LATE]

    @property
    def fallen_due(self) -> int:
        """Tasks that should be finished by now: those done, and those overdue."""
        return self.done + self.counts[Category.OPEN_OVERDUE]

    @property
    def completion_rate(self) -> Decimal | None:
        """Done ÷ fallen due, in per cent to one decimal, a half rounded up as in the
        Government Office's reports; None when nothing fell due."""
        if not self.fallen_due:
            return None
        rate = Decimal(100) * self.done / self.fallen_due
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def of(self, category: str) -> list[CountedTask]:
        return [task for task in self.tasks if task.category == category]


def task_accounting(
    assignments: "Iterable[Assignment | AssignmentFacts]", *, on: datetime.date
) -> TaskAccounting:
    """Count assignments as the Government Office counts tasks, as of ``on``. Each
    agency's part counts once: a task led by two agencies is two tasks of record.
    Their granted extensions are read in one query, grouped here (a prefetch builds a
    queryset an assignment, which cost more than counting them)."""
    assignments = list(assignments)
    granted = defaultdict(list)
    if assignments:
        # Unordered: the model's ordering joins five tables, and a deadline takes the
        # earliest extension by its own date (deadline_on).
        for extension in DeadlineExtension.objects.filter(
            assignment_id__in=[a.pk for a in assignments], decision=Decision.GRANTED
        ).order_by():
            granted[extension.assignment_id].append(extension)
    return TaskAccounting(
        on=on,
        tasks=[classify(a, on=on, extensions=granted.get(a.pk, ())) for a in assignments],
    )


def accounting_queryset(directive, *, roles: Iterable[str] = (Assignment.Role.LEAD,)):
    """The assignments of a directive to count, with what counting and the accounting
    page read: one query (``task_accounting`` reads their extensions in one more)."""
    return (
        Assignment.objects.filter(task__group__directive=directive, role__in=list(roles))
        .select_related("task__group", "agency")
        .order_by("task__group__order", "task__order", "agency__name")
    )


@dataclass(frozen=True, slots=True)
class AssignmentFacts:
    """What counting reads of an assignment, and what the dashboard shows beside the
    count, from one row of values: the dashboard counts every lead assignment of a
    directive on every view, and building an assignment, its task and its agency as
    models for each row cost more than the counting did."""

    pk: int
    agency_id: int
    agency_name: str  # as the agency is named on a page (its short name, else its name)
    group_id: int
    status: str
    completed_on: datetime.date | None
    due_on: datetime.date | None
    task_due_on: datetime.date | None
    original_due_on: datetime.date | None
    status_changed_at: datetime.datetime | None

    @property
    def deadline(self) -> datetime.date | None:
        """As ``Assignment.deadline``: the agency's own date, else the task's."""
        return self.due_on or self.task_due_on


def assignment_facts(assignments) -> list[AssignmentFacts]:
    """``AssignmentFacts`` of each assignment of a queryset, in its order: one query."""
    return [
        AssignmentFacts(pk, agency_id, short_name or name, *rest)
        for pk, agency_id, name, short_name, *rest in assignments.values_list(
            "pk",
            "agency_id",
            "agency__name",
            "agency__short_name",
            "task__group_id",
            "status",
            "completed_on",
            "due_on",
            "task__due_on",
            "original_due_on",
            "status_changed_at",
        )
    ]


def directive_accounting(
    directive,
    *,
    on: datetime.date,
    role: str = Assignment.Role.LEAD,
    agency_ids: Iterable[int] | None = None,
    group_id: int | None = None,
) -> TaskAccounting:
    """The count of a directive's assignments of one role as of ``on``; with
    ``agency_ids``, of those agencies' assignments only; with ``group_id``, of that task
    group's tasks only. Two queries, whatever the size."""
    assignments = accounting_queryset(directive, roles=[role])
    if agency_ids is not None:
        assignments = assignments.filter(agency_id__in=list(agency_ids))
    if group_id is not None:
        assignments = assignments.filter(task__group_id=group_id)
    return task_accounting(assignments, on=on)


@transaction.atomic
@one_save
def record_progress(
    *, assignment: Assignment, status: str, completed_on: datetime.date | None, by
) -> Assignment:
    """Move an assignment's state from an approved report. A task done stays done: a
    later report cannot take it back (staff correct it with ``set_status``). The same
    status approved again changes nothing: the day it changed stays."""
    if assignment.status == Status.DONE or status not in Status.values or not status:
        return assignment
    if status == assignment.status:
        return assignment
    assignment.status = status
    assignment.completed_on = completed_on if status == Status.DONE else None
    assignment.status_changed_at = timezone.now()
    assignment._history_user = by
    assignment.save()
    return assignment


@transaction.atomic
@one_save
def set_status(
    *, assignment: Assignment, status: str, completed_on: datetime.date | None, reason: str, by
) -> Assignment:
    """Staff correct an assignment's state, with the reason, which the history keeps.

    Raises PermissionDenied, and ValidationError for no reason or a completed task with
    no completion date.
    """
    if not permissions.can_assign(by):
        raise PermissionDenied
    errors = {}
    if status not in Status.values:
        errors["status"] = _("Choose a status from the list.")
    if status == Status.DONE and completed_on is None:
        errors["completed_on"] = _("Give the day the task was completed.")
    if not reason.strip():
        errors["reason"] = _("Say why the state changes: the reason is kept in the history.")
    if errors:
        raise ValidationError(errors)
    assignment.status = status
    assignment.completed_on = completed_on if status == Status.DONE else None
    assignment.status_changed_at = timezone.now()
    assignment._history_user = by
    assignment._change_reason = reason.strip()
    assignment.save()
    return assignment


@transaction.atomic
@one_save
def request_extension(
    *, assignment: Assignment, requested_due_on: datetime.date, reason: str, by
) -> DeadlineExtension:
    """A unit asks to move the deadline of a task it carries, saying why.

    Raises PermissionDenied for someone who does not report for the agency, and
    ValidationError for no reason, a task without a deadline or already done, a date not
    after the current deadline, or a request already awaiting a decision.
    """
    if not permissions.reports_for(by, assignment.agency_id):
        raise PermissionDenied
    assignment = Assignment.objects.select_for_update().select_related("task").get(pk=assignment.pk)
    reason = reason.strip()
    current = assignment.deadline
    errors = {}
    if not reason:
        errors["reason"] = _("Say why the deadline should move.")
    elif len(reason) > REASON_LENGTH:
        errors["reason"] = _("This text is too long: at most %(limit)s characters.") % {
            "limit": REASON_LENGTH
        }
    if assignment.status == Status.DONE:
        errors["requested_due_on"] = _("The task is completed: its deadline no longer moves.")
    elif current is None:
        errors["requested_due_on"] = _("The task has no deadline to extend.")
    elif requested_due_on <= current:
        errors["requested_due_on"] = _(
            "The new deadline must come after the current one (%(day)s)."
        ) % {"day": current.strftime("%d/%m/%Y")}
    if assignment.extensions.filter(decision=Decision.PENDING).exists():
        errors["requested_due_on"] = _("A request for this task is already awaiting a decision.")
    if errors:
        raise ValidationError(errors)
    extension = DeadlineExtension(
        assignment=assignment,
        previous_due_on=current,
        requested_due_on=requested_due_on,
        reason=reason,
        requested_by=by,
    )
    extension._history_user = by
    extension.save()
    return extension


@transaction.atomic
@one_save
def decide_extension(
    *, extension: DeadlineExtension, grant: bool, note: str = "", by
) -> DeadlineExtension:
    """Staff grant or refuse a request. Granting moves the assignment's deadline to the
    requested day and keeps the first deadline as its original one; refusing needs a note.

    Raises PermissionDenied for someone who may not decide, and ValidationError for a
    decision by someone who reports for the agency (nobody decides on their own agency's
    request), a request decided already, or a refusal without a note.
    """
    if not permissions.can_assign(by):
        raise PermissionDenied
    extension = (
        DeadlineExtension.objects.select_for_update()
        .select_related("assignment__task")
        .get(pk=extension.pk)
    )
    if permissions.reports_for(by, extension.assignment.agency_id):
        raise ValidationError(
            _("You report for this agency: its request is decided by someone outside it.")
        )
    note = note.strip()
    if extension.decision != Decision.PENDING:
        raise ValidationError(_("This request has been decided already."))
    if not grant and not note:
        raise ValidationError({"note": _("Say why the extension is refused.")})
    extension.decision = Decision.GRANTED if grant else Decision.REFUSED
    extension.decided_by, extension.decided_at = by, timezone.now()
    extension.decision_note = note
    extension._history_user = by
    extension.save()
    if grant:
        assignment = extension.assignment
        if assignment.original_due_on is None:
            assignment.original_due_on = assignment.deadline
        assignment.due_on = extension.requested_due_on
        assignment._history_user = by
        assignment.save()
    signals.extension_decided.send(sender=DeadlineExtension, extension=extension, by=by)
    return extension
