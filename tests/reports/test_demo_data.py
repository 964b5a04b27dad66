"""The demo period: a realistic mix, created once, only with DEBUG on."""

import io

import openpyxl
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from accounts import roles as roles_module
from accounts.models import User
from directives.assigning import tasks_without_lead
from directives.models import Agency, Directive, Task
from directives.task_state import accounting_queryset, task_accounting
from reports.demo import PERIOD_NAME, YEAR_END_NAME, load_demo_data
from reports.exports.synthesis import task_status_summary
from reports.exports.xlsx import TASK_STATUS_SHEET, directive_workbook
from reports.models import ProgressReport, ReportingPeriod
from reports.selectors import completeness_board, indicator_rollup

pytestmark = pytest.mark.django_db


def test_demo_period_has_a_realistic_mix(demo):
    period = demo
    assert period.name == PERIOD_NAME and period.is_demo
    statuses = dict(period.reports.values_list("agency__code", "status"))
    assert statuses["lc-thanhpholaichau-ubnd"] == "approved"
    assert statuses["lc-sinho-ubnd"] == "submitted"
    assert statuses["lc-namnhun-ubnd"] == "returned"
    assert statuses["lc-phongtho-ubnd"] == "not_started"
    board = completeness_board(period)
    rows = {row.report.agency.code: row for row in board.rows}
    assert rows["lc-muongte-ubnd"].days_late > 0  # submitted after the due date
    assert rows["lc-sinho-ubnd"].days_late == 0 and rows["lc-sinho-ubnd"].on_time
    assert rows["lc-phongtho-ubnd"].days_late == 0  # nothing submitted yet...
    assert rows["lc-phongtho-ubnd"].days_overdue > 0  # ...and past due
    rows = {row.indicator.order: row for row in indicator_rollup(period)}
    # Four approved districts: values near the targets, the others still missing.
    assert 95 < rows[2].province_value <= 100
    assert len(rows[2].missing_units) == 4
    assert load_demo_data() is None
    # Loaded again, nothing is added: the quarter, this period and the year-end review.
    assert ReportingPeriod.objects.filter(is_demo=True).count() == 3
    returned = period.reports.get(agency__code="lc-namnhun-ubnd")
    assert "Chỉ tiêu 8" in returned.return_reason
    assert ProgressReport.history.filter(id=returned.pk).count() >= 3


def test_the_demo_year_happened_when_it_did(demo):
    """2024 - 2025 is past: every period is locked at its own date, and the year-end
    review is complete, every unit approved (Phong Thổ late), with the Sở's own figures,
    so that the next school year has baselines."""
    periods = {p.kind: p for p in ReportingPeriod.objects.filter(is_demo=True)}
    assert all(p.locks_on < timezone.localdate() for p in periods.values())
    year_end = periods[ReportingPeriod.Kind.YEAR_END]
    assert year_end.name == YEAR_END_NAME and year_end.ends_on.isoformat() == "2025-05-31"
    statuses = set(year_end.reports.values_list("status", flat=True))
    assert (
        statuses == {"approved"} and year_end.reports.count() == 8 + 1 + 4
    )  # districts, the Sở, its divisions
    board = {row.report.agency.code: row for row in completeness_board(year_end).rows}
    assert board["lc-phongtho-ubnd"].days_late > 0 and board["lc-tamduong-ubnd"].on_time
    rows = {row.indicator.order: row for row in indicator_rollup(year_end)}
    assert not rows[2].missing_units and 95 < rows[2].province_value <= 100
    assert rows[16].province_value == 92  # entered by the Sở, not rolled up
    first = year_end.reports.get(agency__code="lc-tamduong-ubnd").first_submitted_at
    assert timezone.localtime(first).date() < year_end.due_on


def test_demo_data_is_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        load_demo_data()


def test_after_the_demo_every_task_of_the_seed_plans_has_a_lead(demo):
    """Section III of 3707 is assigned as its section IV says: the Sở (or the division it
    hands a group to) leads, every district implements in its area; the other seed plans
    are settled the same way."""
    period = demo
    for directive in Directive.objects.all():
        assert not tasks_without_lead(directive).exists(), directive
    section_iii = Task.objects.filter(
        group__directive=period.directive, group__section__number="III"
    )
    assert section_iii.count() == 39
    districts = Agency.objects.filter(kind=Agency.Kind.DISTRICT, code__startswith="lc-")
    for task in section_iii.prefetch_related("assignments__agency"):
        roles = {(a.agency.code, a.role) for a in task.assignments.all()}
        assert {role for _code, role in roles} >= {"lead", "implement"}
        assert {code for code, role in roles if role == "implement"} == {d.code for d in districts}
    divisions = Agency.objects.filter(parent__code="lc-sgddt", kind=Agency.Kind.UNIT)
    assert divisions.count() >= 4 and all(d.is_demo for d in divisions)
    division_user = User.objects.get(username="cv_gdpt")
    assert set(division_user.groups.values_list("name", flat=True)) == {
        roles_module.DEPARTMENT_STAFF,
        roles_module.REPORTING_UNIT,
    }
    # Leadership approved the divisions' reports; the Sở's own waits for it.
    statuses = dict(period.reports.values_list("agency__code", "status"))
    assert statuses["lc-sgddt-gdpt"] == "approved"
    assert statuses["lc-sgddt"] == "submitted"
    assert period.reports.get(agency__code="lc-sgddt-gdpt").reviewed_by.username == "lanhdao"


def test_the_demo_synthesis_and_workbook_show_every_task_group(demo):
    period = demo
    summary = task_status_summary(period)
    assert summary.by_group and all(row.total > 0 for row in summary.by_group), [
        (row.number, row.total) for row in summary.by_group
    ]
    workbook = openpyxl.load_workbook(io.BytesIO(directive_workbook(period.directive, period)))
    sheet = workbook[TASK_STATUS_SHEET]
    task_rows = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] or row[1]]
    with_status = [row for row in task_rows if any(cell for cell in row[2:])]
    # Every task of section III (39) has approved answers; before, 2 rows of 59 had any.
    assert len(with_status) >= 40, (len(with_status), len(task_rows))
    # Approved answers moved the state of record: some tasks are done, some on time.
    accounting = task_accounting(accounting_queryset(period.directive), on=timezone.localdate())
    assert accounting.done > 0 and accounting.counts["done_on_time"] > 0
