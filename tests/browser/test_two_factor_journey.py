"""Two-factor sign-in in a real Chromium: staff, whose role requires it, set up an
authenticator app on first login, then give a code from it after the password."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from accounts import roles
from accounts.models import RoleSecurity
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def app_code(key_text: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app would show for the key as the page prints it."""
    totp = TOTP(b32decode(key_text.replace(" ", "")), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def log_in_with_password(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("test-password")
    page.get_by_role("button", name="Đăng nhập").click()


def test_staff_set_up_an_authenticator_then_log_in_with_a_code(page: Page, seeded_live_server):
    base = seeded_live_server.url
    UserFactory(username="chuyenvien", is_staff=True, role=roles.DEPARTMENT_STAFF)
    RoleSecurity.objects.filter(group__name=roles.DEPARTMENT_STAFF).update(requires_two_factor=True)

    log_in_with_password(page, base, "chuyenvien")
    expect(page.get_by_role("heading", name="Thiết lập xác thực hai lớp")).to_be_visible()
    expect(page.get_by_text("Vai trò của bạn bắt buộc dùng xác thực hai lớp.")).to_be_visible()
    expect(page.locator("svg.qr-code")).to_be_visible()
    # Nothing else opens until the authenticator is set up.
    page.goto(f"{base}/directives/")
    expect(page).to_have_url(re.compile(r"/accounts/security/two-factor/setup/"))

    key = page.locator("#setup-key").inner_text()
    page.get_by_label("Mã từ ứng dụng").fill(app_code(key))
    page.get_by_role("button", name="Bật xác thực hai lớp").click()
    expect(page.get_by_role("heading", name="Mã khôi phục của bạn")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Tôi đã lưu các mã: tiếp tục").click()
    expect(page.get_by_role("link", name="Văn bản chỉ đạo")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    log_in_with_password(page, base, "chuyenvien")
    expect(page.get_by_role("heading", name="Nhập mã xác thực")).to_be_visible()
    page.get_by_label("Mã xác thực").fill(app_code(key, steps_ahead=1))
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    page.get_by_role("link", name="Văn bản chỉ đạo").click()
    expect(page.get_by_role("heading", name="Văn bản chỉ đạo")).to_be_visible()
