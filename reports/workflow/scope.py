"""What a report covers: the units that report on a directive, and each unit's tasks,
task groups and indicators."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from directives.models import Agency, Assignment, Directive, Task
from directives.selectors import province_tree
from indicators.models import Indicator, IndicatorTarget
from reports.models import (
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
