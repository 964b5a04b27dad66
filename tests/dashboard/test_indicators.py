"""The dashboard's indicator panels: the headline by judgement, targets at risk, the unit
scorecard and the trends, with the same numbers as the roll-up page."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from dashboard.choice import resolve_choice
from dashboard.panels.indicators import indicator_panels
from indicators.models import IndicatorTarget
from indicators.rollup import Judgement
from reports.models import IndicatorValue, ProgressReport, ReportingPeriod
from reports.selectors import indicator_rollup, indicator_rollups
from tests.factories import (
    AgencyFactory,
    DirectiveFactory,
    IndicatorFactory,
    SchoolYearFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- the data: a small plan with three indicators, units and periods --------------------


class Plan:
    """A directive with a rate to raise, a rate to lower and a count of communes to
    raise, ``units`` district offices with their own targets, and ``periods`` periods
    whose reports are approved with the figures ``figures(period_index, unit_index)``."""

    def __init__(self, *, units=3, periods=2, extra_indicators=0, figures=None):
        self.year = SchoolYearFactory(start_year=2030)
        self.baseline_year = SchoolYearFactory(start_year=2029)
        self.directive = DirectiveFactory(school_year=self.year)
        d = self.directive
        self.attendance = IndicatorFactory(
            directive=d, order=1, name="Tỷ lệ trẻ em đi học đúng độ tuổi", unit="%",
            rollup_rule="ratio", direction="raise", baseline_value=Decimal(90),
            target_value=Decimal(95), baseline_year=self.baseline_year,
        )  # fmt: skip
        self.dropout = IndicatorFactory(
            directive=d, order=2, name="Tỷ lệ học sinh bỏ học", unit="%",
            rollup_rule="ratio", direction="lower", baseline_value=Decimal(3),
            target_value=Decimal(2), baseline_year=self.baseline_year,
        )  # fmt: skip
        self.communes = IndicatorFactory(
            directive=d, order=3, name="Số xã đạt chuẩn phổ cập", unit="xã",
            rollup_rule="sum", direction="raise", baseline_value=Decimal(4),
            target_value=Decimal(12), baseline_year=self.baseline_year,
        )  # fmt: skip
        self.indicators = [self.attendance, self.dropout, self.communes]
        for n in range(extra_indicators):
            self.indicators.append(
                IndicatorFactory(
                    directive=d,
                    order=4 + n,
                    unit="%",
                    rollup_rule="ratio",
                    baseline_value=Decimal(50),
                    target_value=Decimal(60),
                )  # fmt: skip
            )
        self.units = [
            AgencyFactory(name=f"Phòng Giáo dục huyện {chr(65 + n)}", short_name="")
            for n in range(units)
        ]
        for unit in self.units:
            for indicator in self.indicators:
                IndicatorTarget.objects.create(
                    indicator=indicator,
                    agency=unit,
                    baseline_value=indicator.baseline_value
                    if indicator.rollup_rule == "ratio"
                    else Decimal(1),
                    target_value=indicator.target_value
                    if indicator.rollup_rule == "ratio"
                    else Decimal(4),
                )
        self.periods = []
        figures = figures or default_figures
        for p in range(periods):
            ends = datetime.date(2031, 1 + 2 * p, 15)
            period = ReportingPeriod.objects.create(
                directive=d, school_year=self.year, kind="quarter",
                name=f"Báo cáo quý {p + 1} năm học 2030 - 2031",
                starts_on=datetime.date(2030, 9, 5), ends_on=ends,
                due_on=ends + datetime.timedelta(days=5),
                locks_on=ends + datetime.timedelta(days=30),
            )  # fmt: skip
            self.periods.append(period)
            for u, unit in enumerate(self.units):
                report = ProgressReport.objects.create(
                    period=period, agency=unit, status=ProgressReport.Status.APPROVED
                )
                for indicator in self.indicators:
                    figure = figures(p, u, indicator)
                    if figure is None:
                        continue
                    if indicator.rollup_rule == "ratio":
                        numerator, denominator = figure
                        IndicatorValue.objects.create(
                            report=report, indicator=indicator,
                            numerator=Decimal(numerator), denominator=Decimal(denominator),
                            value=Decimal(numerator) * 100 / Decimal(denominator),
                        )  # fmt: skip
                    else:
                        IndicatorValue.objects.create(
                            report=report, indicator=indicator, value=Decimal(figure)
                        )

    def query(self, period=None, **extra) -> str:
        data = {"year": 2030, "directive": self.directive.pk}
        data["period"] = (period or self.periods[-1]).pk
        data.update(extra)
        return "&".join(f"{k}={v}" for k, v in data.items())

    def panels(self, user, period=None, **extra):
        params = QueryDict(self.query(period, **extra))
        choice, _form = resolve_choice(params, user=user)
        return indicator_panels(choice, user=user, params=params)


def default_figures(p, u, indicator):
    """Attendance 90 % in unit A (no better than its baseline), about 96 % elsewhere;
    dropout 3 % in A and C, 1 % in B; communes 1, 2, 3, one more each period."""
    if indicator.order == 1:
        return (900, 1000) if u == 0 else (960 + p, 1000)
    if indicator.order == 2:
        return (10, 1000) if u == 1 else (30 + p, 1000)
    if indicator.order == 3:
        return u + 1 + p
    return (550, 1000)


def dashboard_url(query: str) -> str:
    return f"{reverse('dashboard:dashboard')}?{query}"


# --- headline ----------------------------------------------------------------------------


def test_headline_counts_the_rollups_judgements_for_the_same_period(plan, leader):
    """Đạt, Tiến bộ, Chưa đạt and "not yet" add up the roll-up page's judgements."""
    period = plan.periods[0]
    expected = {judgement: 0 for judgement in [*Judgement, None]}
    for row in indicator_rollup(period):
        expected[row.judgement] += 1
    panels = plan.panels(leader, period)
    shown = {item.mark.key: item.count for item in panels.headline}
    assert shown == {
        "met": expected[Judgement.MET],
        "progress": expected[Judgement.PROGRESS],
        "not_met": expected[Judgement.NOT_MET],
        "none": expected[None],
    }
    assert sum(shown.values()) == len(plan.indicators)
    rollup = reverse("reports:period_rollup", args=[period.pk])
    assert all(item.url == rollup for item in panels.headline)


