"""Failed logins lock a username from one address for a while, on both login forms."""

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN_FORMS = ["login", "admin:login"]
OFFICE = "10.20.30.40"


def try_login(client, login_form, username, password, **headers):
    headers.setdefault("REMOTE_ADDR", OFFICE)
    return client.post(reverse(login_form), {"username": username, "password": password}, **headers)


def fail(client, login_form, username, times, **headers):
    return [
        try_login(client, login_form, username, "wrong-password", **headers) for _ in range(times)
    ]


def logged_in(response):
    return "_auth_user_id" in response.wsgi_request.session


@pytest.mark.parametrize("login_form", LOGIN_FORMS)
def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(
    client, staff_user, login_form
):
    first_four = fail(client, login_form, staff_user.username, 4)
    assert [response.status_code for response in first_four] == [200] * 4
    fifth = try_login(client, login_form, staff_user.username, "wrong-password")
    assert fifth.status_code == 429

    right = try_login(client, login_form, staff_user.username, "test-password")
    assert right.status_code == 429
    assert not logged_in(right)


@pytest.mark.parametrize("login_form", LOGIN_FORMS)
def test_the_lockout_page_says_in_vietnamese_when_to_try_again(client, staff_user, login_form):
    response = fail(client, login_form, staff_user.username, 5)[-1]
    last = AccessAttempt.objects.get(username=staff_user.username).attempt_time
    until = (last + timedelta(minutes=15)).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    page_text = response.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in page_text
    assert f"Bạn có thể thử lại lúc {until:%H:%M} (sau 15 phút nữa)." in page_text
    assert staff_user.username in page_text
    # The site's own layout, not a bare message.
    assert 'class="site-header"' in page_text


def test_the_same_username_from_another_address_can_still_log_in(client, staff_user):
    fail(client, "login", staff_user.username, 5)
    response = try_login(
        client, "login", staff_user.username, "test-password", REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 302
    assert logged_in(response)


def test_another_user_behind_the_same_address_can_still_log_in(client, staff_user, unit_user):
    fail(client, "login", staff_user.username, 5)
    response = try_login(client, "login", unit_user.username, "test-password")
    assert response.status_code == 302


def test_the_lockout_ends_after_fifteen_minutes(client, staff_user):
    fail(client, "login", staff_user.username, 5)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=15, seconds=1))
    response = try_login(client, "login", staff_user.username, "test-password")
    assert response.status_code == 302
    assert logged_in(response)


def test_trying_during_the_lockout_does_not_make_it_longer(client, staff_user):
    fail(client, "login", staff_user.username, 5)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=10))
    fail(client, "login", staff_user.username, 3)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=5, seconds=1))
    assert try_login(client, "login", staff_user.username, "test-password").status_code == 302


def test_a_successful_login_forgets_the_earlier_failures(client, staff_user):
    fail(client, "login", staff_user.username, 4)
    assert try_login(client, "login", staff_user.username, "test-password").status_code == 302
    assert not AccessAttempt.objects.filter(username=staff_user.username).exists()
    client.post(reverse("logout"))
    assert [r.status_code for r in fail(client, "login", staff_user.username, 4)] == [200] * 4


def test_a_lockout_is_logged_with_the_username_and_address(client, staff_user, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts.lockout"):
        fail(client, "login", staff_user.username, 5)
        try_login(client, "login", staff_user.username, "test-password")
    lines = [r.getMessage() for r in caplog.records if r.name == "accounts.lockout"]
    assert len(lines) == 2
    assert all("Login locked out" in line for line in lines)
    assert all(f"'{staff_user.username}' from {OFFICE}" in line for line in lines)


def test_behind_a_proxy_the_configured_header_gives_the_clients_address(
    client, staff_user, settings
):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    # The left-most entries come from the client and can be forged; our proxy adds the last.
    fail(client, "login", staff_user.username, 5, HTTP_X_FORWARDED_FOR="1.1.1.1, 10.5.5.5", **proxy)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.5.5.5"}

    other_school = try_login(
        client,
        "login",
        staff_user.username,
        "test-password",
        HTTP_X_FORWARDED_FOR="10.6.6.6",
        **proxy,
    )
    assert other_school.status_code == 302


def test_without_the_setting_a_forwarded_header_is_ignored(client, staff_user):
    fail(client, "login", staff_user.username, 5, HTTP_X_FORWARDED_FOR="10.5.5.5")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}
    response = try_login(
        client, "login", staff_user.username, "test-password", HTTP_X_FORWARDED_FOR="10.6.6.6"
    )
    assert response.status_code == 429


def test_the_client_address_header_is_off_unless_configured():
    assert settings.CLIENT_IP_HEADER == ""
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
