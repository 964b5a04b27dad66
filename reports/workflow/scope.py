"""What a report covers: the units that report on a directive, and each unit's tasks,
task groups and indicators."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from directives.models import Agency, Assignment, Directive, Task, TaskGroup
from directives.selectors import province_tree
from indicators.models import Indicator, IndicatorTarget
from reports.models import (
    GroupAnswer,
    IndicatorValue,
    ProgressReport,
    TaskAnswer,
)


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


def default_reporting_units(
    directive: Directive,
    *,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> QuerySet[Agency]:
    """Every agency assigned a task in the directive, and every unit with an indicator
    target in its appendix, that exists during the period: a plan assigned to districts
    and to the communes that replaced them defaults to whichever existed then. Without
    dates, all of them."""
    agencies = Agency.objects.filter(
        Q(assignments__task__group__directive=directive)
        | Q(indicator_targets__indicator__directive=directive)
    )
    if ends_on is not None:
        agencies = agencies.exclude(valid_from__gt=ends_on)
    if starts_on is not None:
        agencies = agencies.exclude(valid_until__lt=starts_on)
    return agencies.distinct().order_by("name")


def _implements(report: ProgressReport):
    return Assignment.objects.filter(
        task=OuterRef("pk"), agency_id=report.agency_id, role=Assignment.Role.IMPLEMENT
    )


def tasks_for(report: ProgressReport) -> QuerySet[Task]:
    """The tasks the unit answers one by one: those it leads or coordinates, and those
    the report has answered that it does not implement: an assignment removed later
    does not take an answer out of the report."""
    answers_for = Assignment.objects.filter(
        task=OuterRef("pk"),
        agency_id=report.agency_id,
        role__in=[Assignment.Role.LEAD, Assignment.Role.COORDINATE],
    )
    answered = TaskAnswer.objects.filter(task=OuterRef("pk"), report_id=report.pk).exclude(
        progress="", results="", difficulties="", proposals=""
    )
    return (
        Task.objects.filter(Exists(answers_for) | (Exists(answered) & ~Exists(_implements(report))))
        .filter(group__directive_id=report.period.directive_id)
        .select_related("group")
        .order_by("group__order", "order")
    )


def implemented_tasks(report: ProgressReport) -> QuerySet[Task]:
    """The tasks the unit carries out in its own area (thực hiện): it answers for them
    by task group, and may answer one of them on its own."""
    return (
        Task.objects.filter(Exists(_implements(report)))
        .filter(group__directive_id=report.period.directive_id)
        .select_related("group")
        .order_by("group__order", "order")
    )


def groups_for(report: ProgressReport) -> QuerySet[TaskGroup]:
    """The task groups the unit answers as a whole: those holding a task it implements,
    and those the report has answered."""
    implemented = Task.objects.filter(group=OuterRef("pk")).filter(Exists(_implements(report)))
    answered = GroupAnswer.objects.filter(group=OuterRef("pk"), report_id=report.pk).exclude(
        progress="", results="", difficulties="", proposals=""
    )
    return (
        TaskGroup.objects.filter(Exists(implemented) | Exists(answered))
        .filter(directive_id=report.period.directive_id)
        .select_related("section")
        .order_by("order")
    )


@dataclass
class ReportScope:
    """What ``tasks_for``, ``implemented_tasks``, ``groups_for`` and ``indicators_for``
    return, as lists, each task with ``unit_assignments`` (the unit's own assignments of
    it) and each indicator with ``own_targets`` (the unit's target, if any, in a list)."""

    tasks: list[Task]
    implemented: list[Task]
    groups: list[TaskGroup]
    indicators: list[Indicator]


def report_scope(report: ProgressReport, *, answers, group_answers, values) -> ReportScope:
    """The report's tasks, groups and indicators by the rules of ``tasks_for``,
    ``implemented_tasks``, ``groups_for`` and ``indicators_for``, read from the unit's own
    assignments and targets and the report's answers and values (``answers``,
    ``group_answers`` and ``values``, which the report page reads anyway) in five plain
    queries instead of eight with nested subqueries: the report form is opened at every
    save, and building those queries cost more than running them."""
    own_by_task = defaultdict(list)
    # One agency's assignments: the model's order within a task (lead, implement,
    # coordinate) without the joins its full ordering makes (directive, group, agency).
    for assignment in Assignment.objects.filter(
        agency_id=report.agency_id, task__group__directive_id=report.period.directive_id
    ).order_by("task_id", "-role"):
        own_by_task[assignment.task_id].append(assignment)
    implements = {
        task_id
        for task_id, assignments in own_by_task.items()
        if any(a.role == Assignment.Role.IMPLEMENT for a in assignments)
    }
    leads_or_coordinates = {
        task_id
        for task_id, assignments in own_by_task.items()
        if any(a.role in (Assignment.Role.LEAD, Assignment.Role.COORDINATE) for a in assignments)
    }
    answered = {answer.task_id for answer in answers if _has_text(answer)}
    alone = leads_or_coordinates | (answered - implements)
    tasks = list(
        Task.objects.filter(pk__in=alone | implements)
        .filter(group__directive_id=report.period.directive_id)
        .select_related("group")
        .order_by("group__order", "order")
    )
    for task in tasks:
        task.unit_assignments = own_by_task.get(task.pk, [])
    answered_groups = {answer.group_id for answer in group_answers if _has_text(answer)}
    group_ids = {task.group_id for task in tasks if task.pk in implements} | answered_groups
    groups = list(
        TaskGroup.objects.filter(pk__in=group_ids, directive_id=report.period.directive_id)
        .select_related("section")
        .order_by("order")
    )
    own_targets = {
        target.indicator_id: target
        for target in IndicatorTarget.objects.filter(
            agency_id=report.agency_id, indicator__directive_id=report.period.directive_id
        ).order_by()
    }
    given = {
        value.indicator_id
        for value in values
        if value.value is not None or value.numerator is not None or value.denominator is not None
    }
    indicators = list(
        Indicator.objects.filter(
            pk__in=set(own_targets) | given, directive_id=report.period.directive_id
        ).order_by("order")
    )
    for indicator in indicators:
        target = own_targets.get(indicator.pk)
        indicator.own_targets = [target] if target else []
    return ReportScope(
        tasks=[task for task in tasks if task.pk in alone],
        implemented=[task for task in tasks if task.pk in implements],
        groups=groups,
        indicators=indicators,
    )


def _has_text(answer) -> bool:
    # The answered rule of the querysets above: an answer with nothing in it is none.
    return any((answer.progress, answer.results, answer.difficulties, answer.proposals))


def answerable_task_ids(report: ProgressReport) -> set[int]:
    """Every task the report may hold an answer or a file for."""
    return set(tasks_for(report).values_list("pk", flat=True)) | set(
        implemented_tasks(report).values_list("pk", flat=True)
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