def test_headline_on_the_seed_plan_matches_the_rollup_page(client, demo, leadership_user):
    """On 3707 with the demo's approved reports, each count links to the roll-up and
    the counts are those the roll-up judges."""
    period = demo
    client.force_login(leadership_user)
    response = client.get(
        dashboard_url(f"directive={period.directive_id}&period={period.pk}"
                      f"&year={period.school_year.start_year}")
    )  # fmt: skip
    assert response.status_code == 200
    panels = response.context["indicators"]
    rows = indicator_rollup(period)
    for item in panels.headline:
        judged = [r for r in rows if (str(r.judgement) if r.judgement else "none") == item.mark.key]
        assert item.count == len(judged)
        assert [i.pk for i, _url in item.indicators] == [r.indicator.pk for r in judged]
    rollup = reverse("reports:period_rollup", args=[period.pk])
    content = response.content.decode()
    assert f'href="{rollup}"' in content
    assert f'href="{rollup}#indicator-' in content


def test_without_a_period_the_latest_ended_period_is_shown(plan, leader):
    """ "As of" a date only: the latest period that has ended by that day."""
    params = QueryDict(f"year=2030&directive={plan.directive.pk}&period=&on=01/03/2031")
    choice, _form = resolve_choice(params, user=leader)
    assert choice.period is None
    panels = indicator_panels(choice, user=leader, params=params)
    assert panels.period == plan.periods[0]  # the second ends on 15/03/2031
    assert not panels.chosen


def test_without_an_ended_period_the_panel_says_so(client, plan, leader):
    client.force_login(leader)
    response = client.get(
        dashboard_url(f"year=2030&directive={plan.directive.pk}&period=&on=01/10/2030")
    )
    assert response.context["indicators"].period is None
    assert "Chưa có kỳ báo cáo nào của văn bản này kết thúc trước" in response.content.decode()


# --- targets at risk ---------------------------------------------------------------------


