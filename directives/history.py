"""The audit history of a directive as its page shows it: the header, the documents it
implements, its sections, task groups, tasks and assignments, and its appendix of
indicators (read from ``indicators`` as directives/selectors.py reads it for the page).

One entry per save, newest first; an import is one save (see accounts/history.py).
"""

from django.utils.translation import gettext as _

from accounts.history import HistoryEvent, Row, Source, history_events
from directives.models import (
    Agency,
    Assignment,
    DeadlineExtension,
    Directive,
    DirectiveReference,
    Section,
    Task,
    TaskGroup,
)
from indicators.models import Indicator

IN_DIRECTIVE = frozenset({"directive"})


ASSIGNING = (Assignment, DeadlineExtension)
DUE_DATE_FIELDS = ("due_on", "recurs_yearly")


def _action(save: list[Row]) -> str:
    for record, _before, _made in save:
        if record.instance_type is Directive and record.history_type == "+":
            return _("Created the directive")
    if all(record.instance_type in ASSIGNING for record, _b, _m in save):
        return _("Changed the task assignment")
    due_date_fields = {str(Task._meta.get_field(name).verbose_name) for name in DUE_DATE_FIELDS}
    if all(
        record.instance_type is Task and {change.field for change in made} <= due_date_fields
        for record, _b, made in save
    ):
        return _("Changed due dates")
    return _("Changed the directive")


def _numbered(label: str, record) -> str:
    return f"{label} {record.number or record.order}: {record.title[:60]}"


def directive_history(directive: Directive) -> list[HistoryEvent]:
    """Every recorded change to the directive and what its page shows, one event per
    save, newest first; deleted task groups and tasks included."""
    groups = TaskGroup.history.filter(directive_id=directive.pk).values("id")
    tasks = Task.history.filter(group_id__in=groups)
    assignments = Assignment.history.filter(task_id__in=tasks.values("id"))
    # By their last recorded text and name: a deleted task is still named.
    task_texts = dict(tasks.order_by("history_date", "history_id").values_list("id", "text"))
    agencies = {a.pk: str(a) for a in Agency.objects.filter(pk__in=assignments.values("agency_id"))}
    assignment_of = {
        pk: (agencies.get(agency_id, ""), task_texts[task_id][:60])
        for pk, agency_id, task_id in assignments.values_list("id", "agency_id", "task_id")
    }
    return history_events(
        [
            Source(Directive.history.filter(id=directive.pk), lambda r: _("Directive")),
            Source(
                DirectiveReference.history.filter(directive_id=directive.pk),
                lambda r: _("Referenced document %(order)s") % {"order": r.order},
                IN_DIRECTIVE,
            ),
            Source(
                Section.history.filter(directive_id=directive.pk),
                lambda r: _numbered(_("Section"), r),
                IN_DIRECTIVE,
            ),
            Source(
                TaskGroup.history.filter(directive_id=directive.pk),
                lambda r: _numbered(_("Task group"), r),
                IN_DIRECTIVE,
            ),
            Source(
                tasks,
                lambda r: _("Task: %(task)s") % {"task": r.text[:60]},
                frozenset({"group"}),
            ),
            Source(
                assignments,
                lambda r: (
                    _("Assignment of %(agency)s, task: %(task)s")
                    % {"agency": agencies.get(r.agency_id, ""), "task": task_texts[r.task_id][:60]}
                ),
                frozenset({"task", "agency"}),
            ),
            Source(
                DeadlineExtension.history.filter(assignment_id__in=assignments.values("id")),
                lambda r: (
                    _("Deadline extension of %(agency)s, task: %(task)s")
                    % dict(zip(("agency", "task"), assignment_of[r.assignment_id], strict=True))
                ),
                frozenset({"assignment"}),
            ),
            Source(
                Indicator.history.filter(directive_id=directive.pk),
                lambda r: _("Indicator %(order)s") % {"order": r.order},
                IN_DIRECTIVE,
            ),
        ],
        action=_action,
    )
