"""The demo's school years across the 2025 reform: 3707/KH-UBND rolled forward by the
product itself into 2025 - 2026 and 2026 - 2027, reported by Lai Châu's communes."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from directives.models import Agency, Directive
from planning.demo import CURRENT_PERIOD_NAME, load_later_years
from planning.models import RollForward, RollForwardIssue
from reports.demo import load_demo_data
from reports.models import ProgressReport, ReportingPeriod
from reports.selectors import indicator_rollup

pytestmark = pytest.mark.django_db


def test_the_demo_years_across_the_reform(settings):
    """The demo is loaded once (a minute of work) and read for each of its promises."""
    settings.DEBUG = True
    load_demo_data()
    demo = load_later_years()
    _baselines_are_last_years_approved_year_end_values(demo)
    _after_the_reform_the_communes_report_and_the_districts_do_not(demo)
    _the_current_review_is_open_with_a_realistic_mix(demo)
    _three_school_years_each_rolled_from_the_last(demo)  # last: it loads the demo again


def _year_end(plan):
    return plan.reporting_periods.get(kind=ReportingPeriod.Kind.YEAR_END)


def _three_school_years_each_rolled_from_the_last(demo):
    """2025 - 2026 continues 3707/KH-UBND and 2026 - 2027 continues it, both made by
    roll-forward and marked as demo data; loading again adds nothing."""
    first = Directive.objects.get(number="3707", symbol="KH-UBND")
    second = Directive.objects.get(previous_year=first)
    third = Directive.objects.get(previous_year=second)
    assert (second.school_year.start_year, third.school_year.start_year) == (2025, 2026)
    assert second.is_demo and third.is_demo and not second.is_draft
    assert "2025 - 2026" in second.title and "2024 - 2025" not in second.title
    assert RollForward.objects.filter(result__in=[second, third], is_demo=True).count() == 2
    # Staff settled what could not be carried: the districts' leads and targets.
    issues = RollForwardIssue.objects.filter(roll_forward__result=second)
    assert issues.exists() and not issues.filter(settled_at__isnull=True).exists()
    binhlu = Agency.objects.get(code="lc-xa-binhlu")
    assert second.task_groups.filter(
        tasks__assignments__agency=binhlu, tasks__assignments__role="lead"
    ).exists()
    assert demo.directive == third and demo.name == CURRENT_PERIOD_NAME
    assert load_later_years() is None
    assert ReportingPeriod.objects.filter(is_demo=True).count() == 3 + 2 + 1


def _after_the_reform_the_communes_report_and_the_districts_do_not(demo):
    """Every period from 2025 - 2026 on asks the 38 communes and wards (and the Sở with
    its divisions); no closed district is asked, and 2024 - 2025 still shows them."""
    communes = set(
        Agency.objects.filter(
            Q(code__startswith="lc-xa-") | Q(code__startswith="lc-phuong-")
        ).values_list("code", flat=True)
    )
    assert len(communes) == 38
    for period in ReportingPeriod.objects.filter(school_year__start_year__gte=2025):
        units = set(period.reports.values_list("agency__code", flat=True))
        assert communes <= units, period
        assert not any(code.endswith("-ubnd") and code != "lc-ubnd" for code in units)
    earlier = ReportingPeriod.objects.get(school_year__start_year=2024, kind="year_end")
    assert earlier.reports.filter(agency__code="lc-tamduong-ubnd", status="approved").exists()


def _baselines_are_last_years_approved_year_end_values(demo):
    """Each year's province baseline is the previous year's approved year-end roll-up; a
    commune's own baseline in 2026 - 2027 is its approved value of 2025 - 2026, and in
    2025 - 2026, formed by the reform from districts split up, it has none."""
    first = Directive.objects.get(number="3707", symbol="KH-UBND")
    second = Directive.objects.get(previous_year=first)
    third = demo.directive
    for plan, previous in ((second, first), (third, second)):
        rolled = {row.indicator.order: row for row in indicator_rollup(_year_end(previous))}
        for indicator in plan.indicators.select_related("previous"):
            expected = rolled[indicator.previous.order].province_value
            if expected is not None:
                assert indicator.baseline_value == round(expected, 4), indicator
            assert indicator.target_value is not None, indicator
    # Indicators that counted district-level units are gone after the reform.
    assert not second.indicators.filter(unit__iexact="huyện").exists()
    ratio = third.indicators.get(previous__previous__order=2)
    last_year = {
        u.agency.code: u.value
        for u in {r.indicator.order: r for r in indicator_rollup(_year_end(second))}[
            ratio.previous.order
        ].units
    }
    commune_target = ratio.unit_targets.get(agency__code="lc-xa-binhlu")
    assert commune_target.baseline_value == round(last_year["lc-xa-binhlu"], 4)
    assert (
        not second.indicators.get(pk=ratio.previous_id)
        .unit_targets.filter(baseline_value__isnull=False)
        .exists()
    )


def _the_current_review_is_open_with_a_realistic_mix(demo):
    statuses = list(demo.reports.values_list("status", flat=True))
    for status in ("approved", "submitted", "returned", "draft", "not_started"):
        assert status in statuses, status
    assert demo.due_on < timezone.localdate() < demo.locks_on
    returned = demo.reports.filter(status=ProgressReport.Status.RETURNED).first()
    assert "rà soát" in returned.return_reason


def test_later_years_are_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        load_later_years()