def test_targets_at_risk_are_ordered_by_the_gap_in_the_indicators_direction(plan, leader):
    """6 communes of 12 is half-way short; a rate to lower at 2,33 % against a target of
    2 % is 17 % behind, further than a rate to raise at 94 % against 95 % (1 %): read
    the other way, the rate to lower would look ahead of its target. The units
    furthest behind their own targets come first."""
    panels = plan.panels(leader, plan.periods[0])
    rows = {row.indicator.pk: row for row in indicator_rollup(plan.periods[0])}
    assert rows[plan.dropout.pk].province_value == Decimal("2.33")
    order = [risk.indicator for risk in panels.at_risk]
    assert order == [plan.communes, plan.dropout, plan.attendance]
    assert all(rows[i.pk].judgement != Judgement.MET for i in order)
    dropout = panels.at_risk[1]
    # Unit B (1 %) is under its target of 2 %: it is not behind.
    assert [u.agency for u in dropout.units] == [plan.units[0], plan.units[2]]
    attendance = panels.at_risk[2]
    assert [u.agency for u in attendance.units] == [plan.units[0]]
    report = ProgressReport.objects.get(period=plan.periods[0], agency=plan.units[0])
    assert attendance.units[0].url == reverse("reports:report_detail", args=[report.pk])


def test_a_lower_indicator_under_its_target_is_not_at_risk(leader):
    """Dropout at 1 % everywhere, target 2 %, to lower: met, so not at risk."""

    def figures(p, u, indicator):
        if indicator.order == 2:
            return (10, 1000)
        return default_figures(p, u, indicator)

    plan = Plan(figures=figures)
    panels = plan.panels(leader)
    assert plan.dropout not in [risk.indicator for risk in panels.at_risk]
    met = next(item for item in panels.headline if item.mark.key == "met")
    assert plan.dropout in [i for i, _url in met.indicators]


# --- the scorecard -----------------------------------------------------------------------


def test_scorecard_puts_the_province_first_and_judges_each_cell_on_the_units_target(
    client, plan, leader
):
    client.force_login(leader)
    response = client.get(dashboard_url(plan.query(plan.periods[0])))
    card = response.context["indicators"].scorecard
    assert card.province.agency is None
    assert [c.value for c in card.province.cells] == [
        r.province_value for r in indicator_rollup(plan.periods[0])
    ]
    assert [row.agency for row in card.rows] == plan.units  # by name
    a = card.rows[0]
    assert [cell.mark.key for cell in a.cells] == ["not_met", "not_met", "not_met"]
    assert [cell.mark.key for cell in card.rows[1].cells] == ["met", "met", "progress"]
    content = response.content.decode()
    for symbol_and_word in ("✓</span> Đạt", "✗</span> Chưa đạt", "Toàn tỉnh"):
        assert symbol_and_word in content
    report = ProgressReport.objects.get(period=plan.periods[0], agency=plan.units[0])
    assert a.cells[0].url == reverse("reports:report_detail", args=[report.pk])


def test_every_judgement_has_a_symbol_and_a_word(leader):
    """Tiến bộ and "no data" too: colour never carries the meaning alone."""

    def figures(p, u, indicator):
        if indicator.order == 1 and u == 0:
            return (920, 1000)  # better than the baseline 90 %, short of 95 %: Tiến bộ
        if indicator.order == 3 and u == 2:
            return None
        return default_figures(p, u, indicator)

    plan = Plan(figures=figures)
    card = plan.panels(leader).scorecard
    marks = {cell.mark.key: cell.mark for row in card.rows for cell in row.cells}
    assert (marks["progress"].symbol, marks["progress"].word) == ("↗", "Tiến bộ")
    assert (marks["none"].symbol, marks["none"].word) == ("—", "chưa có số liệu")
    assert (marks["met"].symbol, marks["not_met"].symbol) == ("✓", "✗")


def test_scorecard_sorts_by_an_indicator_column_both_ways(plan, leader):
    """Sorted by attendance: A (90 %) first ascending, last descending; links keep the
    rest of the choice and flip the direction."""
    column = f"ind-{plan.attendance.pk}"
    card = plan.panels(leader, sort=column).scorecard
    assert card.rows[0].agency == plan.units[0]
    card = plan.panels(leader, sort=column, dir="desc").scorecard
    assert card.rows[-1].agency == plan.units[0]
    link = next(link for indicator, link in card.columns if indicator == plan.attendance)
    assert link.order == "descending"
    assert f"sort={column}" in link.url and "dir=desc" not in link.url
    assert (
        f"directive={plan.directive.pk}" in link.url and f"period={plan.periods[-1].pk}" in link.url
    )


