"""Staff set a period's reminders (N days, M days to escalation) on the period form."""

import pytest
from django.urls import reverse

from directives.models import Agency, Directive, SchoolYear
from reports.models import ReportingPeriod

pytestmark = pytest.mark.django_db


def period_form_data(**extra):
    return {
        "name": "Sơ kết học kỳ I năm học 2024 - 2025",
        "school_year": SchoolYear.objects.get(start_year=2024).pk,
        "kind": "semester_1",
        "starts_on": "05/09/2024",
        "ends_on": "18/01/2025",
        "due_on": "25/01/2025",
        "locks_on": "28/02/2025",
        "units": [Agency.objects.get(code="lc-phongtho-ubnd").pk],
        **extra,
    }


def test_staff_set_the_reminder_days_on_the_period_form(client, staff_user):
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    client.force_login(staff_user)
    url = reverse("reports:period_create") + f"?directive={plan.pk}"
    page = client.get(url).content.decode()
    assert "Nhắc lại sau mỗi (ngày)" in page and 'value="3"' in page
    assert "Báo lên cấp trên sau (số ngày quá hạn)" in page and 'value="7"' in page
    response = client.post(url, period_form_data(remind_every_days="5", escalate_after_days="10"))
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(name__startswith="Sơ kết", directive=plan)
    assert (period.remind_every_days, period.escalate_after_days) == (5, 10)


def test_blank_reminder_days_are_the_defaults_and_zero_is_refused(client, staff_user):
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    client.force_login(staff_user)
    url = reverse("reports:period_create") + f"?directive={plan.pk}"
    refused = client.post(url, period_form_data(remind_every_days="0"))
    assert refused.status_code == 200
    assert not ReportingPeriod.objects.filter(directive=plan).exists()
    assert client.post(url, period_form_data()).status_code == 302
    period = ReportingPeriod.objects.get(directive=plan)
    assert (period.remind_every_days, period.escalate_after_days) == (3, 7)
