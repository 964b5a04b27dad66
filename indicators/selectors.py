"""What the target pages read: a plan's indicators with their targets, and one indicator's
units with theirs, each in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from directives.models import Agency, Assignment, Directive
from directives.search import fold
from indicators.models import Indicator, IndicatorTarget
from indicators.targets import closed_before, closed_during


def province_target_rows(directive: Directive) -> list[Indicator]:
    """The plan's indicators in order, with their baseline year, last year's indicator and
    ``units_with_target`` (how many units have a target), in one query."""
    return list(
        directive.indicators.select_related("baseline_year", "previous")
        .annotate(
            units_with_target=Count(
                "unit_targets", filter=Q(unit_targets__target_value__isnull=False)
            )
        )
        .order_by("order")
    )


@dataclass
class UnitTargetRow:
    agency: Agency
    target: IndicatorTarget | None
    is_closed: bool  # open on no day of the school year: shown on request only
    closed_before: bool = False  # ...because it closed before the year (else opened after)


@dataclass
class UnitTargetPage:
    indicator: Indicator
    rows: list[UnitTargetRow]
    closed_hidden: int  # closed units left out (shown with ?closed=1)
    previous: Indicator | None  # the plan's indicators before and after this one
    next: Indicator | None

    @property
    def target_sum(self) -> Decimal | None:
        """The shown units' targets added up, for a sum rule; None without any."""
        values = [row.target.target_value for row in self.rows if row.target]
        values = [value for value in values if value is not None]
        return sum(values, Decimal(0)) if values else None

    @property
    def units_without_target(self) -> int:
        return sum(1 for row in self.rows if not row.target or row.target.target_value is None)


def unit_target_page(indicator: Indicator, *, closed: bool = False) -> UnitTargetPage:
    """The units that take a target for the indicator: the agencies that lead or carry out
    the plan's tasks and those that already have a target for it, in alphabetical order
    as a Vietnamese reader expects it; those not open during the plan's school year only
    when ``closed``. Four queries."""
    directive = indicator.directive
    agencies = Agency.objects.filter(
        Q(
            assignments__task__group__directive=directive,
            assignments__role__in=[Assignment.Role.LEAD, Assignment.Role.IMPLEMENT],
        )
        | Q(indicator_targets__indicator=indicator)
    ).distinct()
    targets = {row.agency_id: row for row in IndicatorTarget.objects.filter(indicator=indicator)}
    rows, closed_hidden = [], 0
    for agency in sorted(agencies, key=lambda a: (fold(a.name), a.name, a.pk)):
        is_closed = closed_during(agency, directive)
        if is_closed and not closed:
            closed_hidden += 1
            continue
        target = targets.get(agency.pk)
        if target is not None:
            target.agency, target.indicator = agency, indicator
        rows.append(
            UnitTargetRow(agency, target, is_closed, is_closed and closed_before(agency, directive))
        )
    neighbours = list(directive.indicators.order_by("order"))
    place = next(i for i, other in enumerate(neighbours) if other.pk == indicator.pk)
    return UnitTargetPage(
        indicator=indicator,
        rows=rows,
        closed_hidden=closed_hidden,
        previous=neighbours[place - 1] if place > 0 else None,
        next=neighbours[place + 1] if place + 1 < len(neighbours) else None,
    )