def test_ranking_counts_met_then_progress_and_sorts_by_it(leader):
    """B meets all three targets; C meets one and progresses on one; A meets none."""

    def figures(p, u, indicator):
        if u == 1:
            return {1: (990, 1000), 2: (5, 1000), 3: 9}[indicator.order]  # all met
        return default_figures(p, u, indicator)

    plan = Plan(figures=figures)
    card = plan.panels(leader, plan.periods[0], sort="rank").scorecard
    a, b, c = plan.units
    assert [row.agency for row in card.rows] == [b, c, a]
    assert [(row.rank, row.met, row.progress) for row in card.rows] == [
        (1, 3, 0), (2, 1, 1), (3, 0, 0),
    ]  # fmt: skip
    assert card.rank_sort.order == "ascending"
    worst_first = plan.panels(leader, plan.periods[0], sort="rank", dir="desc").scorecard
    assert [row.agency for row in worst_first.rows] == [a, c, b]


def test_units_with_as_many_met_and_progress_share_a_place(leader):
    """A reports as C does: both share second place, and the next unit is fourth."""

    def figures(p, u, indicator):
        if u == 3:
            return None
        return default_figures(p, 2 if u == 0 else u, indicator)

    plan = Plan(units=4, figures=figures)
    card = plan.panels(leader, plan.periods[0], sort="rank").scorecard
    a, b, c, d = plan.units
    assert [(row.agency, row.rank) for row in card.rows] == [(b, 1), (a, 2), (c, 2), (d, 4)]


def test_empty_rows_can_be_hidden(leader):
    """A unit with no approved figure at all is left out with empty=hide, and counted."""

    def figures(p, u, indicator):
        return None if u == 2 else default_figures(p, u, indicator)

    plan = Plan(figures=figures)
    shown = plan.panels(leader).scorecard
    assert plan.units[2] in [row.agency for row in shown.rows]
    assert "empty=hide" in shown.toggle_empty_url
    hidden = plan.panels(leader, empty="hide").scorecard
    assert [row.agency for row in hidden.rows] == plan.units[:2]
    assert hidden.hidden == 1 and hidden.hiding
    assert "empty=" not in hidden.toggle_empty_url


def test_a_unit_sees_its_own_row_and_the_provinces_only(client, plan):
    user = UserFactory(username="pgd-dash", role=roles.REPORTING_UNIT, agency=plan.units[1])
    client.force_login(user)
    response = client.get(dashboard_url(plan.query()))
    panels = response.context["indicators"]
    assert [row.agency for row in panels.scorecard.rows] == [plan.units[1]]
    assert (
        panels.scorecard.province.cells[0].value
        == indicator_rollup(plan.periods[-1])[0].province_value
    )
    for risk in panels.at_risk:
        assert {u.agency for u in risk.units} <= {plan.units[1]}
    content = response.content.decode()
    assert plan.units[0].name not in content and plan.units[2].name not in content
    # Its trends page draws its own line beside the province's, and no other unit's.
    response = client.get(panels.trends_url)
    assert response.context["indicators"].trend_unit == plan.units[1]
    content = response.content.decode()
    assert plan.units[0].name not in content and plan.units[2].name not in content


def test_a_unit_cannot_ask_for_another_units_trend(plan):
    user = UserFactory(username="pgd-dash-2", role=roles.REPORTING_UNIT, agency=plan.units[1])
    panels = plan.panels(user, unit=plan.units[0].pk)
    assert panels.trend_unit == plan.units[1]
    assert all(point.unit != Decimal(1) for point in panels.trends[2].points[1:])


# --- trends ------------------------------------------------------------------------------


def test_trend_values_equal_each_periods_rollup(plan, leader):
    """From the baseline, each period's point is that period's roll-up value."""
    panels = plan.panels(leader)
    assert len(panels.trends) == len(plan.indicators)
    for index, trend in enumerate(panels.trends):
        indicator = plan.indicators[index]
        assert trend.points[0].is_baseline
        assert trend.points[0].province == indicator.baseline_value
        assert "2029 - 2030" in trend.points[0].name
        expected = [indicator_rollup(period)[index].province_value for period in plan.periods]
        assert [point.province for point in trend.points[1:]] == expected
        assert "<svg" in trend.chart and "<script" not in trend.chart
    # The two periods are different, so the trend is not one value repeated.
    communes = panels.trends[2]
    assert communes.points[1].province != communes.points[2].province


