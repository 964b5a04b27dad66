"""The demo period: a realistic mix, created once, only with DEBUG on."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from reports.demo import PERIOD_NAME, load_demo_data
from reports.models import ProgressReport, ReportingPeriod
from reports.selectors import completeness_board, indicator_rollup

pytestmark = pytest.mark.django_db


def test_demo_period_has_a_realistic_mix(settings):
    settings.DEBUG = True
    period = load_demo_data()
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
    assert ReportingPeriod.objects.filter(is_demo=True).count() == 1
    returned = period.reports.get(agency__code="lc-namnhun-ubnd")
    assert "Chỉ tiêu 8" in returned.return_reason
    assert ProgressReport.history.filter(id=returned.pk).count() >= 3


def test_demo_data_is_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        load_demo_data()
