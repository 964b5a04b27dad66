"""Trends across school years and the 2025 reform: a plan of 2025 - 2026 that continues
3707/KH-UBND shows last year's year-end figures before its own, and a commune's line
takes its predecessors' figures only where they went wholly into it."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from dashboard.choice import resolve_choice
from dashboard.exports import dashboard_workbook
from dashboard.panels.indicators import indicator_panels
from directives.models import Agency, SchoolYear
from indicators.models import IndicatorTarget
from reports.models import IndicatorValue, ProgressReport, ReportingPeriod
from reports.selectors import indicator_rollup
from tests.factories import DirectiveFactory, IndicatorFactory, UserFactory
from tests.reform import build_reform

pytestmark = pytest.mark.django_db

APPROVED = ProgressReport.Status.APPROVED
# 2024 - 2025, by district: (numerator, denominator) of the rate, and the count.
LAST_YEAR = {
    "lc-tamduong-ubnd": ((300, 1000), 5),
    "lc-thanhpholaichau-ubnd": ((450, 500), 7),
    "lc-sinho-ubnd": ((200, 800), 4),
}


def _period(directive, year, kind, name, starts_on, ends_on):
    return ReportingPeriod.objects.create(
        directive=directive,
        school_year=year,
        kind=kind,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=ends_on + datetime.timedelta(days=5),
        locks_on=ends_on + datetime.timedelta(days=30),
    )


def _approve(period, agency, figures):
    """An approved report of the unit with ``{indicator: (numerator, denominator) or
    value}``."""
    report = ProgressReport.objects.create(period=period, agency=agency, status=APPROVED)
    for indicator, figure in figures.items():
        if isinstance(figure, tuple):
            numerator, denominator = (Decimal(n) for n in figure)
            IndicatorValue.objects.create(
                report=report,
                indicator=indicator,
                numerator=numerator,
                denominator=denominator,
                value=(numerator * 100 / denominator).quantize(Decimal("0.01")),
            )
        else:
            IndicatorValue.objects.create(report=report, indicator=indicator, value=figure)
    return report


class Years:
    """3707/KH-UBND (2024 - 2025) with an approved semester and year-end review by three
    districts, and its continuation for 2025 - 2026 with one semester reported by the
    communes the reform formed from them."""

    def __init__(self, plan):
        self.old = plan
        self.reform = build_reform(plan)
        self.rate_then = plan.indicators.get(order=1)  # a ratio
        self.count_then = plan.indicators.get(order=5)  # a sum
        year_then = plan.school_year
        self.semester_then = _period(
            plan, year_then, ReportingPeriod.Kind.SEMESTER_1, "Sơ kết học kỳ I năm học 2024 - 2025",
            datetime.date(2024, 9, 1), datetime.date(2025, 1, 15),
        )  # fmt: skip
        self.year_end_then = _period(
            plan, year_then, ReportingPeriod.Kind.YEAR_END, "Tổng kết năm học 2024 - 2025",
            datetime.date(2024, 9, 1), datetime.date(2025, 5, 31),
        )  # fmt: skip
        for code, (rate, count) in LAST_YEAR.items():
            agency = Agency.objects.get(code=code)
            _approve(self.semester_then, agency, {self.rate_then: (1, 2), self.count_then: 1})
            _approve(self.year_end_then, agency, {self.rate_then: rate, self.count_then: count})

        self.year = SchoolYear.objects.get_or_create(start_year=2025)[0]
        self.plan = DirectiveFactory(
            issuer=plan.issuer, school_year=self.year, previous_year=plan, number="9901"
        )
        self.rate = IndicatorFactory(
            directive=self.plan, order=1, name=self.rate_then.name, rollup_rule="ratio",
            baseline_value=Decimal("65.45"), target_value=Decimal(70), previous=self.rate_then,
            baseline_year=year_then,
        )  # fmt: skip
        self.count = IndicatorFactory(
            directive=self.plan, order=2, name=self.count_then.name, unit="xã",
            rollup_rule="sum", baseline_value=Decimal(16), target_value=Decimal(18),
            previous=self.count_then, baseline_year=year_then,
        )  # fmt: skip
        for agency in [*self.reform.communes, self.reform.tamduong]:
            # The closed district's target is a leftover: no period of the year asks it.
            for indicator in (self.rate, self.count):
                IndicatorTarget.objects.create(
                    indicator=indicator, agency=agency, baseline_value=1, target_value=2
                )
        self.semester = _period(
            self.plan, self.year, ReportingPeriod.Kind.SEMESTER_1,
            "Sơ kết học kỳ I năm học 2025 - 2026",
            datetime.date(2025, 9, 1), datetime.date(2026, 1, 15),
        )  # fmt: skip
        for n, agency in enumerate(self.reform.communes):
            _approve(self.semester, agency, {self.rate: (700 + n, 1000), self.count: 3 + n})

    def query(self, **extra) -> str:
        data = {"year": 2025, "directive": self.plan.pk, "period": self.semester.pk, **extra}
        return "&".join(f"{key}={value}" for key, value in data.items())

    def panels(self, user, **extra):
        params = QueryDict(self.query(**extra))
        choice, _form = resolve_choice(params, user=user)
        return indicator_panels(choice, user=user, params=params)


@pytest.fixture
def years(plan_3707):
    return Years(plan_3707)


@pytest.fixture
def leader(db):
    return UserFactory(username="lanhdao-xuhuong", role=roles.LEADERSHIP)


def _row(period, indicator):
    return next(row for row in indicator_rollup(period) if row.indicator.pk == indicator.pk)


def test_the_trend_starts_from_the_oldest_baseline_and_takes_last_years_year_end(years, leader):
    """Baseline 2023 - 2024 of 3707, then its year-end review (not its semester), then
    this year's semester: each point the province value of that period's roll-up."""
    panels = years.panels(leader)
    rate = panels.trends[0]
    assert [point.name for point in rate.points] == [
        "Năm trước (năm học 2023 - 2024)",
        "Tổng kết năm học 2024 - 2025",
        "Sơ kết học kỳ I năm học 2025 - 2026",
    ]
    assert [point.label for point in rate.points] == ["2023 - 2024", "2024 - 2025", "01/2026"]
    assert rate.points[0].is_baseline and rate.points[0].province == years.rate_then.baseline_value
    year_end = _row(years.year_end_then, years.rate_then)
    assert rate.points[1].province == year_end.province_value == Decimal("41.30")  # 950 / 2300
    assert rate.points[2].province == _row(years.semester, years.rate).province_value
    count = panels.trends[1]
    assert (
        count.points[1].province
        == Decimal(16)
        == _row(years.year_end_then, years.count_then).province_value
    )
    assert "2024 - 2025" in rate.chart


def test_a_trend_follows_its_plans_back_three_years_and_a_link_back_ends_the_chain(years, leader):
    """A 2026 - 2027 plan continuing the 2025 - 2026 one shows both earlier years, each
    read as for a plan one year on; a link from the oldest indicator back to the newest
    (a mistake) ends the chain instead of going round it."""
    year = SchoolYear.objects.get_or_create(start_year=2026)[0]
    plan = DirectiveFactory(
        issuer=years.plan.issuer, school_year=year, previous_year=years.plan, number="9902"
    )
    rate = IndicatorFactory(
        directive=plan, order=1, name=years.rate.name, rollup_rule="ratio",
        baseline_value=Decimal(70), target_value=Decimal(75), previous=years.rate,
    )  # fmt: skip
    years.rate_then.previous = rate
    years.rate_then.save()
    semester = _period(
        plan, year, ReportingPeriod.Kind.SEMESTER_1, "Sơ kết học kỳ I năm học 2026 - 2027",
        datetime.date(2026, 9, 1), datetime.date(2027, 1, 15),
    )  # fmt: skip
    for n, agency in enumerate(years.reform.communes):
        _approve(semester, agency, {rate: (800 + n, 1000)})
    params = QueryDict(f"year=2026&directive={plan.pk}&period={semester.pk}")
    choice, _form = resolve_choice(params, user=leader)
    trend = indicator_panels(choice, user=leader, params=params).trends[0]
    assert [point.name for point in trend.points] == [
        "Năm trước (năm học 2023 - 2024)",
        "Tổng kết năm học 2024 - 2025",
        "Sơ kết học kỳ I năm học 2025 - 2026",
        "Sơ kết học kỳ I năm học 2026 - 2027",
    ]
    assert [point.province for point in trend.points[:3]] == [
        years.rate_then.baseline_value,
        Decimal("41.30"),
        _row(years.semester, years.rate).province_value,
    ]
    assert trend.points[3].province == _row(semester, rate).province_value


def test_a_merged_communes_line_carries_its_predecessors_figures_marked_as_such(
    years, leader, client
):
    """The commune formed wholly from Tam Đường and Thành phố Lai Châu: last year's point
    is theirs, the rate as summed numerators over summed denominators, the count summed."""
    merged = years.reform.merged
    panels = years.panels(leader, unit=merged.pk)
    assert panels.trend_unit == merged
    rate, count = panels.trends
    assert rate.points[1].unit == Decimal("50.00")  # (300 + 450) / (1000 + 500), not 60
    assert count.points[1].unit == Decimal(12)
    assert rate.points[1].unit_inherited and count.points[1].unit_inherited
    assert rate.points[2].unit == Decimal("70.00") and not rate.points[2].unit_inherited
    note = panels.trend_unit_history.note
    assert "số liệu của các đơn vị trước sắp xếp" in note
    assert years.reform.tamduong.name in note and years.reform.thanhpho.name in note

    client.force_login(leader)
    page = client.get(f"{reverse('dashboard:dashboard_trends')}?{years.query(unit=merged.pk)}")
    html = page.content.decode()
    assert note in html
    assert 'class="trend__inherited"' in html
    assert 'fill="#ffffff"' in rate.chart  # the inherited points are hollow squares


def test_a_split_communes_line_starts_at_the_change(years, leader, client):
    """Sìn Hồ was split in two: neither commune is given a share of its figures."""
    split = years.reform.split_a
    panels = years.panels(leader, unit=split.pk)
    rate, count = panels.trends
    assert rate.points[1].unit is None and count.points[1].unit is None
    assert not any(point.unit_inherited for point in rate.points + count.points)
    assert rate.points[2].unit is not None
    expected = "Đơn vị hình thành từ 01/07/2025, không có số liệu trước sắp xếp."
    assert panels.trend_unit_history.note == expected
    client.force_login(leader)
    page = client.get(f"{reverse('dashboard:dashboard_trends')}?{years.query(unit=split.pk)}")
    assert expected in page.content.decode()


def test_the_comparison_lists_the_units_of_the_chosen_year(years, leader):
    """2025 - 2026 lists the communes and not the closed district that still has a
    target; 2024 - 2025 lists the districts that reported it."""
    listed = {row.agency.pk for row in years.panels(leader).scorecard.rows}
    assert listed == {agency.pk for agency in years.reform.communes}
    params = QueryDict(f"year=2024&directive={years.old.pk}&period={years.year_end_then.pk}")
    choice, _form = resolve_choice(params, user=leader)
    old = indicator_panels(choice, user=leader, params=params)
    names = {row.agency.code for row in old.scorecard.rows}
    assert set(LAST_YEAR) <= names
    assert not names & {agency.code for agency in years.reform.communes}


def test_the_workbook_carries_the_units_line_and_its_note(years, leader):
    merged = years.reform.merged
    params = QueryDict(years.query(unit=merged.pk))
    choice, _form = resolve_choice(params, user=leader)
    book = openpyxl.load_workbook(
        io.BytesIO(dashboard_workbook(choice, user=leader, params=params))
    )
    cells = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    titles = [cell for cell in cells if isinstance(cell, str)]
    assert any(
        title.startswith(f"Xu hướng giá trị của {merged.name}") and "trước sắp xếp" in title
        for title in titles
    )
    assert "Tổng kết năm học 2024 - 2025 (số liệu của các đơn vị trước sắp xếp)" in titles
    assert Decimal("50") in [Decimal(str(c)) for c in cells if isinstance(c, int | float)]


def test_earlier_years_cost_a_few_queries_each_not_one_per_indicator(years, leader):
    """Two more linked indicators cost no query more."""
    years.panels(leader)  # the user's roles are read once
    counts = []
    for extra in range(2):
        if extra:
            for order in (2, 3):
                IndicatorFactory(
                    directive=years.plan, order=10 + order, rollup_rule="ratio",
                    previous=years.old.indicators.get(order=order),
                )  # fmt: skip
        params = QueryDict(years.query(unit=years.reform.merged.pk))
        choice, _form = resolve_choice(params, user=leader)
        with CaptureQueriesContext(connection) as queries:
            indicator_panels(choice, user=leader, params=params)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 30, counts