def test_the_combined_rollup_equals_the_rollup_of_each_period(plan):
    """Every figure, judgement and unit of ``indicator_rollups`` is the roll-up page's."""
    combined = indicator_rollups(plan.directive, plan.periods)
    for period in plan.periods:
        one = indicator_rollup(period)
        both = combined[period.pk]
        for single, many in zip(one, both, strict=True):
            assert (single.indicator, single.province_value, single.judgement) == (
                many.indicator, many.province_value, many.judgement,
            )  # fmt: skip
            assert (single.achievement, single.numerator, single.denominator) == (
                many.achievement, many.numerator, many.denominator,
            )  # fmt: skip
            assert single.units == many.units
            assert single.missing_units == many.missing_units


def test_a_units_trend_shows_its_own_values(plan, leader):
    unit = plan.units[0]
    panels = plan.panels(leader, unit=unit.pk)
    assert panels.trend_unit == unit
    communes = panels.trends[2]
    assert [point.unit for point in communes.points] == [Decimal(1), Decimal(1), Decimal(2)]
    assert communes.points[1].unit_url


def test_trend_chart_escapes_its_text(leader):
    plan = Plan(units=1, periods=1)
    plan.attendance.name = "Tỷ lệ <b>đi học</b> & chuyên cần"
    plan.attendance.save()
    chart = plan.panels(leader).trends[0].chart
    assert "<b>" not in chart and "&lt;b&gt;" in chart
    assert "style=" not in chart


# --- a bounded number of queries ---------------------------------------------------------


def test_queries_do_not_grow_with_units_indicators_and_periods(db):
    """Three units × three indicators × two periods costs what twelve units × eight
    indicators × four periods costs."""
    counts = []
    for size in ({}, {"units": 12, "periods": 4, "extra_indicators": 5}):
        plan = Plan(**size)
        leader = UserFactory(role=roles.LEADERSHIP)
        plan.panels(leader)  # the user's roles are read once
        params = QueryDict(plan.query(unit=plan.units[0].pk))
        choice, _form = resolve_choice(params, user=leader)
        with CaptureQueriesContext(connection) as queries:
            indicator_panels(choice, user=leader, params=params)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 16, counts


def test_dashboard_page_query_count_is_bounded(client, leader, django_assert_max_num_queries):
    plan = Plan(units=10, periods=3, extra_indicators=4)
    client.force_login(leader)
    with django_assert_max_num_queries(40):
        response = client.get(dashboard_url(plan.query()))
    assert response.status_code == 200


def test_a_country_of_units_is_compared_a_page_at_a_time(demo):
    """Thousands of communes do not make a page of megabytes: the comparison shows 50
    units at a time, in the order chosen, with links to the next and previous pages."""
    from dashboard.panels import indicators as module

    period = demo
    from accounts.models import User
    from dashboard.choice import resolve_choice

    leader = User.objects.get(username="lanhdao")
    choice, _form = resolve_choice({"period": str(period.pk)}, user=leader)
    original = module.SCORECARD_ROWS
    module.SCORECARD_ROWS = 3
    try:
        first = module.indicator_panels(choice, user=leader, params={"sort": "rank"}).scorecard
        second = module.indicator_panels(
            choice, user=leader, params={"sort": "rank", "page": "2"}
        ).scorecard
    finally:
        module.SCORECARD_ROWS = original
    assert len(first.rows) == 3 and (first.first, first.last) == (1, 3)
    assert first.total > 3 and "page=2" in first.next_url and first.previous_url == ""
    assert "sort=rank" in first.next_url
    assert (second.first, second.last) == (4, min(6, first.total))
    assert "page=1" in second.previous_url
    assert max(r.rank for r in first.rows) <= min(r.rank for r in second.rows)
    assert {r.agency.pk for r in first.rows}.isdisjoint({r.agency.pk for r in second.rows})
