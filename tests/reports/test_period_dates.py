"""A period's due and lock dates move only with a reason, which its history keeps and
its page shows: a moved lock date once locked a unit out and was recorded nowhere."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reports import workflow
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(admin_user):
    admin_user.first_name, admin_user.last_name = "Hà", "Lê Thu"
    admin_user.save()
    return admin_user


def admin_change(client, period, **changes):
    url = reverse("admin:reports_reportingperiod_change", args=[period.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_a_lock_date_moved_in_the_admin_without_a_reason_is_refused(client, administrator, period):
    client.force_login(administrator)
    before = period.locks_on
    earlier = before - datetime.timedelta(days=20)
    response = admin_change(client, period, locks_on=earlier.strftime("%d/%m/%Y"))
    assert response.status_code == 200
    assert "Hãy nêu lý do đổi ngày" in response.content.decode()
    period.refresh_from_db()
    assert period.locks_on == before
    assert period.history.count() == 1  # opened, nothing since


def test_a_lock_date_moved_with_a_reason_is_kept_and_shown_on_the_period_page(
    client, administrator, unit_user, period
):
    client.force_login(administrator)
    old = period.locks_on
    new = period.due_on + datetime.timedelta(days=2)
    reason = "Rút ngắn thời gian khóa theo Công văn 1234/SGDĐT-KHTC"
    response = admin_change(client, period, locks_on=new.strftime("%d/%m/%Y"), reason=reason)
    assert response.status_code == 302, response.context["adminform"].form.errors
    period.refresh_from_db()
    assert period.locks_on == new
    last = period.history.first()
    assert last.history_change_reason == reason
    assert last.history_user_name == "Hà Lê Thu"

    # The units of the period read it on its page, with the reason.
    client.force_login(unit_user)
    page = client.get(reverse("reports:period_detail", args=[period.pk]))
    event = page.context["history"][0]
    assert event.action == "Đổi hạn nộp, ngày khóa"
    assert event.who == "Hà Lê Thu" and event.reason == reason
    assert [(c.old, c.new) for c in event.changes] == [
        (old.strftime("%d/%m/%Y"), new.strftime("%d/%m/%Y"))
    ]
    opened = page.context["history"][1]
    assert opened.action == "Mở kỳ báo cáo" and opened.who == "chuyenvien-test"
    text = page.content.decode()
    assert reason in text and "Đổi hạn nộp, ngày khóa" in text

    admin_history = client.get(reverse("admin:reports_reportingperiod_history", args=[period.pk]))
    assert admin_history.status_code == 302  # units do not use the admin
    client.force_login(administrator)
    admin_history = client.get(reverse("admin:reports_reportingperiod_history", args=[period.pk]))
    assert reason in admin_history.content.decode()


def test_putting_back_old_dates_from_the_history_needs_a_reason_too(
    client, administrator, staff_user, period
):
    opened = period.history.get()
    later = period.locks_on + datetime.timedelta(days=10)
    workflow.change_period_dates(
        period=period, due_on=period.due_on, locks_on=later, reason="Gia hạn khóa sổ", by=staff_user
    )
    client.force_login(administrator)
    url = reverse(
        "admin:reports_reportingperiod_simple_history", args=[period.pk, opened.history_id]
    )
    data = change_form_data(client.get(url))
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Hãy nêu lý do đổi ngày" in response.content.decode()
    period.refresh_from_db()
    assert period.locks_on == later
    data["reason"] = "Trả lại ngày khóa sổ ban đầu"
    assert client.post(url, data).status_code == 302
    period.refresh_from_db()
    assert period.locks_on == opened.locks_on
    assert period.history.first().history_change_reason == "Trả lại ngày khóa sổ ban đầu"


def test_other_changes_in_the_admin_need_no_reason(client, administrator, period):
    client.force_login(administrator)
    response = admin_change(client, period, name="Sơ kết học kỳ I (đã sửa tên)")
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.name == "Sơ kết học kỳ I (đã sửa tên)"
    assert period.history.first().history_change_reason in ("", None)


def test_the_domain_refuses_dates_without_a_reason_or_out_of_order(period, staff_user, unit_user):
    later = period.due_on + datetime.timedelta(days=5)
    with pytest.raises(ValidationError) as refused:
        workflow.change_period_dates(
            period=period, due_on=later, locks_on=period.locks_on, reason="  ", by=staff_user
        )
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        workflow.change_period_dates(
            period=period,
            due_on=later,
            locks_on=later - datetime.timedelta(days=1),
            reason="Lùi hạn do mưa lũ",
            by=staff_user,
        )
    assert "locks_on" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        workflow.change_period_dates(
            period=period, due_on=later, locks_on=period.locks_on, reason="x", by=unit_user
        )
    period.refresh_from_db()
    assert period.due_on != later
    moved = workflow.change_period_dates(
        period=period,
        due_on=later,
        locks_on=period.locks_on,
        reason="Lùi hạn do mưa lũ",
        by=staff_user,
    )
    assert moved.due_on == later
    assert moved.history.first().history_change_reason == "Lùi hạn do mưa lũ"
