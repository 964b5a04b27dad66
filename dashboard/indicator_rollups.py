"""The indicator roll-up of several periods of one directive at once, for the trends.

``reports.selectors.indicator_rollup`` reads one period in five queries; calling it once a
period would cost five queries more for every period of the year. This reads the approved
values of all the periods together and computes each period's rows with the same rules
(the same ``roll_up`` and ``judge``, approved reports only, no judgement for a sum over
part of the units, province-only figures as staff entered them), so that every number
equals the roll-up page's for that period (a test compares them).
"""

from collections import defaultdict
from decimal import Decimal

from directives.models import Agency, Directive
from indicators.models import Indicator, IndicatorTarget
from indicators.rollup import UnitFigure, achievement, judge, roll_up
from reports.models import IndicatorValue, ProgressReport, ProvinceValue, ReportingPeriod
from reports.selectors import RollupRow, UnitValueRow


def rollups_of_periods(
    directive: Directive, periods: list[ReportingPeriod]
) -> dict[int, list[RollupRow]]:
    """Each period's roll-up rows (as ``indicator_rollup`` gives them), by period pk, in
    five queries whatever the number of periods, units and indicators."""
    period_ids = [period.pk for period in periods]
    indicators = list(directive.indicators.select_related("baseline_year").order_by("order"))
    targets = defaultdict(dict)
    for target in IndicatorTarget.objects.filter(indicator__directive_id=directive.pk):
        targets[target.indicator_id][target.agency_id] = target
    approved = defaultdict(dict)  # period → (indicator, agency) → value
    approved_units = defaultdict(lambda: defaultdict(set))  # period → indicator → agencies
    for value in IndicatorValue.objects.filter(
        report__period_id__in=period_ids, report__status=ProgressReport.Status.APPROVED
    ).select_related("report"):
        period_id, agency_id = value.report.period_id, value.report.agency_id
        approved[period_id][(value.indicator_id, agency_id)] = value
        approved_units[period_id][value.indicator_id].add(agency_id)
    province_values = defaultdict(dict)
    for entered in ProvinceValue.objects.filter(period_id__in=period_ids):
        province_values[entered.period_id][entered.indicator_id] = entered.value
    unit_ids = {pk for by_unit in targets.values() for pk in by_unit}
    unit_ids |= {pk for by_period in approved.values() for _i, pk in by_period}
    agencies = Agency.objects.in_bulk(unit_ids)
    return {
        period.pk: [
            _row(
                indicator,
                targets=targets[indicator.pk],
                approved=approved[period.pk],
                unit_ids=set(targets[indicator.pk]) | approved_units[period.pk][indicator.pk],
                agencies=agencies,
                province_value=province_values[period.pk].get(indicator.pk),
            )
            for indicator in indicators
        ]
        for period in periods
    }


def _row(
    indicator: Indicator,
    *,
    targets: dict[int, IndicatorTarget],
    approved: dict[tuple[int, int], IndicatorValue],
    unit_ids: set[int],
    agencies: dict[int, Agency],
    province_value: Decimal | None,
) -> RollupRow:
    """One indicator's row for one period, by the rules of ``indicator_rollup``."""
    units, figures, missing = [], [], []
    for agency_id in sorted(unit_ids, key=lambda pk: agencies[pk].name):
        target = targets.get(agency_id)
        value = approved.get((indicator.pk, agency_id))
        if value is None:
            missing.append(agencies[agency_id])
        else:
            figures.append(UnitFigure(value.value, value.numerator, value.denominator))
        units.append(
            UnitValueRow(
                agency=agencies[agency_id],
                value=value.value if value else None,
                numerator=value.numerator if value else None,
                denominator=value.denominator if value else None,
                target=target.target_value if target else None,
                judgement=judge(
                    value=value.value if value else None,
                    baseline=target.baseline_value if target else None,
                    target=target.target_value if target else None,
                    direction=indicator.direction,
                ),
            )
        )
    if indicator.rollup_rule == Indicator.RollupRule.NONE:
        province = province_value
    else:
        province = roll_up(
            rule=indicator.rollup_rule, figures=figures, ratio_scale=indicator.ratio_scale
        )
    partial_sum = indicator.rollup_rule == Indicator.RollupRule.SUM and bool(missing)
    row = RollupRow(
        indicator=indicator,
        province_value=province,
        achievement=None if partial_sum else achievement(province, indicator.target_value),
        judgement=None
        if partial_sum
        else judge(
            value=province,
            baseline=indicator.baseline_value,
            target=indicator.target_value,
            direction=indicator.direction,
        ),
        units=units,
        missing_units=missing,
    )
    if indicator.rollup_rule == Indicator.RollupRule.RATIO and figures:
        row.numerator = sum((f.numerator for f in figures if f.numerator is not None), Decimal(0))
        row.denominator = sum(
            (f.denominator for f in figures if f.denominator is not None), Decimal(0)
        )
    return row
