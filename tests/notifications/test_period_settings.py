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


@pytest.fixture
def opened(client, staff_user):
    """A period opened through the form (due 25/01/2025, locked after 28/02/2025, N 3, M 7)."""
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    client.force_login(staff_user)
    client.post(reverse("reports:period_create") + f"?directive={plan.pk}", period_form_data())
    return ReportingPeriod.objects.get(directive=plan)


def settings_data(**extra):
    return {
        "due_on": "25/01/2025",
        "locks_on": "28/02/2025",
        "reason": "",
        "remind_every_days": "3",
        "escalate_after_days": "7",
        **extra,
    }


def test_staff_change_the_reminders_and_dates_of_an_open_period(client, staff_user, opened):
    board = reverse("reports:period_detail", args=[opened.pk])
    url = reverse("reports:period_settings", args=[opened.pk])
    page = client.get(board).content.decode()
    assert f'href="{url}"' in page and "Nhắc việc: 3 ngày trước hạn nộp" in page
    form = client.get(url).content.decode()
    assert 'value="25/01/2025"' in form and 'value="28/02/2025"' in form
    assert 'value="3"' in form and 'value="7"' in form

    response = client.post(url, settings_data(remind_every_days="2", escalate_after_days="5"))
    assert response["Location"] == board
    opened.refresh_from_db()
    assert (opened.remind_every_days, opened.escalate_after_days) == (2, 5)
    assert opened.due_on.isoformat() == "2025-01-25"

    moved = settings_data(
        due_on="31/01/2025",
        locks_on="07/03/2025",
        reason="Tết Ất Tỵ",
        remind_every_days="2",
        escalate_after_days="5",
    )
    page = client.post(url, moved, follow=True).content.decode()
    opened.refresh_from_db()
    assert (opened.due_on.isoformat(), opened.locks_on.isoformat()) == ("2025-01-31", "2025-03-07")
    assert (opened.remind_every_days, opened.escalate_after_days) == (2, 5)
    assert "Đã lưu thời hạn và lịch nhắc việc của kỳ báo cáo." in page
    assert "Tết Ất Tỵ" in page  # the reason, in the period's history
    assert "Nhắc việc: 2 ngày trước hạn nộp" in page
    assert opened.history.count() == 3  # opened, reminders, dates: one row a save


def test_moving_the_dates_needs_a_reason_and_keeps_what_was_typed(client, opened):
    url = reverse("reports:period_settings", args=[opened.pk])
    typed = settings_data(due_on="31/01/2025", remind_every_days="4")
    page = client.post(url, typed).content.decode()
    assert "Hãy nêu lý do đổi ngày" in page
    assert 'value="31/01/2025"' in page and 'value="4"' in page
    refused = client.post(url, settings_data(remind_every_days="0")).content.decode()
    assert 'name="remind_every_days"' in refused and "field--error" in refused
    opened.refresh_from_db()
    assert (opened.due_on.isoformat(), opened.remind_every_days) == ("2025-01-25", 3)
    assert opened.history.count() == 1


def test_only_department_staff_change_a_period(client, opened, leadership_user):
    url = reverse("reports:period_settings", args=[opened.pk])
    client.force_login(leadership_user)
    assert client.get(url).status_code == 403
    assert client.post(url, settings_data(remind_every_days="9")).status_code == 403
    board = client.get(reverse("reports:period_detail", args=[opened.pk])).content.decode()
    assert url not in board
    opened.refresh_from_db()
    assert opened.remind_every_days == 3
