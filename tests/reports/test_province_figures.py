"""``province_figures`` adds up in the database what ``indicator_rollups`` adds up in
Python (the dashboard's trends read earlier school years through it): for every rule and
every kind of figure a unit gives, both give the same province value."""

import datetime
from decimal import Decimal

import pytest

from directives.models import Agency
from indicators.models import Indicator, IndicatorTarget
from reports.models import IndicatorValue, ProgressReport, ProvinceValue, ReportingPeriod
from reports.selectors import indicator_rollups, province_figures
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

Rule = Indicator.RollupRule
APPROVED = ProgressReport.Status.APPROVED


def _period(plan, name, ends_on):
    return ReportingPeriod.objects.create(
        directive=plan,
        school_year=plan.school_year,
        name=name,
        starts_on=ends_on - datetime.timedelta(days=120),
        ends_on=ends_on,
        due_on=ends_on + datetime.timedelta(days=5),
        locks_on=ends_on + datetime.timedelta(days=30),
    )


def _figures(report, **by_indicator):
    for indicator, (value, numerator, denominator) in by_indicator.items():
        IndicatorValue.objects.create(
            report=report,
            indicator=report._indicators[indicator],
            value=value,
            numerator=numerator,
            denominator=denominator,
        )


def test_the_database_adds_up_what_the_roll_up_adds_up(plan_3707):
    plan = plan_3707
    indicators = {
        "count": IndicatorFactory(directive=plan, order=101, rollup_rule=Rule.SUM),
        "rate": IndicatorFactory(directive=plan, order=102, rollup_rule=Rule.RATIO),
        "rate_per_mille": IndicatorFactory(
            directive=plan, order=103, rollup_rule=Rule.RATIO, ratio_scale=1000
        ),
        "province_only": IndicatorFactory(directive=plan, order=104, rollup_rule=Rule.NONE),
        "nobody": IndicatorFactory(directive=plan, order=105, rollup_rule=Rule.SUM),
        "fractions": IndicatorFactory(directive=plan, order=106, rollup_rule=Rule.SUM),
    }
    units = list(Agency.objects.filter(kind=Agency.Kind.DISTRICT).order_by("code")[:4])
    for unit in units:  # every unit has a target: one that gives no figure is missing
        for indicator in indicators.values():
            IndicatorTarget.objects.create(indicator=indicator, agency=unit, target_value=1)
    semester = _period(plan, "Sơ kết học kỳ I", datetime.date(2025, 1, 15))
    year_end = _period(plan, "Tổng kết năm học", datetime.date(2025, 5, 31))
    empty = _period(plan, "Kỳ chưa có báo cáo duyệt", datetime.date(2025, 3, 31))

    def report(period, unit, status=APPROVED):
        made = ProgressReport.objects.create(period=period, agency=unit, status=status)
        made._indicators = indicators
        return made

    d = Decimal
    a, b, c, e = units
    _figures(
        report(semester, a),
        count=(d(3), None, None),
        rate=(d("30.00"), d(300), d(1000)),
        rate_per_mille=(None, d(7), d(3000)),
        fractions=(d("0.1"), None, None),
    )
    _figures(
        report(semester, b),
        count=(d(4), None, None),
        rate=(None, d(450), d(500)),
        rate_per_mille=(None, None, d(10)),  # a denominator alone counts for nothing
        fractions=(d("0.2"), None, None),
    )
    _figures(
        report(semester, c),
        count=(None, None, None),  # a row with no figure
        rate=(None, d(5), None),  # a numerator alone counts for nothing
        fractions=(d("1234567.89"), None, None),
    )
    # A report not approved counts for nothing.
    _figures(report(semester, e, ProgressReport.Status.SUBMITTED), count=(d(100), None, None))
    _figures(report(year_end, a), count=(d(9), None, None), rate=(None, d(1), d(3)))
    ProvinceValue.objects.create(
        period=semester, indicator=indicators["province_only"], value=d("97.5")
    )
    periods = [semester, year_end, empty]
    chosen = list(indicators.values())

    figures = province_figures(chosen, periods)

    rollups = indicator_rollups(plan, periods)
    for period in periods:
        expected = {
            row.indicator.pk: row.province_value
            for row in rollups[period.pk]
            if row.indicator.pk in figures[period.pk]
        }
        assert figures[period.pk] == expected, period.name
    semester_values = figures[semester.pk]
    assert semester_values[indicators["count"].pk] == 7
    assert semester_values[indicators["rate"].pk] == d("50.00")  # 755 / 1510
    assert semester_values[indicators["rate_per_mille"].pk] == d("2.33")
    assert semester_values[indicators["province_only"].pk] == d("97.5")
    assert semester_values[indicators["nobody"].pk] is None
    assert semester_values[indicators["fractions"].pk] == d("1234568.19")
    assert set(figures[empty.pk].values()) == {None}
