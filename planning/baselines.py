"""Last year's approved year-end figures as this year's baselines (giá trị nền): the
province's, and each unit's, followed across a reorganisation only where the figures
carry on (a unit that went wholly into one agency; several merged into one).

A split, or a regrouping whose basis does not say which old unit went where, gives the
new units no baseline of their own unless they reported one themselves: a district's
figure is not any one of its communes'.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from directives.lineage import Ancestry
from directives.models import Agency, Directive
from indicators.models import Indicator
from indicators.rollup import UnitFigure, ratio, roll_up
from reports.models import ProgressReport, ReportingPeriod
from reports.selectors import RollupRow, indicator_rollups

Rule = Indicator.RollupRule


@dataclass
class YearEnd:
    """The approved figures of a plan's year-end review (tổng kết năm học), by indicator."""

    period: ReportingPeriod | None
    rows: dict[int, RollupRow] = field(default_factory=dict)

    def unit_figure(self, indicator_id: int, agency_id: int) -> UnitFigure | None:
        """What the unit reported, approved; None when it has no approved figure."""
        row = self.rows.get(indicator_id)
        if row is None:
            return None
        for unit in row.units:
            if unit.agency.pk == agency_id and (
                unit.value is not None or unit.denominator is not None
            ):
                return UnitFigure(unit.value, unit.numerator, unit.denominator)
        return None


def year_end_of(directive: Directive) -> YearEnd:
    """The latest year-end period of the plan with approved figures (an approved report or
    a province-only figure), rolled up as the roll-up page does; none: an empty YearEnd."""
    period = (
        ReportingPeriod.objects.filter(directive=directive, kind=ReportingPeriod.Kind.YEAR_END)
        .filter(
            Q(reports__status=ProgressReport.Status.APPROVED) | Q(province_values__isnull=False)
        )
        .select_related("school_year")
        .distinct()
        .order_by("-ends_on", "-pk")
        .first()
    )
    if period is None:
        return YearEnd(None)
    rows = indicator_rollups(directive, [period])[period.pk]
    return YearEnd(period, {row.indicator.pk: row for row in rows})


def province_baseline(year_end: YearEnd, indicator: Indicator) -> tuple[Decimal | None, str]:
    """Last year's approved year-end province value of ``indicator`` (of last year's plan),
    and, when there is none, why (in the user's words)."""
    if year_end.period is None:
        return None, _("the plan of last year has no approved year-end review (tổng kết năm học)")
    row = year_end.rows.get(indicator.pk)
    if row is None or row.province_value is None:
        if indicator.rollup_rule == Rule.NONE:
            return None, _("no province figure was entered for the year-end review")
        return None, _("no unit has an approved year-end value")
    if indicator.rollup_rule == Rule.SUM and row.missing_units:
        return None, _("the year-end sum is incomplete: %(units)s have no approved value") % {
            "units": names(row.missing_units)
        }
    return row.province_value, ""


def figure_value(indicator: Indicator, figure: UnitFigure) -> Decimal | None:
    """A unit's figure as one number: a ratio from its numerator and denominator."""
    if (
        indicator.rollup_rule == Rule.RATIO
        and figure.value is None
        and figure.numerator is not None
        and figure.denominator
    ):
        return ratio(figure.numerator, figure.denominator, indicator.ratio_scale)
    return figure.value


def merged_value(indicator: Indicator, figures: list[UnitFigure]) -> Decimal | None:
    """The figure of units merged into one: their sum, or their summed numerators over
    their summed denominators; a province-only figure does not merge."""
    if len(figures) == 1:
        return figure_value(indicator, figures[0])
    if indicator.rollup_rule == Rule.NONE:
        return None
    return roll_up(rule=indicator.rollup_rule, figures=figures, ratio_scale=indicator.ratio_scale)


def merged_target(
    indicator: Indicator, targets: list[Decimal], figures: list[UnitFigure | None]
) -> Decimal | None:
    """The target of units merged into one: the sum of their targets, or for a rate the
    rate they would reach together if each met its own on last year's denominators.
    None when that cannot be known."""
    if len(targets) == 1:
        return targets[0]
    if indicator.rollup_rule == Rule.SUM:
        return sum(targets, Decimal(0))
    if indicator.rollup_rule == Rule.RATIO:
        if any(f is None or not f.denominator for f in figures):
            return None
        total = sum((f.denominator for f in figures), Decimal(0))
        weighted = sum((t * f.denominator for t, f in zip(targets, figures, strict=True)))
        return (weighted / total).quantize(Decimal("0.01"))
    return None


def unit_baseline(
    year_end: YearEnd,
    indicator: Indicator,
    agency: Agency,
    ancestry: Ancestry | None,
) -> tuple[Decimal | None, str]:
    """A unit's baseline: its own approved year-end value, else, when the agencies closed
    into it carry on in it, their merged values (all of them must have reported); else
    none. Returns the value and, when a merger's value is missing, why."""
    own = year_end.unit_figure(indicator.pk, agency.pk)
    if own is not None:
        return figure_value(indicator, own), ""
    if ancestry is None or not ancestry.continuous or not ancestry.predecessors:
        return None, ""
    figures = [year_end.unit_figure(indicator.pk, p.pk) for p in ancestry.predecessors]
    missing = [p for p, f in zip(ancestry.predecessors, figures, strict=True) if f is None]
    if missing:
        return None, _("%(units)s have no approved year-end value") % {"units": names(missing)}
    value = merged_value(indicator, figures)
    if value is None:
        return None, _("a province-only figure cannot be added up over merged units")
    return value, ""


def names(agencies) -> str:
    return ", ".join(str(agency) for agency in agencies)
