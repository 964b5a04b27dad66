"""The dashboard's reporting panel: the headline rates as the completeness board counts
them, and each unit's reporting discipline across the periods of the school year."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from dashboard.choice import Choice
from dashboard.panels import reporting
from dashboard.panels.reporting import Timeliness, reporting_panels
from directives.models import Agency, Directive, SchoolYear
from reports import workflow
from reports.demo import PERIOD_NAME, QUARTER_NAME, YEAR_END_NAME
from reports.models import ProgressReport, ReportingPeriod
from reports.selectors import completeness_board, indicator_rollup
from tests.reports.conftest import complete_input, tamduong_user, targets, travel  # noqa: F401

pytestmark = pytest.mark.django_db

DISTRICTS = [
    "phongtho",
    "tamduong",
    "sinho",
    "muongte",
    "namnhun",
    "thanuyen",
    "tanuyen",
    "thanhpholaichau",
]


def plan() -> Directive:
    return Directive.objects.get(number="3707", symbol="KH-UBND")


def districts(count: int) -> list[Agency]:
    return [Agency.objects.get(code=f"lc-{slug}-ubnd") for slug in DISTRICTS[:count]]


def open_period(staff, *, name, month, due_in_days, units, kind="month"):
    """A monthly period of 3707 (school year 2024 - 2025) ending in ``month``."""
    today = timezone.localdate()
    ends_on = datetime.date(2024 if month >= 9 else 2025, month, 28)
    return workflow.open_period(
        directive=plan(),
        school_year=SchoolYear.objects.get(start_year=2024),
        kind=kind,
        name=name,
        starts_on=ends_on.replace(day=1),
        ends_on=ends_on,
        due_on=today + datetime.timedelta(days=due_in_days),
        locks_on=today + datetime.timedelta(days=max(due_in_days, 0) + 60),
        by=staff,
        units=units,
    )


def choice_of(period=None, *, on=None, unit_ids=None) -> Choice:
    directive = plan()
    return Choice(
        school_year=directive.school_year,
        directive=directive,
        period=period,
        on=on or timezone.localdate(),
        unit_ids=unit_ids,
    )


def fill_and_submit(report, user):
    report.refresh_from_db()
    report = workflow.save_report(
        report=report, data=complete_input(report), expected_version=report.version, by=user
    )
    return workflow.submit_report(report=report, by=user)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def discipline_row(page: str, unit: str) -> str:
    table = re.search(r'<table class="table table--stack discipline".*?</table>', page, re.S)
    for row in re.findall(r"<tr[^>]*>.*?</tr>", table.group(0), flags=re.S):
        if unit in row:
            return row
    raise AssertionError(f"{unit} has no row in the discipline table")


@pytest.fixture
def two_periods(staff_user, unit_user, tamduong_user, targets, travel):  # noqa: F811
    """October (due in 7 days) and November (due in 30) for Phong Thổ, Tam Đường and Sìn
    Hồ. In October Phong Thổ submits on time and is returned, Tam Đường submits 3 days
    late and is approved, Sìn Hồ submits nothing; then the clock stands 10 days on."""
    units = districts(3)
    october = open_period(staff_user, name="Báo cáo tháng 10", month=10, due_in_days=7, units=units)
    november = open_period(
        staff_user, name="Báo cáo tháng 11", month=11, due_in_days=30, units=units
    )
    phongtho = october.reports.get(agency__code="lc-phongtho-ubnd")
    fill_and_submit(phongtho, unit_user)
    workflow.return_report(report=phongtho, reason="Bổ sung số liệu xã.", by=staff_user)
    travel(10)
    tamduong = fill_and_submit(october.reports.get(agency__code="lc-tamduong-ubnd"), tamduong_user)
    workflow.approve_report(report=tamduong, by=staff_user)
    return october, november


def test_headline_counts_and_rates_are_those_of_the_completeness_board(two_periods, staff_user):
    """Expected, submitted (first submission), on time and approved are the board's
    numbers; the rates are each of them over the reports expected, as DHIS2 counts."""
    october, _november = two_periods
    headline = reporting_panels(choice_of(october), user=staff_user).headline
    board = completeness_board(october)
    expected = len(board.rows)
    submitted = sum(1 for row in board.rows if row.report.first_submitted_at)
    on_time = sum(1 for row in board.rows if row.on_time)
    approved = dict((status, n) for status, _label, n in board.counts)["approved"]
    assert (
        (headline.expected, headline.submitted, headline.on_time, headline.approved)
        == (
            expected,
            submitted,
            on_time,
            approved,
        )
        == (3, 2, 1, 1)
    )
    assert (headline.late, headline.overdue) == (board.late_count, board.overdue_count) == (1, 1)
    assert headline.reporting_rate == Decimal("66.7")  # 2 of 3
    assert headline.on_time_rate == Decimal("33.3")  # 1 of 3
    assert headline.approved_rate == Decimal("33.3")
    rates = {line.key: line.rate for line in headline.lines}
    assert rates == {
        "expected": None,
        "submitted": Decimal("66.7"),
        "on_time": Decimal("33.3"),
        "approved": Decimal("33.3"),
    }


def test_without_a_period_the_headline_is_the_latest_period_due_by_the_day(two_periods, staff_user):
    october, november = two_periods
    today = timezone.localdate()
    assert reporting_panels(choice_of(on=today), user=staff_user).headline.period == october
    later = today + datetime.timedelta(days=25)
    assert reporting_panels(choice_of(on=later), user=staff_user).headline.period == november
    early = today - datetime.timedelta(days=30)
    assert reporting_panels(choice_of(on=early), user=staff_user).headline is None


def test_headline_page_shows_the_rates_and_links_every_count_to_the_board(
    client, two_periods, staff_user
):
    october, _november = two_periods
    client.force_login(staff_user)
    choice = choice_of(october)
    response = client.get(reverse("dashboard:dashboard") + "?" + choice.query())
    assert response.status_code == 200
    page = response.content.decode()
    rates = re.search(r'<table class="table table--stack reporting-rates".*?</table>', page, re.S)
    assert rates, "no headline table"
    rates_text = text(rates.group(0))
    assert "Số báo cáo phải nộp 3" in rates_text
    assert "Đã nộp 2 66,7 %" in rates_text
    assert "Nộp đúng hạn 1 33,3 %" in rates_text
    assert "Đã duyệt 1 33,3 %" in rates_text
    board_url = reverse("reports:period_detail", args=[october.pk])
    links = re.findall(r'href="([^"]+)"', rates.group(0))
    assert len(links) == 4 and all(link.startswith(board_url + "?") for link in links)
    # The link keeps the choice, so that the way back is the same dashboard.
    assert unescape(links[0]).endswith(choice.query())
    assert "<svg" in page and 'aria-label="Tỷ lệ báo cáo' in page
    assert "style=" not in page.split('id="reporting-title"')[1]


def test_discipline_cells_say_on_time_late_missing_and_returned(client, two_periods, staff_user):
    """Each cell is a word (and a mark), not a colour, and opens that report; the least
    disciplined unit comes first; every unit has its totals."""
    october, november = two_periods
    panels = reporting_panels(choice_of(october), user=staff_user)
    rows = {row.agency.code: row for row in panels.discipline.rows}
    assert [p.pk for p in panels.discipline.periods] == [october.pk, november.pk]
    phongtho, tamduong, sinho = (
        rows["lc-phongtho-ubnd"],
        rows["lc-tamduong-ubnd"],
        rows["lc-sinho-ubnd"],
    )
    assert (phongtho.cells[0].timeliness, phongtho.cells[0].returned) == (Timeliness.ON_TIME, True)
    assert (tamduong.cells[0].timeliness, tamduong.cells[0].days) == (Timeliness.LATE, 3)
    assert tamduong.cells[0].approved
    assert (sinho.cells[0].timeliness, sinho.cells[0].days) == (Timeliness.MISSING, 3)
    assert all(row.cells[1].timeliness == Timeliness.PENDING for row in rows.values())
    # Missing first, then late, then the rest.
    assert [row.agency.code for row in panels.discipline.rows] == [
        "lc-sinho-ubnd",
        "lc-tamduong-ubnd",
        "lc-phongtho-ubnd",
    ]
    assert (sinho.missing, sinho.days_overdue, sinho.expected) == (1, 3, 2)
    assert (tamduong.late, tamduong.days_late, tamduong.approved) == (1, 3, 1)
    assert (phongtho.on_time, phongtho.returned) == (1, 1)

    client.force_login(staff_user)
    page = client.get(reverse("dashboard:dashboard") + "?" + choice_of(october).query())
    page = page.content.decode()
    row = discipline_row(page, "Phong Thổ")
    report = october.reports.get(agency__code="lc-phongtho-ubnd")
    assert f'href="{report.get_absolute_url()}"' in row
    assert "✓ Đúng hạn ↩ Trả lại" in text(row)
    row = text(discipline_row(page, "Tam Đường"))
    assert "◔ muộn 3 ngày ✔ Đã duyệt" in row
    assert "✗ Chưa nộp, quá hạn 3 ngày" in text(discipline_row(page, "Sìn Hồ"))
    assert "… Chưa đến hạn" in row
    # The province's column totals: the board's reporting rate of each period.
    assert "Toàn tỉnh" in page and "2/3 (66,7 %)" in page
    assert page.index("Sìn Hồ", page.index("discipline")) < page.index(
        "Phong Thổ", page.index("discipline")
    )


def test_a_reporting_unit_sees_its_own_row_against_the_province(client, two_periods, unit_user):
    october, _november = two_periods
    client.force_login(unit_user)
    response = client.get(reverse("dashboard:dashboard") + "?" + choice_of(october).query())
    assert response.status_code == 200
    page = response.content.decode()
    table = re.search(r'<table class="table table--stack discipline".*?</table>', page, re.S)
    body = table.group(0).split("<tbody>")[1].split("</tbody>")[0]
    assert "Phong Thổ" in body
    assert "Tam Đường" not in body and "Sìn Hồ" not in body
    # The province line is the whole province's, not the unit's alone.
    assert "2/3 (66,7 %)" in table.group(0)
    # The headline says where the unit itself stands.
    assert "Đơn vị của bạn, Ủy ban nhân dân huyện Phong Thổ" in text(page)
    own = reporting_panels(
        choice_of(october, unit_ids=frozenset({unit_user.agency_id})), user=unit_user
    )
    assert [row.agency.pk for row in own.discipline.rows] == [unit_user.agency_id]
    assert own.headline.expected == 3  # against the province


def test_the_discipline_takes_the_same_queries_for_two_periods_as_for_six(
    staff_user,
    unit_user,
    targets,  # noqa: F811
):
    """One query for the periods, one for all their reports, one for the board."""
    small = [
        open_period(staff_user, name=f"Tháng {m}", month=m, due_in_days=-5 + m, units=districts(2))
        for m in (9, 10)
    ]
    fill_and_submit(small[0].reports.get(agency__code="lc-phongtho-ubnd"), unit_user)
    choice = choice_of(small[0])
    with CaptureQueriesContext(connection) as small_queries:
        panels = reporting_panels(choice, user=staff_user)
    assert len(panels.discipline.periods) == 2 and len(panels.discipline.rows) == 2

    for m in (11, 12, 1, 2):
        open_period(staff_user, name=f"Tháng {m}", month=m, due_in_days=m, units=districts(8))
    with CaptureQueriesContext(connection) as large_queries:
        panels = reporting_panels(choice, user=staff_user)
    assert len(panels.discipline.periods) == 6 and len(panels.discipline.rows) == 8
    assert len(large_queries) == len(small_queries) <= 3, [
        q["sql"] for q in large_queries.captured_queries
    ]


def test_the_discipline_stops_after_the_least_disciplined_units(
    client, staff_user, unit_user, monkeypatch
):
    """At national scale the table shows the laggards, and says how many units it leaves
    to the boards."""
    monkeypatch.setattr(reporting, "DISCIPLINE_ROWS", 2)
    period = open_period(staff_user, name="Tháng 10", month=10, due_in_days=-3, units=districts(5))
    fill_and_submit(period.reports.get(agency__code="lc-phongtho-ubnd"), unit_user)
    panels = reporting_panels(choice_of(period), user=staff_user)
    assert (len(panels.discipline.rows), panels.discipline.units, panels.discipline.hidden) == (
        2,
        5,
        3,
    )
    assert "lc-phongtho-ubnd" not in {row.agency.code for row in panels.discipline.rows}
    client.force_login(staff_user)
    page = client.get(reverse("dashboard:dashboard") + "?" + choice_of(period).query())
    assert "2 đơn vị chấp hành kém nhất trong số 5 đơn vị" in text(page.content.decode())


def test_the_demo_has_three_periods_and_the_dashboard_compares_them(client, demo):
    """Quarter I closed (most districts approved, Mường Tè late, Phong Thổ missing), then
    the mid-year review; the province's values rise from the quarter to the
    semester, and Tam Đường stays behind in both."""
    semester = demo
    periods = ReportingPeriod.objects.filter(directive=plan(), is_demo=True)
    assert sorted(p.name for p in periods) == sorted([PERIOD_NAME, QUARTER_NAME, YEAR_END_NAME])
    quarter = periods.get(name=QUARTER_NAME)
    assert quarter.kind == "quarter" and quarter.due_on < semester.due_on
    assert quarter.locks_on < timezone.localdate()  # closed

    board = {row.report.agency.code: row for row in completeness_board(quarter).rows}
    district_rows = {code: row for code, row in board.items() if code.endswith("-ubnd")}
    approved = [c for c, row in district_rows.items() if row.report.status == "approved"]
    assert len(approved) == 7
    assert district_rows["lc-muongte-ubnd"].days_late > 0
    assert district_rows["lc-phongtho-ubnd"].report.status == ProgressReport.Status.NOT_STARTED
    assert district_rows["lc-phongtho-ubnd"].days_overdue > 0
    assert district_rows["lc-namnhun-ubnd"].report.return_reason  # returned once, then fixed

    earlier = {row.indicator.order: row for row in indicator_rollup(quarter)}
    later = {row.indicator.order: row for row in indicator_rollup(semester)}
    ratios = [o for o, row in later.items() if row.denominator and earlier[o].province_value]
    rising = [o for o in ratios if earlier[o].province_value < later[o].province_value]
    assert len(rising) >= 0.8 * len(ratios), (rising, ratios)
    for period_rows in (earlier, later):
        units = {u.agency.code: u.value for u in period_rows[2].units if u.value is not None}
        assert units["lc-tamduong-ubnd"] == min(units.values()), units

    client.force_login(User.objects.get(username="lanhdao"))
    response = client.get(reverse("dashboard:dashboard") + "?" + choice_of(semester).query())
    assert response.status_code == 200
    page = response.content.decode()
    table = re.search(r'<table class="table table--stack discipline".*?</table>', page, re.S)
    head = table.group(0).split("</thead>")[0]
    assert head.index(QUARTER_NAME) < head.index(PERIOD_NAME)
    assert PERIOD_NAME in page.split('id="reporting-headline"')[1][:200]
    # The laggards come first: Phong Thổ has missed both reports.
    first_row = text(table.group(0).split("<tbody>")[1].split("</tr>")[0])
    assert first_row.startswith("Ủy ban nhân dân huyện Phong Thổ"), first_row
    assert "◔ muộn 4 ngày ✔ Đã duyệt ◔ muộn 2 ngày ⋯ Chờ duyệt" in text(
        discipline_row(page, "Mường Tè")
    )
    assert "✓ Đúng hạn ↩ Trả lại ✔ Đã duyệt ✓ Đúng hạn ↩ Trả lại" in text(
        discipline_row(page, "Nậm Nhùn")
    )
