"""Two-factor sign-in: set up with an authenticator app, then a code after every password."""

import re
import time
from base64 import b32encode
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
HOME = reverse("reports:home")


def app_code(device, *, steps_ahead=0):
    """What the user's authenticator app shows now (or ``steps_ahead`` 30-second steps on)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    right = {app_code(device, steps_ahead=step) for step in (-1, 0, 1, 2)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


def wait_out_the_pause(user):
    """As if the pause that follows a wrong code (1, 2, 4... s) had passed."""
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, throttling_failure_count__gt=0):
            model.objects.filter(pk=device.pk).update(
                throttling_failure_timestamp=device.throttling_failure_timestamp
                - timedelta(seconds=2**device.throttling_failure_count)
            )


def enrol(client, user):
    """Set up an authenticator for a signed-in ``user``; returns the device and the codes."""
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": app_code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    return device, response.context["codes"]


def log_in_with_password(user):
    client = Client()
    response = client.post(
        reverse("login"), {"username": user.username, "password": "test-password"}
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def enrolled(client, staff_user):
    client.force_login(staff_user)
    device, codes = enrol(client, staff_user)
    client.post(reverse("logout"))
    return device, codes


def test_the_setup_page_shows_a_qr_code_and_the_key_to_type_by_hand(client, staff_user):
    client.force_login(staff_user)
    response = client.get(SETUP)
    assert response.status_code == 200
    page = response.content.decode()
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    assert '<svg width="' in page and 'class="qr-code"' in page
    key = b32encode(device.bin_key).decode().rstrip("=")
    assert " ".join(key[i : i + 4] for i in range(0, len(key), 4)) in page
    assert "Thiết lập xác thực hai lớp" in page
    # A strict Content-Security-Policy allows neither inline script nor inline style.
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and "style=" not in page


def test_reloading_the_setup_page_keeps_the_same_secret(client, staff_user):
    client.force_login(staff_user)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=staff_user).count() == 1


def test_a_code_from_the_app_turns_it_on_and_shows_ten_recovery_codes_once(client, staff_user):
    client.force_login(staff_user)
    device, codes = enrol(client, staff_user)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=staff_user).count() == 10
    security = client.get(reverse("accounts:security")).content.decode()
    assert "Đã bật" in security
    assert "Bạn còn 10 mã khôi phục chưa dùng." in security
    assert not any(code in security for code in codes)


def test_a_wrong_code_is_refused_beside_the_field_and_nothing_is_turned_on(client, staff_user):
    client.force_login(staff_user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=staff_user)
    response = client.post(SETUP, {"code": wrong_code(device)})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_code_error"><p class="field__error">Mã không đúng.' in page
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=staff_user).exists()


def test_after_the_password_the_code_comes_before_any_page(enrolled, staff_user):
    device, _codes = enrolled
    client = log_in_with_password(staff_user)
    for url in [HOME, reverse("directives:directive_list"), reverse("admin:index")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{VERIFY}?next="), url
    page = client.get(VERIFY).content.decode()
    assert "Nhập mã xác thực" in page

    response = client.post(
        VERIFY, {"code": app_code(device, steps_ahead=1), "next": reverse("admin:index")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(HOME).status_code == 200


def test_a_code_is_asked_after_the_admin_login_form_too(enrolled, staff_user):
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": staff_user.username, "password": "test-password", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index"))["Location"].startswith(VERIFY)


def test_a_wrong_code_after_the_password_is_refused(enrolled, staff_user):
    device, _codes = enrolled
    client = log_in_with_password(staff_user)
    response = client.post(VERIFY, {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_wrong_codes_make_the_next_try_wait(enrolled, staff_user):
    device, _codes = enrolled
    client = log_in_with_password(staff_user)
    client.post(VERIFY, {"code": wrong_code(device)})
    # Even the right code waits until the pause after a wrong one is over (1, 2, 4... s).
    response = client.post(VERIFY, {"code": app_code(device, steps_ahead=1)})
    assert "Nhập sai mã quá nhiều lần. Hãy thử lại sau 1 giây." in response.content.decode()
    assert client.get(HOME).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    wait_out_the_pause(staff_user)
    response = client.post(VERIFY, {"code": app_code(device, steps_ahead=1)})
    assert response.status_code == 302


def test_a_recovery_code_signs_in_once_only(enrolled, staff_user):
    _device, codes = enrolled
    client = log_in_with_password(staff_user)
    response = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
    assert response.redirect_chain[0][0] == HOME
    assert "còn 9 mã" in response.content.decode()
    client.post(reverse("logout"))

    client = log_in_with_password(staff_user)
    response = client.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, staff_user):
    client.force_login(staff_user)
    device, old_codes = enrol(client, staff_user)
    url = reverse("accounts:recovery_codes_regenerate")
    assert client.post(url, {"code": wrong_code(device)}).status_code == 200
    assert StaticToken.objects.filter(device__user=staff_user).count() == 10
    wait_out_the_pause(staff_user)
    response = client.post(url, {"code": app_code(device, steps_ahead=1)})
    new_codes = response.context["codes"]
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    client.post(reverse("logout"))

    client = log_in_with_password(staff_user)
    assert "Mã không đúng" in client.post(VERIFY, {"code": old_codes[1]}).content.decode()
    wait_out_the_pause(staff_user)
    assert client.post(VERIFY, {"code": new_codes[1]}).status_code == 302


def test_turning_it_off_needs_a_code_and_then_the_password_is_enough(client, staff_user):
    client.force_login(staff_user)
    device, _codes = enrol(client, staff_user)
    url = reverse("accounts:two_factor_disable")
    response = client.post(url, {"code": wrong_code(device)})
    assert "Mã không đúng" in response.content.decode()
    assert TOTPDevice.objects.filter(user=staff_user).exists()

    wait_out_the_pause(staff_user)
    response = client.post(url, {"code": app_code(device, steps_ahead=1)}, follow=True)
    assert "Đã tắt xác thực hai lớp." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff_user).exists()
    assert not StaticDevice.objects.filter(user=staff_user).exists()
    client.post(reverse("logout"))
    assert log_in_with_password(staff_user).get(HOME).status_code == 200


def test_a_user_owing_a_code_can_still_log_out_check_health_and_load_styles(enrolled, staff_user):
    client = log_in_with_password(staff_user)
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get("/static/css/app.css").status_code == 200
    assert client.get(reverse("login")).status_code == 200
    language = client.post(reverse("set_language"), {"language": "en", "next": VERIFY})
    assert language.status_code == 302
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(HOME)["Location"].startswith(reverse("login"))


def test_the_code_page_hides_the_navigation_until_the_code_is_given(enrolled, staff_user):
    client = log_in_with_password(staff_user)
    page = client.get(VERIFY).content.decode()
    assert reverse("reports:period_list") not in page
    assert "Đăng xuất" in page


def test_the_code_page_sends_a_user_without_an_authenticator_on(client, unit_user):
    client.force_login(unit_user)
    response = client.get(VERIFY)
    assert response.status_code == 302
    assert response["Location"] == HOME


def test_the_code_page_ignores_a_next_address_on_another_site(enrolled, staff_user):
    device, _codes = enrolled
    client = log_in_with_password(staff_user)
    response = client.post(
        VERIFY, {"code": app_code(device, steps_ahead=1), "next": "https://example.com/"}
    )
    assert response["Location"] == HOME
